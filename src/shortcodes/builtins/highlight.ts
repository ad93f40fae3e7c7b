/**
 * `{{< highlight LANG "OPTIONS" >}}code{{< /highlight >}}` (Hugo's form;
 * options `linenos`, `hl_lines`, `linenostart`), highlighted by the same
 * shiki highlighter as fenced code.
 */
import { toString } from 'mdast-util-to-string';
import type { ShortcodeContext, ShortcodeHandler } from '../types.js';
import { highlighterLoaded, highlightToHast, loadHighlighter, resolveLanguage, type HighlightOptions } from '../../highlight.js';

const optionNames = ['linenos', 'hl_lines', 'linenostart', 'anchorlinenos', 'lineanchors', 'style', 'noclasses', 'hl_inline'];

/** The `highlight` shortcode. */
export const highlight: ShortcodeHandler = (node, ctx) => {
  const lang = ctx.get('lang', 0)?.trim();
  if (lang && resolveLanguage(lang) === undefined) {
    ctx.report(
      `Unexpected language \`${lang}\` in \`highlight\`, expected a language shiki knows (such as \`go\`, \`ts\`, \`yaml\`, \`text\`); shown as plain text`,
      'unknown-language',
    );
  }
  const code = (node.inner ?? toString(node)).replace(/^\r?\n/, '').replace(/\r?\n$/, '');
  const themes = ctx.options.highlight;
  return highlightToHast(code, lang, { ...(themes && { themes: { light: themes.light, dark: themes.dark } }), ...parseOptions(ctx, ctx.get('options', 1)) });
};
highlight.params = ['lang', 'options', ...optionNames];
highlight.paired = true;
highlight.prepare = () => (highlighterLoaded() ? undefined : loadHighlighter());

/** Hugo's option string `linenos=table,hl_lines=2 4-6,linenostart=10` (named arguments work too). */
function parseOptions(ctx: ShortcodeContext, text: string | undefined): HighlightOptions {
  const entries = new Map<string, string>();
  for (const part of (text ?? '').split(',')) {
    const [key = '', ...rest] = part.split('=');
    if (key.trim()) entries.set(key.trim().toLowerCase(), rest.join('=').trim());
  }
  for (const name of optionNames) {
    const value = ctx.get(name);
    if (value !== undefined) entries.set(name, value);
  }
  const options: HighlightOptions = {};
  for (const [key, value] of entries) {
    if (key === 'linenos') options.lineNumbers = !['false', '0', ''].includes(value.toLowerCase());
    else if (key === 'linenostart' && /^\d+$/.test(value)) options.lineStart = Number(value);
    else if (key === 'hl_lines') options.highlightLines = parseLines(value);
    else if (!optionNames.includes(key)) {
      ctx.report(
        `Unexpected \`highlight\` option \`${key}\`, expected \`linenos\`, \`hl_lines\` or \`linenostart\``,
        'invalid-parameter',
      );
    }
  }
  return options;
}

/** `2 4-6` or `[2, "4-6"]` → `[2, 4, 5, 6]`. */
function parseLines(value: string): number[] {
  const lines: number[] = [];
  for (const part of value.replace(/[[\]"']/g, ' ').split(/[\s,]+/)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) continue;
    const from = Number(range[1]);
    const to = Math.min(Number(range[2] ?? from), from + 10_000);
    for (let line = from; line <= to; line++) lines.push(line);
  }
  return lines;
}
