/**
 * `onair preview`'s server: the built output served exactly as a static
 * host would (base path from the config, no rebuild, no reload client).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from './server.js';

/** Options of `startPreviewServer`. */
export interface PreviewOptions {
  /** Site root. Default `process.cwd()`. */
  root?: string;
  /** Folder to serve. Default: the config's `outDir` (`ROOT/public`). */
  out?: string;
  /** Address to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port; `0` picks a free one. Default `4173`. */
  port?: number;
}

/** The output folder is missing: nothing to preview. */
export class NothingToPreviewError extends Error {
  override name = 'NothingToPreviewError';
}

/** Starts the preview server; rejects with `PortInUseError` or `NothingToPreviewError`. */
export async function startPreviewServer(options: PreviewOptions = {}): Promise<RunningServer & { outDir: string }> {
  const root = path.resolve(options.root ?? process.cwd());
  const { config } = await loadConfig(root, {});
  const outDir = path.resolve(root, options.out ?? config.outDir);
  const stat = await fs.stat(outDir).catch(() => null);
  if (!stat?.isDirectory()) throw new NothingToPreviewError(`No built site in \`${outDir}\`: run \`onair build\` first`);
  const server = await startServer({
    root: outDir,
    basePath: config.basePath,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 4173,
  });
  return { ...server, outDir };
}
