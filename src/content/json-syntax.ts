/**
 * JSON front matter as Markdown syntax: a micromark construct for Hugo's
 * object at the very start of the file, from its `{` to the matching `}`
 * (found by the {@link BraceScan} that `splitFrontMatter` uses too), and its
 * mdast companion making a `json` node whose value is the object, braces
 * included. remark-frontmatter only knows fences on lines of their own, so
 * it cannot end an object at its matching brace.
 */
import type { Json } from 'mdast';
import type { Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Options as ToMarkdownExtension } from 'mdast-util-to-markdown';
import { content } from 'micromark-core-commonmark';
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';
import type { Code, Construct, Extension, State, TokenizeContext, Tokenizer } from 'micromark-util-types';
import type { Processor } from 'unified';
import { BraceScan } from './json-scan.js';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    json: 'json';
    jsonValue: 'jsonValue';
  }
}

const construct: Construct = { name: 'jsonFrontMatter', tokenize: tokenizeJson, concrete: true };

/** micromark extension: JSON front matter at the start of the document. */
export const jsonFrontMatter: Extension = { flow: { [codes.leftCurlyBrace]: [construct] } };

function tokenizeJson(this: TokenizeContext, effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
  const self = this;
  const scan = new BraceScan();
  let inValue = false;
  return start;

  // Tried at every line that starts with `{`; front matter only at the very start.
  function start(code: Code): State | undefined {
    const now = self.now();
    if (now.line !== 1 || now.column !== 1) return nok(code);
    effects.enter('json');
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    const step = scan.push(code);
    if (step === 'not-json') return nok(code);
    // Line endings get tokens of their own, as in every micromark construct.
    if (markdownLineEnding(code)) {
      if (inValue) effects.exit('jsonValue');
      inValue = false;
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      return inside;
    }
    if (!inValue) effects.enter('jsonValue');
    inValue = true;
    effects.consume(code);
    if (step !== 'closed') return inside;
    effects.exit('jsonValue');
    return closed;
  }

  function closed(code: Code): State | undefined {
    if (!markdownSpace(code)) return after(code);
    effects.enter(types.whitespace);
    return space(code);
  }

  function space(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code);
      return space;
    }
    effects.exit(types.whitespace);
    return after(code);
  }

  function after(code: Code): State | undefined {
    effects.exit('json');
    if (code === codes.eof || markdownLineEnding(code)) return ok(code);
    // Hugo's body starts right after the `}`: text on its line begins the first paragraph.
    return effects.attempt(content, ok, nok)(code);
  }
}

/** mdast-util-from-markdown extension: the `json` node, its value the object without the spaces after it. */
export const jsonFrontMatterFromMarkdown: FromMarkdownExtension = {
  enter: {
    json(token: Token) {
      this.enter({ type: 'json', value: '' } satisfies Json, token);
    },
  },
  exit: {
    json(token: Token) {
      const node = this.stack[this.stack.length - 1] as Json;
      const source = this.sliceSerialize(token);
      node.value = source.slice(0, source.lastIndexOf('}') + 1);
      this.exit(token);
    },
  },
};

/** mdast-util-to-markdown extension: prints the `json` node back as it was written. */
export const jsonFrontMatterToMarkdown: ToMarkdownExtension = { handlers: { json: (node: Json) => node.value } };

/** Unified plugin: parse JSON front matter into a `json` node (YAML and TOML come from remark-frontmatter). */
export default function remarkJsonFrontMatter(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(jsonFrontMatter);
  (data.fromMarkdownExtensions ??= []).push(jsonFrontMatterFromMarkdown);
  (data.toMarkdownExtensions ??= []).push(jsonFrontMatterToMarkdown);
}
