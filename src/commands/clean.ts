/**
 * `onair clean`: removes the build cache (`ROOT/.onair-cache`).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './types.js';

const usage = `Usage: onair clean [--root DIR]

Removes the build cache (ROOT/.onair-cache). The next build renders every post.

Options:
  --root DIR   Site folder (default: the current folder)
  -h, --help   Show this help`;

export const cleanCommand: Command = {
  name: 'clean',
  summary: 'Remove the build cache',
  usage,
  async run(argv) {
    const { values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { root: { type: 'string' } } });
    const cache = path.join(path.resolve(values.root ?? process.cwd()), '.onair-cache');
    await fs.rm(cache, { recursive: true, force: true });
    console.log(`onair: removed ${cache}`);
    return 0;
  },
};
