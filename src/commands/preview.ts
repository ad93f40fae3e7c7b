/**
 * `onair preview`: serves the built output as a static host would.
 */
import { parseArgs } from 'node:util';
import { parsePort, serverBanner } from '../serve/banner.js';
import { NothingToPreviewError, startPreviewServer } from '../serve/preview.js';
import { PortInUseError } from '../serve/server.js';
import { listenForStop } from '../serve/signal.js';
import { UsageError, type Command } from './types.js';

const usage = `Usage: onair preview [options]

Serves the built site (ROOT/public) exactly as a static host would: pretty
URLs, trailing-slash redirects, 404.html, the base path. No rebuild, no reload.

Options:
  --root DIR     Site folder (default: the current folder)
  --out DIR      Folder to serve (default: ROOT/public)
  --port N       Port (default: 4173; 0 picks a free port)
  --host ADDR    Address to bind (default: 127.0.0.1; 0.0.0.0 exposes it, with a warning)
  -h, --help     Show this help

A port in use, or nothing built yet, is an error (exit 1).`;

/** `onair preview`. */
export const previewCommand: Command = {
  name: 'preview',
  summary: 'Serve the built site as a static host would',
  usage,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        root: { type: 'string' },
        out: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
      },
    });
    const port = parsePort(values.port, 4173);
    if (port === undefined) throw new UsageError(`Unexpected port \`${values.port}\`, expected a number from 0 to 65535`);
    // Listen from the start: Ctrl+C during the first build still cleans up.
    const stop = listenForStop();
    let server;
    try {
      server = await startPreviewServer({ root: values.root, out: values.out, port, host: values.host });
    } catch (error) {
      stop.dispose();
      if (!(error instanceof PortInUseError || error instanceof NothingToPreviewError)) throw error;
      console.error(`onair preview: ${error.message}${error instanceof PortInUseError ? '; pick another with --port (or --port 0 for a free one)' : ''}`);
      return 1;
    }
    for (const line of serverBanner('onair preview: serving', server.url, server.host, server.port)) console.log(line);
    console.log('Press Ctrl+C to stop.');
    await stop.stopped;
    stop.dispose();
    await server.close();
    return 0;
  },
};
