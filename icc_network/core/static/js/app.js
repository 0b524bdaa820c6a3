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
  // A table in a scrolling box must be reachable by keyboard to be scrolled: the box becomes
  // focusable, and a region named after the table's caption (or the heading before it) unless
  // the section around it already is a landmark of that name (two would be announced twice).
  var scrollers = ".table-responsive, .table-scroll, .report-scroll, .summary-scroll, .rba-scroll";
  function textOf(element) { return element ? element.textContent.replace(/\s+/g, " ").trim() : ""; }
  function sectionName(box) {
    var section = box.parentElement && box.parentElement.closest("section[aria-labelledby], section[aria-label]");
    if (!section) { return ""; }
    return section.getAttribute("aria-label") ||
      textOf(document.getElementById(section.getAttribute("aria-labelledby")));
  }
  document.querySelectorAll(scrollers).forEach(function (box) {
    if (box.parentElement && box.parentElement.closest(scrollers)) { return; }
    var name = box.getAttribute("aria-label") ||
      textOf(document.getElementById(box.getAttribute("aria-labelledby"))) || textOf(box.querySelector("caption"));
    if (!name) {
      var scope = box.closest("section, .card, main") || document;
      name = textOf(scope.querySelector("h1, h2, h3, h4")) || document.title;
    }
    if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); }
    if (name === sectionName(box)) {
      box.removeAttribute("role");
      box.removeAttribute("aria-labelledby");
      box.removeAttribute("aria-label");
      return;
    }
    if (!box.hasAttribute("role")) { box.setAttribute("role", "region"); }
    if (!box.hasAttribute("aria-labelledby")) { box.setAttribute("aria-label", name); }
  });
  // Submit selects marked data-autosubmit when they change (filters).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
