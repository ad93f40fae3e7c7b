/**
 * From a content file to a post's metadata: its front matter read on its own
 * (no Markdown parsing), its URL and output path.
 */
import type { VFile } from 'vfile';
import { readMatter, splitFrontMatter } from '../content/matter.js';
import { writtenOffset } from '../hugo/offset.js';
import type { PostMeta, SiteConfig } from '../types.js';
import { checkAliases, permalink } from './permalink.js';

/**
 * Reads a post's front matter and works out where it goes. Returns undefined
 * for a file that makes no page (empty, unreadable, or with a fatal front
 * matter problem); the reasons are messages on `file`.
 */
export function readPostMeta(file: VFile, contentPath: string, config: SiteConfig): PostMeta | undefined {
  const text = String(file.value);
  if (file.messages.some((m) => m.fatal)) return undefined;
  const split = splitFrontMatter(text);
  const { matter, locate } = readMatter(file, split, { taxonomies: config.taxonomies });
  if (file.messages.some((m) => m.fatal) || text.trim() === '') return undefined;
  const rawDate = Object.entries(file.data.rawMatter ?? {}).find(([key]) => key.toLowerCase() === 'date')?.[1];
  const taxonomy = contentPath.includes('/') && Object.values(config.taxonomies).includes(contentPath.slice(0, contentPath.indexOf('/')));
  const link = permalink({ contentPath, title: matter.title, slug: matter.slug, url: matter.url, date: matter.date, dateOffset: writtenOffset(rawDate), taxonomy }, config.permalinks);
  const aliases = checkAliases(matter.aliases);
  for (const problem of [...link.problems, ...aliases.problems]) {
    // At the value as written (keys ignore case; the last spelling wins); a problem of the file's own path has no place.
    const key = problem.key && Object.keys(file.data.rawMatter ?? {}).findLast((k) => k.toLowerCase() === problem.key);
    const place = key ? locate(valuePath(key, file.data.rawMatter?.[key], problem.index === undefined ? undefined : matter.aliases[problem.index])) : undefined;
    file.message(problem.reason, { place, ruleId: problem.ruleId, source: 'onair' });
  }
  return {
    ...matter,
    image: bundleRelative(matter.image, link.url),
    aliases: aliases.aliases,
    sourcePath: file.path,
    contentPath,
    section: link.section,
    kind: link.kind,
    url: link.url,
    outputPath: link.outputPath,
    slugName: link.slugName,
    resources: [],
  };
}

/** Options of `isPublished`. */
export interface PublishOptions {
  drafts?: boolean;
  future?: boolean;
  expired?: boolean;
  /** The build's clock. */
  now: Date;
}

/** Whether a post is part of this build (drafts, future and expired posts are not, unless asked for). */
export function isPublished(post: PostMeta, options: PublishOptions): boolean {
  if (isHeadless(post.params)) return false;
  // A Hugo theme's search page (PaperMod's `content/search.md`, Stack's `page/search`: `layout: search`) is where onair writes its own.
  if (post.layout?.toLowerCase() === 'search' && post.url === '/search/') return false;
  if (post.draft && !options.drafts) return false;
  const publishAt = post.publishDate ?? post.date;
  if (!options.future && publishAt && publishAt.getTime() > options.now.getTime()) return false;
  // As Hugo: expired once the expiry date is past (`Before(now)`), published from the publish date on (not `After(now)`).
  if (!options.expired && post.expiryDate && post.expiryDate.getTime() < options.now.getTime()) return false;
  return true;
}

/** Path of a front-matter value: the list entry that reads as `item` (lists are trimmed and deduplicated), else the key. */
function valuePath(key: string, raw: unknown, item: string | undefined): Array<string | number> {
  const index = item === undefined || !Array.isArray(raw) ? -1 : raw.findIndex((entry) => String(entry).trim() === item);
  return index === -1 ? [key] : [key, index];
}

/**
 * A page bundle's image given by file name (`image: cover.svg`) is relative to
 * the page: make it site-relative, so lists, feeds and Open Graph find it.
 */
function bundleRelative(image: string | undefined, url: string): string | undefined {
  if (!image || /^[a-z][a-z\d+.-]*:/i.test(image) || image.startsWith('/') || image.startsWith('#')) return image;
  const base = url.endsWith('/') ? url : url.slice(0, url.lastIndexOf('/') + 1);
  return base + image.replace(/^\.\//, '');
}

/**
 * Hugo renders no page for `headless: true` (a bundle of resources for other
 * pages) nor for build options `render: never` (`_build:`, or `build:` since
 * Hugo 0.123; `false` is the old spelling of `never`).
 */
function isHeadless(params: Record<string, unknown>): boolean {
  for (const [key, value] of Object.entries(params)) {
    const lower = key.toLowerCase();
    if (lower === 'headless' && value === true) return true;
    if ((lower === '_build' || lower === 'build') && value !== null && typeof value === 'object') {
      const render = Object.entries(value).find(([name]) => name.toLowerCase() === 'render')?.[1];
      if (render === false || (typeof render === 'string' && render.toLowerCase() === 'never')) return true;
    }
  }
  return false;
}
