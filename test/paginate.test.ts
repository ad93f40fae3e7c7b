import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as mod from '../src/model/paginate.js';

test('should expose listFolder, pageCount, paginate and pageUrl', () => {
  assert.deepEqual(Object.keys(mod).sort(), ['listFolder', 'pageCount', 'pageUrl', 'paginate']);
});

const list = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

test('should make one empty page for 0 items', () => {
  assert.deepEqual(mod.paginate([], 10, '/'), [
    { items: [], pagination: { page: 1, totalPages: 1, totalItems: 0, prev: undefined, next: undefined, pages: ['/'] } }
  ]);
});

test('should make one page for 1 item', () => {
  const pages = mod.paginate(list(1), 10, '/tags/istio/');
  assert.equal(pages.length, 1);
  assert.deepEqual(pages[0].items, [1]);
  assert.deepEqual(pages[0].pagination.pages, ['/tags/istio/']);
});

test('should make one full page for 10 items', () => {
  const pages = mod.paginate(list(10), 10, '/');
  assert.equal(pages.length, 1);
  assert.equal(pages[0].items.length, 10);
  assert.equal(pages[0].pagination.next, undefined);
});

test('should make a second page at /page/2/ for 11 items', () => {
  const pages = mod.paginate(list(11), 10, '/tags/istio/');
  assert.deepEqual(pages.map((p) => p.items.length), [10, 1]);
  assert.deepEqual(pages[0].pagination, {
    page: 1, totalPages: 2, totalItems: 11, prev: undefined, next: '/tags/istio/page/2/',
    pages: ['/tags/istio/', '/tags/istio/page/2/']
  });
  assert.equal(pages[1].pagination.prev, '/tags/istio/');
  assert.equal(pages[1].pagination.page, 2);
  assert.deepEqual(pages[1].items, [11]);
});

test('should add a missing trailing slash to the base URL', () => {
  assert.equal(mod.pageUrl('/post', 3), '/post/page/3/');
  assert.equal(mod.pageUrl('/post', 1), '/post/');
});

test('should keep page 1 of a file URL (`/notes.html`) at the file, and the other pages in `/notes/`', () => {
  assert.deepEqual(mod.paginate(list(3), 1, '/notes.html').map((p) => p.pagination.pages), Array(3).fill(['/notes.html', '/notes/page/2/', '/notes/page/3/']));
  assert.equal(mod.pageUrl('/a/feed.xml', 2), '/a/feed/page/2/');
  assert.equal(mod.listFolder('/notes.html'), '/notes/');
  assert.equal(mod.listFolder('/tags/go/'), '/tags/go/');
  // A file name that is all extension leaves no name for a folder: the folder it sits in.
  assert.equal(mod.listFolder('/a/.html'), '/a/');
});

test('should count the pages paginate makes (at least 1)', () => {
  for (const [count, size] of [[0, 10], [1, 10], [10, 10], [11, 10], [3, 1], [7, 3]]) {
    assert.equal(mod.pageCount(count, size), mod.paginate(list(count), size, '/').length, `${count} by ${size}`);
  }
});

test('should throw on a page size below 1', () => {
  assert.throws(() => mod.paginate([1], 0, '/'), /Unexpected page size `0`/);
  assert.throws(() => mod.pageCount(1, 0.5), /Unexpected page size `0.5`/);
});
