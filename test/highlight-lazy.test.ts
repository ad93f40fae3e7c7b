/**
 * The highlighter (shiki's WASM regex engine, ~18 MB and 150-190 ms a
 * thread) loads when a page first has code, not when onair is imported:
 * each check runs in a fresh process, where nothing has loaded it yet.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const repo = new URL('..', import.meta.url).pathname;

/** Runs an ES module script from source in a fresh Node process, returning what it prints. */
function fresh(script: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8' });
}

test('should load the highlighter only when a page has code, in the site pipeline', () => {
  const out = fresh(`
    import { createMarkdownProcessor } from './src/markdown.ts';
    import { highlighterLoaded } from './src/highlight.ts';
    const processor = createMarkdownProcessor();
    const plain = String(await processor.process('# Interview\\n\\nAlice: hello.\\n\\n\\u0060\\u0060\\u0060text\\nplain\\n\\u0060\\u0060\\u0060\\n'));
    console.log(JSON.stringify({ loaded: highlighterLoaded(), plain }));
    const code = String(await processor.process('\\u0060\\u0060\\u0060go\\nfunc main() {}\\n\\u0060\\u0060\\u0060\\n'));
    console.log(JSON.stringify({ loaded: highlighterLoaded(), code }));
  `);
  const [before, after] = out.trim().split('\n').map((line) => JSON.parse(line) as { loaded: boolean; plain?: string; code?: string });
  assert.equal(before!.loaded, false, 'a page without code loads no highlighter');
  assert.match(before!.plain!, /<pre><code class="language-text">plain\n<\/code><\/pre>/);
  assert.equal(after!.loaded, true);
  assert.match(after!.code!, /<pre class="shiki shiki-themes github-light github-dark"[^>]*data-language="go"/);
  assert.match(after!.code!, /<span style="color:#D73A49;--shiki-dark:#F97583">func<\/span>/);
});

test('should wait for the highlighter in a plain unified pipeline that uses the highlight shortcode', () => {
  const out = fresh(`
    import { unified } from 'unified';
    import remarkParse from 'remark-parse';
    import remarkRehype from 'remark-rehype';
    import rehypeStringify from 'rehype-stringify';
    import remarkShortcodes from './src/shortcodes/index.ts';
    import { highlighterLoaded } from './src/highlight.ts';
    const processor = unified().use(remarkParse).use(remarkShortcodes).use(remarkRehype).use(rehypeStringify);
    const video = String(processor.processSync('{{< youtube JtD5wL5WABI >}}\\n'));
    const code = String(await processor.process('{{< highlight go "linenos=table" >}}\\nfunc main() {}\\n{{< /highlight >}}\\n'));
    console.log(JSON.stringify({ sync: video.includes('JtD5wL5WABI'), loaded: highlighterLoaded(), code }));
  `);
  const result = JSON.parse(out) as { sync: boolean; loaded: boolean; code: string };
  assert.equal(result.sync, true, 'a tree that needs no highlighter still expands synchronously (processSync)');
  assert.equal(result.loaded, true);
  assert.match(result.code, /<pre class="shiki shiki-themes github-light github-dark line-numbers"/);
  assert.match(result.code, /data-line="1"/);
});

test('should give the highlight shortcode the themes fenced code gets (a Hugo site with markup.highlight.style)', async () => {
  const { createMarkdownProcessor } = await import('../src/markdown.js');
  const processor = createMarkdownProcessor({ highlight: { light: 'monokai', dark: 'monokai' } });
  const html = String(await processor.process('```go\nfunc a() {}\n```\n\n{{< highlight go >}}\nfunc b() {}\n{{< /highlight >}}\n'));
  const themes = [...html.matchAll(/<pre class="shiki shiki-themes ([\w-]+ [\w-]+)/g)].map((m) => m[1]);
  assert.deepEqual(themes, ['monokai monokai', 'monokai monokai']);
  // Shortcode options that name their own themes win.
  const own = createMarkdownProcessor({ highlight: { light: 'monokai', dark: 'monokai' }, shortcodes: { highlight: { light: 'github-light', dark: 'github-dark' } } });
  assert.match(String(await own.process('{{< highlight go >}}\nfunc b() {}\n{{< /highlight >}}\n')), /shiki-themes github-light github-dark/);
});
