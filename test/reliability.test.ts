/**
 * Bad input gets a clear error: every content problem is a message with
 * `file:line:col` and a rule id, all in one report, never a stack trace; odd
 * but valid input (BOM, CRLF, huge posts, many tags) simply builds.
 * Times are printed as notes, never asserted.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { main } from '../src/cli.js';
import { build } from '../src/index.js';
import { formatReport } from '../src/report.js';
import type { BuildResult } from '../src/types.js';
import { makeSite, snapshot } from './helpers/site.js';

const fm = (extra = '') => `---\ntitle: T\ndate: 2024-01-02\n${extra}${extra ? '\n' : ''}---\n\n`;
const now = new Date('2025-01-01T00:00:00Z');

/** Every message as `path:line:col rule-id`, sorted. */
function places(result: BuildResult): string[] {
  return result.files.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line ?? '?'}:${m.column ?? '?'} ${m.ruleId}`)).sort();
}

async function timed(label: string, run: () => Promise<BuildResult>): Promise<BuildResult> {
  const start = performance.now();
  const result = await run();
  console.log(`# note: ${label}: ${Math.round(performance.now() - start)} ms`);
  return result;
}

test('should report every front matter problem of a run in one report, with file:line:col and rule ids', async () => {
  const root = makeSite({
    'content/post/ok.md': fm() + 'Fine.\n',
    'content/post/indent.md': '---\ntitle: A\n  date: 2024-01-02\n---\n\nx\n',
    'content/post/tabs.md': '---\ntitle: A\n\tdate: 2024-01-02\n---\n\nx\n',
    'content/post/unclosed.md': '---\ntitle: A\ndate: 2024-01-02\n\nx\n',
    'content/post/colon.md': '---\ntitle: Istio: the story\ndate: 2024-01-02\n---\n\nx\n',
    'content/post/types.md': '---\ntitle: [1, 2]\ndate: 2024-01-02\ntags: {a: 1}\ndraft: "yes"\n---\n\nx\n',
    'content/post/nodate.md': '---\ntitle: A\ndate: 2023-02-30\nlastmod: 2023-13-01\n---\n\nx\n',
    'content/post/empty.md': '',
    'content/post/toml.md': '+++\ntitle = "A\ndate = 2024-01-02\n+++\n\nx\n',
  });
  const result = await build({ root, search: false });
  assert.equal(result.ok, false);
  assert.deepEqual(places(result), [
    'content/post/colon.md:2:13 yaml-syntax',
    'content/post/empty.md:1:1 empty-file',
    'content/post/indent.md:3:3 yaml-syntax',
    'content/post/nodate.md:3:7 invalid-date',
    'content/post/nodate.md:4:10 invalid-date',
    'content/post/tabs.md:3:1 yaml-syntax',
    'content/post/toml.md:2:11 toml-syntax',
    'content/post/types.md:2:8 invalid-field-type',
    'content/post/types.md:4:7 invalid-field-type',
    'content/post/types.md:5:8 invalid-field-type',
    'content/post/unclosed.md:1:1 unclosed-front-matter',
  ]);
  const report = formatReport(result.files);
  assert.doesNotMatch(report, /^\s+at /m, 'no stack trace');
  assert.match(report, /quote a value that contains `: `/, 'the reason says what to do');
  assert.ok(!fs.existsSync(path.join(root, 'public')), 'nothing is written');
});

test('should report every body problem of a run in one report: shortcodes, nesting', async () => {
  const root = makeSite({
    'content/post/ok.md': fm() + 'Fine.\n',
    'content/post/unterminated.md': fm() + 'Text {{< youtube JtD5wL5WABI\n\nMore.\n',
    'content/post/unclosed.md': fm() + '{{< highlight go >}}\nfunc main() {}\n',
    'content/post/unknown.md': fm() + '{{< no-such-thing a="b" >}}\n',
    'content/post/nested.md': fm() + '{{< figure src="a.png" >}}{{< youtube JtD5wL5WABI >}}{{< /figure >}}\n\n{{< youtube {{< youtube x >}} >}}\n',
    'content/post/quotes.md': fm() + '>'.repeat(1000) + ' deep\n',
    'content/post/stack.md': fm() + '>'.repeat(10_000) + ' deep\n',
    // Past the limit of 256; deeper lists take remark-parse super-linear time (400 levels: ~20 s), bounded only by the worker time budget.
    'content/post/lists.md': fm() + Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n') + '\n',
  });
  const result = await timed('body problems (1,000 and 10,000 nested quotes, 300 nested lists)', () => build({ root, search: false, threads: 0 }));
  assert.equal(result.ok, false);
  const all = places(result);
  const report = formatReport(result.files);
  const rules = (file: string) => all.filter((p) => p.startsWith(`content/post/${file}.md:`)).map((p) => p.split(' ')[1]);
  assert.ok(rules('unterminated').includes('invalid-shortcode'), report);
  assert.ok(rules('unclosed').includes('unclosed-shortcode'), report);
  assert.ok(rules('unknown').includes('unknown-shortcode'), report);
  assert.ok(rules('nested').length > 0, report);
  assert.deepEqual(rules('quotes'), ['nesting-too-deep'], report);
  assert.deepEqual(rules('lists'), ['nesting-too-deep'], report);
  // 10,000 levels overflow remark-parse itself: reported by name, at the 257th `>`.
  assert.deepEqual(rules('stack'), ['nesting-too-deep'], report);
  assert.ok(all.includes('content/post/stack.md:6:257 nesting-too-deep'), report);
  assert.ok(all.every((p) => !p.includes(':?:')), `every message has a place:\n${report}`);
  assert.doesNotMatch(report, /^\s+at /m, 'no stack trace');
  assert.match(report, /nesting deeper than \d+ levels/);
});

test('should build a UTF-8 BOM and CRLF line endings exactly like LF', async () => {
  const post = fm('tags:\n  - a\ndescription: "Line"') + '## Heading\n\nText *em*\nnext line.\n\n- one\n- two\n\n```js\nlet a = 1;\n```\n\n{{< youtube JtD5wL5WABI >}}\n';
  const lf = makeSite({ 'content/post/p.md': post });
  const crlf = makeSite({ 'content/post/p.md': '\uFEFF' + post.replace(/\n/g, '\r\n') });
  const a = await build({ root: lf, search: false }, { now });
  const b = await build({ root: crlf, search: false }, { now });
  assert.equal(a.ok, true, formatReport(a.files));
  assert.equal(b.ok, true, formatReport(b.files));
  assert.equal(b.warnings, 0, formatReport(b.files));
  assert.deepEqual(snapshot(path.join(crlf, 'public')), snapshot(path.join(lf, 'public')));
});

test('should report non-UTF-8 and binary `.md` files by name, with no mojibake in the output', async () => {
  const root = makeSite({
    'content/post/ok.md': fm() + 'Fine.\n',
    'content/post/latin1.md': Buffer.concat([Buffer.from(fm() + 'caf'), Buffer.from([0xe9, 0x20, 0xff, 0xfe]), Buffer.from('\n')]),
    'content/post/png.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    'content/post/binary.md': Buffer.from('PK\x03\x04\0\0\0\0 zip-like bytes that are valid UTF-8 but hold NULs\0\0'),
  });
  const result = await build({ root, search: false });
  const report = formatReport(result.files);
  assert.equal(result.ok, false, report);
  const all = places(result);
  assert.ok(all.some((p) => p.startsWith('content/post/latin1.md:') && p.endsWith(' invalid-encoding')), report);
  assert.ok(all.some((p) => p.startsWith('content/post/binary.md') && p.endsWith(' binary-file')), report);
  assert.ok(all.some((p) => p.startsWith('content/post/png.md') && / (binary-file|invalid-encoding)$/.test(p)), report);
  assert.doesNotMatch(report, /\uFFFD/, 'the report has no replacement characters');
  // The same files as warnings-only siblings of a good build would still not leak: check no page holds U+FFFD.
  if (fs.existsSync(path.join(root, 'public'))) {
    for (const [file, data] of snapshot(path.join(root, 'public'))) assert.doesNotMatch(Buffer.from(data, 'base64').toString('utf8'), /\uFFFD/, file);
  }
});

test('should build a 5 MB post and a post that is one 1 MB line', async () => {
  const paragraph = 'So you have been involved with so many important products. Yeah, lots of different ones, and the relevant one is the last.\n\n';
  const root = makeSite({
    'content/post/big.md': fm() + paragraph.repeat(Math.ceil((5 * 1024 * 1024) / paragraph.length)),
    'content/post/line.md': fm() + 'word '.repeat((1024 * 1024) / 5) + '\n',
  });
  const result = await timed('5 MB post + 1 MB line', () => build({ root, search: false }));
  assert.equal(result.ok, true, formatReport(result.files));
  assert.ok(fs.statSync(path.join(root, 'public/post/big/index.html')).size > 5 * 1024 * 1024);
  assert.ok(fs.statSync(path.join(root, 'public/post/line/index.html')).size > 1024 * 1024);
});

test('should build 10,000 tags on one post', async () => {
  const tags = Array.from({ length: 10_000 }, (_, i) => `  - tag ${i}`).join('\n');
  const root = makeSite({ 'content/post/tags.md': fm(`tags:\n${tags}`) + 'Tagged.\n' });
  const result = await timed('10,000 tags', () => build({ root, search: false }));
  assert.equal(result.ok, true, formatReport(result.files));
  assert.ok(fs.existsSync(path.join(root, 'public/tags/tag-9999/index.html')));
  const page = fs.readFileSync(path.join(root, 'public/post/tags/index.html'), 'utf8');
  assert.equal(page.match(/href="\/tags\/tag-\d+\/"/g)?.length, 10_000);
});

test('should bound pathological emphasis and brackets: fast, or failed by the time budget with the file name', async () => {
  const root = makeSite({
    'content/post/ok.md': fm() + 'Fine.\n',
    'content/post/emphasis.md': fm() + '*'.repeat(50_000) + 'a' + '_'.repeat(50_000) + '\n\n' + '*a **b '.repeat(20_000) + '\n',
    'content/post/brackets.md': fm() + '['.repeat(50_000) + 'x' + ']('.repeat(20_000) + '\n\n' + '[a]('.repeat(20_000) + '\n\n' + '<'.repeat(20_000) + '\n',
  });
  const result = await timed('pathological emphasis and brackets (threads: 1, budget: 2000)', () => build({ root, search: false, threads: 1, budget: 2000 }));
  const report = formatReport(result.files);
  assert.doesNotMatch(report, /^\s+at /m, 'no stack trace');
  if (result.ok) {
    // remark-parse handled both inside the budget: the pages exist.
    assert.ok(fs.existsSync(path.join(root, 'public/post/emphasis/index.html')));
    assert.ok(fs.existsSync(path.join(root, 'public/post/brackets/index.html')));
  } else {
    const over = places(result).filter((p) => p.endsWith(' time-budget'));
    assert.ok(over.length > 0, report);
    assert.ok(over.every((p) => /^content\/post\/(emphasis|brackets)\.md:/.test(p)), report);
  }
});

test('should fail a post over the time budget with its name instead of hanging', async () => {
  // A user remark plugin that never finishes stands in for Markdown remark-parse cannot handle in time.
  const root = makeSite({
    'content/post/ok.md': fm() + 'Fine.\n',
    'content/post/slow.md': fm() + 'SPIN\n',
    'onair.config.mjs': `export default { remarkPlugins: [() => (tree, file) => { if (String(file.value).includes('SPIN')) for (;;) {} }] };\n`,
  });
  const result = await timed('time budget of 2 s', () => build({ root, search: false, threads: 1, budget: 2000 }));
  const report = formatReport(result.files);
  assert.equal(result.ok, false, report);
  assert.deepEqual(places(result).filter((p) => p.endsWith(' time-budget')), ['content/post/slow.md:1:1 time-budget'], report);
});

test('should make `--strict` fail on warnings (CLI)', async () => {
  const root = makeSite({ 'content/post/a.md': fm('tags: istio') + 'A [link](javascript:alert(1)).\n' });
  const errors: string[] = [];
  const logs: string[] = [];
  const { error, log } = console;
  console.error = (...args: unknown[]) => void errors.push(args.join(' '));
  console.log = (...args: unknown[]) => void logs.push(args.join(' '));
  try {
    assert.equal(await main(['build', '--root', root, '--quiet']), 0);
    const before = snapshot(path.join(root, 'public'));
    fs.appendFileSync(path.join(root, 'content/post/a.md'), '\nMore.\n');
    errors.length = 0;
    assert.equal(await main(['build', '--root', root, '--strict']), 1);
    const text = errors.join('\n');
    assert.match(text, /content\/post\/a\.md/);
    assert.match(text, /string-as-list/);
    assert.match(text, /left as it was/);
    assert.deepEqual(snapshot(path.join(root, 'public')), before, 'a strict failure keeps the previous output');
  } finally {
    console.error = error;
    console.log = log;
  }
});

test('should report a template that throws as a message with its place, on workers too, keeping the previous output', async () => {
  // A helper in a partial throws: the place is the partial's line, not the compiled bundle's.
  const partial = 'export function badge(post: any): any {\n  return post.params.badge.toUpperCase();\n}\n';
  const post = "import { badge } from './partials/badge.js';\nexport default function post(props: any) {\n  return { type: 'text', value: badge(props.post) };\n}\n";
  const list = 'export default function list(props: any): any {\n  const none: any = undefined;\n  return none.children;\n}\n';
  const root = makeSite({ 'onair.yaml': 'title: T\nbaseUrl: https://example.com/\n', 'content/post/a.md': fm() + 'A.\n', 'content/post/b.md': fm() + 'B.\n' });
  try {
    assert.equal((await build({ root, search: false })).ok, true);
    const before = snapshot(path.join(root, 'public'));
    fs.mkdirSync(path.join(root, 'templates/partials'), { recursive: true });
    fs.writeFileSync(path.join(root, 'templates/partials/badge.ts'), partial);
    fs.writeFileSync(path.join(root, 'templates/post.tsx'), post);
    fs.writeFileSync(path.join(root, 'templates/list.tsx'), list);
    for (const threads of [0, 1]) {
      const result = await build({ root, search: false, threads });
      assert.equal(result.ok, false, `threads ${threads}`);
      const messages = result.files.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line ?? '?'}:${m.column ?? '?'} ${m.ruleId} ${m.fatal} ${m.reason}`)).sort();
      const why = "Cannot read properties of undefined (reading 'toUpperCase'); fix the template, or remove it to use the default theme's";
      assert.deepEqual(messages, [
        `content/post/a.md:?:? template-error true Template \`templates/post.tsx\` failed at \`templates/partials/badge.ts:2:28\`: ${why}`,
        `content/post/b.md:?:? template-error true Template \`templates/post.tsx\` failed at \`templates/partials/badge.ts:2:28\`: ${why}`,
      ], `threads ${threads}`);
      assert.deepEqual(snapshot(path.join(root, 'public')), before, 'the previous output is untouched');
    }
    // With the posts fixed, the list template's error is on its own file, at its line.
    fs.rmSync(path.join(root, 'templates/post.tsx'));
    const result = await build({ root, search: false });
    assert.equal(result.ok, false);
    assert.deepEqual(places(result), ['templates/list.tsx:3:15 template-error']);
    assert.match(formatReport(result.files), /templates\/list\.tsx\n3:15 error Template `templates\/list\.tsx` failed: Cannot read properties of undefined \(reading 'children'\)/);
    assert.doesNotMatch(formatReport(result.files), /^\s+at |data:text/m, 'no stack trace, no compiled code');
    assert.deepEqual(snapshot(path.join(root, 'public')), before);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
