/**
 * Highlights fenced code at build time (no client script), with the same
 * highlighter as the `highlight` shortcode: a light and a dark theme through
 * CSS variables (`--shiki-dark`).
 */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from '../util/visit.js';
import { highlighterLoaded, highlightToHast, loadHighlighter, resolveLanguage } from '../highlight.js';

/** Options of `rehypeHighlight`. */
export interface HighlightOptions {
  /** Shiki theme names. Default `github-light` / `github-dark`. */
  themes?: { light?: string; dark?: string };
}

/**
 * A rehype plugin: every `pre > code.language-*` of a known language becomes
 * highlighted hast. A tree with such code waits for the highlighter to load
 * in this thread the first time (so the transform is async then).
 */
export default function rehypeHighlight(options: HighlightOptions = {}) {
  const themes = { light: options.themes?.light ?? 'github-light', dark: options.themes?.dark ?? 'github-dark' };
  return function (tree: Root): void | Promise<void> {
    const blocks: Array<{ parent: Root | Element; index: number; code: Element; language: string }> = [];
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'pre' || !parent || index === undefined) return;
      const code = node.children[0];
      if (!code || code.type !== 'element' || code.tagName !== 'code') return;
      const classes = Array.isArray(code.properties.className) ? code.properties.className.map(String) : [];
      const lang = classes.find((c) => c.startsWith('language-'))?.slice('language-'.length);
      const language = resolveLanguage(lang);
      if (!language || language === 'text') return 'skip';
      blocks.push({ parent, index, code, language });
      return 'skip';
    });
    const apply = () => {
      for (const { parent, index, code, language } of blocks) parent.children[index] = highlightToHast(toString(code), language, { themes });
    };
    if (blocks.length === 0) return;
    if (highlighterLoaded()) return apply();
    return loadHighlighter().then(apply);
  };
}
