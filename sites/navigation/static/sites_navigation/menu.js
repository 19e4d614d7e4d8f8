// Main-menu dropdowns open with CSS (hover, focus-within). Escape closes the open dropdown and
// returns focus to its item; Arrow Down opens it again and moves to its first link; it also
// opens again when focus or the pointer comes back.
(function () {
  "use strict";
  document.querySelectorAll(".site-menu .has-submenu").forEach(function (item) {
    var link = item.querySelector(":scope > a");
    link.setAttribute("aria-haspopup", "true");
    item.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !item.classList.contains("submenu-closed")) {
        item.classList.add("submenu-closed");
        link.focus();
        event.preventDefault();
      } else if (event.key === "ArrowDown" && event.target === link) {
        item.classList.remove("submenu-closed");
        item.querySelector(".submenu a").focus();
        event.preventDefault();
      }
    });
    function reopen() { item.classList.remove("submenu-closed"); }
    item.addEventListener("mouseenter", reopen);
    item.addEventListener("focusout", function (event) {
      if (!item.contains(event.relatedTarget)) { reopen(); }
    });
  });
})();
