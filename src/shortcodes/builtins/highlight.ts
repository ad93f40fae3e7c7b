/**
 * `{{< highlight LANG "OPTIONS" >}}code{{< /highlight >}}` (Hugo's form;
 * options `linenos`, `hl_lines`, `linenostart`), highlighted by the same
 * shiki highlighter as fenced code.
 */
import { toString } from 'mdast-util-to-string';
import type { ShortcodeContext, ShortcodeHandler } from '../types.js';
import { highlighterLoaded, highlightToHast, loadHighlighter, resolveLanguage, type HighlightOptions } from '../../highlight.js';
import { expectedValue, highlightOptionNames, readHighlightOptions } from '../../highlight-options.js';


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
  const site = ctx.options.highlight;
  const defaults: HighlightOptions = site ? { themes: { light: site.light, dark: site.dark }, lineNumbers: site.lineNumbers, lineStart: site.lineStart } : {};
  return highlightToHast(code, lang, { ...defaults, ...parseOptions(ctx, ctx.get('options', 1)) });
};
highlight.params = ['lang', 'options', ...highlightOptionNames];
highlight.paired = true;
highlight.prepare = () => (highlighterLoaded() ? undefined : loadHighlighter());

/** Hugo's option string `linenos=table,hl_lines=2 4-6,linenostart=10` (named arguments work too). */
function parseOptions(ctx: ShortcodeContext, text: string | undefined): HighlightOptions {
  const entries = new Map<string, string>();
  for (const part of (text ?? '').split(',')) {
    const [key = '', ...rest] = part.split('=');
    if (key.trim()) entries.set(key.trim().toLowerCase(), rest.join('=').trim());
  }
  for (const name of highlightOptionNames) {
    const value = ctx.get(name);
    if (value !== undefined) entries.set(name, value);
  }
  return readHighlightOptions(entries, {
    unknown: (key) =>
      ctx.report(`Unexpected \`highlight\` option \`${key}\`, expected \`linenos\`, \`hl_lines\` or \`linenostart\``, 'invalid-parameter'),
    invalid: (key, value) =>
      ctx.report(`Unexpected \`highlight\` option \`${key}=${value}\`, expected ${expectedValue[key]}; the option is left out`, 'invalid-parameter'),
  });
}
