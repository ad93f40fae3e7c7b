// Search page client: mounts Pagefind's UI (written by the build under
// pagefind/, beside assets/) in place of the no-JS form, and runs `?q=`.
// Paths come from this script's own URL, so sites under a sub-path work.
(function () {
  var root = document.querySelector('[data-onair-search]');
  var script = document.currentScript;
  if (!root || !script) return;
  var bundle = new URL('../pagefind/', script.src).pathname;

  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = bundle + 'pagefind-ui.css';
  document.head.appendChild(css);

  var ui = document.createElement('script');
  ui.src = bundle + 'pagefind-ui.js';
  ui.onload = function () {
    var form = root.querySelector('form');
    if (form) form.hidden = true;
    var mount = document.createElement('div');
    mount.className = 'search-ui';
    root.appendChild(mount);
    // eslint-disable-next-line no-undef
    var search = new PagefindUI({ element: mount, bundlePath: bundle, showImages: false, showSubResults: true, resetStyles: false });
    var query = new URLSearchParams(location.search).get('q');
    if (query) search.triggerSearch(query);
  };
  ui.onerror = function () {
    root.insertAdjacentHTML('beforeend', '<p class="search-hint">Search is not available: the search index was not found.</p>');
  };
  document.head.appendChild(ui);
})();
