/**
 * Where a term sits in a post's front matter, for taxonomy messages (found
 * after every post is read, when only metadata is kept): the file is read
 * again (only posts with a message, so rarely) and the term located in the
 * list of its taxonomy key, or at the key when it is not found as written.
 */
import type { Point } from 'unist';
import { readContentFile, type ContentEntry } from '../content/load.js';
import { readMatter, splitFrontMatter } from '../content/matter.js';
import type { SiteConfig } from '../types.js';

/** The file point of `term` under the front matter key of `taxonomy` (plural), if it can be found. */
export async function termPlace(entry: ContentEntry, root: string, config: SiteConfig, taxonomy: string, term: string): Promise<Point | undefined> {
  const file = await readContentFile(entry, root);
  const { locate } = readMatter(file, splitFrontMatter(String(file.value)), { taxonomies: config.taxonomies });
  const raw = file.data.rawMatter ?? {};
  const key = Object.keys(raw).findLast((k) => k.toLowerCase() === taxonomy.toLowerCase());
  if (!key) return undefined;
  const value = raw[key];
  const index = Array.isArray(value) ? value.findIndex((item) => String(item).trim() === term.trim()) : -1;
  return locate(index >= 0 ? [key, index] : [key]);
}
