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
  // Submit selects marked data-autosubmit when they change (filters).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
