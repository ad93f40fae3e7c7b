/**
 * Loopback load on the static server: the server runs in a child process
 * (dev mode with the reload channel, or `onair preview`'s server) serving a
 * built site; 100 keep-alive clients request a mix of pages, assets,
 * redirects, 404s and traversal probes for a bounded time (default 20 s, at
 * most 500,000 requests). The server's heap is sampled after a GC through
 * the run. `test/serve-load.test.ts` runs it for 5 s; as a script it prints
 * requests/s, errors, unexpected statuses and memory.
 *
 * Usage: node --import tsx bench/serve-load.ts DIR [SECONDS=20] [CLIENTS=100] [dev|preview]
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ReloadChannel } from '../src/serve/reload.js';
import { startPreviewServer } from '../src/serve/preview.js';
import { startServer } from '../src/serve/server.js';

/** Options of {@link runServeLoad}. */
export interface LoadOptions {
  /** Built site folder to serve (a `public/` whose parent is the site root). */
  dir: string;
  /** Default 20. */
  seconds?: number;
  /** Default 100. */
  clients?: number;
  /** `dev` (reload channel, client injected into HTML) or `preview`. Default `dev`. */
  mode?: 'dev' | 'preview';
  /** Called with each memory sample (for progress output). */
  onSample?: (sample: LoadSample) => void;
}

/** The server's memory after a GC, and the requests done by then. */
export interface LoadSample {
  requests: number;
  heapUsed: number;
  rss: number;
}

/** What a run did. */
export interface LoadResult {
  requests: number;
  errors: number;
  /** Responses whose status was not the expected one (`path status` → count). */
  unexpected: Map<string, number>;
  seconds: number;
  /** Before the load, every sampling interval, and after the load. */
  samples: LoadSample[];
}

const targets: Array<[string, number]> = [
  ['/', 200], ['/post/', 200], ['/post', 301], ['/tags/', 200], ['/index.xml', 200],
  ['/assets/style.css', 200], ['/missing/', 404], ['/%2e%2e/%2e%2e/etc/passwd', 400], ['/..%2f..%2fetc%2fpasswd', 400],
];

/** Runs the load against a server in a child process and stops it. */
export async function runServeLoad(options: LoadOptions): Promise<LoadResult> {
  const seconds = options.seconds ?? 20;
  const clients = options.clients ?? 100;
  const child = fork(fileURLToPath(import.meta.url), ['--child', options.dir, options.mode ?? 'dev'], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: { port: number }) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    });
    return await load(child, port, seconds, clients, options.onSample);
  } finally {
    child.kill();
  }
}

async function load(child: ChildProcess, port: number, seconds: number, clients: number, onSample?: (s: LoadSample) => void): Promise<LoadResult> {
  let requests = 0;
  let errors = 0;
  const unexpected = new Map<string, number>();
  const samples: LoadSample[] = [];
  const sample = () =>
    new Promise<void>((resolve) => {
      child.once('message', (m: { rss: number; heapUsed: number }) => {
        const s = { requests, heapUsed: m.heapUsed, rss: m.rss };
        samples.push(s);
        onSample?.(s);
        resolve();
      });
      child.send('memory');
    });
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const [target, status] = targets[i % targets.length]!;
      const req = http.get({ agent, host: '127.0.0.1', port, path: target }, (res) => {
        if (res.statusCode !== status) unexpected.set(`${target} ${res.statusCode}`, (unexpected.get(`${target} ${res.statusCode}`) ?? 0) + 1);
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  await sample();
  const every = Math.min(5, seconds / 5) * 1000;
  let sampling = Promise.resolve();
  const ticker = setInterval(() => (sampling = sampling.then(sample)), every);
  const started = performance.now();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; Date.now() < end && requests < 500_000; i += clients) {
        requests++;
        await one(i);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(ticker);
  await sampling;
  agent.destroy();
  await sample();
  return { requests, errors, unexpected, seconds: elapsed, samples };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

if (process.argv[2] === '--child') {
  const dir = path.resolve(process.argv[3]!);
  const running =
    process.argv[4] === 'preview'
      ? await startPreviewServer({ root: path.dirname(dir), out: dir, port: 0 })
      : await startServer({ root: dir, port: 0, reload: new ReloadChannel() });
  process.send!({ port: running.port });
  process.on('message', () => {
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send!({ rss, heapUsed });
  });
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: bench/serve-load.ts DIR [SECONDS] [CLIENTS] [dev|preview]');
  const clients = Number(process.argv[4] ?? 100);
  const result = await runServeLoad({
    dir,
    seconds: Number(process.argv[3] ?? 20),
    clients,
    mode: process.argv[5] === 'preview' ? 'preview' : 'dev',
    onSample: (s) => console.log(`${s.requests} requests: rss ${mb(s.rss)}, heap ${mb(s.heapUsed)}`),
  });
  const { requests, errors, unexpected, seconds } = result;
  console.log(`${clients} clients, ${seconds.toFixed(1)} s: ${requests} requests (${Math.round(requests / seconds)}/s), ${errors} errors, unexpected statuses: ${JSON.stringify([...unexpected])}`);
}
