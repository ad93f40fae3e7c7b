/**
 * Shortcode syntax: fixture folders `test/fixtures/shortcodes/<case>/` with
 * `input.md`, the expected `output.html` and `messages.txt` (and an optional
 * `options.json`); `UPDATE=1` rewrites the expected files. Every fixture must
 * also round-trip through remark-stringify.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { Node } from 'unist';
import type { VFileMessage } from 'vfile-message';
import remarkShortcodes, { shortcodeFromMarkdown, shortcodeSyntax, type ShortcodeHandler, type ShortcodeOptions } from '../src/shortcodes/index.js';

const root = path.join(import.meta.dirname, 'fixtures', 'shortcodes');

const handler = (fn: ShortcodeHandler, extra: Partial<ShortcodeHandler> = {}) => Object.assign(fn, extra);
const video = handler((node, ctx) => h('div', { class: 'video', id: ctx.uniqueId('video'), dataId: ctx.get('id', 0) }, [node.name]), { embed: true, params: ['id', 'title', 'autoplay'] });
/** Handlers the fixtures use: they show what the plugin passes them. */
export const handlers: Record<string, ShortcodeHandler> = {
  video,
  youtube: video,
  bilibili: video,
  args: (node) => h('span', { class: 'args' }, [
    ...node.positional.map((value, index) => h('code', `${index}=${value}`)),
    ...Object.entries(node.named).map(([name, value]) => h('code', `${name}=${value}`)),
  ]),
  hl: handler((node) => h('pre', { class: 'hl', dataLang: node.positional[0] }, [h('code', node.inner ?? '')]), { paired: true }),
  note: handler((_, ctx) => h('aside', { class: 'note' }, ctx.innerHast()), { paired: true }),
  mark: handler((node, ctx) => h('mark', node.delimiter === '%' ? ctx.innerHast() : [node.inner ?? '']), { paired: true }),
  tabs: handler((_, ctx) => h('div', { class: 'tabs' }, ctx.innerHast()), { paired: true }),
  tab: handler((_, ctx) => h('section', { title: ctx.get('title', 0) }, ctx.innerHast()), { paired: true }),
  figure: handler((_, ctx) => h('figure', [h('img', { src: ctx.get('src', 0), alt: ctx.get('alt') ?? '' })]), { params: ['src', 'alt', 'caption'] }),
  x: () => h('span', { class: 'x' }, 'x'),
  fragment: () => [h('h3', 'a'), h('p', 'b')] as ElementContent[],
  textual: () => ({ type: 'text', value: 'plain text' }),
  nothing: () => undefined,
  md: handler((_, ctx) => h('div', { class: 'md' }, ctx.innerHast()), { paired: true, inner: 'markdown' }),
  hush: handler((node) => h('pre', { class: 'hush' }, node.inner ?? ''), { paired: true, inner: 'raw' }),
};

function processor(options: ShortcodeOptions = {}) {
  return unified()
    .use(remarkParse)
    .use(remarkShortcodes, { shortcodes: handlers, ...options })
    .use(remarkRehype)
    .use(rehypeStringify);
}

/** `line:col-line:col severity rule-id: reason`, one per line. */
export function formatMessages(messages: readonly VFileMessage[]): string {
  return messages
    .map((m) => {
      const place = m.place && 'start' in m.place ? `${m.place.start.line}:${m.place.start.column}-${m.place.end.line}:${m.place.end.column}` : m.place ? `${m.place.line}:${m.place.column}` : '0:0';
      return `${place} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}: ${m.reason}\n`;
    })
    .join('');
}

/** Drop positions (they differ after printing) to compare trees. */
function clean(node: Node): unknown {
  return JSON.parse(JSON.stringify(node, (key, value) => (key === 'position' || key === 'place' ? undefined : value)));
}

function check(file: string, actual: string) {
  if (process.env.UPDATE || !fs.existsSync(file)) fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), path.relative(root, file));
}

test('should export the plugin and the syntax pieces', async () => {
  const api = await import('../src/shortcodes/index.js');
  assert.deepEqual(Object.keys(api).sort(), ['default', 'expandShortcodes', 'printTag', 'shortcodeFromMarkdown', 'shortcodeSyntax', 'shortcodeToMarkdown']);
});

const cases = fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, 'input.md'))).sort();

test('should have fixtures', () => {
  assert.ok(cases.length >= 15, `found ${cases.length} fixture folders`);
});

for (const name of cases) {
  test(`should render fixture \`${name}\``, async () => {
    const folder = path.join(root, name);
    const input = fs.readFileSync(path.join(folder, 'input.md'), 'utf8');
    const optionsFile = path.join(folder, 'options.json');
    const options = fs.existsSync(optionsFile) ? (JSON.parse(fs.readFileSync(optionsFile, 'utf8')) as ShortcodeOptions) : {};
    const file = await processor(options).process(input);
    check(path.join(folder, 'output.html'), String(file).trimEnd() + '\n');
    check(path.join(folder, 'messages.txt'), formatMessages(file.messages));
  });

  test(`should round-trip fixture \`${name}\` through remark-stringify`, () => {
    const input = fs.readFileSync(path.join(root, name, 'input.md'), 'utf8');
    const parser = unified().use(remarkParse).use(remarkStringify).use(remarkShortcodes, { shortcodes: handlers });
    const tree = parser.parse(input);
    const printed = parser.stringify(tree);
    assert.deepEqual(clean(parser.parse(printed)), clean(tree), printed);
  });
}

const paired = ['hl', 'note'];
const parse = (value: string) => fromMarkdown(value, { extensions: [shortcodeSyntax({ paired })], mdastExtensions: [shortcodeFromMarkdown({ paired })] });

test('should give exact positions to tags, arguments and paired blocks', () => {
  const tree = parse('Bilibili\n{{< bilibili BV1ZG411S75r >}}\n\n{{< hl go >}}\nx\n{{< /hl >}}\n\na {{<youtube id=`ab\ncd` >}} b\n') as Root;
  const [paragraph, block, inline] = tree.children as [any, any, any];
  const tag = paragraph.children[1];
  assert.equal(tag.type, 'shortcode');
  assert.equal(tag.form, 'block');
  assert.deepEqual(tag.position, { start: { line: 2, column: 1, offset: 9 }, end: { line: 2, column: 30, offset: 38 } });
  assert.deepEqual(tag.arguments[0].position.start, { line: 2, column: 14, offset: 22 });
  assert.equal(block.paired, true);
  assert.equal(block.inner, 'x');
  assert.deepEqual([block.position.start.line, block.position.end.line, block.position.end.column], [4, 6, 12]);
  const multi = inline.children[1];
  assert.equal(multi.form, 'inline');
  assert.deepEqual({ ...multi.named }, { id: 'ab\ncd' });
  assert.deepEqual([multi.position.start.column, multi.position.end.line, multi.position.end.column], [3, 9, 8]);
});

test('should never turn a tag without spaces into HTML', () => {
  const tree = parse('{{<youtube ID>}}\n\nsee {{<youtube ID>}} here\n') as Root;
  const found: string[] = [];
  JSON.stringify(tree, (key, value) => (key === 'type' && found.push(value), value));
  assert.ok(!found.includes('html'), found.join());
  assert.equal(found.filter((type) => type === 'shortcode').length, 2);
});

test('should keep booleans and numbers as strings for handlers', () => {
  const tree = parse('{{< v autoplay=true mute=0 loop=false start=1 >}}\n') as Root;
  assert.deepEqual({ ...(tree.children[0] as any).named }, { autoplay: 'true', mute: '0', loop: 'false', start: '1' });
});

test('should expand nothing inside code', async () => {
  const html = String(await processor().process('`{{< x >}}`\n\n```\n{{< x >}}\n```\n\n    {{< x >}}\n'));
  assert.ok(!html.includes('class="x"'), html);
  assert.equal(html.match(/\{\{&#x3C; x >\}\}/g)?.length, 3, html);
});

test('should type handler results as hast elements', () => {
  const element: Element = handlers.x!({} as never, {} as never) as Element;
  assert.equal(element.tagName, 'span');
});

test('should parse and print any mix of shortcode-like text without throwing', async () => {
  const fc = (await import('fast-check')).default;
  const atoms = ['{{<', '{{%', '>}}', '%}}', '/>}}', '{{</*', '*/>}}', ' ', '\n', '\n\n', 'hl', 'note', '/hl', '/note', '"', '`', '=', 'a=', '\\', '> ', '- ', '    ', '```', '*', '{', '}', '<div>', 'y'];
  const parser = unified().use(remarkParse).use(remarkStringify).use(remarkShortcodes, { shortcodes: handlers });
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...atoms), { maxLength: 24 }), (parts) => {
      const value = parts.join('');
      const tree = parser.parse(value);
      parser.stringify(tree);
      JSON.stringify(tree, (key, point) => {
        if ((key === 'start' || key === 'end') && point && typeof point === 'object') assert.ok(point.offset >= 0 && point.offset <= value.length, `offset in ${JSON.stringify(value)}`);
        return point;
      });
    }),
    { numRuns: 300, seed: 20231116 },
  );
});

test('should leave an escape that spans lines as text, never hanging (found by the fuzz test)', async () => {
  const { createMarkdownProcessor } = await import('../src/markdown.js');
  const processor = createMarkdownProcessor();
  for (const input of ['{{</*\n*/>}}', 'x {{</* x\n y */>}}', '{{</* youtube abc\n*/>}}']) {
    const html = String(await processor.process(input));
    assert.ok(html.includes('{{&#x3C;/*'), `${JSON.stringify(input)} → ${html}`);
  }
  assert.match(String(await processor.process('{{</* youtube abc */>}}')), /\{\{&#x3C; youtube abc >\}\}/);
});
