/**
 * A theme's shortcode as a plain HTML file with Hugo's common placeholders
 * (`{{ .Get 0 }}`, `{{ .Get "name" }}`, `{{ .Inner }}`, `{{ with .Get "x" }}
 * … {{ . }} … {{ end }}`, `{{ if }}`/`{{ else }}`, pipes `default`,
 * `markdownify`, `lower`, `upper`): best effort, and escaped by construction.
 * The file is parsed into hast once (actions swapped for inert markers so
 * quotes inside them cannot break attributes); each use substitutes text and
 * attribute values and never builds HTML from strings.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { toHast } from 'mdast-util-to-hast';
import type { Shortcode, ShortcodeContext, ShortcodeHandler } from '../types.js';
import { parseArgument } from './inline.js';
import { lookup } from './param.js';
import { safeUrl } from './url.js';

/** A value in the template: text, HTML (a `{{< >}}` `.Inner`, which Hugo inserts as HTML), or hast (`{{% %}}` `.Inner`, `markdownify`). */
type Value = string | { html: string } | { hast: ElementContent[] };

const marker = /\uE000(\d+)\uE001/g;
const urlProps = new Set(['href', 'src', 'cite', 'action', 'formAction', 'poster', 'srcSet', 'data', 'background']);

/** Compiles the HTML of `templates/shortcodes/NAME.html` into a handler. */
export function htmlTemplateShortcode(name: string, source: string): ShortcodeHandler {
  const actions: string[] = [];
  const prepared = source
    .replace(/\s*\{\{-\s/g, '{{ ')
    .replace(/\s-\}\}\s*/g, ' }}')
    .replace(/\{\{\s*([\s\S]*?)\s*\}\}/g, (_, action: string) => `\uE000${actions.push(action.trim()) - 1}\uE001`);
  const tree: Root = fromHtml(prepared, { fragment: true });
  const handler: ShortcodeHandler = (node, ctx) => {
    const env = new Env(name, node, ctx, actions);
    // Blank lines around the markup in the file are not content.
    return env.children(tree.children, '').filter((n) => n.type !== 'text' || n.value.trim() !== '');
  };
  handler.paired = actions.some((a) => /(^|[\s(|])\.Inner\b/.test(a));
  return handler;
}

/** One use of the template. */
class Env {
  private readonly reported = new Set<string>();
  constructor(
    readonly name: string,
    readonly node: Shortcode,
    readonly ctx: ShortcodeContext,
    readonly actions: readonly string[],
  ) {}

  /** Renders sibling nodes; `with`/`if` blocks may span them. */
  children(nodes: readonly RootContent[], dot: Value): ElementContent[] {
    const out: ElementContent[] = [];
    const blocks = new Blocks(dot);
    for (const child of nodes) {
      if (child.type === 'text') {
        for (const part of child.value.split(marker).map((p, i) => (i % 2 ? Number(p) : p))) {
          if (typeof part === 'string') {
            if (part && blocks.active) out.push({ type: 'text', value: part });
          } else if (!blocks.control(this.actions[part]!, (expr) => this.evaluate(expr, blocks.dot)) && blocks.active) {
            out.push(...asNodes(this.evaluate(this.actions[part]!, blocks.dot)));
          }
        }
      } else if (child.type === 'element' && blocks.active) out.push(this.element(child, blocks.dot));
    }
    return out;
  }

  private element(node: Element, dot: Value): Element {
    const properties: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(node.properties)) {
      if (raw === null || raw === undefined || raw === false) continue;
      const text = Array.isArray(raw) ? raw.join(' ') : String(raw);
      let value: unknown = raw === true ? true : text.includes('\uE000') ? this.string(text, dot) : text;
      if (urlProps.has(key) && typeof value === 'string' && safeUrl(value, key === 'src' || key === 'srcSet' || key === 'poster' ? 'image' : 'link') === undefined) {
        if (value !== '') this.warn(`Unexpected unsafe URL \`${value}\` in \`${key}\` of shortcode \`${this.name}\`, expected an \`https:\` or relative URL; the attribute was dropped`, 'unsafe-url');
        value = undefined;
      }
      if (value !== undefined && value !== '') properties[key] = value;
    }
    // Script and style bodies are copied, never filled: a value there would be code.
    const inner = node.tagName === 'script' || node.tagName === 'style' ? node.children : this.children(node.content?.children ?? node.children, dot);
    return h(node.tagName, properties as Record<string, string>, inner);
  }

  /** An attribute value with its actions substituted (hast values as their text). */
  private string(text: string, dot: Value): string {
    let out = '';
    const blocks = new Blocks(dot);
    for (const [i, part] of text.split(marker).entries()) {
      if (i % 2 === 0) {
        if (blocks.active) out += part;
        continue;
      }
      const action = this.actions[Number(part)]!;
      if (!blocks.control(action, (expr) => this.evaluate(expr, blocks.dot)) && blocks.active) {
        out += textOf(this.evaluate(action, blocks.dot));
      }
    }
    return out.trim();
  }

  /** Evaluates a pipeline (`.Get "x" | default "y" | markdownify`). */
  evaluate(action: string, dot: Value): Value {
    const [head, ...pipes] = action.split('|').map((s) => s.trim());
    let value = this.term(head!, dot, action);
    for (const pipe of pipes) {
      const [fn, ...args] = pipe.split(/\s+/);
      const arg = unquote(args.join(' '));
      if (fn === 'default') value = isEmpty(value) ? (arg ?? '') : value;
      else if (fn === 'markdownify') value = typeof value !== 'string' && 'hast' in value ? value : { hast: this.markdownify(textOf(value)) };
      else if (fn === 'lower' || fn === 'upper') value = typeof value === 'string' ? (fn === 'lower' ? value.toLowerCase() : value.toUpperCase()) : value;
      else if (fn === 'plainify') value = textOf(value);
      else if (fn !== 'safeHTML' && fn !== 'safeHTMLAttr' && fn !== 'htmlUnescape' && fn !== 'safeURL') this.unsupported(action);
    }
    return value;
  }

  private term(term: string, dot: Value, action: string): Value {
    const get = /^\$?\.Get\s+(?:(\d+)|"([^"]*)"|`([^`]*)`)$/.exec(term);
    if (get) return (get[1] !== undefined ? this.node.positional[Number(get[1])] : this.node.named[get[2] ?? get[3]!]) ?? '';
    if (term === '.') return dot;
    if (term === '.Inner' || term === '$.Inner') return this.inner();
    const literal = unquote(term);
    if (literal !== undefined) return literal;
    const matter = this.ctx.file.data.matter;
    const path = /^\$?\.(Page|Site)\.(?:(Params)\.)?([\w.]+)$/.exec(term);
    if (path) {
      const [, scope, params, key] = path;
      const source = scope === 'Site' ? (params ? this.ctx.options.params : undefined) : params ? matter?.params : matter;
      const value = lookup(source, key!);
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      if (value === undefined) return '';
    }
    this.unsupported(action);
    return '';
  }

  private inner(): Value {
    if (this.node.delimiter === '%') return { hast: this.ctx.innerHast() };
    const inner = (this.node.inner ?? '').trim();
    return this.ctx.options.allowDangerousHtml ? { html: inner } : inner;
  }

  /** Markdown to hast, raw HTML as in inner Markdown; a single paragraph is unwrapped (as Hugo's `markdownify`). */
  private markdownify(text: string): ElementContent[] {
    const hast = toHast(parseArgument(text, this.ctx), { allowDangerousHtml: this.ctx.options.allowDangerousHtml === true }) as Root;
    const children = hast.children.filter((n): n is ElementContent => n.type === 'element' || n.type === 'raw' || (n.type === 'text' && n.value.trim() !== ''));
    if (children.length === 1 && children[0]!.type === 'element' && children[0]!.tagName === 'p') return children[0]!.children;
    return children;
  }

  private unsupported(action: string): void {
    this.warn(`Unexpected template action \`{{ ${action} }}\` in shortcode \`${this.name}\`, expected \`.Get\`, \`.Inner\`, \`with\`, \`if\`, \`else\`, \`end\`, \`default\` or \`markdownify\`: it renders as nothing; write \`templates/shortcodes/${this.name}.tsx\` for more`, 'unsupported-template-action');
  }

  private warn(reason: string, ruleId: string): void {
    if (this.reported.has(reason)) return;
    this.reported.add(reason);
    this.ctx.report(reason, ruleId);
  }
}

/** The `with`/`if`/`else`/`end` stack of one run of siblings (or one attribute). */
class Blocks {
  private readonly stack: Array<{ active: boolean; dot: Value; taken: boolean }> = [];
  active = true;
  constructor(public dot: Value) {}

  /** Applies a control action; false when `action` is not one. */
  control(action: string, evaluate: (expr: string) => Value): boolean {
    const open = /^(with|if)\s+(.+)$/.exec(action);
    if (open) {
      const value = this.active ? evaluate(open[2]!) : '';
      const taken = !isEmpty(value);
      this.stack.push({ active: this.active, dot: this.dot, taken });
      this.active &&= taken;
      if (open[1] === 'with' && taken) this.dot = value;
      return true;
    }
    const frame = this.stack.at(-1);
    if (action === 'else' && frame) {
      this.active = frame.active && !frame.taken;
      this.dot = frame.dot;
      return true;
    }
    if (action === 'end' && frame) {
      this.stack.pop();
      this.active = frame.active;
      this.dot = frame.dot;
      return true;
    }
    return action.startsWith('/*');
  }
}

function isEmpty(value: Value): boolean {
  return typeof value === 'string' ? value === '' : 'html' in value ? value.html === '' : value.hast.length === 0;
}

/** A value as text: HTML as written (Hugo puts it in an attribute as such), hast as its text. */
function textOf(value: Value): string {
  return typeof value === 'string' ? value : 'html' in value ? value.html : toString({ type: 'root', children: value.hast });
}

function asNodes(value: Value): ElementContent[] {
  if (typeof value === 'string') return value === '' ? [] : [{ type: 'text', value }];
  // Raw, for the page's sanitizer as any raw HTML in the page.
  if ('html' in value) return value.html === '' ? [] : [{ type: 'raw', value: value.html }];
  return value.hast;
}

function unquote(text: string): string | undefined {
  const match = /^"((?:[^"\\]|\\.)*)"$|^`([^`]*)`$/.exec(text.trim());
  return match ? (match[1]?.replace(/\\(.)/g, '$1') ?? match[2]) : undefined;
}
