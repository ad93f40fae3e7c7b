/**
 * Highlights fenced code at build time (no client script), with the same
 * highlighter as the `highlight` shortcode: a light and a dark theme through
 * CSS variables (`--shiki-dark`). A fence may carry Hugo's options and
 * attributes after its language
 * (```` ```go {linenos=table,hl_lines=[2,"4-6"],linenostart=10,.wide,title="main.go"} ````):
 * the options number and mark lines, the attributes go on the `<pre>`.
 */
import type { Element, Properties, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import type { HighlightSettings } from '../types.js';
import { visit } from '../util/visit.js';
import { highlighterLoaded, highlightToHast, loadHighlighter, resolveLanguage, type HighlightOptions } from '../highlight.js';
import { expectedValue, highlightOptionNames, parseFenceAttributes, readHighlightOptions } from '../highlight-options.js';

/** Options of `rehypeHighlight`: the site's `highlight` settings. */
export type RehypeHighlightOptions = HighlightSettings;

/** Attributes a fence may put on its `<pre>` besides `#id` and `.class` (anything else could run script or restyle the page). */
const safeAttribute = /^(?:title|lang|dir|data-[a-z0-9_.:-]+)$/;

interface Block {
  parent: Root | Element;
  index: number;
  code: Element;
  language: string;
  options: HighlightOptions;
  properties: Properties;
}

/**
 * A rehype plugin: every `pre > code.language-*` of a known language becomes
 * highlighted hast (plain text too when its fence asks for line numbers or
 * marked lines). A tree with such code waits for the highlighter to load in
 * this thread the first time (so the transform is async then).
 */
export default function rehypeHighlight(options: RehypeHighlightOptions = {}) {
  const themes = { light: options.light ?? 'github-light', dark: options.dark ?? 'github-dark' };
  // The site's numbering, for blocks that name a language and do not say (as Hugo's `lineNos` / `lineNoStart`).
  const defaults: HighlightOptions = { lineNumbers: options.lineNumbers, lineStart: options.lineStart };
  return function (tree: Root, file: VFile): void | Promise<void> {
    // Hugo's `codeFences = false`: fences stay as written.
    if (options.codeFences === false) return;
    const blocks: Block[] = [];
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'pre' || !parent || index === undefined) return;
      const code = node.children[0];
      if (!code || code.type !== 'element' || code.tagName !== 'code') return;
      const info = fenceInfo(code);
      const fence = info.attributes === undefined ? undefined : fenceOptions(info.attributes, node, file);
      const lines: HighlightOptions = { ...(info.lang ? defaults : {}), ...fence?.options };
      const marks = lines.lineNumbers || (lines.highlightLines?.length ?? 0) > 0;
      const language = resolveLanguage(info.lang) ?? (marks ? 'text' : undefined);
      if (!language || (language === 'text' && !marks)) {
        if (fence) addProperties(node, fence.properties);
        return 'skip';
      }
      blocks.push({ parent, index, code, language, options: lines, properties: fence?.properties ?? {} });
      return 'skip';
    });
    const apply = () => {
      for (const { parent, index, code, language, options: lines, properties } of blocks) {
        const pre = highlightToHast(toString(code), language, { themes, ...lines });
        addProperties(pre, properties);
        pre.position = parent.children[index]!.position;
        parent.children[index] = pre;
      }
    };
    if (blocks.length === 0) return;
    if (highlighterLoaded()) return apply();
    return loadHighlighter().then(apply);
  };
}

/** The options and `<pre>` properties of a fence's `{…}`; what cannot be used is reported and left out. */
function fenceOptions(meta: string, pre: Element, file: VFile): { options: HighlightOptions; properties: Properties } {
  const warn = (reason: string) => file.message(reason, { place: pre.position, ruleId: 'code-fence-option', source: 'onair' });
  const parsed = parseFenceAttributes(meta);
  if ('error' in parsed) {
    warn(`Unexpected code fence attributes \`${shorten(meta.trim())}\`: ${parsed.error}; write them as \`{linenos=true, hl_lines=[2, "4-6"], title="main.go"}\`. They are left out`);
    return { options: {}, properties: {} };
  }
  const properties: Properties = {};
  if (parsed.id) properties.id = parsed.id;
  if (parsed.classes.length > 0) properties.className = parsed.classes;
  const options = readHighlightOptions(
    parsed.pairs.filter(([key]) => highlightOptionNames.includes(key)),
    {
      unknown: () => {},
      invalid: (key, value) => warn(`Unexpected code fence option \`${key}=${shorten(value)}\`, expected ${expectedValue[key]}; the option is left out`),
    },
  );
  for (const [key, value] of parsed.pairs) {
    if (highlightOptionNames.includes(key)) continue;
    if (key === 'id') properties.id = value;
    else if (key === 'class') properties.className = [...((properties.className as string[] | undefined) ?? []), ...value.split(/\s+/).filter(Boolean)];
    else if (safeAttribute.test(key)) properties[key] = value;
    else {
      warn(
        `Unexpected code fence attribute \`${key}\`, expected a highlight option (\`linenos\`, \`hl_lines\`, \`linenostart\`), \`#id\`, \`.class\`, \`title\`, \`lang\`, \`dir\` or \`data-*\`; it is left out`,
      );
    }
  }
  return { options, properties };
}

/**
 * The language and the `{…}` of a fence as Goldmark reads its info string:
 * the attributes start at its first `{` (```` ```go{linenos=true} ```` too),
 * and a fence with only attributes has no language. The code's
 * `language-*` class is set to the language alone.
 */
function fenceInfo(code: Element): { lang?: string; attributes?: string } {
  const classes = Array.isArray(code.properties.className) ? code.properties.className.map(String) : [];
  const at = classes.findIndex((c) => c.startsWith('language-'));
  const first = at < 0 ? '' : classes[at]!.slice('language-'.length);
  const meta = (code.data as { meta?: unknown } | undefined)?.meta;
  const info = typeof meta === 'string' && meta.trim() !== '' ? `${first} ${meta.trim()}` : first;
  const brace = info.indexOf('{');
  if (brace < 0) return { lang: first || undefined };
  const lang = info.slice(0, brace).trim();
  if (lang !== first) code.properties.className = lang ? classes.with(at, `language-${lang}`) : classes.filter((_, i) => i !== at);
  return { lang: lang || undefined, attributes: info.slice(brace) };
}

/** Sets a fence's properties on `pre`, its classes after those `pre` has (shiki writes them as `class`). */
function addProperties(pre: Element, properties: Properties): void {
  const { className: added, ...rest } = properties;
  Object.assign(pre.properties, rest);
  if (!Array.isArray(added) || added.length === 0) return;
  const key = pre.properties.class === undefined ? 'className' : 'class';
  const own = pre.properties[key];
  const classes = Array.isArray(own) ? own.map(String) : typeof own === 'string' ? own.split(/\s+/).filter(Boolean) : [];
  const merged = [...new Set([...classes, ...added.map(String)])];
  if (key === 'class') pre.properties.class = merged.join(' ');
  else pre.properties.className = merged;
}

function shorten(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
