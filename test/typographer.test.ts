/**
 * The typographer (`src/typographer.ts`) against Hugo 0.111: each case of
 * test/fixtures/typographer/hugo.json (quotes, apostrophes, dashes, ellipses,
 * «», next to markup, escapes, code, autolinks, Chinese text; 400 random
 * strings of the characters that matter) renders as Goldmark renders it.
 * `UPDATE=1` records Hugo's output again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMarkdownProcessor } from '../src/markdown.js';
import { hugoCases, normalize } from './helpers/hugo-cases.js';
import { buildAndRead } from './helpers/site.js';

const fixtures = new URL('fixtures/typographer/', import.meta.url);

test('should export the plugin as the default export', async () => {
  const mod = await import('../src/typographer.js');
  assert.deepEqual(Object.keys(mod), ['default']);
});

test('should turn quotes, dashes, ellipses and «» as Hugo does, everywhere but in code, HTML and URLs', async () => {
  const processor = createMarkdownProcessor();
  const cases = hugoCases(new URL('hugo.json', fixtures).pathname);
  assert.ok(cases.length > 600);
  const wrong: string[] = [];
  for (const { input, hugo } of cases) {
    const got = normalize(String(await processor.process(input)));
    if (got !== normalize(hugo)) wrong.push(`${JSON.stringify(input)}\n  onair: ${got}\n  hugo:  ${normalize(hugo)}`);
  }
  assert.equal(wrong.join('\n'), '');
});

test('should leave text as written with `typographer: false`, as Hugo with `typographer = false`', async () => {
  const processor = createMarkdownProcessor({ typographer: false });
  const cases = hugoCases(new URL('hugo-off.json', fixtures).pathname, '[markup.goldmark.extensions]\ntypographer = false');
  assert.ok(cases.length > 0);
  for (const { input, hugo } of cases) assert.equal(normalize(String(await processor.process(input))), normalize(hugo), input);
});

test('should leave shortcode arguments, front matter and link destinations and titles alone', async () => {
  const processor = createMarkdownProcessor({ shortcodes: { unknown: 'warn' } });
  const file = await processor.process(`---\ntitle: "It's -- \\"here\\""\n---\n[a "b"](https://x.test/a--b "t's") {{< unknown "a--b" >}} it's\n\n{{% unknown %}}\nInner "quotes"\n{{% /unknown %}}\n`);
  const html = String(file);
  assert.match(html, /href="https:\/\/x\.test\/a--b" title="t&#x27;s">a “b”<\/a>/);
  assert.match(html, /\{\{&#x3C; unknown a--b >\}\}<\/code><\/span> it’s/);
  // The inner Markdown of a `{{% %}}` pair is Markdown, and Hugo typesets it.
  assert.match(html, /<p>Inner “quotes”<\/p>/);
  assert.equal(file.data.matter?.title, 'It\'s -- "here"');
});

test('should typeset the Markdown arguments Hugo renders (figure caption and attr, details summary and content), not the ones it prints as written', async () => {
  const input = '{{< figure src="a.png" caption="It\'s \\"quoted\\" -- here" title="It\'s \\"t\\" -- x" attr="Bob\'s \\"pic\\" -- x" >}}\n\n{{< figure src="b.png" caption="c" alt="It\'s \\"alt\\" -- x" >}}\n\nInline {{< details summary="It\'s -- *it*" title="It\'s" >}}"answer" -- here{{< /details >}} after.\n';
  const html = String(await createMarkdownProcessor().process(input));
  // Hugo 0.111.3: <h4>It&#39;s &#34;t&#34; -- x</h4><p>It&rsquo;s &ldquo;quoted&rdquo; &ndash; hereBob&rsquo;s &ldquo;pic&rdquo; &ndash; x</p>
  // (its alt made from the caption is the same text, entities escaped twice by plainify); a given alt stays as written.
  assert.match(html, /<img src="a\.png" alt="It’s “quoted” – here"/);
  assert.match(html, /<p class="figure-title">It's "t" -- x<\/p><p>It’s “quoted” – here Bob’s “pic” – x<\/p>/);
  assert.match(html, /<img src="b\.png" alt="It&#x27;s &#x22;alt&#x22; -- x"/);
  // Hugo 0.140's details renders summary and content with RenderString; its title is an attribute.
  assert.match(html, /<details title="It&#x27;s"><summary>It’s – <em>it<\/em><\/summary><p>“answer” – here<\/p><\/details>/);
  const off = String(await createMarkdownProcessor({ typographer: false }).process(input));
  assert.match(off, /<p>It's "quoted" -- here Bob's "pic" -- x<\/p>/);
  assert.match(off, /<summary>It's -- <em>it<\/em><\/summary><p>"answer" -- here<\/p>/);
});

test('should typeset the body, summaries and feeds but not front matter text; a Hugo config with `typographer = false` turns it off', async () => {
  const post = '---\ntitle: "It\'s \\"quoted\\" -- here"\ndate: 2024-01-01\n---\n"Body" it\'s -- a...\n\nTerm\n: Def\n';
  const built = async (config: string) => {
    const [page, home, feed] = await buildAndRead({ 'hugo.toml': `baseURL = "https://example.org/"\ntitle = "T"\n${config}`, 'content/post/a.md': post }, ['post/a/index.html', 'index.html', 'index.xml']);
    return { page: page!, home: home!, feed: feed! };
  };
  const on = await built('');
  assert.match(on.page, /<p>“Body” it’s – a…<\/p>/);
  assert.match(on.page, /<dl>\n<dt>Term<\/dt>\n<dd>Def<\/dd>\n<\/dl>/);
  // Hugo's `.Title` and `.Description` are the front matter as written; `.Summary` is rendered content.
  assert.match(on.page, /<title>It's "quoted" -- here/);
  assert.match(on.page, /<meta name="description" content="“Body” it’s – a…/);
  assert.match(on.home, /“Body” it’s – a…/);
  assert.match(on.feed, /<title>It's "quoted" -- here<\/title>/);
  assert.match(on.feed, /“Body” it’s – a…/);
  const off = await built('[markup.goldmark.extensions]\ntypographer = false\ndefinitionList = false\n');
  assert.match(off.page, /<p>"Body" it's -- a...<\/p>/);
  assert.match(off.page, /<p>Term\n: Def<\/p>/);
  assert.match(off.feed, /"Body" it's -- a.../);
  const newer = await built('[markup.goldmark.extensions.typographer]\ndisable = true\n');
  assert.match(newer.page, /<p>"Body" it's -- a...<\/p>/);
});
