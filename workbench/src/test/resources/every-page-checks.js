// EveryPageBrowserIT's look at the page the browser shows: what is clipped, and the text a reader sees (in the DOM
// and in the charts' canvases), for the test to look for English Slurm words and message keys on Chinese pages.
// The body of a function Selenium runs; returns {clipped: [..], text: "..."}.
var clipped = [];
// containers meant to scroll say so; only they may hold more than they show
function meantToScroll(el) {
  return el.hasAttribute("data-scroll") || el.classList.contains("table-scroll");
}
function describe(el) {
  var name = el.tagName.toLowerCase();
  if (el.id) name += "#" + el.id;
  if (el.classList.length) name += "." + Array.prototype.join.call(el.classList, ".");
  var parent = el.parentElement;
  if (!el.id && parent) name = (parent.id ? "#" + parent.id : parent.tagName.toLowerCase()) + " > " + name;
  var text = (el.value || el.placeholder || el.textContent || "").replace(/\s+/g, " ").trim();
  return name + (text ? " \"" + text.substring(0, 40) + "\"" : "");
}
var root = document.documentElement;
if (root.scrollWidth > root.clientWidth) {
  clipped.push("the page is " + (root.scrollWidth - root.clientWidth) + " px wider than the window");
}
var measure = document.createElement("canvas").getContext("2d");
document.body.querySelectorAll("*").forEach(function (el) {
  if (el.closest("[_echarts_instance_], svg") || el.tagName === "CANVAS" || meantToScroll(el)) return;
  if (el.getClientRects().length === 0) return; // not shown
  var style = getComputedStyle(el);
  if (style.display === "inline" || style.visibility === "hidden" || style.opacity === "0") return; // hidden on purpose
  var wide = el.scrollWidth - el.clientWidth;
  var tall = el.scrollHeight - el.clientHeight;
  if (wide > 1) {
    clipped.push(describe(el) + ": content " + wide + " px wider than its box (overflow-x " + style.overflowX + ")");
  } else if (tall > 1 && style.overflowY !== "visible" && el.tagName !== "TEXTAREA" && el.tagName !== "SELECT") {
    clipped.push(describe(el) + ": content " + tall + " px taller than its box (overflow-y " + style.overflowY + ")");
  }
  // a placeholder longer than its empty field is cut off without any scrollWidth to show it
  if ((el.tagName === "INPUT" || el.tagName === "TEXTAREA") && el.placeholder && !el.value) {
    measure.font = style.font;
    var room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    var need = measure.measureText(el.placeholder).width;
    if (need > room + 1) {
      clipped.push(describe(el) + ": placeholder needs " + Math.ceil(need) + " px, the field has " + Math.floor(room));
    }
  }
});

// Charts: every text ECharts drew must lie inside its canvas, whole (no "…" from truncation)
var chartText = [];
document.querySelectorAll("[_echarts_instance_]").forEach(function (el) {
  var chart = window.echarts && echarts.getInstanceByDom(el);
  if (!chart) return;
  var zr = chart.getZr(), w = zr.getWidth(), h = zr.getHeight();
  var where = el.id ? "#" + el.id : "chart in " + describe(el.parentElement);
  zr.storage.getDisplayList(true).forEach(function (d) {
    if (d.type !== "tspan" || d.invisible || d.ignore || !d.style || !d.style.text) return;
    var text = String(d.style.text);
    chartText.push(text);
    // the text's own box where it is drawn (a paint rect would add room for strokes and shadows)
    var r = d.getBoundingRect().clone();
    if (d.transform) r.applyTransform(d.transform);
    if (r.x < -1 || r.y < -1 || r.x + r.width > w + 1 || r.y + r.height > h + 1) {
      clipped.push(where + ": chart text \"" + text + "\" drawn outside the chart (" + Math.round(r.x) + ","
          + Math.round(r.y) + " " + Math.round(r.width) + "x" + Math.round(r.height) + " in " + w + "x" + h + ")");
    } else if (/…|\.\.\.$/.test(text)) {
      clipped.push(where + ": chart text cut short: \"" + text + "\"");
    }
  });
});

// the text a reader sees, less what is not in the page's language on purpose: code, Slurm's raw text, other
// languages' names (the language switch)
var skip = [];
document.body.querySelectorAll("code, pre, kbd, samp, [lang]:not([lang=zh]), [translate=no]").forEach(function (e) {
  skip.push(e.innerText);
});
var text = document.body.innerText;
skip.forEach(function (s) { if (s) text = text.split(s).join(" "); });
var attributes = [];
document.body.querySelectorAll("[placeholder], [title], [aria-label], img[alt]").forEach(function (e) {
  if (e.closest("code, pre, [lang]:not([lang=zh]), [translate=no]")) return;
  ["placeholder", "title", "aria-label", "alt"].forEach(function (a) {
    if (e.getAttribute(a)) attributes.push(e.getAttribute(a));
  });
});
return {clipped: clipped, text: document.title + "\n" + text + "\n" + attributes.join("\n") + "\n" + chartText.join("\n")};
