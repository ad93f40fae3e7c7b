/**
 * Goldmark's typographer, which Hugo turns on by default: `"` and `'` become
 * curly quotes or apostrophes, `--` `–`, `---` `—`, `...` `…`, `<<` `«` and
 * `>>` `»`, in text only (never in code, raw HTML, autolinks, link
 * destinations or titles, image alt text, shortcodes or front matter).
 *
 * Goldmark decides at each character of the source with the character before
 * it and the rest of its line (CommonMark's delimiter flanking rules plus
 * special cases for `'90s`, `'twas`, `don't`, `I'm`…) and a count of open
 * quotes kept over the whole document. This transform walks the text nodes
 * in document order and reads the same neighbours from the source through
 * the nodes' positions, so a quote after `*` or before `` ` `` is judged as
 * Goldmark judges it; characters written as escapes or entities (`\"`,
 * `&quot;`) are never replaced. test/typographer.test.ts checks it against
 * Hugo 0.111's output for a table of cases.
 */
import type { Nodes, Parents, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { sourceOffsets } from './typographer-offsets.js';

/** Node types whose children are one run of inline content (Goldmark's lines). */
const inlineBlocks = new Set(['paragraph', 'heading', 'tableCell', 'defListTerm']);
/** Characters the typographer looks at. */
const triggers = /["'.<>-]/;

const punct = /\p{P}/u;
const space = /\p{White_Space}/u;
const letter = /\p{L}/u;
const digit = /\p{Nd}/u;
const asciiPunct = /[!-/:-@[-`{-~]/;
const asciiSpace = /[ \t\n\v\f\r]/;
/** Goldmark's `util.IsPunctRune` and `util.IsSpaceRune`: ASCII or Unicode punctuation, Unicode white space. */
const isPunct = (c: string) => asciiPunct.test(c) || punct.test(c);
const isSpace = (c: string) => space.test(c);

interface Counter {
  single: number;
  double: number;
}

/** Replaces quotes, dashes, ellipses and angle quotes in the text of `tree` as Goldmark's typographer does. */
export default function remarkTypographer() {
  return (tree: Root, file: VFile): undefined => {
    const doc = String(file.value);
    const counter: Counter = { single: 0, double: 0 };
    const walk = (node: Nodes): void => {
      if (inlineBlocks.has(node.type)) return inline(node as Parents, doc, counter);
      if ('children' in node) for (const child of node.children) walk(child as Nodes);
    };
    walk(tree);
  };
}

/** The text of one inline block, as one stretch of source from its first child's start to its last child's end. */
function inline(block: Parents, doc: string, counter: Counter): void {
  const start = block.children[0]?.position?.start.offset;
  const end = block.children[block.children.length - 1]?.position?.end.offset;
  if (start === undefined || end === undefined) return;
  const texts: Text[] = [];
  const collect = (node: Nodes): void => {
    if (node.type === 'text') texts.push(node);
    // An autolink (`<https://…>`, a bare URL) is not written with `[`: its text is the URL.
    else if (node.type === 'link' && node.position && doc[node.position.start.offset ?? 0] !== '[') return;
    else if ('children' in node) for (const child of node.children) collect(child as Nodes);
  };
  collect(block as Nodes);
  for (const text of texts) if (triggers.test(text.value)) replaceIn(text, doc, start, end, counter);
}

function replaceIn(text: Text, doc: string, start: number, end: number, counter: Counter): void {
  const offsets = sourceOffsets(text, doc);
  if (!offsets) return;
  const at = (i: number) => (offsets === 'same' ? text.position!.start.offset! + i : offsets[i]!);
  const value = text.value;
  const pattern = new RegExp(triggers.source, 'g');
  let out = '';
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(value))) {
    const i = match.index;
    const o = at(i);
    if (o < 0) continue;
    // Goldmark looks past a run of quotes and a few characters further into the line: a window of it, ended by the line ending.
    let run = o + 1;
    while (run < end && doc[run] === value[i]) run++;
    const window = doc.slice(o, Math.min(end, run + 6));
    const newline = window.indexOf('\n');
    const line = newline === -1 ? window : window.slice(0, newline + 1);
    const before = o === start ? '\n' : runeBefore(doc, o);
    const [replacement, length] = substitute(line, before, counter);
    // A dash, dot or angle run must be written as such, not partly escaped.
    if (replacement === undefined || !consecutive(at, i, length)) continue;
    out += value.slice(last, i) + replacement;
    last = i + length;
    pattern.lastIndex = last;
  }
  if (last > 0) text.value = out + value.slice(last);
}

function consecutive(at: (i: number) => number, i: number, length: number): boolean {
  for (let k = 1; k < length; k++) if (at(i + k) !== at(i) + k) return false;
  return true;
}

function runeBefore(doc: string, o: number): string {
  const code = doc.charCodeAt(o - 1);
  return code >= 0xdc00 && code <= 0xdfff && o >= 2 ? doc.slice(o - 2, o) : doc.charAt(o - 1);
}

/** Goldmark's decision at the start of `line`: the replacement and how many characters it takes, or nothing. */
function substitute(line: string, before: string, counter: Counter): [string | undefined, number] {
  const c = line[0];
  if (c === '-' && line[1] === '-') return line[2] === '-' ? ['—', 3] : ['–', 2];
  if (c === '.') return line.startsWith('...') ? ['…', 3] : [undefined, 0];
  if (c === '<' || c === '>') return line[1] === c ? [c === '<' ? '«' : '»', 2] : [undefined, 0];
  if (c === "'") return [single(line, before, counter), 1];
  if (c === '"') return [double(line, before, counter), 1];
  return [undefined, 0];
}

/** CommonMark's left and right flanking, for the run of quotes that starts `line`. */
function flanking(line: string, before: string): { open: boolean; close: boolean } {
  let j = 1;
  while (line[j] === line[0]) j++;
  const after = j < line.length ? String.fromCodePoint(line.codePointAt(j)!) : ' ';
  const beforePunct = isPunct(before);
  const beforeSpace = isSpace(before);
  const afterPunct = isPunct(after);
  const afterSpace = isSpace(after);
  return {
    open: !afterSpace && (!afterPunct || beforeSpace || beforePunct),
    close: !beforeSpace && (!beforePunct || afterSpace || afterPunct),
  };
}

/** Goldmark measures lines in UTF-8 bytes: the byte length of `line`, up to `max`. */
function bytes(line: string, max: number): number {
  return Buffer.byteLength(line.slice(0, max));
}

/** Goldmark's closing quote that could also open: then one punctuation character and nothing, punctuation or space (in bytes: after a multi-byte character the third byte is part of it, never ASCII). */
function maybeClose(line: string): boolean {
  const second = line.codePointAt(1);
  if (second === undefined || !punct.test(String.fromCodePoint(second))) return false;
  if (bytes(line, 3) === 2) return true;
  const third = second < 0x80 ? line[2] : undefined;
  return third !== undefined && (asciiPunct.test(third) || asciiSpace.test(third));
}

function double(line: string, before: string, counter: Counter): string | undefined {
  const { open, close } = flanking(line, before);
  if (open && !close) {
    counter.double++;
    return '“';
  }
  if (counter.double > 0 && ((close && !open) || (close && open && maybeClose(line)))) {
    // "Monitor 21"": inches, not the closing quote.
    if (line[1] === '"' && digit.test(before)) return undefined;
    counter.double--;
    return '”';
  }
  return undefined;
}

function single(line: string, before: string, counter: Counter): string | undefined {
  const { open, close } = flanking(line, before);
  const next = line.length > 1 ? String.fromCodePoint(line.codePointAt(1)!) : '';
  const endsWord = (k: number) => line.length <= k || asciiPunct.test(line[k]!) || asciiSpace.test(line[k]!);
  // Decades: '90s.
  if (open && !close && /^'\d\ds/.test(line) && line.length > 3) {
    const after = line.length > 4 ? String.fromCodePoint(line.codePointAt(4)!) : ' ';
    if (isSpace(after) || isPunct(after)) return '’';
  }
  // 'twas, 'em, 'n', 'll.
  if (line.length > 1 && (punct.test(before) || space.test(before)) && 'tenl'.includes(next) && next !== '') return '’';
  // Between a letter or digit and a letter: don't, O'Neil, 1970's.
  if (next !== '' && (digit.test(before) || letter.test(before)) && letter.test(next)) return '’';
  if (open && !close) {
    // Alice's, I'm, don't, you'd; I've, I'll, you're.
    if (('smtd'.includes(next) && next !== '' && endsWord(2)) || (/^'(ve|ll|re)/.test(line) && endsWord(3))) return '’';
    counter.single++;
    return '‘';
  }
  // Plural possessives and the like (dogs' bowl): anything but a digit follows.
  if (bytes(line, 3) > 2 && !digit.test(next)) return '’';
  if (counter.single > 0 && ((close && !open) || (close && open && maybeClose(line)))) {
    counter.single--;
    return '’';
  }
  return undefined;
}
