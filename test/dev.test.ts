/**
 * The dev loop on a real site in a temp folder: edits reload over SSE, broken
 * front matter shows an error and keeps the last good pages, a burst of saves
 * coalesces into builds that never overlap, editors' rename-saves and the
 * config file are watched. Waits poll with a generous cap; nothing is timed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import * as devModule from '../src/serve/dev.js';
import { startDevServer, type DevBuildEvent, type DevServer } from '../src/serve/dev.js';
import { serialQueue } from '../src/serve/queue.js';
import { changedUrls } from '../src/serve/changed.js';
import { ReloadChannel } from '../src/serve/reload.js';
import { EventEmitter } from 'node:events';
import type { BuildResult } from '../src/types.js';
import { devCommand } from '../src/commands/dev.js';
import { previewCommand } from '../src/commands/preview.js';
import { UsageError } from '../src/commands/types.js';

const fixture = path.join(import.meta.dirname, 'fixtures/serve/site');

interface Site {
  root: string;
  dev: DevServer;
  builds: DevBuildEvent[];
  maxActive: number;
  post(name: string): string;
  write(name: string, text: string): void;
  get(pathname: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

async function startSite(): Promise<Site> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-dev-test-'));
  fs.cpSync(fixture, root, { recursive: true });
  const builds: DevBuildEvent[] = [];
  let active = 0;
  const site: Site = {
    root,
    builds,
    maxActive: 0,
    dev: undefined as unknown as DevServer,
    post: (name) => fs.readFileSync(path.join(root, 'content/post', name), 'utf8'),
    write: (name, text) => fs.writeFileSync(path.join(root, name), text),
    async get(pathname) {
      const res = await fetch(new URL(pathname.replace(/^\//, ''), site.dev.url));
      return { status: res.status, body: await res.text() };
    },
    async close() {
      await site.dev.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  site.dev = await startDevServer({
    root,
    port: 0,
    onBuild(event) {
      if (event.phase === 'start') site.maxActive = Math.max(site.maxActive, ++active);
      else active--;
      builds.push(event);
    },
  });
  return site;
}

/** Polls `check` until it is truthy (cap: 60 s, a hang guard, not a timing assertion). */
async function eventually<T>(check: () => T | Promise<T>, what: string): Promise<NonNullable<T>> {
  const end = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Listens to the reload channel like a browser tab would; `events` fills as they arrive. */
function listen(dev: DevServer): { events: Array<{ event: string; data: any }>; close(): void } {
  const events: Array<{ event: string; data: any }> = [];
  let buffer = '';
  const req = http.get(new URL('/__onair/events', dev.url), (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    });
  });
  req.on('error', () => {});
  return { events, close: () => req.destroy() };
}

const title = (html: string) => /<title>(.*?)<\/title>/s.exec(html)?.[1];
const ended = (site: Site) => site.builds.filter((b) => b.phase !== 'start').length;

test('should export startDevServer and overlayOf', () => {
  assert.deepEqual(Object.keys(devModule).sort(), ['overlayOf', 'startDevServer']);
});

test('should run queued work serially and queue exactly one more run for pushes during a run', async () => {
  const runs: string[][] = [];
  let active = 0;
  let maxActive = 0;
  let release!: () => void;
  const queue = serialQueue(async (paths) => {
    maxActive = Math.max(maxActive, ++active);
    runs.push(paths);
    if (runs.length === 1) await new Promise<void>((r) => (release = r));
    active--;
  }, (error) => assert.fail(String(error)));
  queue.push(['a']);
  for (const p of ['b', 'c', 'b', 'd']) queue.push([p]);
  release();
  await queue.idle();
  assert.deepEqual(runs, [['a'], ['b', 'c', 'd']]);
  assert.equal(maxActive, 1);
});

test('should turn changed output files into the URLs of the tabs to reload', () => {
  const result = (changed?: string[]) => ({ ok: true, files: [], pages: 0, written: 0, warnings: 0, errors: 0, time: 0, outDir: '/o', ...(changed ? { changed } : {}) }) as BuildResult;
  assert.equal(changedUrls(result(), '/'), null);
  assert.deepEqual(changedUrls(result(['post/a/index.html', 'index.html', 'index.xml', 'sitemap.xml']), '/blog/'), ['/blog/post/a/', '/blog/']);
  assert.deepEqual(changedUrls(result(['/post/b/', '404.html']), '/'), ['/post/b/', '/404.html']);
  assert.equal(changedUrls(result(['post/a/index.html', 'assets/style.css']), '/'), null, 'a stylesheet reloads every tab');
});

test('should rebuild on save and tell open tabs to reload, without the client on disk', async () => {
  const site = await startSite();
  const tab = listen(site.dev);
  try {
    assert.equal(title((await site.get('/post/first/')).body), 'First post · Tiny');
    await eventually(() => tab.events.find((e) => e.event === 'hello'), 'hello');
    const before = site.dev.channel.revision;
    const builds = ended(site);
    site.write('content/post/first.md', site.post('first.md').replace('First post', 'First post, edited'));
    const lastReload = () => tab.events.filter((e) => e.event === 'reload').at(-1);
    await eventually(() => ended(site) > builds && lastReload()?.data.revision === site.dev.channel.revision, 'a rebuild and its last reload event');
    const reload = lastReload()!;
    assert.notEqual(reload.data.revision, before);
    assert.equal(reload.data.revision, site.dev.channel.revision);
    const page = await site.get('/post/first/');
    assert.equal(title(page.body), 'First post, edited · Tiny');
    assert.match(page.body, /__onair\/client\.js/);
    const onDisk = fs.readFileSync(path.join(site.dev.outDir, 'post/first/index.html'), 'utf8');
    assert.match(onDisk, /First post, edited/);
    assert.doesNotMatch(onDisk, /__onair/);
  } finally {
    tab.close();
    await site.close();
  }
});

test('should serve the pages before the search index and feeds, which follow without an edit', async () => {
  const site = await startSite();
  try {
    const first = site.builds.find((event) => event.phase === 'end') as Extract<DevBuildEvent, { phase: 'end' }> | undefined;
    assert.ok(first?.result.ok, 'the first build is done when the server is up');
    assert.ok(first.result.changed?.includes('post/first/index.html'));
    assert.ok(!first.result.changed?.some((file) => file.startsWith('pagefind/') || file.endsWith('index.xml') || file.endsWith('atom.xml')), `no search index and no feeds in the first build: ${first.result.changed?.join(', ')}`);
    await eventually(async () => (await site.get('/pagefind/pagefind.js')).status === 200 && (await site.get('/index.xml')).body.includes('First post'), 'the search index and the feeds, once the first build is over');
  } finally {
    await site.close();
  }
});

test('should rebuild only what an edit touches, reload only the tabs showing it, and delete what is gone', async () => {
  const site = await startSite();
  const tab = listen(site.dev);
  try {
    await eventually(() => tab.events.find((e) => e.event === 'hello'), 'hello');
    const second = path.join(site.dev.outDir, 'post/second/index.html');
    const untouched = fs.statSync(second);
    const builds = ended(site);
    site.write('content/post/first.md', `${site.post('first.md')}\nA new closing line.\n`);
    const lastReload = () => tab.events.filter((e) => e.event === 'reload').at(-1);
    await eventually(() => ended(site) > builds && lastReload()?.data.revision === site.dev.channel.revision, 'a rebuild and its last reload event');
    // The tab of the post reloads as soon as its page is written, the lists' tabs at the end.
    const first = tab.events.find((e) => e.event === 'reload')!;
    assert.deepEqual(first.data.changed, ['/post/first/'], 'the post page first');
    const reload = { data: { changed: tab.events.filter((e) => e.event === 'reload').flatMap((e) => e.data.changed) } };
    const end = site.builds.at(-1)!;
    assert.equal(end.phase, 'end');
    const changed = (end as Extract<DevBuildEvent, { phase: 'end' }>).result.changed ?? [];
    assert.ok(changed.includes('post/first/index.html'), `the edited page is rewritten: ${changed.join(', ')}`);
    assert.ok(!changed.includes('post/second/index.html'), 'an unrelated page is not');
    assert.equal(fs.statSync(second).mtimeMs, untouched.mtimeMs, 'an unrelated page is not written at all');
    assert.ok(reload.data.changed.includes('/post/first/'));
    assert.ok(!reload.data.changed.includes('/post/second/'), 'the tab showing another post does not reload');
    // Feeds and the search index catch up once edits pause.
    await eventually(async () => (await site.get('/index.xml')).body.includes('A new closing line'), 'the feed refreshed after the pause');

    const again = ended(site);
    fs.rmSync(path.join(site.root, 'content/post/second.md'));
    await eventually(() => ended(site) > again, 'a rebuild after the delete');
    assert.equal(fs.existsSync(second), false, 'the page of a deleted post is gone');
    assert.equal((await site.get('/post/second/')).status, 404);
  } finally {
    tab.close();
    await site.close();
  }
});

test('should reload the tab of an edited post before its neighbours are made again', async () => {
  const site = await startSite();
  const tab = listen(site.dev);
  try {
    await eventually(() => tab.events.find((e) => e.event === 'hello'), 'hello');
    const builds = ended(site);
    // A new title also changes the neighbours' prev/next links.
    site.write('content/post/first.md', site.post('first.md').replace('First post', 'First post, renamed'));
    const lastReload = () => tab.events.filter((e) => e.event === 'reload').at(-1);
    await eventually(() => ended(site) > builds && lastReload()?.data.revision === site.dev.channel.revision, 'a rebuild and its last reload event');
    const reloads = tab.events.filter((e) => e.event === 'reload');
    assert.deepEqual(reloads[0]!.data.changed, ['/post/first/'], 'the first reload names the edited post alone');
    const later = reloads.slice(1).flatMap((e) => e.data.changed);
    assert.ok(later.includes('/post/second/'), `the neighbour reloads afterwards: ${later.join(', ')}`);
    assert.match((await site.get('/post/second/')).body, /First post, renamed/);
  } finally {
    tab.close();
    await site.close();
  }
});

test('should let a build wait until the tabs it reloaded are back, or until the time is up', async () => {
  const channel = new ReloadChannel();
  const tabs: EventEmitter[] = [];
  const open = (page: string) => {
    const req = Object.assign(new EventEmitter(), { url: `/__onair/events?page=${encodeURIComponent(page)}` });
    const res = Object.assign(new EventEmitter(), { writableEnded: false, destroyed: false, writeHead() {}, write: () => true, end() {} });
    channel.connect(req as unknown as http.IncomingMessage, res as unknown as http.ServerResponse);
    tabs.push(req);
    return req;
  };
  try {
    const a = open('/post/a/');
    open('/post/b/');
    let settled = false;
    const waiting = channel.settle(['/post/a/'], 60_000).then(() => (settled = true));
    a.emit('close');
    open('/post/b/');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false, 'another page coming back does not count');
    open('/post/a/');
    await waiting;
    assert.equal(settled, true);
    await channel.settle(['/post/none/'], 60_000);
    // A tab that never comes back (closed, throttled) holds the build up for `ms` at most.
    await channel.settle(['/post/b/'], 1);
  } finally {
    channel.close();
  }
});

test('should keep serving the last good pages and report a broken file until it is fixed', async () => {
  const site = await startSite();
  const tab = listen(site.dev);
  try {
    const good = site.post('first.md');
    await eventually(() => tab.events.length > 0, 'hello');
    site.write('content/post/first.md', good.replace('title: "First post"', 'title: "First post, broken\ntags: [oops'));
    const failure = await eventually(() => tab.events.find((e) => e.event === 'build-error'), 'a build-error event');
    const [message] = failure.data.messages;
    assert.equal(message.file, 'content/post/first.md');
    assert.equal(typeof message.line, 'number');
    assert.equal(typeof message.column, 'number');
    assert.ok(message.reason.length > 0);
    assert.equal(message.ruleId, 'yaml-syntax');
    assert.deepEqual(site.dev.channel.error, failure.data);
    const page = await site.get('/post/first/');
    assert.equal(page.status, 200);
    assert.equal(title(page.body), 'First post · Tiny', 'the last good page is still served');
    // A tab opened now learns about the error on connect.
    const late = listen(site.dev);
    const hello = await eventually(() => late.events.find((e) => e.event === 'hello'), 'hello');
    late.close();
    assert.deepEqual(hello.data.error, failure.data);
    site.write('content/post/first.md', good.replace('First post', 'First post, fixed'));
    const reload = await eventually(() => tab.events.find((e) => e.event === 'reload'), 'a reload after the fix');
    assert.equal(reload.data.changed, null, 'after a failure every tab reloads');
    assert.equal(site.dev.channel.error, null);
    assert.equal(title((await site.get('/post/first/')).body), 'First post, fixed · Tiny');
  } finally {
    tab.close();
    await site.close();
  }
});

test('should coalesce a burst of 20 concurrent saves into non-overlapping builds of one correct site', async () => {
  const site = await startSite();
  try {
    const first = ended(site);
    const saves = Array.from({ length: 18 }, (_, i) =>
      fs.promises.writeFile(path.join(site.root, `content/post/burst-${i}.md`), `---\ntitle: "Burst ${i}"\ndate: 2024-03-${String(i + 1).padStart(2, '0')}\n---\n\nBody ${i}.\n`),
    );
    saves.push(fs.promises.writeFile(path.join(site.root, 'content/post/first.md'), site.post('first.md').replace('First post', 'First, burst')));
    saves.push(fs.promises.writeFile(path.join(site.root, 'content/post/second.md'), site.post('second.md').replace('Second post', 'Second, burst')));
    await Promise.all(saves);
    await eventually(async () => {
      await site.dev.idle();
      return ended(site) > first && title((await site.get('/post/burst-17/')).body) === 'Burst 17 · Tiny';
    }, 'the burst to be built');
    await site.dev.idle();
    assert.equal(site.maxActive, 1, 'builds never overlapped');
    const builds = ended(site) - first;
    assert.ok(builds >= 1 && builds < 20, `20 saves made ${builds} builds`);
    for (let i = 0; i < 18; i++) assert.equal(title((await site.get(`/post/burst-${i}/`)).body), `Burst ${i} · Tiny`);
    assert.equal(title((await site.get('/post/first/')).body), 'First, burst · Tiny');
    assert.equal(title((await site.get('/post/second/')).body), 'Second, burst · Tiny');
    const home = (await site.get('/')).body;
    assert.match(home, /Burst 17/);

    // Saves while a build runs queue exactly one more build.
    const start = site.builds.length;
    site.write('content/post/first.md', site.post('first.md').replace('First, burst', 'During 0'));
    await eventually(() => site.builds.slice(start).some((b) => b.phase === 'start'), 'a build to start');
    for (let i = 1; i <= 5; i++) site.write('content/post/first.md', site.post('first.md').replace(/During \d/, `During ${i}`));
    await eventually(async () => {
      await site.dev.idle();
      return title((await site.get('/post/first/')).body) === 'During 5 · Tiny';
    }, 'the saves during a build');
    const phases = site.builds.slice(start).map((b) => b.phase);
    assert.deepEqual(phases, ['start', 'end', 'start', 'end'], 'one build, then exactly one more');
    assert.equal(site.maxActive, 1);
  } finally {
    await site.close();
  }
});

test('should follow editors that save by rename, new folders and the config file', async () => {
  const site = await startSite();
  try {
    const file = path.join(site.root, 'content/post/second.md');
    // Save by writing a temp file and renaming it over the original (atomic save).
    fs.writeFileSync(file + '.tmp', site.post('second.md').replace('Second post', 'Second, renamed'));
    fs.renameSync(file + '.tmp', file);
    await eventually(async () => title((await site.get('/post/second/')).body) === 'Second, renamed · Tiny', 'a rename-save');
    // vim without backupcopy: move the original away, write anew, drop the backup.
    const text = site.post('second.md');
    fs.renameSync(file, file + '~');
    fs.writeFileSync(file, text.replace('Second, renamed', 'Second, vim'));
    fs.unlinkSync(file + '~');
    await eventually(async () => title((await site.get('/post/second/')).body) === 'Second, vim · Tiny', 'a vim-style save');
    // A folder created after start.
    fs.mkdirSync(path.join(site.root, 'content/notes'));
    site.write('content/notes/fresh.md', '---\ntitle: "Fresh note"\ndate: 2024-04-01\n---\n\nNew.\n');
    await eventually(async () => (await site.get('/notes/fresh/')).status === 200, 'a post in a new folder');
    // The config file.
    site.write('onair.yaml', fs.readFileSync(path.join(site.root, 'onair.yaml'), 'utf8').replace('title: Tiny', 'title: Renamed site'));
    await eventually(async () => title((await site.get('/post/second/')).body) === 'Second, vim · Renamed site', 'a config change');
    await site.dev.idle();
    assert.equal(site.maxActive, 1);
  } finally {
    await site.close();
  }
});

test('should exit 1 with a clear message when the port is taken or nothing is built, and reject bad ports as usage errors', async (t) => {
  const errors: string[] = [];
  t.mock.method(console, 'error', (...args: unknown[]) => errors.push(args.join(' ')));
  t.mock.method(console, 'log', () => {});
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const { port } = blocker.address() as net.AddressInfo;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-dev-cli-'));
  try {
    fs.cpSync(fixture, root, { recursive: true });
    assert.equal(await devCommand.run(['--root', root, '--port', String(port)]), 1);
    assert.match(errors.join('\n'), new RegExp(`Cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use; pick another with --port`));
    assert.equal(await previewCommand.run(['--root', root, '--port', '0']), 1);
    assert.match(errors.join('\n'), /No built site in `.*public`: run `onair build` first/);
    await assert.rejects(devCommand.run(['--port', '99999']), UsageError);
    await assert.rejects(previewCommand.run(['--port', 'abc']), UsageError);
    assert.equal(process.listenerCount('SIGINT'), 0, 'signal handlers are released');
  } finally {
    blocker.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
