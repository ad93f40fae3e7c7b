/**
 * Full-text search with no server: Pagefind (its native binary ships in the
 * npm package and runs offline) indexes the post pages of a writer that
 * keeps them in memory, through its node API, and the finished bundle
 * (index, wasm, UI) is written through the build's writer under `pagefind/`
 * (or a shard's folder, see `shards.ts`). Pages on disk go to its
 * command-line binary instead (`disk.ts`). The `/search/` page loads it with `assets/search.js`.
 * Chinese is segmented by Pagefind itself; all pages share one language
 * index (the site's), so mixed Chinese/English posts are found together.
 */
import * as pagefind from 'pagefind';

/** Where the bundle goes, relative to the output folder. */
export const searchBundleDir = 'pagefind';

/** Options of {@link createSearchIndex}. */
export interface SearchIndexOptions {
  /** Site language (`zh-CN`, `en`): every page is indexed under it. */
  language: string;
}

/** Something that can write output files (the build's `Writer`). */
export interface BundleWriter {
  write(file: string, data: string | Uint8Array): Promise<void>;
}

/** A search index being filled during a build. */
export interface SearchIndex {
  /**
   * Index one rendered page. `url` is its site-relative URL, percent-encoded
   * (`encodePath(post.url)`), without the base path: Pagefind's client adds
   * the path it is served from. Problems are returned, not thrown (a page
   * Pagefind cannot read is still written).
   */
  add(url: string, html: string): Promise<string[]>;
  /**
   * Write the bundle through `writer` into the folder `dir` (default
   * `pagefind/`, with a trailing slash); returns how many files were
   * written. Ends the index.
   */
  write(writer: BundleWriter, dir?: string): Promise<number>;
  /** Drop the index without writing (a failed build). */
  discard(): Promise<void>;
}

/**
 * Start a search index. Throws (with `cause`) when Pagefind cannot start: a
 * missing platform binary is an install problem, not a content one.
 */
export async function createSearchIndex(options: SearchIndexOptions): Promise<SearchIndex> {
  const created = await pagefind.createIndex({ forceLanguage: options.language.toLowerCase() });
  if (!created.index) {
    throw new Error('Cannot start Pagefind for search: is the `pagefind` package (with its platform binary) installed?', {
      cause: created.errors
    });
  }
  const index = created.index;
  let pages = 0;
  return {
    async add(url, html) {
      const result = await index.addHTMLFile({ url, content: html });
      if (result.errors.length === 0) pages++;
      return result.errors;
    },
    async write(writer, dir = `${searchBundleDir}/`) {
      if (pages === 0) {
        await index.deleteIndex();
        return 0;
      }
      const { files, errors } = await index.getFiles();
      if (errors.length > 0) throw new Error('Cannot build the search index', { cause: errors });
      for (const file of files) await writer.write(`${dir}${file.path}`, file.content);
      await index.deleteIndex();
      return files.length;
    },
    async discard() {
      await index.deleteIndex();
    }
  };
}
