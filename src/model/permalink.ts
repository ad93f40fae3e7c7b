/**
 * Where a post is served: Hugo's permalink rules as a pure function. Default
 * `/<folders>/<slug or file name>/` (`post/2023-11-16-foo.md` →
 * `/post/2023-11-16-foo/`, bundle `post/x/index.md` → `/post/x/`,
 * `post/_index.md` → `/post/`); a section pattern from the config
 * (`/:year/:month/:slug/`); a front-matter `url` wins over both. Values from
 * front matter that could escape the output folder are refused with
 * `unsafe-path` and a safe fallback is used.
 */
import { unicodeSanitize, urlize } from './terms.js';

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
}

/** A refused value, for the post's VFile (rule `unsafe-path`). */
export interface PathProblem {
  /** Front-matter key the value came from. */
  key: 'slug' | 'url' | 'aliases';
  reason: string;
  ruleId: 'unsafe-path';
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
 * characters, backslashes, `..` segments, absolute URLs (scheme or `//`)
 * and Windows reserved names are refused.
 */
export function unsafePathReason(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'a control character';
  if (value.includes('\\')) return 'a backslash';
  if (/^[a-z][a-z\d+.-]*:/i.test(value) || value.startsWith('//')) return 'an absolute URL';
  if (value.split('/').some((segment) => segment === '..' || segment === '.')) return 'a `.` or `..` segment';
  // Windows device names (also with an extension) cannot be files there: the site could not be checked out or served.
  if (value.split('/').some((segment) => /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(segment.trim()))) return 'a reserved name (`CON`, `NUL`, `COM1`…)';
  return undefined;
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
  const file = /\.(html?|xml)$/i.test(last);
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
  const section = input.contentPath.includes('/') ? input.contentPath.split('/')[0] : '';

  let slug: string | undefined;
  if (input.slug !== undefined) {
    const why = unsafePathReason(input.slug) ?? (input.slug.includes('/') ? 'a `/`' : undefined);
    if (why) problems.push(problem('slug', input.slug, why, 'the file name is used'));
    else if (urlize(input.slug) !== '') slug = urlize(input.slug);
  }
  const slugName = slug ?? urlize(fileName);

  if (kind === 'section') {
    const url = folders.length > 0 ? `/${folders.map(urlize).join('/')}/` : '/';
    return { url, outputPath: outputPathOf(url), section, kind, fileName, slugName, problems };
  }

  if (input.url !== undefined) {
    const why = unsafePathReason(input.url);
    if (why) problems.push(problem('url', input.url, why, 'the default URL is used'));
    else {
      const url = normalizeSitePath(input.url);
      return { url, outputPath: outputPathOf(url), section, kind, fileName, slugName, problems };
    }
  }

  const pattern = section ? patterns[section] : undefined;
  let url: string;
  if (pattern) {
    const date = input.date && new Date(input.date.getTime() + (input.dateOffset ?? 0) * 60_000);
    const tokens: Record<string, string> = {
      year: date ? String(date.getUTCFullYear()) : '',
      month: date ? pad(date.getUTCMonth() + 1) : '',
      monthname: date ? months[date.getUTCMonth()] : '',
      day: date ? pad(date.getUTCDate()) : '',
      slug: slug ?? urlize(input.title),
      title: urlize(input.title),
      filename: urlize(fileName),
      contentbasename: urlize(fileName),
      section: urlize(section)
    };
    // Hugo 0.111 drops `+` from expanded tokens (`C++ tips` → `/c-tips/`), though not from default URLs.
    const filled = pattern.replace(/:([a-z]+)/g, (all, name: string) => tokens[name]?.replace(/\+/g, '') ?? all);
    url = normalizeSitePath(filled.split('/').filter((s) => s !== '.' && s !== '..').join('/'));
  } else {
    url = `/${[...folders.map(urlize), slugName].filter((s) => s !== '').join('/')}/`;
  }
  return { url, outputPath: outputPathOf(url), section, kind, fileName, slugName, problems };
}

/**
 * Validate `aliases`: safe ones normalized to site URLs, unsafe ones dropped
 * with an `unsafe-path` problem each.
 */
export function checkAliases(aliases: readonly string[]): { aliases: string[]; problems: PathProblem[] } {
  const result: string[] = [];
  const problems: PathProblem[] = [];
  for (const alias of aliases) {
    const why = unsafePathReason(alias);
    if (why) problems.push(problem('aliases', alias, why, 'the alias is skipped'));
    else result.push(normalizeSitePath(alias));
  }
  return { aliases: result, problems };
}

function problem(key: PathProblem['key'], value: string, why: string, outcome: string): PathProblem {
  const shown = JSON.stringify(value).slice(1, -1);
  return {
    key,
    ruleId: 'unsafe-path',
    reason: `Unexpected ${why} in \`${key}\` \`${shown}\`, expected a path inside the site (like \`/post/my-post/\`): ${outcome}; fix the value`
  };
}

