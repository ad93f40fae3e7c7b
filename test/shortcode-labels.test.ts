/**
 * The words shortcodes write into a post follow the page language: the video
 * facade, the X card, the unknown-shortcode placeholder and the platform
 * tablist, through the plugin alone, the site processor and a whole build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { build } from '../src/index.js';
import { resolveConfig } from '../src/config.js';
import { createSiteProcessor } from '../src/markdown.js';
import { formatReport } from '../src/report.js';
import remarkShortcodes, { type ShortcodeOptions } from '../src/shortcodes/index.js';
import { makeSite } from './helpers/site.js';

const matter = '---\ntitle: KubeCon 芝加哥现场报道\n---\n';
const titled = (platform: string, id: string) => `{{< ${platform} id="${id}" title="KubeCon 芝加哥现场报道" >}}\n`;

/** The plugin alone in a plain unified pipeline: the body's hast. */
async function standalone(markdown: string, options?: ShortcodeOptions): Promise<HastRoot> {
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkShortcodes, options).use(remarkRehype);
  const file = new VFile({ path: 'post.md', value: markdown });
  return (await processor.run(processor.parse(file), file)) as HastRoot;
}

/** The processor a site with `language` builds posts with: the body's HTML. */
async function site(markdown: string, language: string): Promise<string> {
  const processor = createSiteProcessor(resolveConfig({ language, unknownShortcodes: 'warn' }));
  const file = new VFile({ path: 'content/post/x.md', value: markdown });
  return processor.stringify(await processor.run(processor.parse(file), file), file);
}

/** The words of the first facade in `tree`: screen-reader spans, title, links, player name. */
function facadeWords(tree: HastRoot) {
  let figure: Element | undefined;
  visit(tree, 'element', (node) => {
    if (!figure && node.tagName === 'figure' && String(node.properties.className).includes('onair-embed')) figure = node;
  });
  assert.ok(figure, 'expected a facade');
  const byClass = (name: string) => {
    const found: string[] = [];
    visit(figure!, 'element', (node) => {
      if ((node.properties.className as string[] | undefined)?.includes(name)) found.push(toString(node));
    });
    return found;
  };
  let button = '';
  visit(figure, 'element', (node) => {
    if (node.tagName === 'button') button = toString(node);
  });
  return {
    button,
    sr: byClass('onair-embed-sr'),
    title: byClass('onair-embed-title')[0],
    fallback: byClass('onair-embed-fallback')[0],
    caption: byClass('onair-embed-link')[0],
    player: figure.properties.dataTitle,
  };
}

test('should word the facade in English without the option (the plugin alone)', async () => {
  const words = facadeWords(await standalone(titled('youtube', 'JtD5wL5WABI')));
  assert.deepEqual(words, {
    button: 'Play video: KubeCon 芝加哥现场报道 on YouTube',
    sr: ['Play video: ', ' on '],
    title: 'KubeCon 芝加哥现场报道',
    fallback: 'Watch “KubeCon 芝加哥现场报道” on YouTube',
    caption: 'Watch on YouTube',
    player: 'KubeCon 芝加哥现场报道 (YouTube)',
  });
});

test('should word the facade in Simplified Chinese with `language: zh-CN` (the plugin alone)', async () => {
  const words = facadeWords(await standalone(titled('bilibili', 'BV1ZG411S75r'), { language: 'zh-CN' }));
  assert.deepEqual(words, {
    button: '播放视频：KubeCon 芝加哥现场报道，来自 Bilibili',
    sr: ['播放视频：', '，来自 '],
    title: 'KubeCon 芝加哥现场报道',
    fallback: '在 Bilibili 上观看《KubeCon 芝加哥现场报道》',
    caption: '在 Bilibili 上观看',
    player: 'KubeCon 芝加哥现场报道（Bilibili）',
  });
});

test('should name an untitled video in the page language', async () => {
  const en = facadeWords(await standalone('{{< vimeo 55073825 >}}\n', { language: 'en-GB' }));
  assert.equal(en.title, 'Vimeo video');
  assert.equal(en.player, 'Vimeo video player');
  const zh = facadeWords(await standalone('{{< vimeo 55073825 >}}\n', { language: 'zh' }));
  assert.equal(zh.title, 'Vimeo 视频');
  assert.equal(zh.player, 'Vimeo 视频播放器');
  assert.equal(zh.fallback, '在 Vimeo 上观看《Vimeo 视频》');
});

test('should use Traditional Chinese for Taiwan, Hong Kong, Macau and Hant, Simplified otherwise', async () => {
  const cases: Array<[string, string]> = [
    ['zh-TW', '播放影片：'],
    ['zh-hk', '播放影片：'],
    ['zh_MO', '播放影片：'],
    ['zh-Hant', '播放影片：'],
    ['zh-Hans-HK', '播放视频：'],
    ['zh-SG', '播放视频：'],
    ['ZH-cn', '播放视频：'],
  ];
  for (const [language, play] of cases) {
    const words = facadeWords(await standalone('{{< youtube JtD5wL5WABI >}}\n', { language }));
    assert.equal(words.sr[0], play, language);
  }
  const hant = facadeWords(await standalone('{{< youtube JtD5wL5WABI >}}\n', { language: 'zh-TW' }));
  assert.deepEqual([hant.sr[1], hant.title, hant.caption], ['，來自 ', 'YouTube 影片', '在 YouTube 上觀看']);
});

test('should fall back to English for languages without labels', async () => {
  for (const language of ['fr', 'de-CH', 'ja', 'zhx', '']) {
    const words = facadeWords(await standalone('{{< youtube JtD5wL5WABI >}}\n', { language }));
    assert.equal(words.button, 'Play video: YouTube video on YouTube', language);
    assert.equal(words.caption, 'Watch on YouTube', language);
  }
});

test('should throw for a `language` option that is not a string', () => {
  assert.throws(() => unified().use(remarkParse).use(remarkShortcodes, { language: 7 } as unknown as ShortcodeOptions).freeze(), /Unexpected `language` option `7`, expected a BCP 47 tag string/);
});

test('should give a Chinese site Chinese embeds, X cards and placeholders, an English site English ones', async () => {
  const body = matter + '{{< youtube JtD5wL5WABI >}}\n\n{{< x user="SanDiegoZoo" id="1453110110599868418" >}}\n\n{{< tweet 1453110110599868418 >}}\n\n{{< nope >}}\n';
  const zh = await site(body, 'zh-CN');
  for (const words of ['<span class="onair-embed-sr">播放视频：</span>', '<span class="onair-embed-sr">，来自 </span>', 'data-title="KubeCon 芝加哥现场报道（YouTube）"',
    '>在 YouTube 上观看《KubeCon 芝加哥现场报道》</a>', '>在 YouTube 上观看</a>', '<p>@SanDiegoZoo 在 X 上的帖子</p>', '<p>X 上的一条帖子</p>', '>在 X 上查看这条帖子</a>', 'title="未知的短代码 nope"']) {
    assert.ok(zh.includes(words), `zh-CN: ${words}\n${zh}`);
  }
  assert.doesNotMatch(zh, /Play video|Watch|View the post| on X|Unknown shortcode/);
  const en = await site(body, 'en');
  for (const words of ['<span class="onair-embed-sr">Play video: </span>', '<span class="onair-embed-sr"> on </span>', 'data-title="KubeCon 芝加哥现场报道 (YouTube)"',
    '>Watch “KubeCon 芝加哥现场报道” on YouTube</a>', '>Watch on YouTube</a>', '<p>A post by @SanDiegoZoo on X</p>', '<p>A post on X</p>', '>View the post on X</a>', 'title="Unknown shortcode nope"']) {
    assert.ok(en.includes(words), `en: ${words}\n${en}`);
  }
  assert.doesNotMatch(en, /[播观看视频帖]/);
});

test('should word the players made from front matter `videos` and their tabs in the page language', async () => {
  const post = '---\ntitle: 对话\nvideos:\n  - platform: bilibili\n    id: BV1ZG411S75r\n  - platform: youtube\n    id: JtD5wL5WABI\n---\n\n{{< bilibili BV1ZG411S75r >}}\n';
  const zh = await site(post, 'zh-CN');
  assert.match(zh, /role="tablist" aria-label="视频平台"/);
  assert.equal(zh.match(/<span class="onair-embed-sr">播放视频：<\/span>/g)?.length, 2, zh);
  assert.match(zh, />在 YouTube 上观看<\/a>/, 'the YouTube tab comes from front matter');
  const hant = await site(post, 'zh-Hant-TW');
  assert.match(hant, /aria-label="影片平台"/);
  assert.equal(hant.match(/播放影片：/g)?.length, 2, hant);
  const en = await site(post, 'en');
  assert.match(en, /aria-label="Video platform"/);
  assert.equal(en.match(/Play video: /g)?.length, 2, en);
});

test('should keep a hostile title escaped in every language', async () => {
  const hostile = '---\ntitle: \'a "b" <script>alert(1)</script> & c\'\n---\n{{< youtube JtD5wL5WABI >}}\n';
  for (const language of ['zh-CN', 'zh-TW', 'en']) {
    const html = await site(hostile, language);
    assert.doesNotMatch(html.replace(/="[^"]*"/g, ''), /<script/, language);
    assert.match(html, /data-title="a &#x22;b&#x22; <script>alert\(1\)<\/script> &#x26; c[ （(]/, language);
  }
  const tree = await standalone('{{< youtube id="JtD5wL5WABI" title=`a "b" <script>alert(1)</script> & c` >}}\n', { language: 'zh-CN' });
  assert.equal(facadeWords(tree).fallback, '在 YouTube 上观看《a "b" <script>alert(1)</script> & c》');
});

test('should build a zh-CN site whose post pages carry Chinese embed words', async () => {
  const root = makeSite({
    'onair.yaml': 'title: 访谈\nbaseUrl: https://example.com/\nlanguage: zh-CN\n',
    'content/post/a.md': '---\ntitle: 对话 Envoy Gateway\ndate: 2024-05-20\n---\n\n开场。\n\n{{< youtube JtD5wL5WABI >}}\n',
  });
  try {
    const result = await build({ root });
    assert.equal(result.ok, true, formatReport(result.files));
    const page = fs.readFileSync(path.join(root, 'public/post/a/index.html'), 'utf8');
    assert.match(page, /<html lang="zh-CN">/);
    assert.match(page, /<span class="onair-embed-sr">播放视频：<\/span><span class="onair-embed-title">对话 Envoy Gateway<\/span><span class="onair-embed-sr">，来自 <\/span>/);
    assert.match(page, />在 YouTube 上观看<\/a>/);
    assert.doesNotMatch(page, /Play video|Watch on/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
