/**
 * Word count and reading time for mixed Chinese and English text: each CJK
 * character counts as a word on its own (read at about 500 a minute), other
 * words are runs of letters and digits (about 220 a minute).
 */

/** CJK ideographs, kana and hangul: each character is a word. */
const cjk = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
/** One word: a CJK character, or a run of other letters/digits (with inner `'`, `-`, `.`). */
const wordPattern = new RegExp(`[${cjk}]|[^\\s${cjk}\\p{P}\\p{S}]+(?:['’.\\-][^\\s${cjk}\\p{P}\\p{S}]+)*`, 'gu');
const cjkChar = new RegExp(`^[${cjk}]$`, 'u');

/** Reading speed, per minute. */
export const CJK_PER_MINUTE = 500;
export const WORDS_PER_MINUTE = 220;

/** Counts in a text. */
export interface WordCount {
  /** CJK characters. */
  cjk: number;
  /** Other words. */
  words: number;
  /** `cjk + words`: the word count shown to readers and put in JSON-LD. */
  total: number;
}

/** What a code point is to {@link wordPattern}. */
const SPACE = 0;
const CJK = 1;
const MARK = 2;
const LETTER = 3;
const UNKNOWN = 255;

const spacePattern = /^\s$/u;
const markPattern = /^[\p{P}\p{S}]$/u;

/** Classes of BMP code points, filled on first sight (a post holds a few thousand distinct ones). */
const bmpClasses = new Uint8Array(0x10000).fill(UNKNOWN);
const astralClasses = new Map<number, number>();

function classify(code: number): number {
  const char = String.fromCodePoint(code);
  return cjkChar.test(char) ? CJK : spacePattern.test(char) ? SPACE : markPattern.test(char) ? MARK : LETTER;
}

function classOf(code: number): number {
  if (code < 0x10000) {
    let value = bmpClasses[code]!;
    if (value === UNKNOWN) bmpClasses[code] = value = classify(code);
    return value;
  }
  let value = astralClasses.get(code);
  if (value === undefined) astralClasses.set(code, (value = classify(code)));
  return value;
}

/** `'`, `’`, `.`, `-`: join two runs of letters into one word (`don't`, `v1.2`, `e-mail`). */
function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2e || code === 0x2d;
}

/**
 * Count CJK characters and other words in `text`: the matches of
 * `wordPattern`, counted by a scan that allocates nothing (a post's text has
 * thousands of words; a match object each was most of a post's garbage here).
 */
export function countWords(text: string): WordCount {
  let cjkCount = 0;
  let words = 0;
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.codePointAt(index)!;
    const kind = classOf(code);
    if (kind === CJK) cjkCount++;
    if (kind !== LETTER) {
      index += code > 0xffff ? 2 : 1;
      continue;
    }
    words++;
    index = skipLetters(text, index);
    // A joiner continues the word only when a letter follows it.
    while (index < length && isJoiner(text.charCodeAt(index)) && index + 1 < length && classOf(text.codePointAt(index + 1)!) === LETTER) {
      index = skipLetters(text, index + 1);
    }
  }
  return { cjk: cjkCount, words, total: cjkCount + words };
}

/** Index after the run of letters starting at `index`. */
function skipLetters(text: string, index: number): number {
  while (index < text.length) {
    const code = text.codePointAt(index)!;
    if (classOf(code) !== LETTER) break;
    index += code > 0xffff ? 2 : 1;
  }
  return index;
}

/** Reading time in whole minutes, at least 1. */
export function readingTime(count: WordCount): number {
  return Math.max(1, Math.ceil(count.cjk / CJK_PER_MINUTE + count.words / WORDS_PER_MINUTE));
}

/**
 * The first `limit` words of `text` (CJK characters counted one by one), and
 * whether anything was cut. Whitespace is collapsed; the cut keeps whole
 * words and adds no ellipsis (callers decide).
 */
export function truncateWords(text: string, limit: number): { text: string; truncated: boolean } {
  const clean = text.replace(/\s+/g, ' ').trim();
  let seen = 0;
  for (const match of clean.matchAll(wordPattern)) {
    seen++;
    if (seen === limit) {
      const end = match.index! + match[0].length;
      const rest = clean.slice(end);
      // Keep closing punctuation glued to the last word (`word.`, `字。`).
      const tail = /^[\p{P}\p{S}]*/u.exec(rest)![0];
      const cut = clean.slice(0, end + tail.length);
      return { text: cut, truncated: cut.length < clean.length };
    }
  }
  return { text: clean, truncated: false };
}
