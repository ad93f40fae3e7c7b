/**
 * East Asian line breaks (Hugo's `markup.goldmark.extensions.cjk` with
 * `eastAsianLineBreaks`): a soft line break between two East Asian wide
 * characters (Han, kana, CJK punctuation, full-width forms, wide emoji; the
 * curly quotes, ellipsis and dashes next to one of them) is dropped, because browsers render it as a space and Chinese and Japanese
 * put none between words. Hangul keeps its break (Korean spaces its words),
 * and so does a break with anything else on either side (ASCII, Latin…).
 *
 * The characters on each side are read across emphasis, strong, delete,
 * links and inline code (`**强调**\n中文` joins `调` and `中`); an image, raw
 * HTML, a hard break, a shortcode or a block boundary ends the text. Only
 * line endings written in the source count: `&#10;` stays. A text node is
 * split around each dropped break into pieces that each keep the exact
 * place of their characters, so the typographer after it and the interview
 * plugin's speaker labels and messages read the source as before.
 */
import type { InlineCode, Nodes, Parents, Root, Text } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { sourceOffsets } from './typographer-offsets.js';

/**
 * East Asian Width F, W or H (UAX #11), the CSS Text 3 rule: CJK radicals and
 * punctuation, kana, Bopomofo, enclosed and compatibility CJK, Han, Yi,
 * vertical and compatibility forms, full- and half-width forms, Tangut, kana
 * supplements, ideographic supplements, and emoji shown wide.
 */
const wide =
  /[\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF01-\uFF9F\uFFE0-\uFFEE\u{16FE0}-\u{16FE4}\u{17000}-\u{18CFF}\u{1B000}-\u{1B2FF}\u{1F200}-\u{1F2FF}\u{20000}-\u{3FFFD}\p{Emoji_Presentation}]/u;
const hangul = /\p{Script=Hangul}/u;
/**
 * Punctuation of East Asian Width A that Chinese and Japanese text uses as its
 * own (‘’ “” … ‥ — ― · ※): the Chinese IME types these, not full-width twins.
 * CSS and Goldmark keep a break next to them; onair drops it when the other
 * side is wide, else `“你好”\n他说` and `然后……\n走了` show a space.
 */
const sharedPunctuation = /[\u2018\u2019\u201C\u201D\u2026\u2025\u2014\u2015\u00B7\u203B]/;
const zeroWidthSpace = '\u200B';
const lineEnding = /\r\n?|\n/g;

/** Phrasing whose text reads on into its neighbours' on the page. */
const transparent = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

interface Leaf {
  node: Text | InlineCode;
  parent: Parents;
}

/**
 * Whether a site in `language` drops the breaks when its config does not say:
 * Chinese and Japanese (`zh*`, `ja*`), whose readers see the stray spaces.
 * Hugo leaves the extension off unless configured.
 */
export function cjkLineBreaksByDefault(language = 'en'): boolean {
  return /^(?:zh|ja)(?:$|[-_])/i.test(language.trim());
}

/** Drops the soft line breaks between East Asian wide characters in the text of `tree`. */
export default function remarkCjkLineBreaks() {
  return (tree: Root, file: VFile): undefined => {
    const doc = String(file.value);
    const run = (parent: Parents): void => {
      const leaves: Array<Leaf | undefined> = [];
      collect(parent, leaves, run);
      join(leaves, doc);
    };
    run(tree);
  };
}

/** True when the line break between `before` and `after` is dropped: CSS Text 3's rules 1 and 2 (Goldmark's `css3draft`), and CJK's shared punctuation next to a wide character. */
function joins(before: string, after: string): boolean {
  if (before === zeroWidthSpace || after === zeroWidthSpace) return true;
  if (hangul.test(before) || hangul.test(after)) return false;
  const wideBefore = wide.test(before);
  const wideAfter = wide.test(after);
  return (wideBefore || wideAfter) && (wideBefore || sharedPunctuation.test(before)) && (wideAfter || sharedPunctuation.test(after));
}

/** The text and inline code of `parent` in reading order; `undefined` where something else stands between. */
function collect(parent: Parents, leaves: Array<Leaf | undefined>, run: (parent: Parents) => void): void {
  for (const child of parent.children as Nodes[]) {
    if (child.type === 'text' || child.type === 'inlineCode') leaves.push({ node: child, parent });
    else if (transparent.has(child.type)) collect(child as Parents, leaves, run);
    else {
      leaves.push(undefined);
      // A block, a shortcode's inner Markdown, a footnote: text of its own.
      if ('children' in child) run(child);
    }
  }
}

function join(leaves: Array<Leaf | undefined>, doc: string): void {
  for (let k = 0; k < leaves.length; k++) {
    const leaf = leaves[k];
    if (leaf?.node.type !== 'text') continue;
    const value = leaf.node.value;
    const cuts: Array<[number, number]> = [];
    for (const match of value.matchAll(lineEnding)) {
      const i = match.index;
      const end = i + match[0].length;
      const before = i > 0 ? lastChar(value, i) : lastChar(leaves[k - 1]?.node.value ?? '', leaves[k - 1]?.node.value.length ?? 0);
      const after = end < value.length ? firstChar(value, end) : firstChar(leaves[k + 1]?.node.value ?? '', 0);
      if (joins(before, after)) cuts.push([i, end]);
    }
    if (cuts.length > 0) split(leaf.node, leaf.parent, cuts, doc);
  }
}

/** Replaces `text` by its pieces between the line endings `cuts` (value ranges), each placed where it is written. */
function split(text: Text, parent: Parents, cuts: Array<[number, number]>, doc: string): void {
  const offsets = sourceOffsets(text, doc);
  const position = text.position;
  if (!offsets || !position) return;
  const at = (i: number) => (offsets === 'same' ? position.start.offset! + i : offsets[i]!);
  const pieces: Text[] = [];
  let from = 0;
  let start = position.start.offset!;
  for (const [i, end] of cuts) {
    const o = at(i);
    // A line break written as a character reference (`&#10;`) is text, not a line ending.
    if (o < 0 || (doc[o] !== '\n' && doc[o] !== '\r')) continue;
    if (i > from) pieces.push(piece(text, from, i, start, trimEnd(doc, o), doc));
    from = end;
    start = end < text.value.length && at(end) >= 0 ? at(end) : contentStart(doc, at(end - 1) + 1);
  }
  if (from === 0) return;
  if (from < text.value.length) pieces.push(piece(text, from, text.value.length, start, position.end.offset!, doc));
  parent.children.splice(parent.children.indexOf(text as never), 1, ...(pieces as never[]));
}

function piece(text: Text, from: number, to: number, start: number, end: number, doc: string): Text {
  const origin = text.position!.start;
  return { ...text, value: text.value.slice(from, to), position: { start: pointAt(doc, origin, start), end: pointAt(doc, origin, end) } };
}

/** The point of `offset`, counting lines from `origin` (an earlier point). */
function pointAt(doc: string, origin: Point, offset: number): Point {
  let line = origin.line;
  let lineStart = -1;
  for (let o = origin.offset!; o < offset; o++) {
    const c = doc[o];
    if (c === '\n' || (c === '\r' && doc[o + 1] !== '\n')) {
      line++;
      lineStart = o + 1;
    }
  }
  const column = lineStart === -1 ? origin.column + offset - origin.offset! : offset - lineStart + 1;
  return { line, column, offset };
}

/** Where the text before a line ending at `o` ends: Markdown drops the spaces and tabs before it. */
function trimEnd(doc: string, o: number): number {
  while (o > 0 && (doc[o - 1] === ' ' || doc[o - 1] === '\t')) o--;
  return o;
}

/** Where a line's text starts after its indentation and block quote markers (a character written as an escape or reference starts there). */
function contentStart(doc: string, o: number): number {
  while (doc[o] === ' ' || doc[o] === '\t' || doc[o] === '>') o++;
  return o;
}

function lastChar(value: string, end: number): string {
  const code = value.charCodeAt(end - 1);
  return code >= 0xdc00 && code <= 0xdfff && end >= 2 ? value.slice(end - 2, end) : value.charAt(end - 1);
}

function firstChar(value: string, start: number): string {
  return start < value.length ? String.fromCodePoint(value.codePointAt(start)!) : '';
}
