/**
 * Where a value sits in a post's front matter, for messages made after every
 * post is read (taxonomies, menus), when only metadata is kept: the file is
 * read again (only posts with a message, so rarely) and the value located,
 * or the nearest key above it.
 */
import type { Point } from 'unist';
import { readContentFile, type ContentEntry } from '../content/load.js';
import type { MatterPath } from '../content/locate.js';
import { readMatter, splitFrontMatter } from '../content/matter.js';
import type { SiteConfig } from '../types.js';

/** The file point of the value `find` names in the raw front matter (keys as written), if it can be found. */
async function matterPlace(entry: ContentEntry, root: string, config: SiteConfig, find: (raw: Record<string, unknown>) => MatterPath | undefined, at?: 'key'): Promise<Point | undefined> {
  const file = await readContentFile(entry, root);
  const { locate } = readMatter(file, splitFrontMatter(String(file.value)), { taxonomies: config.taxonomies });
  const path = find(file.data.rawMatter ?? {});
  return path ? locate(path, at) : undefined;
}

/** The key of `raw` that reads as `name` (keys ignore case; the last one is used, as the schema does). */
function keyOf(raw: Record<string, unknown>, ...names: string[]): string | undefined {
  return Object.keys(raw).findLast((k) => names.includes(k.toLowerCase()));
}

/** The file point of `term` under the front matter key of `taxonomy` (plural), if it can be found. */
export function termPlace(entry: ContentEntry, root: string, config: SiteConfig, taxonomy: string, term: string): Promise<Point | undefined> {
  return matterPlace(entry, root, config, (raw) => {
    const key = keyOf(raw, taxonomy.toLowerCase());
    if (!key) return undefined;
    const value = raw[key];
    const index = Array.isArray(value) ? value.findIndex((item) => String(item).trim() === term.trim()) : -1;
    return index >= 0 ? [key, index] : [key];
  });
}

/**
 * The file point of a page's entry in menu `path[0]` under its `menu` key,
 * and of its field `path[1]` (`parent`) when given: the list item of
 * `menu: [main]`, the field's value in `menu: {main: {parent: x}}`, the
 * menu's key (`main:`), else the `menu` key.
 */
export function menuPlace(entry: ContentEntry, root: string, config: SiteConfig, path: MatterPath): Promise<Point | undefined> {
  const [menu, field] = path.map(String);
  return matterPlace(entry, root, config, (raw) => {
    const key = keyOf(raw, 'menu', 'menus');
    if (!key) return undefined;
    const value = raw[key];
    if (Array.isArray(value)) {
      const index = value.findIndex((item) => typeof item === 'string' && item.trim() === menu);
      return index >= 0 ? [key, index] : [key];
    }
    if (value === null || typeof value !== 'object') return [key];
    const fields = value as Record<string, unknown>;
    const name = keyOf(fields, menu!.toLowerCase());
    if (!name) return [key];
    const own = fields[name];
    const at = field && own && typeof own === 'object' ? keyOf(own as Record<string, unknown>, field) : undefined;
    return at ? [key, name, at] : [key, name];
  }, field ? undefined : 'key');
}
