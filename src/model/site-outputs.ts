/**
 * The files a build writes besides its posts, each with what writes it, for
 * the routes check: the fixed files, and every list the lists stage makes
 * (`renderLists`: the home page, sections, terms) with its feeds and each of
 * its pagination pages, counted the way that stage paginates.
 */
import type { PostMeta } from '../types.js';
import { mainSections } from './main-sections.js';
import { pageCount, pageUrl } from './paginate.js';
import { archiveYears } from './archive.js';
import { sectionLists } from './section-lists.js';
import { outputPathOf } from './permalink.js';
import { buildTaxonomies, taxonomyUrls } from './taxonomy.js';

/** Options of {@link siteOutputs}. */
export interface SiteOutputsOptions {
  /** Taxonomies as in the config, singular → plural (their lists and term pages are the site's). Default `{tag: 'tags', category: 'categories'}`. */
  taxonomies?: Readonly<Record<string, string>>;
  /** Posts per list page, as in the config. Default `10`. */
  pageSize?: number;
  /** The config's `params`: its `mainSections` decide which posts the home page lists. Default `{}` (every section). */
  params?: Readonly<Record<string, unknown>>;
}

/** Result of {@link siteOutputs}. */
export interface SiteOutputs {
  /** Output file → what writes it (`the home page`, `page 2 of the tag \`go\``). */
  files: Map<string, string>;
  /** Page 1 of a list made from an `_index.md` → that `_index.md`, whose own output it is (unless something else writes there too). */
  own: Map<string, PostMeta>;
}

/**
 * Output files the site writes besides its posts, each with what writes it:
 * the home page and its feeds, the sitemap and the other fixed files, each
 * section's list and feeds, and each taxonomy's list, term pages and feeds;
 * every paginated list with its pages 2 and up (`BASE/page/N/`) that exist.
 */
export function siteOutputs(posts: readonly PostMeta[], options: SiteOutputsOptions = {}): SiteOutputs {
  const files = new Map<string, string>([
    ['index.xml', "the site's RSS feed"],
    ['atom.xml', "the site's Atom feed"],
    ['sitemap.xml', 'the sitemap'],
    ['robots.txt', '`robots.txt`'],
    ['404.html', 'the 404 page'],
    ['_redirects', 'the redirects file'],
    ['.nojekyll', '`.nojekyll`'],
    ['search/index.html', 'the search page'],
    ['archive/index.html', 'the archive page'],
  ]);
  const own = new Map<string, PostMeta>();
  const pageSize = options.pageSize ?? 10;
  // A path two of the site's outputs write is no `_index.md`'s own: the other writer is the one named.
  const add = (file: string, what: string, index?: PostMeta) => {
    if (files.has(file)) {
      own.delete(file);
      if (index) return;
    }
    files.set(file, what);
    if (index) own.set(file, index);
  };
  const pages = (url: string, what: string, count: number) => {
    for (let n = 2, last = pageCount(count, pageSize); n <= last; n++) add(outputPathOf(pageUrl(url, n)), `page ${n} of ${what}`);
  };
  const list = (url: string, what: string, count: number, index?: PostMeta) => {
    const folder = pageUrl(url, 1).slice(1);
    add(`${folder}index.html`, what, index);
    add(`${folder}index.xml`, `the RSS feed of ${what}`);
    add(`${folder}atom.xml`, `the Atom feed of ${what}`);
    pages(url, what, count);
  };

  // The same posts and lists as the build's (`build.ts`, `renderLists`): top-level pages are in none.
  const listed = posts.filter((post) => post.kind === 'page' && post.section !== '');
  const indexes = posts.filter((post) => post.kind === 'section');
  const { taxonomies } = buildTaxonomies(listed, options.taxonomies ?? { tag: 'tags', category: 'categories' });
  const listUrls = taxonomyUrls(taxonomies);
  const byUrl = new Map(indexes.filter((index) => listUrls.has(index.url)).map((index) => [index.url, index]));
  const home = indexes.find((index) => index.url === '/');

  const main = mainSections(options.params ?? {});
  const onHome = main ? listed.filter((post) => main.has(post.section)) : listed;

  add('index.html', 'the home page', home);
  pages('/', 'the home page', onHome.length);
  for (const { year, url } of archiveYears(onHome)) if (url) add(outputPathOf(url), `the archive page of ${year === 0 ? 'posts without a date' : year}`);
  for (const { url, folder, index, posts: inList } of sectionLists(listed, indexes, listUrls)) list(url, `the list of section \`${folder.slice(0, -1)}\``, inList.length, index);
  for (const taxonomy of taxonomies) {
    for (const term of taxonomy.terms) list(term.url, `the ${taxonomy.singular} \`${term.name}\``, term.posts.length, byUrl.get(term.url));
    add(outputPathOf(taxonomy.url), `the list of ${taxonomy.plural}`, byUrl.get(taxonomy.url));
  }
  return { files, own };
}
