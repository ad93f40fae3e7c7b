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
