import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as gitMod from '../src/deploy/git.js';
import * as dirMod from '../src/deploy/dir.js';
import { DeployError } from '../src/deploy/errors.js';
import { deployCommand } from '../src/commands/deploy.js';

const { deployGit } = gitMod;
const { deployDir } = dirMod;

// The machine's git config (signing, hooks, templates) must not change results.
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.GIT_CONFIG_NOSYSTEM = '1';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trimEnd();
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'onair-deploy-test-'));
}

function write(file: string, content: string | Buffer = ''): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** A repository with a bare `origin`, a commit, and a dirty working tree and index. */
function makeRepo(): { repo: string; remote: string; out: string } {
  const base = tmp();
  const repo = path.join(base, 'site');
  const remote = path.join(base, 'remote.git');
  git(base, 'init', '-q', '--bare', '-b', 'main', remote);
  git(base, 'init', '-q', '-b', 'main', repo);
  git(repo, 'config', 'user.name', 'Test');
  git(repo, 'config', 'user.email', 'test@example.com');
  write(path.join(repo, 'content/post/a.md'), '# A\n');
  write(path.join(repo, '.gitignore'), 'public/\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'Initial');
  git(repo, 'remote', 'add', 'origin', remote);
  write(path.join(repo, 'content/post/a.md'), '# A changed\n'); // unstaged change
  write(path.join(repo, 'content/post/b.md'), '# B\n');
  git(repo, 'add', 'content/post/b.md'); // staged change
  write(path.join(repo, 'notes.txt'), 'untracked\n');
  const out = path.join(repo, 'public');
  write(path.join(out, 'index.html'), '<!doctype html><title>Home</title>\n');
  write(path.join(out, 'post/first/index.html'), '<p>first</p>\n');
  write(path.join(out, 'files/with space.txt'), 'space\n');
  write(path.join(out, '文章/中文.html'), '<p>中文</p>\n');
  write(path.join(out, '-leading-dash.txt'), 'dash\n');
  write(path.join(out, 'crlf.txt'), 'a\r\nb\r\n');
  write(path.join(out, '_underscore/x.css'), 'x{}\n');
  return { repo, remote, out };
}

/** `path mode content` of every file of `ref` in `repo`, sorted. */
function treeOf(repo: string, ref: string): string[] {
  const lines = execFileSync('git', ['ls-tree', '-r', '-z', ref], { cwd: repo, encoding: 'utf8' }).split('\0').filter(Boolean);
  return lines.map((line) => {
    const [meta, name] = line.split('\t') as [string, string];
    const [mode, , sha] = meta.split(' ');
    return `${name} ${mode} ${JSON.stringify(git(repo, 'cat-file', 'blob', sha!))}`;
  }).sort();
}

function snapshot(repo: string) {
  return {
    status: git(repo, 'status', '--porcelain=v1', '--untracked-files=all'),
    head: git(repo, 'rev-parse', 'HEAD'),
    branch: git(repo, 'symbolic-ref', 'HEAD'),
    index: git(repo, 'ls-files', '--stage'),
    staged: git(repo, 'diff', '--cached'),
    unstaged: git(repo, 'diff'),
  };
}

test('should expose deployGit and deployDir', () => {
  assert.deepEqual(Object.keys(gitMod), ['deployGit']);
  assert.deepEqual(Object.keys(dirMod), ['deployDir']);
});

test('should publish exactly the site files as one commit and push it', async () => {
  const { repo, remote, out } = makeRepo();
  fs.chmodSync(path.join(out, 'files/with space.txt'), 0o755);
  const result = await deployGit({ root: repo, outDir: out });
  assert.equal(result.changed, true);
  assert.equal(result.pushed, true);
  assert.equal(result.files, 8);
  assert.equal(git(remote, 'rev-parse', 'gh-pages'), result.commit);
  assert.equal(git(repo, 'rev-parse', 'gh-pages'), result.commit);
  assert.deepEqual(treeOf(remote, 'gh-pages'), [
    '-leading-dash.txt 100644 "dash"',
    '.nojekyll 100644 ""',
    '_underscore/x.css 100644 "x{}"',
    'crlf.txt 100644 "a\\r\\nb"',
    'files/with space.txt 100755 "space"',
    'index.html 100644 "<!doctype html><title>Home</title>"',
    'post/first/index.html 100644 "<p>first</p>"',
    '文章/中文.html 100644 "<p>中文</p>"',
  ]);
  assert.equal(git(remote, 'rev-list', '--count', 'gh-pages'), '1');
  assert.equal(git(remote, 'log', '-1', '--format=%s', 'gh-pages'), `Deploy site from ${git(repo, 'rev-parse', '--short', 'HEAD')}`);
});

test('should leave the working tree, index, HEAD and current branch untouched', async () => {
  const { repo, out } = makeRepo();
  const before = snapshot(repo);
  await deployGit({ root: repo, outDir: out });
  write(path.join(out, 'new.html'), 'new\n');
  await deployGit({ root: repo, outDir: out });
  assert.deepEqual(snapshot(repo), before);
  assert.match(before.status, /^ M content\/post\/a\.md$/m);
  assert.match(before.status, /^A  content\/post\/b\.md$/m);
});

test('should make no new commit for an unchanged site and keep history for a changed one', async () => {
  const { repo, remote, out } = makeRepo();
  const first = await deployGit({ root: repo, outDir: out });
  const again = await deployGit({ root: repo, outDir: out });
  assert.equal(again.changed, false);
  assert.equal(again.commit, first.commit);
  assert.equal(git(remote, 'rev-list', '--count', 'gh-pages'), '1');

  fs.rmSync(path.join(out, 'post'), { recursive: true });
  write(path.join(out, 'index.html'), '<p>v2</p>\n');
  const second = await deployGit({ root: repo, outDir: out, message: 'Second' });
  assert.equal(second.changed, true);
  assert.equal(git(remote, 'rev-parse', 'gh-pages^'), first.commit);
  assert.equal(git(remote, 'log', '-1', '--format=%s', 'gh-pages'), 'Second');
  const names = treeOf(remote, 'gh-pages').map((line) => line.split(' ')[0]);
  assert.ok(!names.includes('post/first/index.html'), 'a removed page is gone from the branch');
  assert.ok(treeOf(remote, 'gh-pages').includes('index.html 100644 "<p>v2</p>"'));
});

test('should publish the site\'s CNAME, and keep the branch\'s CNAME when the site has none', async () => {
  const { repo, remote, out } = makeRepo();
  write(path.join(out, 'CNAME'), 'blog.example.com\n');
  await deployGit({ root: repo, outDir: out });
  assert.ok(treeOf(remote, 'gh-pages').includes('CNAME 100644 "blog.example.com"'));

  fs.rmSync(path.join(out, 'CNAME'));
  write(path.join(out, 'index.html'), '<p>v2</p>\n');
  const result = await deployGit({ root: repo, outDir: out });
  assert.equal(result.keptCname, true);
  assert.ok(treeOf(remote, 'gh-pages').includes('CNAME 100644 "blog.example.com"'));
});

test('should continue the remote branch\'s history in a fresh clone', async () => {
  const { repo, remote, out } = makeRepo();
  const first = await deployGit({ root: repo, outDir: out });
  git(repo, 'push', '-q', 'origin', 'main');
  const clone = path.join(tmp(), 'clone');
  git(repo, 'clone', '-q', remote, clone);
  git(clone, 'config', 'user.name', 'Test');
  git(clone, 'config', 'user.email', 'test@example.com');
  write(path.join(clone, 'public/index.html'), '<p>from the clone</p>\n');
  const result = await deployGit({ root: clone, outDir: path.join(clone, 'public') });
  assert.equal(git(remote, 'rev-parse', 'gh-pages^'), first.commit);
  assert.equal(git(remote, 'rev-parse', 'gh-pages'), result.commit);

  // Back in the first checkout, after a fetch: the next deploy builds on the clone's.
  git(repo, 'fetch', '-q', 'origin');
  write(path.join(out, 'index.html'), '<p>third</p>\n');
  const third = await deployGit({ root: repo, outDir: out });
  assert.equal(git(remote, 'rev-parse', 'gh-pages^'), result.commit);
  assert.equal(git(remote, 'rev-parse', 'gh-pages'), third.commit);
  assert.equal(git(remote, 'rev-list', '--count', 'gh-pages'), '3');
});

test('should commit without pushing with push: false', async () => {
  const { repo, remote, out } = makeRepo();
  const result = await deployGit({ root: repo, outDir: out, push: false });
  assert.equal(result.pushed, false);
  assert.equal(git(repo, 'rev-parse', 'gh-pages'), result.commit);
  assert.equal(git(remote, 'branch', '--list'), '');
});

test('should refuse a missing build, a build without index.html, and make no branch', async () => {
  const { repo, out } = makeRepo();
  await assert.rejects(deployGit({ root: repo, outDir: path.join(repo, 'nothing') }), (error: Error) => {
    assert.ok(error instanceof DeployError);
    assert.match(error.message, /^Unexpected missing output folder `.*nothing`, expected a built site: run `onair build` first$/);
    return true;
  });
  fs.rmSync(path.join(out, 'index.html'));
  await assert.rejects(deployGit({ root: repo, outDir: out }), /without `index.html`, expected a complete build/);
  assert.equal(git(repo, 'branch', '--list', 'gh-pages'), '');
});

test('should refuse the checked-out branch, bad branch names and a folder outside git', async () => {
  const { repo, out } = makeRepo();
  await assert.rejects(deployGit({ root: repo, outDir: out, branch: 'main', push: false }), /Unexpected current branch `main`/);
  for (const branch of ['-f', 'a..b', 'with space']) {
    await assert.rejects(deployGit({ root: repo, outDir: out, branch, push: false }), /Unexpected branch name/);
  }
  await assert.rejects(deployGit({ root: repo, outDir: out, remote: '--upload-pack=x' }), /Unexpected remote/);
  const outside = tmp();
  write(path.join(outside, 'public/index.html'), 'x');
  await assert.rejects(deployGit({ root: outside, outDir: path.join(outside, 'public') }), /outside a git repository/);
});

test('should pass messages and names to git without a shell', async () => {
  const { repo, out } = makeRepo();
  const marker = path.join(repo, 'pwned');
  const message = `Deploy "$(touch ${marker})" \`touch ${marker}\`; touch ${marker}`;
  write(path.join(out, '$(touch pwned).html'), 'x');
  await deployGit({ root: repo, outDir: out, message, push: false, branch: 'site/$x' });
  assert.equal(git(repo, 'log', '-1', '--format=%B', 'site/$x'), message);
  assert.ok(treeOf(repo, 'site/$x').some((line) => line.startsWith('$(touch pwned).html ')));
  assert.equal(fs.existsSync(marker), false);
});

test('should report a failed push with exit 1 and keep the commit locally', async (t) => {
  const { repo, out } = makeRepo();
  git(repo, 'remote', 'set-url', 'origin', path.join(repo, 'no-such-remote.git'));
  const errors: string[] = [];
  t.mock.method(console, 'error', (line: string) => errors.push(line));
  t.mock.method(console, 'log', () => {});
  assert.equal(await deployCommand.run(['git', '--root', repo]), 1);
  assert.match(errors.join('\n'), /`git push` failed: [^]*The deploy commit is on the local branch `gh-pages`/);
  assert.notEqual(git(repo, 'rev-parse', 'gh-pages'), '');
});

test('should run `onair deploy git` and exit 1 without a build', async (t) => {
  const { repo, remote } = makeRepo();
  const logs: string[] = [];
  const errors: string[] = [];
  t.mock.method(console, 'log', (line: string) => logs.push(line));
  t.mock.method(console, 'error', (line: string) => errors.push(line));
  assert.equal(await deployCommand.run(['git', '--root', repo, '--branch', 'pages', '--message', 'Hi']), 0);
  assert.match(logs[0]!, /^Committed 8 files as [0-9a-f]{12} on `pages`, pushed to `origin`\.$/);
  assert.equal(git(remote, 'log', '-1', '--format=%s', 'pages'), 'Hi');
  assert.equal(await deployCommand.run(['git', '--root', repo, '--branch', 'pages']), 0);
  assert.match(logs[1]!, /^Unchanged since [0-9a-f]{12}: no new commit on `pages`/);
  assert.equal(await deployCommand.run(['git', '--root', repo, '--out', path.join(repo, 'missing')]), 1);
  assert.match(errors[0]!, /^onair deploy: Unexpected missing output folder/);
});

test('should replace a folder with the site, removing files that are gone', async () => {
  const base = tmp();
  const out = path.join(base, 'public');
  const target = path.join(base, 'www', 'html');
  write(path.join(out, 'index.html'), 'v1');
  write(path.join(out, 'old/page.html'), 'old');
  write(path.join(out, '中文 name.txt'), 'zh');
  fs.chmodSync(out, 0o700); // as a build's own temp-folder swap leaves it
  const first = await deployDir({ outDir: out, target });
  assert.deepEqual(first, { files: 3, bytes: 2 + 3 + 2 });
  assert.equal(fs.readFileSync(path.join(target, 'old/page.html'), 'utf8'), 'old');
  assert.equal(fs.statSync(target).mode & 0o777, 0o755, 'the folder is readable by a web server');

  fs.chmodSync(target, 0o750);
  fs.rmSync(path.join(out, 'old'), { recursive: true });
  write(path.join(out, 'index.html'), 'v2');
  await deployDir({ outDir: out, target });
  assert.deepEqual(fs.readdirSync(target).sort(), ['index.html', '中文 name.txt']);
  assert.equal(fs.readFileSync(path.join(target, 'index.html'), 'utf8'), 'v2');
  assert.equal(fs.statSync(target).mode & 0o777, 0o750, 'the folder keeps its mode');
  assert.deepEqual(fs.readdirSync(path.dirname(target)), ['html'], 'no temp folders are left behind');
});

test('should refuse a missing build or an overlapping target and leave the target as it was', async () => {
  const base = tmp();
  const out = path.join(base, 'public');
  const target = path.join(base, 'www');
  write(path.join(target, 'index.html'), 'live');
  write(path.join(out, 'page.html'), 'no index');
  await assert.rejects(deployDir({ outDir: out, target }), /without `index.html`/);
  assert.equal(fs.readFileSync(path.join(target, 'index.html'), 'utf8'), 'live');
  write(path.join(out, 'index.html'), 'x');
  await assert.rejects(deployDir({ outDir: out, target: path.join(out, 'sub') }), /overlapping the output folder/);
  await assert.rejects(deployDir({ outDir: out, target: base }), /overlapping the output folder/);
  assert.deepEqual(fs.readdirSync(base).sort(), ['public', 'www']);
});

test('should run `onair deploy dir PATH` and reject git options', async (t) => {
  const base = tmp();
  write(path.join(base, 'public/index.html'), 'x');
  const logs: string[] = [];
  t.mock.method(console, 'log', (line: string) => logs.push(line));
  assert.equal(await deployCommand.run(['dir', path.join(base, 'www'), '--root', base]), 0);
  assert.equal(logs[0], `Copied 1 files (1 bytes) to \`${path.join(base, 'www')}\`.`);
  assert.equal(fs.readFileSync(path.join(base, 'www/index.html'), 'utf8'), 'x');
  await assert.rejects(deployCommand.run(['dir', path.join(base, 'www'), '--root', base, '--branch', 'x']), /Unexpected `--branch`/);
  await assert.rejects(deployCommand.run(['ftp']), /Unexpected target `ftp`/);
});
