/**
 * Where a post is served: Hugo's permalink rules as a pure function. Default
 * `/<folders>/<slug or file name>/` (`post/2023-11-16-foo.md` →
 * `/post/2023-11-16-foo/`, bundle `post/x/index.md` → `/post/x/`,
 * `post/_index.md` → `/post/`); a section pattern from the config
 * (`/:year/:month/:slug/`); a front-matter `url` wins over both. Values from
 * front matter that could escape the output folder are refused with
 * `unsafe-path` and a safe fallback is used; Windows reserved names in any
 * segment get a `_` (`reserved-name`, see `reserved.ts`). A taxonomy's or a
 * term's `_index.md` keeps its page whatever its `url` (`hugo-unsupported`).
 */
import { neutralizePath, reservedNameReason } from './reserved.js';
import { hugoUrlize, unicodeSanitize } from './terms.js';

/** What the permalink needs to know about a post. */
export interface PermalinkInput {
  /** Path relative to the content folder, POSIX separators (`post/foo.md`). */
  contentPath: string;
  title: string;
  slug?: string;
  url?: string;
  date?: Date;
  /** Zone the date was written in, minutes east of UTC: `:year`, `:month`, `:day` use that wall clock, as Hugo does. */
  dateOffset?: number;
  /** The first folder is a taxonomy's (`tags`): its `_index.md` pages name the taxonomy's page and its terms', which stay where every link to them points. Default `false`. */
  taxonomy?: boolean;
}

/** A refused (`unsafe-path`) or renamed (`reserved-name`) value, for the post's VFile. */
export interface PathProblem {
  /** Front-matter key the value came from; none for the content file's own path. */
  key?: 'slug' | 'url' | 'aliases' | 'title';
  /** Index in `aliases` of the value. */
  index?: number;
  reason: string;
  ruleId: 'unsafe-path' | 'reserved-name' | 'hugo-unsupported';
}

/** Where the post goes. */
export interface Permalink {
  /** Site-relative URL, starting and ending with `/` (or ending in `.html`); unencoded. */
  url: string;
  /** File relative to the output folder (`post/foo/index.html`). */
  outputPath: string;
  /** First folder under content, `` at the top level. */
  section: string;
  /** `section` for `_index.md`, else `page`. */
  kind: 'page' | 'section';
  /** Name for `:filename` (bundle folder name for `index.md`). */
  fileName: string;
  /** Front-matter slug if usable, else the file name (as `PostMeta.slugName`). */
  slugName: string;
  problems: PathProblem[];
}

/**
 * Why `value` is not a safe site path, or `undefined` when it is: control
 * characters, backslashes, `..` segments and absolute URLs (scheme or `//`)
 * are refused. (Windows reserved names are renamed instead, see `reserved.ts`.)
 */
export function unsafePathReason(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'a control character';
  if (value.includes('\\')) return 'a backslash';
  if (/^[a-z][a-z\d+.-]*:/i.test(value) || value.startsWith('//')) return 'an absolute URL';
  if (value.split('/').some((segment) => segment === '..' || segment === '.')) return 'a `.` or `..` segment';
  return pathLengthReason(value);
}

/** Longest path segment written, in UTF-8 bytes: file systems take 255, and a temporary file's suffix has to fit beside a file name. */
const maxSegmentBytes = 220;
/** Longest site path written, in UTF-8 bytes (a file system takes 4096 for the whole path, the output folder's included). */
const maxPathBytes = 2000;

/** Why a site path is too long to be written (`ENAMETOOLONG`), or `undefined`. */
export function pathLengthReason(value: string): string | undefined {
  if (Buffer.byteLength(value) > maxPathBytes) return `a path over ${maxPathBytes} bytes`;
  if (value.split('/').some((segment) => Buffer.byteLength(segment) > maxSegmentBytes)) return `a path segment over ${maxSegmentBytes} bytes`;
  return undefined;
}

/** Whether a site path's last segment names a file (`/notes.html`, `/feed.xml`): it is written as that file, not as a folder's `index.html`. */
export function isFileUrl(path: string): boolean {
  return /\.(html?|xml)$/i.test(path);
}

/**
 * Turn a safe, user-given path (`url` or alias) into a normalized site URL:
 * leading slash, no empty segments, whitespace as hyphens, trailing slash
 * unless the last segment names an `.html`/`.xml` file.
 */
export function normalizeSitePath(value: string): string {
  const segments = value.split('/').map((s) => unicodeSanitize(s)).filter((s) => s !== '');
  if (segments.length === 0) return '/';
  const last = segments[segments.length - 1];
  const file = isFileUrl(last);
  return `/${segments.join('/')}${file ? '' : '/'}`;
}

/** Output file of a site URL (`/a/` → `a/index.html`, `/a.html` → `a.html`). */
export function outputPathOf(url: string): string {
  const path = url.replace(/^\/+/, '');
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

const pad = (n: number) => String(n).padStart(2, '0');
const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Compute a post's URL from its content path, front matter and the config's
 * `permalinks` (section → pattern with `:year :month :monthname :day :slug
 * :title :filename :contentbasename :section`).
 */
export function permalink(input: PermalinkInput, patterns: Record<string, string> = {}): Permalink {
  const problems: PathProblem[] = [];
  const parts = input.contentPath.split('/');
  const base = parts.pop()!.replace(/\.[^.]+$/, '');
  const kind = base === '_index' ? 'section' : 'page';
  const bundle = base === 'index' && parts.length > 0;
  const fileName = bundle ? parts.pop()! : base;
  const folders = parts;
  // A top-level bundle (`about/index.md`) is a page of the home, as in Hugo: its folder is no section.
  const section = folders[0] ?? '';

  let slug: string | undefined;
  if (input.slug !== undefined) {
    const why = unsafePathReason(input.slug) ?? (input.slug.includes('/') ? 'a `/`' : undefined);
    if (why) problems.push(problem('slug', input.slug, why, 'the file name is used'));
    else if (hugoUrlize(input.slug) !== '') slug = hugoUrlize(input.slug);
  }
  const rawSlugName = slug ?? hugoUrlize(fileName);
  const slugName = neutralizePath(rawSlugName).path;
  // Every URL is made from Hugo's keys first and neutralised once at the end, so no source of a segment is missed.
  const done = (raw: string, from: Pick<PathProblem, 'key'> & { value: string }): Permalink => {
    const { path: url, reserved } = neutralizePath(raw);
    if (reserved.length > 0) {
      const what = from.key ? `\`${from.key}\`` : 'the URL of';
      problems.push({ key: from.key, ruleId: 'reserved-name', reason: reservedNameReason(what, from.value, reserved, url) });
    }
    return { url, outputPath: outputPathOf(url), section, kind, fileName, slugName, problems };
  };
  const fromPath = { value: input.contentPath };

  // The home is `/` whatever its `_index.md` says; a section's `url` moves its list, as in Hugo.
  if (kind === 'section' && folders.length === 0) return done('/', fromPath);
  if (input.url !== undefined && kind === 'section' && input.taxonomy) {
    // Hugo moves the page, and every link to it; onair makes term links from the term's name.
    const stays = `/${folders.map(hugoUrlize).join('/')}/`;
    problems.push({ key: 'url', ruleId: 'hugo-unsupported', reason: `Unexpected \`url\` on a taxonomy's \`_index.md\`, expected none: onair keeps this page at \`${stays}\`, where every link to it points, and gives it this file's title and text; remove the \`url\`` });
  } else if (input.url !== undefined) {
    const why = unsafePathReason(input.url);
    if (why) problems.push(problem('url', input.url, why, 'the default URL is used'));
    else return done(normalizeSitePath(input.url), { key: 'url', value: input.url });
  }
  if (kind === 'section') return done(`/${folders.map(hugoUrlize).join('/')}/`, fromPath);
  const fromSlug = slug !== undefined && neutralizePath(slug).reserved.length > 0 ? { key: 'slug' as const, value: input.slug! } : fromPath;

  const pattern = section ? patterns[section] : undefined;
  if (!pattern) return done(`/${[...folders.map(hugoUrlize), rawSlugName].filter((s) => s !== '').join('/')}/`, fromSlug);
  const date = input.date && new Date(input.date.getTime() + (input.dateOffset ?? 0) * 60_000);
  const tokens: Record<string, string> = {
    year: date ? String(date.getUTCFullYear()) : '',
    month: date ? pad(date.getUTCMonth() + 1) : '',
    monthname: date ? months[date.getUTCMonth()] : '',
    day: date ? pad(date.getUTCDate()) : '',
    slug: slug ?? hugoUrlize(input.title),
    title: hugoUrlize(input.title),
    filename: hugoUrlize(fileName),
    contentbasename: hugoUrlize(fileName),
    section: hugoUrlize(section)
  };
  // Hugo 0.111 drops `+` from expanded tokens (`C++ tips` → `/c-tips/`), though not from default URLs.
  const filled = pattern.replace(/:([a-z]+)/g, (all, name: string) => tokens[name]?.replace(/\+/g, '') ?? all);
  const made = normalizeSitePath(filled.split('/').filter((s) => s !== '.' && s !== '..').join('/'));
  const tooLong = pathLengthReason(made);
  if (!tooLong) return done(made, fromSlug);
  // A long title (`:title`) or slug would make a path no file system takes.
  problems.push(problem('title', made, tooLong, `the permalink pattern \`${pattern}\` makes it; the default URL is used`));
  return done(`/${[...folders.map(hugoUrlize), rawSlugName].filter((s) => s !== '').join('/')}/`, fromSlug);
}

/**
 * Validate `aliases`: safe ones normalized to site URLs (reserved names
 * renamed, `reserved-name`), unsafe ones dropped (`unsafe-path`).
 */
export function checkAliases(aliases: readonly string[]): { aliases: string[]; problems: PathProblem[] } {
  const result: string[] = [];
  const problems: PathProblem[] = [];
  for (const [index, alias] of aliases.entries()) {
    const why = unsafePathReason(alias);
    if (why) {
      problems.push({ ...problem('aliases', alias, why, 'the alias is skipped'), index });
      continue;
    }
    const { path: url, reserved } = neutralizePath(normalizeSitePath(alias));
    if (reserved.length > 0) problems.push({ key: 'aliases', index, ruleId: 'reserved-name', reason: reservedNameReason('`aliases`', alias, reserved, url) });
    result.push(url);
  }
  return { aliases: result, problems };
}

function problem(key: NonNullable<PathProblem['key']>, value: string, why: string, outcome: string): PathProblem {
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value).slice(1, -1);
  return {
    key,
    ruleId: 'unsafe-path',
    reason: `Unexpected ${why} in \`${key}\` \`${shown}\`, expected a path inside the site (like \`/post/my-post/\`): ${outcome}; fix the value`
  };
}
