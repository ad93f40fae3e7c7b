// Search page client: mounts Pagefind's UI (written by the build under
// pagefind/, beside assets/) in place of the no-JS form, and runs `?q=`.
// A big site's index is split into several bundles listed in
// pagefind/shards.json: the first is the UI's own, the others are merged
// into it (`mergeIndex`), so one query searches them all and the results
// come back as one ranked list. Paths come from this script's own URL, so
// sites under a sub-path work.
(function () {
  var root = document.querySelector('[data-onair-search]');
  var script = document.currentScript;
  if (!root || !script) return;
  var base = new URL('../pagefind/', script.src);

  function unavailable() {
    root.insertAdjacentHTML('beforeend', '<p class="search-hint">Search is not available: the search index was not found.</p>');
  }

  function mount(bundles) {
    var bundle = bundles[0];
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = bundle + 'pagefind-ui.css';
    document.head.appendChild(css);

    var ui = document.createElement('script');
    ui.src = bundle + 'pagefind-ui.js';
    ui.onload = function () {
      var form = root.querySelector('form');
      if (form) form.hidden = true;
      var element = document.createElement('div');
      element.className = 'search-ui';
      root.appendChild(element);
      // eslint-disable-next-line no-undef
      var search = new PagefindUI({
        element: element,
        bundlePath: bundle,
        mergeIndex: bundles.slice(1).map(function (path) {
          return { bundlePath: path };
        }),
        showImages: false,
        showSubResults: true,
        resetStyles: false
      });
      var query = new URLSearchParams(location.search).get('q');
      if (query) search.triggerSearch(query);
    };
    ui.onerror = unavailable;
    document.head.appendChild(ui);
  }

  // An output made before the list existed holds one bundle, at pagefind/.
  var single = [base.pathname];
  fetch(new URL('shards.json', base))
    .then(function (response) {
      return response.ok ? response.json() : { bundles: ['./'] };
    })
    .then(function (list) {
      var bundles = (list && Array.isArray(list.bundles) ? list.bundles : []).map(function (path) {
        return new URL(String(path), base).pathname;
      });
      mount(bundles.length > 0 ? bundles : single);
    })
    .catch(function () {
      mount(single);
    });
})();
