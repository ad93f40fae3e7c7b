/**
 * Files that are not UTF-8 text: the message points at the first bad byte
 * (`file:line:col`), so the author can find it in a long post.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readContentFileSync } from '../src/content/load.js';
import { makeSite } from './helpers/site.js';
import path from 'node:path';

function read(bytes: Uint8Array) {
  const root = makeSite({ 'content/post/x.md': bytes });
  const file = readContentFileSync({ absolute: path.join(root, 'content/post/x.md'), contentPath: 'post/x.md' }, root);
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}${m.fatal ? '' : ' (warning)'}`);
}

test('should place `invalid-encoding` at the first byte that is not UTF-8', () => {
  // Line 3, after `ab` and a valid `é`: column 4.
  const text = Buffer.concat([Buffer.from('---\ntitle: x\nab\u00e9'), Buffer.from([0xe9, 0x0a])]);
  assert.deepEqual(read(text), ['3:4 invalid-encoding']);
  // With a BOM and CRLF: columns count characters of the line, the BOM is no character.
  assert.deepEqual(read(Buffer.concat([Buffer.from('\ufeff---\r\nt: \u4e2d'), Buffer.from([0xff])])), ['2:5 invalid-encoding']);
  // A truncated sequence at the very end.
  assert.deepEqual(read(Buffer.from([0x61, 0x0a, 0xe4, 0xb8])), ['2:1 invalid-encoding']);
});

test('should place `binary-file` at the first NUL byte', () => {
  assert.deepEqual(read(Buffer.from('---\ntitle: x\n---\nbody \0 here\n')), ['4:6 binary-file']);
});

test('should place `file-too-large` at the start of the file', () => {
  assert.deepEqual(read(Buffer.alloc(16 * 1024 * 1024 + 1, 0x61)), ['1:1 file-too-large']);
});
