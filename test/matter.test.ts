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
import { frontMatterSyntax, isFrontMatterNode, parseMatter, remarkMatter, splitFrontMatter } from '../src/content/matter.js';
import type { MatterOptions } from '../src/content/matter.js';
import { titleFromPath } from '../src/content/schema.js';
import { unsafeUrlScheme } from '../src/content/unsafe-url.js';

const fixtures = path.join(import.meta.dirname, 'fixtures/matter');
const update = process.env.UPDATE === '1';

test('should pin the public exports', () => {
  assert.deepEqual(Object.keys(matterModule).sort(), ['frontMatterHandlers', 'frontMatterSyntax', 'isFrontMatterNode', 'parseMatter', 'readMatter', 'remarkMatter', 'splitFrontMatter']);
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
    ['json-bad-values', 'invalid-date', '"2023-02-30"'],
    ['json-bad-values', 'string-as-list', '"istio"'],
    ['json-bad-values', 'invalid-field-type', '"maybe"'],
    ['json-bad-values', 'unsafe-url', '"javascript:'],
    ['json-bom-crlf', 'string-as-list', '"envoy"'],
    ['json-syntax', 'json-syntax', 'draft: true'],
    ['json-nested-close', 'json-syntax', ''], // Hugo counts braces: the unindented `}` closes the nested object
    ['json-one-line-values', 'string-as-list', '"y"'], // values on line 1, after the `{`
    ['json-one-line-values', 'invalid-date', '"2023-02-30"'],
    ['json-first-line', 'string-as-list', '"a"'],
    ['json-one-line-bom-crlf', 'string-as-list', '"envoy"'],
    ['json-unquoted-key', 'json-syntax', 'title: "x"'],
    ['json-unclosed', 'json-syntax', 'Body.'], // where the object, never closed, stops being JSON
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


test('should write the `string-as-list` fix in the post’s own syntax, reading back as the same list', () => {
  // A post in `format` with `key` set to `value` (a string, or the fix's text when `raw`).
  const post = (format: string, key: string, value: string, raw = false) => {
    const line = raw ? value : format === 'toml' ? `"${key}" = ${value}` : `"${key}": ${value}`;
    if (format === 'yaml') return `---\ntitle: T\n${line}\n---\n`;
    if (format === 'toml') return `+++\ntitle = "T"\n${line}\n+++\n`;
    return `{\n  "title": "T",\n  ${line}\n}\n`;
  };
  const options: MatterOptions = { taxonomies: { tag: 'tags', série: 'séries' } };
  const terms = ['istio', 'true', 'null', '1.0', 'Cloud, Native', 'a: b', '#x', '- x', "it's", 'C:\\dir "x"', '[x]', '访谈 é', 'tab\there', 'del\x7fhere'];
  for (const format of ['yaml', 'toml', 'json']) {
    for (const key of ['tags', 'séries']) {
      for (const term of terms) {
        // A JSON string is also a YAML double-quoted and a TOML basic string (TOML escapes DEL too).
        const text = post(format, key, JSON.stringify(term).replace('\x7f', '\\u007f'));
        const file = new VFile({ path: 'content/post/a.md', value: text });
        parseMatter(file, splitFrontMatter(text), options);
        const fix = /\(write `(.*)`\)$/.exec(file.messages[0]?.reason ?? '')?.[1];
        assert.ok(fix, `${format} ${key} ${JSON.stringify(term)}: ${file.messages[0]?.reason}`);
        const fixed = new VFile({ path: 'content/post/a.md', value: post(format, key, fix, true) });
        const matter = parseMatter(fixed, splitFrontMatter(String(fixed.value)), options);
        assert.deepEqual(fixed.messages.map((m) => m.reason), [], `${format}: ${fix}`);
        assert.deepEqual(matter.taxonomies[key], [term], `${format}: ${fix}`);
      }
    }
  }
});
test('should quote the value in the fix for an unquoted `: ` so that it reads back as written', () => {
  for (const name of ['yaml-unquoted-colon', 'yaml-unquoted-colon-escapes']) {
    const { file } = runFixture(name);
    const fix = /e\.g\. `(.*)`$/.exec(file.messages[0]?.reason ?? '')?.[1];
    assert.ok(fix, name);
    const text = `---\n${fix}\n---\n`;
    const fixed = new VFile({ path: 'content/post/a.md', value: text });
    const matter = parseMatter(fixed, splitFrontMatter(text));
    assert.deepEqual(fixed.messages.map((m) => m.reason), [], `${name}: ${fix}`);
    const line = String(file.value).split('\n')[1]!;
    assert.equal(matter.title, line.slice(line.indexOf(': ') + 2), name);
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

test('should split JSON front matter at the `}` matching its first `{`, as Hugo does', () => {
  assert.deepEqual(splitFrontMatter('{\n  "a": 1\n}\n\nbody'), { kind: 'json', value: '{\n  "a": 1\n}', valueLine: 1, bodyOffset: 13, bodyLine: 4 });
  assert.deepEqual(splitFrontMatter('\uFEFF{ \t\r\n"a": 1\r\n}  \r\nbody'), {
    kind: 'json',
    value: '{ \t\r\n"a": 1\r\n}',
    valueLine: 1,
    bodyOffset: 19,
    bodyLine: 4,
  });
  assert.deepEqual(splitFrontMatter('{\n}'), { kind: 'json', value: '{\n}', valueLine: 1, bodyOffset: 3, bodyLine: 2 });
  assert.deepEqual(splitFrontMatter('{}'), { kind: 'json', value: '{}', valueLine: 1, bodyOffset: 2, bodyLine: 1 });
  assert.deepEqual(splitFrontMatter('{"title": "x"}\nbody'), { kind: 'json', value: '{"title": "x"}', valueLine: 1, bodyOffset: 15, bodyLine: 2 }, 'one line, body on the next');
  assert.deepEqual(splitFrontMatter('{"a": 1}\r\n\r\nbody'), { kind: 'json', value: '{"a": 1}', valueLine: 1, bodyOffset: 10, bodyLine: 2 });
  assert.deepEqual(splitFrontMatter('{"a": 1,\n"b": 2}\nbody'), { kind: 'json', value: '{"a": 1,\n"b": 2}', valueLine: 1, bodyOffset: 17, bodyLine: 3 });
  assert.deepEqual(splitFrontMatter('{\n"a": 1\n}  text\n'), { kind: 'json', value: '{\n"a": 1\n}', valueLine: 1, bodyOffset: 12, bodyLine: 3 }, 'text after the `}` starts the body');
  assert.equal(splitFrontMatter('{\n"a": {\n}\n}\n').value, '{\n"a": {\n}\n}', 'an unindented nested `}` closes the nested object');
  assert.equal(splitFrontMatter('{"a": "}", "b": "\\"}{", "c": "\\\\"}\nx').value, '{"a": "}", "b": "\\"}{", "c": "\\\\"}', 'braces in strings do not count; escapes do not end strings');
  assert.equal(splitFrontMatter('{\n"a": [\n"}"\n]\n}\n').value, '{\n"a": [\n"}"\n]\n}');
  // A raw line break in a string is bad JSON (Hugo too reads on, then fails): the string runs on.
  assert.equal(splitFrontMatter('{\n"a": "x\n}\n"}\nbody').value, '{\n"a": "x\n}\n"}');
  assert.deepEqual(splitFrontMatter('{\n"title": "x"\n\nbody'), { kind: 'json', value: '{\n"title": "x"\n\nbody', valueLine: 1, bodyOffset: 20, bodyLine: 4, unclosed: true });
  assert.equal(splitFrontMatter('{').unclosed, true);
  assert.equal(splitFrontMatter('{{< youtube x >}}\n}\n').kind, undefined, 'a shortcode is not an object');
  assert.equal(splitFrontMatter(' {\n}\n').kind, undefined, 'front matter only at the very start');
  assert.equal(splitFrontMatter('\n{}\n').kind, undefined);
});

test('should agree with the Markdown parse on where JSON front matter ends', () => {
  const processor = unified().use(remarkParse).use(frontMatterSyntax);
  const cases = [
    '{\n  "a": 1\n}\n\nbody',
    '\uFEFF{ \t\r\n"a": 1\r\n}  \r\nbody',
    '{\n}',
    '{}',
    '{\n\n"a": {\n}\n}\n',
    '{\n  "a": {\n  }\n}\n# x',
    '{"title": "x"}\n\nbody',
    '{ "title": "J2", "tags": ["y"] }\nbody',
    '\uFEFF{"title": "x"}\r\nbody\r\n',
    '{"title": "x",\n"tags": ["a"]\n}\nbody',
    '{\n"a": "b"}\n',
    '{\n"a": 1\n}\ttext\n\nbody',
    '{\n"a": "}\\"{", "b": ["}"], "c": "\\\\"\n}\n',
    '{\n"a": "x\n}\n"}\nbody',
    '{\n"a": 1 \u2028}\n}\n',
    '{\r"a": 1\r}\rbody',
    '{\n"title": "x"\n\nbody',
    '{',
    '{{< youtube x >}}\n}\n',
    '{{< youtube x >}}\n',
    'x\n{}\n',
    '---\na: 1\n---\n{}\n',
  ];
  for (const text of cases) {
    const split = splitFrontMatter(text);
    const tree = processor.parse(text);
    const head = tree.children[0];
    if (split.kind !== 'json' || split.unclosed) {
      assert.ok(tree.children.every((node) => node.type !== 'json'), `only at the start: ${JSON.stringify(text)}`);
      continue;
    }
    assert.ok(head?.type === 'json', JSON.stringify(text));
    assert.equal(head.value, split.value, JSON.stringify(text));
    assert.deepEqual(head.position?.start, { line: 1, column: 1, offset: 0 }, JSON.stringify(text));
    // The node ends before the line ending that ends the front matter; micromark counts offsets after the BOM.
    const end = text.slice(0, split.bodyOffset).replace(/^\uFEFF/, '').replace(/(?:\r?\n|\r)$/, '').length;
    assert.equal(head.position?.end.offset, end, JSON.stringify(text));
  }
});

test('should render the body Hugo renders after JSON front matter', async () => {
  const { createMarkdownProcessor } = await import('../src/markdown.js');
  const processor = createMarkdownProcessor();
  const html = async (text: string) => String(await processor.process(new VFile({ path: 'content/post/x.md', value: text }))).trim();
  // What Hugo 0.111 renders for each file (its `.Content`).
  assert.equal(await html('{ "title": "J2", "tags": ["y"] }\n\nBody one.\n'), '<p>Body one.</p>');
  assert.equal(await html('{ "title": "J3" }\nBody right after.\n'), '<p>Body right after.</p>');
  assert.equal(await html('{\n"title": "N",\n"params": {\n"a": 1\n}\n}\n\nBody nested.\n'), '<p>Body nested.</p>');
  assert.equal(await html('{\n"title": "tr"\n} trailing text\n\nBody tr.\n'), '<p>trailing text</p>\n<p>Body tr.</p>');
  assert.equal(await html('{\n"title": "tr"\n} trailing *text*\nand more\n'), '<p>trailing <em>text</em>\nand more</p>');
  assert.equal(await html('{\n"title": "sb",\n"tags": [\n"}"\n],\n"x": "a } { \\" }"\n}\n\nBody sb.\n'), '<p>Body sb.</p>');
  assert.equal(await html('\uFEFF{\r\n"title": "cb"\r\n}\r\nBody cb.\r\n'), '<p>Body cb.</p>');
  assert.equal(await html('{}'), '');
  assert.equal((await html('{}\n{{< youtube w7Ft2ymGmfc >}}\n')).includes('w7Ft2ymGmfc'), true, 'a shortcode after the front matter');
});

test('should place JSON syntax errors at the character JSON.parse names', () => {
  const place = (text: string) => {
    const file = new VFile({ path: 'content/post/x.md', value: text });
    parseMatter(file, splitFrontMatter(text));
    const message = file.messages.find((m) => m.ruleId === 'json-syntax');
    assert.ok(message, JSON.stringify(text));
    assert.equal(message.fatal, true);
    assert.match(message.reason, /^Cannot parse JSON front matter: .*; /);
    assert.doesNotMatch(message.reason, /position|is not valid JSON/, 'no offset or quoted text in the reason');
    const line = text.split('\n')[message.line! - 1]!;
    return [message.line, line.slice(message.column! - 1), message.reason.replace(/;.*/, '')];
  };
  // Node 20 names an unexpected token with the 10 characters around it, not its offset.
  assert.deepEqual(place('{\n"a": x\n}\n'), [2, 'x', 'Cannot parse JSON front matter: Unexpected `x`']);
  assert.deepEqual(place('{\n"a":\n x,\n"bbbbbbbbbbbbbbbbbbbbbbbbbbb": 1\n}\n'), [3, 'x,', 'Cannot parse JSON front matter: Unexpected `x`']);
  assert.deepEqual(place('{\n  "title": "long enough title",\n  "draft": yes\n}\n'), [3, 'yes', 'Cannot parse JSON front matter: Unexpected `y`']);
  assert.deepEqual(place('{\n  "title": "long enough title",\n  "draft": yes,\n  "more": "and more text"\n}\n'), [3, 'yes,', 'Cannot parse JSON front matter: Unexpected `y`']);
  assert.deepEqual(place("{\n  \"a\": 1,\n  \"b\": 'single'\n}\n"), [3, "'single'", "Cannot parse JSON front matter: Unexpected `'`"]);
  assert.deepEqual(place('{\n  "a": "é😀",\n  "b": 😀\n}\n'), [3, '😀', 'Cannot parse JSON front matter: Unexpected `😀`']);
  assert.deepEqual(place('{\n  "title": "x",\n  "draft": tru\n}\n'), [3, '', 'Cannot parse JSON front matter: Unexpected line break']);
  // Messages with an offset.
  assert.deepEqual(place('{\n  "title": "x", // a comment\n  "a": 1\n}\n'), [2, '// a comment', "Cannot parse JSON front matter: Expected double-quoted property name"]);
  assert.deepEqual(place('{\n  "tags": ["a",],\n  "a": 1\n}\n'), [2, '],', 'Cannot parse JSON front matter: Unexpected `]`']);
  assert.deepEqual(place('{\n  "a": "one\\q"\n}\n'), [2, 'q"', 'Cannot parse JSON front matter: Bad escaped character']);
  // Nesting past the bound that guards the recursive checks.
  const deep = place(`{\n"a": ${'['.repeat(150)}${']'.repeat(150)}\n}\n`);
  assert.equal(deep[0], 2);
  assert.match(String(deep[2]), /nesting exceeded maxDepth \(100\)/);
});

test('should read JSON front matter the way JSON.parse does', () => {
  const text = '{\n  "title": "first",\n  "title": "last",\n  "params": {"big": 12345678901234567890, "e": 1e3, "s": "\\/\\b\\u00e9\\ud83d\\ude00"},\n  "tags": ["a"], "date": "2024-02-02"\n}\n';
  const file = new VFile({ path: 'content/post/x.md', value: text });
  const matter = parseMatter(file, splitFrontMatter(text));
  assert.deepEqual(file.messages.map((m) => m.reason), []);
  assert.equal(matter.title, 'last', 'a repeated key keeps its last value (js-yaml would refuse it)');
  assert.deepEqual(matter.params, { big: 12345678901234567890, e: 1000, s: '/\bé😀' });
  assert.deepEqual(matter.tags, ['a']);
  assert.equal(matter.date?.toISOString(), '2024-02-02T00:00:00.000Z');
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

test('should read JSON front matter as a remark plugin, from the text or from the `json` node', async () => {
  const processor = unified().use(remarkParse).use(frontMatterSyntax).use(remarkMatter, {});
  const text = '{\n  "title": "J",\n\n  "tags": "x",\n  "date": "2023-02-30"\n}\n\nBody.\n';
  const expected = ['4:11 string-as-list', '5:11 invalid-date'];
  const file = new VFile({ path: 'c.md', value: text });
  await processor.run(processor.parse(file), file);
  assert.equal(file.data.matter?.title, 'J');
  assert.deepEqual(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`), expected);

  // A tree run without its text (as another tool may): the node alone places the messages.
  const bare = new VFile({ path: 'c.md' });
  await processor.run(processor.parse(text), bare);
  assert.equal(bare.data.matter?.title, 'J');
  assert.deepEqual(bare.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`), expected);
  const empty = new VFile({ path: 'd.md' });
  await processor.run(processor.parse('{\n}\n\nBody.\n'), empty);
  assert.equal(empty.data.matter?.titleFromFileName, true);
  assert.deepEqual(empty.messages.map((m) => m.ruleId), []);

  // The one-line form: values on line 1, from the text or from the node.
  const oneLine = '\uFEFF{ "title": "J", "tags": "x",\r\n  "date": "2023-02-30" } Body.\r\n';
  for (const value of [oneLine, undefined]) {
    const file = new VFile({ path: 'e.md', value });
    await processor.run(processor.parse(oneLine), file);
    assert.equal(file.data.matter?.title, 'J');
    assert.deepEqual(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`), ['1:25 string-as-list', '2:11 invalid-date']);
  }
});

test('should never throw on random front matter (property)', async () => {
  const fc = await import('fast-check');
  const pieces = ['---\n', '+++\n', 'title: ', 'tags:', '\n  - ', '[', ']', '{', '}', ': ', '"', "'", '&a ', '*a', '!!js/function ', '!!str ', '\t', '#', '2023-02-30', 'yes', '__proto__: ', 'date = ', '= ', '\r\n', '...', '\uFEFF', 'null', '~', '|', '>', '- ', '  ', '{\n', '\n}\n', '"title": ', '"tags": ', ', ', '\\u00e9', '😀'];
  const input = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join('')));
  fc.assert(
    fc.property(input, (body) => {
      for (const text of [body, `---\n${body}\n---\n`, `+++\n${body}\n+++\n`, `{\n${body}\n}\n`]) {
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
