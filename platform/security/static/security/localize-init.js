// wagtail-localize's screens without their inline scripts (the admin's CSP refuses them):
// the chooser URLs of the translation editor come from JSON data, and the "select all"
// checkbox of the submit-translation form ticks every locale.
(function () {
  "use strict";
  var urls = document.getElementById("localize-chooser-urls");
  if (urls && typeof window.chooserUrls === "undefined") {
    window.chooserUrls = JSON.parse(urls.textContent);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var selectAll = document.querySelector('[name="select_all"]');
    if (!selectAll) {
      return;
    }
    var locales = document.querySelectorAll('[name="locales"]');
    selectAll.addEventListener("change", function () {
      for (var i = 0; i < locales.length; i++) {
        locales[i].checked = selectAll.checked;
      }
    });
  });
})();
