/**
 * `onair dev` from one session to the next: the output folder, front matter
 * and post results kept in `.onair-cache/dev/`, so an unchanged site makes
 * no page again, and yet what changed between sessions (a post deleted,
 * renamed or edited, a template, the config, the port) shows at once, and
 * nothing of the session before is served meanwhile. Two sessions at once,
 * and a session killed mid-build, leave every later one correct. Each
 * session's output is compared with a cold build of the same site.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../src/build.js';
import { formatReport } from '../src/report.js';
import { startDevServer, type DevBuildEvent, type DevServer } from '../src/serve/dev.js';
import { makeSite, snapshot } from './helpers/site.js';

const post = (title: string, body = 'Some text.') => `---\ntitle: "${title}"\ndate: 2024-01-02\ntags: [alpha]\n---\n\n${body}\n`;

function site(): string {
  return makeSite({
    'onair.yaml': 'title: Tiny\nbaseUrl: https://tiny.example.com/\nlanguage: en\n',
    'content/post/first.md': post('First post'),
    'content/post/second.md': post('Second post'),
    'content/post/third.md': post('Third post'),
  });
}

/** A port free right now (two sessions on it in a row share their pages: they name the port). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Session {
  dev: DevServer;
  /** The first build's result. */
  first: NonNullable<Extract<DevBuildEvent, { phase: 'end' }>['result']>;
  get(pathname: string): Promise<{ status: number; body: string }>;
}

async function start(root: string, port: number, onStart?: () => void): Promise<Session> {
  let first: Session['first'] | undefined;
  const dev = await startDevServer({
    root,
    port,
    onBuild(event) {
      if (event.phase === 'start' && !first) onStart?.();
      if (event.phase === 'end') first ??= event.result;
      if (event.phase === 'crash') throw event.error;
    },
  });
  assert.ok(first?.ok, first && formatReport(first.files));
  return {
    dev,
    first,
    async get(pathname) {
      const res = await fetch(`http://127.0.0.1:${port}${pathname}`);
      return { status: res.status, body: await res.text() };
    },
  };
}

/** Runs `check` on a site made for it, removed after. */
async function withSite(check: (root: string) => Promise<void>): Promise<void> {
  const root = site();
  try {
    await check(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Runs `check` in a dev session on `port`, closed after; without `check`, a session that only makes its first build. */
async function session(root: string, port: number, check?: (session: Session) => Promise<void>, onStart?: () => void): Promise<void> {
  const started = await start(root, port, onStart);
  try {
    await check?.(started);
  } finally {
    await started.dev.close();
  }
}

/** The session's output folder is the one kept in the build cache. */
function assertKept(root: string, session: Session): void {
  assert.ok(session.dev.outDir.startsWith(path.join(root, '.onair-cache/dev') + path.sep), session.dev.outDir);
}

/** Polls `check` until it is truthy (cap: 60 s, a hang guard, not a timing assertion). */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until the session's folder holds every file a cold build of the site
 * makes (the feeds come once edits pause) and checks it holds exactly those,
 * byte for byte (the search index aside: a cold build here makes none).
 */
async function assertLikeColdBuild(root: string, session: Session, port: number): Promise<void> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-cold-'));
  try {
    const cold = await build({ root, out, baseUrl: `http://127.0.0.1:${port}/`, cache: false, search: false });
    assert.equal(cold.ok, true, formatReport(cold.files));
    const expected = snapshot(out);
    await eventually(() => [...expected.keys()].every((file) => fs.existsSync(path.join(session.dev.outDir, file))), 'every file of a cold build');
    await session.dev.idle();
    const actual = snapshot(session.dev.outDir);
    for (const file of actual.keys()) if (file.startsWith('pagefind/')) actual.delete(file);
    assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), 'the same files');
    for (const [file, data] of expected) assert.equal(actual.get(file), data, `${file} as a cold build makes it`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

test('should start a second session on an unchanged site without writing any page again, the cache kept in .onair-cache/dev', () =>
  withSite(async (root) => {
    const port = await freePort();
    const files = ['post/first/index.html', 'index.html', 'tags/alpha/index.html'];
    const inodes = (one: Session) => files.map((file) => fs.statSync(path.join(one.dev.outDir, file)).ino);
    let before: number[] = [];
    await session(root, port, async (one) => void (before = inodes(one)));
    for (const name of ['out', 'files.bin', 'matter.bin', 'results.bin', 'clean']) assert.ok(fs.existsSync(path.join(root, '.onair-cache/dev/site', name)), `${name} kept for the next session`);
    await session(root, port, async (two) => {
      assertKept(root, two);
      assert.deepEqual(two.first.changed, [], 'no file written or deleted');
      assert.deepEqual(inodes(two), before, 'the same files: no post page, no list page made again');
      assert.match((await two.get('/post/first/')).body, /<title>First post/);
      await assertLikeColdBuild(root, two, port);
    });
  }));

test('should show what changed between sessions: posts deleted, renamed and edited, a template, the config', () =>
  withSite(async (root) => {
    const port = await freePort();
    await session(root, port);
    fs.rmSync(path.join(root, 'content/post/second.md'));
    fs.renameSync(path.join(root, 'content/post/third.md'), path.join(root, 'content/post/renamed.md'));
    fs.writeFileSync(path.join(root, 'content/post/first.md'), post('First post, edited'));
    await session(root, port, async (two) => {
      assert.equal((await two.get('/post/second/')).status, 404, 'a deleted post is gone');
      assert.equal((await two.get('/post/third/')).status, 404, 'and a renamed one from its old URL');
      assert.match((await two.get('/post/renamed/')).body, /<title>Third post/);
      assert.match((await two.get('/post/first/')).body, /<title>First post, edited/);
      const home = (await two.get('/')).body;
      assert.ok(!home.includes('Second post') && home.includes('First post, edited'), 'the home page lists what is there now');
      await assertLikeColdBuild(root, two, port);
    });

    fs.mkdirSync(path.join(root, 'templates'));
    fs.writeFileSync(path.join(root, 'templates/post.tsx'), `export default function post(props: any) { return { type: 'element', tagName: 'p', properties: { className: ['custom'] }, children: [{ type: 'text', value: props.post.title }] }; }\n`);
    fs.writeFileSync(path.join(root, 'onair.yaml'), 'title: Renamed site\nbaseUrl: https://tiny.example.com/\nlanguage: en\n');
    await session(root, port, async (three) => {
      const page = (await three.get('/post/first/')).body;
      assert.match(page, /class="custom"/, 'a changed template shows');
      assert.match(page, /Renamed site/, 'and a changed config');
      assert.match((await three.get('/')).body, /<title>Renamed site/);
      await assertLikeColdBuild(root, three, port);
    });
  }));

test('should serve no page of the session before that its first build did not make again', () =>
  withSite(async (root) => {
    const port = await freePort();
    await session(root, port);
    fs.writeFileSync(path.join(root, 'content/post/first.md'), post('First post, edited'));
    fs.rmSync(path.join(root, 'content/post/second.md'));
    // Asked for as soon as the first build starts: answered when it is known to be current, not before.
    let during: Array<Promise<{ status: number; body: string }>> = [];
    const asked = () => {
      const get = (pathname: string) => fetch(`http://127.0.0.1:${port}${pathname}`).then(async (res) => ({ status: res.status, body: await res.text() }));
      during = [get('/post/first/'), get('/post/second/'), get('/')];
    };
    await session(root, port, async () => {
      const [first, second, home] = await Promise.all(during);
      assert.match(first.body, /<title>First post, edited/, 'the edited post, never its page of the session before');
      assert.equal(second.status, 404, 'a deleted post, never its page of the session before');
      assert.ok(!home.body.includes('Second post'), 'the home page as it is now');
    }, asked);
  }));

test('should make the pages again for another port, whose origin they name', () =>
  withSite(async (root) => {
    const [a, b] = [await freePort(), await freePort()];
    await session(root, a);
    await session(root, b, async (other) => {
      const page = (await other.get('/post/first/')).body;
      assert.match(page, new RegExp(`http://127\\.0\\.0\\.1:${b}/post/first/`));
      assert.doesNotMatch(page, new RegExp(`:${a}/`));
      await assertLikeColdBuild(root, other, b);
    });
  }));

test('should run two sessions on one site at once, the second in a temporary folder, and keep the first for the next', () =>
  withSite(async (root) => {
    const [a, b] = [await freePort(), await freePort()];
    let temporary = '';
    await session(root, a, (one) =>
      session(root, b, async (two) => {
        assertKept(root, one);
        temporary = two.dev.outDir;
        assert.ok(!temporary.startsWith(root + path.sep), `the second session builds elsewhere: ${temporary}`);
        fs.writeFileSync(path.join(root, 'content/post/first.md'), post('First post, edited'));
        for (const [each, port] of [[one, a], [two, b]] as const) {
          await eventually(async () => (await each.get('/post/first/')).body.includes('First post, edited'), `the edit in the session on ${port}`);
          await assertLikeColdBuild(root, each, port);
        }
      }),
    );
    assert.equal(fs.existsSync(temporary), false, 'the temporary folder is removed');
    assert.deepEqual(fs.readdirSync(path.join(root, '.onair-cache/dev')), ['site'], 'the kept folder is given back');
    await session(root, a, async (again) => assert.deepEqual(again.first.changed, [], 'the next session carries every file over'));
    // Started at the same moment, two new sessions may each make a folder: one is kept, both are right.
    await Promise.all([session(root, a), session(root, b)]);
    assert.deepEqual(fs.readdirSync(path.join(root, '.onair-cache/dev')), ['site']);
  }));

test('should start correctly after a session killed in its first build, with files it left behind', () =>
  withSite(async (root) => {
    const port = await freePort();
    await session(root, port);
    fs.writeFileSync(path.join(root, 'content/post/first.md'), post('First post, edited'));
    fs.rmSync(path.join(root, 'content/post/second.md'));

    // Another process claims the folder and is killed (SIGKILL) as its first build starts.
    const script = path.join(root, 'killed.mjs');
    const dev = new URL('../src/serve/dev.ts', import.meta.url).href;
    fs.writeFileSync(script, `const { startDevServer } = await import(${JSON.stringify(dev)});\nawait startDevServer({ root: ${JSON.stringify(root)}, port: ${port}, onBuild: (e) => { if (e.phase === 'start') console.log('started'); } });\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve());
      child.on('exit', () => reject(new Error('the session ended before its first build')));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const left = fs.readdirSync(path.join(root, '.onair-cache/dev'));
    assert.deepEqual(left, [`site.${child.pid}-1`], 'the folder is still claimed by the killed session');
    // What a session killed later leaves too: a page no build makes any more, a half-written file, a page edited since it was recorded.
    const out = path.join(root, '.onair-cache/dev', left[0], 'out');
    fs.mkdirSync(path.join(out, 'post/ghost'), { recursive: true });
    fs.writeFileSync(path.join(out, 'post/ghost/index.html'), '<title>Ghost</title>');
    fs.writeFileSync(path.join(out, 'index.html.123-0-1.tmp'), 'half');
    fs.appendFileSync(path.join(out, 'post/third/index.html'), '<!-- stale -->');

    await session(root, port, async (next) => {
      assertKept(root, next);
      assert.equal((await next.get('/post/ghost/')).status, 404);
      assert.equal((await next.get('/post/second/')).status, 404);
      assert.match((await next.get('/post/first/')).body, /<title>First post, edited/);
      assert.doesNotMatch((await next.get('/post/third/')).body, /stale/);
      await assertLikeColdBuild(root, next, port);
    });
  }));
