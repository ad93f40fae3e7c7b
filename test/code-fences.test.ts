/**
 * Fenced code with Hugo's options and attributes after the language
 * (```` ```go {linenos=table,hl_lines=[2,"4-6"],.wide} ````), through the
 * whole Markdown pipeline: fixture folders `test/fixtures/code-fences/<case>/`
 * hold `input.md` and the expected `output.html` and `messages.txt`
 * (`UPDATE=1` rewrites them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { VFile } from 'vfile';
import { visit } from '../src/util/visit.js';
import { createMarkdownProcessor } from '../src/markdown.js';
import { mapHugoConfig } from '../src/hugo/config.js';
import { expectFixture, messagesText } from './helpers/fixtures.js';

const fixtures = path.join(import.meta.dirname, 'fixtures/code-fences');
const processor = createMarkdownProcessor();

for (const name of fs.readdirSync(fixtures).sort()) {
  test(`should render the \`${name}\` code fences`, async () => {
    const dir = path.join(fixtures, name);
    const file = new VFile({ path: 'input.md', value: fs.readFileSync(path.join(dir, 'input.md'), 'utf8') });
    const html = String(await processor.process(file));
    expectFixture(dir, { 'output.html': html + '\n', 'messages.txt': messagesText(file) });
  });
}

test('should number lines from `linenostart` and mark lines by position, as Hugo does', async () => {
  const html = String(await processor.process('```go {linenos=true,hl_lines=[1,3],linenostart=99}\na\nb\nc\n```\n'));
  const lines = [...html.matchAll(/<span class="line( highlighted)?" data-line="(\d+)">/g)].map((m) => `${m[2]}${m[1] ? '*' : ''}`);
  assert.deepEqual(lines, ['99*', '100', '101*']);
  // Numbers up to 101 are three digits wide: the theme lines them up by it.
  assert.match(html, /--line-digits:3/);
});

test('should never let a fence attribute carry script', async () => {
  const html = String(await processor.process(fs.readFileSync(path.join(fixtures, 'invalid/input.md'), 'utf8')));
  // Read back as a browser would: no handler, no script or image element, no `javascript:` URL; the values stay text.
  const elements: Element[] = [];
  visit(fromHtml(html, { fragment: true }), 'element', (node: Element) => void elements.push(node));
  assert.ok(elements.length > 0);
  for (const node of elements) {
    assert.ok(!['script', 'img'].includes(node.tagName), node.tagName);
    for (const [name, value] of Object.entries(node.properties)) {
      assert.doesNotMatch(name, /^on/i, `${node.tagName} ${name}`);
      assert.doesNotMatch(String(value), /^\s*javascript:/i, `${node.tagName} ${name}`);
    }
  }
  const titled = elements.find((node) => node.properties.title !== undefined);
  assert.equal(titled?.properties.title, '<script>alert(1)</script>');
});

test('should number every highlighted block from the site settings (Hugo `lineNos`, `lineNoStart`) unless the block says', async () => {
  const site = createMarkdownProcessor({ highlight: { lineNumbers: true, lineStart: 5 } });
  const html = String(await site.process('```go\na\nb\n```\n\n```go {linenos=false}\nc\n```\n\n```\nplain\n```\n\n{{< highlight go >}}\nd\n{{< /highlight >}}\n'));
  const blocks = html.split('</pre>').slice(0, 4);
  assert.deepEqual([...blocks[0]!.matchAll(/data-line="(\d+)"/g)].map((m) => m[1]), ['5', '6']);
  assert.doesNotMatch(blocks[1]!, /line-numbers|data-line/);
  // A fence without a language stays plain text, as in Hugo.
  assert.match(blocks[2]!, /<pre><code>plain/);
  assert.match(blocks[3]!, /class="line" data-line="5"/, 'the shortcode gets the site numbering too');
});

test('should leave fences as written with `codeFences: false`, the highlight shortcode still highlighting', async () => {
  const site = createMarkdownProcessor({ highlight: { codeFences: false } });
  const html = String(await site.process('```go {hl_lines=1}\na := 1\n```\n\n{{< highlight go >}}\nb := 2\n{{< /highlight >}}\n'));
  assert.match(html, /<pre><code class="language-go">a := 1\n<\/code><\/pre>/);
  assert.match(html, /<pre class="shiki[^"]*"[^>]*><code><span class="line">/);
});

test("should read Hugo's `markup.highlight` numbering and fence settings, reporting `guessSyntax`", () => {
  const reports: string[] = [];
  const config = mapHugoConfig({ markup: { highlight: { linenos: true, linenostart: 3, codefences: false, guesssyntax: true, style: 'monokai' } } }, (key) => reports.push(key));
  assert.deepEqual(config.highlight, { light: 'monokai', dark: 'monokai', lineNumbers: true, lineStart: 3, codeFences: false });
  assert.deepEqual(reports, ['markup.highlight.guessSyntax']);
  assert.equal(mapHugoConfig({ markup: { highlight: { linenos: false } } }, () => {}).highlight?.lineNumbers, false);
  assert.equal(mapHugoConfig({}, () => {}).highlight, undefined);
});
