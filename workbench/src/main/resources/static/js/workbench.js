// Slurm Workbench: small behaviours shared by every page (no inline scripts, so a strict CSP stays possible).
document.addEventListener("htmx:configRequest", function (event) {
  // Send the CSRF token with every state-changing htmx request.
  var token = document.querySelector('meta[name="csrf-token"]');
  var header = document.querySelector('meta[name="csrf-header"]');
  if (token && header && event.detail.verb !== "get") {
    event.detail.headers[header.content] = token.content;
  }
});
