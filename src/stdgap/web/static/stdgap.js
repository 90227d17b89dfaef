// stdgap: a little JavaScript, none required. The explorer redraws when a choice changes;
// the report forms download the chosen format.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var explorer = document.getElementById("explorer");
    if (explorer) {
      explorer.addEventListener("change", function () {
        explorer.classList.add("busy");
        explorer.submit();
      });
    }
    document.querySelectorAll("form[data-report]").forEach(function (form) {
      var select = form.querySelector("[data-format]");
      var base = form.getAttribute("action").replace(/\.[a-z]+$/, "");
      var sync = function () {
        form.setAttribute("action", base + "." + select.value);
      };
      select.addEventListener("change", sync);
      select.removeAttribute("name");
      sync();
    });
  });
})();
