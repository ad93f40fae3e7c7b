/**
 * `onair clean`: removes the build cache (`ROOT/.onair-cache`) and the
 * spare copy of the output that rebuilds stage into (`.onair-spare-NAME`
 * beside the output folder).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { SPARE } from '../output/staged-writer.js';
import type { Command } from './types.js';

const usage = `Usage: onair clean [--root DIR]

Removes the build cache (ROOT/.onair-cache) and the spare copy of the output
(.onair-spare-public beside public/). The next build renders every post.

Options:
  --root DIR   Site folder (default: the current folder)
  -h, --help   Show this help`;

export const cleanCommand: Command = {
  name: 'clean',
  summary: 'Remove the build cache',
  usage,
  async run(argv) {
    const { values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { root: { type: 'string' } } });
    const root = path.resolve(values.root ?? process.cwd());
    const cache = path.join(root, '.onair-cache');
    await fs.rm(cache, { recursive: true, force: true });
    console.log(`onair: removed ${cache}`);
    // The spare sits beside the output folder, wherever the config puts it (a broken config: the default).
    const { config } = await loadConfig(root, {}).catch(() => ({ config: { outDir: 'public' } }));
    const outDir = path.resolve(root, config.outDir);
    const spare = path.join(path.dirname(outDir), `${SPARE}${path.basename(outDir)}`);
    if (await fs.stat(spare).catch(() => undefined)) {
      await fs.rm(spare, { recursive: true, force: true });
      console.log(`onair: removed ${spare}`);
    }
    return 0;
  },
};
