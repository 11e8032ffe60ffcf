// Accounting (Cosmos): draws the usage chart from the JSON the server put in data-chart (no inline script).
(function () {
  var el = document.getElementById("usage-chart");
  if (!el || !window.echarts) {
    return;
  }
  var chart = JSON.parse(el.getAttribute("data-chart"));
  var other = el.getAttribute("data-other") || "other";
  var instance = echarts.init(el);
  var option;
  if (chart.type === "lines" || chart.type === "stacked") {
    // per period: sums as stacked bars, means and shares as one line per group (gaps where a group has none)
    option = {
      tooltip: {trigger: "axis"},
      legend: {type: "scroll", top: 0},
      grid: {left: 80, right: 20, top: 40, bottom: 40},
      xAxis: {type: "category", data: chart.categories},
      yAxis: {type: "value", name: chart.axis, nameLocation: "middle", nameGap: 55},
      series: chart.series.map(function (s) {
        var name = s.name === "other" ? other : s.name;
        return chart.type === "lines" ? {name: name, type: "line", symbolSize: 8, data: s.data}
          : {name: name, type: "bar", stack: "usage", data: s.data};
      })
    };
  } else {
    option = {
      tooltip: {trigger: "axis"},
      grid: {left: 160, right: 30, top: 20, bottom: 40},
      xAxis: {type: "value", name: chart.axis, nameLocation: "middle", nameGap: 24},
      yAxis: {type: "category", data: chart.categories.slice().reverse()},
      series: [{type: "bar", data: chart.series[0].data.slice().reverse()}]
    };
  }
  instance.setOption(option);
  el.setAttribute("data-rendered", "true");
  window.addEventListener("resize", function () { instance.resize(); });
})();
