/**
 * The `unknown-shortcode` message tells a site's author what they can do
 * (a template in `templates/shortcodes/`, or `--unknown-shortcodes=warn`),
 * and `onair build` prints it once per name, as `onair check` does.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { VFile } from 'vfile';
import { main } from '../src/cli.js';
import remarkShortcodes from '../src/shortcodes/index.js';
import { makeSite } from './helpers/site.js';

const fm = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-02\n---\n\n`;

/** Runs the CLI, capturing what it prints. */
async function cli(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const { log, error } = console;
  console.log = console.error = (...args: unknown[]) => void lines.push(args.join(' '));
  try {
    return { code: await main(argv), out: lines.join('\n') };
  } finally {
    Object.assign(console, { log, error });
  }
}

function site() {
  return makeSite({
    'content/post/a.md': fm('A') + '{{< gizmo 1 >}}\n\nText {{< gizmo 2 >}}\n\n{{< youtub JtD5wL5WABI >}}\n',
    'content/post/b.md': fm('B') + '{{< gizmo 3 >}}\n',
  });
}

test('should tell a site author to add a site template or build with --unknown-shortcodes=warn', async () => {
  const root = site();
  const { code, out } = await cli(['build', '--root', root, '--no-cache']);
  assert.equal(code, 1, out);
  assert.match(out, /6:1-6:16\s+error\s+Unexpected unknown shortcode `gizmo`, expected a known shortcode; add `templates\/shortcodes\/gizmo\.tsx` or `templates\/shortcodes\/gizmo\.html`, or build with `--unknown-shortcodes=warn` \(config `unknownShortcodes: warn`\) to show a placeholder/);
  assert.match(out, /Unexpected unknown shortcode `youtub`, expected `youtube`; add `templates\/shortcodes\/youtub\.tsx`/);
  assert.doesNotMatch(out, /`shortcodes` option/, 'no library advice in a site build');
  assert.ok(!fs.existsSync(path.join(root, 'public')), 'nothing written');
});

test('should print one unknown-shortcode message per name in `onair build`, with the count and places, as `onair check` does', async () => {
  const root = site();
  const built = await cli(['build', '--root', root, '--no-cache']);
  assert.equal(built.out.match(/unknown-shortcode onair/g)?.length, 2, built.out);
  assert.match(built.out, /used 3 times, also at content\/post\/a\.md:8:6, content\/post\/b\.md:6:1/);
  assert.match(built.out, /onair: build failed \(2 errors, 0 warnings\)/);
  const checked = await cli(['check', '--root', root]);
  assert.equal(checked.out.match(/unknown-shortcode onair/g)?.length, 2, checked.out);
  const grouped = (out: string) => out.split('\n').filter((line) => line.includes('unknown-shortcode onair')).map((line) => line.trim());
  assert.deepEqual(grouped(built.out), grouped(checked.out));
});

test('should say a placeholder is shown with --unknown-shortcodes=warn, and build', async () => {
  const root = site();
  const { code, out } = await cli(['build', '--root', root, '--no-cache', '--unknown-shortcodes=warn']);
  assert.equal(code, 0, out);
  assert.match(out, /warning\s+Unexpected unknown shortcode `gizmo`, expected a known shortcode; add `templates\/shortcodes\/gizmo\.tsx` or `templates\/shortcodes\/gizmo\.html`; a placeholder is shown until then; used 3 times/);
  assert.match(out, /, 2 warnings →/);
});

test('should keep library advice for the standalone shortcode plugin', async () => {
  const file = new VFile('{{< gizmo >}}\n');
  await unified().use(remarkParse).use(remarkShortcodes, { unknown: 'warn' }).use(remarkRehype).run(unified().use(remarkParse).use(remarkShortcodes).parse(file), file);
  assert.deepEqual(file.messages.map((m) => m.reason), ['Unexpected unknown shortcode `gizmo`, expected a known shortcode; register a handler for `gizmo` in the `shortcodes` option']);
});

test('should take the closing tag of an unknown paired shortcode as part of it: one message, and --unknown-shortcodes=warn builds', async () => {
  const processor = unified().use(remarkParse).use(remarkShortcodes, { unknown: 'warn' }).use(remarkRehype);
  const file = new VFile('{{% notice tip %}}\nThis is **md**.\n{{% /notice %}}\n\nA {{< kbd >}}Ctrl{{< /kbd >}} key.\n\n{{< /stray >}}\n');
  const tree = await processor.run(processor.parse(file), file);
  assert.deepEqual(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal}`), [
    '1:1 unknown-shortcode false',
    '5:3 unknown-shortcode false',
    '7:1 invalid-shortcode true',
  ]);
  const { toHtml } = await import('hast-util-to-html');
  assert.match(toHtml(tree as never), /<code>\{\{% \/notice %\}\}<\/code><\/div>/);

  const root = makeSite({ 'content/post/a.md': fm('A') + '{{% notice tip %}}\nThis is **md**.\n{{% /notice %}}\n' });
  const { code, out } = await cli(['build', '--root', root, '--no-cache', '--unknown-shortcodes=warn']);
  assert.equal(code, 0, out);
  assert.match(out, /, 1 warning →/);
});
