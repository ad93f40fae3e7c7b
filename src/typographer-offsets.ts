/**
 * Where each character of a text node was written in the source, or -1 for
 * characters that come from a character escape (`\\"`) or reference
 * (`&quot;`, `&#39;`): the typographer replaces only characters written as
 * themselves, and reads their neighbours from the source.
 */
import type { Text } from 'mdast';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

const asciiPunct = /[!-/:-@[-`{-~]/;
const reference = /^&(?:#[xX]([\da-fA-F]{1,6})|#(\d{1,7})|([A-Za-z][A-Za-z\d]{0,31}));/;

/**
 * The source offset of each UTF-16 unit of `text.value`; `same` when the
 * value is the source from the node's start on (most text); `undefined` when
 * the node has no position or its value cannot be lined up with the source.
 */
export function sourceOffsets(text: Text, doc: string): number[] | 'same' | undefined {
  const start = text.position?.start.offset;
  const end = text.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const value = text.value;
  if (end - start === value.length && doc.startsWith(value, start)) return 'same';
  const offsets: number[] = new Array(value.length);
  let i = 0;
  let j = start;
  // True from a line ending to the line's first character of content.
  let prefix = false;
  while (i < value.length) {
    if (j >= end) return undefined;
    const c = doc[j]!;
    if (c === '\\' && j + 1 < end && asciiPunct.test(doc[j + 1]!) && value[i] === doc[j + 1]) {
      offsets[i++] = -1;
      j += 2;
      continue;
    }
    if (c === '&') {
      const decoded = decodeReference(doc.slice(j, Math.min(end, j + 40)));
      if (decoded && value.startsWith(decoded.value, i)) {
        for (let k = 0; k < decoded.value.length; k++) offsets[i++] = -1;
        j += decoded.length;
        continue;
      }
    }
    if (c === value[i]) {
      prefix = c === '\n';
      offsets[i++] = j++;
      continue;
    }
    // What micromark leaves out: white space around line endings (`\r\n` as `\n`), and at the start of a line the
    // prefixes of the containers (`>` of block quotes, list item indentation).
    if (c === ' ' || c === '\t' || c === '\r' || (prefix && c === '>')) {
      j++;
      continue;
    }
    return undefined;
  }
  return offsets;
}

/** The character reference at the start of `source`: what it stands for and its length. */
function decodeReference(source: string): { value: string; length: number } | undefined {
  const match = reference.exec(source);
  if (!match) return undefined;
  const [all, hex, decimal, name] = match;
  if (name !== undefined) {
    const value = decodeNamedCharacterReference(name);
    return value === false ? undefined : { value, length: all.length };
  }
  const code = Number.parseInt(hex ?? decimal!, hex === undefined ? 10 : 16);
  const value = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
  return { value, length: all.length };
}
