/**
 * mdast-util-to-markdown extension: prints `shortcode` nodes back as Hugo
 * shortcodes so remark-stringify round-trips them, and escapes `{{<`/`{{%`
 * in plain text so literal text stays literal.
 */
import type { Parents } from 'mdast';
import type { Handle, Options, State, Info } from 'mdast-util-to-markdown';
import { firstMixed, quote } from './args.js';
import type { Shortcode } from './types.js';

const phrasingParents = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);

/** Create the to-markdown extension. */
export function shortcodeToMarkdown(): Options {
  return {
    handlers: { shortcode: handleShortcode as Handle },
    unsafe: [{ character: '{', after: '\\{[<%]', inConstruct: 'phrasing' }],
  };
}

function handleShortcode(node: Shortcode, parent: Parents | undefined, state: State, info: Info): string {
  if (node.invalid && node.source !== undefined) return node.source;
  const closing = printTag({ ...node, closing: true });
  if (node.closing) return closing;
  const opening = printTag(node);
  // An unclosed block keeps its body (it ran to the end of its container).
  const end = node.paired ? closing : '';
  if (!node.paired && node.children.length === 0 && node.inner === undefined) return opening;
  const flow = !parent || !phrasingParents.has(parent.type);
  if (node.inner !== undefined) {
    const inner = node.inner;
    return flow ? opening + '\n' + (inner ? inner + '\n' : '') + end : opening + inner + end;
  }
  const exit = state.enter('shortcode' as never);
  const tracker = state.createTracker(info);
  tracker.move(opening + (flow ? '\n' : ''));
  const inner = flow
    ? state.containerFlow(node as never, tracker.current())
    : state.containerPhrasing(node as never, { ...tracker.current(), before: opening.slice(-1), after: '{' });
  exit();
  return flow ? opening + '\n' + (inner ? inner + '\n' : '') + end : opening + inner + end;
}

/** One tag as Markdown: the opening (with arguments) or, for `closing`, the closing tag. */
export function printTag(node: Shortcode): string {
  const close = node.delimiter === '<' ? '>' : '%';
  if (node.closing) return '{{' + node.delimiter + ' /' + node.name + ' ' + close + '}}';
  return '{{' + node.delimiter + ' ' + node.name + printArguments(node) + ' ' + (node.selfClosing ? '/' : '') + close + '}}';
}

function printArguments(node: Shortcode): string {
  let value = '';
  // Mixed arguments are an error; print them as written so it survives.
  if (node.arguments && firstMixed(node.arguments)) {
    for (const item of node.arguments) value += ' ' + (item.name === undefined ? '' : item.name + '=') + quote(item.value);
    return value;
  }
  for (const item of node.positional) value += ' ' + quote(item);
  for (const [name, item] of Object.entries(node.named)) value += ' ' + name + '=' + quote(item);
  return value;
}
