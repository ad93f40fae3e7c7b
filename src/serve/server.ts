/**
 * The static server behind `onair dev` and `onair preview`: Node's http,
 * Host check first, then the URL rules of `resolve.ts`. With a reload
 * channel (dev) it also answers the channel and injects the client into HTML
 * responses. Every request is wrapped: hostile input never crashes it.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientPath, clientScript, eventsPath, injectClient } from './client.js';
import { allowedHostNames, isAllowedHost, isSameOrigin } from './guard.js';
import { contentType, isHtml } from './mime.js';
import type { ReloadChannel } from './reload.js';
import { resolveRequest, type Resolved } from './resolve.js';

/** Options of `startServer`. */
export interface ServerOptions {
  /** Folder served (absolute). */
  root: string;
  /**
   * Path the site is served under, starting and ending with `/`. Default `/`.
   * A function is asked on every request (dev: the config may change it).
   */
  basePath?: string | (() => string);
  /** Address to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port; `0` picks a free one. Default `0`. */
  port?: number;
  /** Dev mode: answer the reload channel and inject its client into HTML. */
  reload?: ReloadChannel;
  /**
   * Asked with each file about to be served (absolute path): a promise when
   * it may not be served yet (dev: a file of an earlier session the first
   * build has not confirmed), after which the request is resolved again.
   */
  hold?(file: string): Promise<void> | undefined;
}

/** A listening server. */
export interface RunningServer {
  /** URL of the site, base path included (`http://127.0.0.1:1313/blog/`). */
  url: string;
  host: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

/** The port is taken (or not ours to take); the CLI prints it and exits 1. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

const devNotFound =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>404 Not Found</title><body><h1>404 Not Found</h1></body></html>';

/** Starts serving `options.root`; rejects with `PortInUseError` when the port is taken. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { root, reload } = options;
  const base = (): string => (typeof options.basePath === 'function' ? options.basePath() : options.basePath ?? '/');
  const host = options.host ?? '127.0.0.1';
  const names = allowedHostNames(host);
  let port = options.port ?? 0;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('x-content-type-options', 'nosniff');
    if (!isAllowedHost(req.headers.host, names, port)) return text(res, 403, 'Forbidden: unexpected Host header');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return text(res, 405, 'Method Not Allowed');
    }
    const url = req.url ?? '/';
    const pathname = url.replace(/[?#].*$/s, '');
    if (reload && pathname === eventsPath) {
      if (!isSameOrigin(req)) return text(res, 403, 'Forbidden: cross-origin reload request');
      if (req.method !== 'GET') return text(res, 405, 'Method Not Allowed');
      return reload.connect(req, res);
    }
    if (reload && pathname === clientPath) {
      res.writeHead(200, { 'content-type': contentType('client.js'), 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : clientScript);
      return;
    }
    const basePath = base();
    const found = await resolve(basePath, url);
    if (found.kind === 'bad-request') return text(res, 400, 'Bad Request');
    if (found.kind === 'redirect') {
      res.writeHead(found.status, { location: found.location, 'content-length': 0 }).end();
      return;
    }
    if (found.kind === 'file') return sendFile(req, res, found, 200);
    const page = await resolve(basePath, basePath + '404.html');
    if (page.kind === 'file') return sendFile(req, res, page, 404);
    if (reload) return send(req, res, 404, 'text/html; charset=utf-8', injectClient(devNotFound, reload.revision));
    return text(res, 404, 'Not Found');
  }

  /** `resolveRequest`, once the file found may be served (`options.hold`). */
  async function resolve(basePath: string, url: string): Promise<Resolved> {
    const found = await resolveRequest(root, basePath, url);
    const held = found.kind === 'file' ? options.hold?.(found.file) : undefined;
    return held ? held.then(() => resolveRequest(root, basePath, url)) : found;
  }

  async function sendFile(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    found: { file: string; size: number; mtimeMs: number },
    status: number,
  ): Promise<void> {
    const type = contentType(found.file);
    if (reload && isHtml(found.file)) {
      const html = await fs.promises.readFile(found.file, 'utf8');
      return send(req, res, status, type, injectClient(html, reload.revision));
    }
    const etag = `W/"${found.size.toString(36)}-${Math.trunc(found.mtimeMs).toString(36)}"`;
    const headers = { 'content-type': type, etag, 'cache-control': reload ? 'no-store' : 'no-cache' };
    if (status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(status, { ...headers, 'content-length': found.size });
    if (req.method === 'HEAD') return void res.end();
    const stream = fs.createReadStream(found.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) text(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        reject(new PortInUseError(`Cannot listen on ${host}:${port}: ${error.code === 'EACCES' ? 'permission denied' : 'the port is in use'}`, { cause: error }));
      } else reject(error);
    });
    server.listen({ host, port }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shown = wildcard(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}${base()}`,
    host,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        reload?.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function wildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, type: string, body: string): void {
  const buffer = Buffer.from(body);
  res.writeHead(status, { 'content-type': type, 'content-length': buffer.length, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : buffer);
}

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
