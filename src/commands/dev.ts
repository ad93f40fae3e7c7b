/**
 * `onair dev`: build, serve, watch, reload. The loop lives in
 * `src/serve/dev.ts`; this file parses arguments and prints.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { countOf, formatReport } from '../report.js';
import { parsePort, serverBanner } from '../serve/banner.js';
import { startDevServer, type DevBuildEvent } from '../serve/dev.js';
import { PortInUseError } from '../serve/server.js';
import { listenForStop } from '../serve/signal.js';
import { UsageError, type Command } from './types.js';

const usage = `Usage: onair dev [options]

Builds the site into a private folder (ROOT/.onair-cache/dev/, kept for the
next start on the same port: only what changed is made again), serves it with
live reload and rebuilds what changed in content/, static/, templates/ or the
config file, reloading the open tabs that show a changed page.
Build errors are printed and shown in the browser; the last good pages stay up.

Options:
  --root DIR     Site folder (default: the current folder)
  --port N       Port (default: 1313; 0 picks a free port)
  --host ADDR    Address to bind (default: 127.0.0.1; 0.0.0.0 exposes it, with a warning)
  --drafts       Include drafts
  --open         Open the site in the default browser
  -h, --help     Show this help

A port in use is an error (exit 1): pick another with --port.`;

/** `onair dev`. */
export const devCommand: Command = {
  name: 'dev',
  summary: 'Serve the site with live reload while you write',
  usage,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        root: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        drafts: { type: 'boolean' },
        open: { type: 'boolean' },
      },
    });
    const port = parsePort(values.port, 1313);
    if (port === undefined) throw new UsageError(`Unexpected port \`${values.port}\`, expected a number from 0 to 65535`);
    const root = path.resolve(values.root ?? '.');
    // Listen from the start: Ctrl+C during the first build still cleans up.
    const stop = listenForStop();
    console.log(`onair dev: building ${root}`);
    let dev;
    try {
      dev = await startDevServer({ root, port, host: values.host, drafts: values.drafts, onBuild: (event) => log(event, root) });
    } catch (error) {
      stop.dispose();
      if (!(error instanceof PortInUseError)) throw error;
      console.error(`onair dev: ${error.message}; pick another with --port (or --port 0 for a free one)`);
      return 1;
    }
    for (const line of serverBanner('onair dev: serving', dev.url, dev.host, dev.port)) console.log(line);
    console.log('Watching for changes; press Ctrl+C to stop.');
    if (values.open) openBrowser(dev.url);
    await stop.stopped;
    stop.dispose();
    await dev.close();
    return 0;
  },
};

function log(event: DevBuildEvent, root: string): void {
  if (event.phase === 'start') return;
  const what = event.paths.length === 1 && event.paths[0] === root ? 'built' : `rebuilt (${describe(event.paths, root)})`;
  if (event.phase === 'crash') {
    console.error(`onair dev: the build crashed; still serving the last good build`);
    console.error(event.error);
    return;
  }
  const { result } = event;
  const report = formatReport(result.files, { color: process.stderr.isTTY === true });
  if (report) console.error(report);
  if (result.ok) console.log(`${what}: ${result.pages} pages in ${Math.round(result.time)} ms`);
  else console.error(`onair dev: build failed (${countOf(result.errors, 'error')}); still serving the last good build`);
}

function describe(paths: string[], root: string): string {
  const shown = paths.slice(0, 3).map((p) => path.relative(root, p));
  return shown.join(', ') + (paths.length > 3 ? ` and ${paths.length - 3} more` : '');
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`onair dev: could not open a browser; visit ${url}`));
  child.unref();
}
