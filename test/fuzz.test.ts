/**
 * Property-based tests: random shortcodes, front matter and Markdown never
 * crash the pipeline (only messages), never write outside the output folder
 * and never produce script the author did not write. Bounded: `FUZZ_RUNS`
 * (default 40) runs per processor property, a few whole builds.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { build, createMarkdownProcessor } from '../src/index.js';
import { formatReport } from '../src/report.js';
import { scanHtml, scanSite } from './helpers/active-content.js';
import { watchdog } from './helpers/watchdog.js';

const runs = Number(process.env.FUZZ_RUNS ?? 40);
const buildRuns = Math.max(1, Math.ceil(runs / 20));
const processor = createMarkdownProcessor();
// A parser loop on some input (`{{</*` across lines once did) would hang the run without a word: fail it naming the input.
const dog = watchdog(60_000);

const hostile = [
  '<script>window.__pwned=1</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '&#106;avascript:alert(1)',
  'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'vbscript:x', 'data:text/html,<script>alert(1)</script>', '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)", '</script>', '<iframe srcdoc="<script>alert(1)</script>">', '<a href="javascript:alert(1)">x</a>',
  '<style>@import "x"</style>', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', '__proto__', 'constructor',
];
const markdownPieces = [
  '*', '**', '_', '__', '[', ']', '(', ')', '![', '](', '<', '>', '`', '```\n', '\n', '\n\n', '> ', '- ', '1. ', '# ', '|', '---',
  '\\', '&', '&amp;', '&#x3C;', ':', '"', "'", ' ', 'text', '中文', 'https://example.com/', '[ref]: ', '<https://a.b/>', '<b>', '</b>',
  '{{<', '>}}', '{{%', '%}}', '/', '```go {', '```js {', '{', '}', '=', ',', '#', '.', 'linenos=true', 'hl_lines=[', 'title=', 'onclick=', 'class=',
  ...hostile,
];
const shortcodeNames = ['youtube', 'bilibili', 'vimeo', 'figure', 'highlight', 'no-such', 'x/y', '', '"', 'youtube/*'];
const argValues = ['dQw4w9WgXcQ', 'BV1ZG411S75r', '12345', 'a.png', 'go', 'true', '', '"', '\\"', '{{<', ...hostile];

/** A random shortcode-ish string: tags with names, args (positional, named, quoted), closers, comments. */
const shortcode = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom('{{<', '{{%', '{{< /', '{{% /', '{{</*'), fc.constantFrom(...shortcodeNames), fc.array(fc.tuple(fc.constantFrom('', 'id=', 'src=', 'title=', 'caption=', 'link=', 'alt='), fc.constantFrom('', '"', '`'), fc.constantFrom(...argValues)), { maxLength: 4 }), fc.constantFrom('>}}', '%}}', '/>}}', '*/>}}', '', ' >}}'))
        .map(([open, name, args, close]) => `${open} ${name} ${args.map(([k, q, v]) => `${k}${q}${v}${q}`).join(' ')}${close}`),
      fc.constantFrom(...markdownPieces),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const markdown = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...markdownPieces) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: 80 }).map((parts) => parts.join(''));

const yamlScalar = fc.oneof(fc.constantFrom(...hostile, '2024-01-02', '2023-02-30', 'yes', '~', '*a', '&a x', '!!js/function "f"', '!!binary aGk=', '[', '{', '|', "'", '"'), fc.string({ maxLength: 12 }), fc.integer(), fc.boolean());
const yamlKey = fc.constantFrom('title', 'date', 'lastmod', 'tags', 'categories', 'slug', 'url', 'aliases', 'image', 'description', 'draft', 'metadata', 'speakers', 'videos', 'showtoc', 'weight', '__proto__', 'constructor', 'prototype', 'params', 'x');
/** Random front matter: well-formed-ish YAML lines, nested lists and maps, and raw garbage. */
const frontMatter = fc
  .array(
    fc.oneof(
      fc.tuple(yamlKey, yamlScalar).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`),
      fc.tuple(yamlKey, fc.array(yamlScalar, { maxLength: 3 })).map(([k, vs]) => `${k}:\n${vs.map((v) => `  - ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n')}`),
      fc.tuple(yamlKey, yamlKey, yamlScalar).map(([k, k2, v]) => `${k}:\n  - ${k2}: ${JSON.stringify(v)}\n    link: ${JSON.stringify(v)}`),
      fc.string({ maxLength: 20 }),
    ),
    { maxLength: 8 },
  )
  .map((lines) => `---\n${lines.join('\n')}\n---\n\n`);

/** Processes one document; a rejection must be a fatal message, not a crash. */
async function processSafely(value: string): Promise<{ html: string; file: VFile }> {
  const file = new VFile({ path: 'content/post/fuzz.md', value });
  dog.start(value);
  try {
    const html = String(await processor.process(file));
    return { html, file };
  } catch (error) {
    if (error instanceof VFileMessage && error.fatal === true && error.ruleId) return { html: '', file };
    throw error;
  } finally {
    dog.stop();
  }
}

function assertInert(html: string, input: string): void {
  const findings = scanHtml(html, 'fuzz', { fragment: true });
  assert.deepEqual(findings, [], `input: ${JSON.stringify(input)}\nhtml: ${html.slice(0, 2000)}`);
}

test('should process random Markdown into HTML with no active content, never throwing', async () => {
  await fc.assert(
    fc.asyncProperty(markdown, async (input) => {
      const { html } = await processSafely(input);
      assertInert(html, input);
    }),
    { numRuns: runs },
  );
});

test('should process random shortcode strings with messages only, never throwing, with no active content', async () => {
  await fc.assert(
    fc.asyncProperty(shortcode, async (input) => {
      const { html, file } = await processSafely(input);
      assertInert(html, input);
      for (const message of file.messages) assert.ok(message.ruleId, `a message without rule id: ${message.reason}`);
    }),
    { numRuns: runs },
  );
});

test('should read random front matter with messages only, polluting nothing', async () => {
  await fc.assert(
    fc.asyncProperty(frontMatter, markdown, async (matter, body) => {
      const { html, file } = await processSafely(matter + body);
      assertInert(html, matter + body);
      for (const message of file.messages) assert.ok(message.ruleId, `a message without rule id: ${message.reason}`);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'x'), false);
    }),
    { numRuns: runs },
  );
});

test(`should build random sites (${buildRuns} builds) with messages only, writing only inside the output folder`, async () => {
  const name = fc.oneof(fc.constantFrom('a', '中文 文章', '-rf', '$(x)', 'a;b', 'CON', '..x', 'x..', ' sp '), fc.string({ minLength: 1, maxLength: 10 }).map((s) => s.replace(/[/\\\0]/g, '_')));
  const post = fc.tuple(name, frontMatter, fc.oneof(markdown, shortcode));
  await fc.assert(
    fc.asyncProperty(fc.array(post, { minLength: 1, maxLength: 4 }), async (posts) => {
      const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-fuzz-'));
      const root = path.join(parent, 'site');
      for (const [i, [file, matter, body]] of posts.entries()) {
        const full = path.join(root, 'content/post', `${i}-${file}.md`);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, matter + body);
      }
      dog.start(JSON.stringify(posts));
      const result = await build({ root, search: false, threads: 0 });
      dog.stop();
      const report = formatReport(result.files);
      assert.doesNotMatch(report, /^\s+at /m, 'no stack trace');
      assert.deepEqual(fs.readdirSync(parent), ['site'], 'nothing beside the site');
      assert.deepEqual(fs.readdirSync(root).filter((n) => n !== '.onair-cache').sort(), result.ok ? ['content', 'public'] : fs.existsSync(path.join(root, 'public')) ? ['content', 'public'] : ['content']);
      if (result.ok) assert.deepEqual(scanSite(path.join(root, 'public')).findings, [], report);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      fs.rmSync(parent, { recursive: true, force: true });
    }),
    { numRuns: buildRuns },
  );
});
