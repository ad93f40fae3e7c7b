/**
 * Definition lists (`Term` then `: Definition` on the next line), which
 * Hugo's Goldmark renders as `<dl><dt><dd>` by default, with
 * micromark-extension-definition-list and mdast-util-definition-list.
 *
 * Like the GFM constructs in `gfm.ts`, the construct is tokenized only in
 * documents that can hold one: its definition starts with `:` and a space or
 * tab at the start of a line (after indentation or `>` markers), so a
 * document with no such line is parsed without it and gets the same tree.
 * A speaker turn (`Varun: hello`) has its `:` inside the line and never
 * starts a definition, after a paragraph line or not (Goldmark agrees).
 */
import type { Element, ElementContent } from 'hast';
import type { Handler, Handlers } from 'mdast-util-to-hast';
import { defListFromMarkdown, defListToMarkdown, type DefListDescriptionNode } from 'mdast-util-definition-list';
import { defList } from 'micromark-extension-definition-list';
import type { Construct, Extension } from 'micromark-util-types';
import type { Processor } from 'unified';

/** A line that may be a definition: `:` then a space, a tab or the end of the line, after indentation or `>`. */
const definitionLine = /^[ \t>]*:(?:[ \t]|$)/m;

/**
 * The construct, but a list starts only at the line's own indentation, as in
 * Goldmark (`Term` then ` : x` is one paragraph in Hugo); inside a list item
 * or a block quote that is the item's or the quote's content column.
 */
const construct = [defList.document?.[58] ?? []].flat()[0] as Construct;
const defListAtLineStart: Extension = {
  document: {
    58: {
      ...construct,
      tokenize(effects, ok, nok) {
        const tail = this.events[this.events.length - 1];
        if (!this.containerState?.type && tail?.[1].type === 'linePrefix') return nok;
        return construct.tokenize.call(this, effects, ok, nok);
      },
    },
  },
};

/** `<dl>`, `<dt>`, `<dd>` as Goldmark writes them: a tight definition's paragraphs are unwrapped (as a tight list item's). */
export const definitionListHandlers: Handlers = {
  defList: (state, node) => element(state, node, 'dl', state.wrap(state.all(node), true)),
  defListTerm: (state, node) => element(state, node, 'dt', state.all(node)),
  defListDescription(state, node: DefListDescriptionNode) {
    const results = state.all(node);
    const children: ElementContent[] = [];
    for (const [index, child] of results.entries()) {
      const paragraph = child.type === 'element' && child.tagName === 'p';
      if (node.spread || index !== 0 || !paragraph) children.push({ type: 'text', value: '\n' });
      children.push(...(paragraph && !node.spread ? child.children : [child]));
    }
    const tail = results[results.length - 1];
    if (tail && (node.spread || tail.type !== 'element' || tail.tagName !== 'p')) children.push({ type: 'text', value: '\n' });
    return element(state, node, 'dd', children);
  },
};

function element(state: Parameters<Handler>[0], node: Parameters<Handler>[1], tagName: string, children: ElementContent[]): Element {
  const result: Element = { type: 'element', tagName, properties: {}, children };
  state.patch(node, result);
  return state.applyData(node, result);
}

/** Adds definition lists to the parser, for the documents that can hold one. */
export default function remarkDefinitionList(this: Processor): undefined {
  const data = this.data();
  // One extension object, filled per document before the parser reads it (as gfm.ts does).
  const current: Extension = {};
  (data.micromarkExtensions ??= []).push(current);
  (data.fromMarkdownExtensions ??= []).push(defListFromMarkdown);
  (data.toMarkdownExtensions ??= []).push(defListToMarkdown);
  const parse = this.parser;
  if (!parse) return;
  this.parser = (doc, file) => {
    for (const key of Object.keys(current)) delete current[key as keyof Extension];
    if (definitionLine.test(doc)) Object.assign(current, defListAtLineStart);
    return parse(doc, file);
  };
}
