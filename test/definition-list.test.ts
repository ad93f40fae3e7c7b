/**
 * Definition lists (`src/definition-list.ts`) against Hugo 0.111: the cases
 * of test/fixtures/definition-list/hugo.json render as Goldmark renders them
 * (`UPDATE=1` records Hugo's output again); documents without a definition
 * line parse as before; speaker turns stay turns.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import remarkDefinitionList from '../src/definition-list.js';
import { createMarkdownProcessor } from '../src/markdown.js';
import { hugoCases, normalize } from './helpers/hugo-cases.js';

const fixtures = new URL('fixtures/definition-list/', import.meta.url);

test('should export the plugin and its hast handlers', async () => {
  const mod = await import('../src/definition-list.js');
  assert.deepEqual(Object.keys(mod).sort(), ['default', 'definitionListHandlers']);
});

test('should render definition lists as Hugo does, and leave `Name: text` lines in their paragraph', async () => {
  const processor = createMarkdownProcessor();
  const cases = hugoCases(new URL('hugo.json', fixtures).pathname);
  for (const { input, hugo } of cases) assert.equal(normalize(String(await processor.process(input))), normalize(hugo), JSON.stringify(input));
});

test('should leave `: text` lines in their paragraph with `definitionList: false`, as Hugo with `definitionList = false`', async () => {
  const processor = createMarkdownProcessor({ definitionList: false });
  const cases = hugoCases(new URL('hugo-off.json', fixtures).pathname, '[markup.goldmark.extensions]\ndefinitionList = false');
  for (const { input, hugo } of cases) assert.equal(normalize(String(await processor.process(input))), normalize(hugo), JSON.stringify(input));
});

test('should parse a document with no definition line to the same tree as without the plugin', () => {
  const plain = unified().use(remarkParse).freeze();
  const withLists = unified().use(remarkParse).use(remarkDefinitionList).freeze();
  for (const doc of ['Varun: hello\n\nPara\nVarun: hello', 'a:b\n\n> quote: x\n\n- item: y', 'Term\n :no space', 'Term\n : one space']) {
    assert.deepEqual(withLists.parse(doc), plain.parse(doc), JSON.stringify(doc));
  }
});

test('should keep speaker turns in a transcript after a definition list', async () => {
  const processor = createMarkdownProcessor();
  const file = new VFile({
    path: 'content/post/talk.md',
    value: '---\ntitle: T\nspeakers:\n  - name: Varun\n  - name: Jimmy\n---\nIstio\n: a service mesh\n\nVarun: "hello" -- it\'s me\n\nJimmy: 你好\n',
  });
  const html = String(await processor.process(file));
  assert.match(html, /<dl>\n<dt>Istio<\/dt>\n<dd>a service mesh<\/dd>\n<\/dl>/);
  assert.match(html, /class="speaker-name"[^>]*>Varun<\/span>/);
  assert.match(html, /“hello” – it’s me/);
  assert.deepEqual(file.messages.map(String), []);
});
