/**
 * JSON front matter (Hugo's `{` … `}`). `JSON.parse` decides what is valid
 * and gives the data, so YAML habits Hugo would refuse (unquoted keys,
 * comments, trailing commas) are refused here too. Positions come from
 * js-yaml reading the same text: JSON is YAML 1.2 in flow style, and its
 * depth bound guards the recursive checks after parsing.
 */
import type { ParseResult } from './yaml.js';
import { yamlPositions } from './yaml.js';

/**
 * Parses JSON front matter text (the whole object, braces included; when
 * `unclosed`, the rest of the file, which no `}` closes). Never throws for bad input.
 */
export function parseJson(source: string, unclosed = false): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const offset = errorOffset(source, error.message);
    return failure(source, offset, describeError(source, offset, error.message), unclosed);
  }
  const positions = yamlPositions(source);
  if (!positions.ok) return failure(source, positions.offset, positions.reason, unclosed);
  return { ok: true, data, tree: positions.tree };
}

/** A `json-syntax` problem with its fix. */
function failure(source: string, offset: number, what: string, unclosed: boolean): ParseResult {
  // Out of text: point just after the last character written.
  offset = Math.min(offset, source.trimEnd().length);
  const fix = unclosed
    ? 'no `}` matches the `{` that starts the file, so the front matter never ends: close every `{` and every string'
    : 'check the JSON near here (keys and strings need double quotes; no comments or trailing commas)';
  return { ok: false, offset, reason: `Cannot parse JSON front matter: ${what}; ${fix}`, ruleId: 'json-syntax' };
}

// V8 names the offset (`… in JSON at position 17`; newer V8 adds `(line 4
// column 2)` after it); for an unexpected token Node 20 gives only up to 10
// characters on each side of it (`Unexpected token 'x', ..."a": x }"...`).
const positionRe = / in JSON at position (\d+)/;
const tokenRe = /^Unexpected token '([^]+?)', (\.\.\.)?"([^]*)"(\.\.\.)? is not valid JSON$/;

/** Offset of the problem V8 reports in `message`, else 0 (the `{` line). */
function errorOffset(source: string, message: string): number {
  const position = positionRe.exec(message);
  if (position) return Math.min(Number(position[1]), source.length);
  const token = tokenRe.exec(message);
  if (!token) return 0;
  const [, char = '', before, context = '', after] = token;
  // With `...` before it the token is the context's 11th character; else the
  // context starts the text, and ends 10 characters past the token when cut.
  if (!before) return after ? context.length - 10 : Math.max(0, source.indexOf(char));
  for (let at = source.indexOf(context); at !== -1; at = source.indexOf(context, at + 1)) {
    if (source.startsWith(char, at + 10)) return at + 10;
  }
  return 0;
}

/** V8's message without the offset or the quoted text. */
function describeError(source: string, offset: number, message: string): string {
  const token = tokenRe.exec(message)?.[1];
  if (token === undefined) return message.replace(/ in JSON at position \d+.*$/, '');
  if (token === '\n' || token === '\r') return 'Unexpected line break';
  // V8 names half of a character outside the BMP (an emoji); the text has all of it.
  const char = source.startsWith(token, offset) ? String.fromCodePoint(source.codePointAt(offset)!) : token;
  return `Unexpected \`${char}\``;
}
