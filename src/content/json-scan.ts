/**
 * Where JSON front matter ends, found as Hugo finds it (pageparser's
 * `lexFrontMatterJSON`): at the `}` that matches the `{` starting the file,
 * counting braces outside strings, whatever the lines look like. A `"` opens
 * or closes a string; a backslash skips the character after it. The fast
 * path (`splitFrontMatter`, over a string) and the micromark construct (over
 * character codes) both feed this one scanner, so they end the front matter
 * at the same character.
 */

const backslash = 92;
const quotationMark = 34;
const leftBrace = 123;
const rightBrace = 125;

/** What one character did: `closed` (the matching `}`), `not-json` (the text is no JSON front matter), else `undefined`. */
export type ScanStep = 'closed' | 'not-json' | undefined;

/** A scan of one object: feed it character codes (UTF-16 units) from the file's first character on. */
export class BraceScan {
  #seen = 0;
  #depth = 0;
  #string = false;
  #escaped = false;

  /** Takes the next character code. */
  push(code: number): ScanStep {
    // `{{` starts a shortcode, not an object (Hugo fails to read such a file as JSON).
    if (this.#seen < 2 && (this.#seen++ === 0 ? code !== leftBrace : code === leftBrace)) return 'not-json';
    if (this.#escaped) this.#escaped = false;
    else if (code === backslash) this.#escaped = true;
    else if (code === quotationMark) this.#string = !this.#string;
    else if (this.#string) return undefined;
    else if (code === leftBrace) this.#depth++;
    else if (code === rightBrace && --this.#depth === 0) return 'closed';
    return undefined;
  }
}

/**
 * Offset just past the `}` closing the JSON object that starts `text` at
 * `start`; `-1` when nothing closes it, `undefined` when no object starts there.
 */
export function jsonEnd(text: string, start: number): number | undefined {
  const scan = new BraceScan();
  for (let index = start; index < text.length; index++) {
    const step = scan.push(text.charCodeAt(index));
    if (step === 'closed') return index + 1;
    if (step === 'not-json') return undefined;
  }
  return text.length > start ? -1 : undefined;
}
