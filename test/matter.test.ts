import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import * as dates from '../src/content/dates.js';
import * as matterModule from '../src/content/matter.js';
import { parseMatter, remarkMatter, splitFrontMatter } from '../src/content/matter.js';
import type { MatterOptions } from '../src/content/matter.js';
import { titleFromPath } from '../src/content/schema.js';
import { unsafeUrlScheme } from '../src/content/unsafe-url.js';

const fixtures = path.join(import.meta.dirname, 'fixtures/matter');
const update = process.env.UPDATE === '1';

test('should pin the public exports', () => {
  assert.deepEqual(Object.keys(matterModule).sort(), ['parseMatter', 'readMatter', 'remarkMatter', 'splitFrontMatter']);
  assert.deepEqual(Object.keys(dates).sort(), ['parseDate']);
});

/** Reads a fixture input, runs the cheap pass, returns what the fixture files hold. */
function runFixture(name: string): { json: string; messages: string; file: VFile } {
  const dir = path.join(fixtures, name);
  const text = fs.readFileSync(path.join(dir, 'input.md'), 'utf8');
  const optionsPath = path.join(dir, 'options.json');
  const options: MatterOptions = fs.existsSync(optionsPath) ? JSON.parse(fs.readFileSync(optionsPath, 'utf8')) : {};
  const file = new VFile({ path: `content/post/${name}.md`, value: text });
  const split = splitFrontMatter(text);
  const matter = parseMatter(file, split, options);
  assert.equal(file.data.matter, matter, 'file.data.matter is set');
  assert.ok(file.data.rawMatter, 'file.data.rawMatter is set');
  const { value: _value, ...framing } = split;
  const json = `${JSON.stringify({ split: framing, matter }, null, 2)}\n`;
  const messages = [...file.messages]
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    .map((m) => `${m.line ?? 0}:${m.column ?? 0} ${m.fatal ? 'error' : 'warning'} ${m.ruleId} ${m.reason}\n`)
    .join('');
  return { json, messages, file };
}

for (const name of fs.readdirSync(fixtures).sort()) {
  test(`should match the fixture \`${name}\``, () => {
    const { json, messages } = runFixture(name);
    const dir = path.join(fixtures, name);
    if (update) {
      fs.writeFileSync(path.join(dir, 'matter.json'), json);
      fs.writeFileSync(path.join(dir, 'messages.txt'), messages);
    }
    assert.equal(json, fs.readFileSync(path.join(dir, 'matter.json'), 'utf8'));
    assert.equal(messages, fs.readFileSync(path.join(dir, 'messages.txt'), 'utf8'));
  });
}

test('should point every message at the file line of its key', () => {
  // Each case: fixture, rule id, the text found at the reported line:column.
  const cases: Array<[string, string, string]> = [
    ['crlf', 'string-as-list', 'envoy'],
    ['crlf', 'invalid-field-type', 'maybe'],
    ['bom', 'string-as-list', 'istio'],
    ['yaml-bad-indentation', 'yaml-syntax', 'tags: [a]'],
    ['yaml-unquoted-colon', 'yaml-syntax', ': the story'],
    ['unsafe-tag', 'yaml-unsafe-tag', '!!js/function'],
    ['invalid-date-feb-30', 'invalid-date', '2023-02-30'],
    ['invalid-date-words', 'invalid-date', 'yesterday'],
    ['case-insensitive-keys', 'string-as-list', ''],
    ['toml-syntax', 'toml-syntax', 'Varun'],
    ['toml-wrong-type', 'invalid-field-type', '"maybe"'],
    ['proto-pollution', 'reserved-key', '__proto__'],
    ['unsafe-urls', 'unsafe-url', '" JaVa'],
    ['billion-laughs', 'yaml-alias-limit', '*'],
  ];
  for (const [name, ruleId, expected] of cases) {
    const { file } = runFixture(name);
    const message = file.messages.find((m) => m.ruleId === ruleId);
    if (expected === '') {
      assert.equal(message, undefined, `${name}: no ${ruleId}`);
      continue;
    }
    assert.ok(message, `${name}: has ${ruleId}`);
    const line = String(file.value).split(/\r?\n/)[message.line! - 1]!.replace(/^\uFEFF/, '');
    assert.ok(line.slice(message.column! - 1).startsWith(expected), `${name} ${ruleId}: ${JSON.stringify(line)} @${message.column}`);
  }
});

test('should never pollute prototypes', () => {
  const { file } = runFixture('proto-pollution');
  const probe: Record<string, unknown> = {};
  assert.equal(probe.polluted, undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  const matter = file.data.matter!;
  assert.equal(Object.getPrototypeOf(matter.params), Object.prototype);
  assert.deepEqual(Object.keys(matter.params).sort(), ['extra', 'fine']);
  assert.equal(Object.hasOwn(matter.params.extra as object, '__proto__'), false);
  assert.equal(Object.hasOwn(file.data.rawMatter!, '__proto__'), false);
  // Spreading or assigning the results stays harmless.
  const merged = Object.assign({}, matter.params, file.data.rawMatter);
  assert.equal((merged as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(merged), Object.prototype);
});

test('should read 10,000 tags on one post', () => {
  const tags = Array.from({ length: 10_000 }, (_, index) => `  - tag-${index}\n`).join('');
  const text = `---\ntitle: Many tags\ntags:\n${tags}---\n\nBody.\n`;
  const file = new VFile({ path: 'content/post/many.md', value: text });
  const start = performance.now();
  const matter = parseMatter(file, splitFrontMatter(text));
  const ms = performance.now() - start;
  assert.equal(matter.tags.length, 10_000);
  assert.equal(matter.tags[9_999], 'tag-9999');
  assert.equal(file.messages.length, 0);
  console.log(`# note: 10,000 tags parsed and validated in ${ms.toFixed(1)} ms`);
});

test('should fail a billion-laughs front matter fast, with one error', () => {
  const { file } = runFixture('billion-laughs');
  assert.deepEqual(
    file.messages.map((m) => [m.ruleId, m.fatal]),
    [['yaml-alias-limit', true]],
  );
  assert.equal(file.data.matter!.titleFromFileName, true);
});

test('should split front matter exactly (offsets, lines, BOM, CRLF, fences)', () => {
  assert.deepEqual(splitFrontMatter('---\na: 1\n---\nbody'), { kind: 'yaml', value: 'a: 1\n', valueLine: 2, bodyOffset: 13, bodyLine: 4 });
  assert.deepEqual(splitFrontMatter('\uFEFF+++\r\na = 1\r\n+++\r\nbody'), {
    kind: 'toml',
    value: 'a = 1\r\n',
    valueLine: 2,
    bodyOffset: 18,
    bodyLine: 4,
  });
  assert.deepEqual(splitFrontMatter('---\n---\n'), { kind: 'yaml', value: '', valueLine: 2, bodyOffset: 8, bodyLine: 3 });
  assert.deepEqual(splitFrontMatter('---\na: 1\n...\n'), { kind: 'yaml', value: 'a: 1\n', valueLine: 2, bodyOffset: 13, bodyLine: 4 });
  assert.deepEqual(splitFrontMatter('---\na: 1\n---'), { kind: 'yaml', value: 'a: 1\n', valueLine: 2, bodyOffset: 12, bodyLine: 3 });
  assert.equal(splitFrontMatter('----\na: 1\n----\n').kind, undefined, 'a thematic break is not a fence');
  assert.equal(splitFrontMatter('\n---\na: 1\n---\n').kind, undefined, 'front matter only at the very start');
  assert.equal(splitFrontMatter('+++\na = 1\n---\n').unclosed, true, 'TOML closes with +++ only');
  const text = '---\ntitle: x\n---\n\n# Body\n';
  const split = splitFrontMatter(text);
  assert.equal(text.slice(split.bodyOffset), '\n# Body\n');
});

test('should parse the dates that exist and only those', () => {
  const ok = (value: unknown) => {
    const result = dates.parseDate(value);
    assert.ok(result.ok, `${String(value)} parses`);
    return result.date.toISOString();
  };
  assert.equal(ok('2024-02-29'), '2024-02-29T00:00:00.000Z');
  assert.equal(ok('2023-11-16 10:30'), '2023-11-16T10:30:00.000Z');
  assert.equal(ok('2023-11-16T10:30:15+08:00'), '2023-11-16T02:30:15.000Z');
  assert.equal(ok('2023-11-16T10:30:15-0530'), '2023-11-16T16:00:15.000Z');
  assert.equal(ok(new Date('2020-01-01T00:00:00Z')), '2020-01-01T00:00:00.000Z');
  for (const bad of ['2023-02-29', '1900-02-29', '2023-04-31', '2023-00-10', '2023-11-16T24:00']) {
    assert.deepEqual(dates.parseDate(bad), { ok: false, reason: 'nonexistent' }, bad);
  }
  for (const bad of ['yesterday', '16/11/2023', '2023-1-5', 20231116, '', new Date(Number.NaN)]) {
    assert.deepEqual(dates.parseDate(bad), { ok: false, reason: 'format' }, String(bad));
  }
});

test('should catch obfuscated script URLs and let safe ones through', () => {
  for (const url of ['javascript:alert(1)', ' JAVASCRIPT:x', 'java\tscript:x', '&#106;avascript:x', '&#x6A;avascript:x', 'javascript&colon;x', 'vbscript:x', 'data:text/html,x', 'java&#x09;script:x']) {
    assert.ok(unsafeUrlScheme(url), url);
  }
  for (const url of ['https://example.com/', '/img/a.png', 'img.png', 'mailto:a@b.c', '#top']) {
    assert.equal(unsafeUrlScheme(url), undefined, url);
  }
  assert.equal(unsafeUrlScheme('data:image/png;base64,AAAA', { image: true }), undefined);
  assert.equal(unsafeUrlScheme('data:image/svg+xml,<svg>', { image: true }), 'data');
  assert.equal(unsafeUrlScheme('data:image/png;base64,AAAA'), 'data');
});

test('should derive a title from the file name', () => {
  assert.equal(titleFromPath('content/post/2023-11-16-kubecon-na-foo.md'), 'Kubecon Na Foo');
  assert.equal(titleFromPath('content/post/my_first-post/index.md'), 'My First Post');
  assert.equal(titleFromPath('content/post/2023-11-16.md'), '2023-11-16');
  assert.equal(titleFromPath('content/post/访谈.md'), '访谈');
  assert.equal(titleFromPath(undefined), 'Untitled');
});

test('should work as a remark plugin, and skip files the first pass read', async () => {
  const text = fs.readFileSync(path.join(fixtures, 'crlf/input.md'), 'utf8');
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkMatter, {});
  const file = new VFile({ path: 'content/post/crlf.md', value: text });
  await processor.run(processor.parse(file), file);
  assert.equal(file.data.matter?.title, 'CRLF post');
  assert.deepEqual(
    file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`),
    ['4:7 string-as-list', '5:8 invalid-field-type'],
  );

  const again = new VFile({ path: 'a.md', value: '---\ntitle: Real\n---\n' });
  parseMatter(again, splitFrontMatter(String(again.value)));
  const first = again.data.matter;
  await processor.run(processor.parse(again), again);
  assert.equal(again.data.matter, first, 'the first pass result is kept');

  const toml = new VFile({ path: 'b.md', value: '+++\ntitle = "T"\ntags = "x"\n+++\n' });
  await processor.run(processor.parse(toml), toml);
  assert.equal(toml.data.matter?.title, 'T');
  assert.deepEqual(toml.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`), ['3:8 string-as-list']);
});

test('should never throw on random front matter (property)', async () => {
  const fc = await import('fast-check');
  const pieces = ['---\n', '+++\n', 'title: ', 'tags:', '\n  - ', '[', ']', '{', '}', ': ', '"', "'", '&a ', '*a', '!!js/function ', '!!str ', '\t', '#', '2023-02-30', 'yes', '__proto__: ', 'date = ', '= ', '\r\n', '...', '\uFEFF', 'null', '~', '|', '>', '- ', '  '];
  const input = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join('')));
  fc.assert(
    fc.property(input, (body) => {
      for (const text of [body, `---\n${body}\n---\n`, `+++\n${body}\n+++\n`]) {
        const file = new VFile({ path: 'content/post/x.md', value: text });
        const matter = parseMatter(file, splitFrontMatter(text), { taxonomies: { tag: 'tags', series: 'series' } });
        assert.equal(typeof matter.title, 'string');
        for (const message of file.messages) {
          assert.ok(message.ruleId && (message.line ?? 1) >= 1 && (message.column ?? 1) >= 1, message.reason);
        }
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    }),
    { numRuns: 500, seed: 20261125 },
  );
});

test('should read TOML dates and reject a TOML time of day', async () => {
  const { parse } = await import('smol-toml');
  const data = parse('a = 2024-05-01T08:30:00\nb = 2024-05-01\nc = 08:30:00\nd = 2024-05-01T08:30:00+08:00\n');
  const a = dates.parseDate(data.a);
  assert.ok(a.ok && a.date.toISOString() === '2024-05-01T08:30:00.000Z');
  assert.equal(dates.parseDate(data.b).ok, true);
  assert.deepEqual(dates.parseDate(data.c), { ok: false, reason: 'format' });
  const d = dates.parseDate(data.d);
  assert.ok(d.ok && d.date.toISOString() === '2024-05-01T00:30:00.000Z');
});
