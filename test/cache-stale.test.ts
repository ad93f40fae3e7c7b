/**
 * A post edited between the moment its front matter is read and the moment
 * it is rendered: the thread that renders reads the new text, so the page
 * shows it, but the result must never be cached under the key made from the
 * old text (a later build with the old text would then show the new one).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import { makeSite } from './helpers/site.js';

const post = (title: string, body: string, day: string) => `---\ntitle: ${title}\ndate: 2024-01-${day}\n---\n\n${body}\n`;

test('should render a post edited during the build from its new text and never cache it under the old one', async () => {
  const root = makeSite({ 'content/post/new.md': post('New', 'Newest post.', '09'), 'content/post/old.md': post('Old', 'Original words.', '01') });
  const old = path.join(root, 'content/post/old.md');
  const original = fs.readFileSync(old, 'utf8');
  const page = () => fs.readFileSync(path.join(root, 'public/post/old/index.html'), 'utf8');
  // One post at a time in this thread, newest first: the oldest is edited once the newest is done.
  let edited = false;
  const first = await build({ root, search: false, threads: 0, onProgress: () => {
    if (edited) return;
    edited = true;
    fs.writeFileSync(old, original.replace('Original words.', 'Edited words.'));
  } });
  assert.equal(first.ok, true, formatReport(first.files));
  assert.equal(edited, true);
  assert.match(page(), /Edited words\./);
  assert.doesNotMatch(page(), /Original words\./);

  // Back to the text whose front matter the first build read: its key is that build's key for the post.
  fs.writeFileSync(old, original);
  const second = await build({ root, search: false, threads: 0 });
  assert.equal(second.ok, true, formatReport(second.files));
  assert.match(page(), /Original words\./, 'the page of the edited text was served for the original one');
  fs.rmSync(root, { recursive: true, force: true });
});
