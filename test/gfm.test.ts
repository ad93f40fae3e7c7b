/**
 * GFM by need (`src/gfm.ts`) must give the trees remark-gfm gives, positions
 * included, whichever constructs it leaves out of a document's parse.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import remarkGfmByNeed from '../src/gfm.js';

const reference = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).freeze();
const byNeed = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfmByNeed).freeze();

function same(doc: string): void {
  assert.deepEqual(byNeed.parse(doc), reference.parse(doc), JSON.stringify(doc));
}

test('should export the plugin as the default export', async () => {
  const mod = await import('../src/gfm.js');
  assert.deepEqual(Object.keys(mod), ['default']);
  assert.equal(typeof mod.default, 'function');
});

test('should parse URL literals like remark-gfm wherever they are written', () => {
  const cases = [
    'see https://example.com now',
    'only [a link](https://example.com/x) here',
    'in parens (https://example.com) too',
    'in parens ( www.example.com ) with spaces',
    'no opening bracket](https://example.com) here',
    '[https://example.com](https://example.org)',
    '<https://example.com> and <www.example.com>',
    'www.example.com at the start',
    'HTTPS://EXAMPLE.COM/UPPER and WWW.EXAMPLE.COM',
    '&#119;ww.example.com and http&#58;//example.com',
    '[a]: https://example.com\n\n[b][a]',
    '[a]:\nhttps://example.com\n"title"\n\n[a]',
    '[a]: <https://example.com\n\nbroken definition',
    '<a href="https://example.com">https://example.org</a>',
    "<img src='https://example.com/a.png'> = https://example.org",
    '![alt https://example.com](https://example.com/a.png)',
    '`https://example.com` and\n\n```\nhttps://example.com\n```',
    '| a | b |\n|---|:-:|\n| https://example.com | (www.example.com) |',
    '~~www.example.com~~ and ~https://example.com~',
    'note[^1]\n\n[^1]: see (https://example.com)',
    '---\nlink: https://example.com\nimage: "https://example.com/a.png"\n---\n\n[x](https://example.com)',
    '---\nlink: https://example.com\n---\n\nbare https://example.com',
    '+++\nlink = "https://example.com"\n+++\n\n(https://example.com)',
    '---\nauthor: a@example.com\n---\n\n[x](https://example.com)',
    'mail a@example.com or (mailto:a@example.com) or [x](mailto:a@example.com)',
    '---\n\n(https://example.com) after a thematic break',
    '> (https://example.com) quoted\n\n- (www.example.com) listed',
  ];
  for (const doc of cases) same(doc);
});

test('should parse random documents of URL-ish fragments like remark-gfm', () => {
  const fragment = fc.constantFrom(
    'https://example.com', 'http://a.b/c?d=e', 'www.example.org', 'WWW.X.CO', 'a@b.co', '@user', '(', ')', '[', ']', '](', ']: ', '<', '>',
    '"', "'", '=', ' ', '\n', '\n\n', '---\n', '+++\n', 'text', '*', '_', '`', '~', '|', ':-', '&#119;', '\\', '!', '[^1]', '{{< youtube x >}}',
  );
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 24 }), (parts) => same(parts.join(''))),
    { numRuns: 1500, seed: 8 },
  );
});
