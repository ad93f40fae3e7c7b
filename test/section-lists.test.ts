/**
 * Section lists: each `_index.md` section lists the posts in its folder, a
 * top-level section without its own `_index.md` still gets its list (a
 * nested one does not stand in for it), and every section feed carries the
 * full content of the posts it shows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from '../src/index.js';
import { sectionLists } from '../src/model/section-lists.js';
import { makeSite } from './helpers/site.js';

const post = (section: string, contentPath: string) => ({ section, contentPath });

test('should list each section once, nested _index.md sections by folder, in the posts order', () => {
  const posts = [post('post', 'post/a.md'), post('post', 'post/series/c.md'), post('notes', 'notes/n.md'), post('post', 'post/series/deep/d.md'), post('', 'about.md')];
  const indexes = [
    { ...post('post', 'post/series/_index.md'), url: '/post/series/' },
    { ...post('', '_index.md'), url: '/' },
    { ...post('tags', 'tags/go/_index.md'), url: '/tags/go/' },
    { ...post('notes', 'notes/_index.md'), url: '/my-notes/' },
  ];
  const lists = sectionLists(posts, indexes, new Set(['/tags/', '/tags/go/']));
  const shape = lists.map((list) => [list.url, list.folder, list.index?.contentPath, list.posts.map((p) => p.contentPath)]);
  assert.deepEqual(shape, [
    ['/post/series/', 'post/series/', 'post/series/_index.md', ['post/series/c.md', 'post/series/deep/d.md']],
    ['/my-notes/', 'notes/', 'notes/_index.md', ['notes/n.md']],
    // No `post/_index.md`: the section still has its list, of every post in it.
    ['/post/', 'post/', undefined, ['post/a.md', 'post/series/c.md', 'post/series/deep/d.md']],
  ]);
});

test('should write a section list beside a nested section, and give every section feed full content', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-sections-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, 'content', file)), { recursive: true });
    fs.writeFileSync(path.join(root, 'content', file), text);
  };
  const long = (mark: string) => `${'Many words here. '.repeat(60)}${mark}\n`;
  write('post/a.md', `---\ntitle: A\ndate: 2024-03-01\n---\n\n${long('END-OF-A')}`);
  write('post/b.md', `---\ntitle: B\ndate: 2024-02-01\n---\n\n${long('END-OF-B')}`);
  write('post/series/_index.md', `---\ntitle: The series\n---\n\nA series.\n`);
  write('post/series/c.md', `---\ntitle: C\ndate: 2024-01-01\n---\n\n${long('END-OF-C')}`);
  const out = path.join(root, 'public');
  const result = await build({ root, out, search: false, cache: false, threads: 0, config: { feeds: { limit: 1 } } });
  assert.equal(result.ok, true);
  const read = (file: string) => fs.readFileSync(path.join(out, file), 'utf8');
  const links = (html: string) => ['A', 'B', 'C'].filter((title) => html.includes(`href="/post/${title.toLowerCase()}/"`) || html.includes(`href="/post/series/${title.toLowerCase()}/"`));
  assert.deepEqual(links(read('post/index.html')), ['A', 'B', 'C'], 'the section list, though only post/series/ has an _index.md');
  assert.deepEqual(links(read('post/series/index.html')), ['C']);
  // The series feed shows C, which no other feed shows (limit 1): its whole text, not the summary.
  assert.match(read('post/series/index.xml'), /END-OF-C/);
  assert.match(read('post/index.xml'), /END-OF-A/);
  fs.rmSync(root, { recursive: true, force: true });
});

test('should write a section list with a file `url` (`/notes.html`) to that file, its pages 2 and up and feeds in `notes/`, as Hugo does with uglyURLs', async () => {
  const root = makeSite({
    'onair.yaml': 'baseUrl: https://example.org/\ntitle: Site\npageSize: 2\n',
    'content/notes/_index.md': '---\ntitle: Notes\nurl: /notes.html\n---\n\nAll the notes.\n',
    ...Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`content/notes/n${n}.md`, `---\ntitle: N${n}\ndate: 2024-01-0${n}\n---\n\nBody ${n}.\n`])),
    'content/about.md': '---\ntitle: About\nurl: /about.html\n---\n\nAbout.\n',
  });
  const out = path.join(root, 'public');
  const result = await build({ root, out, search: false, cache: false, threads: 0 });
  assert.equal(result.ok, true);
  assert.deepEqual(result.files.flatMap((f) => f.messages.map((m) => `${f.path} ${m.ruleId}`)), []);
  const read = (file: string) => fs.readFileSync(path.join(out, file), 'utf8');
  // Page 1 is the file itself, as a regular page with such a `url` (`about.html`) is.
  assert.ok(fs.statSync(path.join(out, 'about.html')).isFile());
  assert.ok(fs.statSync(path.join(out, 'notes.html')).isFile(), 'notes.html is the list page, not a folder');
  const first = read('notes.html');
  assert.match(first, /<link rel="canonical" href="https:\/\/example\.org\/notes\.html">/);
  assert.match(first, /href="\/notes\/n5\/"/);
  assert.match(first, /href="\/notes\/page\/2\/"/, 'page 2 is linked where it is written');
  assert.match(first, /<link rel="alternate" type="application\/rss\+xml" title="Notes · Site" href="https:\/\/example\.org\/notes\/index\.xml">/);
  const second = read('notes/page/2/index.html');
  assert.match(second, /<link rel="canonical" href="https:\/\/example\.org\/notes\/page\/2\/">/);
  assert.match(second, /href="\/notes\.html"/, 'page 2 links back to page 1');
  assert.match(second, /href="\/notes\/n3\/"/);
  assert.match(read('notes/page/3/index.html'), /href="\/notes\/n1\/"/);
  const rss = read('notes/index.xml');
  assert.match(rss, /<link>https:\/\/example\.org\/notes\.html<\/link>/);
  assert.match(rss, /<atom:link href="https:\/\/example\.org\/notes\/index\.xml" rel="self"/);
  assert.match(read('notes/atom.xml'), /href="https:\/\/example\.org\/notes\/atom\.xml"/);
  const sitemap = read('sitemap.xml');
  assert.match(sitemap, /<loc>https:\/\/example\.org\/notes\.html<\/loc>/);
  assert.match(sitemap, /<loc>https:\/\/example\.org\/notes\/page\/2\/<\/loc>/);
  assert.doesNotMatch(sitemap, /notes\.html\//);
  fs.rmSync(root, { recursive: true, force: true });
});

test('should keep a term page at `/tags/go/` with its `_index.md` title and intro when that `_index.md` has a `url`, with a warning', async () => {
  const root = makeSite({
    'content/tags/go/_index.md': '---\ntitle: The Go language\nurl: /go.html\n---\n\nAbout Go.\n',
    'content/tags/_index.md': '---\ntitle: Every tag\nurl: /all-tags/\n---\n',
    'content/post/a.md': '---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\n\nBody.\n',
  });
  const out = path.join(root, 'public');
  const result = await build({ root, out, search: false, cache: false, threads: 0 });
  assert.equal(result.ok, true);
  const messages = result.files.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line}:${m.column} ${m.ruleId}`)).sort();
  assert.deepEqual(messages, ['content/tags/_index.md:3:6 hugo-unsupported', 'content/tags/go/_index.md:3:6 hugo-unsupported']);
  const term = fs.readFileSync(path.join(out, 'tags/go/index.html'), 'utf8');
  assert.match(term, /<h1 class="list-title">The Go language<\/h1>/);
  assert.match(term, /About Go\./);
  // Not an empty section list of its own beside the term page.
  for (const file of ['go.html', 'go', 'all-tags']) assert.equal(fs.existsSync(path.join(out, file)), false, file);
  fs.rmSync(root, { recursive: true, force: true });
});
