/**
 * Flow construct for a paired block shortcode: an opening tag alone on its
 * line, content lines, and a closing tag alone on its line. Like a fenced
 * code block it is concrete and runs to the end of its container when the
 * closing tag is missing: only names known to take inner content (Hugo's
 * templates that use `.Inner`) start one, so there is no lookahead.
 */
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes, constants, types } from 'micromark-util-symbol';
import type { Code, Construct, State, Token, TokenizeContext, Tokenizer } from 'micromark-util-types';
import { factoryTag } from './syntax-tag.js';

const nonLazyLine: Construct = { partial: true, tokenize: tokenizeNonLazyLine };

/** Create the container construct for names for which `paired(name)` is true. */
export function shortcodeContainer(paired: (name: string) => boolean): Construct {
  return { name: 'shortcodeContainer', concrete: true, tokenize };

  function tokenize(this: TokenizeContext, effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
    const self = this;
    const tail = self.events[self.events.length - 1];
    const initialSize = tail && tail[1].type === types.linePrefix ? tail[2].sliceSerialize(tail[1], true).length : 0;
    let container: Token;
    let name = '';
    let delimiter = 0;
    let closeChar = 0;
    let raw = false;
    let depth = 0;
    let previous: Token | undefined;
    const closing: Construct = { partial: true, tokenize: tokenizeClosing };

    return start;

    function start(code: Code): State | undefined {
      container = effects.enter('shortcodeContainer');
      return factoryTag.call(self, effects, afterTag, nok, true)(code);
    }
    function afterTag(code: Code): State | undefined {
      const info = self.events[self.events.length - 1]![1]._shortcode!;
      if (info.closing || info.selfClosing || !paired(info.name)) return nok(code);
      info.container = true;
      name = info.name;
      raw = info.delimiter === '<';
      delimiter = raw ? codes.lessThan : codes.percentSign;
      closeChar = raw ? codes.greaterThan : codes.percentSign;
      return afterOpen(code);
    }
    function afterOpen(code: Code): State | undefined {
      if (markdownSpace(code)) return effects.consume(code), afterOpen;
      if (code === codes.eof) return unclosed(code);
      if (!markdownLineEnding(code)) return nok(code);
      if (self.interrupt) return done(code);
      return effects.check(nonLazyLine, eolThenLine, unclosed)(code);
    }
    function eolThenLine(code: Code): State | undefined {
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      return lineStart;
    }
    function lineStart(code: Code): State | undefined {
      return effects.attempt(closing, done, prefix)(code);
    }
    function prefix(code: Code): State | undefined {
      let size = 0;
      if (!initialSize || !markdownSpace(code)) return lineContent(code);
      effects.enter(types.linePrefix);
      return inPrefix(code);
      function inPrefix(code: Code): State | undefined {
        if (markdownSpace(code) && size++ < initialSize) return effects.consume(code), inPrefix;
        effects.exit(types.linePrefix);
        return lineContent(code);
      }
    }
    function lineContent(code: Code): State | undefined {
      if (code === codes.eof) return unclosed(code);
      // An empty line followed by a lazy one ends here (no empty token).
      if (markdownLineEnding(code)) return effects.check(nonLazyLine, enterLine, unclosed)(code);
      return enterLine(code);
    }
    function enterLine(code: Code): State | undefined {
      if (raw) {
        effects.enter('shortcodeRawData');
      } else {
        const token = effects.enter(types.chunkDocument, { contentType: constants.contentTypeDocument, previous });
        if (previous) previous.next = token;
        previous = token;
      }
      return inLine(code);
    }
    function inLine(code: Code): State | undefined {
      if (code === codes.eof) return exitLine(), unclosed(code);
      if (markdownLineEnding(code)) return effects.check(nonLazyLine, eolInLine, lazyEnd)(code);
      effects.consume(code);
      return inLine;
    }
    function eolInLine(code: Code): State | undefined {
      effects.consume(code);
      exitLine();
      return lineStart;
    }
    function lazyEnd(code: Code): State | undefined {
      exitLine();
      return unclosed(code);
    }
    function exitLine() {
      const token = effects.exit(raw ? 'shortcodeRawData' : types.chunkDocument);
      if (!raw) self.parser.lazy[token.start.line] = false;
    }
    function unclosed(code: Code): State | undefined {
      container._shortcodeUnclosed = true;
      return done(code);
    }
    function done(code: Code): State | undefined {
      effects.exit('shortcodeContainer');
      return ok(code);
    }

    /** Closing tag line for this name; counts nested openings of the same name. */
    function tokenizeClosing(this: TokenizeContext, effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
      let found = '';
      let isClosing = false;
      let tailText = '';
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
        return expect(codes.leftCurlyBrace, expect(delimiter, spaceThen(slash)));
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
        if (code !== codes.eof && code > 32 && code !== delimiter && code !== codes.slash && code !== codes.rightCurlyBrace) {
          found += String.fromCharCode(code);
          effects.consume(code);
          return inName;
        }
        if (found !== name || !(markdownSpace(code) || code === closeChar || code === codes.slash)) return nok(code);
        return isClosing ? spaceThen(closeEnd)(code) : openingRest(code);
      }
      function closeEnd(code: Code): State | undefined {
        return expect(closeChar, expect(codes.rightCurlyBrace, expect(codes.rightCurlyBrace, afterClose)))(code);
      }
      function afterClose(code: Code): State | undefined {
        effects.exit('shortcodeClose');
        return spaceThen(lineEnd)(code);
      }
      function lineEnd(code: Code): State | undefined {
        if (code !== codes.eof && !markdownLineEnding(code)) return nok(code);
        if (depth > 0) return depth--, nok(code);
        return ok(code);
      }
      // A nested opening tag of the same name: count it unless self-closing.
      function openingRest(code: Code): State | undefined {
        if (code === codes.eof || markdownLineEnding(code)) {
          if (/(^|[^/])[>%]\}\}$/.test(tailText)) depth++;
          return nok(code);
        }
        if (!markdownSpace(code)) tailText = (tailText + String.fromCharCode(code)).slice(-4);
        effects.consume(code);
        return openingRest;
      }
    }
  }
}

function tokenizeNonLazyLine(this: TokenizeContext, effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
  const self = this;
  return (code) => {
    effects.enter(types.lineEnding);
    effects.consume(code);
    effects.exit(types.lineEnding);
    return (code: Code) => (self.parser.lazy[self.now().line] ? nok(code) : ok(code));
  };
}
