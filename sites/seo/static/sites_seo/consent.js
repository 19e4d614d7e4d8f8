/* Cookie consent and the analytics loaders of a school site.
 *
 * The page may come from the shared anonymous page cache, so nothing here depends on the
 * server knowing the visitor's choice: the ids sit in data attributes of the banner, the
 * choice sits in the `mektep_consent` cookie, and the loaders run only after "accepted". */
(function () {
  "use strict";
  var COOKIE = "mektep_consent";
  var YEAR = 365 * 24 * 60 * 60;

  function readChoice() {
    var match = document.cookie.match(/(?:^|;\s*)mektep_consent=(accepted|declined)/);
    return match ? match[1] : null;
  }

  function remember(choice) {
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = COOKIE + "=" + choice + "; Max-Age=" + YEAR + "; Path=/; SameSite=Lax" + secure;
  }

  function addScript(src) {
    var script = document.createElement("script");
    script.async = true;
    script.src = src;
    document.head.appendChild(script);
  }

  var loaded = false;
  function loadAnalytics(banner) {
    if (loaded) { return; }
    loaded = true;
    var ga4 = banner.dataset.ga4, gtm = banner.dataset.gtm, metrika = banner.dataset.metrika;
    window.dataLayer = window.dataLayer || [];
    if (ga4) {
      window.gtag = window.gtag || function () { window.dataLayer.push(arguments); };
      window.gtag("js", new Date());
      window.gtag("config", ga4, { anonymize_ip: true });
      addScript("https://www.googletagmanager.com/gtag/js?id=" + encodeURIComponent(ga4));
    }
    if (gtm) {
      window.dataLayer.push({ "gtm.start": new Date().getTime(), event: "gtm.js" });
      addScript("https://www.googletagmanager.com/gtm.js?id=" + encodeURIComponent(gtm));
    }
    if (metrika) {
      window.ym = window.ym || function () { (window.ym.a = window.ym.a || []).push(arguments); };
      window.ym.l = 1 * new Date();
      addScript("https://mc.yandex.ru/metrika/tag.js");
      window.ym(Number(metrika), "init", { clickmap: true, trackLinks: true, accurateTrackBounce: true });
    }
  }

  function init() {
    var banner = document.getElementById("mektep-consent");
    var reopen = document.getElementById("mektep-consent-reopen");
    if (!banner) { return; }
    var choice = readChoice();
    if (choice === "accepted") { loadAnalytics(banner); }
    if (choice) {
      if (reopen) { reopen.hidden = false; }
    } else {
      banner.hidden = false;
    }
    banner.addEventListener("click", function (event) {
      var button = event.target.closest("[data-consent]");
      if (!button) { return; }
      var value = button.getAttribute("data-consent");
      remember(value);
      banner.hidden = true;
      if (reopen) { reopen.hidden = false; reopen.focus(); }
      if (value === "accepted") { loadAnalytics(banner); }
    });
    if (reopen) {
      reopen.addEventListener("click", function () {
        banner.hidden = false;
        reopen.hidden = true;
        var first = banner.querySelector("button");
        if (first) { first.focus(); }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
