/**
 * Whole-site checks a static host would care about: the example site and a
 * 1,000-post corpus (`../shared/bench/gen-corpus.mjs`), each built at a host
 * root and under a sub-path, crawled from the home page, 404, sitemap,
 * robots.txt and feeds: zero broken internal links, assets, feed or sitemap
 * URLs or fragments; every page valid for html-validate; every feed and the
 * sitemap well-formed. The corpus links to `example.org`, so the sites use
 * `blog.test` (outside links are not followed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { HtmlValidate } from 'html-validate';
import { build } from '../src/build.js';
import { crawl } from './helpers/crawl.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const generator = path.resolve(repo, '../shared/bench/gen-corpus.mjs');
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  // rehype-stringify writes `<!doctype html>`; the lowercase form is valid HTML.
  // Shiki writes its dual-theme colors as inline `style` (valid HTML; a style rule, not an error in the markup).
  rules: { 'doctype-style': 'off', 'no-inline-style': 'off', 'long-title': 'off' },
});

function listFiles(dir: string, ext: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith(ext) && !f.startsWith('pagefind/'));
}

/** Build `root` (its `content/`) at `baseUrl` into a temp folder and check it all. */
interface CheckOptions {
  /** Post pages the site must have (all reached). */
  posts?: number;
  /** Run html-validate over every page. Default true. */
  validate?: boolean;
  /** Build future-dated posts too (the corpus has dates past today). */
  future?: boolean;
}

async function buildAndCheck(root: string, baseUrl: string, options: CheckOptions = {}): Promise<void> {
  const expectPosts = options.posts;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-crawl-'));
  try {
    const start = performance.now();
    const result = await build({ root, out, baseUrl, future: options.future });
    const buildMs = performance.now() - start;
    const fatal = result.files.flatMap((f) => f.messages.filter((m) => m.fatal).map((m) => `${f.path}: ${m.reason}`));
    assert.deepEqual(fatal, []);
    assert.equal(result.ok, true);

    const report = crawl(out, baseUrl);
    assert.deepEqual(report.broken.slice(0, 20), [], `${report.broken.length} broken URLs`);
    const pages = listFiles(out, '.html');
    // Alias pages are reached through old URLs, not links.
    const orphans = pages.filter((f) => !report.files.has(f) && !fs.readFileSync(path.join(out, f), 'utf8').includes('http-equiv="refresh"'));
    assert.deepEqual(orphans, [], 'pages no link leads to');
    if (expectPosts !== undefined) {
      assert.equal([...report.files].filter((f) => /^post\/[^/]+\/index\.html$/.test(f)).length, expectPosts, 'every post reached');
    }
    for (const file of ['404.html', 'sitemap.xml', 'robots.txt', 'index.xml', 'atom.xml', 'tags/index.html', 'categories/index.html']) {
      assert.ok(report.files.has(file), `${file} reached`);
    }
    assert.ok(fs.existsSync(path.join(out, '.nojekyll')), '.nojekyll');
    if (report.files.has('search/index.html')) {
      // `assets/search.js` loads these at run time, which the crawler does not run: one bundle, or shards listed in `shards.json`.
      const list = path.join(out, 'pagefind/shards.json');
      const bundles: string[] = fs.existsSync(list) ? (JSON.parse(fs.readFileSync(list, 'utf8')) as { bundles: string[] }).bundles : [''];
      assert.ok(bundles.length > 0, 'at least one search bundle');
      for (const bundle of bundles) assert.ok(fs.existsSync(path.join(out, 'pagefind', bundle, 'pagefind-entry.json')), `bundle ${bundle || '.'}`);
      for (const file of ['pagefind.js', 'pagefind-ui.js', 'pagefind-ui.css']) {
        assert.ok(fs.existsSync(path.join(out, 'pagefind', bundles[0]!, file)), `${bundles[0]}/${file}`);
      }
    }

    for (const file of listFiles(out, '.xml')) {
      const errors: string[] = [];
      new DOMParser({ onError: (level, message) => void errors.push(`${file} ${level}: ${message}`) }).parseFromString(fs.readFileSync(path.join(out, file), 'utf8'), 'text/xml');
      assert.deepEqual(errors, []);
    }

    const problems: string[] = [];
    for (const file of options.validate === false ? [] : pages) {
      const validation = await validator.validateString(fs.readFileSync(path.join(out, file), 'utf8'), file);
      for (const r of validation.results) for (const m of r.messages) if (m.severity === 2) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} html-validate errors`);
    const sizeMb = listFiles(out, '').reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0) / 1e6;
    console.log(`# ${baseUrl} ${path.basename(root)}: built ${result.pages} pages / ${result.written} files (${sizeMb.toFixed(1)} MB) in ${Math.round(buildMs)} ms; crawled ${report.files.size} files, ${report.checked} internal URLs, 0 broken; ${options.validate === false ? 'not validated' : `${pages.length} pages valid`}`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

test('should report what a crawl finds broken (the checker itself)', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-crawl-'));
  try {
    const put = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.writeFileSync(path.join(out, file), text);
    };
    put('index.html', '<!doctype html><title>x</title><a href="/sub/a/#top">a</a><a href="/sub/a/#nope">b</a><a href="/elsewhere/">c</a><img src="missing.png" alt=""><a href="https://other.test/x">ext</a><a href="/sub/tags/c%23/">c#</a><a href="/sub/tags/c#/">bad c#</a>');
    put('a/index.html', '<!doctype html><title>a</title><h1 id="top">A</h1>');
    put('tags/c#/index.html', '<!doctype html><title>c#</title>');
    put('sitemap.xml', '<urlset><url><loc>https://blog.test/sub/gone/</loc></url></urlset>');
    put('robots.txt', 'Sitemap: https://blog.test/sub/sitemap.xml\n');
    put('index.xml', '<rss><channel><link>https://blog.test/sub/</link><item><description>&lt;img src="https://blog.test/sub/feed.png"&gt;</description></item></channel></rss>');
    const report = crawl(out, 'https://blog.test/sub/');
    assert.deepEqual(
      report.broken.map((b) => `${b.from} ${b.url} ${b.why}`).sort(),
      [
        '(start) https://blog.test/sub/404.html no such file',
        '(start) https://blog.test/sub/atom.xml no such file',
        'index.html https://blog.test/elsewhere/ outside the base path `/sub/`',
        'index.html https://blog.test/sub/a/#nope no element with id `nope`',
        'index.html https://blog.test/sub/missing.png no such file',
        'index.html https://blog.test/sub/tags/c#/ no such file',
        'index.xml https://blog.test/sub/feed.png no such file',
        'sitemap.xml https://blog.test/sub/gone/ no such file',
      ]
    );
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('should crawl the example site at the root with zero broken links and valid pages', async () => {
  await buildAndCheck(repo, 'https://blog.test/');
});

test('should crawl the example site under a sub-path with zero broken links and valid pages', async () => {
  await buildAndCheck(repo, 'https://blog.test/sub/');
});

test(
  'should crawl a site with hostile term names, aliases, a page bundle and a summary with relative links, under a sub-path',
  async () => {
    // One post under `post/`; the bundle has `url: /custom/path/` (reached, or the orphan check fails).
    await buildAndCheck(path.join(repo, 'test/fixtures/site-crawl/hostile'), 'https://blog.test/sub/', { posts: 1 });
  }
);

test('should crawl a 1,000-post corpus at the root and under a sub-path', async (t) => {
  if (!fs.existsSync(generator)) {
    if (process.env.CI === 'true') assert.fail(`corpus generator missing: ${generator}`);
    return t.skip(`corpus generator not found: ${generator}`);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-corpus-'));
  try {
    execFileSync(process.execPath, [generator, path.join(root, 'content/post'), '1000'], { stdio: 'pipe' });
    // Pages differ between the two builds only by the base path: html-validate runs over every page of one.
    await t.test('at the root', () => buildAndCheck(root, 'https://blog.test/', { posts: 1000, future: true, validate: false }));
    await t.test('under /sub/', () => buildAndCheck(root, 'https://blog.test/sub/', { posts: 1000, future: true }));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
