// Slurm Workbench: the one chart helper. Any element with data-chart (a small JSON description written by the
// server's ChartSpecs) becomes an ECharts chart; charts are redrawn whenever htmx swaps new content in.
(function () {
  function option(spec) {
    if (spec.kind === "pie") {
      return {
        animation: false,
        tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
        legend: { bottom: 0, type: "scroll" },
        series: [{ type: "pie", radius: ["35%", "65%"], center: ["50%", "42%"],
          // coloured by meaning (a node state's colour is the same on every chart), never by order
          data: spec.slices.map(function (s) {
            return { name: s.name, value: s.value, itemStyle: s.color ? { color: s.color } : undefined };
          }),
          label: { formatter: "{b}: {c}" } }]
      };
    }
    if (spec.kind === "lines") {
      // time series: every series' value at the hovered time in the tooltip
      return {
        animation: false,
        tooltip: { trigger: "axis" },
        legend: { bottom: 0, type: "scroll" },
        grid: { left: 8, right: 16, top: 12, bottom: 40, containLabel: true },
        // "x": "offset": seconds from a start (a workload's plan), labelled h:mm:ss; else epoch milliseconds
        xAxis: spec.x === "offset"
          ? { type: "value", min: spec.min, max: spec.max, axisLabel: { formatter: clock } }
          : { type: "time", min: spec.min, max: spec.max },
        yAxis: { type: "value", min: 0 },
        series: spec.series.map(function (s) {
          var line = { name: s.name, type: "line", showSymbol: s.data.length < 60, data: s.data };
          // limits are drawn as dashed steps; moments a limit was reached as shaded areas and marks
          if (s.step) line.step = s.step;
          if (s.dashed) line.lineStyle = { type: "dashed" };
          if (s.areas && s.areas.length) {
            line.markArea = { silent: true, itemStyle: { color: "rgba(180, 35, 24, 0.12)" },
              data: s.areas.map(function (a) { return [{ xAxis: a[0] }, { xAxis: a[1] }]; }) };
          }
          if (s.marks && s.marks.length) {
            line.markPoint = { symbolSize: 36, itemStyle: { color: "#b42318" },
              data: s.marks.map(function (m) { return { coord: m, value: m[1] }; }) };
          }
          return line;
        })
      };
    }
    if (spec.kind === "bars") {
      // vertical bars over categories (histograms), one colour per series
      return {
        animation: false,
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { bottom: 0, type: "scroll" },
        grid: { left: 8, right: 16, top: 12, bottom: 40, containLabel: true },
        xAxis: { type: "category", data: spec.categories, name: spec.axis, nameLocation: "middle", nameGap: 24 },
        yAxis: { type: "value", min: 0 },
        series: spec.series.map(function (s) {
          return { name: s.name, type: "bar", data: s.data, itemStyle: s.color ? { color: s.color } : undefined };
        })
      };
    }
    // stackedBar: one horizontal bar per category in percent of its total, one segment per series; counts in
    // the labels and the tooltip
    return {
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: function (items) {
        return items[0].axisValueLabel + "<br>" + items.map(function (p) {
          return p.marker + p.seriesName + ": " + p.data.count + " (" + p.data.value + "%)";
        }).join("<br>");
      } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 8, bottom: 36, containLabel: true },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", data: spec.categories },
      series: spec.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "total", data: s.data, itemStyle: { color: s.color },
          label: { show: true, formatter: function (p) { return p.data.count > 0 ? String(p.data.count) : ""; } } };
      })
    };
  }

  function clock(seconds) {
    var s = Math.round(seconds), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
    return h + ":" + (m < 10 ? "0" : "") + m + ":" + (r < 10 ? "0" : "") + r;
  }

  function draw(root) {
    if (!window.echarts || !root || !root.querySelectorAll) return;
    var charts = root.matches && root.matches("[data-chart]") ? [root] : root.querySelectorAll("[data-chart]");
    charts.forEach(function (el) {
      var old = echarts.getInstanceByDom(el);
      if (old) old.dispose();
      echarts.init(el, null, { renderer: "canvas" }).setOption(option(JSON.parse(el.dataset.chart)));
      el.dataset.drawn = "true";
    });
  }

  document.addEventListener("htmx:load", function (e) { draw(e.detail.elt); });
  document.addEventListener("DOMContentLoaded", function () { draw(document.body); });
  window.addEventListener("resize", function () {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var c = window.echarts && echarts.getInstanceByDom(el);
      if (c) c.resize();
    });
  });
})();
