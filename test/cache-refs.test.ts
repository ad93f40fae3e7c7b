/**
 * The site map is not part of every post's key: adding a post re-renders
 * only its neighbours, while a post whose `ref` target moved is made again
 * (page, lists and feeds), never served stale.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import { makeSite, snapshot } from './helpers/site.js';

const post = (title: string, date: string, body = 'Hello.', extra = '') => `---\ntitle: ${title}\ndate: ${date}\n${extra}---\n\n${body}\n`;
const inode = (root: string, page: string) => fs.statSync(path.join(root, 'public', page, 'index.html')).ino;

test('should re-render only the neighbours of an added post, and every post whose ref resolves differently', async () => {
  const root = makeSite({
    'content/post/a.md': post('Alpha', '2024-01-01'),
    'content/post/b.md': post('Beta', '2024-02-01'),
    'content/post/c.md': post('Gamma', '2024-03-01', 'See [the delta post]({{< ref "d.md" >}}).', 'tags: [linking]\n'),
    'content/post/d.md': post('Delta', '2023-06-01'),
  });
  const first = await build({ root, search: false });
  assert.equal(first.ok, true, formatReport(first.files));
  const before = Object.fromEntries(['post/a', 'post/b', 'post/c', 'post/d'].map((page) => [page, inode(root, page)]));

  // The oldest post: only Delta (its newer neighbour) links to it.
  fs.writeFileSync(path.join(root, 'content/post/e.md'), post('Epsilon', '2022-01-01'));
  const added = await build({ root, search: false });
  assert.equal(added.ok, true, formatReport(added.files));
  for (const page of ['post/a', 'post/b', 'post/c']) assert.equal(inode(root, page), before[page], `${page} is not made again`);
  assert.notEqual(inode(root, 'post/d'), before['post/d'], 'the neighbour is');
  assert.match(fs.readFileSync(path.join(root, 'public/post/d/index.html'), 'utf8'), /Epsilon/);

  // Delta moves (Gamma is not its neighbour): Gamma's link must follow, in its page and in the feed that carries its body.
  fs.writeFileSync(path.join(root, 'content/post/d.md'), post('Delta', '2023-06-01', 'Hello.', 'slug: delta-moved\n'));
  const moved = await build({ root, search: false });
  assert.equal(moved.ok, true, formatReport(moved.files));
  const gamma = fs.readFileSync(path.join(root, 'public/post/c/index.html'), 'utf8');
  assert.match(gamma, /href="\/post\/delta-moved\/"/, 'the ref follows the page it points at');
  // Only Gamma is in this feed: it is made again because what Gamma's ref resolved to is part of Gamma's key for lists.
  const feed = fs.readFileSync(path.join(root, 'public/tags/linking/index.xml'), 'utf8');
  assert.match(feed, /\/post\/delta-moved\//);
  assert.doesNotMatch(feed, /\/post\/d\//, 'the feed has no stale link');

  const cold = await build({ root, out: path.join(root, 'cold'), cache: false, search: false });
  assert.equal(cold.ok, true);
  assert.deepEqual(snapshot(path.join(root, 'public')), snapshot(path.join(root, 'cold')), 'byte-identical to a cold build');
});
