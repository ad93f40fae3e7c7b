/**
 * Nesting past the limit is a `nesting-too-deep` message with a place, in a
 * site build and in the standalone processor, never a bare `RangeError`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { build, createMarkdownProcessor } from '../src/index.js';
import { maxDepth, nestingPlace } from '../src/model/depth.js';
import { formatReport } from '../src/report.js';
import { makeSite } from './helpers/site.js';

const fm = '---\ntitle: T\ndate: 2024-01-02\n---\n\n';

test('should place deep nesting at the first container marker past the limit', () => {
  assert.equal(maxDepth, 256);
  assert.deepEqual(nestingPlace(fm + '>'.repeat(10_000) + ' deep\n'), { line: 6, column: 257 });
  assert.deepEqual(nestingPlace('a\n\n' + '> '.repeat(300) + 'x\n'), { line: 3, column: 513 });
  assert.deepEqual(nestingPlace('- '.repeat(300) + 'x\n'), { line: 1, column: 513 });
  assert.deepEqual(nestingPlace(' 1. '.repeat(300) + 'x\n'), { line: 1, column: 1026 });
  // Under the limit: the deepest line; no containers: the first body line.
  assert.deepEqual(nestingPlace('x\n> > y\n> z\n'), { line: 2, column: 3 });
  assert.deepEqual(nestingPlace(fm + 'plain\n'), { line: 5, column: 1 });
});

test('should fail the standalone processor with a nesting-too-deep message, not a RangeError', async () => {
  const processor = createMarkdownProcessor();
  const file = new VFile({ path: 'deep.md', value: '# Title\n\n' + '>'.repeat(10_000) + ' deep\n' });
  const error = await processor.process(file).then(
    () => assert.fail('the deep file should fail'),
    (error: unknown) => error,
  );
  assert.ok(error instanceof VFileMessage, String(error));
  assert.equal(error.ruleId, 'nesting-too-deep');
  assert.equal(error.source, 'onair');
  assert.equal(error.fatal, true);
  assert.equal(`${error.line}:${error.column}`, '3:257');
  assert.match(error.reason, /^Unexpected nesting deeper than 256 levels, expected fewer nested block quotes or lists; flatten the structure$/);
  assert.ok(file.messages.includes(error), 'the message is on the file');
  assert.ok(error.cause instanceof RangeError, 'the overflow is kept as the cause');
});

test('should fail the standalone processor on a tree past the limit that parses', async () => {
  const file = new VFile({ path: 'deep.md', value: '> '.repeat(300) + 'x\n' });
  const error = await createMarkdownProcessor().process(file).catch((error: unknown) => error);
  assert.ok(error instanceof VFileMessage, String(error));
  assert.equal(error.ruleId, 'nesting-too-deep');
  assert.equal(error.line, 1);
  const fine = await createMarkdownProcessor().process('> '.repeat(100) + 'x\n');
  assert.match(String(fine), /<blockquote>/);
});

test('should report a post that overflows the parser at the line and column of the deep nesting', async () => {
  const root = makeSite({
    'content/post/ok.md': fm + 'Fine.\n',
    'content/post/stack.md': fm + 'Intro.\n\n' + '>'.repeat(10_000) + ' deep\n',
  });
  const result = await build({ root, search: false, cache: false, threads: 0 });
  const report = formatReport(result.files);
  assert.equal(result.ok, false);
  const file = result.files.find((f) => f.path === 'content/post/stack.md')!;
  assert.deepEqual(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal}`), ['8:257 nesting-too-deep true'], report);
  assert.match(report, /content\/post\/stack\.md\n8:257\s+error\s+Unexpected nesting deeper than 256 levels/);
  assert.doesNotMatch(report, /RangeError|^\s+at /m, 'no stack trace');
});
