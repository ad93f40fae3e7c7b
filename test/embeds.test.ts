/**
 * Built-in shortcodes and video URLs: parsing every URL form, the facade
 * markup, exact messages, and an html-validate pass over every embed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import * as video from '../src/video/index.js';
import { builtins } from '../src/shortcodes/builtins/index.js';
import { embedPage, render, runShortcode } from './helpers/embeds.js';

const fixtures = path.join(import.meta.dirname, 'fixtures/embeds');

for (const name of fs.readdirSync(fixtures).sort()) {
  test(`should render the \`${name}\` fixture`, async () => {
    const dir = path.join(fixtures, name);
    const configFile = path.join(dir, 'config.json');
    const config = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
    const { html, messages, data } = await render(fs.readFileSync(path.join(dir, 'input.md'), 'utf8'), config);
    const actual: Record<string, string> = {
      'output.html': html + '\n',
      'messages.txt': messages.map((line) => line + '\n').join(''),
      'data.json': JSON.stringify(data, null, 2) + '\n',
    };
    for (const [file, value] of Object.entries(actual)) {
      const expectedFile = path.join(dir, file);
      if (process.env.UPDATE || !fs.existsSync(expectedFile)) fs.writeFileSync(expectedFile, value);
      assert.equal(value, fs.readFileSync(expectedFile, 'utf8'), `${name}/${file}`);
    }
  });
}

test('should expose the built-ins and the video helpers', () => {
  // Other built-ins (ref, param…) live beside these; only this area's are pinned here.
  for (const name of ['bilibili', 'figure', 'highlight', 'vimeo', 'youtube']) assert.equal(typeof builtins[name], 'function', name);
  assert.equal(builtins.figure!.embed, undefined);
  assert.equal(builtins.highlight!.paired, true);
  assert.equal(builtins.details!.inner, 'markdown');
  assert.equal(builtins.comment!.inner, 'raw');
  assert.equal(builtins.youtube!.embed, true);
  assert.equal(builtins.bilibili!.embed, true);
  assert.equal(builtins.vimeo!.embed, true);
  assert.deepEqual(Object.keys(video).sort(), [
    'aidPattern', 'bilibiliPlayerUrl', 'bilibiliWatchUrl', 'bvidPattern', 'parseAid', 'parseBilibili', 'parseBvid',
    'parseSeconds', 'parseVimeo', 'parseYouTube', 'vimeoIdPattern', 'vimeoPlayerUrl', 'vimeoWatchUrl',
    'youtubeEmbedUrl', 'youtubeIdPattern', 'youtubeThumbnailUrl', 'youtubeWatchUrl',
  ]);
});

test('should parse times as seconds', () => {
  const cases: Array<[string, number | undefined]> = [
    ['90', 90], ['90s', 90], ['1m30s', 90], ['1h2m3s', 3723], ['2m', 120], ['1:30', 90], ['01:02:03', 3723],
    ['12.7', 12], ['', undefined], ['abc', undefined], ['1:75', undefined], ['-5', undefined],
  ];
  for (const [input, expected] of cases) assert.equal(video.parseSeconds(input), expected, input);
});

test('should parse every YouTube id and URL form', () => {
  const id = 'JtD5wL5WABI';
  const cases: Array<[string, video.YouTubeVideo | undefined]> = [
    [id, { id }],
    [`https://www.youtube.com/watch?v=${id}`, { id }],
    [`https://www.youtube.com/watch?v=${id}&t=1m30s`, { id, start: 90 }],
    [`https://m.youtube.com/watch?feature=share&v=${id}&t=42`, { id, start: 42 }],
    [`youtube.com/watch?v=${id}`, { id }],
    [`https://youtu.be/${id}?si=abc&t=42`, { id, start: 42 }],
    [`https://www.youtube.com/shorts/${id}`, { id }],
    [`https://www.youtube.com/embed/${id}?start=10`, { id, start: 10 }],
    [`https://www.youtube-nocookie.com/embed/${id}`, { id }],
    [`https://www.youtube.com/live/${id}?feature=shared`, { id }],
    [`https://music.youtube.com/watch?v=${id}#t=5`, { id, start: 5 }],
    ['JtD5wL5WAB', undefined],
    ['JtD5wL5WABI!', undefined],
    [`https://evil.example/watch?v=${id}`, undefined],
    [`javascript:alert(1)//youtube.com/watch?v=${id}`, undefined],
    [`https://www.youtube.com/watch?v=bad`, undefined],
  ];
  for (const [input, expected] of cases) assert.deepEqual(video.parseYouTube(input), expected, input);
});

test('should parse bilibili BV ids, av ids and URLs', () => {
  const bvid = 'BV1ZG411S75r';
  const cases: Array<[string, video.BilibiliVideo | undefined]> = [
    [bvid, { bvid }],
    ['bv1ZG411S75r', { bvid }],
    ['av170001', { aid: '170001' }],
    [`https://www.bilibili.com/video/${bvid}/`, { bvid }],
    [`https://www.bilibili.com/video/${bvid}/?p=2&t=30&spm_id_from=333`, { bvid, page: 2, start: 30 }],
    ['https://www.bilibili.com/video/av170001', { aid: '170001' }],
    [`https://m.bilibili.com/video/${bvid}`, { bvid }],
    [`https://b23.tv/${bvid}`, { bvid }],
    [`//player.bilibili.com/player.html?bvid=${bvid}&page=3`, { bvid, page: 3 }],
    [`https://player.bilibili.com/player.html?bvid=${bvid}&page=3`, { bvid, page: 3 }],
    ['https://player.bilibili.com/player.html?aid=170001', { aid: '170001' }],
    ['BV1ZG411S75', undefined],
    ['BV1ZG411S75O', undefined],
    ['170001', undefined],
    [`https://bilibili.evil.example/video/${bvid}`, undefined],
  ];
  for (const [input, expected] of cases) assert.deepEqual(video.parseBilibili(input), expected, input);
});

test('should parse Vimeo ids and URLs', () => {
  const cases: Array<[string, video.VimeoVideo | undefined]> = [
    ['55073825', { id: '55073825' }],
    ['https://vimeo.com/55073825', { id: '55073825' }],
    ['https://vimeo.com/55073825/abcdef1234#t=1m', { id: '55073825', hash: 'abcdef1234', start: 60 }],
    ['https://vimeo.com/channels/staffpicks/55073825', { id: '55073825' }],
    ['https://player.vimeo.com/video/55073825?h=abcdef1234', { id: '55073825', hash: 'abcdef1234' }],
    ['vimeo', undefined],
    ['https://example.com/55073825', undefined],
  ];
  for (const [input, expected] of cases) assert.deepEqual(video.parseVimeo(input), expected, input);
});

test('should build https embed and watch URLs', () => {
  assert.equal(video.youtubeEmbedUrl('JtD5wL5WABI'), 'https://www.youtube-nocookie.com/embed/JtD5wL5WABI?autoplay=0&rel=0');
  assert.equal(
    video.youtubeEmbedUrl('JtD5wL5WABI', { autoplay: true, start: 90, end: 120, loop: true, mute: true, controls: false }),
    'https://www.youtube-nocookie.com/embed/JtD5wL5WABI?autoplay=1&start=90&end=120&mute=1&controls=0&loop=1&playlist=JtD5wL5WABI&rel=0',
  );
  assert.equal(video.youtubeWatchUrl('JtD5wL5WABI', 90), 'https://www.youtube.com/watch?v=JtD5wL5WABI&t=90s');
  assert.equal(
    video.bilibiliPlayerUrl({ bvid: 'BV1ZG411S75r' }),
    'https://player.bilibili.com/player.html?bvid=BV1ZG411S75r&page=1&autoplay=0&high_quality=1',
  );
  assert.equal(
    video.bilibiliPlayerUrl({ aid: '170001', page: 2, start: 30 }, { muted: true, danmaku: false }),
    'https://player.bilibili.com/player.html?aid=170001&page=2&autoplay=0&t=30&muted=1&danmaku=0&high_quality=1',
  );
  assert.equal(video.bilibiliWatchUrl({ bvid: 'BV1ZG411S75r', page: 2, start: 30 }), 'https://www.bilibili.com/video/BV1ZG411S75r/?p=2&t=30');
  assert.equal(video.bilibiliWatchUrl({ aid: '170001' }), 'https://www.bilibili.com/video/av170001/');
  assert.equal(video.vimeoPlayerUrl({ id: '55073825', start: 60 }), 'https://player.vimeo.com/video/55073825?dnt=1&autoplay=0#t=60s');
  assert.equal(video.vimeoPlayerUrl({ id: '1', hash: 'abcdef' }, { dnt: false }), 'https://player.vimeo.com/video/1?h=abcdef&autoplay=0');
  assert.equal(video.vimeoWatchUrl({ id: '1', hash: 'abcdef', start: 5 }), 'https://vimeo.com/1/abcdef#t=5s');
  assert.throws(() => video.bilibiliPlayerUrl({}), /expected a `bvid` or an `aid`/);
});

const seedMatter = { title: 'KubeCon 芝加哥现场报道' };

test('should render the youtube facade without any request to a video host', () => {
  const { html, messages, videos } = runShortcode('youtube', ['JtD5wL5WABI'], { matter: seedMatter });
  assert.deepEqual(messages, []);
  assert.deepEqual(videos, [{ platform: 'youtube', id: 'JtD5wL5WABI' }]);
  assert.match(html, /^<figure class="onair-embed" id="onair-embed-1" data-platform="youtube" data-video-id="JtD5wL5WABI" /);
  assert.match(html, / data-embed-src="https:\/\/www\.youtube-nocookie\.com\/embed\/JtD5wL5WABI\?autoplay=1&#x26;rel=0"/);
  assert.match(html, /<button type="button" class="onair-embed-play"><span class="onair-embed-sr">Play video: <\/span><span class="onair-embed-title">KubeCon 芝加哥现场报道<\/span><span class="onair-embed-sr"> on <\/span><span class="onair-embed-mark">YouTube<\/span>/);
  assert.match(html, /<a class="onair-embed-link" href="https:\/\/www\.youtube\.com\/watch\?v=JtD5wL5WABI">Watch on YouTube<\/a>/);
  assert.doesNotMatch(html.replace(/data-embed-src="[^"]*"|href="[^"]*"/g, ''), /youtube\.com|ytimg/);
  assert.doesNotMatch(html, /<iframe|<img/);
});

test('should read Hugo youtube parameters and URL forms', () => {
  const { html, messages } = runShortcode('youtube', {
    id: 'https://youtu.be/JtD5wL5WABI?t=30',
    end: '1m',
    loop: 'true',
    mute: '1',
    controls: 'false',
    autoplay: 'false',
    allowFullScreen: 'false',
    title: 'The talk',
    class: 'wide dark',
    loading: 'eager',
  });
  assert.deepEqual(messages, []);
  assert.match(html, /class="onair-embed wide dark"/);
  assert.match(html, /data-embed-src="https:\/\/www\.youtube-nocookie\.com\/embed\/JtD5wL5WABI\?autoplay=0&#x26;start=30&#x26;end=60&#x26;mute=1&#x26;controls=0&#x26;loop=1&#x26;playlist=JtD5wL5WABI&#x26;rel=0"/);
  assert.match(html, /data-start="30" data-title="The talk \(YouTube\)" data-loading="eager" data-allow-fullscreen="false"/);
  assert.match(html, /href="https:\/\/www\.youtube\.com\/watch\?v=JtD5wL5WABI&#x26;t=30s"/);
});

test('should choose the poster: argument, remote thumbnail, post image, placeholder', () => {
  const poster = (args: Record<string, string>, run: Parameters<typeof runShortcode>[2]) =>
    /<img class="onair-embed-poster" src="([^"]*)"/.exec(runShortcode('youtube', { id: 'JtD5wL5WABI', ...args }, run).html)?.[1];
  assert.equal(poster({}, {}), undefined);
  assert.equal(poster({}, { matter: { image: '/img/cover.jpg' } }), '/img/cover.jpg');
  assert.equal(poster({}, { options: { poster: '/default.png' } }), '/default.png');
  assert.equal(poster({}, { options: { remoteThumbnails: true }, matter: { image: '/c.jpg' } }), 'https://i.ytimg.com/vi/JtD5wL5WABI/hqdefault.jpg');
  assert.equal(poster({ poster: 'cover.webp' }, { matter: { image: '/c.jpg' } }), 'cover.webp');
  assert.equal(poster({ poster: 'false' }, { matter: { image: '/c.jpg' } }), undefined);
  const bili = runShortcode('bilibili', ['BV1ZG411S75r'], { options: { remoteThumbnails: true } });
  assert.doesNotMatch(bili.html, /<img/, 'bilibili has no public thumbnail URL: placeholder');
});

test('should render bilibili positional and named forms with autoplay off unless clicked', () => {
  const positional = runShortcode('bilibili', ['BV1ZG411S75r', '2']);
  assert.deepEqual(positional.messages, []);
  assert.deepEqual(positional.videos, [{ platform: 'bilibili', id: 'BV1ZG411S75r', page: 2 }]);
  assert.match(positional.html, /data-embed-src="https:\/\/player\.bilibili\.com\/player\.html\?bvid=BV1ZG411S75r&#x26;page=2&#x26;autoplay=1&#x26;high_quality=1"/);
  assert.match(positional.html, /href="https:\/\/www\.bilibili\.com\/video\/BV1ZG411S75r\/\?p=2"/);
  const named = runShortcode('bilibili', { aid: '170001', p: '3', t: '1:05', autoplay: 'false', muted: 'true', danmaku: 'false' });
  assert.deepEqual(named.messages, []);
  assert.match(named.html, /data-video-id="av170001"/);
  assert.match(named.html, /data-embed-src="https:\/\/player\.bilibili\.com\/player\.html\?aid=170001&#x26;page=3&#x26;autoplay=0&#x26;t=65&#x26;muted=1&#x26;danmaku=0&#x26;high_quality=1"/);
  const url = runShortcode('bilibili', { id: 'https://www.bilibili.com/video/BV1ZG411S75r/?p=4&t=12' });
  assert.match(url.html, /page=4&#x26;autoplay=1&#x26;t=12/);
});

test('should tell the parts of a bilibili video apart by their names', () => {
  const matter = { title: '两集访谈' };
  const one = runShortcode('bilibili', ['BV1ZG411S75r', '1'], { matter });
  const two = runShortcode('bilibili', ['BV1ZG411S75r', '2'], { matter });
  assert.match(one.html, /<span class="onair-embed-title">两集访谈<\/span>/);
  assert.match(two.html, /<span class="onair-embed-title">两集访谈 \(P2\)<\/span>/, 'two play buttons of one page do not share a name');
  assert.match(two.html, /data-title="两集访谈 \(P2\)/);
  const titled = runShortcode('bilibili', { id: 'BV1ZG411S75r', page: '2', title: '下集' }, { matter });
  assert.match(titled.html, /<span class="onair-embed-title">下集<\/span>/, 'a given title is kept as written');
});

test('should render vimeo with do-not-track on by default', () => {
  const { html, messages } = runShortcode('vimeo', ['https://vimeo.com/55073825/abcdef1234']);
  assert.deepEqual(messages, []);
  assert.match(html, /data-embed-src="https:\/\/player\.vimeo\.com\/video\/55073825\?h=abcdef1234&#x26;dnt=1&#x26;autoplay=1"/);
  assert.match(html, /href="https:\/\/vimeo\.com\/55073825\/abcdef1234"/);
  assert.match(runShortcode('vimeo', { id: '1', dnt: 'false' }).html, /video\/1\?autoplay=1"/);
});

test('should report missing and invalid ids and parameters with exact messages', () => {
  const cases: Array<[string, string[] | Record<string, string>, string[]]> = [
    ['youtube', [], ['!missing-video-id: Missing video id in `youtube`, expected `{{< youtube ID >}}` with an 11-character YouTube id or a YouTube URL']],
    ['youtube', ['JtD5wL5WAB'], ['!invalid-video-id: Unexpected YouTube video id `JtD5wL5WAB`, expected 11 characters of `A-Z a-z 0-9 _ -` or a YouTube URL']],
    ['youtube', ['"><script>'], ['!invalid-video-id: Unexpected YouTube video id `"><script>`, expected 11 characters of `A-Z a-z 0-9 _ -` or a YouTube URL']],
    ['bilibili', [], ['!missing-video-id: Missing video id in `bilibili`, expected `{{< bilibili ID >}}` with a BV id (`BV1…`), an av id or a bilibili URL']],
    ['bilibili', ['BV1ZG411S75'], ['!invalid-video-id: Unexpected bilibili video id `BV1ZG411S75`, expected a BV id (`BV` and 10 letters or digits, such as `BV1ZG411S75r`), an av id (`av170001`) or a bilibili URL']],
    ['vimeo', ['abc'], ['!invalid-video-id: Unexpected Vimeo video id `abc`, expected a numeric id (`55073825`) or a Vimeo URL']],
    ['vimeo', [], ['!missing-video-id: Missing video id in `vimeo`, expected `{{< vimeo ID >}}` with a numeric Vimeo id or a Vimeo URL']],
    ['youtube', { id: 'JtD5wL5WABI', autoplay: 'yes' }, ['invalid-parameter: Unexpected `autoplay` value `yes`, expected `true` or `false`']],
    ['youtube', { id: 'JtD5wL5WABI', start: 'soon' }, ['invalid-parameter: Unexpected `start` value `soon`, expected seconds (`90`) or a time (`1m30s`, `1:30`)']],
    ['youtube', { id: 'JtD5wL5WABI', loading: 'later' }, ['invalid-parameter: Unexpected `loading` value `later`, expected `lazy` or `eager`']],
    ['bilibili', { bvid: 'BV1ZG411S75r', page: '0' }, ['invalid-parameter: Unexpected `page` value `0`, expected a whole number above 0']],
    ['youtube', { id: 'JtD5wL5WABI', poster: 'javascript:alert(1)' }, ['unsafe-url: Unexpected unsafe URL `javascript:alert(1)` in `poster`, expected an `https:` or relative URL; the attribute was dropped']],
  ];
  for (const [name, args, expected] of cases) {
    const { html, messages } = runShortcode(name, args);
    assert.deepEqual(messages, expected, `${name} ${JSON.stringify(args)}`);
    if (expected[0]?.startsWith('!')) assert.equal(html, '');
  }
});

test('should pass html-validate on a page holding every embed', async () => {
  const valid = ['seed', 'youtube', 'bilibili', 'vimeo', 'figure', 'highlight'];
  const markdown = valid.map((name) => fs.readFileSync(path.join(fixtures, name, 'input.md'), 'utf8')).join('\n');
  const { html } = await render(markdown, { matter: { title: 'Every embed', image: '/cover.jpg' } });
  assert.equal(html.match(/<figure class="onair-embed/g)?.length, 12);
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended'],
    // shiki colours tokens inline (light colour, dark one as a CSS variable); nothing else may use `style`.
    rules: {
      'no-inline-style': ['error', { allowedProperties: ['color', 'background-color', '--shiki-dark', '--shiki-dark-bg', 'font-style', 'font-weight', 'text-decoration'] }],
    },
  });
  const report = await validator.validateString(embedPage(html, 'Every embed'), 'every-embed.html');
  const errors = report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
  assert.deepEqual(errors, []);
});
