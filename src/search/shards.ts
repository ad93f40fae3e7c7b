/**
 * How the search index is split so Pagefind's memory stays bounded: it
 * holds every page of an index at once (~0.45 MB each, measured: 600 pages
 * peak at 268 MB, 800 at 362 MB, 4,000 at 1.66 GB), so a big site is indexed
 * as several bundles, one Pagefind run each, merged in the browser
 * (`mergeIndex`).
 *
 * A page's shard depends on its URL only: the shards are the leaves of the
 * smallest binary trie over the SHA-256 bits of the URLs in which no leaf
 * holds more than `capacity` pages (a node is split on its next bit only
 * while it holds more). So an edited page stays in its shard; a new page
 * can only split the shard it lands in (its pages go to two new shards,
 * every other shard is kept), and removed pages can only merge two sibling
 * shards back: the layout never reshuffles as the site grows. A site of at
 * most `capacity` pages is the root leaf: one bundle at `pagefind/`, as
 * before sharding.
 */
import { createHash } from 'node:crypto';

/**
 * Most pages in one shard. 600 keeps one Pagefind run near 270 MB (reference
 * posts of 10-20 KB), under the 400 MB budget of a whole build with room for
 * heavier pages; more shards would mean more files for the browser to fetch
 * (each merged bundle loads its own ~60 KB wasm and metadata).
 */
export const shardCapacity = 600;

/** URL bits used at most: a leaf this deep is not split further (only identical hash prefixes could get there). */
const maxDepth = 32;

/** File listing the shards' bundles, in the root bundle folder (`pagefind/shards.json`). */
export const shardListFile = 'shards.json';

/** One search shard: a Pagefind bundle of its own. */
export interface Shard<Page> {
  /** The leaf's bits (`''` for the whole site, `'01'`, `'1'`…). */
  id: string;
  /** Bundle folder relative to the output, with a trailing slash: `pagefind/` for the root leaf, `pagefind/01/` otherwise. */
  dir: string;
  /** Its pages, in their input order. */
  pages: Page[];
}

/** The bundle folder of the shard `id` under `root` (`pagefind`). */
export function shardDir(root: string, id: string): string {
  return id ? `${root}/${id}/` : `${root}/`;
}

/**
 * Splits `pages` into shards by the SHA-256 of `urlOf(page)`; shards are
 * ordered by id, pages keep their order. No pages: no shards.
 */
export function assignShards<Page>(pages: readonly Page[], urlOf: (page: Page) => string, options: { root: string; capacity?: number }): Array<Shard<Page>> {
  const capacity = options.capacity ?? shardCapacity;
  if (!(capacity >= 1)) throw new Error(`Expected a shard capacity of at least 1, not \`${capacity}\``);
  const hashed = pages.map((page) => ({ page, bits: createHash('sha256').update(urlOf(page)).digest().readUInt32BE(0) }));
  const shards: Array<Shard<Page>> = [];
  const split = (group: typeof hashed, id: string): void => {
    if (group.length === 0) return;
    if (group.length <= capacity || id.length >= maxDepth) {
      shards.push({ id, dir: shardDir(options.root, id), pages: group.map(({ page }) => page) });
      return;
    }
    const mask = 2 ** (31 - id.length);
    split(group.filter(({ bits }) => (bits & mask) === 0), `${id}0`);
    split(group.filter(({ bits }) => (bits & mask) !== 0), `${id}1`);
  };
  split(hashed, '');
  return shards;
}

/**
 * The shard list the search page reads: bundle folders relative to the root
 * bundle folder (`./` is the root itself), the first one holding the UI.
 */
export function shardList(shards: ReadonlyArray<Pick<Shard<unknown>, 'id'>>): string {
  return `${JSON.stringify({ version: 1, bundles: shards.map(({ id }) => (id ? `${id}/` : './')) })}\n`;
}
