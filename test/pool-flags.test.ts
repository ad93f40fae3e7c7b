/** The render workers take the process's Node flags, except those a worker refuses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { withoutRefused } from '../src/render/pool.js';

/** Builds three posts on `threads` workers in a `node FLAGS --import tsx --input-type=module -e` process; checks the pages. */
function buildWithFlags(flags: string[], threads: number): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-flags-'));
  try {
    fs.mkdirSync(path.join(root, 'content/post'), { recursive: true });
    for (let i = 1; i <= 3; i++) fs.writeFileSync(path.join(root, `content/post/p${i}.md`), `---\ntitle: Post ${i}\ndate: 2024-01-0${i}\n---\n\nHello ${i}.\n`);
    const buildModule = pathToFileURL(path.resolve('src/build.ts')).href;
    const code = `const { build } = await import(${JSON.stringify(buildModule)});
const result = await build({ root: ${JSON.stringify(root)}, threads: ${threads}, search: false, cache: false });
console.log(JSON.stringify({ ok: result.ok, pages: result.pages }));`;
    const out = execFileSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out.trim().split('\n').at(-1)!), { ok: true, pages: 10 });
    for (let i = 1; i <= 3; i++) assert.match(fs.readFileSync(path.join(root, `public/post/p${i}/index.html`), 'utf8'), new RegExp(`Hello ${i}\\.`));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

test('should build on worker threads when onair is started from `node --input-type=module -e`', () => {
  buildWithFlags([], 1);
});

test('should build on worker threads when node is given flags a worker refuses (V8 and process options)', () => {
  buildWithFlags(['--max-old-space-size=4096', '--expose-gc', '--stack-size=2000', '--title', 'onair-flags-test'], 2);
});

test('should drop the flags Node names as refused, with a value given apart', () => {
  const message = 'Initiated Worker with invalid execArgv flags: --max-old-space-size=4096, --expose-gc, --title';
  assert.deepEqual(withoutRefused(['--max-old-space-size=4096', '--expose-gc', '--import', 'tsx', '--title', 'name', '--enable-source-maps'], message), ['--import', 'tsx', '--enable-source-maps']);
  assert.deepEqual(withoutRefused(['--title', '--import', 'tsx'], message), ['--import', 'tsx']);
});
