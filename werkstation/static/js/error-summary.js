// After a failed submit: focus moves to the error summary (screen readers read it, the phone scrolls to it), and
// each link in it moves focus to its field (the first choice of a group), with the field's question in view.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary[data-autofocus]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) { return; }
    var input = target.matches("input, select, textarea, button") ? target : target.querySelector("input, select, textarea");
    if (!input) { return; }
    event.preventDefault();
    var question = target.closest("fieldset") || target.closest(".field") || target;
    question.scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
