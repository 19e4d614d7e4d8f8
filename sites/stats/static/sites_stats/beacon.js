/* Counts one page view of a school site (sites.stats): path, language and referrer go to the
 * site's own /stats/hit. No cookie is set or read. */
(function () {
  "use strict";
  var body = JSON.stringify({
    path: window.location.pathname,
    lang: document.documentElement.lang || "",
    ref: document.referrer || ""
  });
  var url = "/stats/hit";
  if (navigator.sendBeacon && navigator.sendBeacon(url, new Blob([body], { type: "application/json" }))) {
    return;
  }
  if (window.fetch) {
    window.fetch(url, { method: "POST", body: body, keepalive: true, credentials: "omit",
      headers: { "Content-Type": "application/json" } });
  }
})();
