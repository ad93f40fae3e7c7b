/**
 * `remarkShortcodes` as a unified plugin: options, pipelines without raw
 * HTML, the reference post's Videos section, embeds bookkeeping, messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { VFile } from 'vfile';
import remarkShortcodes, { type ShortcodeHandler, type ShortcodeOptions } from '../src/shortcodes/index.js';
import { builtins } from '../src/shortcodes/builtins/index.js';

const repo = path.join(import.meta.dirname, '..');
const post = fs.readFileSync(path.join(repo, 'content/post/2023-11-16-kubecon-na-varun-talwar-interview.md'), 'utf8');

/** A stand-in embed: a block `<div>`, reporting its video like the built-ins. */
const dummy: ShortcodeHandler = Object.assign(
  (node: Parameters<ShortcodeHandler>[0], ctx: Parameters<ShortcodeHandler>[1]) => {
    const id = ctx.get('id', 0) ?? '';
    ctx.addVideo({ platform: node.name === 'bilibili' ? 'bilibili' : 'youtube', id });
    return h('div', { class: 'embed', id: ctx.uniqueId('embed') }, [h('a', { href: 'https://example.com/' + id }, id)]);
  },
  { embed: true, params: ['id', 'title'] },
);

function pipeline(options?: ShortcodeOptions) {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkShortcodes, options).use(remarkRehype).use(rehypeStringify);
}

/** The part of the HTML from `## Videos` to the next heading. */
function videos(html: string): string {
  const start = html.indexOf('<h2>Videos</h2>');
  assert.ok(start >= 0, 'expected a Videos heading');
  return html.slice(start, html.indexOf('<p>采访内容', start));
}

test('should throw for bad options before any file is processed', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ unknwn: 'warn' }, /Unexpected `remarkShortcodes` option `unknwn`, expected `unknown`/],
    [{ unknown: 'ignore' }, /Unexpected `unknown` option `ignore`, expected `'error'` or `'warn'`/],
    [{ shortcodes: { video: 'not a function' } }, /Unexpected handler for shortcode `video`, expected a function/],
    [{ shortcodes: { 'bad name': () => undefined } }, /Unexpected shortcode name `bad name`/],
    [{ remoteThumbnails: 'yes' }, /Unexpected `remoteThumbnails` option `yes`, expected a boolean/],
    [{ poster: 3 }, /Unexpected `poster` option `3`, expected a URL string/],
    ['warn', /Unexpected `remarkShortcodes` options `warn`, expected an object/],
  ];
  for (const [options, message] of cases) {
    // unified runs attachers when the processor freezes, before the first file.
    assert.throws(() => unified().use(remarkParse).use(remarkShortcodes, options as ShortcodeOptions).freeze(), message);
  }
  assert.doesNotThrow(() => unified().use(remarkShortcodes, { unknown: undefined, poster: undefined }).freeze());
});

test('should lift the reference post embeds out of their paragraphs (dummy handlers)', async () => {
  const file = await pipeline({ shortcodes: { bilibili: dummy, youtube: dummy } }).process(post);
  const section = videos(String(file));
  assert.equal(
    section,
    '<h2>Videos</h2>\n<p>Bilibili</p>\n<div class="embed" id="embed-1"><a href="https://example.com/BV1ZG411S75r">BV1ZG411S75r</a></div>\n' +
      '<p>YouTube</p>\n<div class="embed" id="embed-2"><a href="https://example.com/JtD5wL5WABI">JtD5wL5WABI</a></div>\n',
  );
  assert.equal(file.data.hasEmbeds, true);
  assert.deepEqual(file.data.embeddedVideos, [
    { platform: 'bilibili', id: 'BV1ZG411S75r' },
    { platform: 'youtube', id: 'JtD5wL5WABI' },
  ]);
  assert.deepEqual(file.messages, []);
});

test('should put no block element inside a paragraph with the built-in embeds', async (t) => {
  if (!builtins.youtube || !builtins.bilibili) return t.skip('built-in youtube/bilibili handlers not registered yet');
  const file = await pipeline().process(post);
  const section = videos(String(file));
  assert.match(section, /^<h2>Videos<\/h2>\n<p>Bilibili<\/p>\n<(?!p>)/);
  assert.doesNotMatch(String(file), /<p>(?:(?!<\/p>)[\s\S])*<(?:div|figure|section|aside|ul|ol|h\d)[\s>]/);
  assert.equal(file.data.hasEmbeds, true);
});

test('should build hast without raw HTML in a pipeline without allowDangerousHtml', async () => {
  const processor = unified().use(remarkParse).use(remarkShortcodes, { shortcodes: { youtube: dummy } }).use(remarkRehype);
  const tree = (await processor.run(processor.parse('{{<youtube JtD5wL5WABI>}}\n\nInline <b>html</b> {{< youtube x >}}\n'))) as HastRoot;
  const types = new Set<string>();
  JSON.stringify(tree, (key, value) => (key === 'type' && types.add(value), value));
  assert.ok(!types.has('raw'), [...types].join());
  assert.equal(tree.children[0]?.type === 'element' && tree.children[0].tagName, 'div');
});

test('should give unique ids per page, starting again on each file', async () => {
  const processor = pipeline({ shortcodes: { youtube: dummy } });
  const first = String(await processor.process('{{< youtube a >}}\n\n{{< youtube b >}}\n'));
  const second = String(await processor.process(new VFile('{{< youtube c >}}\n')));
  assert.deepEqual(first.match(/id="[^"]+"/g), ['id="embed-1"', 'id="embed-2"']);
  assert.deepEqual(second.match(/id="[^"]+"/g), ['id="embed-1"']);
});

test('should make unknown shortcodes errors by default and warnings on request', async () => {
  const strict = await pipeline().process('{{< nope >}}\n');
  assert.equal(strict.messages.length, 1);
  assert.equal(strict.messages[0]!.fatal, true);
  assert.equal(strict.messages[0]!.ruleId, 'unknown-shortcode');
  assert.equal(strict.messages[0]!.source, 'onair');
  const lenient = await pipeline({ unknown: 'warn' }).process('{{< nope >}}\n');
  assert.equal(lenient.messages[0]!.fatal, false);
  assert.match(String(lenient), /<div class="onair-shortcode-unknown" data-shortcode="nope"[^>]*><code>\{\{&#x3C; nope >\}\}<\/code><\/div>/);
});

test('should let option handlers add to and replace the built-ins', async () => {
  const html = String(await pipeline({ shortcodes: { youtube: () => h('span', 'mine'), extra: () => h('em', 'added') } }).process('{{< youtube x >}} {{< extra >}}\n'));
  assert.equal(html, '<p><span>mine</span> <em>added</em></p>');
});

test('should leave front matter and GFM alone', async () => {
  const html = String(await pipeline({ shortcodes: { x: () => h('span', 'x') } }).process('---\ntitle: "{{< x >}}"\n---\n\n| a | b |\n| - | - |\n| {{< x >}} | `{{< x >}}` |\n'));
  assert.equal(html, '<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><span>x</span></td>\n<td><code>{{&#x3C; x >}}</code></td>\n</tr>\n</tbody>\n</table>');
});

test('should print shortcodes back with remark-stringify', async () => {
  const processor = unified().use(remarkParse).use(remarkStringify).use(remarkShortcodes, { unknown: 'warn' });
  const input = 'Bilibili\n{{<bilibili BV1ZG411S75r>}}\n\n{{< args title="A \\"quoted\\" title" raw=`two\nlines` >}}\n\nText with {{</* escaped */>}} tag.\n';
  const output = processor.stringify(processor.parse(input));
  assert.equal(output, 'Bilibili\n{{< bilibili BV1ZG411S75r >}}\n\n{{< args title="A \\"quoted\\" title" raw=`two\nlines` >}}\n\nText with \\{{< escaped >}} tag.\n');
});

test('should wrap a failing handler in an error with the cause', async () => {
  const boom = () => {
    throw new Error('boom');
  };
  await assert.rejects(pipeline({ shortcodes: { boom } }).process('{{< boom >}}\n'), (error: Error) => {
    assert.match(error.message, /Shortcode handler `boom` failed/);
    assert.equal((error.cause as Error).message, 'boom');
    return true;
  });
});
