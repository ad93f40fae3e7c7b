/**
 * The dev client: a tiny classic script injected into HTML responses (never
 * into files on disk). It listens to the reload channel, reloads the tab when
 * its page changed and shows build errors as an overlay built with DOM APIs
 * and `textContent` only, so message text can never become markup.
 */

/** URL of the client script (outside any base path, so every page finds it). */
export const clientPath = '/__onair/client.js';
/** URL of the Server-Sent Events reload channel. */
export const eventsPath = '/__onair/events';

/** Source of the client script, plain ES5-ish JavaScript with no dependencies. */
export const clientScript = `(function () {
  'use strict';
  var script = document.currentScript;
  var seen = script ? script.getAttribute('data-revision') : null;
  var overlay = null;

  function el(tag, css, text) {
    var node = document.createElement(tag);
    if (css) node.style.cssText = css;
    if (text) node.textContent = text;
    return node;
  }
  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }
  function show(error) {
    hide();
    overlay = el('div', 'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;' +
      'background:rgba(20,20,24,.94);color:#f4f4f5;font:15px/1.5 ui-monospace,monospace;');
    overlay.id = 'onair-error-overlay';
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-label', 'Build failed');
    overlay.appendChild(el('h2', 'margin:0 0 1rem;color:#fca5a5;font-size:1.2rem;', 'onair: the last build failed'));
    var list = el('ul', 'margin:0;padding:0;list-style:none;');
    error.messages.forEach(function (m) {
      var item = el('li', 'margin:0 0 1rem;');
      var where = m.file + (m.line ? ':' + m.line + ':' + (m.column || 1) : '');
      item.appendChild(el('div', 'color:#93c5fd;', where));
      item.appendChild(el('div', 'white-space:pre-wrap;', m.reason + (m.ruleId ? '  [' + m.ruleId + ']' : '')));
      list.appendChild(item);
    });
    overlay.appendChild(list);
    overlay.appendChild(el('p', 'color:#a1a1aa;', 'Still serving the last good build. Save a fix and this page reloads.'));
    var close = el('button', 'position:absolute;top:1rem;right:1rem;', 'Close');
    close.type = 'button';
    close.addEventListener('click', hide);
    overlay.appendChild(close);
    (document.body || document.documentElement).appendChild(overlay);
  }
  function here() {
    // Decoded, as the build names its files: \`/post/中文/\`, not \`/post/%E4%B8%AD%E6%96%87/\`.
    var path = location.pathname;
    try {
      path = decodeURIComponent(path);
    } catch (error) {
      // A malformed escape: compare as is.
    }
    return path.replace(/index\\.html$/, '');
  }

  var source = new EventSource(${JSON.stringify(eventsPath)} + '?page=' + encodeURIComponent(here()));
  source.addEventListener('hello', function (event) {
    var data = JSON.parse(event.data);
    if (seen && data.revision !== seen) return location.reload();
    seen = data.revision;
    if (data.error) show(data.error);
    else hide();
  });
  source.addEventListener('reload', function (event) {
    var data = JSON.parse(event.data);
    seen = data.revision;
    if (!data.changed || data.changed.indexOf(here()) !== -1) location.reload();
    else hide();
  });
  source.addEventListener('build-error', function (event) {
    show(JSON.parse(event.data));
  });
})();
`;

/**
 * Returns `html` with the client script tag inserted before the last
 * `</body>` (or appended). `revision` is the build the page belongs to.
 */
export function injectClient(html: string, revision: string): string {
  const tag = `<script src="${clientPath}" data-revision="${revision.replace(/[^\w.-]/g, '')}"></script>`;
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at === -1 ? html + tag : html.slice(0, at) + tag + html.slice(at);
}
