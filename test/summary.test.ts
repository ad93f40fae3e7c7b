import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import * as mod from '../src/model/summary.js';
import * as reading from '../src/model/reading.js';
import rehypeSafeHtml from '../src/rehype/safe-html.js';

const { summarize, remarkMoreMarker } = mod;

async function body(markdown: string): Promise<Root> {
  const processor = unified().use(remarkParse).use(remarkMoreMarker).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeSafeHtml);
  return (await processor.run(processor.parse(markdown))) as Root;
}

test('should expose summarize, remarkMoreMarker; reading exports counts', () => {
  assert.deepEqual(Object.keys(mod).sort(), ['remarkMoreMarker', 'summarize']);
  assert.deepEqual(Object.keys(reading).sort(), ['CJK_PER_MINUTE', 'WORDS_PER_MINUTE', 'countWords', 'readingTime', 'truncateWords']);
});

test('should cut at <!--more--> and remove the marker from the body', async () => {
  const tree = await body('First *para*.\n\nSecond.\n<!--more-->\n\nRest <b>raw</b> here.');
  const result = summarize(tree, { matterSummary: 'ignored' });
  assert.equal(toHtml({ type: 'root', children: result.summary }), '<p>First <em>para</em>.</p>\n<p>Second.</p>\n');
  assert.equal(result.text, 'First para. Second.');
  assert.equal(result.truncated, true);
  assert.ok(!toHtml(tree).includes('more'), toHtml(tree));
  assert.match(toHtml(tree), /Rest <b>raw<\/b> here/);
});

test('should not be truncated when nothing follows the marker', async () => {
  const result = summarize(await body('All of it.\n\n<!--more-->\n'));
  assert.equal(result.truncated, false);
});

test('should use the front-matter summary when there is no marker', async () => {
  const result = summarize(await body('Body text.'), { matterSummary: '  A <b>plain</b>\nsummary ' });
  assert.equal(toHtml({ type: 'root', children: result.summary }), '<p>A &#x3C;b>plain&#x3C;/b> summary</p>');
  assert.equal(result.text, 'A <b>plain</b> summary');
  assert.equal(result.truncated, true);
  // Only text counts as more to read: whitespace, comments and empty elements do not.
  assert.equal(summarize(await body('<!-- note -->\n\n<div>\n</div>\n\n&#32;'), { matterSummary: 'S' }).truncated, false);
  assert.equal(summarize(await body('<div>\n<b>x</b>\n</div>'), { matterSummary: 'S' }).truncated, true);
});

test('should take whole paragraphs until they reach 70 words (as Hugo), skipping headings and code', async () => {
  const para = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
  const tree = await body(`## Heading\n\n${para(40)}\n\n\`\`\`\ncode\n\`\`\`\n\n${para(25)}\n\n${para(30)}\n\n${para(10)}`);
  const result = summarize(tree);
  // Hugo (0.111 by sentence, 0.134+ by paragraph) stops after the paragraph where the count reaches the limit, not before it.
  assert.equal(result.summary.length, 3);
  assert.equal(reading.countWords(result.text).total, 95);
  assert.equal(result.truncated, true);
  // summaryLength 30 over paragraphs of 20 and 14 words: both (Hugo's summary of such a post), nothing more to read.
  const two = summarize(await body(`${para(20)}.\n\n${para(14)}.`), { summaryLength: 30 });
  assert.deepEqual([two.summary.length, reading.countWords(two.text).total, two.truncated], [2, 34, false]);
  // A later paragraph longer than the whole limit is cut at what is left of it.
  const wall = summarize(await body(`${para(20)}\n\n${para(100)}`), { summaryLength: 30 });
  assert.equal(wall.text, `${para(20)} ${para(10)}…`);
  assert.equal(wall.truncated, true);
});

test('should cut one long paragraph at the limit, counting Chinese by characters', async () => {
  const tree = await body('一二三四五六七八九十 and more words here');
  const result = summarize(tree, { summaryLength: 12 });
  assert.equal(result.text, '一二三四五六七八九十 and more…');
  assert.equal(result.truncated, true);
  const short = summarize(await body('短文。'));
  assert.deepEqual([short.text, short.truncated], ['短文。', false]);
});

test('should count words and reading time for mixed Chinese and English', () => {
  const count = reading.countWords('Istio 创始人 Varun Talwar 解密 Istio 开源背后的故事, it’s 1.5 years — ok! 🚀');
  assert.deepEqual(count, { cjk: 12, words: 8, total: 20 });
  assert.equal(reading.readingTime({ cjk: 0, words: 0, total: 0 }), 1);
  assert.equal(reading.readingTime(reading.countWords('字'.repeat(1000))), 2);
  assert.equal(reading.readingTime(reading.countWords('word '.repeat(440))), 2);
  assert.equal(reading.readingTime(reading.countWords('字'.repeat(500) + ' word'.repeat(221))), 3);
});

test('should stringify a marker-free body unchanged by the remark plugin', async () => {
  const html = String(await unified().use(remarkParse).use(remarkMoreMarker).use(remarkRehype).use(rehypeStringify).process('a\n\n<!-- other -->\n\nb'));
  assert.equal(html, '<p>a</p>\n<p>b</p>');
});

test('should rewrite relative links of the summary against the post URL, on copies', async () => {
  const tree = await body('See [next](../next/), [top](#top), [abs](/x/), [ext](https://e.test/), ![i](cover.png)\n\n<!--more-->\n\nrest');
  const result = summarize(tree, { url: '/sub/post/a/' });
  assert.equal(
    toHtml({ type: 'root', children: result.summary }),
    '<p>See <a href="/sub/post/next/">next</a>, <a href="/sub/post/a/#top">top</a>, <a href="/x/">abs</a>, <a href="https://e.test/">ext</a>, <img src="/sub/post/a/cover.png" alt="i"></p>\n'
  );
  assert.match(toHtml(tree), /href="\.\.\/next\/"/);
});

test('should count words exactly as the word pattern matches them, on any text', () => {
  // The pattern countWords stands for (reading.ts keeps it for truncateWords).
  const cjk = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
  const pattern = new RegExp(`[${cjk}]|[^\\s${cjk}\\p{P}\\p{S}]+(?:['’.\\-][^\\s${cjk}\\p{P}\\p{S}]+)*`, 'gu');
  const cjkChar = new RegExp(`^[${cjk}]$`, 'u');
  const expected = (text: string) => {
    let c = 0;
    let w = 0;
    for (const match of text.matchAll(pattern)) if (cjkChar.test(match[0])) c++; else w++;
    return { cjk: c, words: w, total: c + w };
  };
  const fragment = fc.constantFrom('a', 'Z', '9', 'é', 'ß', '字', 'ひ', 'カ', '한', '𠀋', '😀', '\ud800', ' ', '\u00a0', '\u3000', '\n', "'", '’', '.', '-', '—', ',', '。', '!', '#', '_', '+', '$', '\u0301', 'Ω', '١');
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      assert.deepEqual(reading.countWords(text), expected(text));
    }),
    { numRuns: 3000 },
  );
  for (const text of ["don't v1.2.3 e-mail -a a- 'a' a''b", fs.readFileSync(new URL('../content/post/2023-11-16-kubecon-na-varun-talwar-interview.md', import.meta.url), 'utf8')]) {
    assert.deepEqual(reading.countWords(text), expected(text));
  }
});
