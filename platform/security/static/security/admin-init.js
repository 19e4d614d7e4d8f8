/*
 * Starts the Wagtail admin widgets that Wagtail 7.4 would start with inline scripts
 * (security/admin_csp.py renders them as inert JSON instead), so that the admin's
 * Content-Security-Policy needs no 'unsafe-inline' for scripts.
 *
 * <script type="application/json" data-admin-init="NAME">[arguments]</script>
 * calls INITIALISERS[NAME](...arguments) once, for the page as parsed and for every piece
 * of HTML added later (chooser modals, new inline forms). Names not listed here are ignored.
 */
(function () {
  'use strict';

  // Keep in step with INITIALISERS in security/admin_csp.py. The globals are Wagtail's own
  // (core.js, date-time-chooser.js, the chooser widgets' media).
  const INITIALISERS = {
    initDateChooser: (id, config) => initDateChooser(id, config),
    initTimeChooser: (id, config) => initTimeChooser(id, config),
    initDateTimeChooser: (id, config) => initDateTimeChooser(id, config),
    Chooser: (id, options) => new Chooser(id, options),
    PageChooser: (id, options) => new PageChooser(id, options),
    ImageChooser: (id, options) => new ImageChooser(id, options),
    DocumentChooser: (id, options) => new DocumentChooser(id, options),
    SnippetChooser: (id, options) => new SnippetChooser(id, options),
    createTaskChooser: (id) => createTaskChooser(id),
    InlinePanel: (options) => new InlinePanel(options),
    MultipleChooserPanel: (options) => new MultipleChooserPanel(options),
  };
  const SELECTOR = 'script[type="application/json"][data-admin-init]';
  const started = new WeakSet();

  function start(element) {
    if (started.has(element)) return;
    let args;
    try {
      args = JSON.parse(element.textContent);
    } catch (error) {
      // While the page loads, the parser may not have added all of the element's text
      // yet (a cut JSON array never parses): it is tried again as the text grows.
      if (document.readyState === 'loading') return;
      started.add(element);
      console.error('admin-init: unreadable arguments', element.dataset.adminInit, error);
      return;
    }
    started.add(element);
    const initialiser = INITIALISERS[element.dataset.adminInit];
    if (!initialiser) return;
    try {
      initialiser(...args);
    } catch (error) {
      // One broken widget must not stop the others from starting.
      console.error('admin-init:', element.dataset.adminInit, error);
    }
  }

  function startWithin(node) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.matches(SELECTOR)) start(node);
      node.querySelectorAll(SELECTOR).forEach(start);
    } else if (node.parentElement && node.parentElement.matches(SELECTOR)) {
      // Text the parser added to an element seen before.
      start(node.parentElement);
    }
  }

  // Each element starts as soon as the parser (or a script: modals, new inline forms) has
  // added it with its whole text, right after the markup it belongs to, as Wagtail's inline
  // scripts did.
  new MutationObserver((mutations) => {
    mutations.forEach((mutation) => {
      if (mutation.type === 'characterData') startWithin(mutation.target);
      mutation.addedNodes.forEach(startWithin);
    });
  }).observe(document.documentElement, { childList: true, characterData: true, subtree: true });
  startWithin(document.documentElement);
  document.addEventListener('DOMContentLoaded', () => startWithin(document.documentElement));
})();
