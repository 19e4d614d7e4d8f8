// The site menu is a <details> element: closed on phones, opened by its summary without any
// script. On wide screens site.css shows its content through ::details-content; browsers
// without that selector get the menu opened here instead.
(function () {
  var nav = document.querySelector("details.site-nav");
  if (!nav || !window.matchMedia) return;
  var supported = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (supported) return;
  var wide = window.matchMedia("(min-width: 64rem)");
  function sync() { if (wide.matches) nav.open = true; }
  sync();
  if (wide.addEventListener) wide.addEventListener("change", sync);
})();
