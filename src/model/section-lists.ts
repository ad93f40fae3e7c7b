/**
 * The section lists a build writes, worked out once for the lists stage
 * (`renderLists`), the routes check (`siteOutputs`) and the feed HTML kept
 * for feeds (`build.ts`), so the three never disagree:
 * - a section with an `_index.md` (not the home page's, nor a taxonomy's or
 *   a term's) lists the posts anywhere in its folder, at the index's URL,
 *   as Hugo does (`post/series/_index.md` lists `post/series/**`);
 * - a top-level section without its own `_index.md` lists its posts at
 *   `/SECTION/` (a nested `_index.md` does not stand in for it).
 * Posts keep their order (the build's: newest first). One pass over the
 * posts, whatever the number of sections.
 */

/** What a list needs of a post. */
export interface Listable {
  section: string;
  contentPath: string;
}

/** One section list: from an `_index.md` (`index`), or a section without one. */
export interface SectionList<Post, Index> {
  url: string;
  /** The section's name (its top-level folder). */
  section: string;
  /** The folder listed (`post/series/`). */
  folder: string;
  index?: Index;
  posts: Post[];
}

/**
 * The section lists of `posts` (listed posts only: no top-level pages),
 * given the site's `_index.md` pages and the URLs the taxonomies own (their
 * `_index.md` pages name terms, they are no sections).
 */
export function sectionLists<Post extends Listable, Index extends Listable & { url: string }>(
  posts: readonly Post[],
  indexes: readonly Index[],
  taxonomyUrls: ReadonlySet<string>,
): Array<SectionList<Post, Index>> {
  const folderOf = (index: Index) => index.contentPath.slice(0, index.contentPath.lastIndexOf('/') + 1);
  const withIndex = indexes.filter((index) => index.url !== '/' && !taxonomyUrls.has(index.url));
  const inFolder = new Map<string, Post[]>(withIndex.map((index) => [folderOf(index), []]));
  const bySection = new Map<string, Post[]>();
  for (const post of posts) {
    if (post.section === '') continue;
    let own = bySection.get(post.section);
    if (!own) bySection.set(post.section, (own = []));
    own.push(post);
    const file = post.contentPath;
    for (let i = file.indexOf('/'); i !== -1; i = file.indexOf('/', i + 1)) inFolder.get(file.slice(0, i + 1))?.push(post);
  }
  const lists: Array<SectionList<Post, Index>> = withIndex.map((index) => ({ url: index.url, section: index.section, folder: folderOf(index), index, posts: inFolder.get(folderOf(index))! }));
  const topLevel = new Set(withIndex.filter((index) => index.contentPath === `${index.section}/_index.md`).map((index) => index.section));
  for (const section of [...bySection.keys()].sort()) {
    if (!topLevel.has(section)) lists.push({ url: `/${section}/`, section, folder: `${section}/`, posts: bySection.get(section)! });
  }
  return lists;
}
