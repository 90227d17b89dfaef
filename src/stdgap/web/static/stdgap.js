// stdgap: a little JavaScript, none required (and none inline: the pages' Content-Security-Policy
// allows only this file). The explorer redraws when a choice changes; a choice marked
// data-autosubmit sends its form; a button marked data-confirm asks first; the report forms download the chosen format.
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
    document.querySelectorAll("[data-confirm]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        if (!window.confirm(button.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });
    document.querySelectorAll("[data-autosubmit]").forEach(function (field) {
      field.addEventListener("change", function () {
        field.form.submit();
      });
    });
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
