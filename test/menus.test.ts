/**
 * Menus from page front matter (`menu: main`, `menu: {main: {weight, name,
 * identifier, parent}}`) merged with the config's, end to end: whole sites
 * built into temp folders, the navigation read back from the HTML.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import { launchBrowser, serveDir } from './helpers/browser.js';
import { makeSite } from './helpers/site.js';

/** A navigation item: its text, its link (none for a heading) and what is nested under it. */
interface Item {
  name: string;
  href?: string;
  children?: Item[];
}

const elements = (node: Element | Root): Element[] => (node.children as RootContent[]).filter((child): child is Element => child.type === 'element');

function find(node: Element | Root, test: (e: Element) => boolean): Element | undefined {
  for (const child of elements(node)) {
    if (test(child)) return child;
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

/** The items of a navigation `<ul>`: a `<details>` item is its summary's text with the items of its list. */
function items(list: Element): Item[] {
  return elements(list).map((li) => {
    const details = find(li, (e) => e.tagName === 'details');
    if (details) {
      const summary = find(details, (e) => e.tagName === 'summary')!;
      return { name: toString(summary), children: items(find(details, (e) => e.tagName === 'ul')!) };
    }
    const a = find(li, (e) => e.tagName === 'a');
    return a ? { name: toString(a), href: String(a.properties.href) } : { name: toString(li) };
  });
}

/** The site navigation of a built page. */
function nav(file: string): Item[] {
  const tree = fromHtml(fs.readFileSync(file, 'utf8'));
  const element = find(tree, (e) => e.tagName === 'nav' && String(e.properties.className).includes('site-nav'));
  assert.ok(element, `no site navigation in ${file}`);
  return items(find(element, (e) => e.tagName === 'ul')!);
}

const names = (list: Item[]): string[] => list.map((item) => item.name);

/** A Hugo site: config menus and pages that put themselves in menus, under a base path. */
const site = {
  'hugo.toml': [
    'baseURL = "https://example.com/blog/"',
    'title = "Menus"',
    '[[menu.main]]', 'name = "Posts"', 'url = "/post/"', 'weight = 20',
    '[[menu.main]]', 'name = "Home"', 'url = "/"', 'weight = 1',
    '[[menu.main]]', 'name = "Zero"', 'url = "/zero/"',
    '',
  ].join('\n'),
  'content/about.md': '---\ntitle: About us\nlinkTitle: 关于\nmenu:\n  main:\n    weight: 20\n    identifier: about\n---\n\nAbout.\n',
  'content/team.md': '---\ntitle: Team\nmenu:\n  main:\n    parent: about\n    weight: 5\n---\n\nTeam.\n',
  'content/contact.md': '+++\ntitle = "Contact"\nmenu = "main"\n+++\n\nContact.\n',
  'content/weighted.md': '---\ntitle: Weighted\nweight: 7\nmenu: [main, footer]\n---\n\nWeighted.\n',
  'content/draft.md': '---\ntitle: Drafty\ndraft: true\nmenu: main\n---\n\nDraft.\n',
  'content/future.md': '---\ntitle: Future\ndate: 2099-01-01\nmenu: main\n---\n\nFuture.\n',
  'content/post/a.md': '---\ntitle: A post\ndate: 2023-01-01\n---\n\nA.\n',
};

test("should show pages' own menu entries with the config's, in Hugo's order, under the base path, drafts and future pages left out", async () => {
  const root = makeSite(site);
  const result = await build({ root, search: false, threads: 0 });
  assert.equal(result.ok, true, formatReport(result.files));
  assert.equal(result.warnings, 0, formatReport(result.files));
  const expected: Item[] = [
    { name: 'Home', href: '/blog/' },
    { name: 'Weighted', href: '/blog/weighted/' },
    { name: 'Posts', href: '/blog/post/' },
    { name: '关于', children: [{ name: '关于', href: '/blog/about/' }, { name: 'Team', href: '/blog/team/' }] },
    { name: 'Contact', href: '/blog/contact/' },
    { name: 'Zero', href: '/blog/zero/' },
  ];
  // A post page (rendered as a task), the home page and the 404 page (the lists stage) show the same menu.
  for (const page of ['post/a/index.html', 'index.html', '404.html', 'about/index.html']) {
    assert.deepEqual(nav(path.join(root, 'public', page)), expected, page);
  }
  const about = fs.readFileSync(path.join(root, 'public/about/index.html'), 'utf8');
  assert.match(about, /<a href="\/blog\/about\/" aria-current="page">关于<\/a>/);
});

test('should order menus as Hugo 0.111 does, and link the same pages', async (t) => {
  const hugo = ['/usr/bin/hugo', '/usr/local/bin/hugo'].find((p) => fs.existsSync(p));
  if (!hugo) return t.skip('hugo not found: apt-get install hugo to compare with Hugo itself');
  const layout = '{{ range .Site.Menus.main }}{{ .Name }}|{{ .URL }}|{{ range .Children }}{{ .Name }}>{{ .URL }};{{ end }}\n{{ end }}';
  const root = makeSite({ ...site, 'layouts/index.html': layout, 'layouts/_default/single.html': layout, 'layouts/_default/list.html': layout });
  execFileSync(hugo, ['--quiet', '--source', root, '--destination', path.join(root, 'hugo')], { stdio: 'pipe' });
  const fromHugo = fs.readFileSync(path.join(root, 'hugo/index.html'), 'utf8').trim().split('\n');
  const result = await build({ root, out: path.join(root, 'public'), search: false, threads: 0, cache: false });
  assert.equal(result.ok, true, formatReport(result.files));
  const fromOnair = nav(path.join(root, 'public/index.html')).map((item) =>
    item.children
      ? `${item.name}|${item.children[0]!.href}|${item.children.slice(1).map((c) => `${c.name}>${c.href};`).join('')}`
      : `${item.name}|${item.href}|`,
  );
  assert.deepEqual(fromOnair, fromHugo);
});

test('should show a menu entry added, renamed or removed on every page of a cached rebuild', async () => {
  const root = makeSite({
    'onair.yaml': 'title: Cached\nbaseUrl: https://example.com/sub/\n',
    'content/about.md': '---\ntitle: About\n---\n\nAbout.\n',
    'content/post/a.md': '---\ntitle: A\ndate: 2024-01-01\n---\n\nA.\n',
    'content/post/b.md': '---\ntitle: B\ndate: 2024-01-02\n---\n\nB.\n',
  });
  const unrelated = path.join(root, 'public/post/a/index.html');
  const first = await build({ root, search: false, threads: 0 });
  assert.equal(first.ok, true, formatReport(first.files));
  assert.deepEqual(names(nav(unrelated)), ['Home', 'Archive', 'Tags', 'Categories', 'Search'], 'no menu: the theme links');

  fs.writeFileSync(path.join(root, 'content/about.md'), '---\ntitle: About\nmenu:\n  main:\n    name: 关于我们\n    weight: 1\n---\n\nAbout.\n');
  const second = await build({ root, search: false, threads: 0 });
  assert.equal(second.ok, true, formatReport(second.files));
  assert.ok(fs.existsSync(path.join(root, '.onair-cache')), 'the cache is on');
  assert.deepEqual(nav(unrelated), [{ name: '关于我们', href: '/sub/about/' }]);
  assert.deepEqual(nav(path.join(root, 'public/index.html')), [{ name: '关于我们', href: '/sub/about/' }]);

  fs.writeFileSync(path.join(root, 'content/about.md'), '---\ntitle: About\nmenu:\n  main:\n    name: About us\n    weight: 1\n---\n\nAbout.\n');
  await build({ root, search: false, threads: 0 });
  assert.deepEqual(nav(unrelated), [{ name: 'About us', href: '/sub/about/' }]);

  fs.writeFileSync(path.join(root, 'content/about.md'), '---\ntitle: About\n---\n\nAbout.\n');
  const last = await build({ root, search: false, threads: 0 });
  assert.equal(last.ok, true, formatReport(last.files));
  assert.deepEqual(names(nav(unrelated)), ['Home', 'Archive', 'Tags', 'Categories', 'Search']);
  assert.deepEqual(names(nav(path.join(root, 'public/post/index.html'))), ['Home', 'Archive', 'Tags', 'Categories', 'Search']);
});

test('should report a menu entry of the wrong type at its line, in YAML and TOML', async () => {
  const root = makeSite({
    'content/about.md': '---\ntitle: About\nmenu:\n  main:\n    weight: ten\n---\n\nAbout.\n',
    'content/team.md': '+++\ntitle = "Team"\n[menu.main]\nname = "Team"\nweight = "x"\n+++\n\nTeam.\n',
    'content/list.md': '---\ntitle: List\nmenu: [main, {footer: 1}]\n---\n\nList.\n',
  });
  const result = await build({ root, search: false, threads: 0 });
  assert.equal(result.ok, false);
  const report = formatReport(result.files);
  assert.match(report, /content\/about\.md\n\s*5:13\s+error\s+Unexpected string `ten` for `menu\.main\.weight`, expected a number such as `10`: entries are ordered by weight, lowest first\s+invalid-field-type/);
  assert.match(report, /content\/team\.md\n\s*5:10\s+error\s+Unexpected string `x` for `menu\.main\.weight`, expected a number/);
  assert.match(report, /content\/list\.md\n\s*3:14\s+error\s+Unexpected mapping for `menu\[1\]`, expected a menu name such as `main`/);
});

test('should warn about a duplicate entry and an unknown parent at their place, as Hugo does, and build', async () => {
  const root = makeSite({
    'onair.yaml': 'title: Warn\nmenus:\n  main:\n    - name: About\n      url: /about/\n      identifier: about\n',
    'content/about.md': '---\ntitle: About\nmenu:\n  main:\n    identifier: about\n---\n\nAbout.\n',
    'content/team.md': '---\ntitle: Team\nmenu:\n  main:\n    parent: nobody\n---\n\nTeam.\n',
  });
  const result = await build({ root, search: false, threads: 0 });
  assert.equal(result.ok, true, formatReport(result.files));
  const report = formatReport(result.files);
  assert.match(report, /content\/about\.md\n\s*4:3\s+warning\s+Unexpected second entry `about` in menu `main` \(also in the config\)[^\n]*duplicate-menu-entry/);
  assert.match(report, /content\/team\.md\n\s*5:13\s+warning\s+Unexpected `parent` `nobody` in menu `main`[^\n]*unknown-menu-parent/);
  assert.deepEqual(nav(path.join(root, 'public/index.html')), [
    { name: 'About', href: '/about/' },
    { name: 'nobody', children: [{ name: 'Team', href: '/team/' }] },
  ]);
});

test("should read `menus` in onair's own config, and refuse a malformed one", async () => {
  const root = makeSite({
    'onair.yaml': 'title: Own\nbaseUrl: https://example.com/sub/\nmenus:\n  main:\n    - name: GitHub\n      url: https://github.com/x\n      weight: 30\n    - pageRef: about\n      weight: 10\n',
    'content/about.md': '---\ntitle: About\nlinkTitle: 关于\nurl: /about-us/\n---\n\nAbout.\n',
  });
  const result = await build({ root, search: false, threads: 0 });
  assert.equal(result.ok, true, formatReport(result.files));
  assert.deepEqual(nav(path.join(root, 'public/index.html')), [
    { name: '关于', href: '/sub/about-us/' },
    { name: 'GitHub', href: 'https://github.com/x' },
  ]);
  fs.writeFileSync(path.join(root, 'onair.yaml'), 'title: Own\nmenus:\n  main:\n    - name: About\n      weight: high\n');
  const bad = await build({ root, search: false, threads: 0 });
  assert.equal(bad.ok, false);
  assert.match(formatReport(bad.files), /onair\.yaml\n\s*5:7\s+error\s+Unexpected string `high` for `menus\.main\[0\]\.weight`, expected a number\s+invalid-config/);
});

test('should keep a site without menus on the theme links', async () => {
  const root = makeSite({ 'content/post/a.md': '---\ntitle: A\ndate: 2024-01-01\n---\n\nA.\n' });
  const result = await build({ root, search: false, threads: 0, cache: false });
  assert.equal(result.ok, true, formatReport(result.files));
  assert.deepEqual(nav(path.join(root, 'public/post/a/index.html')).map((item) => item.href), ['/', '/archive/', '/tags/', '/categories/', '/search/']);
  fs.rmSync(root, { recursive: true, force: true });
});

test('should open a nested menu at phone and desktop width, in view, without scrolling sideways', async (t) => {
  const launched = await launchBrowser();
  if (!launched.browser) return t.skip(launched.skip);
  const browser = launched.browser;
  const root = makeSite({ ...site, 'hugo.toml': site['hugo.toml'].replace('https://example.com/blog/', 'https://example.com/') });
  const result = await build({ root, search: false, threads: 0, cache: false });
  assert.equal(result.ok, true, formatReport(result.files));
  const served = await serveDir(path.join(root, 'public'));
  try {
    for (const [width, height] of [[390, 700], [1280, 600]] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${served.url}post/a/`);
      const team = page.getByRole('link', { name: 'Team' });
      assert.equal(await team.isVisible(), false, 'closed at first');
      await page.getByText('关于', { exact: true }).first().click();
      assert.equal(await team.isVisible(), true, `open at ${width}px`);
      const box = (await team.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= width, `in view at ${width}px`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `no sideways scroll at ${width}px`);
      await page.close();
    }
  } finally {
    await served.close();
    await browser.close();
  }
});
