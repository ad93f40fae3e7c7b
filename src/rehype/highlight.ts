/**
 * Highlights fenced code at build time with shiki (no client script), with a
 * light and a dark theme through CSS variables (`--shiki-dark`).
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { bundledLanguages, createHighlighter, type Highlighter } from 'shiki';
import { visit } from 'unist-util-visit';

/** Options of `rehypeHighlight`. */
export interface HighlightOptions {
  /** Shiki theme names. Default `github-light` / `github-dark`. */
  themes?: { light?: string; dark?: string };
}

let shared: Promise<Highlighter> | undefined;
const loading = new Map<string, Promise<void>>();

/** The shared highlighter, created on first use with the given themes. */
export function getHighlighter(themes: { light: string; dark: string }): Promise<Highlighter> {
  shared ??= createHighlighter({ themes: [themes.light, themes.dark], langs: [] });
  return shared;
}

/** Language id shiki knows for a fence's info (`js`, `yaml`…), or undefined. */
export function resolveLanguage(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  const id = lang.toLowerCase();
  return id in bundledLanguages ? id : undefined;
}

/**
 * Highlights `code` as hast `<pre>` (shiki's output with dual themes). Falls
 * back to a plain `<pre><code>` for unknown languages.
 */
export async function highlightToHast(code: string, lang: string | undefined, themes: { light?: string; dark?: string } = {}): Promise<Element> {
  const light = themes.light ?? 'github-light';
  const dark = themes.dark ?? 'github-dark';
  const id = resolveLanguage(lang);
  const plain: Element = {
    type: 'element',
    tagName: 'pre',
    properties: { className: ['code'] },
    children: [{ type: 'element', tagName: 'code', properties: lang ? { className: [`language-${lang}`] } : {}, children: [{ type: 'text', value: code }] }],
  };
  if (!id) return plain;
  const highlighter = await getHighlighter({ light, dark });
  if (!highlighter.getLoadedLanguages().includes(id)) {
    let pending = loading.get(id);
    if (!pending) {
      pending = highlighter.loadLanguage(id as keyof typeof bundledLanguages);
      loading.set(id, pending);
    }
    await pending;
  }
  const root = highlighter.codeToHast(code, { lang: id, themes: { light, dark }, defaultColor: 'light' });
  const pre = root.children.find((node): node is Element => node.type === 'element');
  if (!pre) return plain;
  pre.properties.dataLanguage = id;
  delete pre.properties.tabindex;
  pre.properties.tabIndex = 0;
  return pre;
}

/** A rehype plugin: every `pre > code.language-*` becomes highlighted hast. */
export default function rehypeHighlight(options: HighlightOptions = {}) {
  return async function (tree: Root): Promise<void> {
    const jobs: Array<{ parent: Root | Element; index: number; code: string; lang?: string }> = [];
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'pre' || !parent || index === undefined) return;
      const code = node.children[0];
      if (!code || code.type !== 'element' || code.tagName !== 'code') return;
      const classes = Array.isArray(code.properties.className) ? code.properties.className.map(String) : [];
      const lang = classes.find((c) => c.startsWith('language-'))?.slice('language-'.length);
      jobs.push({ parent, index, code: toString(code).replace(/\n$/, ''), lang });
      return 'skip';
    });
    for (const job of jobs) {
      if (!resolveLanguage(job.lang)) continue;
      job.parent.children[job.index] = (await highlightToHast(job.code, job.lang, options.themes)) as ElementContent;
    }
  };
}
