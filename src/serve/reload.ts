/**
 * The reload channel: Server-Sent Events to every open tab, with a revision
 * counter so a tab that (re)connects after missing a build reloads itself,
 * and the last build error kept so newly opened tabs show it too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One message shown in the browser overlay. */
export interface OverlayMessage {
  /** Path relative to the site root. */
  file: string;
  line?: number;
  column?: number;
  reason: string;
  ruleId?: string;
}

/** A failed build as the overlay shows it. */
export interface BuildError {
  messages: OverlayMessage[];
}

/** Server-Sent Events hub: `connect` tabs, then `reload` or `fail` after each build. */
export class ReloadChannel {
  /** Open tabs and the page each shows (its URL path, `index.html` dropped). */
  readonly #clients = new Map<ServerResponse, string>();
  /** Waiting `settle` calls, told of each tab that connects. */
  readonly #arrivals = new Set<(page: string) => void>();
  // A per-process prefix makes revisions of a restarted server differ too.
  readonly #boot = Date.now().toString(36);
  #count = 0;
  #error: BuildError | null = null;
  readonly #heartbeat = setInterval(() => this.#send(': ping\n\n'), 15_000).unref();

  /** Revision of the output being served, e.g. `lx3k9a.4`. */
  get revision(): string {
    return `${this.#boot}.${this.#count}`;
  }

  /** Number of connected tabs. */
  get clients(): number {
    return this.#clients.size;
  }

  /** The error being shown, if the last build failed. */
  get error(): BuildError | null {
    return this.#error;
  }

  /** Answers an EventSource request and keeps it open. */
  connect(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    res.write(`retry: 500\n\n${frame('hello', { revision: this.revision, error: this.#error })}`);
    const page = new URL(req.url ?? '/', 'http://localhost').searchParams.get('page') ?? '';
    this.#clients.set(res, page);
    for (const arrived of this.#arrivals) arrived(page);
    const drop = () => this.#clients.delete(res);
    req.on('close', drop);
    res.on('error', drop);
  }

  /**
   * A build succeeded: bump the revision, clear any error and tell tabs to
   * reload. `changed` lists URL paths (base path included) of the pages
   * that changed; `null` reloads every tab.
   */
  reload(changed: string[] | null): void {
    this.#count++;
    this.#error = null;
    this.#send(frame('reload', { revision: this.revision, changed }));
  }

  /**
   * Resolves once every tab that showed one of `changed` (URL paths, as
   * given to `reload`) has come back after reloading, or after `ms`. Call it
   * right after `reload`: a build waits here so the busy build thread does
   * not slow the reloading tabs down.
   */
  settle(changed: readonly string[], ms: number): Promise<void> {
    const wanted = new Set(changed);
    let waiting = 0;
    for (const page of this.#clients.values()) if (wanted.has(page)) waiting++;
    if (waiting === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#arrivals.delete(arrived);
        resolve();
      };
      const arrived = (page: string) => {
        if (wanted.has(page) && --waiting === 0) done();
      };
      const timer = setTimeout(done, ms);
      this.#arrivals.add(arrived);
    });
  }

  /** A build failed: keep the error and show it in every tab. */
  fail(error: BuildError): void {
    this.#error = error;
    this.#send(frame('build-error', error));
  }

  /** Ends every connection. */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const res of this.#clients.keys()) res.end();
    this.#clients.clear();
  }

  #send(data: string): void {
    for (const res of this.#clients.keys()) {
      if (res.writableEnded || res.destroyed) this.#clients.delete(res);
      else res.write(data);
    }
  }
}

function frame(event: string, data: unknown): string {
  // JSON has no raw newlines, so one `data:` line is always enough.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
