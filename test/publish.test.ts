/** Which posts a build publishes: drafts, future and expired posts, at the exact boundaries Hugo uses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPublished } from '../src/model/post.js';
import type { PostMeta } from '../src/types.js';

const now = new Date('2025-06-01T12:00:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const post = (fields: Partial<PostMeta>) => ({ draft: false, params: {}, ...fields }) as PostMeta;

test('should leave out drafts unless asked for', () => {
  assert.equal(isPublished(post({ draft: true }), { now }), false);
  assert.equal(isPublished(post({ draft: true }), { now, drafts: true }), true);
});

test('should publish from the publish date on, as Hugo does (a date equal to now is not in the future)', () => {
  assert.equal(isPublished(post({ date: now }), { now }), true);
  assert.equal(isPublished(post({ date: at(1) }), { now }), false);
  assert.equal(isPublished(post({ date: at(-1), publishDate: at(1) }), { now }), false, 'publishDate wins over date');
  assert.equal(isPublished(post({ date: at(1) }), { now, future: true }), true);
});

test('should expire once the expiry date is past, as Hugo does (a date equal to now has not expired)', () => {
  assert.equal(isPublished(post({ expiryDate: now }), { now }), true);
  assert.equal(isPublished(post({ expiryDate: at(-1) }), { now }), false);
  assert.equal(isPublished(post({ expiryDate: at(1) }), { now }), true);
  assert.equal(isPublished(post({ expiryDate: at(-1) }), { now, expired: true }), true);
});
