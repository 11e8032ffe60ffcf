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

// A polled part of a page (job list, job detail, pilots, runs) that cannot be refreshed keeps what it showed and says
// so at its top, with the reason the server gave (its 503 page names the cluster) and the time it was last refreshed;
// the next good answer replaces the part, notice and all.
function markRefreshed(root) {
  root.querySelectorAll("[hx-trigger*='every']").forEach(function (el) { el.dataset.refreshedAt = String(Date.now()); });
  if (root.matches && root.matches("[hx-trigger*='every']")) {
    root.dataset.refreshedAt = String(Date.now());
  }
}
document.addEventListener("DOMContentLoaded", function () { markRefreshed(document); });
document.addEventListener("htmx:load", function (event) { markRefreshed(event.detail.elt); });

function showRefreshFailed(event, reason) {
  var el = event.detail.elt;
  if (!el || !el.matches("[hx-trigger*='every']")) {
    return; // a form's own request reports its own errors
  }
  var since = new Date(Number(el.dataset.refreshedAt) || Date.now());
  var text = document.body.dataset.refreshFailed.replace("{0}", reason).replace("{1}", since.toLocaleTimeString());
  var notice = el.querySelector(":scope > .refresh-failed");
  if (!notice) {
    notice = document.createElement("p");
    notice.className = "notice refresh-failed";
    notice.setAttribute("role", "status");
    el.insertBefore(notice, el.firstChild);
  }
  notice.textContent = text;
}
document.addEventListener("htmx:responseError", function (event) {
  var reason = "HTTP " + event.detail.xhr.status + ".";
  var type = event.detail.xhr.getResponseHeader("Content-Type") || "";
  if (type.indexOf("text/html") === 0) {
    var message = new DOMParser().parseFromString(event.detail.xhr.responseText, "text/html").getElementById("error-message");
    if (message && message.textContent.trim()) {
      reason = message.textContent.trim();
    }
  }
  showRefreshFailed(event, reason);
});
document.addEventListener("htmx:sendError", function (event) {
  showRefreshFailed(event, document.body.dataset.refreshUnreachable);
});

// A form whose button carries data-confirm asks that question first (cancel, hold, create); "no" sends nothing.
// In the capture phase, before htmx sends a form it handles: a "no" stops the event there.
document.addEventListener("submit", function (e) {
  var button = e.submitter || e.target.querySelector("[data-confirm]");
  var question = button && button.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    e.preventDefault();
    e.stopPropagation();
  }
}, true);

// Enter in a field of a form's second action (a template's name) does that action (data-enter-clicks names its button),
// never the form's first button, which the browser would press otherwise (submitting the job). Typing there changes
// nothing the form previews, so its input and change events stop before the form (no preview racing the action).
["input", "change"].forEach(function (type) {
  document.addEventListener(type, function (e) {
    if (e.target.dataset && e.target.dataset.enterClicks) {
      e.stopPropagation();
    }
  }, true);
});
document.addEventListener("keydown", function (e) {
  var target = e.target;
  if (e.key !== "Enter" || !target.dataset || !target.dataset.enterClicks) {
    return;
  }
  e.preventDefault();
  var button = document.getElementById(target.dataset.enterClicks);
  if (button) {
    button.click();
  }
});
