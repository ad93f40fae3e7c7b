/**
 * Shared pieces of the shortcode tokenizers: the tag info stored on tokens,
 * token type declarations, character classes and small lookahead constructs.
 */
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, State } from 'micromark-util-types';
import type { Point } from 'unist';

/** What the tokenizer learned about a tag; stored on its `shortcodeTag` token. */
export interface TagInfo {
  delimiter: '<' | '%';
  closing: boolean;
  selfClosing: boolean;
  escaped: boolean;
  /** Tokenized by a flow construct (alone on its line(s), outside a paragraph). */
  flow: boolean;
  /** In text: a line ending (or the end of the paragraph) follows the tag. */
  endsLine: boolean;
  /** Name of the shortcode (empty for an escape). */
  name: string;
  /** Opening tag of a flow container (paired block, see `syntax-container.ts`). */
  container?: boolean;
  /** Malformed syntax: the reason and the exact place (text only; flow gives up). */
  error?: { reason: string; place: Point };
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    shortcodeTag: 'shortcodeTag';
    shortcodeTagName: 'shortcodeTagName';
    shortcodeArgument: 'shortcodeArgument';
    shortcodeLeaf: 'shortcodeLeaf';
    shortcodeContainer: 'shortcodeContainer';
    shortcodeRaw: 'shortcodeRaw';
    shortcodeRawData: 'shortcodeRawData';
    shortcodeClose: 'shortcodeClose';
  }
  interface Token {
    _shortcode?: TagInfo;
    /** On a `shortcodeContainer`: no closing tag was found. */
    _shortcodeUnclosed?: boolean;
  }
}

/** Characters that can start a shortcode name. */
export const nameStart = (code: Code) =>
  code !== null && ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === codes.underscore);
/** Characters of a shortcode name. */
export const nameChar = (code: Code) => nameStart(code) || code === codes.dash || code === codes.dot;
/** Whitespace, line endings included. */
export const space = (code: Code) => markdownSpace(code) || markdownLineEnding(code);

/** Partial construct: `/`? then the closing delimiter and `}}` (lookahead only). */
function closeSequence(delimiter: number): Construct {
  return { partial: true, tokenize: (effects, ok, nok) => {
    const start: State = (code) => (code === codes.slash ? (effects.consume(code), delim) : delim(code));
    const delim: State = (code) => (code === delimiter ? (effects.consume(code), brace1) : nok(code));
    const brace1: State = (code) => (code === codes.rightCurlyBrace ? (effects.consume(code), brace2) : nok(code));
    const brace2: State = (code) => (code === codes.rightCurlyBrace ? (effects.consume(code), ok) : nok(code));
    return start;
  } };
}

/** Closing sequences by closing delimiter. */
export const sequences: Record<number, Construct> = { [codes.greaterThan]: closeSequence(codes.greaterThan), [codes.percentSign]: closeSequence(codes.percentSign) };
/** Partial construct: `*` `/` spaces and the closing sequence of an escape. */
function escapeEnd(delimiter: number): Construct {
  return { partial: true, tokenize: (effects, ok, nok) => {
    const star: State = (code) => (code === codes.asterisk ? (effects.consume(code), slash) : nok(code));
    const slash: State = (code) => (code === codes.slash ? (effects.consume(code), gap) : nok(code));
    const gap: State = (code) =>
      markdownSpace(code) ? (effects.consume(code), gap) : effects.attempt(sequences[delimiter]!, ok, nok)(code);
    return star;
  } };
}
/** Ends of the escape form by closing delimiter. */
export const escapeEnds: Record<number, Construct> = { [codes.greaterThan]: escapeEnd(codes.greaterThan), [codes.percentSign]: escapeEnd(codes.percentSign) };
