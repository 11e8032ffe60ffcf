// Slurm Workbench: small behaviours shared by every page (no inline scripts, so a strict CSP stays possible).
document.addEventListener("htmx:configRequest", function (event) {
  // Send the CSRF token with every state-changing htmx request.
  var token = document.querySelector('meta[name="csrf-token"]');
  var header = document.querySelector('meta[name="csrf-header"]');
  if (token && header && event.detail.verb !== "get") {
    event.detail.headers[header.content] = token.content;
  }
});

// datetime-local inputs show and take the viewer's local time; forms send them as UTC ISO instants under the
// name in data-utc-name (e.g. fromLocal -> from), and show the server's UTC instant from data-utc-value.
document.addEventListener("htmx:configRequest", function (event) {
  // htmx 2 hands the parameters over as FormData (its "parameters" proxy has no "in" test, so ask the FormData).
  var form = event.detail.formData;
  if (!form) {
    return;
  }
  document.querySelectorAll("input[type=datetime-local][data-utc-name]").forEach(function (input) {
    if (!form.has(input.name)) {
      return;
    }
    var local = form.get(input.name);
    form.delete(input.name);
    if (local) {
      var time = new Date(local);
      form.set(input.dataset.utcName, isNaN(time.getTime()) ? local : time.toISOString()); // a bad value: the server names the field
    }
  });
});

function fillLocalTimes(root) {
  (root || document).querySelectorAll("input[type=datetime-local][data-utc-value]").forEach(function (input) {
    var time = new Date(input.dataset.utcValue);
    if (!input.value && !isNaN(time.getTime())) {
      var local = new Date(time.getTime() - time.getTimezoneOffset() * 60000);
      input.value = local.toISOString().slice(0, 16);
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { fillLocalTimes(document); });
document.addEventListener("htmx:afterSettle", function (event) { fillLocalTimes(event.detail.elt); });
// Bar widths arrive as data-width: the CSP forbids style attributes, but not setting a style from a script.
function setBarWidths(root) {
  root.querySelectorAll("[data-width]").forEach(function (el) {
    el.style.width = Math.max(0, Math.min(100, Number(el.getAttribute("data-width")) || 0)) + "%";
  });
}
document.addEventListener("htmx:load", function (event) {
  setBarWidths(event.detail.elt);
});
document.addEventListener("DOMContentLoaded", function () {
  setBarWidths(document);
});
