// QOS pages (no inline script): "Remove limit" empties its field, so the diff shown next lists that limit as going
// away. The diff page itself is the confirmation step; nothing else needs script.
(function () {
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-clears]");
    if (!button) return;
    var input = document.getElementById(button.getAttribute("data-clears"));
    if (input) {
      input.value = "";
      input.focus();
    }
  });
})();
