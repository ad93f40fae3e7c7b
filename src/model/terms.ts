/**
 * Taxonomy term names → URL keys, the way Hugo 0.111 makes them
 * (`helpers.PathSpec.MakePathSanitized`: Unicode sanitize, lowercase per
 * code point, clean the path), so links from an existing Hugo site keep
 * working. Checked against the Debian `hugo` 0.111.3 binary (see
 * `test/terms.test.ts`).
 *
 * Three deliberate differences, all for safety: a backslash is dropped (Hugo
 * keeps it, which makes a Windows path separator), `..` segments never
 * climb out of the taxonomy folder (Hugo writes `../up` to `/up/`), and
 * Windows reserved names get a `_` (`NUL` → `nul_`, see `reserved.ts`).
 */
import { neutralizePath } from './reserved.js';

/** Characters Hugo keeps besides letters, digits and marks. */
const allowed = new Set(['.', '/', '_', '#', '+', '~', '-', '@']);
const letterOrDigitOrMark = /[\p{L}\p{Nd}\p{M}]/u;
const space = /\s/u;
const hex = /^[\da-fA-F]$/;

/**
 * Hugo's `UnicodeSanitize`: keep letters, digits, marks and `._~-#+@/`
 * (and `%` before two hex digits), turn runs of whitespace between kept
 * characters into one hyphen, drop everything else.
 */
export function unicodeSanitize(value: string): string {
  const source = Array.from(value);
  let result = '';
  let prependHyphen = false;
  let wasHyphen = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    const ok =
      allowed.has(char) ||
      letterOrDigitOrMark.test(char) ||
      (char === '%' && hex.test(source[index + 1] ?? '') && hex.test(source[index + 2] ?? ''));
    if (ok) {
      wasHyphen = char === '-';
      if (prependHyphen) {
        if (!wasHyphen) result += '-';
        prependHyphen = false;
      }
      result += char;
    } else if (result.length > 0 && !wasHyphen && space.test(char)) {
      prependHyphen = true;
    }
  }
  return result;
}

/**
 * Lowercase one code point at a time, as Go's `strings.ToLower` does
 * (no final sigma, `İ` → `i`), unlike `String#toLowerCase`.
 */
export function goLowerCase(value: string): string {
  let result = '';
  for (const char of value) {
    if (char === '\u0130') {
      result += 'i';
      continue;
    }
    const lower = char.toLowerCase();
    result += Array.from(lower).length === 1 ? lower : char;
  }
  return result;
}

/** Drop empty, `.` and `..` segments (a `..` removes the segment before it, never more). */
function cleanSegments(value: string): string {
  const out: string[] = [];
  for (const segment of value.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}

/**
 * Term name → URL key (`Service Mesh` → `service-mesh`, `C++` → `c++`,
 * `Tun/Tap` → `tun/tap`, `云原生` → `云原生`, `NUL` → `nul_`). Empty when
 * nothing usable is left (`🚀`); such a term gets no page, as in Hugo.
 */
export function urlize(name: string): string {
  return neutralizePath(hugoUrlize(name)).path;
}

/**
 * {@link urlize} without the reserved-name rule: Hugo's key, which may be a
 * Windows device name (`nul`). For callers that neutralise the whole path
 * themselves and warn (`reserved-name`).
 */
export function hugoUrlize(name: string): string {
  let key = urlized.get(name);
  if (key === undefined) {
    // A site has few distinct terms, each on many posts: remember them (bounded, for a long-lived `onair dev`).
    if (urlized.size >= 50_000) urlized.clear();
    urlized.set(name, (key = cleanSegments(goLowerCase(unicodeSanitize(name.trim())))));
  }
  return key;
}

const urlized = new Map<string, string>();

/**
 * Percent-encode a site-relative URL path for use in `href`/`src`, as Hugo's
 * `RelPermalink` does: non-ASCII as UTF-8 escapes, and `#`, `?`, `%` escaped
 * so `/tags/c#/` does not turn into a fragment. Output file names stay
 * unencoded (servers decode the request path).
 */
export function encodePath(path: string): string {
  return encodeURI(path).replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
}

/** One merged term: every spelling that urlizes to the same key. */
export interface TermName {
  /** URL key (`service-mesh`). */
  key: string;
  /** Display name: the most used spelling, the first seen on a tie. */
  name: string;
  /** Every distinct spelling, in first-seen order. */
  spellings: string[];
}

/**
 * Group spellings (in the order met) by URL key. Terms that differ only by
 * case, spacing or punctuation Hugo drops (`Service Mesh`, `service mesh`,
 * `service-mesh`) become one; callers warn (`term-spelling`) when
 * `spellings.length > 1`. Names with an empty key are left out.
 */
export function mergeTermNames(names: Iterable<string>): Map<string, TermName> {
  const counts = new Map<string, Map<string, number>>();
  for (const raw of names) {
    const spelling = raw.trim();
    const key = urlize(spelling);
    if (key === '') continue;
    let bySpelling = counts.get(key);
    if (!bySpelling) counts.set(key, (bySpelling = new Map()));
    bySpelling.set(spelling, (bySpelling.get(spelling) ?? 0) + 1);
  }
  const result = new Map<string, TermName>();
  for (const [key, bySpelling] of counts) {
    let name = '';
    let best = 0;
    for (const [spelling, count] of bySpelling) {
      if (count > best) {
        best = count;
        name = spelling;
      }
    }
    result.set(key, { key, name, spellings: [...bySpelling.keys()] });
  }
  return result;
}
