/**
 * The search stage of a build: the Pagefind index of the pages just
 * written (posts and standalone pages, never lists), in shards of a bounded
 * number of pages (`shards.ts`), each made by its own Pagefind run, one at
 * a time, and each carried over whole when every page in it was made from
 * the same inputs as last time. `pagefind/shards.json` lists the bundles
 * for the search page, which merges them into one ranked list.
 */
import os from 'node:os';
import { keyOf } from '../output/manifest.js';
import { InFlight } from '../util/in-flight.js';
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
  /** Most Pagefind runs at once (default: {@link searchParallelism}). */
  parallel?: number;
  /** Only carry shards over, make none (`onair dev`'s first build: the rest comes when edits pause). */
  reuseOnly?: boolean;
}

/** What one Pagefind run holds, measured: ~0.45 MB a page (600 pages: 268 MB), plus the process itself. */
const runBytes = (pages: number) => pages * 0.5 * 2 ** 20 + 48 * 2 ** 20;
/** Memory left to the rest of the machine (and this build's own thread) when runs are added. */
const reserveBytes = 1024 * 2 ** 20;

/**
 * How many shards are indexed at once: one per core, as many as free memory
 * holds with a margin, at least one. A Pagefind run keeps about one core
 * busy, so one at a time left the other core idle once the lists were made
 * (4,000 posts: 19 of the 25 s of indexing).
 */
export function searchParallelism(largestShard: number, cores = os.availableParallelism(), freeBytes = os.freemem()): number {
  const byMemory = Math.floor((freeBytes - reserveBytes) / runBytes(largestShard));
  return Math.max(1, Math.min(cores, byMemory));
}

/**
 * Builds the Pagefind index from the pages of `posts` this build wrote,
 * shard by shard (several at once, see {@link searchParallelism}), carrying
 * a shard over when every page in it has the same key (`salt`: what every
 * page depends on). Pages on disk are read by the Pagefind binary itself
 * (`disk.ts`); an in-memory writer's are sent to its node API one by one,
 * one shard at a time. Returns early, writing nothing more (no shard list),
 * when `signal` stops it; the first run that fails stops the others.
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
  const parallel = fromDisk ? (options.parallel ?? searchParallelism(Math.max(...shards.map((shard) => shard.pages.length)))) : 1;
  // Stopped by the caller, or by the first run that fails.
  const stop = new AbortController();
  const forward = () => stop.abort();
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward, { once: true });
  const runs = new InFlight(parallel);
  let rootKey: string | undefined;
  // A shard left to be made: the list waits for it.
  let incomplete = false;
  try {
    for (const shard of shards) {
      if (stop.signal.aborted) break;
      const key = shard.pages.every((post) => post.key) ? keyOf(salt, 'search-shard', ...shard.pages.map((post) => `${post.url}\0${post.key}`)) : undefined;
      if (shard.id === '') rootKey = key;
      if (key && (await writer.reuseAll(shard.dir, key))) {
        // A single bundle carried over carries its shard list with it.
        if (shard.id === '') return;
        continue;
      }
      if (options.reuseOnly) {
        incomplete = true;
        continue;
      }
      await runs.run(async () => {
        try {
          const files = shard.pages.map((post) => post.outputPath);
          const done = fromDisk
            ? await indexFromDisk(writer as DirWriter, files, { language: config.language, dir: shard.dir, key, signal: stop.signal })
            : await indexInMemory(config, writer, shard, key, stop.signal);
          if (!done) stop.abort();
        } catch (error) {
          stop.abort();
          throw error;
        }
      });
    }
    await runs.done();
  } finally {
    signal?.removeEventListener('abort', forward);
  }
  if (stop.signal.aborted || incomplete) return;
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
