import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as mod from '../src/model/permalink.js';

const { permalink, checkAliases } = mod;
const date = new Date(Date.UTC(2023, 10, 6));

test('should expose permalink, checkAliases and path helpers', () => {
  assert.deepEqual(Object.keys(mod).sort(), ['checkAliases', 'isFileUrl', 'normalizeSitePath', 'outputPathOf', 'pathLengthReason', 'permalink', 'unsafePathReason']);
});

test('should default to /:section/:filename/', () => {
  const p = permalink({ contentPath: 'post/2023-11-16-foo.md', title: 'Foo' });
  assert.deepEqual([p.url, p.outputPath, p.section, p.kind, p.slugName], ['/post/2023-11-16-foo/', 'post/2023-11-16-foo/index.html', 'post', 'page', '2023-11-16-foo']);
});

test('should use the folder of a page bundle', () => {
  assert.equal(permalink({ contentPath: 'post/x/index.md', title: 'X' }).url, '/post/x/');
  // A top-level bundle (`content/about/index.md`, an about page with its photo) is a page of the home, as in Hugo: no section `about`.
  assert.deepEqual(pick(permalink({ contentPath: 'about/index.md', title: 'About' })), { url: '/about/', section: '', kind: 'page' });
  assert.equal(permalink({ contentPath: 'post/x/index.md', title: 'X' }).section, 'post');
});

const pick = ({ url, section, kind }: { url: string; section: string; kind: string }) => ({ url, section, kind });

test('should map _index.md to the section list, and the root one to /', () => {
  const s = permalink({ contentPath: 'post/_index.md', title: 'Posts' });
  assert.deepEqual([s.url, s.kind, s.outputPath], ['/post/', 'section', 'post/index.html']);
  assert.equal(permalink({ contentPath: '_index.md', title: 'Home' }).url, '/');
  // A section's `url` moves its list (Hugo: `notes/_index.md` with `url: /my-notes/` lists at /my-notes/); the home stays at /.
  assert.deepEqual(pick(permalink({ contentPath: 'notes/_index.md', title: 'Notes', url: 'my-notes' })), { url: '/my-notes/', section: 'notes', kind: 'section' });
  assert.equal(permalink({ contentPath: 'notes/_index.md', title: 'Notes', slug: 'ignored' }).url, '/notes/');
  assert.equal(permalink({ contentPath: '_index.md', title: 'Home', url: '/home/' }).url, '/');
  const unsafe = permalink({ contentPath: 'notes/_index.md', title: 'Notes', url: '../out/' });
  assert.deepEqual([unsafe.url, unsafe.problems.map((p) => p.ruleId)], ['/notes/', ['unsafe-path']]);
});

test('should keep a taxonomy\'s or a term\'s `_index.md` at its folder whatever its `url` (hugo-unsupported)', () => {
  const term = permalink({ contentPath: 'tags/Go Lang/_index.md', title: 'Go', url: '/go.html', taxonomy: true });
  assert.deepEqual([term.url, term.outputPath, term.problems.map((p) => [p.key, p.ruleId])], ['/tags/go-lang/', 'tags/go-lang/index.html', [['url', 'hugo-unsupported']]]);
  assert.match(term.problems[0].reason, /keeps this page at `\/tags\/go-lang\/`/);
  assert.equal(permalink({ contentPath: 'tags/_index.md', title: 'Tags', url: '/all/', taxonomy: true }).url, '/tags/');
  // Its pages keep their `url`, as in Hugo.
  assert.equal(permalink({ contentPath: 'tags/page.md', title: 'Page', url: '/p.html', taxonomy: true }).url, '/p.html');
});

test('should put top-level pages at /name/', () => {
  const p = permalink({ contentPath: 'about.md', title: 'About' });
  assert.deepEqual([p.url, p.section], ['/about/', '']);
});

test('should use the front-matter slug in the default URL, urlized', () => {
  assert.equal(permalink({ contentPath: 'post/a.md', title: 'A', slug: 'My Slug' }).url, '/post/my-slug/');
});

test('should fill Hugo tokens from the section pattern', () => {
  const patterns = { post: '/:year/:month/:day/:slug/', news: '/:section/:title/', notes: '/n/:filename/', t: '/:monthname/:contentbasename/' };
  assert.equal(permalink({ contentPath: 'post/a.md', title: 'Hello World', date }, patterns).url, '/2023/11/06/hello-world/');
  assert.equal(permalink({ contentPath: 'post/a.md', title: 'Hello World', slug: 'hi', date }, patterns).url, '/2023/11/06/hi/');
  assert.equal(permalink({ contentPath: 'news/a.md', title: 'Istio 1.0 发布', date }, patterns).url, '/news/istio-1.0-发布/');
  assert.equal(permalink({ contentPath: 'notes/x/index.md', title: 'X', date }, patterns).url, '/n/x/');
  assert.equal(permalink({ contentPath: 't/b.md', title: 'X', date }, patterns).url, '/november/b/');
});

test('should let front-matter url win and normalize it', () => {
  assert.equal(permalink({ contentPath: 'post/a.md', title: 'A', url: '/talks/istio' }).url, '/talks/istio/');
  const file = permalink({ contentPath: 'post/a.md', title: 'A', url: 'old/page.html' });
  assert.deepEqual([file.url, file.outputPath], ['/old/page.html', 'old/page.html']);
});

test('should refuse unsafe url, slug and aliases with unsafe-path', () => {
  for (const url of ['../../etc/passwd', '/a/../b/', 'https://evil.test/x', '//evil.test/', 'a\\b', 'a\u0000b', 'a\nb']) {
    const p = permalink({ contentPath: 'post/a.md', title: 'A', url });
    assert.equal(p.url, '/post/a/', url);
    assert.equal(p.problems.length, 1);
    assert.equal(p.problems[0].ruleId, 'unsafe-path');
  }
  const s = permalink({ contentPath: 'post/a.md', title: 'A', slug: '../x' });
  assert.equal(s.url, '/post/a/');
  assert.equal(s.problems[0].reason, 'Unexpected a `.` or `..` segment in `slug` `../x`, expected a path inside the site (like `/post/my-post/`): the file name is used; fix the value');
  const nul = permalink({ contentPath: 'post/a.md', title: 'A', slug: 'a\u0000' });
  assert.match(nul.problems[0].reason, /control character in `slug` `a\\u0000`/);
  const aliases = checkAliases(['/old/', 'older', '../../x', 'C:\\win', '/ok/page.html']);
  assert.deepEqual(aliases.aliases, ['/old/', '/older/', '/ok/page.html']);
  assert.deepEqual(aliases.problems.map((p) => p.key), ['aliases', 'aliases']);
});

test('should never produce .. segments from tokens', () => {
  const p = permalink({ contentPath: 'post/a.md', title: '..', date }, { post: '/:title/:slug/' });
  assert.ok(!p.url.split('/').includes('..'), p.url);
});
