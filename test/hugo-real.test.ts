/**
 * What real Hugo blogs (PaperMod, Stack, quick start) write and expect, found
 * by building recreations of such blogs with onair and with Hugo: heading ids
 * written `{#id}`, weighted pages listed first, summaries of whole
 * paragraphs, Hugo's built-in `gist` and `instagram`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import { createMarkdownProcessor } from '../src/markdown.js';
import { build } from '../src/build.js';
import { makeSite } from './helpers/site.js';

/** Markdown → HTML body and messages. */
async function render(markdown: string) {
  const processor = createMarkdownProcessor({});
  const file = new VFile({ path: 'content/posts/here.md', value: `---\ntitle: T\n---\n${markdown}` });
  const tree = await processor.run(processor.parse(file), file);
  return { html: toHtml(tree as never), toc: file.data.toc, messages: file.messages.map((m) => `${m.ruleId}${m.fatal ? '!' : ''}: ${m.reason}`) };
}

test('should take a heading id written `{#id}` (Hugo attribute syntax), as the TOC and links do', async () => {
  const { html, messages } = await render('## Details {#custom-details}\n\n## 标题 {#heading-one .wide}\n\n## Plain *one* {#x-1}\n\n## Not {an id}\n\n## Details\n\n### `code {#kept}`\n');
  assert.equal(
    html,
    [
      '<h2 id="custom-details">Details</h2>',
      '<h2 id="heading-one" class="wide">标题</h2>',
      '<h2 id="x-1">Plain <em>one</em></h2>',
      '<h2 id="not-an-id">Not {an id}</h2>',
      '<h2 id="details">Details</h2>',
      '<h3 id="code-kept"><code>code {#kept}</code></h3>'
    ].join('\n')
  );
  assert.deepEqual(messages, []);
  const withToc = await render('## Details {#custom}\n\ntext\n');
  assert.deepEqual(withToc.toc, [{ depth: 2, id: 'custom', text: 'Details', children: [] }]);
});

test('should list weighted pages first, by weight, then the others newest first (Hugo default order); the archive stays by date', async () => {
  const post = (title: string, date: string, weight?: number) => `---\ntitle: ${title}\ndate: ${date}\ntags: [t]\n${weight === undefined ? '' : `weight: ${weight}\n`}---\nText of ${title}.\n`;
  const root = makeSite({
    'content/posts/a.md': post('Alpha', '2024-01-01'),
    'content/posts/b.md': post('Bravo', '2023-01-01', 2),
    'content/posts/c.md': post('Charlie', '2022-01-01', 1),
    'content/posts/d.md': post('Delta', '2021-01-01', -1),
    'content/posts/e.md': post('Echo', '2025-01-01')
  });
  try {
    const out = path.join(root, 'public');
    const result = await build({ root, out, search: false, cache: false, threads: 0 });
    assert.equal(result.ok, true);
    const titles = (file: string) => [...fs.readFileSync(path.join(out, file), 'utf8').matchAll(/<a href="\/posts\/[a-e]\/">(\w+)<\/a>/g)].map((m) => m[1]);
    const hugoOrder = ['Delta', 'Charlie', 'Bravo', 'Echo', 'Alpha'];
    assert.deepEqual(titles('index.html'), hugoOrder);
    assert.deepEqual(titles('posts/index.html'), hugoOrder);
    assert.deepEqual(titles('tags/t/index.html'), hugoOrder);
    assert.deepEqual(titles('archive/index.html'), ['Echo', 'Alpha', 'Bravo', 'Charlie', 'Delta']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("should take a post's image from Hugo's `images` or PaperMod's `cover.image` when it has no `image`", async () => {
  const root = makeSite({
    'hugo.toml': 'baseURL = "https://example.org/blog/"\ntitle = "T"\n',
    'content/posts/cover/index.md': '---\ntitle: Cover\ndate: 2024-01-01\ncover:\n  image: "cover.png"\n  alt: "A cover"\n---\nText.\n',
    'content/posts/cover/cover.png': 'png',
    'content/posts/images.md': '+++\ntitle = "Images"\ndate = 2024-01-02\nimages = ["https://cdn.example.org/og.png", "second.png"]\n[cover]\nimage = "ignored.png"\n+++\nText.\n',
    'content/posts/both.md': '---\ntitle: Both\ndate: 2024-01-03\nimage: /img/own.png\nimages: [other.png]\n---\nText.\n',
    'content/posts/unsafe.md': '---\ntitle: Unsafe\ndate: 2024-01-04\ncover:\n  image: "javascript:alert(1)"\n---\nText.\n'
  });
  try {
    const out = path.join(root, 'public');
    const result = await build({ root, out, search: false, cache: false, threads: 0 });
    assert.equal(result.ok, true);
    const ogImage = (file: string) => /<meta property="og:image" content="([^"]*)"/.exec(fs.readFileSync(path.join(out, file), 'utf8'))?.[1];
    assert.equal(ogImage('posts/cover/index.html'), 'https://example.org/blog/posts/cover/cover.png');
    assert.equal(ogImage('posts/images/index.html'), 'https://cdn.example.org/og.png');
    assert.equal(ogImage('posts/both/index.html'), 'https://example.org/blog/img/own.png');
    assert.equal(ogImage('posts/unsafe/index.html'), undefined);
    const unsafe = result.files.find((f) => f.path.endsWith('unsafe.md'))!;
    assert.deepEqual(unsafe.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`), ['5:10 unsafe-url']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("should show Hugo's built-in gist and instagram as link cards without a request, and report bad ids", async () => {
  const { html, messages } = await render('{{< gist spf13 7896402 >}}\n\n{{< gist spf13 7896402 "img.html" >}}\n\n{{< instagram BWNjjyYFxVx >}}\n\n{{< instagram BWNjjyYFxVx hidecaption >}}\n\n{{< gist "a b" 12 >}}\n\n{{< instagram "x/y" >}}\n');
  assert.equal(
    html,
    [
      '<figure class="onair-link-card onair-gist"><blockquote cite="https://gist.github.com/spf13/7896402"><p>A gist by spf13 on GitHub</p></blockquote><figcaption><a href="https://gist.github.com/spf13/7896402" rel="noopener">View the gist on GitHub</a></figcaption></figure>',
      '<figure class="onair-link-card onair-gist"><blockquote cite="https://gist.github.com/spf13/7896402#file-img-html"><p>img.html, a gist by spf13 on GitHub</p></blockquote><figcaption><a href="https://gist.github.com/spf13/7896402#file-img-html" rel="noopener">View the gist on GitHub</a></figcaption></figure>',
      '<figure class="onair-link-card onair-instagram"><blockquote cite="https://www.instagram.com/p/BWNjjyYFxVx/"><p>A post on Instagram</p></blockquote><figcaption><a href="https://www.instagram.com/p/BWNjjyYFxVx/" rel="noopener">View the post on Instagram</a></figcaption></figure>',
      '<figure class="onair-link-card onair-instagram"><blockquote cite="https://www.instagram.com/p/BWNjjyYFxVx/"><p>A post on Instagram</p></blockquote><figcaption><a href="https://www.instagram.com/p/BWNjjyYFxVx/" rel="noopener">View the post on Instagram</a></figcaption></figure>',
    ].join('\n')
  );
  assert.deepEqual(messages, [
    'invalid-post-id!: Unexpected gist `a b/12` in `gist`, expected a GitHub user and the gist id from its URL: `{{< gist user 7896402 >}}`',
    'invalid-post-id!: Unexpected post id `x/y` in `instagram`, expected the id from the post URL (`https://www.instagram.com/p/ID/`): `{{< instagram BWNjjyYFxVx >}}`'
  ]);
});

test('should make no page of a headless bundle or a page with `_build`/`build` `render: never` (as Hugo)', async () => {
  const root = makeSite({
    'content/posts/a.md': '---\ntitle: Alpha\ndate: 2024-01-01\n---\nText.\n',
    'content/posts/headless/index.md': '---\ntitle: Headless\nheadless: true\n---\n',
    'content/posts/headless/pic.png': 'png',
    'content/posts/hidden.md': '---\ntitle: Hidden\ndate: 2024-01-02\n_build:\n  render: never\n  list: never\n---\nHidden.\n',
    'content/posts/hidden2.md': '+++\ntitle = "Hidden two"\ndate = 2024-01-03\n[build]\nrender = "never"\nlist = "never"\n+++\nHidden.\n',
    'content/posts/shown.md': '---\ntitle: Shown\ndate: 2024-01-04\nheadless: false\n_build:\n  render: always\n---\nShown.\n'
  });
  try {
    const out = path.join(root, 'public');
    const result = await build({ root, out, search: false, cache: false, threads: 0, drafts: true });
    assert.equal(result.ok, true);
    const pages = (fs.readdirSync(out, { recursive: true }) as string[]).filter((f) => f.startsWith('posts/') && f.endsWith('.html')).sort();
    assert.deepEqual(pages, ['posts/a/index.html', 'posts/index.html', 'posts/shown/index.html']);
    const list = fs.readFileSync(path.join(out, 'posts/index.html'), 'utf8');
    assert.ok(!/Headless|Hidden/.test(list), 'not listed');
    assert.equal(result.errors + result.warnings, 0);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("should take a term's title, description and intro from its `_index.md` (content/categories/tech/_index.md)", async () => {
  const root = makeSite({
    'content/posts/a.md': '---\ntitle: Alpha\ndate: 2024-01-01\ncategories: [Tech]\n---\nText.\n',
    'content/categories/tech/_index.md': '---\ntitle: 技术\ndescription: 技术文章\n---\n关于技术的**文章**。\n',
    'content/tags/_index.md': '---\ntitle: 标签\n---\n',
    'content/posts/b.md': '---\ntitle: Bravo\ndate: 2024-01-02\ntags: [x]\n---\nText.\n'
  });
  try {
    const out = path.join(root, 'public');
    const result = await build({ root, out, search: false, cache: false, threads: 0 });
    assert.equal(result.ok, true);
    assert.equal(result.errors + result.warnings, 0);
    const term = fs.readFileSync(path.join(out, 'categories/tech/index.html'), 'utf8');
    assert.match(term, /<h1[^>]*>技术<\/h1>/);
    assert.match(term, /<meta name="description" content="技术文章">/);
    assert.match(term, /关于技术的<strong>文章<\/strong>。/);
    assert.match(term, /<a href="\/posts\/a\/">Alpha<\/a>/);
    // `content/tags/_index.md` is no section: the terms page alone is written there (once).
    assert.match(fs.readFileSync(path.join(out, 'tags/index.html'), 'utf8'), /class="terms-cloud"/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("should show the site's Hugo `menu.main` in the default theme's navigation, by weight, under the base path", async () => {
  const root = makeSite({
    'hugo.toml': [
      'baseURL = "https://example.org/blog/"', 'title = "T"',
      '[[menu.main]]', 'name = "About"', 'pageRef = "about"', 'weight = 20',
      '[[menu.main]]', 'name = "Posts"', 'url = "/posts/"', 'weight = 10',
      '[[menu.main]]', 'name = "GitHub"', 'url = "https://github.com/x"', 'weight = 30',
      '[[menu.main]]', 'name = "Bad"', 'url = "javascript:alert(1)"', 'weight = 40'
    ].join('\n') + '\n',
    'content/posts/a.md': '---\ntitle: Alpha\ndate: 2024-01-01\n---\nText.\n',
    'content/about.md': '---\ntitle: About\n---\nMe.\n'
  });
  try {
    const out = path.join(root, 'public');
    const result = await build({ root, out, search: false, cache: false, threads: 0 });
    assert.equal(result.ok, true);
    const nav = (file: string) => /<nav class="site-nav"[^>]*>(.*?)<\/nav>/.exec(fs.readFileSync(path.join(out, file), 'utf8'))![1];
    assert.equal(
      nav('posts/a/index.html'),
      '<ul><li><a href="/blog/posts/" aria-current="page">Posts</a></li><li><a href="/blog/about/">About</a></li><li><a href="https://github.com/x">GitHub</a></li></ul>'
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("should take a theme's search page (PaperMod content/search.md, Stack page/search, `layout: search`) as onair's own, not as a clash", async () => {
  for (const [file, text, config] of [
    ['content/search.md', '---\ntitle: "Search"\nlayout: "search"\nplaceholder: "Search..."\n---\n', ''],
    ['content/page/search/index.md', '---\ntitle: "Search"\nslug: "search"\nlayout: "search"\n---\n', '[permalinks]\npage = "/:slug/"\n']
  ]) {
    const root = makeSite({
      'hugo.toml': `baseURL = "https://example.org/"\ntitle = "T"\n${config}`,
      'content/posts/a.md': '---\ntitle: Alpha\ndate: 2024-01-01\n---\nText.\n',
      [file!]: text!
    });
    try {
      const out = path.join(root, 'public');
      const result = await build({ root, out, search: false, cache: false, threads: 0 });
      assert.deepEqual(result.files.flatMap((f) => f.messages.map((m) => `${f.path}: ${m.ruleId}`)), []);
      assert.equal(result.ok, true);
      assert.match(fs.readFileSync(path.join(out, 'search/index.html'), 'utf8'), /class="kind-search"/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
});

test('should publish the files in a page bundle\'s subfolders (`images/feature.jpg`) beside the page, as Hugo', async () => {
  const root = makeSite({
    'hugo.toml': 'baseURL = "https://example.org/blog/"\ntitle = "T"\n[permalinks]\nposts = "/:year/:month/:slug/"\n',
    'content/posts/bundle-one/index.md': '---\ntitle: One\ndate: 2021-07-04\n---\n![local](images/feature.jpg)\n',
    'content/posts/bundle-one/images/feature.jpg': 'jpg',
    'content/posts/bundle-one/images/deep/more.png': 'png',
    'content/posts/bundle-one/top.png': 'png',
    'content/posts/loose.png': 'png'
  });
  try {
    const out = path.join(root, 'public');
    const result = await build({ root, out, search: false, cache: false, threads: 0 });
    assert.equal(result.ok, true);
    const files = (fs.readdirSync(out, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).filter((f) => /\.(jpg|png)$/.test(f)).sort();
    assert.deepEqual(files, ['2021/07/one/images/deep/more.png', '2021/07/one/images/feature.jpg', '2021/07/one/top.png', 'posts/loose.png']);
    assert.match(fs.readFileSync(path.join(out, '2021/07/one/index.html'), 'utf8'), /<img src="images\/feature.jpg"/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('should highlight the `highlight` shortcode with the themes it is given (the site\'s, as fenced code)', async () => {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkRehype } = await import('remark-rehype');
  const { default: remarkShortcodes } = await import('../src/shortcodes/index.js');
  const { loadHighlighter } = await import('../src/highlight.js');
  await loadHighlighter();
  const processor = unified().use(remarkParse).use(remarkShortcodes, { highlight: { light: 'monokai', dark: 'monokai' } }).use(remarkRehype);
  const tree = await processor.run(processor.parse('{{< highlight go "linenos=table" >}}\npackage main\n{{< /highlight >}}\n'));
  assert.match(toHtml(tree as never), /<pre class="shiki shiki-themes monokai monokai line-numbers"/);
  assert.throws(() => unified().use(remarkParse).use(remarkShortcodes, { highlight: 'monokai' } as never).freeze().parse(''), /Unexpected `highlight` option `"monokai"`/);
});

test("should list only the posts of `params.mainSections` on the home page, its feeds and the archive (Stack's `page/` section stays out)", async () => {
  const files = {
    'content/post/a.md': '---\ntitle: Alpha\ndate: 2024-01-01\n---\nText.\n',
    'content/page/about/index.md': '---\ntitle: About me\nslug: about\n---\nMe.\n',
    'content/page/archives/index.md': '---\ntitle: Archives\nlayout: archives\ndate: 2019-05-28\n---\n'
  };
  for (const [config, expected] of [
    ['[params]\nmainSections = ["post"]\n', ['Alpha']],
    ['', ['Alpha', 'Archives', 'About me']]
  ] as const) {
    const root = makeSite({ 'hugo.toml': `baseURL = "https://example.org/"\ntitle = "T"\n${config}`, ...files });
    try {
      const out = path.join(root, 'public');
      const result = await build({ root, out, search: false, cache: false, threads: 0 });
      assert.equal(result.ok, true);
      const read = (file: string) => fs.readFileSync(path.join(out, file), 'utf8');
      const titles = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]);
      assert.deepEqual(titles(read('index.html'), /class="post-card-title"><a [^>]*>([^<]+)</g), expected);
      assert.deepEqual(titles(read('index.xml'), /<item>\s*<title>([^<]+)</g), expected);
      assert.ok(fs.existsSync(path.join(out, 'page/about/index.html')), 'the page is still written');
      assert.equal(read('archive/index.html').includes('About me'), expected.length === 3);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
});

test('should publish no file of a bundle that is not published (draft, future, headless), as Hugo', async () => {
  const root = makeSite({
    'content/posts/a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nA.\n',
    'content/posts/secret/index.md': '---\ntitle: S\ndate: 2024-01-01\ndraft: true\n---\nSecret.\n',
    'content/posts/secret/pic.png': 'png',
    'content/posts/secret/images/deep.png': 'png',
    'content/posts/later/index.md': '---\ntitle: L\ndate: 2999-01-01\n---\nLater.\n',
    'content/posts/later/pic.png': 'png',
    'content/posts/loose.png': 'png',
    'content/about/index.md': '---\ntitle: About\n---\nMe.\n',
    'content/about/me.png': 'png'
  });
  try {
    const out = path.join(root, 'public');
    const result = await build({ root, out, search: false, cache: false, threads: 0 });
    assert.equal(result.ok, true, result.files.flatMap((f) => f.messages.map((m) => `${f.path}: ${m.reason}`)).join('\n'));
    const pngs = (fs.readdirSync(out, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).filter((f) => f.endsWith('.png')).sort();
    assert.deepEqual(pngs, ['about/me.png', 'posts/loose.png']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
