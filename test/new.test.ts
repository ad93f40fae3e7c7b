import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { load } from 'js-yaml';
import * as createMod from '../src/scaffold/create-post.js';
import * as postMod from '../src/scaffold/post.js';
import * as slugMod from '../src/scaffold/slug.js';
import { FilesExistError } from '../src/scaffold/write.js';
import { newCommand } from '../src/commands/new.js';
import { UsageError } from '../src/commands/types.js';

// Dates in the generated files are local time: pin the zone so fixtures hold everywhere.
process.env.TZ = 'Asia/Shanghai';
const now = new Date('2026-11-25T01:30:00Z'); // 09:30 in Shanghai
const fixtures = new URL('fixtures/new/', import.meta.url);

const { createPost } = createMod;
const { newPostSource } = postMod;
const { slugify, localDay, localTimestamp } = slugMod;

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'onair-new-test-'));
}

/** Front matter of a generated document, parsed back with js-yaml. */
function matterOf(source: string): Record<string, unknown> {
  const match = /^---\n([^]*?)\n---\n/.exec(source);
  assert.ok(match, 'the document starts with front matter');
  return load(match[1]!) as Record<string, unknown>;
}

test('should expose createPost, newPostSource and the slug helpers', () => {
  assert.deepEqual(Object.keys(createMod), ['createPost']);
  assert.deepEqual(Object.keys(postMod).sort(), ['newPostSource', 'postKinds']);
  assert.deepEqual(Object.keys(slugMod).sort(), ['localDay', 'localTimestamp', 'slugify']);
});

for (const kind of postMod.postKinds) {
  test(`should write the ${kind} scaffold of fixtures/new/${kind}.md`, () => {
    const actual = newPostSource({ kind, title: 'Istio: the story "behind" it', now });
    const expected = new URL(`${kind}.md`, fixtures);
    if (process.env.UPDATE) fs.writeFileSync(expected, actual);
    assert.equal(actual, fs.readFileSync(expected, 'utf8'));
  });
}

test('should give an interview the interview front matter and section stubs', () => {
  const source = newPostSource({ kind: 'interview', title: 'T', now });
  const matter = matterOf(source);
  assert.equal(matter.title, 'T');
  assert.equal(matter.date, '2026-11-25T09:30:00+08:00');
  assert.equal(matter.draft, true);
  assert.deepEqual(matter.tags, []);
  assert.deepEqual(matter.categories, []);
  assert.deepEqual((matter.videos as Array<{ platform: string }>).map((v) => v.platform), ['youtube', 'bilibili']);
  assert.deepEqual((matter.speakers as Array<{ label: string }>).map((s) => s.label), ['Host', 'Guest']);
  for (const heading of ['## Videos', '## Chapters', '## Transcript']) assert.match(source, new RegExp(`^${heading}$`, 'm'));
  const plain = matterOf(newPostSource({ kind: 'post', title: 'T', now }));
  assert.deepEqual(Object.keys(plain), ['title', 'description', 'date', 'draft', 'tags', 'categories']);
});

test('should quote any title so the front matter round-trips', () => {
  const titles = ['a: b', '"quoted"', "it's", '# not a comment', '- dash', '[1, 2]', '{x}', 'yes', 'null', '123', '2023-11-16', '@at', '`tick`', '*star', '&anchor', '!tag', '%pct', '|', '>', 'KubeCon 芝加哥现场报道 - Istio', 'tab\there', 'trailing space '];
  for (const title of titles) assert.equal(matterOf(newPostSource({ kind: 'interview', title, now })).title, title, title);
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (title) => {
      return matterOf(newPostSource({ kind: 'post', title, now })).title === title;
    }),
    { numRuns: 500 },
  );
});

test('should make lowercase ASCII slugs', () => {
  assert.equal(slugify('Istio: 5 Years!'), 'istio-5-years');
  assert.equal(slugify('Café Crème'), 'cafe-creme');
  assert.equal(slugify('KubeCon 芝加哥现场报道 - Istio'), 'kubecon-istio');
  assert.equal(slugify('--Leading and trailing--'), 'leading-and-trailing');
  assert.equal(slugify('芝加哥现场报道'), '');
  assert.equal(slugify('Ｆｕｌｌｗｉｄｔｈ'), 'fullwidth');
  const long = slugify('word '.repeat(40));
  assert.ok(long.length <= 60 && !long.endsWith('-') && long.startsWith('word-word'), long);
});

test('should date in local time with the offset', () => {
  assert.equal(localDay(new Date('2026-11-24T20:00:00Z')), '2026-11-25');
  assert.equal(localTimestamp(new Date('2026-11-24T20:00:00Z')), '2026-11-25T04:00:00+08:00');
});

test('should name files from the title and never overwrite one', async () => {
  const root = tmp();
  const name = await createPost({ root, kind: 'interview', title: 'Varun Talwar: Istio', now });
  assert.equal(name, 'content/post/2026-11-25-varun-talwar-istio.md');
  const first = fs.readFileSync(path.join(root, name), 'utf8');
  await assert.rejects(createPost({ root, kind: 'post', title: 'Varun Talwar: Istio!', now }), (error: Error) => {
    assert.ok(error instanceof FilesExistError);
    assert.deepEqual(error.paths, [name]);
    assert.match(error.message, /^Unexpected existing file `content\/post\/2026-11-25-varun-talwar-istio\.md`: onair never overwrites files/);
    return true;
  });
  assert.equal(fs.readFileSync(path.join(root, name), 'utf8'), first);
});

test('should give titles without ASCII a numbered date-based name', async () => {
  const root = tmp();
  const names = [];
  for (let i = 0; i < 3; i++) names.push(await createPost({ root, kind: 'interview', title: '芝加哥现场报道', now }));
  assert.deepEqual(names, ['content/post/2026-11-25-post.md', 'content/post/2026-11-25-post-2.md', 'content/post/2026-11-25-post-3.md']);
  assert.equal(matterOf(fs.readFileSync(path.join(root, names[2]!), 'utf8')).title, '芝加哥现场报道');
});

test('should run `onair new` and exit 1 instead of overwriting', async (t) => {
  const root = tmp();
  const logs: string[] = [];
  const errors: string[] = [];
  t.mock.method(console, 'log', (line: string) => logs.push(line));
  t.mock.method(console, 'error', (line: string) => errors.push(line));
  assert.equal(await newCommand.run(['interview', 'Hello World', '--root', root]), 0);
  assert.match(logs[0]!, /^Created content\/post\/\d{4}-\d{2}-\d{2}-hello-world\.md$/);
  assert.equal(await newCommand.run(['post', 'Hello, world', '--root', root]), 1);
  assert.match(errors[0]!, /^onair new: Unexpected existing file `content\/post\/\d{4}-\d{2}-\d{2}-hello-world\.md`/);
  await assert.rejects(newCommand.run(['page', 'X', '--root', root]), (e: Error) => e instanceof UsageError && /Unexpected kind `page`, expected `interview` or `post`/.test(e.message));
  await assert.rejects(newCommand.run(['post', '--root', root]), /Missing title/);
  await assert.rejects(newCommand.run(['post', 'Hello', 'World', '--root', root]), /quote a title with spaces/);
});

test('should write into the config\'s content folder', async (t) => {
  const root = tmp();
  fs.writeFileSync(path.join(root, 'onair.yaml'), 'contentDir: posts-src\n');
  t.mock.method(console, 'log', () => {});
  assert.equal(await newCommand.run(['post', 'Elsewhere', '--root', root]), 0);
  assert.equal(fs.readdirSync(path.join(root, 'posts-src/post')).length, 1);
});
