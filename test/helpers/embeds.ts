/**
 * Test helpers for the built-in shortcode handlers: a stand-in
 * `ShortcodeContext` (so handlers are tested without the syntax plugin) and a
 * minimal HTML shell that loads the embed assets.
 */
import { toHtml } from 'hast-util-to-html';
import type { ElementContent, Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import rehypeSafeHtml from '../../src/rehype/safe-html.js';
import remarkShortcodes from '../../src/shortcodes/index.js';
import type { PostMatter, VideoRef } from '../../src/types.js';
import type { Shortcode, ShortcodeContext, ShortcodeOptions } from '../../src/shortcodes/types.js';
import { builtins } from '../../src/shortcodes/builtins/index.js';

/** What `runShortcode` returns: the HTML and every message as `ruleId: reason` (`!` marks fatal). */
export interface Rendered {
  html: string;
  messages: string[];
  /** Videos the handler registered through `ctx.addVideo`. */
  videos: VideoRef[];
}

/** Extra inputs of `runShortcode`. */
export interface RunOptions {
  matter?: Partial<PostMatter>;
  options?: ShortcodeOptions;
  /** Inner text of a paired `{{< >}}` shortcode. */
  inner?: string;
  /** Shared id counter (several shortcodes on one page). */
  counter?: { n: number };
}

/** Runs built-in `name` on arguments as the plugin would hand them over. */
export function runShortcode(
  name: string,
  args: string[] | Record<string, string>,
  run: RunOptions = {},
): Rendered {
  const positional = Array.isArray(args) ? args : [];
  const named: Record<string, string> = Object.assign(Object.create(null), Array.isArray(args) ? {} : args);
  const node: Shortcode = {
    type: 'shortcode',
    name,
    delimiter: '<',
    form: 'block',
    positional,
    named,
    paired: run.inner !== undefined,
    inner: run.inner,
    children: [],
  };
  const file = new VFile({ path: 'post.md' });
  if (run.matter) file.data.matter = run.matter as PostMatter;
  const messages: string[] = [];
  const counter = run.counter ?? { n: 0 };
  const videos: VideoRef[] = [];
  // Built as a variable, not a literal, so it fits the context with or without `addVideo`.
  const base = {
    file,
    addVideo: (video: VideoRef) => void videos.push(video),
    options: run.options ?? {},
    report(reason: string, ruleId: string, options?: { fatal?: boolean }) {
      messages.push(`${options?.fatal ? '!' : ''}${ruleId}: ${reason}`);
    },
    get(key: string, position?: number) {
      if (Object.hasOwn(named, key)) return named[key];
      return position === undefined ? undefined : positional[position];
    },
    uniqueId: (prefix: string) => `${prefix}-${++counter.n}`,
    innerHast: (): ElementContent[] => [],
  };
  const ctx: ShortcodeContext = base;
  const handler = builtins[name];
  if (!handler) throw new Error(`No built-in \`${name}\``);
  const result = handler(node, ctx);
  const children = result === undefined ? [] : Array.isArray(result) ? result : [result];
  const root: Root = { type: 'root', children };
  return { html: toHtml(root), messages, videos };
}

/** Post data and plugin options for `render`. */
export interface RenderConfig {
  matter?: Partial<PostMatter>;
  options?: ShortcodeOptions;
  /** Raw HTML kept and run through onair's sanitizer (`sanitized`) or passed through (`unsafe`), as a site build does; default left out (remark-rehype's default). */
  html?: 'sanitized' | 'unsafe';
}

/**
 * Runs Markdown through the smallest pipeline the plugin supports:
 * remark-parse → shortcodes → remark-rehype → rehype-stringify (with raw
 * HTML and onair's sanitizer after remark-rehype when `html` says so). Messages read
 * `line:column error|warning reason rule-id`.
 */
export async function render(markdown: string, config: RenderConfig = {}) {
  const file = new VFile({ path: 'input.md', value: markdown });
  if (config.matter) file.data.matter = config.matter as PostMatter;
  const html = config.html !== undefined;
  await unified()
    .use(remarkParse)
    .use(remarkShortcodes, html ? { ...config.options, allowDangerousHtml: true } : config.options)
    .use(remarkRehype, { allowDangerousHtml: html })
    .use(html ? [[rehypeSafeHtml, { unsafe: config.html === 'unsafe' }]] : [])
    .use(rehypeStringify)
    .process(file);
  const messages = file.messages.map((m) => `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.reason} ${m.ruleId}`);
  const data = { hasEmbeds: file.data.hasEmbeds ?? false, embeddedVideos: file.data.embeddedVideos ?? [] };
  return { html: String(file), messages, data };
}

/** A full HTML page around `body` that loads `/assets/embed.css` and `/assets/embed.js`. */
export function embedPage(body: string, title = 'Embeds'): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <link rel="stylesheet" href="/assets/embed.css">
    <script src="/assets/embed.js" defer></script>
    <style>
      :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.6; }
      body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
    </style>
  </head>
  <body>
    <main>
      <h1>${title}</h1>
${body}
    </main>
  </body>
</html>
`;
}
