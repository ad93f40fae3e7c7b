/**
 * The search stage of a build: the Pagefind index of the pages just
 * written (posts and standalone pages, never lists), in shards of a bounded
 * number of pages (`shards.ts`), each made by its own Pagefind run, one at
 * a time, and each carried over whole when every page in it was made from
 * the same inputs as last time. `pagefind/shards.json` lists the bundles
 * for the search page, which merges them into one ranked list.
 */
import { keyOf } from '../output/manifest.js';
import { DirWriter, type Writer } from '../output/writer.js';
import { encodePath } from '../model/terms.js';
import type { PostMeta, SiteConfig } from '../types.js';
import { indexFromDisk, pagesGlob } from './disk.js';
import { createSearchIndex, searchBundleDir } from './pagefind.js';
import { assignShards, shardList, shardListFile, type Shard } from './shards.js';

/** A page to index: where it was written, its URL, and the key it was made from (none: never carried over). */
type Page = PostMeta & { key?: string };

/** Internal options of {@link indexSearch} (not site config). */
export interface SearchStageOptions {
  /** Most pages per shard (default `shardCapacity` of `shards.ts`); tests lower it to get several shards from a few posts. */
  shardCapacity?: number;
}

/**
 * Builds the Pagefind index from the pages of `posts` this build wrote,
 * shard by shard, carrying a shard over when every page in it has the same
 * key (`salt`: what every page depends on). Pages on disk are read by the
 * Pagefind binary itself (`disk.ts`); an in-memory writer's are sent to its
 * node API one by one. Returns early, writing nothing more (no shard list),
 * when `signal` stops it.
 */
export async function indexSearch(
  config: SiteConfig,
  writer: Writer,
  posts: readonly Page[],
  salt: string,
  signal?: AbortSignal,
  options: SearchStageOptions = {},
): Promise<void> {
  const indexed = posts.filter((post) => writer.paths.has(post.outputPath));
  const shards = assignShards(indexed, (post) => post.url, { root: searchBundleDir, capacity: options.shardCapacity });
  if (shards.length === 0) return;
  const fromDisk = writer instanceof DirWriter && pagesGlob(indexed.map((post) => post.outputPath)) !== undefined;
  let rootKey: string | undefined;
  for (const shard of shards) {
    if (signal?.aborted) return;
    const key = shard.pages.every((post) => post.key) ? keyOf(salt, 'search-shard', ...shard.pages.map((post) => `${post.url}\0${post.key}`)) : undefined;
    if (shard.id === '') rootKey = key;
    if (key && (await writer.reuseAll(shard.dir, key))) {
      // A single bundle carried over carries its shard list with it.
      if (shard.id === '') return;
      continue;
    }
    const files = shard.pages.map((post) => post.outputPath);
    const done = fromDisk
      ? await indexFromDisk(writer as DirWriter, files, { language: config.language, dir: shard.dir, key, signal })
      : await indexInMemory(config, writer, shard, key, signal);
    if (!done) return;
  }
  // Last, so a dev server's folder never lists a bundle not written yet. A
  // single bundle's list is part of it (same key: `reuseAll` takes both).
  const list = shardList(shards);
  const file = `${searchBundleDir}/${shardListFile}`;
  const key = shards.length === 1 ? rootKey : keyOf('search-shards', list);
  if (!(key && (await writer.reuse(file, key)))) await writer.write(file, list, key);
}

/** Indexes one shard through Pagefind's node API (pages read back from `writer`); false when stopped. */
async function indexInMemory(config: SiteConfig, writer: Writer, shard: Shard<Page>, key: string | undefined, signal?: AbortSignal): Promise<boolean> {
  const search = await createSearchIndex({ language: config.language });
  try {
    const decoder = new TextDecoder();
    for (const post of shard.pages) {
      if (signal?.aborted) {
        await search.discard();
        return false;
      }
      await search.add(encodePath(post.url), decoder.decode(await writer.read(post.outputPath)));
    }
    await search.write({ write: (file, data) => writer.write(file, data, key) }, shard.dir);
    return true;
  } catch (error) {
    await search.discard();
    throw error;
  }
}

/** A search stage running while the build goes on (see {@link startSearch}). */
export interface RunningSearch {
  /** Settles when the stage is done; rejects as `indexSearch` would. */
  done: Promise<void>;
  /** Stops the stage and waits until nothing more is written (a build failing meanwhile). */
  stop(): Promise<void>;
}

/**
 * Starts {@link indexSearch} without waiting: once the post pages are
 * written, the Pagefind process can index them while the build's thread
 * renders the lists. The caller awaits `done`, or calls `stop()` before
 * aborting its writer.
 */
export function startSearch(
  config: SiteConfig,
  writer: Writer,
  posts: readonly Page[],
  salt: string,
  signal?: AbortSignal,
  options?: SearchStageOptions,
): RunningSearch {
  const controller = new AbortController();
  const forward = () => controller.abort();
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward, { once: true });
  const done = indexSearch(config, writer, posts, salt, controller.signal, options).finally(() => signal?.removeEventListener('abort', forward));
  // Awaited by the caller later: not an unhandled rejection meanwhile.
  done.catch(() => {});
  return {
    done,
    async stop() {
      controller.abort();
      await done.catch(() => {});
    },
  };
}
