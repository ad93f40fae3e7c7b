/**
 * Expansion: each `shortcode` node gets its hast through `data.hName`,
 * `hProperties` and `hChildren` (so any remark-rehype turns it into elements
 * without raw HTML), problems become messages at their exact place, and a
 * block result in a paragraph splits the paragraph so no `<div>` lands in a
 * `<p>`, and one in a heading comes out after the heading (a `<figure>` in an
 * `<h2>` is invalid, and would put the player's words in the heading's id and
 * the table of contents). Inside emphasis or a link, the wrapper is split
 * around it first (an embed's buttons and links cannot sit in an `<a>`).
 * The node stays in the tree for later plugins.
 */
import type { ElementContent } from 'hast';
import type { Heading, Nodes, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { nearest } from '../util/nearest.js';
import { firstMixed } from './args.js';
import { printTag } from './to-markdown.js';
import { shortcodeLabels } from './labels.js';
import { isPhrasing, joinRun, splitParagraph, trimRun } from './split.js';
import type { Shortcode, ShortcodeContext, ShortcodeHandler, ShortcodeOptions } from './types.js';

const phrasingParents = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);

const blockTypes = new Set(['paragraph', 'heading', 'thematicBreak', 'blockquote', 'list', 'listItem', 'table', 'code', 'html', 'definition', 'footnoteDefinition', 'math']);

/** What `expandShortcodes` needs besides the tree and the file. */
export interface ExpandSettings {
  /** Handlers by name (built-ins merged with the user's). */
  handlers: Readonly<Record<string, ShortcodeHandler>>;
  options: Readonly<ShortcodeOptions>;
}

/** Expand every shortcode in `tree`, reporting on `file`. */
export function expandShortcodes(tree: Root, file: VFile, settings: ExpandSettings): void {
  const counters = new Map<string, number>();
  const block = new WeakSet<Shortcode>();
  const emptied = new WeakSet<Parent>();
  // Unknown names cannot be known to take inner content, so their opening tags stand alone: count them, so that their closing tags are theirs.
  const unknownOpen = new Map<string, number>();
  // Block results made in phrasing (paragraphs, headings, emphasis, links): only then are the containers above them looked at again.
  let blocksInPhrasing = 0;
  // Paired shortcodes whose inner content is blocks (the pair stands among blocks), not phrasing.
  const flowInner = new WeakSet<Shortcode>();
  const report = (reason: string, ruleId: string, place: Point | Position | undefined, fatal: boolean) => {
    const message = file.message(reason, { place, ruleId, source: 'onair' });
    message.fatal = fatal;
  };
  visitParent(tree, true);

  /** `flow`: the children of `parent` are blocks. */
  function visitParent(parent: Parent, flow: boolean) {
    const children: RootContent[] = [];
    let changed = false;
    for (const child of parent.children as RootContent[]) {
      const before = blocksInPhrasing;
      if (child.type === 'shortcode' && hasBlocks(child, flow)) flowInner.add(child);
      const inner = child.type === 'shortcode' ? flowInner.has(child) : !phrasingParents.has(child.type);
      if ('children' in child && child.children.length > 0) visitParent(child, inner);
      if (blocksInPhrasing > before && (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell')) raiseBlocks(child);
      if (child.type === 'heading' && blocksInPhrasing > before) {
        changed = true;
        children.push(...liftFromHeading(child));
      } else if (child.type === 'shortcode') {
        const replacement = expand(child, flow);
        changed ||= replacement.length !== 1 || replacement[0] !== child;
        children.push(...replacement);
      } else if (child.type === 'paragraph' && emptied.has(child)) {
        // Its shortcodes rendered nothing (`{{% comment %}}` alone on a line): no empty `<p>`.
        changed = true;
      } else if (child.type === 'paragraph' && child.children.some((node) => node.type === 'shortcode' && block.has(node))) {
        changed = true;
        children.push(...splitParagraph(child, (node) => node.type === 'shortcode' && block.has(node)));
      } else children.push(child);
    }
    if (changed) parent.children = children as Parent['children'];
    if (changed && parent.type === 'paragraph' && children.every((node) => node.type === 'text' && node.value.trim() === '')) emptied.add(parent);
  }

  /** Expand one node; `flow`: it sits among blocks, where phrasing output gets a paragraph (as Markdown gives `![]()`). */
  function expand(node: Shortcode, flow: boolean): RootContent[] {
    const place = node.position;
    if (node.invalid) {
      report(node.invalid.reason, 'invalid-shortcode', node.invalid.place, true);
      return [text(node.source ?? printTag(node), place)];
    }
    const handler = Object.hasOwn(settings.handlers, node.name) ? settings.handlers[node.name] : undefined;
    if (node.closing) {
      const key = node.delimiter + node.name;
      const open = unknownOpen.get(key) ?? 0;
      if (!handler && open > 0) {
        // Its opening tag's `unknown-shortcode` message covers it; the placeholder marks where the pair ends.
        unknownOpen.set(key, open - 1);
        return placeholder(node);
      }
      const why = handler && !handler.paired ? `: \`${node.name}\` takes no inner content, remove the closing tag` : `, expected an opening \`${printTag({ ...node, closing: false })}\` before it`;
      report(`Unexpected closing tag \`${printTag(node)}\` without an opening tag${why}`, 'invalid-shortcode', place, true);
      return [];
    }
    if (!handler) return unknown(node);
    const mixed = node.arguments && firstMixed(node.arguments);
    if (mixed) {
      const kind = mixed.name === undefined ? 'positional argument' : `named argument \`${mixed.name}\``;
      report(`Unexpected ${kind} in shortcode \`${node.name}\`, expected only positional or only named arguments (as in Hugo)`, 'mixed-shortcode-arguments', mixed.position ?? place, true);
    }
    // `{{< qr text="…" />}}`: a name that takes inner content may go without (Hugo's `.Inner` is then empty).
    if (handler.paired && !node.paired && !node.selfClosing) {
      const close = printTag({ ...node, closing: true });
      report(`Unexpected unclosed shortcode \`${node.name}\`, expected a closing \`${close}\``, 'unclosed-shortcode', place?.start, true);
    }
    if (handler.params) checkParams(node, handler.params);
    if (handler.positional) checkPositional(node, handler.positional);
    if (handler.embed) file.data.hasEmbeds = true;
    let result;
    try {
      result = handler(node, context(node));
    } catch (cause) {
      const where = `${file.path ?? 'input'}:${place?.start.line ?? 0}:${place?.start.column ?? 0}`;
      throw new Error(`Shortcode handler \`${node.name}\` failed at ${where}`, { cause });
    }
    const list = (Array.isArray(result) ? result : result ? [result] : []).filter((item) => item.type !== 'comment');
    if (list.length === 0) return [];
    const phrasing = list.every(isPhrasing);
    if (list.length === 1 && list[0]!.type === 'text' && !flow) return [text(list[0]!.value, place)];
    const single = list.length === 1 && list[0]!.type === 'element' && !(flow && phrasing) ? list[0]! : undefined;
    if (!phrasing) {
      block.add(node);
      if (!flow) blocksInPhrasing++;
    }
    node.data = single && single.type === 'element'
      ? { hName: single.tagName, hProperties: single.properties, hChildren: single.children }
      : { hName: flow && phrasing ? 'p' : phrasing ? 'span' : 'div', hProperties: {}, hChildren: list };
    return [node];
  }

  function unknown(node: Shortcode): RootContent[] {
    const warn = settings.options.unknown === 'warn';
    const known = Object.keys(settings.handlers);
    const near = nearest(node.name, known);
    const expected = near ? `\`${near}\`` : 'a known shortcode';
    const fix = (settings.options.unknownFix ?? 'register a handler for `{name}` in the `shortcodes` option').replaceAll('{name}', node.name);
    report(`Unexpected unknown shortcode \`${node.name}\`, expected ${expected}; ${fix}`, 'unknown-shortcode', node.position, !warn);
    if (!node.selfClosing) unknownOpen.set(node.delimiter + node.name, (unknownOpen.get(node.delimiter + node.name) ?? 0) + 1);
    return placeholder(node);
  }

  /** The visible stand-in for an unknown shortcode's tag. */
  function placeholder(node: Shortcode): RootContent[] {
    const tag = printTag(node);
    node.data = {
      hName: node.form === 'block' ? 'div' : 'span',
      hProperties: { className: ['onair-shortcode-unknown'], dataShortcode: node.name, title: shortcodeLabels(settings.options.language).unknownShortcode(node.name) },
      hChildren: [{ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: tag }] }],
    };
    if (node.form === 'block') {
      block.add(node);
      blocksInPhrasing++;
    }
    return [node];
  }

  /** A lifted block: a shortcode whose output cannot sit in phrasing. */
  function isBlock(node: RootContent): boolean {
    return node.type === 'shortcode' && block.has(node);
  }

  /** Brings block results nested in emphasis, strong, delete and links up to `parent`'s own children, splitting each wrapper around them. */
  function raiseBlocks(parent: Parent): void {
    if (!(parent.children as RootContent[]).some((child) => !isBlock(child) && holdsBlock(child))) return;
    const children: RootContent[] = [];
    for (const child of parent.children as RootContent[]) {
      if (isBlock(child) || !('children' in child) || !holdsBlock(child)) {
        children.push(child);
        continue;
      }
      raiseBlocks(child);
      let run: PhrasingContent[] = [];
      const flush = () => {
        // A wrapper left with nothing but space around the block (`[{{< youtube … >}}](…)`) goes.
        trimRun(run);
        if (run.length > 0) children.push({ ...child, children: run } as RootContent);
        run = [];
      };
      for (const inner of child.children as RootContent[]) {
        if (isBlock(inner)) {
          flush();
          children.push(inner);
        } else run.push(inner as PhrasingContent);
      }
      flush();
    }
    parent.children = children as Parent['children'];
  }

  function holdsBlock(node: RootContent): boolean {
    return isBlock(node) || ('children' in node && (node.children as RootContent[]).some(holdsBlock));
  }

  /** A heading without its block results, which follow it; a heading left empty goes. */
  function liftFromHeading(heading: Heading): RootContent[] {
    const blocks = heading.children.filter((node) => isBlock(node as RootContent));
    if (blocks.length === 0) return [heading];
    heading.children = joinRun(heading.children.filter((node) => !isBlock(node as RootContent)));
    const kept = heading.children.length > 0 ? [heading] : [];
    return [...kept, ...(blocks as RootContent[])];
  }

  function checkParams(node: Shortcode, params: readonly string[]) {
    for (const argument of node.arguments ?? []) {
      if (argument.name === undefined || params.includes(argument.name)) continue;
      const near = nearest(argument.name, params);
      const expected = near ? `\`${near}\`` : 'one of ' + params.map((name) => `\`${name}\``).join(', ');
      report(`Unexpected parameter \`${argument.name}\` in shortcode \`${node.name}\`, expected ${expected}`, 'unknown-shortcode-parameter', argument.position ?? node.position, false);
    }
  }

  function checkPositional(node: Shortcode, names: readonly string[]) {
    const extra = (node.arguments ?? []).filter((argument) => argument.name === undefined).slice(names.length);
    const expected = names.map((name) => `\`${name}\``).join(', ');
    for (const argument of extra) {
      report(`Unexpected positional argument \`${argument.value}\` in shortcode \`${node.name}\`, expected at most ${names.length} (${expected}) as Hugo reads them: it is ignored; name every argument to give more (\`name=value\`)`, 'unknown-shortcode-parameter', argument.position ?? node.position, false);
    }
  }

  function context(node: Shortcode): ShortcodeContext {
    return {
      file,
      options: settings.options,
      report(reason, ruleId, options) {
        report(reason, ruleId, (options?.node ?? node).position, options?.fatal === true);
      },
      get(name, position) {
        if (Object.hasOwn(node.named, name)) return node.named[name];
        return position === undefined ? undefined : node.positional[position];
      },
      uniqueId(prefix) {
        const count = (counters.get(prefix) ?? 0) + 1;
        counters.set(prefix, count);
        return `${prefix}-${count}`;
      },
      innerHast(options) {
        const flow = flowInner.has(node);
        // Phrasing content converts inside a paragraph: a root would put line endings between the nodes.
        const mdast = (flow ? { type: 'root', children: node.children } : { type: 'paragraph', children: node.children }) as Nodes;
        // Raw HTML stays raw, for the page's sanitizer (or none, with `unsafe`) as in the rest of the page.
        const hast = toHast(mdast, { allowDangerousHtml: settings.options.allowDangerousHtml === true });
        const children = (hast.type === 'root' || hast.type === 'element' ? hast.children : [hast]).filter(
          (item): item is ElementContent => item.type === 'element' || item.type === 'text' || item.type === 'raw',
        );
        const blank = children.every((item) => item.type === 'text' && item.value.trim() === '');
        return options?.block && !flow && !blank ? [{ type: 'element', tagName: 'p', properties: {}, children }] : children;
      },
      addVideo(video) {
        (file.data.embeddedVideos ??= []).push(video);
      },
    };
  }
}

/**
 * True when a paired shortcode holds blocks (a `{{% %}}` block), not phrasing
 * (an inline pair); `flow`: it stands among blocks. Raw HTML is a block only
 * there: in a pair inside a paragraph it is inline HTML.
 */
function hasBlocks(node: Shortcode, flow: boolean): boolean {
  return node.children.some((child) => (blockTypes.has(child.type) && (child.type !== 'html' || flow)) || (child.type === 'shortcode' && child.form === 'block'));
}

function text(value: string, position: Position | undefined): Text {
  return position ? { type: 'text', value, position } : { type: 'text', value };
}
