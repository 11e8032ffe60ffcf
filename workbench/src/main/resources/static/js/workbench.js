// Slurm Workbench: small behaviours shared by every page (no inline scripts, so a strict CSP stays possible).
document.addEventListener("htmx:configRequest", function (event) {
  // Send the CSRF token with every state-changing htmx request.
  var token = document.querySelector('meta[name="csrf-token"]');
  var header = document.querySelector('meta[name="csrf-header"]');
  if (token && header && event.detail.verb !== "get") {
    event.detail.headers[header.content] = token.content;
  }
});

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
