// Slurm Workbench: the one chart helper. Any element with data-chart (a small JSON description written by the
// server's ChartSpecs) becomes an ECharts chart; charts are redrawn whenever htmx swaps new content in.
(function () {
  // The one label rule of every chart: nothing is drawn where it could be cut off. Axis labels stay inside the grid
  // (containLabel), an axis name sits in the middle below its axis with room kept for it, pie labels are left to the
  // legend, and the legend is HTML under the chart (legend()), which wraps instead of hiding names behind arrows.
  // right: room for half of the last x label, which ECharts centres on the axis's end (containLabel leaves it out)
  var GRID = { left: 8, right: 32, top: 12, bottom: 8, containLabel: true };
  var NAME_GAP = 28;
  var GRID_NAMED_X = { left: 8, right: 32, top: 12, bottom: NAME_GAP + 8, containLabel: true };
  // kept (hidden) so the HTML legend can switch series on and off through ECharts' legend actions
  var HIDDEN_LEGEND = { show: false };

  function option(spec) {
    if (spec.kind === "pie") {
      return {
        animation: false,
        tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
        legend: HIDDEN_LEGEND,
        series: [{ type: "pie", radius: ["40%", "72%"], center: ["50%", "50%"], label: { show: false },
          // coloured by meaning (a node state's colour is the same on every chart), never by order
          data: spec.slices.map(function (s) {
            return { name: s.name, value: s.value, itemStyle: s.color ? { color: s.color } : undefined };
          }) }]
      };
    }
    if (spec.kind === "lines") {
      // time series: every series' value at the hovered time in the tooltip
      return {
        animation: false,
        tooltip: { trigger: "axis" },
        legend: HIDDEN_LEGEND,
        grid: GRID,
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
      // bars over categories, one colour per series: side by side (histograms), stacked, sideways (a ranking), or
      // lines over the categories
      var categories = { type: "category", data: spec.categories, name: spec.axis, nameLocation: "middle", nameGap: NAME_GAP,
        inverse: !!spec.horizontal };
      var values = { type: "value", min: 0 };
      return {
        animation: false,
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: HIDDEN_LEGEND,
        grid: spec.axis && !spec.horizontal ? GRID_NAMED_X : GRID,
        xAxis: spec.horizontal ? values : categories,
        yAxis: spec.horizontal ? categories : values,
        series: spec.series.map(function (s) {
          if (spec.lines) {
            return { name: s.name, type: "line", symbolSize: 8, connectNulls: false, data: s.data,
              itemStyle: s.color ? { color: s.color } : undefined };
          }
          return { name: s.name, type: "bar", data: s.data, stack: spec.stacked ? "total" : undefined,
            itemStyle: s.color ? { color: s.color } : undefined };
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
      legend: HIDDEN_LEGEND,
      grid: GRID,
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

  // The legend as buttons under the chart, one per series (a pie: per slice, with its count), in the series' colour;
  // pressing one hides or shows it.
  function legend(el, chart, spec) {
    var next = el.nextElementSibling;
    if (next && next.classList.contains("chart-legend")) next.remove();
    var items = [];
    if (spec.kind === "pie") {
      spec.slices.forEach(function (s, i) {
        items.push({ key: s.name, text: s.name + ": " + s.value, color: chart.getVisual({ seriesIndex: 0, dataIndex: i }, "color") });
      });
    } else {
      chart.getOption().series.forEach(function (s, i) {
        if (s.name) items.push({ key: s.name, text: s.name, color: chart.getVisual({ seriesIndex: i }, "color") });
      });
    }
    if (items.length === 0) return;
    var list = document.createElement("ul");
    list.className = "chart-legend";
    items.forEach(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("aria-pressed", "true");
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = item.color;
      button.append(swatch, document.createTextNode(item.text));
      button.addEventListener("click", function () {
        chart.dispatchAction({ type: "legendToggleSelect", name: item.key });
        button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true"));
      });
      var li = document.createElement("li");
      li.append(button);
      list.append(li);
    });
    el.after(list);
  }

  function draw(root) {
    if (!window.echarts || !root || !root.querySelectorAll) return;
    var charts = root.matches && root.matches("[data-chart]") ? [root] : root.querySelectorAll("[data-chart]");
    charts.forEach(function (el) {
      var old = echarts.getInstanceByDom(el);
      if (old) old.dispose();
      var spec = JSON.parse(el.dataset.chart);
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option(spec));
      legend(el, chart, spec);
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
