/**
 * Tokenizer for one shortcode tag: `{{< name args >}}`, `{{% /name %}}`,
 * `{{< name />}}` and the escape (`/*` and `*` `/` just inside the braces,
 * which prints the tag literally). Shared by the text and
 * flow constructs in `syntax.ts`.
 */
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Effects, State, Token, TokenizeContext } from 'micromark-util-types';
import type { Point } from 'unist';
import { escapeEnds, nameChar, nameStart, sequences, space, type TagInfo } from './syntax-parts.js';

export type { TagInfo } from './syntax-parts.js';

/**
 * Tokenize one tag starting at `{`. In flow (`flow: true`) any malformation
 * is a `nok` (the paragraph then gets the tag and reports it); in text, after `{{<`/`{{%` and a
 * name, malformations end the tag early with `info.error` set so the plugin
 * can report them at their exact place.
 */
export function factoryTag(this: TokenizeContext, effects: Effects, ok: State, nok: State, flow: boolean): State {
  const self = this;
  let tag: Token;
  let info: TagInfo;
  let close = 0; // closing delimiter code: `>` or `%`
  let argOpen = false;
  let nameOnly = true; // the bare word so far could be a parameter name
  let quoteAt: Point | undefined;
  let blankLine = false;

  return start;

  function start(code: Code): State | undefined {
    tag = effects.enter('shortcodeTag');
    info = { name: '', delimiter: '<', closing: false, selfClosing: false, escaped: false, flow, endsLine: false };
    tag._shortcode = info;
    effects.consume(code);
    return brace;
  }
  function brace(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.consume(code);
    return delimiter;
  }
  function delimiter(code: Code): State | undefined {
    if (code !== codes.lessThan && code !== codes.percentSign) return nok(code);
    info.delimiter = code === codes.lessThan ? '<' : '%';
    close = code === codes.lessThan ? codes.greaterThan : codes.percentSign;
    effects.consume(code);
    return beforeName;
  }
  function beforeName(code: Code): State | undefined {
    if (markdownSpace(code)) return effects.consume(code), beforeName;
    if (code === codes.slash && !info.closing) return effects.consume(code), slash;
    if (!nameStart(code)) return nok(code);
    effects.enter('shortcodeTagName');
    return name(code);
  }
  function slash(code: Code): State | undefined {
    if (code !== codes.asterisk) {
      info.closing = true;
      return beforeName(code);
    }
    if (flow) return nok(code);
    info.escaped = true;
    effects.consume(code);
    return escaped;
  }
  function escaped(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (code === codes.asterisk) return effects.attempt(escapeEnds[close]!, end, escapedConsume)(code);
    return escapedConsume(code);
  }
  // The escape stays on one line: one that spans lines looped forever in micromark's subtokenize (found by the fuzz test); it is text.
  function escapedConsume(code: Code): State | undefined {
    if (markdownLineEnding(code)) return nok(code);
    effects.consume(code);
    return escaped;
  }
  // Each line ending gets its own token: subtokenize finds line breaks by them.
  // In flow, a lazy next line (outside the block quote or list) ends the tag.
  function lineEnding(code: Code, next: State): State | undefined {
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return flow ? (code: Code) => (self.parser.lazy[self.now().line] ? nok(code) : next(code)) : next;
  }
  function name(code: Code): State | undefined {
    if (nameChar(code)) return effects.consume(code), name;
    info.name = self.sliceSerialize(effects.exit('shortcodeTagName'));
    if (!space(code) && code !== close && code !== codes.slash) return nok(code);
    return between(code);
  }
  // From here on the tag is committed: problems are errors, not `nok`.
  function between(code: Code): State | undefined {
    if (markdownSpace(code)) return effects.consume(code), between;
    if (markdownLineEnding(code)) {
      // A blank line ends a flow tag (and bounds the scan of an unclosed one).
      if (flow && blankLine) return nok(code);
      blankLine = true;
      return lineEnding(code, between);
    }
    blankLine = false;
    if (code === codes.eof) return fail(code, 'Unexpected end of paragraph in shortcode, expected `' + closeText() + '` to close it');
    if (code === close) return effects.attempt(sequences[close]!, end, bareStart)(code);
    if (code === codes.slash) return effects.attempt(sequences[close]!, selfClosed, bareStart)(code);
    if (code === codes.equalsTo) return fail(code, 'Unexpected `=` in shortcode, expected a parameter name before it');
    return bareStart(code);
  }
  function selfClosed(code: Code): State | undefined {
    info.selfClosing = true;
    return end(code);
  }
  function bareStart(code: Code): State | undefined {
    effects.enter('shortcodeArgument');
    argOpen = true;
    if (code === codes.quotationMark || code === codes.graveAccent) return quoted(code);
    nameOnly = true;
    return bare(code);
  }
  function bare(code: Code): State | undefined {
    if (space(code) || code === codes.eof) return argEnd(code);
    if (code === close || code === codes.slash) return effects.check(sequences[close]!, argEnd, bareConsume)(code);
    if (code === codes.equalsTo && nameOnly) return effects.consume(code), value;
    if (code === codes.quotationMark || code === codes.graveAccent) {
      return fail(code, 'Unexpected quote inside a bare value, expected it to start the value (quote the whole value)');
    }
    return bareConsume(code);
  }
  function bareConsume(code: Code): State | undefined {
    if (!nameChar(code)) nameOnly = false;
    effects.consume(code);
    return bare;
  }
  function value(code: Code): State | undefined {
    if (code === codes.quotationMark || code === codes.graveAccent) return quoted(code);
    if (space(code) || code === codes.eof || code === close) {
      return fail(code, 'Unexpected missing value after `=`, expected a value (`name=""` for an empty one)');
    }
    nameOnly = false;
    return bare(code);
  }
  function quoted(code: Code): State | undefined {
    quoteAt = point();
    effects.consume(code);
    return code === codes.quotationMark ? inDouble : inRaw;
  }
  function inDouble(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      return flow ? nok(code) : fail(code, 'Unexpected unclosed `"` in shortcode argument, expected a closing `"` on the same line', quoteAt);
    }
    effects.consume(code);
    if (code === codes.quotationMark) return argEnd;
    return code === codes.backslash ? escape : inDouble;
  }
  function escape(code: Code): State | undefined {
    return code === codes.eof || markdownLineEnding(code) ? inDouble(code) : (effects.consume(code), inDouble);
  }
  function inRaw(code: Code): State | undefined {
    if (code === codes.eof) {
      return flow ? nok(code) : fail(code, 'Unexpected unclosed `` ` `` in shortcode argument, expected a closing `` ` ``', quoteAt);
    }
    if (markdownLineEnding(code)) return lineEnding(code, inRaw);
    effects.consume(code);
    return code === codes.graveAccent ? argEnd : inRaw;
  }
  function argEnd(code: Code): State | undefined {
    effects.exit('shortcodeArgument');
    argOpen = false;
    return between(code);
  }
  function end(code: Code): State | undefined {
    effects.exit('shortcodeTag');
    info.endsLine = !flow && (code === codes.eof || markdownLineEnding(code));
    return ok(code);
  }
  function fail(code: Code, reason: string, place?: Point): State | undefined {
    if (flow) return nok(code);
    info.error = { reason, place: place ?? point() };
    if (argOpen) effects.exit('shortcodeArgument');
    return end(code);
  }
  function closeText() {
    return info.delimiter === '<' ? '>}}' : '%}}';
  }
  function point(): Point {
    const now = self.now();
    return { line: now.line, column: now.column, offset: now.offset };
  }
}
