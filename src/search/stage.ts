/**
 * The search stage of a build: the Pagefind index of the pages just
 * written (posts and standalone pages, never lists), carried over whole
 * when every indexed page was made from the same inputs as last time.
 */
import { keyOf } from '../output/manifest.js';
import { DirWriter, type Writer } from '../output/writer.js';
import { encodePath } from '../model/terms.js';
import type { PostMeta, SiteConfig } from '../types.js';
import { indexFromDisk, pagesGlob } from './disk.js';
import { createSearchIndex } from './pagefind.js';

/**
 * Builds the Pagefind index from the pages of `posts` this build wrote, or
 * carries the previous one over when every indexed page has the same key
 * (`salt`: what every page depends on). Pages on disk are read by Pagefind
 * itself (`disk.ts`); an in-memory writer's are sent to it one by one.
 * Returns early, writing nothing more, when `signal` stops it.
 */
export async function indexSearch(config: SiteConfig, writer: Writer, posts: ReadonlyArray<PostMeta & { key?: string }>, salt: string, signal?: AbortSignal): Promise<void> {
  const indexed = posts.filter((post) => writer.paths.has(post.outputPath));
  const key = indexed.every((post) => post.key) ? keyOf(salt, 'search', ...indexed.map((post) => `${post.url}\0${post.key}`)) : undefined;
  if (key && (await writer.reuseAll('pagefind/', key))) return;
  if (indexed.length === 0) return;
  const files = indexed.map((post) => post.outputPath);
  if (writer instanceof DirWriter && pagesGlob(files)) {
    await indexFromDisk(writer, files, { language: config.language, key, signal });
    return;
  }
  const search = await createSearchIndex({ language: config.language });
  try {
    const decoder = new TextDecoder();
    for (const post of indexed) {
      if (signal?.aborted) return await search.discard();
      await search.add(encodePath(post.url), decoder.decode(await writer.read(post.outputPath)));
    }
    await search.write({ write: (file, data) => writer.write(file, data, key) });
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
export function startSearch(config: SiteConfig, writer: Writer, posts: ReadonlyArray<PostMeta & { key?: string }>, salt: string, signal?: AbortSignal): RunningSearch {
  const controller = new AbortController();
  const forward = () => controller.abort();
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward, { once: true });
  const done = indexSearch(config, writer, posts, salt, controller.signal).finally(() => signal?.removeEventListener('abort', forward));
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
