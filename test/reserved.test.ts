/**
 * Windows reserved names (`CON`, `NUL`, `COM1`…, names ending in a dot) never
 * become output path segments: file names, slugs, urls, aliases and terms
 * get a `_` with a `reserved-name` warning, and links follow the new URL.
 * Refused paths (`unsafe-path`) point at the front-matter value.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../src/index.js';
import * as reserved from '../src/model/reserved.js';
import { urlize } from '../src/model/terms.js';
import { formatReport } from '../src/report.js';
import type { BuildResult } from '../src/types.js';
import { makeSite, snapshot } from './helpers/site.js';

const fm = (extra: string) => `---\ntitle: T\ndate: 2024-01-02\n${extra}\n---\n\nBody.\n`;
const windowsBad = /(^|\/)(con|prn|aux|nul|com\d|lpt\d)(\.[^/]*)?(\/|$)|[. ](\/|$)/i;

function messages(result: BuildResult, ruleId: string): string[] {
  return result.files.flatMap((f) => f.messages.filter((m) => m.ruleId === ruleId).map((m) => `${f.path}:${m.line ?? ''}:${m.column ?? ''} ${m.reason}`));
}

test('should expose the reserved-name helpers', () => {
  assert.deepEqual(Object.keys(reserved).sort(), ['neutralizePath', 'neutralizeSegment', 'reservedFileReason', 'reservedNameReason', 'reservedReason']);
});

test('should neutralise device names in any case and with an extension, and trailing dots and spaces', () => {
  const table: Array<[string, string]> = [
    ['con', 'con_'], ['CON', 'CON_'], ['nul', 'nul_'], ['Prn', 'Prn_'], ['aux', 'aux_'], ['com1', 'com1_'], ['COM9', 'COM9_'],
    ['lpt1', 'lpt1_'], ['lpt9', 'lpt9_'], ['con.md', 'con_.md'], ['aux.txt', 'aux_.txt'], ['nul.tar.gz', 'nul_.tar.gz'],
    ['v1.', 'v1._'], ['a ', 'a _'], ['con.', 'con_._'],
    ['console', 'console'], ['icon', 'icon'], ['con-1', 'con-1'], ['com', 'com'], ['con_', 'con_'], ['.', '.'], ['..', '..'], ['', ''],
  ];
  for (const [input, expected] of table) assert.equal(reserved.neutralizeSegment(input), expected, input);
  assert.deepEqual(reserved.neutralizePath('/a/con/b.html'), { path: '/a/con_/b.html', reserved: ['con'] });
  assert.equal(urlize('NUL'), 'nul_');
  assert.equal(urlize('Tun/Con'), 'tun/con_');
  assert.equal(urlize('Istio 1.'), 'istio-1._');
});

test('should build reserved file names, slugs, urls, aliases and terms under neutralised paths with a warning each', async () => {
  const root = makeSite({
    'content/post/con.md': fm('tags: [NUL, Lpt9, "v1.", ok]'),
    'content/post/slug.md': fm('slug: Com1'),
    'content/post/url.md': fm('url: /x/aux.txt/'),
    'content/post/alias.md': fm('aliases:\n  - /fine/\n  - /old/PRN/'),
    'content/post/trail..md': fm(''),
    'content/prn/_index.md': '---\ntitle: P\n---\n',
    'content/prn/in.md': fm(''),
  });
  const out = path.join(root, 'public');
  const result = await build({ root, out, search: false, cache: false });
  const report = formatReport(result.files);
  assert.equal(result.ok, true, report);
  const written = [...snapshot(out).keys()];
  for (const file of written) assert.doesNotMatch(file, windowsBad, file);
  for (const file of ['post/con_/index.html', 'post/com1_/index.html', 'x/aux_.txt/index.html', 'old/PRN_/index.html', 'post/trail._/index.html', 'prn_/index.html', 'prn_/in/index.html', 'tags/nul_/index.html', 'tags/lpt9_/index.html', 'tags/v1._/index.html']) {
    assert.ok(written.includes(file), `${file} in\n${written.join('\n')}`);
  }
  const warnings = messages(result, 'reserved-name');
  const at = (prefix: string) => assert.ok(warnings.some((m) => m.startsWith(prefix)), `${prefix} in\n${warnings.join('\n')}`);
  at('content/post/con.md:: Unexpected reserved name `con` in the URL of `post/con.md`');
  at('content/post/slug.md:4:7 Unexpected reserved name `com1` in `slug` `Com1`');
  at('content/post/url.md:4:6 Unexpected reserved name `aux.txt` in `url` `/x/aux.txt/`');
  at('content/post/alias.md:6:5 Unexpected reserved name `PRN` in `aliases` `/old/PRN/`');
  at('content/post/con.md:4:8 Unexpected reserved name `nul` in tag `NUL`');
  at('content/post/con.md:4:13 Unexpected reserved name `lpt9` in tag `Lpt9`');
  at('content/post/con.md:4:19 Unexpected reserved name `v1.` in tag `v1.`');
  at('content/prn/_index.md::');
  for (const warning of warnings) assert.match(warning, /expected a name Windows allows .*: it is served at `[^`]+`; rename it$/);
  // Links follow the new URLs: the post's tag list and the term list.
  const post = fs.readFileSync(path.join(out, 'post/con_/index.html'), 'utf8');
  assert.match(post, /href="\/tags\/nul_\/"/);
  assert.doesNotMatch(post, /href="\/tags\/nul\/"/);
  const tags = fs.readFileSync(path.join(out, 'tags/index.html'), 'utf8');
  assert.match(tags, /href="\/tags\/lpt9_\/"/);
  assert.match(fs.readFileSync(path.join(out, 'index.html'), 'utf8'), /href="\/post\/con_\/"/);
  // Deterministic: a second build is byte-identical.
  const again = path.join(root, 'again');
  await build({ root, out: again, search: false, cache: false });
  assert.deepEqual(snapshot(again), snapshot(out));
});

test('should report unsafe-path at the line and column of the front-matter value', async () => {
  const root = makeSite({
    'content/post/dots.md': fm('slug: "../../escape"'),
    'content/post/case.md': fm('URL: "file:///etc/x"'),
    'content/post/alias.md': fm('aliases:\n  - /ok/\n  - "  /ok/  "\n  - "..\\\\x"'),
    'content/post/inline.md': fm('aliases: ["/ok/", "../up"]'),
  });
  const result = await build({ root, search: false, cache: false });
  const unsafe = messages(result, 'unsafe-path');
  const at = (prefix: string) => assert.ok(unsafe.some((m) => m.startsWith(prefix)), `${prefix} in\n${unsafe.join('\n')}`);
  at('content/post/dots.md:4:7 Unexpected a `.` or `..` segment in `slug`');
  at('content/post/case.md:4:6 Unexpected an absolute URL in `url`');
  at('content/post/alias.md:7:5 Unexpected a backslash in `aliases`');
  at('content/post/inline.md:4:19 Unexpected a `.` or `..` segment in `aliases`');
  assert.equal(unsafe.length, 4, unsafe.join('\n'));
});

test('should warn about bundle resources and other content files with reserved names (copied under their own names)', async () => {
  const root = makeSite({
    'content/post/b/index.md': fm('') + '![x](aux.png)\n',
    'content/post/b/aux.png': 'PNG',
    'content/post/b/fine.png': 'PNG',
    'content/files/nul.txt/x.txt': 'x',
    'static/docs/Con.txt': 'x',
  });
  const result = await build({ root, search: false, cache: false });
  assert.equal(result.ok, true, formatReport(result.files));
  const warnings = messages(result, 'reserved-name');
  assert.deepEqual(warnings.map((m) => m.split(' ').slice(0, 5).join(' ')), [
    'content/files/nul.txt/x.txt:: Unexpected reserved name `nul.txt`',
    'content/post/b/aux.png:: Unexpected reserved name `aux.png`',
    'static/docs/Con.txt:: Unexpected reserved name `Con.txt`',
  ]);
  assert.match(warnings[1]!, /in a file copied to the site, expected a name Windows allows .*; rename it$/);
});
