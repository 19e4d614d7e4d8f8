/* Version for the visually impaired.
 * The visitor's choice lives in localStorage (not on the server), so anonymous pages stay
 * cacheable: this script, loaded in <head>, puts classes on <html> before the page paints,
 * and vi.css does the rest. Options: on, large, contrast, noimages, spacing. */
(function () {
  "use strict";
  var KEY = "mektep-vi";
  var OPTIONS = ["on", "large", "contrast", "noimages", "spacing"];
  var root = document.documentElement;

  function load() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (error) {
      return {};
    }
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      /* private mode: the choice lasts for this page only */
    }
  }

  function apply(state) {
    OPTIONS.forEach(function (name) {
      var active = Boolean(state.on && state[name]);
      root.classList.toggle("vi-" + name, active);
    });
    var buttons = document.querySelectorAll("[data-vi]");
    Array.prototype.forEach.call(buttons, function (button) {
      var name = button.getAttribute("data-vi");
      button.setAttribute("aria-pressed", state.on && state[name] ? "true" : "false");
    });
  }

  var state = load();
  root.classList.add("vi-js");
  apply(state);

  document.addEventListener("DOMContentLoaded", function () {
    apply(state);
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-vi]") : null;
      if (!button) {
        return;
      }
      var name = button.getAttribute("data-vi");
      if (name === "on" && !state.on) {
        /* switching the version on gives larger type and high contrast at once */
        state = { on: true, large: true, contrast: true };
      } else {
        state[name] = !state[name];
      }
      save(state);
      apply(state);
    });
  });
})();
