/**
 * The closing line of a paired block shortcode (`{{< /name >}}` alone on its
 * line). Counts nested openings of the same name so the right one closes.
 */
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';
import type { Code, Construct, State, Tokenizer } from 'micromark-util-types';

/** What the closing line must match; `depth` counts open nested blocks of the same name. */
export interface ClosingTarget {
  name: string;
  /** Opening delimiter code (`<` or `%`). */
  delimiter: number;
  /** Closing delimiter code (`>` or `%`). */
  closeChar: number;
  depth: number;
}

/** Partial construct matching the closing line for `target`. */
export function closingLine(target: ClosingTarget): Construct {
  return { partial: true, tokenize: tokenizeClosing };

  function tokenizeClosing(effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
    let found = '';
    let isClosing = false;
    let rest = '';
    return startClosing;

    function startClosing(code: Code): State | undefined {
      if (markdownSpace(code)) {
        effects.enter(types.linePrefix);
        return spaceThen(startBrace, types.linePrefix)(code);
      }
      return startBrace(code);
    }
    function spaceThen(next: State, type?: 'linePrefix'): State {
      const go: State = (code) => {
        if (markdownSpace(code)) return effects.consume(code), go;
        if (type) effects.exit(type);
        return next(code);
      };
      return go;
    }
    function startBrace(code: Code): State | undefined {
      if (code !== codes.leftCurlyBrace) return nok(code);
      effects.enter('shortcodeClose');
      effects.consume(code);
      return expect(codes.leftCurlyBrace, expect(target.delimiter, spaceThen(slash)));
    }
    function expect(want: number, next: State): State {
      return (code) => (code === want ? (effects.consume(code), next) : nok(code));
    }
    function slash(code: Code): State | undefined {
      if (code === codes.slash) {
        isClosing = true;
        effects.consume(code);
        return spaceThen(inName);
      }
      return inName(code);
    }
    function inName(code: Code): State | undefined {
      if (code !== codes.eof && code > 32 && code !== target.delimiter && code !== codes.slash && code !== codes.rightCurlyBrace) {
        found += String.fromCharCode(code);
        effects.consume(code);
        return inName;
      }
      if (found !== target.name || !(markdownSpace(code) || code === target.closeChar || code === codes.slash)) return nok(code);
      return isClosing ? spaceThen(closeEnd)(code) : openingRest(code);
    }
    function closeEnd(code: Code): State | undefined {
      return expect(target.closeChar, expect(codes.rightCurlyBrace, expect(codes.rightCurlyBrace, afterClose)))(code);
    }
    function afterClose(code: Code): State | undefined {
      effects.exit('shortcodeClose');
      return spaceThen(lineEnd)(code);
    }
    function lineEnd(code: Code): State | undefined {
      if (code !== codes.eof && !markdownLineEnding(code)) return nok(code);
      if (target.depth > 0) return target.depth--, nok(code);
      return ok(code);
    }
    // A nested opening tag of the same name: count it unless self-closing or closed on its own line.
    function openingRest(code: Code): State | undefined {
      if (code === codes.eof || markdownLineEnding(code)) {
        if (/(^|[^/])[>%]\}\}$/.test(rest) && !closesOnLine(rest, target)) target.depth++;
        return nok(code);
      }
      if (!markdownSpace(code)) rest += String.fromCharCode(code);
      effects.consume(code);
      return openingRest;
    }
  }
}

/** True when `rest` (the line after a nested opening tag, spaces left out) holds the closing tag of the same name. */
function closesOnLine(rest: string, target: ClosingTarget): boolean {
  const open = String.fromCharCode(target.delimiter);
  const close = String.fromCharCode(target.closeChar);
  return rest.includes(`{{${open}/${target.name}${close}}}`);
}
