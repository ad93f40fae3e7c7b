/**
 * The Markdown processor: the one chain every post goes through, built once
 * and frozen. `processor.run(processor.parse(file), file)` gives the post's
 * body as hast; `processor.process(file)` gives HTML (for use outside onair).
 */
import rehypeSlug from './rehype/slug.js';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { frontMatterHandlers, frontMatterSyntax, remarkMatter } from './content/matter.js';
import remarkDefinitionList, { definitionListHandlers } from './definition-list.js';
import remarkGfmByNeed from './gfm.js';
import { remarkInterview } from './interview/index.js';
import remarkTypographer from './typographer.js';
import remarkCjkLineBreaks, { cjkLineBreaksByDefault } from './cjk-line-breaks.js';
import remarkShortcodes from './shortcodes/index.js';
import type { ShortcodeOptions } from './shortcodes/types.js';
import { remarkNestingLimit } from './model/depth.js';
import { remarkMoreMarker } from './model/summary.js';
import rehypeHighlight from './rehype/highlight.js';
import rehypeSafeHtml from './rehype/safe-html.js';
import rehypeToc from './rehype/toc.js';
import type { MarkdownOptions, SiteConfig } from './types.js';

/** Options of `createMarkdownProcessor`. */
export interface ProcessorOptions extends MarkdownOptions {
  /** Taxonomies for the front matter (singular → plural). Default tags and categories. */
  taxonomies?: Record<string, string>;
  /** Options of the shortcode plugin (custom handlers, unknown shortcodes as warnings…). */
  shortcodes?: ShortcodeOptions;
  /** Page language (video tab default: `zh*` → bilibili; the words of embeds, unless `shortcodes.language`). Default `en`. */
  language?: string;
  /** Platform shown first when a talk is on several. */
  defaultPlatform?: 'youtube' | 'bilibili' | 'vimeo';
}

/**
 * Creates the frozen processor. The order matters:
 * - the nesting limit wraps remark-parse (whose GFM transforms overflow the
 *   stack on 10,000 nested `>`) and checks depth before any other transform;
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
    .use(remarkNestingLimit)
    .use(frontMatterSyntax)
    .use(remarkMatter, { taxonomies: options.taxonomies })
    .use(remarkGfmByNeed)
    // Definition lists and the typographer before shortcodes and the interview plugin, which add text without
    // a place in the source (labels, captions): the typographer reads each character's neighbours there.
    .use(options.definitionList === false ? [] : [remarkDefinitionList])
    // East Asian line breaks before the typographer, whose replacements would leave text that no longer lines up
    // with the source (where line endings are checked); it splits text at the breaks it drops, each piece in its
    // place, so the typographer, the interview plugin (speaker labels stay on their line) and messages see the
    // source as before; before shortcodes, so the inner Markdown of `{{% %}}` gets it too.
    .use(options.cjkLineBreaks ?? cjkLineBreaksByDefault(options.language) ? [remarkCjkLineBreaks] : [])
    .use(options.typographer === false ? [] : [remarkTypographer])
    // The page's language words the embeds unless the shortcode options name their own.
    .use(remarkShortcodes, shortcodeOptions(options))
    .use(remarkInterview, { language: options.language, defaultPlatform: options.defaultPlatform })
    .use(remarkMoreMarker)
    .use(options.remarkPlugins ?? [])
    .use(remarkRehype, { allowDangerousHtml: true, handlers: { ...frontMatterHandlers, ...definitionListHandlers } })
    .use(rehypeSafeHtml, { unsafe: options.unsafe })
    .use(rehypeHighlight, options.highlight)
    .use(rehypeSlug)
    .use(rehypeToc)
    .use(options.rehypePlugins ?? [])
    .use(rehypeStringify)
    .freeze();
}

/** The shortcodes' options: inner raw HTML kept for the sanitizer, the page's language words the embeds, and the `highlight` shortcode gets the themes and line numbering fenced code gets, unless the shortcode options name their own. */
function shortcodeOptions(options: ProcessorOptions): ShortcodeOptions {
  const themes = {
    light: options.highlight?.light ?? 'github-light',
    dark: options.highlight?.dark ?? 'github-dark',
    lineNumbers: options.highlight?.lineNumbers,
    lineStart: options.highlight?.lineStart,
  };
  return {
    // Raw HTML in shortcodes' inner Markdown reaches the sanitizer as the page's does (remark-rehype keeps it below).
    allowDangerousHtml: true,
    // Markdown in arguments (a figure caption) is typographed as Hugo's markdownify does, when the page is.
    typographer: options.typographer !== false,
    ...options.shortcodes,
    ...(options.language !== undefined ? { language: options.shortcodes?.language ?? options.language } : {}),
    highlight: options.shortcodes?.highlight ?? themes,
  };
}

/** The processor type, for callers that keep one around. */
export type MarkdownProcessor = ReturnType<typeof createMarkdownProcessor>;

/** What a site's author can do about an unknown shortcode: a site template, or build with placeholders. */
const siteUnknownFix = {
  error: 'add `templates/shortcodes/{name}.tsx` or `templates/shortcodes/{name}.html`, or build with `--unknown-shortcodes=warn` (config `unknownShortcodes: warn`) to show a placeholder',
  warn: 'add `templates/shortcodes/{name}.tsx` or `templates/shortcodes/{name}.html`; a placeholder is shown until then',
};

/** The processor a site's config asks for (the build and its workers use this one); `site` adds the site's shortcodes and `ref` resolution. */
export function createSiteProcessor(config: SiteConfig, site: ShortcodeOptions = {}): MarkdownProcessor {
  return createMarkdownProcessor({
    unsafe: config.unsafe,
    highlight: config.highlight,
    typographer: config.typographer,
    definitionList: config.definitionList,
    cjkLineBreaks: config.cjkLineBreaks,
    taxonomies: config.taxonomies,
    language: config.language,
    defaultPlatform: config.video.defaultPlatform,
    shortcodes: { unknown: config.unknownShortcodes, unknownFix: siteUnknownFix[config.unknownShortcodes], remoteThumbnails: config.video.remoteThumbnails, ...site },
    remarkPlugins: config.remarkPlugins,
    rehypePlugins: config.rehypePlugins,
  });
}
