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
  var params = event.detail.parameters;
  document.querySelectorAll("input[type=datetime-local][data-utc-name]").forEach(function (input) {
    if (!(input.name in params)) {
      return;
    }
    var local = params[input.name];
    delete params[input.name];
    if (local) {
      var time = new Date(local);
      if (!isNaN(time.getTime())) {
        params[input.dataset.utcName] = time.toISOString();
      } else {
        params[input.dataset.utcName] = local; // the server names the bad field
      }
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
