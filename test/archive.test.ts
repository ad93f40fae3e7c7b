/**
 * The archive: one page up to `archiveLimit` posts; past it, a page per
 * year and an index listing the newest years in full (`model/archive.ts`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from '../src/index.js';
import { archiveLimit, archiveYears } from '../src/model/archive.js';

const at = (url: string, iso?: string) => ({ url, ...(iso ? { date: new Date(iso) } : {}) });

test('should keep the archive on one page up to the limit, and split it by year past it', () => {
  const posts = [at('/a/', '2023-01-05'), at('/b/', '2024-03-01'), at('/c/', '2023-06-01'), at('/d/'), at('/e/', '2021-02-02'), at('/f/', '2024-01-01')];
  const whole = archiveYears(posts, 6);
  assert.deepEqual(whole.map((y) => [y.year, y.posts.map((p) => p.url), y.inline, y.url]), [
    [2024, ['/b/', '/f/'], true, undefined],
    [2023, ['/c/', '/a/'], true, undefined],
    [2021, ['/e/'], true, undefined],
    [0, ['/d/'], true, undefined],
  ]);
  // Past the limit every year has a page; the index lists the newest years while they fit.
  const split = archiveYears(posts, 4);
  assert.deepEqual(split.map((y) => [y.year, y.posts.length, y.inline, y.url]), [
    [2024, 2, true, '/archive/2024/'],
    [2023, 2, true, '/archive/2023/'],
    [2021, 1, false, '/archive/2021/'],
    [0, 1, false, '/archive/undated/'],
  ]);
  assert.equal(archiveLimit, 2000);
});

test('should give a site past the limit year pages, list them in the sitemap, and refuse a post on one', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-archive-'));
  const dir = path.join(root, 'content/post');
  fs.mkdirSync(dir, { recursive: true });
  // 1,500 posts in 2024 (shown in full), 600 in 2023 (a link): 2,100 in all.
  for (let i = 0; i < 2100; i++) {
    const date = i < 1500 ? `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` : `2023-05-01`;
    fs.writeFileSync(path.join(dir, `p${i}.md`), `---\ntitle: P${i}\ndate: ${date}\n---\n\nText ${i}.\n`);
  }
  const out = path.join(root, 'public');
  const options = { root, out, search: false, cache: false, threads: 0 } as const;
  assert.equal((await build(options)).ok, true);
  const read = (file: string) => fs.readFileSync(path.join(out, file), 'utf8');
  const index = read('archive/index.html');
  assert.equal(index.match(/<li><time/g)?.length, 1500, 'the newest year in full');
  assert.match(index, /<a href="\/archive\/2023\/">2023<\/a> <span class="count">600 posts<\/span><\/h2><\/section>/);
  assert.equal(read('archive/2023/index.html').match(/<li><time/g)?.length, 600);
  assert.equal(read('archive/2024/index.html').match(/<li><time/g)?.length, 1500);
  assert.match(read('sitemap.xml'), /<loc>http:\/\/localhost:1313\/archive\/2023\/<\/loc>/);
  // A page on a year's archive page is refused, as on any page the site writes.
  fs.writeFileSync(path.join(dir, 'clash.md'), `---\ntitle: Clash\ndate: 2022-01-01\nurl: /archive/2023/\n---\n\nText.\n`);
  const clash = await build(options);
  assert.equal(clash.ok, false);
  const reasons = clash.files.flatMap((file) => file.messages.map((m) => `${file.path}: ${m.reason}`));
  assert.ok(reasons.some((r) => r.startsWith('content/post/clash.md: Unexpected output path `archive/2023/index.html` that the site uses for the archive page of 2023')), reasons.join('\n'));
  fs.rmSync(root, { recursive: true, force: true });
});
