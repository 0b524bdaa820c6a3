// A page's Print button (the kit, a campaign's summary, a worksheet, a certificate): shown
// only where this script runs, it opens the print dialogue; the hint it replaces stays for
// browsers without scripts.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-print-hint]").forEach(function (hint) { hint.hidden = true; });
})();
