// Workloads (Jasmine): the SWF import form's preview and file button; no inline scripts, so a strict CSP stays possible.
(function () {
  // A form with data-stale="id" shows a preview in that element; once the form changes, the preview (and its
  // create button) no longer says what would be created, so it gives way to data-stale-text.
  function stale(e) {
    var form = e.target.closest && e.target.closest("form[data-stale]");
    var shown = form && document.getElementById(form.getAttribute("data-stale"));
    if (shown) {
      var note = document.createElement("p");
      note.className = "muted";
      note.id = shown.id + "-stale";
      note.textContent = form.getAttribute("data-stale-text");
      shown.replaceWith(note);
    }
  }
  document.addEventListener("input", stale);
  document.addEventListener("change", stale);

  // A file input with data-name-shown="id" is hidden behind a button of the page's language; that element says
  // which file was chosen.
  document.addEventListener("change", function (e) {
    var shown = e.target.matches("input[type=file][data-name-shown]")
        && document.getElementById(e.target.getAttribute("data-name-shown"));
    if (shown && e.target.files.length > 0) {
      shown.textContent = Array.prototype.map.call(e.target.files, function (f) { return f.name; }).join(", ");
    }
  });
})();
