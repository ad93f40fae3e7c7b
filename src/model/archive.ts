/**
 * The archive's pages. Up to {@link archiveLimit} posts, `/archive/` lists
 * every post by year, newest first. Past that, one page of tens of thousands
 * of links (a 50,000-post site: about 10 MB of HTML, and the largest tree of
 * the build) serves no reader: each year gets its own page,
 * `/archive/YEAR/`, and `/archive/` lists the newest years in full while
 * they hold at most `archiveLimit` posts, the older ones as links to their
 * pages with their counts. Posts without a date are the year 0, whose page
 * is `/archive/undated/`.
 */

/** Posts `/archive/` shows in full. */
export const archiveLimit = 2000;

/** What the archive needs of a post. */
export interface Dated {
  url: string;
  date?: Date;
}

/** One year of the archive. */
export interface ArchiveYear<Post> {
  year: number;
  /** Its posts, newest first. */
  posts: Post[];
  /** Its own page (`/archive/2019/`), when the archive is split. */
  url?: string;
  /** Whether `/archive/` lists its posts (else it links to `url`). */
  inline: boolean;
}

/** Site-relative URL of a year's archive page. */
export function archiveYearUrl(year: number): string {
  return `/archive/${year === 0 ? 'undated' : year}/`;
}

/** The archive's years for `posts` (any order), newest year first. */
export function archiveYears<Post extends Dated>(posts: readonly Post[], limit = archiveLimit): Array<ArchiveYear<Post>> {
  const years = new Map<number, Post[]>();
  for (const post of posts) {
    const year = post.date ? post.date.getUTCFullYear() : 0;
    let list = years.get(year);
    if (!list) years.set(year, (list = []));
    list.push(post);
  }
  // Lists put weighted posts first (Hugo's order); an archive is by date alone.
  const newest = (a: Post, b: Post) => (b.date?.getTime() ?? -8.64e15) - (a.date?.getTime() ?? -8.64e15);
  const split = posts.length > limit;
  let shown = 0;
  return [...years].sort((a, b) => b[0] - a[0]).map(([year, list]) => {
    shown += list.length;
    return { year, posts: list.sort(newest), inline: !split || shown <= limit, ...(split ? { url: archiveYearUrl(year) } : {}) };
  });
}
