/**
 * Interview posts: speaker turns, timestamps, platform tabs, chapters,
 * structured data and subtitles. Fixtures in `test/fixtures/interview/<case>/`:
 * `input.md` (+ optional `options.json`) → `output.html`, `messages.txt`,
 * `data.json`, and `transcript.vtt` / `jsonld.json` when the post has them.
 * `UPDATE=1` rewrites the expected files.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Root as HastRoot, Element } from 'hast';
import type { Root, Paragraph } from 'mdast';
import fc from 'fast-check';
import { toHtml } from 'hast-util-to-html';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { frontMatterHandlers, frontMatterSyntax, remarkMatter } from '../src/content/matter.js';
import * as interview from '../src/interview/index.js';
import {
  isPlausibleLabel,
  jsonLdScript,
  metadataFromVideos,
  parseTimestamp,
  remarkInterview,
  toWebVtt,
  transcriptText,
  videoJsonLd,
  videoMetaTags,
  type Options,
} from '../src/interview/index.js';
import type { Shortcode } from '../src/shortcodes/types.js';
import type { PostContent, PostMeta } from '../src/types.js';

const fixtures = new URL('fixtures/interview/', import.meta.url);
const update = process.env.UPDATE === '1';

/** The shortcode plugin when it exists (`src/shortcodes/index.ts`), else none: fixtures then use hand-made nodes. */
async function shortcodePlugins(): Promise<PluggableList> {
  const modulePath = '../src/shortcodes/index.js';
  try {
    const mod = (await import(modulePath)) as Record<string, unknown>;
    const plugin = (mod.remarkShortcodes ?? mod.default) as PluggableList[number] | undefined;
    return plugin ? [plugin] : [];
  } catch {
    return [];
  }
}

/** Runs the fixture pipeline: parse → front matter → gfm → shortcodes → interview → rehype. */
async function run(markdown: string, options: Options = {}): Promise<{ html: string; file: VFile }> {
  const file = new VFile({ path: 'content/post/interview.md', value: markdown });
  const processor = unified()
    .use(remarkParse)
    .use(frontMatterSyntax)
    .use(remarkMatter)
    .use(remarkGfm)
    .use(await shortcodePlugins())
    .use(remarkInterview, options)
    .use(remarkRehype, { handlers: frontMatterHandlers })
    .use(shortEmbeds)
    .use(rehypeStringify);
  const tree = await processor.run(processor.parse(file), file);
  return { html: processor.stringify(tree as HastRoot, file), file };
}

/** Keeps only the identity of each embed facade, so fixtures do not depend on the facade's markup. */
function shortEmbeds() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'figure' || !String(node.properties.className ?? '').includes('onair-embed')) return;
      const { dataPlatform, dataVideoId } = node.properties;
      node.properties = { className: ['onair-embed'], dataPlatform, dataVideoId };
      node.children = [];
      return SKIP;
    });
  };
}

/** This area's messages (other areas' wording is pinned by their own tests). */
const ownRules = new Set(['invalid-timestamp', 'video-metadata-mismatch', 'chapter-order']);

function messages(file: VFile): string {
  return file.messages.filter((m) => ownRules.has(m.ruleId ?? '')).map((m) => `${m.line ?? 0}:${m.column ?? 0}: ${m.reason} [${m.ruleId}]\n`).join('');
}

function check(dir: URL, name: string, actual: string): void {
  const file = new URL(name, dir);
  if (update) fs.writeFileSync(file, actual);
  const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  assert.equal(actual, expected, `${path.basename(dir.pathname)}/${name}`);
}

test('should expose the public API', () => {
  assert.deepEqual(Object.keys(interview).sort(), [
    'default',
    'defaultPlatformFor',
    'embedUrl',
    'formatTimestamp',
    'isPlausibleLabel',
    'jsonLdScript',
    'metadataFromVideos',
    'parseTimestamp',
    'parseVideoUrl',
    'remarkInterview',
    'shortcodeVideo',
    'toWebVtt',
    'transcriptCues',
    'transcriptText',
    'videoJsonLd',
    'videoMetaTags',
    'watchUrl',
  ]);
});

test('should parse timestamps and reject out-of-range fields', () => {
  assert.equal(parseTimestamp('12:34'), 754);
  assert.equal(parseTimestamp('0:05'), 5);
  assert.equal(parseTimestamp('1:02:03'), 3723);
  assert.equal(parseTimestamp('59:59'), 3599);
  assert.match(String(parseTimestamp('12:75')), /Unexpected seconds `75`/);
  assert.match(String(parseTimestamp('75:00')), /Unexpected minutes `75`.*`\[1:15:00\]`/);
  assert.match(String(parseTimestamp('1:60:00')), /Unexpected minutes `60`/);
  assert.equal(parseTimestamp('1:2'), undefined);
  assert.equal(parseTimestamp('123:45'), undefined);
  assert.equal(parseTimestamp('a:bc'), undefined);
});

test('should tell speaker names from prose labels', () => {
  for (const name of ['Huabing', 'Varun Talwar', 'Q', 'A', 'Dr. Jane Smith', '赵化冰', '瓦伦·塔尔瓦', 'Speaker 1', "Conan O'Brien", 'Jean-Luc']) {
    assert.equal(isPlausibleLabel(name), true, name);
  }
  for (const label of [
    'Note', 'NOTE', 'Warning', 'TODO', 'Example', 'Step 1', 'Step 2', 'Update', 'Tip', 'Pros', 'P.S.',
    '注意', '提示', '第一步', 'http', '12', '2023', 'note', 'so the answer',
    'The thing we discussed yesterday', 'Hello, world', 'Why?', 'See (below)', '一二三四五六七八九十一二三四五六七八九十一',
  ]) {
    assert.equal(isPlausibleLabel(label), false, label);
  }
});

test('should serialize JSON-LD so no value can close the script', () => {
  const data = { name: '</script><script>alert(1)</script>', text: 'a & b > c \u2028 \u2029' };
  const element = jsonLdScript(data);
  const html = toHtml(element);
  assert.equal(html.match(/<\/script>/g)?.length, 1, html);
  assert.ok(html.startsWith('<script type="application/ld+json">'));
  assert.doesNotMatch(html.slice(0, -9), /<\/|[\u2028\u2029]|&(?!amp)/);
  const text = (element.children[0] as { value: string }).value;
  assert.deepEqual(JSON.parse(text), data);
});

test('should describe each video as a VideoObject with clips, transcript and a seek action', () => {
  const objects = videoJsonLd(
    { title: 'Talk', description: 'About Istio', date: new Date('2023-11-16T00:00:00Z'), image: '/cover.jpg', url: '/post/talk/' },
    [{ platform: 'bilibili', id: 'BV1ZG411S75r' }, { platform: 'youtube', id: 'JtD5wL5WABI' }],
    [{ start: 0, title: 'Intro' }, { start: 90, title: 'Istio' }],
    'Huabing: Hello',
    (url) => 'https://example.com' + url,
  );
  assert.equal(objects.length, 2);
  const [bili, yt] = objects as [Record<string, unknown>, Record<string, unknown>];
  assert.equal(yt['@context'], 'https://schema.org');
  assert.equal(yt['@type'], 'VideoObject');
  assert.equal(yt.name, 'Talk');
  assert.equal(yt.uploadDate, '2023-11-16T00:00:00.000Z');
  assert.deepEqual(yt.thumbnailUrl, ['https://i.ytimg.com/vi/JtD5wL5WABI/hqdefault.jpg', 'https://example.com/cover.jpg']);
  assert.deepEqual(bili.thumbnailUrl, ['https://example.com/cover.jpg']);
  assert.match(String(yt.embedUrl), /^https:\/\/www\.youtube-nocookie\.com\/embed\/JtD5wL5WABI\?/);
  assert.match(String(bili.embedUrl), /^https:\/\/player\.bilibili\.com\/player\.html\?bvid=BV1ZG411S75r/);
  assert.equal(yt.contentUrl, 'https://www.youtube.com/watch?v=JtD5wL5WABI');
  assert.equal(yt.transcript, 'Huabing: Hello');
  assert.deepEqual(yt.hasPart, [
    { '@type': 'Clip', name: 'Intro', startOffset: 0, endOffset: 90, url: 'https://www.youtube.com/watch?v=JtD5wL5WABI' },
    { '@type': 'Clip', name: 'Istio', startOffset: 90, url: 'https://www.youtube.com/watch?v=JtD5wL5WABI&t=90s' },
  ]);
  assert.deepEqual(bili.potentialAction, {
    '@type': 'SeekToAction',
    target: 'https://example.com/post/talk/?t={seek_to_second_number}',
    'startOffset-input': 'required name=seek_to_second_number',
  });
});

test('should give the chapters to the first part only, and name the parts', () => {
  const post = { title: '两集访谈', url: '/post/parts/' };
  const chapters = [{ start: 0, title: '开场' }, { start: 200, title: '为什么' }];
  const videos = [
    { platform: 'bilibili', id: 'BV1ZG411S75r' },
    { platform: 'bilibili', id: 'BV1ZG411S75r', page: 2 },
    { platform: 'youtube', id: 'JtD5wL5WABI' },
  ] as const;
  const objects = videoJsonLd(post, videos, chapters, '', (u) => 'https://e.org' + u);
  assert.deepEqual(objects.map((o) => o.name), ['两集访谈', '两集访谈 (P2)', '两集访谈']);
  assert.deepEqual(
    objects.map((o) => (o.hasPart as unknown[] | undefined)?.length ?? 0),
    [2, 0, 2],
    'part 2 has none of part 1\'s chapters; the same talk on YouTube has them',
  );
});

test('should take a rendered post as the JSON-LD post', () => {
  // Compile-time: the build can pass its post object as is.
  const post = { title: 'T', summaryText: 'Words', url: '/p/' } as unknown as PostMeta & PostContent;
  const [object] = videoJsonLd(post, [{ platform: 'vimeo', id: '55073825' }], [], '', (u) => 'https://e.org' + u);
  assert.equal(object!.description, 'Words');
  assert.equal(object!.embedUrl, 'https://player.vimeo.com/video/55073825?dnt=1&autoplay=0');
  assert.equal(object!.contentUrl, 'https://vimeo.com/55073825');
  assert.equal('transcript' in object!, false);
});

test('should make og:video and twitter:player tags', () => {
  const html = videoMetaTags({ platform: 'youtube', id: 'JtD5wL5WABI' }).map((e) => toHtml(e)).join('\n');
  const player = 'https://www.youtube-nocookie.com/embed/JtD5wL5WABI?autoplay=0&#x26;rel=0';
  assert.equal(
    html,
    [
      `<meta property="og:video" content="${player}">`,
      `<meta property="og:video:secure_url" content="${player}">`,
      '<meta property="og:video:type" content="text/html">',
      '<meta property="og:video:width" content="1280">',
      '<meta property="og:video:height" content="720">',
      '<meta name="twitter:card" content="player">',
      `<meta name="twitter:player" content="${player}">`,
      '<meta name="twitter:player:width" content="1280">',
      '<meta name="twitter:player:height" content="720">',
    ].join('\n'),
  );
});

test('should derive metadata links from videos', () => {
  assert.deepEqual(metadataFromVideos([{ platform: 'bilibili', id: 'BV1ZG411S75r' }, { platform: 'youtube', id: 'JtD5wL5WABI' }]), [
    { text: 'Bilibili', link: 'https://www.bilibili.com/video/BV1ZG411S75r/' },
    { text: 'YouTube', link: 'https://www.youtube.com/watch?v=JtD5wL5WABI' },
  ]);
});

test('should write WebVTT cues from timestamp to timestamp, escaped, with voices', () => {
  const vtt = toWebVtt(
    [
      { start: 5, lines: [{ speaker: 'Huabing', text: 'Welcome & hello <everyone> -->' }] },
      { start: 65, lines: [{ speaker: 'Varun', text: 'Thanks.' }, { speaker: 'Huabing', text: 'So?' }] },
      { start: 3723, lines: [{ text: 'one two three four five six seven' }] },
    ],
    {},
  );
  assert.equal(
    vtt,
    'WEBVTT\n\n' +
      '00:00:05.000 --> 00:01:05.000\n<v Huabing>Welcome &amp; hello &lt;everyone&gt; --&gt;\n\n' +
      '00:01:05.000 --> 01:02:03.000\n<v Varun>Thanks.\n<v Huabing>So?\n\n' +
      '01:02:03.000 --> 01:02:06.000\none two three four five six seven\n',
  );
  assert.match(toWebVtt([{ start: 1, lines: [{ text: 'x' }] }], { end: 30 }), /00:00:01.000 --> 00:00:30.000/);
});

test('should group hand-made embed shortcodes into one tabbed player', async () => {
  const shortcode = (name: string, id: string): Shortcode => ({
    type: 'shortcode', name, delimiter: '<', form: 'inline', positional: [id], named: Object.create(null), paired: false, children: [],
  });
  const paragraph = (label: string, node: Shortcode): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value: label + '\n' }, node] });
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Videos' }] },
      paragraph('Bilibili', shortcode('bilibili', 'BV1ZG411S75r')),
      paragraph('YouTube', shortcode('youtube', 'JtD5wL5WABI')),
      { type: 'paragraph', children: [{ type: 'text', value: 'Interview [1:05] text' }] },
    ],
  };
  const file = new VFile();
  await unified().use(remarkInterview, { language: 'zh-CN' }).run(tree, file);
  assert.deepEqual(tree.children.map((n) => n.type), ['heading', 'videoTabs', 'paragraph']);
  const tabs = tree.children[1]!;
  assert.equal(tabs.type, 'videoTabs');
  if (tabs.type !== 'videoTabs') return;
  assert.deepEqual(tabs.children.map((c) => (c.type === 'videoPanel' ? `${c.platform}:${c.data?.hProperties?.hidden}` : c.type)), [
    'videoTabList', 'bilibili:false', 'youtube:true',
  ]);
  const buttons = tabs.children[0]!.data!.hChildren as Element[];
  assert.deepEqual(buttons.map((b) => [b.properties.dataPlatform, b.properties.ariaSelected, b.properties.ariaControls]), [
    ['bilibili', 'true', ['onair-video-1-panel-bilibili']],
    ['youtube', 'false', ['onair-video-1-panel-youtube']],
  ]);
  assert.deepEqual(file.data.postVideos, [{ platform: 'bilibili', id: 'BV1ZG411S75r' }, { platform: 'youtube', id: 'JtD5wL5WABI' }]);
  assert.equal(file.data.hasInterview, true);
  const link = (tree.children[2] as Paragraph).children[1]!;
  assert.equal(link.type === 'link' && link.url, 'https://www.bilibili.com/video/BV1ZG411S75r/?t=65');
});

test('should not group two embeds of one platform, or unlabelled embeds outside a Videos section', async () => {
  const sc = (name: string, id: string): Shortcode => ({
    type: 'shortcode', name, delimiter: '<', form: 'block', positional: [id], named: Object.create(null), paired: false, children: [],
  });
  const tree: Root = {
    type: 'root',
    children: [sc('youtube', 'JtD5wL5WABI'), sc('youtube', 'dQw4w9WgXcQ'), { type: 'thematicBreak' }, sc('youtube', 'JtD5wL5WABI'), sc('bilibili', 'BV1ZG411S75r')],
  };
  await unified().use(remarkInterview).run(tree, new VFile());
  assert.deepEqual(tree.children.map((n) => n.type), ['shortcode', 'shortcode', 'thematicBreak', 'shortcode', 'shortcode']);
});

test('should never throw or emit an unsafe URL on label-, timestamp- and shortcode-heavy input', async () => {
  const pieces = [
    'Huabing:', 'Varun：', '**Q:**', '**A**:', 'Note:', 'Step 1:', '[12:34]', '[1:02:03]', '[12:75]', '[99:99:99]', '赵化冰：',
    'http://x.y', '10:30', ' ', 'text', '\n', '\n\n', '- ', '> ', '## Videos\n\n', '## Chapters\n\n', '---\n\n', '`', '[', ']', '(', ')',
    '{{< youtube JtD5wL5WABI >}}', '{{< bilibili BV1ZG411S75r >}}', 'Bilibili\n', 'YouTube\n', 'javascript:alert(1)', '<b>', '&',
  ];
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), async (parts) => {
      const { html } = await run(parts.join(''));
      assert.doesNotMatch(html, /href="javascript:/i);
    }),
    { numRuns: 150 },
  );
});

test('should pick the default platform from the option, else the language', () => {
  assert.equal(interview.defaultPlatformFor({}), 'youtube');
  assert.equal(interview.defaultPlatformFor({ language: 'zh-CN' }), 'bilibili');
  assert.equal(interview.defaultPlatformFor({ language: 'zh-Hant' }), 'bilibili');
  assert.equal(interview.defaultPlatformFor({ language: 'zh', defaultPlatform: 'vimeo' }), 'vimeo');
  assert.throws(() => remarkInterview({ defaultPlatform: 'tiktok' as never }), /Unexpected `defaultPlatform` `tiktok`/);
});

test('should join the transcript as plain text', () => {
  assert.equal(
    transcriptText([
      { speaker: 'A', speakerId: 'a', index: 0, text: 'Hi' },
      { speaker: 'B', speakerId: 'b', index: 1, text: 'Hello\n\nthere' },
    ]),
    'A: Hi\n\nB: Hello\n\nthere',
  );
});

for (const name of fs.existsSync(fixtures) ? fs.readdirSync(fixtures).sort() : []) {
  test(`should match fixture ${name}`, async () => {
    const dir = new URL(name + '/', fixtures);
    const input = fs.readFileSync(new URL('input.md', dir), 'utf8');
    const optionsFile = new URL('options.json', dir);
    const options = fs.existsSync(optionsFile) ? (JSON.parse(fs.readFileSync(optionsFile, 'utf8')) as Options) : {};
    const { html, file } = await run(input, options);
    check(dir, 'output.html', html.trim() + '\n');
    check(dir, 'messages.txt', messages(file));
    const { chapters, transcript, postVideos, hasInterview } = file.data;
    check(dir, 'data.json', JSON.stringify({ postVideos, hasInterview, chapters, transcript }, null, 2) + '\n');
    if (file.data.cues?.length) check(dir, 'transcript.vtt', toWebVtt(file.data.cues));
    if (postVideos?.length) {
      const matter = file.data.matter!;
      const post = { title: matter.title, description: matter.description, date: matter.date, image: matter.image, url: '/post/interview/' };
      const ld = videoJsonLd(post, postVideos, chapters ?? [], transcriptText(transcript ?? []), (u) => 'https://example.com' + u);
      check(dir, 'jsonld.json', JSON.stringify(ld, null, 2) + '\n');
    }
  });
}
