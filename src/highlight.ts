/**
 * Syntax highlighting with shiki, shared by fenced code and the `highlight`
 * shortcode: one highlighter per process, created on first use, dual
 * light/dark themes through CSS variables, grammars loaded on demand from the
 * installed package (never the network), unknown languages as plain text.
 */
import { createRequire } from 'node:module';
import type { Element, Root } from 'hast';
import type { HighlighterCore, RegexEngine, ShikiTransformer } from 'shiki/core';

// Node >= 20.19 loads ES modules through `require`: shiki loads synchronously
// on the first highlighted block (not when this module is imported), and each
// grammar only when a page uses it.
const require = createRequire(import.meta.url);

// The Oniguruma (WASM) engine, loaded once per thread: the JavaScript regex
// engine tokenized bash differently from one run to the next. Loaded when a
// page first has code to highlight (`loadHighlighter`), not at import: it
// costs a thread about 18 MB and 150-190 ms, and interview sites often have
// no code at all.
let engine: RegexEngine | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the highlighter's regex engine in this thread (once; later calls
 * return the same promise). `highlightToHast` needs it: the Markdown
 * pipeline and the `highlight` shortcode call this when a tree has code.
 */
export function loadHighlighter(): Promise<void> {
  return (loading ??= (async () => {
    const { createOnigurumaEngine } = await import('shiki/engine/oniguruma');
    engine = await createOnigurumaEngine(import('shiki/wasm'));
  })());
}

/** Whether `highlightToHast` can run in this thread now (see `loadHighlighter`). */
export function highlighterLoaded(): boolean {
  return engine !== undefined;
}

/** Options of `highlightToHast`. */
export interface HighlightOptions {
  /** Shiki theme names. Default `{light: 'github-light', dark: 'github-dark'}`. */
  themes?: { light: string; dark: string };
  /** Number the lines (Hugo's `linenos`). Default false. */
  lineNumbers?: boolean;
  /** Number of the first line. Default 1. */
  lineStart?: number;
  /** 1-based lines to mark (Hugo's `hl_lines`), counted from the first line of `code`. */
  highlightLines?: readonly number[];
}

const plain = new Set(['', 'text', 'txt', 'plain', 'plaintext']);
let languageIds: Map<string, string> | undefined;
/** One highlighter per grammar: a grammar's output can depend on which others are loaded, and pages must not depend on build order. */
const highlighters = new Map<string, HighlighterCore>();

/** The grammar id of `lang` (`js` → `javascript`), `text` for plain, `undefined` when unknown. */
export function resolveLanguage(lang: string | undefined): string | undefined {
  const name = (lang ?? '').trim().toLowerCase();
  if (plain.has(name)) return 'text';
  if (!languageIds) {
    languageIds = new Map();
    const { bundledLanguagesInfo } = require('shiki/langs') as typeof import('shiki/langs');
    for (const info of bundledLanguagesInfo) {
      languageIds.set(info.id, info.id);
      for (const alias of info.aliases ?? []) languageIds.set(alias, info.id);
    }
  }
  return languageIds.get(name);
}

function getHighlighter(language: string): HighlighterCore {
  let highlighter = highlighters.get(language);
  if (highlighter) return highlighter;
  if (!engine) throw new Error('The highlighter is not loaded in this thread: `await loadHighlighter()` before `highlightToHast`');
  const { createHighlighterCoreSync } = require('shiki/core') as typeof import('shiki/core');
  highlighter = createHighlighterCoreSync({
    // Fresh copies: shiki normalizes theme objects in place, and a theme shared by two highlighters loses its colours.
    themes: [structuredClone(require('shiki/themes/github-light.mjs').default), structuredClone(require('shiki/themes/github-dark.mjs').default)],
    langs: [],
    engine,
  });
  highlighters.set(language, highlighter);
  return highlighter;
}

function ensureTheme(hl: HighlighterCore, name: string): void {
  if (hl.getLoadedThemes().includes(name)) return;
  const { bundledThemesInfo } = require('shiki/themes') as typeof import('shiki/themes');
  if (!bundledThemesInfo.some((info) => info.id === name)) {
    throw new Error(`Unknown highlight theme \`${name}\`, expected a shiki theme such as \`github-light\``);
  }
  hl.loadThemeSync(structuredClone(require(`shiki/themes/${name}.mjs`).default));
}

function ensureLanguage(hl: HighlighterCore, id: string): void {
  if (id === 'text' || hl.getLoadedLanguages().includes(id)) return;
  hl.loadLanguageSync(require(`shiki/langs/${id}.mjs`).default);
}

// Tokenizing is the cost (milliseconds a block, two themes), and sites
// repeat snippets (install commands, config files): recent results are
// kept per thread, by language, options and code.
const recent = new Map<string, Element>();
const recentSize = 256;

/**
 * Highlights `code` as `lang` into a `<pre class="shiki">` element (colors
 * for the light theme inline, the dark theme as `--shiki-dark` variables).
 * An unknown `lang` yields plain text (check with `resolveLanguage` to warn).
 * Needs `await loadHighlighter()` once in the thread first.
 */
export function highlightToHast(code: string, lang: string | undefined, options: HighlightOptions = {}): Element {
  const themes = options.themes ?? { light: 'github-light', dark: 'github-dark' };
  const language = resolveLanguage(lang) ?? 'text';
  const key = JSON.stringify([language, themes, options.lineNumbers, options.lineStart, options.highlightLines, code]);
  let pre = recent.get(key);
  if (pre) {
    // Most recently used last: the oldest goes first when full.
    recent.delete(key);
  } else {
    pre = highlight(code, language, themes, options);
    if (recent.size >= recentSize) recent.delete(recent.keys().next().value!);
  }
  recent.set(key, pre);
  // Callers own (and may change) what they get.
  return structuredClone(pre);
}

function highlight(code: string, language: string, themes: { light: string; dark: string }, options: HighlightOptions): Element {
  const hl = getHighlighter(language);
  ensureTheme(hl, themes.light);
  ensureTheme(hl, themes.dark);
  ensureLanguage(hl, language);
  const root: Root = hl.codeToHast(code.replace(/\n$/, ''), {
    lang: language,
    themes,
    defaultColor: 'light',
    // No per-line time limit: on a busy machine the first line of a fresh
    // grammar took over shiki's default 500 ms and came out half-coloured.
    tokenizeTimeLimit: 0,
    transformers: [lines(options)],
  });
  const pre = root.children.find((child): child is Element => child.type === 'element');
  if (!pre) throw new Error('shiki returned no `<pre>`');
  if (language !== 'text') pre.properties.dataLanguage = language;
  return pre;
}

/** Marks numbered and highlighted lines with attributes themes can style. */
function lines(options: HighlightOptions): ShikiTransformer {
  const marked = new Set(options.highlightLines ?? []);
  const start = options.lineStart ?? 1;
  return {
    pre(node) {
      if (!options.lineNumbers) return;
      this.addClassToHast(node, 'line-numbers');
      // The width of the widest number, so that the numbers line up (the theme reads it).
      const digits = String(start + this.lines.length - 1).length;
      node.properties.style = [node.properties.style, `--line-digits:${digits}`].filter(Boolean).join(';');
    },
    line(node, line) {
      if (options.lineNumbers) node.properties.dataLine = String(start + line - 1);
      if (marked.has(line)) this.addClassToHast(node, 'highlighted');
    },
  };
}

