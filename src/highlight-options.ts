/**
 * Hugo's highlighting options, read the same way for the `highlight`
 * shortcode (`"linenos=table,hl_lines=2 4-6"`) and for fenced code
 * (```` ```go {linenos=table,hl_lines=[2,"4-6"],linenostart=10} ````), and
 * the attributes a fence may carry besides them (`{.class #id title="…"}`).
 */
import type { HighlightOptions } from './highlight.js';

/** Every option Hugo's highlighter takes; those onair does not apply (anchors, Chroma styles) are accepted and ignored. */
export const highlightOptionNames = ['linenos', 'hl_lines', 'linenostart', 'anchorlinenos', 'lineanchors', 'style', 'noclasses', 'hl_inline'];

/** At most this many lines are marked by one range (`hl_lines=1-99999999` costs nothing). */
const longestRange = 10_000;

/**
 * Reads Hugo's highlighting options (keys lower-cased). Calls `unknown` with
 * each key that is not an option, and `invalid` with each value that cannot
 * be read (the option is left out then).
 */
export function readHighlightOptions(
  entries: Iterable<readonly [string, string]>,
  report: { unknown(key: string): void; invalid(key: string, value: string): void },
): HighlightOptions {
  const options: HighlightOptions = {};
  for (const [key, value] of entries) {
    if (key === 'linenos') {
      const given = value.trim().toLowerCase();
      if (['true', 'table', 'inline', '1'].includes(given)) options.lineNumbers = true;
      else if (['false', '0', ''].includes(given)) options.lineNumbers = false;
      else report.invalid(key, value);
    } else if (key === 'linenostart') {
      if (/^\s*\d{1,9}\s*$/.test(value)) options.lineStart = Number(value);
      else report.invalid(key, value);
    } else if (key === 'hl_lines') {
      const lines = parseLines(value);
      if (lines) options.highlightLines = lines;
      else report.invalid(key, value);
    } else if (!highlightOptionNames.includes(key)) report.unknown(key);
  }
  return options;
}

/** `2 4-6`, `2,4-6` or `[2, "4-6"]` → `[2, 4, 5, 6]`; undefined when a part is not a line or a range. */
function parseLines(value: string): number[] | undefined {
  const lines: number[] = [];
  for (const part of value.replace(/[[\]"']/g, ' ').split(/[\s,]+/)) {
    if (part === '') continue;
    const range = /^(\d{1,9})(?:-(\d{1,9}))?$/.exec(part);
    if (!range) return undefined;
    const from = Number(range[1]);
    const to = Math.min(Number(range[2] ?? from), from + longestRange);
    for (let line = from; line <= to; line++) lines.push(line);
  }
  return lines;
}

/** A fence's `{…}` as written: `#id`, `.class` and `key=value` in order (keys lower-cased, values unquoted). */
export interface FenceAttributes {
  id?: string;
  classes: string[];
  pairs: Array<[string, string]>;
}

/**
 * Reads the attribute block after a fence's language, as Goldmark (Hugo)
 * does: `{` then `#id`, `.class`, `key=value` or a bare `key`, separated by
 * spaces or commas, then `}`; a value is a quoted string (`"…"` with
 * backslash escapes, `'…'`), an array (`[2, "4-6"]`, kept as written) or a
 * word. Returns a reason instead when the text is not such a block.
 */
export function parseFenceAttributes(text: string): FenceAttributes | { error: string } {
  const source = text.trim();
  if (!source.startsWith('{') || !source.endsWith('}')) return { error: 'expected `{` … `}`' };
  const result: FenceAttributes = { classes: [], pairs: [] };
  const end = source.length - 1;
  let i = 1;
  const name = /[A-Za-z_:][\w.:-]*/y;
  const word = /[^\s,{}[\]"'=]+/y;
  const at = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = i;
    const match = pattern.exec(source);
    if (!match || match.index + match[0].length > end) return undefined;
    i = pattern.lastIndex;
    return match[0];
  };
  while (true) {
    while (i < end && (source[i] === ',' || /\s/.test(source[i]!))) i++;
    if (i >= end) break;
    const c = source[i]!;
    if (c === '#' || c === '.') {
      i++;
      const value = at(word);
      if (!value) return { error: `expected a name after \`${c}\`` };
      if (c === '#') result.id = value;
      else result.classes.push(value);
      continue;
    }
    const key = at(name);
    if (!key) return { error: `unexpected \`${c}\`` };
    if (source[i] !== '=') {
      result.pairs.push([key.toLowerCase(), 'true']);
      continue;
    }
    i++;
    const value = readValue();
    if (typeof value !== 'string') return value;
    result.pairs.push([key.toLowerCase(), value]);
  }
  return result;

  function readValue(): string | { error: string } {
    const open = source[i];
    if (open === '"' || open === "'") {
      let value = '';
      for (i++; i < end; i++) {
        const c = source[i]!;
        if (c === open) {
          i++;
          return value;
        }
        if (c === '\\' && open === '"' && i + 1 < end) value += source[++i];
        else value += c;
      }
      return { error: 'a quoted value is not closed' };
    }
    if (open === '[') {
      const close = source.indexOf(']', i);
      if (close < 0 || close >= end) return { error: 'a `[` list is not closed' };
      const value = source.slice(i, close + 1);
      i = close + 1;
      return value;
    }
    return at(word) ?? { error: 'expected a value after `=`' };
  }
}

/** What each option takes, for messages about a value that cannot be read. */
export const expectedValue: Record<string, string> = {
  linenos: '`true`, `table`, `inline` or `false`',
  linenostart: 'a line number such as `10`',
  hl_lines: 'lines and ranges such as `2 4-6` or `[2, "4-6"]`',
};
