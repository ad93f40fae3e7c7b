/**
 * `npm run build` bundles the command line and the render worker into one
 * file each (`dist/bundle/`): the command line must build with them exactly
 * what a build from source makes, without the modules they were made from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from '../src/build.js';
import { formatReport } from '../src/report.js';
import { makeSite, repo, snapshot } from './helpers/site.js';

const post = (i: number) => `---
title: Talk ${i}
date: 2024-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z
tags: [Istio, Talk ${i % 5}]
---

## Videos

{{< youtube dQw4w9WgXcQ >}}

Host: Welcome to talk ${i}.

\`\`\`go
func main() { fmt.Println(${i}) }
\`\`\`
`;

test('should build from the bundled command line and render worker exactly what a build from source makes', { timeout: 180_000 }, async () => {
  execSync('npm run build', { cwd: repo, stdio: 'pipe' });
  const bundle = path.join(repo, 'dist/bundle/worker.js');
  assert.ok(fs.statSync(bundle).mtimeMs >= fs.statSync(path.join(repo, 'dist/render/worker.js')).mtimeMs, 'the bundle is made after the compiled worker');
  const entryOf = () =>
    execFileSync(process.execPath, ['--input-type=module', '-e', `const { workerEntry } = await import(${JSON.stringify(pathToFileURL(path.join(repo, 'dist/render/pool.js')).href)}); console.log(workerEntry.pathname);`], { encoding: 'utf8' }).trim();
  assert.equal(entryOf(), bundle);

  const files: Record<string, string> = {};
  // 40 posts: the command line starts two workers.
  for (let i = 0; i < 40; i++) files[`content/posts/talk-${i}.md`] = post(i);
  const root = makeSite({ ...files, 'onair.yaml': 'title: Bundle\nbaseUrl: https://bundle.test/\n' });
  const compiled = path.join(repo, 'dist/render/worker.js');
  const { atime, mtime } = fs.statSync(compiled);
  // Modules the bundles hold, moved away while the command line runs: it must not need them.
  const aside = ['dist/commands', 'dist/markdown.js', 'dist/render/post.js'].map((name) => [path.join(repo, name), path.join(root, 'aside', name.replaceAll('/', '_'))] as const);
  fs.mkdirSync(path.join(root, 'aside'));
  try {
    for (const [from, to] of aside) fs.renameSync(from, to);
    let cli: string;
    try {
      cli = execFileSync(process.execPath, [path.join(repo, 'bin/onair.js'), 'build', '--no-search', '--no-cache'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } finally {
      for (const [from, to] of aside) fs.renameSync(to, from);
    }
    assert.ok(fs.existsSync(path.join(root, 'public/posts/talk-7/index.html')), cli);
    const fromCli = snapshot(path.join(root, 'public'));
    const out = path.join(root, 'from-source');
    const result = await build({ root, out, search: false, cache: false });
    assert.equal(result.ok, true, formatReport(result.files));
    const fromSource = snapshot(out);
    assert.deepEqual([...fromCli.keys()].sort(), [...fromSource.keys()].sort());
    for (const [file, content] of fromSource) assert.equal(fromCli.get(file), content, file);
    assert.match(fs.readFileSync(path.join(root, 'public/posts/talk-7/index.html'), 'utf8'), /class="shiki/);

    // A compiled worker newer than the bundle (`tsc` run alone): the modules, not a stale bundle.
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(compiled, later, later);
    assert.equal(entryOf(), compiled);
  } finally {
    fs.utimesSync(compiled, atime, mtime);
    fs.rmSync(root, { recursive: true, force: true });
  }
});
