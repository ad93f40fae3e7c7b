/*
 * onair interview pages: platform tabs over one talk's players, and
 * transcript timestamps that seek the player (through embed.js's
 * `window.onair.seek`). Without this script, the first tab's player shows and
 * every timestamp is a plain link to the platform at that time.
 *
 *   #t=754 or ?t=754 on the post URL opens the player at 12:34.
 */
(function () {
  'use strict';
  var KEY = 'onair.videoPlatform';

  function remembered() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function remember(platform) {
    try { localStorage.setItem(KEY, platform); } catch (e) { /* private mode: the choice lasts this page */ }
  }

  function tabsOf(group) {
    return Array.prototype.slice.call(group.querySelectorAll('.video-tabs [role="tab"]'));
  }

  /** Shows `platform`'s panel in `group`; a panel being hidden gets its facade back so its player stops. */
  function select(group, platform) {
    var tabs = tabsOf(group);
    if (!tabs.some(function (tab) { return tab.getAttribute('data-platform') === platform; })) return false;
    tabs.forEach(function (tab) {
      var on = tab.getAttribute('data-platform') === platform;
      var panel = document.getElementById(tab.getAttribute('aria-controls'));
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      if (!panel) return;
      if (on) panel.hidden = false;
      else if (!panel.hidden) {
        panel.hidden = true;
        if (panel.querySelector('iframe') && panel.onairFacade) {
          panel.replaceChildren.apply(panel, panel.onairFacade.map(function (n) { return n.cloneNode(true); }));
        }
      }
    });
    return true;
  }

  /** Platform of the selected tab of `group` (else the first tab group), if there is one. */
  function activePlatform(group) {
    var tab = (group || document).querySelector('.video-tabs [role="tab"][aria-selected="true"]');
    return tab ? tab.getAttribute('data-platform') : undefined;
  }

  /**
   * The player (or group of tabs) nearest above `node`: the one its timestamps mean, as the build
   * linked them (times under `## P2` are part 2's). Null above the first player.
   */
  function playerAbove(node) {
    var found = null;
    var players = document.querySelectorAll('.video-group, figure.onair-embed');
    for (var i = 0; i < players.length; i++) {
      var player = players[i];
      if (player.parentElement && player.parentElement.closest('.video-group')) continue;
      if (!(player.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
      found = player;
    }
    return found;
  }

  function seek(seconds, from) {
    var onair = window.onair;
    var scope = from ? playerAbove(from) : null;
    var group = scope && scope.matches('.video-group') ? scope : null;
    return Boolean(onair && typeof onair.seek === 'function' && onair.seek(seconds, activePlatform(group), scope));
  }

  var groups = document.querySelectorAll('.video-group');
  Array.prototype.forEach.call(groups, function (group) {
    tabsOf(group).forEach(function (tab) {
      var panel = document.getElementById(tab.getAttribute('aria-controls'));
      if (panel) panel.onairFacade = Array.prototype.map.call(panel.childNodes, function (n) { return n.cloneNode(true); });
    });
    var saved = remembered();
    if (saved) select(group, saved);
  });

  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var tab = target && target.closest('.video-group .video-tabs [role="tab"]');
    if (tab) {
      var platform = tab.getAttribute('data-platform');
      if (select(tab.closest('.video-group'), platform)) remember(platform);
      return;
    }
    var link = target && target.closest('a.timestamp[data-t]');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var seconds = Number(link.getAttribute('data-t'));
    if (seek(seconds, link)) {
      event.preventDefault();
      if (history.replaceState) history.replaceState(null, '', '#t=' + seconds);
    }
  });

  document.addEventListener('keydown', function (event) {
    var tab = event.target instanceof Element && event.target.closest('.video-group .video-tabs [role="tab"]');
    if (!tab) return;
    var tabs = tabsOf(tab.closest('.video-group'));
    var i = tabs.indexOf(tab);
    var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    var to = tabs[(next + tabs.length) % tabs.length];
    var platform = to.getAttribute('data-platform');
    if (select(to.closest('.video-group'), platform)) remember(platform);
    to.focus();
  });

  /** Seconds asked for by `#t=754` / `?t=754` (also `12:34`, `1h2m3s`). */
  function requested(hashOnly) {
    var match = /(?:^#|[?&])t=([^&]+)/.exec(location.hash) || (hashOnly ? null : /[?&]t=([^&]+)/.exec(location.search));
    if (!match) return undefined;
    var value = decodeURIComponent(match[1]);
    var clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(value);
    if (clock) return Number(clock[1] || 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
    var units = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(value);
    return units && value ? Number(units[1] || 0) * 3600 + Number(units[2] || 0) * 60 + Number(units[3] || 0) : undefined;
  }

  function openRequested(event) {
    var seconds = requested(Boolean(event && event.type === 'hashchange'));
    if (seconds !== undefined) seek(seconds);
  }

  // embed.js may load after this script: wait for the whole page's deferred scripts.
  if (document.readyState === 'complete') openRequested();
  else {
    var done = false;
    var once = function () { if (!done) { done = true; openRequested(); } };
    document.addEventListener('DOMContentLoaded', once);
    window.addEventListener('load', once);
  }
  window.addEventListener('hashchange', openRequested);
})();
