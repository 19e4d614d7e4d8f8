// Conditional display: a question whose inputs carry data-show-if-key is shown only when the
// question named by that key has the answer data-show-if-value. The server applies the same
// rule, so this is only for comfort.
(function () {
  "use strict";
  var form = document.querySelector(".esign-survey-form");
  if (!form) return;

  function answerOf(key) {
    var values = [];
    form.querySelectorAll('[name="' + key + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      values.push(input.value);
    });
    return values;
  }

  function refresh() {
    form.querySelectorAll("[data-show-if-key]").forEach(function (input) {
      var box = input.closest(".esign-question");
      if (!box) return;
      var shown = answerOf(input.dataset.showIfKey).indexOf(input.dataset.showIfValue) !== -1;
      box.hidden = !shown;
    });
  }

  form.addEventListener("change", refresh);
  refresh();
})();
