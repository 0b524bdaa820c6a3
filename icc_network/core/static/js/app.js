// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the main landmark after the skip link is used (some browsers don't).
  var skip = document.querySelector(".skip-link");
  if (skip) {
    skip.addEventListener("click", function () {
      var main = document.getElementById("main");
      if (main) { main.focus(); }
    });
  }
  // A table in a scrolling box must be reachable by keyboard to be scrolled: the box becomes a
  // focusable region named after the table's caption (or the heading before it).
  var scrollers = ".table-responsive, .table-scroll, .report-scroll, .summary-scroll, .rba-scroll";
  document.querySelectorAll(scrollers).forEach(function (box) {
    if (box.hasAttribute("tabindex")) { return; }
    var caption = box.querySelector("caption");
    var name = box.getAttribute("aria-label") || (caption && caption.textContent.trim());
    if (!name) {
      var scope = box.closest("section, .card, main") || document;
      var heading = scope.querySelector("h1, h2, h3, h4");
      name = heading ? heading.textContent.trim() : document.title;
    }
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", name.replace(/\s+/g, " "));
  });
  // Submit selects marked data-autosubmit when they change (filters).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
