/**
 * The static server of `onair dev` and `onair preview`: URL mapping as static
 * hosts do it, every traversal and Host probe, the reload channel's origin
 * check, no injection on disk, port errors, and a bounded loopback load test.
 * Raw request targets go over a socket: fetch and http.request normalise them.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as server from '../src/serve/server.js';
import { allowedHostNames, isAllowedHost } from '../src/serve/guard.js';
import { ReloadChannel } from '../src/serve/reload.js';
import { startPreviewServer } from '../src/serve/preview.js';

const secret = 'TOP-SECRET-OUTSIDE-THE-OUTPUT';
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-serve-'));
const out = path.join(base, 'public');
const files: Record<string, string> = {
  'index.html': '<!doctype html><html><head><title>home</title></head><body><h1>home</h1></body></html>',
  'a/index.html': '<!doctype html><html><body><h1>page a</h1></body></html>',
  'a/b/index.html': '<!doctype html><html><body><h1>page b</h1></body></html>',
  'empty/.keep': '',
  '404.html': '<!doctype html><html><body><h1>custom not found</h1></body></html>',
  'index.xml': '<?xml version="1.0"?><rss version="2.0"></rss>',
  'sitemap.xml': '<?xml version="1.0"?><urlset/>',
  'assets/style.css': 'body{color:red}',
  'assets/app.js': 'console.log(1)',
  'data.json': '{"a":1}',
  'img/p.png': 'PNG',
  'img/p.svg': '<svg/>',
  'fonts/f.woff2': 'WOFF2',
  '中文/index.html': '<!doctype html><html><body>中文页</body></html>',
  'with space.txt': 'spaced',
};
let preview: server.RunningServer;
let dev: server.RunningServer;
let blog: server.RunningServer;
let devChannel: ReloadChannel;

before(async () => {
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    fs.writeFileSync(path.join(out, name), body);
  }
  fs.writeFileSync(path.join(base, 'secret.txt'), secret);
  fs.mkdirSync(path.join(base, 'outside'));
  fs.writeFileSync(path.join(base, 'outside', 'passwd'), secret);
  fs.symlinkSync(path.join(base, 'outside'), path.join(out, 'leak'));
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(out, 'leak.txt'));
  fs.symlinkSync(path.join(out, 'a', 'index.html'), path.join(out, 'inner.html'));
  preview = await server.startServer({ root: out, port: 0 });
  devChannel = new ReloadChannel();
  dev = await server.startServer({ root: out, port: 0, reload: devChannel });
  blog = await server.startServer({ root: out, port: 0, basePath: '/blog/' });
});

after(async () => {
  await Promise.all([preview.close(), dev.close(), blog.close()]);
  fs.rmSync(base, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends one raw HTTP request (target and headers byte for byte) and reads the whole response. */
function raw(port: number, target: string, headers: Record<string, string> | null = {}, method = 'GET', version = '1.1'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const lines = [`${method} ${target} HTTP/${version}`];
    const all = headers === null ? {} : { host: `127.0.0.1:${port}`, ...headers };
    for (const [k, v] of Object.entries(all)) lines.push(`${k}: ${v}`);
    lines.push('connection: close', '', '');
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(':');
        parsed[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers: parsed, body: rest.join('\r\n\r\n') });
    });
    socket.write(lines.join('\r\n'), 'latin1');
  });
}

test('should export startServer and PortInUseError', () => {
  assert.deepEqual(Object.keys(server).sort(), ['PortInUseError', 'startServer']);
});

test('should map URLs like a static host: pretty URLs, redirects, index files', async () => {
  const p = preview.port;
  const home = await raw(p, '/');
  assert.equal(home.status, 200);
  assert.equal(home.body, files['index.html']);
  assert.equal(home.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal((await raw(p, '/a/')).body, files['a/index.html']);
  assert.equal((await raw(p, '/a/index.html')).body, files['a/index.html']);
  assert.equal((await raw(p, '/a/b/')).body, files['a/b/index.html']);
  assert.equal((await raw(p, '/%E4%B8%AD%E6%96%87/')).body, files['中文/index.html']);
  assert.equal((await raw(p, '/with%20space.txt')).body, 'spaced');
  assert.equal((await raw(p, '/inner.html')).body, files['a/index.html'], 'a symlink inside the tree is served');
  const redirect = await raw(p, '/a');
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.location, '/a/');
  assert.equal((await raw(p, '/a/b?x=1')).headers.location, '/a/b/?x=1');
  assert.equal((await raw(p, '/a/?q=1#frag')).status, 200);
  assert.equal((await raw(p, '/a/index.html/')).status, 404);
});

test('should serve 404.html with status 404 and never list a folder', async () => {
  for (const target of ['/missing', '/missing/', '/empty/', '/empty', '/assets/', '/a/nope.html']) {
    const res = await raw(preview.port, target);
    if (res.status === 301) {
      assert.equal((await raw(preview.port, res.headers.location!)).status, 404, target);
      continue;
    }
    assert.equal(res.status, 404, target);
    assert.equal(res.body, files['404.html'], target);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  }
});

test('should send the content type of each kind of file', async () => {
  const expected: Record<string, string> = {
    '/index.xml': 'application/xml; charset=utf-8',
    '/sitemap.xml': 'application/xml; charset=utf-8',
    '/assets/style.css': 'text/css; charset=utf-8',
    '/assets/app.js': 'text/javascript; charset=utf-8',
    '/data.json': 'application/json; charset=utf-8',
    '/img/p.png': 'image/png',
    '/img/p.svg': 'image/svg+xml',
    '/fonts/f.woff2': 'font/woff2',
    '/with%20space.txt': 'text/plain; charset=utf-8',
  };
  for (const [target, type] of Object.entries(expected)) {
    const res = await raw(preview.port, target);
    assert.equal(res.status, 200, target);
    assert.equal(res.headers['content-type'], type, target);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  }
});

test('should answer HEAD without a body, refuse other methods and revalidate with ETag', async () => {
  const head = await raw(preview.port, '/assets/style.css', {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.equal(head.headers['content-length'], String(files['assets/style.css']!.length));
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']) {
    const res = await raw(preview.port, '/', {}, method);
    assert.equal(res.status, 405, method);
    assert.equal(res.headers.allow, 'GET, HEAD');
  }
  const etag = (await raw(preview.port, '/assets/style.css')).headers.etag!;
  assert.ok(etag);
  assert.equal((await raw(preview.port, '/assets/style.css', { 'if-none-match': etag })).status, 304);
});

test('should serve under the base path and redirect to it', async () => {
  const p = blog.port;
  assert.equal((await raw(p, '/blog/')).body, files['index.html']);
  assert.equal((await raw(p, '/blog/a/')).body, files['a/index.html']);
  assert.equal((await raw(p, '/blog')).headers.location, '/blog/');
  assert.equal((await raw(p, '/blog/a')).headers.location, '/blog/a/');
  const root = await raw(p, '/');
  assert.equal(root.status, 302);
  assert.equal(root.headers.location, '/blog/');
  const outside = await raw(p, '/a/');
  assert.equal(outside.status, 404);
  assert.equal(outside.body, files['404.html']);
  assert.equal((await raw(p, '/blogx/')).status, 404);
  assert.equal((await raw(p, '/blog/../secret.txt')).status, 400);
});

const probes = [
  '/../secret.txt',
  '/../../../../../../etc/passwd',
  '/a/../../secret.txt',
  '/./secret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E/secret.txt',
  '/.%2e/secret.txt',
  '/%2e./secret.txt',
  '/..%2fsecret.txt',
  '/..%2Fsecret.txt',
  '/%2e%2e%2fsecret.txt',
  '/a/%2e%2e/%2e%2e/secret.txt',
  '/%252e%252e/secret.txt',
  '/%252e%252e%252fsecret.txt',
  '/..%252fsecret.txt',
  '/%25252e%25252e/secret.txt',
  '/..\\secret.txt',
  '/a\\..\\..\\secret.txt',
  '/..%5csecret.txt',
  '/..%5Csecret.txt',
  '/%5c..%5csecret.txt',
  '/..%255csecret.txt',
  '//secret.txt',
  `/${base.slice(1)}/secret.txt`,
  `//${base.slice(1)}/secret.txt`,
  `/%2f${base.slice(1)}/secret.txt`,
  `http://127.0.0.1/../secret.txt`,
  `file://${base}/secret.txt`,
  '*',
  '/secret.txt%00.html',
  '/%00',
  '/index.html%00',
  '/%c0%ae%c0%ae/secret.txt',
  '/%c0%af',
  '/%',
  '/%zz',
  '/leak/passwd',
  '/leak/',
  '/leak',
  '/leak.txt',
  '/..;/secret.txt',
  '/a/..',
  '/a/.',
  '/C:/secret.txt',
];

test('should refuse every traversal probe with 400 or 404 and never leak or crash', async () => {
  for (const target of probes) {
    for (const s of [preview, dev, blog]) {
      const prefixed = s === blog && target.startsWith('/') && !target.startsWith('//') ? '/blog' + target : target;
      const res = await raw(s.port, prefixed);
      assert.ok([400, 404].includes(res.status), `${prefixed} → ${res.status}`);
      assert.ok(!res.body.includes(secret), `${prefixed} leaked the secret`);
    }
  }
  // Raw bytes that a client library would refuse to send.
  for (const target of ['/\u0000', '/secret.txt\u0000.html', '/a\u0001', '/a\u007f', '/\\..\\secret.txt']) {
    const res = await raw(preview.port, target);
    assert.ok([400, 404].includes(res.status), `${JSON.stringify(target)} → ${res.status}`);
    assert.ok(!res.body.includes(secret));
  }
  assert.equal((await raw(preview.port, '/')).status, 200, 'still serving after the probes');
});

test('should refuse requests whose Host is not this server (DNS rebinding)', async () => {
  const p = dev.port;
  const accepted = [`127.0.0.1:${p}`, `localhost:${p}`, `[::1]:${p}`, `LOCALHOST:${p}`];
  const refused = [
    'evil.example',
    `evil.example:${p}`,
    `localhost.evil.example:${p}`,
    `127.0.0.1.nip.io:${p}`,
    `evil.example@127.0.0.1:${p}`,
    `127.0.0.1:${p + 1 > 65535 ? 1 : p + 1}`,
    '127.0.0.1',
    `127.0.0.1:${p}:${p}`,
    `0.0.0.0:${p}`,
    `[::ffff:127.0.0.1]:${p}`,
    '',
  ];
  for (const host of accepted) assert.equal((await raw(p, '/', { host })).status, 200, host);
  for (const host of refused) {
    for (const s of [preview, dev]) {
      const value = host.replaceAll(String(p), String(s.port));
      const res = await raw(s.port, '/', { host: value });
      assert.ok(res.status === 403 || (value === '' && res.status === 400), `${value} → ${res.status}`);
      assert.ok(!res.body.includes('home'));
    }
  }
  const noHost = await raw(p, '/', null, 'GET', '1.0');
  assert.equal(noHost.status, 403, 'HTTP/1.0 without Host');
});

test('should allow every interface address of a wildcard bind and nothing else', () => {
  const names = allowedHostNames('0.0.0.0');
  for (const name of ['localhost', '127.0.0.1', '[::1]']) assert.ok(names.has(name));
  assert.ok(isAllowedHost('127.0.0.1:8080', names, 8080));
  assert.ok(!isAllowedHost('evil.example:8080', names, 8080));
  const own = allowedHostNames('127.0.0.1');
  assert.deepEqual([...own].sort(), ['127.0.0.1', '[::1]', 'localhost']);
  assert.ok(allowedHostNames('::1').has('[::1]'));
});

test('should never send CORS headers', async () => {
  for (const s of [preview, dev]) {
    for (const target of ['/', '/assets/app.js', '/missing', '/__onair/events']) {
      const res = await raw(s.port, target, { origin: 'http://evil.example' });
      const cors = Object.keys(res.headers).filter((h) => h.startsWith('access-control-'));
      assert.deepEqual(cors, [], `${target}`);
    }
  }
});

test('should refuse cross-origin requests to the reload channel', async () => {
  const p = dev.port;
  assert.equal((await raw(p, '/__onair/events', { origin: 'http://evil.example' })).status, 403);
  assert.equal((await raw(p, '/__onair/events', { origin: `http://localhost:${p + 1}` })).status, 403);
  assert.equal((await raw(p, '/__onair/events', { origin: 'null' })).status, 403);
  assert.equal((await raw(p, '/__onair/events', { 'sec-fetch-site': 'cross-site' })).status, 403);
  assert.equal((await raw(p, '/__onair/events', { 'sec-fetch-site': 'same-site' })).status, 403);
  const body = await new Promise<string>((resolve, reject) => {
    const req = http.get({ port: p, host: '127.0.0.1', path: '/__onair/events', headers: { origin: `http://127.0.0.1:${p}` } }, (res) => {
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
      res.setEncoding('utf8');
      res.once('data', (chunk: string) => {
        req.destroy();
        resolve(chunk);
      });
    });
    req.on('error', reject);
  });
  assert.match(body, /event: hello\ndata: \{"revision":"[\w.]+","error":null\}/);
});

test('should inject the reload client into HTML responses only, never into files on disk', async () => {
  const page = await raw(dev.port, '/a/');
  assert.match(page.body, /<script src="\/__onair\/client\.js" data-revision="[\w.]+"><\/script><\/body>/);
  assert.equal(fs.readFileSync(path.join(out, 'a/index.html'), 'utf8'), files['a/index.html']);
  assert.match((await raw(dev.port, '/nope')).body, /__onair\/client\.js/, 'the 404 page gets it too');
  assert.equal((await raw(dev.port, '/index.xml')).body, files['index.xml']);
  assert.equal((await raw(dev.port, '/assets/app.js')).body, files['assets/app.js']);
  const client = await raw(dev.port, '/__onair/client.js');
  assert.equal(client.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.match(client.body, /textContent/);
  assert.doesNotMatch(client.body, /innerHTML|insertAdjacentHTML|document\.write/);
  // Preview is a static host: no client, no channel.
  assert.equal((await raw(preview.port, '/a/')).body, files['a/index.html']);
  assert.equal((await raw(preview.port, '/__onair/events')).status, 404);
  assert.equal((await raw(preview.port, '/__onair/client.js')).status, 404);
});

test('should report a port in use as PortInUseError', async () => {
  await assert.rejects(server.startServer({ root: out, port: preview.port }), server.PortInUseError);
});

test('should serve 100 concurrent loopback clients (2,000 requests) without an error', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });
  const targets = ['/', '/a/', '/a', '/assets/style.css', '/missing', '/%2e%2e/secret.txt'];
  const expected = [200, 200, 301, 200, 404, 400];
  let errors = 0;
  let wrong = 0;
  let done = 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const k = i % targets.length;
      const req = http.get({ agent, host: '127.0.0.1', port: dev.port, path: targets[k] }, (res) => {
        if (res.statusCode !== expected[k]) wrong++;
        res.resume();
        res.on('end', () => {
          done++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  const clients = Array.from({ length: 100 }, async (_, c) => {
    for (let i = 0; i < 20; i++) await one(c * 20 + i);
  });
  await Promise.all(clients);
  agent.destroy();
  assert.equal(errors, 0);
  assert.equal(wrong, 0);
  assert.equal(done, 2000);
});

test('should preview ROOT/public under the configured base path', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-preview-'));
  try {
    fs.writeFileSync(path.join(root, 'onair.yaml'), 'title: P\nbaseUrl: https://example.com/blog/\n');
    fs.cpSync(out, path.join(root, 'public'), { recursive: true, verbatimSymlinks: true });
    const running = await startPreviewServer({ root, port: 0 });
    try {
      assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+\/blog\/$/);
      assert.equal((await raw(running.port, '/blog/a/')).body, files['a/index.html']);
      assert.equal((await raw(running.port, '/blog/leak.txt')).status, 404);
    } finally {
      await running.close();
    }
    await assert.rejects(startPreviewServer({ root, out: 'nowhere', port: 0 }), /run `onair build` first/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
