/**
 * Every page that is not a post: home, sections, taxonomies and their terms
 * (each paginated, with feeds), archive, search, 404, alias redirects,
 * sitemap and robots.txt. One render function per output kind.
 */
import type { ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { mainSections } from '../model/main-sections.js';
import { sectionLists } from '../model/section-lists.js';
import { archiveYears } from '../model/archive.js';
import { paginate } from '../model/paginate.js';
import { outputPathOf } from '../model/permalink.js';
import { taxonomyUrls, type Taxonomy } from '../model/taxonomy.js';
import { atomBytes, feedUrls, rssBytes, type FeedEntry } from '../output/feeds.js';
import { redirectPage, redirectPath, renderRedirects, type Redirect } from '../output/redirects.js';
import { renderRobots, sitemapFiles, type SitemapEntry } from '../output/sitemap.js';
import type { Writer } from '../output/writer.js';
import { keyOf } from '../output/manifest.js';
import type { HeapGuard } from '../util/heap.js';
import { InFlight } from '../util/in-flight.js';
import type { PageTemplate } from './template-keys.js';
import { headElements, type HeadFeed } from '../seo/head.js';
import type { Menus, PostMeta, SiteConfig } from '../types.js';
import { createPageContext, renderPage, type PageInput } from './page.js';
import type { Theme } from './templates.js';
import type { ArchivePageProps, PostLink, PostSummary } from './types.js';

/**
 * A post in lists, with the feed HTML of posts that appear in a feed and the
 * key of everything its page was made from (lists showing it depend on it).
 */
export type ListedPost = PostSummary & { feedHtml?: string; feedKey?: string; key?: string };

/** What `renderLists` needs. */
export interface ListsInput {
  /** Published posts, newest first, with summaries. */
  posts: ListedPost[];
  /** Section list pages (`_index.md`) with their rendered intro. */
  sections: Array<{ meta: PostMeta; intro: ElementContent[] }>;
  /** The site's menus (`model/menus.ts`), shown on every page; part of `salt`. */
  menus?: Menus;
  /** Top-level pages (`content/about.md`): not listed, but their aliases get redirects. */
  pages?: PostMeta[];
  /** Taxonomies of the published posts. */
  taxonomies: Taxonomy<PostMeta>[];
  /** Every page URL written so far (posts), for the sitemap. */
  pageUrls: SitemapEntry[];
  theme: Theme;
  config: SiteConfig;
  writer: Writer;
  /** Indexes a rendered page for search (when search is on). */
  index?: (url: string, html: string) => Promise<void>;
  /** Key of what every output depends on (code, config): with the templates' and the posts' keys, a page made from the same is carried over. */
  salt?: string;
  /** Keys of the templates each kind of page is made with. */
  templates?: Record<PageTemplate, string>;
  /** The feed HTML of a post kept in the build cache under `key` (see `RenderedPost`). */
  feedHtml?: (key: string) => Promise<string | undefined>;
  /** Checked after each page (see `HeapGuard`). */
  heap?: HeapGuard;
  /**
   * Instead of making the feeds, keep these files of an earlier build, or
   * say they cannot be kept (false): then a feed is only carried over by its
   * key (`onair dev` makes the rest when edits pause).
   */
  keepFeeds?: (files: string[]) => boolean;
}

/** Terms shown per post on list cards and in feed entries (the post page shows all). */
const maxListedTerms = 20;

/**
 * Every term page lists the post with its terms: a post with 10,000 tags
 * would make 10,000 pages of 10,000 links each (gigabytes). Cards and feed
 * entries show the first terms only.
 */
function capTerms(post: ListedPost): ListedPost {
  if (post.tags.length <= maxListedTerms && post.categories.length <= maxListedTerms) return post;
  return { ...post, tags: post.tags.slice(0, maxListedTerms), categories: post.categories.slice(0, maxListedTerms) };
}

/** Renders and writes every list page and site file; resolves to the number of HTML pages. */
export async function renderLists(input: ListsInput): Promise<number> {
  const { config, writer } = input;
  const byMeta = new Map<string, ListedPost>(input.posts.map((p) => [p.sourcePath, capTerms(p)]));
  const listed = (metas: readonly PostMeta[]) => metas.map((m) => byMeta.get(m.sourcePath)!).filter(Boolean);
  const sitemap: SitemapEntry[] = [...input.pageUrls];
  const siteFeed: HeadFeed = { title: config.title, ...feedUrls('/') };
  let pages = 0;
  const feedHtmlOf = feedHtmlReader(input);
  const pageContext = (page: PageInput) => createPageContext(config, { ...page, menus: input.menus });
  // Pages are made while the ones before them are still being written.
  const writes = new InFlight(16);
  const started = new Set<string>();
  /** Starts `task`, which makes `files`; one made earlier in this run is finished first (the last one made wins, as before). */
  const schedule = async (files: string[], task: () => Promise<void>) => {
    input.heap?.check();
    if (files.some((file) => started.has(file))) await writes.done();
    for (const file of files) started.add(file);
    await writes.run(task);
  };

  /** Writes a site file made from `data` (plain data) with `template`, unless the previous build made it from the same. */
  const keyed = async (file: string, template: PageTemplate | undefined, data: unknown, render: () => string | Uint8Array) => {
    await breathe();
    const key = input.salt === undefined ? undefined : keyOf(input.salt, template && input.templates?.[template], file, JSON.stringify(data));
    await schedule([file], async () => {
      if (key && (await writer.reuse(file, key))) return;
      await writer.write(file, render(), key);
    });
  };

  /** A paginated list page with its own feeds. */
  const list = async (kind: PageInput['kind'], url: string, heading: string, posts: ListedPost[], intro?: ElementContent[], description?: string) => {
    const feeds = url === '/' ? [siteFeed] : [siteFeed, { title: `${heading} · ${config.title}`, ...feedUrls(url) }];
    const lastmod = posts[0]?.lastmod ?? posts[0]?.date;
    const introKey = JSON.stringify(intro ?? null);
    for (const { items, pagination } of paginate(posts, config.pageSize, url)) {
      await breathe();
      const pageUrl = pagination.pages[pagination.page - 1];
      const key = listKey(input.salt, items, 'list', input.templates?.list, kind, pageUrl, heading, description, introKey, JSON.stringify(pagination), JSON.stringify(feeds));
      sitemap.push({ url: pageUrl, lastmod });
      pages++;
      const file = outputPathOf(pageUrl);
      await schedule([file], async () => {
        if (key && (await writer.reuse(file, key))) return;
        const title = pagination.page === 1 ? heading : `${heading} (${pagination.page})`;
        const head = headElements({ site: config, url: pageUrl, title, description: description ?? config.description, feeds });
        const page = pageContext({ kind, title: kind === 'home' && pagination.page === 1 ? '' : title, description, url: pageUrl, head });
        await writer.write(file, renderPage(input.theme, 'list', { page, heading, intro, posts: items, pagination, feed: feeds[feeds.length - 1].rss }), key);
      });
    }
    const feedFiles = [outputPathOf(feedUrls(url).rss), outputPathOf(feedUrls(url).atom)];
    if (input.keepFeeds?.(feedFiles)) return;
    await breathe();
    await schedule(feedFiles, () => writeFeeds(url, url === '/' ? config.title : `${heading} · ${config.title}`, posts, input, feedHtmlOf));
  };

  // `content/_index.md` is the home page's intro, not a section of its own.
  const home = input.sections.find((s) => s.meta.url === '/');
  const main = mainSections(config.params);
  const mainPosts = main ? input.posts.filter((post) => main.has(post.section)) : input.posts;
  await list('home', '/', config.title, mainPosts, home?.intro, config.description);

  // `content/categories/tech/_index.md` gives a term its title, description and intro, as in Hugo; it and `content/tags/_index.md` are no sections (the theme names a taxonomy's page).
  const listUrls = taxonomyUrls(input.taxonomies);
  const byUrl = new Map(input.sections.filter((s) => listUrls.has(s.meta.url)).map((s) => [s.meta.url, s]));
  const intros = new Map(input.sections.map((s) => [s.meta, s.intro]));
  for (const { url, section, index, posts } of sectionLists(input.posts, [...intros.keys()], listUrls)) {
    if (index) await list('section', url, index.title, posts, intros.get(index), index.description);
    else await list('section', url, section.charAt(0).toUpperCase() + section.slice(1), posts);
  }

  for (const taxonomy of input.taxonomies) {
    for (const term of taxonomy.terms) {
      const own = byUrl.get(term.url);
      await list('term', term.url, own?.meta.title ?? term.name, listed(term.posts), own?.intro, own?.meta.description);
    }
    const title = taxonomy.plural.charAt(0).toUpperCase() + taxonomy.plural.slice(1);
    const page = pageContext({ kind: 'terms', title, url: taxonomy.url, head: headElements({ site: config, url: taxonomy.url, title, description: config.description, feeds: [siteFeed] }) });
    const terms = taxonomy.terms.map((t) => ({ name: t.name, url: t.url, count: t.posts.length }));
    await keyed(outputPathOf(taxonomy.url), 'terms', terms, () => renderPage(input.theme, 'terms', { page, taxonomy: taxonomy.plural, terms }));
    sitemap.push({ url: taxonomy.url });
    pages++;
  }

  // The archive: one page, or past `archiveLimit` posts an index and a page per year (`model/archive.ts`).
  const archive = archiveYears(mainPosts);
  const links = (posts: readonly PostSummary[]): PostLink[] => posts.map((post) => ({ title: post.title, url: post.url, date: post.date }));
  const archivePage = async (url: string, years: ArchivePageProps['years'], year?: number) => {
    const title = year === undefined ? 'Archive' : `Archive ${year}`;
    const page = pageContext({ kind: 'archive', title, url, head: headElements({ site: config, url, title, description: config.description, feeds: [siteFeed] }) });
    await keyed(outputPathOf(url), 'archive', { years, year }, () => renderPage(input.theme, 'archive', { page, years, ...(year === undefined ? {} : { year }) }));
    sitemap.push({ url });
  };
  await archivePage('/archive/', archive.map((y) => ({ year: y.year, count: y.posts.length, posts: y.inline ? links(y.posts) : [], ...(y.url ? { url: y.url } : {}) })));
  for (const y of archive) {
    if (!y.url) continue;
    await archivePage(y.url, [{ year: y.year, count: y.posts.length, posts: links(y.posts) }], y.year);
    pages++;
  }

  const searchPage = pageContext({ kind: 'search', title: 'Search', url: '/search/', scripts: ['/assets/search.js'], head: headElements({ site: config, url: '/search/', title: 'Search', description: config.description, feeds: [siteFeed] }) });
  await keyed('search/index.html', 'search', null, () => renderPage(input.theme, 'search', { page: searchPage }));
  sitemap.push({ url: '/search/' });

  const notFound = pageContext({ kind: '404', title: '404', url: '/404.html' });
  await keyed('404.html', '404', null, () => renderPage(input.theme, '404', { page: notFound }));
  pages += 3;

  const redirects: Redirect[] = [...input.posts, ...(input.pages ?? []), ...input.sections.map((s) => s.meta)].flatMap((p) => p.aliases.map((from) => ({ from, to: p.url })));
  for (const redirect of redirects) await keyed(redirectPath(redirect.from), undefined, redirect, () => toHtml(redirectPage(config.baseUrl, redirect, config.language)));
  if (redirects.length > 0) await keyed('_redirects', undefined, redirects, () => renderRedirects(config.basePath, redirects));

  for (const part of sitemapFiles(config.baseUrl, sitemap)) await keyed(part.file, undefined, part.data, part.render);
  await keyed('robots.txt', undefined, null, () => renderRobots(config.baseUrl));
  await keyed('.nojekyll', undefined, null, () => '');
  await writes.done();
  return pages;
}

/**
 * Key of a list page or feed: the build-wide salt, the page's own data and
 * the keys of the posts it shows; undefined (never reused) when one is unknown.
 */
function listKey(salt: string | undefined, posts: readonly ListedPost[], ...parts: Array<string | undefined>): string | undefined {
  if (salt === undefined || posts.some((p) => p.key === undefined)) return undefined;
  return keyOf(salt, ...parts, ...posts.map((p) => p.key));
}

/**
 * Lets the event loop run at least every 20 ms: pages carried over resolve
 * without any I/O, and the dev server (same thread) must answer the tab that
 * reloads while the lists are still being made.
 */
async function breathe(): Promise<void> {
  if (performance.now() - lastBreath < 20) return;
  await new Promise((resolve) => setImmediate(resolve));
  lastBreath = performance.now();
}
let lastBreath = 0;

/** Reads feed HTML from the build cache once per key (a post shows in several feeds). */
function feedHtmlReader(input: ListsInput): (key: string) => Promise<string | undefined> {
  const read = new Map<string, Promise<string | undefined>>();
  return (key) => {
    let html = read.get(key);
    if (!html) read.set(key, (html = input.feedHtml?.(key) ?? Promise.resolve(undefined)));
    return html;
  };
}

async function writeFeeds(url: string, title: string, posts: ListedPost[], input: ListsInput, feedHtmlOf: (key: string) => Promise<string | undefined>): Promise<void> {
  const shown = posts.slice(0, input.config.feeds.limit || posts.length);
  const urls = feedUrls(url);
  const key = listKey(input.salt, shown, 'feed', url, title);
  const rss = outputPathOf(urls.rss);
  const atom = outputPathOf(urls.atom);
  if (key && (await input.writer.reuse(rss, key)) && (await input.writer.reuse(atom, key))) return;
  // Deferred: made when edits pause.
  if (input.keepFeeds) return;
  const entries: FeedEntry[] = [];
  // A feed missing the HTML of a post (its cache entry gone) shows its summary, and is not kept for the next build to reuse.
  let complete = true;
  for (const p of shown) {
    const html = p.feedHtml ?? (p.feedKey === undefined ? undefined : await feedHtmlOf(p.feedKey));
    if (html === undefined && p.feedKey !== undefined) complete = false;
    entries.push({
      title: p.title,
      url: p.url,
      date: p.date,
      lastmod: p.lastmod,
      author: p.author,
      summaryText: p.summaryText,
      summary: p.summary,
      html,
      categories: [...p.tags, ...p.categories],
    });
  }
  const options = { site: input.config, url, title, entries };
  await input.writer.write(rss, rssBytes(options), complete ? key : undefined);
  await input.writer.write(atom, atomBytes(options), complete ? key : undefined);
}
