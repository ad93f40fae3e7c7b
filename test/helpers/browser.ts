/**
 * Shared headless Chromium harness for browser tests: launch Debian's
 * `chromium` through playwright-core, serve a folder on localhost, and block
 * (while recording) every request that leaves the machine.
 *
 * Rule: when chromium is missing, a test is skipped with a visible notice,
 * except under `CI=true`, where it fails.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where Debian installs chromium (override with `CHROMIUM_PATH`). */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags that keep a headless run quiet, offline-friendly and reproducible. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** A launched browser, or the reason the test should be skipped. */
export type Launched = { browser: Browser; skip?: undefined } | { browser?: undefined; skip: string };

/**
 * Launches headless Chromium (playwright gives each launch a fresh, temporary
 * user data dir). Resolves `{skip}` when chromium is not installed; under
 * `CI=true` that throws instead, so CI can never pass by skipping.
 * Usage: `const l = await launchBrowser(); if (l.skip) return t.skip(l.skip)`.
 */
export async function launchBrowser(): Promise<Launched> {
  if (!fs.existsSync(chromiumPath)) {
    const reason = `chromium not found: \`${chromiumPath}\` is missing (apt-get install chromium)`;
    if (process.env.CI === 'true') throw new Error(reason + '; browser tests cannot be skipped under CI=true');
    console.warn(`# SKIP browser test: ${reason}`);
    return { skip: reason };
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs], headless: true });
  return { browser };
}

/** A running static server; `url` ends in `/`. */
export interface Served {
  url: string;
  /** Paths requested so far (URL pathnames, in order). */
  requests: string[];
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` on `127.0.0.1` (a free port). `/` and folder URLs map to
 * `index.html`; paths escaping `dir` get 403; missing files 404.
 */
export async function serveDir(dir: string): Promise<Served> {
  const root = path.resolve(dir);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url || '/', 'http://localhost').pathname);
    requests.push(pathname);
    let file = path.join(root, pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': types[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Requests seen by `blockExternal`, live (they fill as the page runs). */
export interface RequestLog {
  /** Every request URL, local or not, in order. */
  all: string[];
  /** Every non-localhost request URL: each was aborted. */
  external: string[];
}

/** True for URLs served from this machine (loopback, `data:`, `blob:`, `about:`). */
export function isLocal(url: string): boolean {
  if (/^(data|blob|about):/i.test(url)) return true;
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/**
 * Aborts every request to a non-local host from `target` (a page or a whole
 * context, iframes included), recording it; local requests continue. The
 * machine has no network, so this also keeps tests fast and deterministic.
 */
export async function blockExternal(target: Page | BrowserContext): Promise<RequestLog> {
  const log: RequestLog = { all: [], external: [] };
  await target.route('**/*', async (route) => {
    const url = route.request().url();
    log.all.push(url);
    if (isLocal(url)) await route.continue();
    else {
      log.external.push(url);
      await route.abort('blockedbyclient');
    }
  });
  return log;
}
