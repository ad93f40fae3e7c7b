/**
 * micromark syntax extension for Hugo shortcodes. Everything starts at `{`,
 * so the tokenizer costs nothing elsewhere, and a tag wins over HTML
 * (`{{<youtube ID>}}` is never inline HTML) because HTML starts at `<`.
 *
 * - text: any tag inside a paragraph (inline, or alone on its line);
 * - flow: a paired block (`syntax-container.ts`) for names that take inner
 *   content, else a tag alone on its line outside a paragraph (a leaf).
 *
 * Code spans, fenced and indented code never see the tokenizer.
 */
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Extension, State, TokenizeContext, Tokenizer } from 'micromark-util-types';
import { shortcodeContainer } from './syntax-container.js';
import { factoryTag } from './syntax-tag.js';

export type { TagInfo } from './syntax-tag.js';

/** Options of the syntax (and from-markdown) extension. */
export interface ShortcodeSyntaxOptions {
  /**
   * Names that take inner content and need a closing tag (Hugo templates
   * using `.Inner`). Only these pair up. Default: none.
   */
  paired?: readonly string[] | ((name: string) => boolean);
  /**
   * How the inner content of a paired name is read when not as Hugo passes
   * `.Inner` by default (raw text for `{{< >}}`, Markdown for `{{% %}}`):
   * `markdown` or `raw` whatever the delimiter. Default: by the delimiter.
   */
  inner?: (name: string) => 'markdown' | 'raw' | undefined;
}

/** Normalize `paired` into a predicate. */
export function pairedPredicate(options?: ShortcodeSyntaxOptions): (name: string) => boolean {
  const paired = options?.paired;
  if (typeof paired === 'function') return paired;
  const names = new Set(paired ?? []);
  return (name) => names.has(name);
}

/** Normalize `inner` into a predicate: true when the inner content of `name` opened with `delimiter` is raw text. */
export function rawPredicate(options?: ShortcodeSyntaxOptions): (name: string, delimiter: '<' | '%') => boolean {
  const inner = options?.inner;
  return (name, delimiter) => (inner?.(name) ?? (delimiter === '<' ? 'raw' : 'markdown')) === 'raw';
}

const shortcodeText: Construct = {
  name: 'shortcodeText',
  tokenize(effects, ok, nok) {
    return factoryTag.call(this, effects, ok, nok, false);
  },
};

const shortcodeLeaf: Construct = { name: 'shortcodeLeaf', tokenize: tokenizeLeaf };

function tokenizeLeaf(this: TokenizeContext, effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
  const self = this;
  return start;

  function start(code: Code): State | undefined {
    // Inside a paragraph the tag stays inline; expansion lifts block output.
    if (self.interrupt) return nok(code);
    effects.enter('shortcodeLeaf');
    return factoryTag.call(self, effects, after, nok, true)(code);
  }
  function after(code: Code): State | undefined {
    if (markdownSpace(code)) return effects.consume(code), after;
    if (code !== codes.eof && !markdownLineEnding(code)) return nok(code);
    effects.exit('shortcodeLeaf');
    return ok(code);
  }
}

/** Create the micromark extension for shortcodes. */
export function shortcodeSyntax(options?: ShortcodeSyntaxOptions): Extension {
  return {
    text: { [codes.leftCurlyBrace]: shortcodeText },
    flow: { [codes.leftCurlyBrace]: [shortcodeContainer(pairedPredicate(options), rawPredicate(options)), shortcodeLeaf] },
  };
}
