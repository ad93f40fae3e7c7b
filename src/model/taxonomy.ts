/**
 * Taxonomies (tags, categories, any the config adds) as plain data: each
 * taxonomy → its terms → their posts, newest first. Pure: feed it the posts
 * that survived filtering, so excluded posts leave no trace in any count.
 */
import type { PostMeta } from '../types.js';
import { neutralizePath, reservedNameReason, type NeutralizedPath } from './reserved.js';
import { hugoUrlize, mergeTermNames } from './terms.js';
import { pathLengthReason } from './permalink.js';

/** One term of a taxonomy and the posts that carry it. */
export interface Term<Post extends PostMeta = PostMeta> {
  /** URL key (`service-mesh`, `云原生`, `tun/tap`). */
  key: string;
  /** Display name in the author's casing. */
  name: string;
  /** Site-relative URL, unencoded (`/tags/service-mesh/`). */
  url: string;
  /** Newest first. */
  posts: Post[];
}

/** One taxonomy with its terms sorted by name. */
export interface Taxonomy<Post extends PostMeta = PostMeta> {
  /** Plural name, also the URL folder (`tags`). */
  plural: string;
  /** Singular name (`tag`). */
  singular: string;
  /** Site-relative URL of the term list (`/tags/`). */
  url: string;
  terms: Term<Post>[];
}

/** A content problem found while building taxonomies, for the post's VFile. */
export interface TaxonomyWarning {
  /** `sourcePath` of the post the warning belongs to. */
  sourcePath: string;
  reason: string;
  ruleId: 'term-spelling' | 'empty-term' | 'reserved-name';
  /** The taxonomy (plural, the front matter key) and the term as written, to place the message. */
  taxonomy: string;
  term: string;
}

/** Result of {@link buildTaxonomies}. */
export interface Taxonomies<Post extends PostMeta = PostMeta> {
  taxonomies: Taxonomy<Post>[];
  warnings: TaxonomyWarning[];
}

/** The URLs the taxonomies own: each one's list of terms and every term's page (their `_index.md` pages are no sections). */
export function taxonomyUrls(taxonomies: ReadonlyArray<Taxonomy<PostMeta>>): Set<string> {
  return new Set(taxonomies.flatMap((taxonomy) => [taxonomy.url, ...taxonomy.terms.map((term) => term.url)]));
}

/**
 * Hugo's default page order: pages with a `weight` first, lowest first
 * (`weight: 0` or none counts as unweighted, as in Hugo), then newest first;
 * undated posts last; then by title and source path so output is stable.
 */
export function compareNewest(a: PostMeta, b: PostMeta): number {
  const wa = a.weight || 0;
  const wb = b.weight || 0;
  if (wa !== wb) return wa === 0 ? 1 : wb === 0 ? -1 : wa - wb;
  const ta = a.date ? a.date.getTime() : -Infinity;
  const tb = b.date ? b.date.getTime() : -Infinity;
  if (ta !== tb) return tb > ta ? 1 : -1;
  return a.title.localeCompare(b.title) || a.sourcePath.localeCompare(b.sourcePath);
}

/** Terms of one taxonomy on a post (`tags`/`categories` fall back to their own fields). */
export function postTerms(post: PostMeta, plural: string): string[] {
  const own = post.taxonomies?.[plural];
  if (own) return own;
  if (plural === 'tags') return post.tags ?? [];
  if (plural === 'categories') return post.categories ?? [];
  return [];
}

/**
 * Build every taxonomy of `taxonomies` (singular → plural, as in the config)
 * from `posts` (only `kind: 'page'` posts count). A post listing the same
 * term twice is listed once.
 */
export function buildTaxonomies<Post extends PostMeta>(
  posts: readonly Post[],
  taxonomies: Record<string, string>
): Taxonomies<Post> {
  const pages = posts.filter((post) => post.kind === 'page').sort(compareNewest);
  const warnings: TaxonomyWarning[] = [];
  const result: Taxonomy<Post>[] = [];

  for (const [singular, plural] of Object.entries(taxonomies)) {
    const names = mergeTermNames(pages.flatMap((post) => postTerms(post, plural)));
    const byKey = new Map<string, Post[]>();
    const firstUse = new Map<string, string>();
    for (const post of pages) {
      const seen = new Set<string>();
      for (const spelling of postTerms(post, plural)) {
        const { path: key, reserved } = termKey(spelling);
        if (key === '') {
          warnings.push({
            sourcePath: post.sourcePath,
            taxonomy: plural,
            term: spelling,
            ruleId: 'empty-term',
            reason: `Unexpected ${singular} \`${spelling}\` with no letters or digits, expected a name that makes a URL: it gets no page; rename or remove it`
          });
          continue;
        }
        const tooLong = pathLengthReason(key);
        if (tooLong) {
          const shown = spelling.length > 80 ? `${spelling.slice(0, 80)}…` : spelling;
          warnings.push({
            sourcePath: post.sourcePath,
            taxonomy: plural,
            term: spelling,
            ruleId: 'empty-term',
            reason: `Unexpected ${singular} \`${shown}\` that makes ${tooLong} in its URL, expected a shorter name: it gets no page; shorten or remove it`
          });
          continue;
        }
        if (!firstUse.has(`${key}\0${spelling.trim()}`)) {
          firstUse.set(`${key}\0${spelling.trim()}`, post.sourcePath);
          if (reserved.length > 0) {
            warnings.push({ sourcePath: post.sourcePath, taxonomy: plural, term: spelling, ruleId: 'reserved-name', reason: reservedNameReason(singular, spelling.trim(), reserved, `/${plural}/${key}/`) });
          }
        }
        if (seen.has(key)) continue;
        seen.add(key);
        const list = byKey.get(key) ?? [];
        list.push(post);
        byKey.set(key, list);
      }
    }

    const terms: Term<Post>[] = [];
    for (const [key, list] of byKey) {
      const term = names.get(key)!;
      terms.push({ key, name: term.name, url: `/${plural}/${key}/`, posts: list });
      for (const spelling of term.spellings) {
        if (spelling === term.name) continue;
        warnings.push({
          sourcePath: firstUse.get(`${key}\0${spelling}`)!,
          taxonomy: plural,
          term: spelling,
          ruleId: 'term-spelling',
          reason: `Unexpected ${singular} spelling \`${spelling}\`, expected \`${term.name}\`: ${term.spellings.map((s) => `\`${s}\``).join(', ')} are one ${singular} (\`/${plural}/${key}/\`); use one spelling`
        });
      }
    }
    terms.sort((a, b) => a.key.localeCompare(b.key));
    result.push({ plural, singular, url: `/${plural}/`, terms });
  }

  return { taxonomies: result, warnings };
}

const termKeys = new Map<string, NeutralizedPath>();

/** A term's URL key and the reserved segments renamed in it, remembered (a site has few terms on many posts; bounded for `onair dev`). */
function termKey(spelling: string): NeutralizedPath {
  let key = termKeys.get(spelling);
  if (!key) {
    if (termKeys.size >= 50_000) termKeys.clear();
    termKeys.set(spelling, (key = neutralizePath(hugoUrlize(spelling))));
  }
  return key;
}
