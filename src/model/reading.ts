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

/** Count CJK characters and other words in `text`. */
export function countWords(text: string): WordCount {
  let cjkCount = 0;
  let words = 0;
  for (const match of text.matchAll(wordPattern)) {
    if (cjkChar.test(match[0])) cjkCount++;
    else words++;
  }
  return { cjk: cjkCount, words, total: cjkCount + words };
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
