/**
 * mdast-util-from-markdown extension: turns the shortcode tokens into
 * `shortcode` nodes with exact positions. Paired blocks come whole from the
 * syntax (containers); inline pairs are matched here, among siblings, when
 * the closing tag is compiled.
 */
import type { Parent, Text } from 'mdast';
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { Point as MicromarkPoint } from 'micromark-util-types';
import type { Point } from 'unist';
import { parseArguments, type RawArgument } from './args.js';
import { pairedPredicate, rawPredicate, type ShortcodeSyntaxOptions } from './syntax.js';
import type { Shortcode } from './types.js';

declare module 'mdast-util-from-markdown' {
  interface CompileData {
    /** Arguments of the tag being compiled. */
    shortcodeArguments?: RawArgument[];
  }
}

/** End of each inline opening tag, to slice the raw inner text of `{{< >}}` pairs. */
const openEnds = new WeakMap<Shortcode, MicromarkPoint>();

const point = (p: MicromarkPoint): Point => ({ line: p.line, column: p.column, offset: p.offset });

/** Create the from-markdown extension (pass the same options as to the syntax). */
export function shortcodeFromMarkdown(options?: ShortcodeSyntaxOptions): Extension {
  const paired = pairedPredicate(options);
  const raw = rawPredicate(options);
  return {
    enter: { shortcodeContainer: enterContainer, shortcodeTag: enterTag },
    exit: {
      shortcodeArgument: exitArgument,
      shortcodeContainer: exitContainer,
      shortcodeRawData: exitRawData,
      shortcodeTag: exitTag,
    },
  };

  function enterContainer(this: CompileContext, token: Token) {
    const node = create('', '<', 'block');
    node.paired = true;
    this.enter(node, token);
  }
  function enterTag(this: CompileContext) {
    // A buffer swallows the line endings inside a multi-line tag.
    this.buffer();
    this.data.shortcodeArguments = [];
  }
  function exitArgument(this: CompileContext, token: Token) {
    this.data.shortcodeArguments!.push({
      raw: this.sliceSerialize(token),
      position: { start: point(token.start), end: point(token.end) },
    });
  }
  function exitRawData(this: CompileContext, token: Token) {
    const node = this.stack[this.stack.length - 1] as Shortcode;
    node.inner = (node.inner ?? '') + this.sliceSerialize(token);
  }
  function exitContainer(this: CompileContext, token: Token) {
    const node = this.stack[this.stack.length - 1] as Shortcode;
    if (node.inner !== undefined) node.inner = node.inner.replace(/(\r?\n|\r)$/, '');
    if (token._shortcodeUnclosed) node.paired = false;
    this.exit(token);
  }

  function exitTag(this: CompileContext, token: Token) {
    const info = token._shortcode!;
    this.resume();
    const source = this.sliceSerialize(token);
    const parent = this.stack[this.stack.length - 1] as Parent;
    if (info.escaped) return appendText(parent, literal(source), token);
    const args = parseArguments(this.data.shortcodeArguments ?? []);
    this.data.shortcodeArguments = undefined;
    if (info.container) {
      Object.assign(parent as Shortcode, { name: info.name, delimiter: info.delimiter }, args);
      if (raw(info.name, info.delimiter)) (parent as Shortcode).inner = '';
      return;
    }
    const node = create(info.name, info.delimiter, info.flow || alone(parent, info.endsLine) ? 'block' : 'inline');
    Object.assign(node, args);
    node.position = { start: point(token.start), end: point(token.end) };
    if (info.selfClosing) node.selfClosing = true;
    if (info.error) {
      node.invalid = info.error;
      node.source = source;
    } else if (info.closing) {
      if (!info.flow && paired(info.name) && pairInline.call(this, parent, node, token)) return;
      node.closing = true;
    } else if (!info.flow && !info.selfClosing && paired(info.name)) {
      openEnds.set(node, token.end);
    }
    parent.children.push(node as Parent['children'][number]);
  }

  /** Match an inline closing tag with an open sibling; true when paired. */
  function pairInline(this: CompileContext, parent: Parent, closing: Shortcode, token: Token): boolean {
    const closingAlone = alone(parent, token._shortcode!.endsLine);
    for (let index = parent.children.length - 1; index >= 0; index--) {
      const open = parent.children[index]!;
      if (open.type !== 'shortcode' || open.paired || !openEnds.has(open)) continue;
      if (open.name !== closing.name || open.delimiter !== closing.delimiter) continue;
      const inside = parent.children.splice(index + 1);
      if (raw(open.name, open.delimiter)) open.inner = this.sliceSerialize({ start: openEnds.get(open)!, end: token.start });
      else open.children = inside as Shortcode['children'];
      openEnds.delete(open);
      open.paired = true;
      if (!closingAlone) open.form = 'inline';
      open.position!.end = point(token.end);
      return true;
    }
    return false;
  }
}

/** A tag alone on its line inside a paragraph (what comes before is known now, what follows from the tokenizer). */
function alone(parent: Parent, endsLine: boolean): boolean {
  if (!endsLine || parent.type !== 'paragraph') return false;
  const tail = parent.children[parent.children.length - 1];
  return !tail || tail.type === 'break' || (tail.type === 'text' && /(\r?\n|\r)[ \t]*$/.test(tail.value));
}

function create(name: string, delimiter: '<' | '%', form: 'block' | 'inline'): Shortcode {
  return { type: 'shortcode', name, delimiter, form, positional: [], named: Object.create(null), paired: false, children: [] };
}

/** The escape form prints the tag without its comment markers: `{{< name >}}`. */
function literal(source: string): string {
  const match = /^\{\{([<%])\s*\/\*([\s\S]*?)\*\/\s*[>%]\}\}$/.exec(source);
  if (!match) return source;
  return '{{' + match[1] + match[2] + (match[1] === '<' ? '>' : '%') + '}}';
}

/** Append literal text, merging with a text node before it (as plain data would). */
function appendText(parent: Parent, value: string, token: Token) {
  const tail = parent.children[parent.children.length - 1];
  if (tail && tail.type === 'text') {
    tail.value += value;
    tail.position!.end = point(token.end);
    return;
  }
  const node: Text = { type: 'text', value, position: { start: point(token.start), end: point(token.end) } };
  parent.children.push(node as Parent['children'][number]);
}
