// stdgap: a little JavaScript, none required (and none inline: the pages' Content-Security-Policy
// allows only this file; the explorer has its own, explorer.js). A choice marked
// data-autosubmit sends its form; a button marked data-confirm asks first; the report forms download the chosen format.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
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
    // A survey's questions marked data-show-when appear when the earlier question's answer is
    // (or includes) one of data-show-values; hidden ones are disabled, so they are not sent.
    document.querySelectorAll("form[data-survey]").forEach(function (form) {
      var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
      var answers = function (question) {
        var found = [];
        question.querySelectorAll("input, textarea, select").forEach(function (field) {
          if (field.disabled) { return; }
          if ((field.type === "radio" || field.type === "checkbox") && !field.checked) { return; }
          if (field.value.trim()) { found.push(field.value.trim()); }
        });
        return found;
      };
      var update = function () {
        var given = {};
        questions.forEach(function (question) {
          var key = question.getAttribute("data-question");
          var earlier = question.getAttribute("data-show-when");
          var show = true;
          if (earlier) {
            var wanted = JSON.parse(question.getAttribute("data-show-values") || "[]");
            show = (given[earlier] || []).some(function (value) { return wanted.indexOf(value) >= 0; });
          }
          question.hidden = !show;
          question.querySelectorAll("input, textarea, select").forEach(function (field) {
            field.disabled = !show;
          });
          given[key] = show ? answers(question) : [];
        });
      };
      form.addEventListener("change", update);
      form.addEventListener("input", update);
      update();
    });
  });
})();
