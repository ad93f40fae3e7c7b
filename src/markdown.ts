/**
 * The Markdown processor: the one chain every post goes through, built once
 * and frozen. `processor.run(processor.parse(file), file)` gives the post's
 * body as hast; `processor.process(file)` gives HTML (for use outside onair).
 */
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { remarkMatter } from './content/matter.js';
import { remarkMoreMarker } from './model/summary.js';
import rehypeHighlight from './rehype/highlight.js';
import rehypeSafeHtml from './rehype/safe-html.js';
import rehypeToc from './rehype/toc.js';
import type { MarkdownOptions } from './types.js';

/** Options of `createMarkdownProcessor`. */
export interface ProcessorOptions extends MarkdownOptions {
  /** Taxonomies for the front matter (singular → plural). Default tags and categories. */
  taxonomies?: Record<string, string>;
}

/**
 * Creates the frozen processor. The order matters:
 * - front matter is parsed before anything else so plugins can read
 *   `file.data.matter` (video posters, speakers);
 * - shortcodes run before the interview plugin, which groups their embeds into
 *   platform tabs and needs to know the post's video for timestamps;
 * - user remark plugins see onair's finished mdast;
 * - raw HTML is parsed and sanitized right after remark-rehype, before onair
 *   adds highlighted code (whose inline styles the sanitizer would strip) and
 *   heading ids (which it would prefix);
 * - the TOC reads the ids rehype-slug gave; user rehype plugins run last.
 */
export function createMarkdownProcessor(options: ProcessorOptions = {}) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkMatter, { taxonomies: options.taxonomies })
    .use(remarkGfm)
    .use(remarkMoreMarker)
    .use(options.remarkPlugins ?? [])
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeSafeHtml, { unsafe: options.unsafe })
    .use(rehypeHighlight, { themes: options.highlight })
    .use(rehypeSlug)
    .use(rehypeToc)
    .use(options.rehypePlugins ?? [])
    .use(rehypeStringify)
    .freeze();
}

/** The processor type, for callers that keep one around. */
export type MarkdownProcessor = ReturnType<typeof createMarkdownProcessor>;
