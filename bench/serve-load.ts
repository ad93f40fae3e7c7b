/**
 * Loopback load on the static server (a script, not a test): the server runs
 * in a child process serving a built site; 100 keep-alive clients request a
 * mix of pages, assets, redirects, 404s and traversal probes for a bounded
 * time (default 20 s, at most 500,000 requests). Prints requests/s, errors,
 * unexpected statuses and the server's memory each 5 s.
 *
 * Usage: node --import tsx bench/serve-load.ts DIR [SECONDS=20] [CLIENTS=100]
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../src/serve/server.js';
import { ReloadChannel } from '../src/serve/reload.js';

if (process.argv[2] === '--child') {
  const running = await startServer({ root: path.resolve(process.argv[3]!), port: 0, reload: new ReloadChannel() });
  process.send!({ port: running.port });
  process.on('message', () => {
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send!({ rss, heapUsed });
  });
} else {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: bench/serve-load.ts DIR [SECONDS] [CLIENTS]');
  const seconds = Number(process.argv[3] ?? 20);
  const clients = Number(process.argv[4] ?? 100);
  const child = fork(fileURLToPath(import.meta.url), ['--child', dir], { execArgv: [...process.execArgv, '--expose-gc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  const memory = () =>
    new Promise<string>((resolve) => {
      child.once('message', (m: { rss: number; heapUsed: number }) => resolve(`rss ${(m.rss / 2 ** 20).toFixed(1)} MB, heap ${(m.heapUsed / 2 ** 20).toFixed(1)} MB`));
      child.send('memory');
    });
  const targets: Array<[string, number]> = [
    ['/', 200], ['/post/', 200], ['/post', 301], ['/tags/', 200], ['/index.xml', 200],
    ['/assets/style.css', 200], ['/missing/', 404], ['/%2e%2e/%2e%2e/etc/passwd', 400], ['/..%2f..%2fetc%2fpasswd', 400],
  ];
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const end = Date.now() + seconds * 1000;
  let total = 0;
  let errors = 0;
  let unexpected = 0;
  console.log(`start: ${await memory()}`);
  const ticker = setInterval(async () => console.log(`${total} requests, ${errors} errors: ${await memory()}`), 5000);
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const [target, status] = targets[i % targets.length]!;
      const req = http.get({ agent, host: '127.0.0.1', port, path: target }, (res) => {
        if (res.statusCode !== status) unexpected++;
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; Date.now() < end && total < 500_000; i += clients) {
        total++;
        await one(i);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(ticker);
  console.log(`end: ${await memory()}`);
  console.log(`${clients} clients, ${elapsed.toFixed(1)} s: ${total} requests (${Math.round(total / elapsed)}/s), ${errors} errors, ${unexpected} unexpected statuses`);
  agent.destroy();
  child.kill();
}
