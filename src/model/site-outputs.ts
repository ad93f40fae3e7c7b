/**
 * The files a build writes besides its posts, each with what writes it, for
 * the routes check: the fixed files, and every list the lists stage makes
 * (`renderLists`: the home page, sections, terms) with its feeds and each of
 * its pagination pages, counted the way that stage paginates.
 */
import type { PostMeta } from '../types.js';
import { mainSections } from './main-sections.js';
import { listFolder, pageCount, pageUrl } from './paginate.js';
import { archiveYears } from './archive.js';
import { sectionLists } from './section-lists.js';
import { isFileUrl, outputPathOf } from './permalink.js';
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
  /**
   * `_index.md` pages with a file `url` (`/post.html`) whose list's feeds or
   * pages 2 and up, in the folder named like the file (`post/`), another of
   * the site's outputs writes too: the first such file and its other writer.
   */
  clashes: Array<{ index: PostMeta; output: string; writer: string }>;
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
  /** Every writer of a path two of the site's outputs write. */
  const shared = new Map<string, string[]>();
  // A path two of the site's outputs write is no `_index.md`'s own: the other writer is the one named.
  const add = (file: string, what: string, index?: PostMeta) => {
    const before = files.get(file);
    if (before !== undefined) {
      shared.set(file, [...(shared.get(file) ?? [before]), what]);
      own.delete(file);
      if (index) return;
    }
    files.set(file, what);
    if (index) own.set(file, index);
  };
  const pages = (url: string, what: string, count: number): Array<[string, string]> => {
    const made: Array<[string, string]> = [];
    for (let n = 2, last = pageCount(count, pageSize); n <= last; n++) made.push([outputPathOf(pageUrl(url, n)), `page ${n} of ${what}`]);
    return made;
  };
  const fileLists: Array<{ index: PostMeta; page: string; made: Array<[string, string]> }> = [];
  const list = (url: string, what: string, count: number, index?: PostMeta) => {
    const page = outputPathOf(pageUrl(url, 1));
    add(page, what, index);
    // The feeds as `feedUrls` (`output/feeds.ts`) places them.
    const folder = listFolder(url).slice(1);
    const made: Array<[string, string]> = [[`${folder}index.xml`, `the RSS feed of ${what}`], [`${folder}atom.xml`, `the Atom feed of ${what}`], ...pages(url, what, count)];
    for (const [file, writer] of made) add(file, writer);
    // Only a file `url` puts them outside page 1's folder, where another list's can be.
    if (index && isFileUrl(url)) fileLists.push({ index, page, made });
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
  for (const [file, writer] of pages('/', 'the home page', onHome.length)) add(file, writer);
  for (const { year, url } of archiveYears(onHome)) if (url) add(outputPathOf(url), `the archive page of ${year === 0 ? 'posts without a date' : year}`);
  for (const { url, folder, index, posts: inList } of sectionLists(listed, indexes, listUrls)) list(url, `the list of section \`${folder.slice(0, -1)}\``, inList.length, index);
  for (const taxonomy of taxonomies) {
    for (const term of taxonomy.terms) list(term.url, `the ${taxonomy.singular} \`${term.name}\``, term.posts.length, byUrl.get(term.url));
    add(outputPathOf(taxonomy.url), `the list of ${taxonomy.plural}`, byUrl.get(taxonomy.url));
  }
  const clashes: SiteOutputs['clashes'] = [];
  // A clash of page 1 is reported as such (it is no `_index.md`'s own then).
  for (const { index, page, made } of fileLists.filter((list) => own.get(list.page) === list.index)) {
    for (const [file, writer] of made) {
      const other = shared.get(file)?.find((what) => what !== writer);
      if (other === undefined) continue;
      clashes.push({ index, output: file, writer: other });
      break;
    }
  }
  return { files, own, clashes };
}
