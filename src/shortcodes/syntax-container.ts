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
import { closingLine, type ClosingTarget } from './syntax-closing.js';
import { factoryTag } from './syntax-tag.js';

const nonLazyLine: Construct = { partial: true, tokenize: tokenizeNonLazyLine };

/** Create the container construct for names for which `paired(name)` is true; `raw` says whose content is raw text. */
export function shortcodeContainer(paired: (name: string) => boolean, raw: (name: string, delimiter: '<' | '%') => boolean): Construct {
  return { name: 'shortcodeContainer', concrete: true, tokenize };

  function tokenize(this: TokenizeContext, effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
    const self = this;
    const tail = self.events[self.events.length - 1];
    const initialSize = tail && tail[1].type === types.linePrefix ? tail[2].sliceSerialize(tail[1], true).length : 0;
    let container: Token;
    const target: ClosingTarget = { name: '', delimiter: 0, closeChar: 0, depth: 0 };
    const closing = closingLine(target);
    let rawData = false;
    let previous: Token | undefined;

    return start;

    function start(code: Code): State | undefined {
      container = effects.enter('shortcodeContainer');
      return factoryTag.call(self, effects, afterTag, nok, true)(code);
    }
    function afterTag(code: Code): State | undefined {
      const info = self.events[self.events.length - 1]![1]._shortcode!;
      if (info.closing || info.selfClosing || !paired(info.name)) return nok(code);
      info.container = true;
      target.name = info.name;
      rawData = raw(info.name, info.delimiter);
      target.delimiter = info.delimiter === '<' ? codes.lessThan : codes.percentSign;
      target.closeChar = info.delimiter === '<' ? codes.greaterThan : codes.percentSign;
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
      if (rawData) {
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
      const token = effects.exit(rawData ? 'shortcodeRawData' : types.chunkDocument);
      if (!rawData) self.parser.lazy[token.start.line] = false;
    }
    function unclosed(code: Code): State | undefined {
      container._shortcodeUnclosed = true;
      return done(code);
    }
    function done(code: Code): State | undefined {
      effects.exit('shortcodeContainer');
      return ok(code);
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
