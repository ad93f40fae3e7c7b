/**
 * The site's menus, as Hugo assembles them: the config's entries first, then
 * each published page's own (`menu:` in its front matter) named by its
 * `linkTitle` or title and linked to its URL. An entry is known by its
 * `identifier`, else its name: a second one with the same key in a menu is
 * dropped (a warning on the page); `parent` nests an entry under another, and
 * a parent no entry names becomes a heading without a link (as in Hugo), with
 * a warning on the page. Every level is ordered by weight (`0` last), then
 * name. Plain data in, plain data out.
 */
import type { MenuEntry, Menus, PostMeta, SiteConfig } from '../types.js';
import type { MatterPath } from '../content/locate.js';

/** A problem with a page's menu entry, for a message on its file. */
export interface MenuProblem {
  sourcePath: string;
  reason: string;
  ruleId: 'duplicate-menu-entry' | 'unknown-menu-parent';
  /** Where in the front matter, under the `menu` key as written (`['main', 'parent']`). */
  path: MatterPath;
}

interface Flat {
  entry: MenuEntry;
  key: string;
  parent?: string;
  /** The page that made it (config entries have none). */
  page?: PostMeta;
}

/** Assembles every menu from the config and the published `pages`. */
export function buildMenus(config: Pick<SiteConfig, 'menus'>, pages: readonly PostMeta[]): { menus: Menus; problems: MenuProblem[] } {
  const problems: MenuProblem[] = [];
  const flat = new Map<string, Map<string, Flat>>();
  const add = (menu: string, item: Flat) => {
    const entries = flat.get(menu) ?? flat.set(menu, new Map()).get(menu)!;
    const before = entries.get(item.key);
    if (!before) {
      entries.set(item.key, item);
      return;
    }
    if (!item.page) return;
    const other = before.page ? `\`${before.page.sourcePath}\`` : 'the config';
    problems.push({
      sourcePath: item.page.sourcePath,
      reason: `Unexpected second entry \`${item.key}\` in menu \`${menu}\` (also in ${other}), expected one entry per identifier: this one is left out; give it another \`identifier\`, or remove one`,
      ruleId: 'duplicate-menu-entry',
      path: [menu],
    });
  };
  const byRef = pageRefs(pages);
  for (const [menu, entries] of Object.entries(config.menus)) {
    for (const entry of entries) {
      const page = entry.pageRef === undefined ? undefined : byRef.get(refKey(entry.pageRef));
      const name = entry.name ?? (page ? linkTitle(page) : undefined);
      const url = page ? page.url : siteUrl(entry.url ?? entry.pageRef ?? '');
      if (!name || url === undefined) continue;
      add(menu, { entry: { name, url, weight: entry.weight ?? 0, ...(entry.identifier ? { identifier: entry.identifier } : {}), children: [] }, key: entry.identifier ?? name, parent: entry.parent });
    }
  }
  for (const page of pages) {
    for (const own of page.menus ?? []) {
      const entry: MenuEntry = { name: own.name, url: page.url, weight: own.weight, ...(own.identifier ? { identifier: own.identifier } : {}), children: [] };
      add(own.menu, { entry, key: own.identifier ?? own.name, parent: own.parent, page });
    }
  }
  const menus: Menus = {};
  for (const [menu, entries] of flat) {
    const top: MenuEntry[] = [];
    for (const item of [...entries.values()]) {
      if (item.parent === undefined || item.parent === item.key) {
        top.push(item.entry);
        continue;
      }
      let parent = entries.get(item.parent);
      if (!parent) {
        parent = { entry: { name: item.parent, url: '', weight: 0, children: [] }, key: item.parent };
        entries.set(item.parent, parent);
        top.push(parent.entry);
        if (item.page) {
          problems.push({
            sourcePath: item.page.sourcePath,
            reason: `Unexpected \`parent\` \`${item.parent}\` in menu \`${menu}\`, expected the \`identifier\` or name of an entry of that menu: it is shown as a heading without a link; fix the name or add that entry`,
            ruleId: 'unknown-menu-parent',
            path: [menu, 'parent'],
          });
        }
      }
      parent.entry.children.push(item.entry);
    }
    menus[menu] = sortEntries(top);
  }
  return { menus, problems };
}

/** A page's name in menus: its `linkTitle`, else its title (Hugo's `.LinkTitle`). */
export function linkTitle(page: Pick<PostMeta, 'title' | 'params'>): string {
  const value = Object.entries(page.params).findLast(([key]) => key.toLowerCase() === 'linktitle')?.[1];
  return typeof value === 'string' && value.trim() ? value.trim() : page.title;
}

/** Hugo's order, at every level: by weight with `0` (no weight) last, then by name ignoring case, then by identifier. */
function sortEntries(entries: MenuEntry[]): MenuEntry[] {
  for (const entry of entries) sortEntries(entry.children);
  return entries.sort((a, b) => {
    if (a.weight !== b.weight) return a.weight === 0 ? 1 : b.weight === 0 ? -1 : a.weight - b.weight;
    return compareNames(a.name, b.name) || compareNames(a.identifier ?? '', b.identifier ?? '');
  });
}

/** Hugo's `compare.Strings`: by code point ignoring case, then as written. */
function compareNames(a: string, b: string): number {
  const byCodePoint = (x: string, y: string) => {
    const xs = [...x];
    const ys = [...y];
    for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
      const d = xs[i]!.codePointAt(0)! - ys[i]!.codePointAt(0)!;
      if (d !== 0) return d;
    }
    return xs.length - ys.length;
  };
  return byCodePoint(a.toLowerCase(), b.toLowerCase()) || byCodePoint(a, b);
}

/** Pages by the content path a `pageRef` names (`about`, `/about`, `/post/_index.md`, `post/x/index.md` all name theirs). */
function pageRefs(pages: readonly PostMeta[]): Map<string, PostMeta> {
  return new Map(pages.map((page) => [refKey(page.contentPath), page]));
}

function refKey(ref: string): string {
  return ref
    .trim()
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.md$/i, '')
    .replace(/(?:^|\/)_?index$/i, '')
    .toLowerCase();
}

/**
 * A config entry's URL as a site path (`about` or `/about` is the page
 * `/about/`; files, queries and fragments stay as written) or an `http(s):`
 * URL; `''` is a heading; anything else (another scheme, `//host`, a
 * backslash) is refused: `undefined`.
 */
function siteUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '' || /^https?:\/\//i.test(trimmed)) return trimmed;
  if (/^[a-z][a-z\d+.-]*:|^\/\/|\\/i.test(trimmed)) return undefined;
  const path = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  return /\/$|[?#]|\.[a-z\d]+$/i.test(path) ? path : `${path}/`;
}
