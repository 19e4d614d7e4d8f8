/* A page from the anonymous page cache may outlive a maintenance window by a few minutes:
 * hide a banner whose window has ended by the visitor's clock. */
(function () {
  "use strict";
  function hideEnded() {
    var now = Date.now();
    document.querySelectorAll(".maintenance-banner[data-ends]").forEach(function (banner) {
      var ends = Date.parse(banner.getAttribute("data-ends"));
      if (!isNaN(ends) && ends <= now) { banner.hidden = true; }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", hideEnded);
  } else {
    hideEnded();
  }
})();
