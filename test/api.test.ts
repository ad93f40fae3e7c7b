import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as onair from '../src/index.js';
import * as shortcodes from '../src/shortcodes/index.js';

test('should expose the public API', () => {
  assert.deepEqual(Object.keys(onair).sort(), [
    'FsWriter',
    'MemoryWriter',
    'build',
    'countMessages',
    'createMarkdownProcessor',
    'defineConfig',
    'formatReport',
  ]);
  assert.equal(typeof shortcodes.default, 'function', '`onair/shortcodes` default-exports the remark plugin');
});

test('should turn Markdown into HTML with the processor factory', async () => {
  const processor = onair.createMarkdownProcessor();
  const file = await processor.process('---\ntitle: Hi\n---\n\n# Hello *world*\n\n| a |\n| - |\n| 1 |\n');
  const html = String(file);
  assert.match(html, /<h1 id="hello-world">Hello <em>world<\/em><\/h1>/);
  assert.match(html, /<table>/);
  assert.equal(file.data.matter?.title, 'Hi');
});
