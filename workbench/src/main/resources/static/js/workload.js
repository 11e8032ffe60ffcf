// Workloads (Jasmine): asks before a cancel; no inline scripts, so a strict CSP stays possible.
(function () {
  document.addEventListener("submit", function (e) {
    var button = e.submitter || e.target.querySelector("[data-confirm]");
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      e.preventDefault();
    }
  });
})();
