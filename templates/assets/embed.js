/*
 * onair video embeds: swaps a facade for its player on click, and seeks.
 * No request reaches a video host until the reader asks for the video.
 *
 *   document.dispatchEvent(new CustomEvent('onair-seek', {detail: {seconds: 90, platform: 'youtube'}}))
 *   window.onair.seek(90, 'bilibili')
 *   window.onair.seek(90, 'bilibili', element)   // the player in `element` (a player or a group of tabs)
 */
(function () {
  'use strict';
  var ALLOW = 'accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share';

  /** Player URL of `figure`, optionally starting at `seconds` (and then always autoplaying). */
  function playerUrl(figure, seconds) {
    var src = figure.getAttribute('data-embed-src');
    if (seconds == null) return src;
    var url = new URL(src, location.href);
    var s = String(Math.max(0, Math.floor(seconds)));
    var platform = figure.getAttribute('data-platform');
    if (platform === 'vimeo') url.hash = 't=' + s + 's';
    else url.searchParams.set(platform === 'bilibili' ? 't' : 'start', s);
    url.searchParams.set('autoplay', '1');
    return url.href;
  }

  /** Loads (or reloads) the player of `figure` in place of its button. */
  function load(figure, seconds) {
    var frame = figure.querySelector('.onair-embed-frame');
    if (!frame || !figure.getAttribute('data-embed-src')) return null;
    var fullscreen = figure.getAttribute('data-allow-fullscreen') !== 'false';
    var iframe = document.createElement('iframe');
    iframe.src = playerUrl(figure, seconds);
    iframe.title = figure.getAttribute('data-title') || 'Video player';
    iframe.setAttribute('allow', ALLOW + (fullscreen ? '; fullscreen' : ''));
    if (fullscreen) iframe.setAttribute('allowfullscreen', '');
    iframe.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    iframe.setAttribute('loading', figure.getAttribute('data-loading') || 'lazy');
    var old = frame.querySelector('iframe, .onair-embed-play');
    if (old) frame.replaceChild(iframe, old);
    else frame.appendChild(iframe);
    figure.setAttribute('data-state', 'playing');
    return iframe;
  }

  /** Shown: not inside a `hidden` element (an inactive tab) nor `display: none`. */
  function shown(figure) {
    return !figure.closest('[hidden]') && figure.getClientRects().length > 0;
  }

  function inView(figure) {
    var r = figure.getBoundingClientRect();
    return r.bottom > 0 && r.top < (window.innerHeight || document.documentElement.clientHeight);
  }

  /**
   * The player a timestamp means: within `scope` (a player, or a group of tabs) when given and it
   * has a shown one, a shown one of `platform` if any, playing first, then in view, then first.
   */
  function pick(platform, scope) {
    var within = scope ? Array.prototype.filter.call(scope.matches('figure.onair-embed') ? [scope] : scope.querySelectorAll('figure.onair-embed'), function (f) {
      return f.hasAttribute('data-embed-src') && shown(f);
    }) : [];
    var all = within.length ? within : Array.prototype.filter.call(document.querySelectorAll('figure.onair-embed[data-embed-src]'), shown);
    var pool = platform ? all.filter(function (f) { return f.getAttribute('data-platform') === platform; }) : [];
    if (!pool.length) pool = all;
    return (
      pool.filter(function (f) { return f.getAttribute('data-state') === 'playing'; })[0] ||
      pool.filter(inView)[0] ||
      pool[0] ||
      null
    );
  }

  /** Plays the visible (or first) player, of `scope` when given, from `seconds`; false when the page has no shown player. */
  function seek(seconds, platform, scope) {
    seconds = Number(seconds);
    if (!isFinite(seconds) || seconds < 0) return false;
    var figure = pick(platform, scope instanceof Element ? scope : null);
    if (!figure || !load(figure, seconds)) return false;
    var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    figure.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
    return true;
  }

  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element && event.target.closest('.onair-embed-play');
    var figure = button && button.closest('figure.onair-embed');
    if (!figure) return;
    event.preventDefault();
    var iframe = load(figure, null);
    if (iframe) iframe.focus();
  });

  // A poster that fails to load (offline, moved) leaves the generated placeholder, not a broken image.
  function dropPoster(img) {
    if (img.parentNode) img.parentNode.removeChild(img);
  }
  document.addEventListener('error', function (event) {
    if (event.target instanceof HTMLImageElement && event.target.classList.contains('onair-embed-poster')) dropPoster(event.target);
  }, true);
  Array.prototype.forEach.call(document.querySelectorAll('img.onair-embed-poster'), function (img) {
    if (img.complete && img.naturalWidth === 0 && img.getAttribute('src')) dropPoster(img);
  });

  document.addEventListener('onair-seek', function (event) {
    var detail = event.detail || {};
    seek(detail.seconds, detail.platform);
  });

  window.onair = window.onair || {};
  window.onair.seek = seek;
})();
