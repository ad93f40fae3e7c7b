/**
 * `onair clean`: removes the build cache (`ROOT/.onair-cache`) and the
 * spare copy of the output that rebuilds stage into (`.onair-spare-NAME`
 * beside the output folder). With `--unused`, only what the last build did
 * not use goes from the cache: the next build still hits every post.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { PostCache } from '../output/cache.js';
import { SPARE } from '../output/staged-writer.js';
import type { Command } from './types.js';

const usage = `Usage: onair clean [--unused] [--root DIR]

Removes the build cache (ROOT/.onair-cache) and the spare copy of the output
(.onair-spare-public beside public/). The next build renders every post.

Builds prune the cache themselves: post results no build used for 7 days go
(older generations of onair, config or post list sooner), and so do compiled
themes and output manifests unused for 7 days, and the output onair dev keeps
(.onair-cache/dev/) 7 days after its last session.

Options:
  --unused     Only remove now the post results the last build did not use
               (and what the automatic prune would remove); keep the rest
  --root DIR   Site folder (default: the current folder)
  -h, --help   Show this help`;

export const cleanCommand: Command = {
  name: 'clean',
  summary: 'Remove the build cache',
  usage,
  async run(argv) {
    const { values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { root: { type: 'string' }, unused: { type: 'boolean' } } });
    const root = path.resolve(values.root ?? process.cwd());
    const cache = path.join(root, '.onair-cache');
    if (values.unused) return pruneNow(cache);
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

/** `--unused`: the prune of a build, due or not, with no grace for results the last build did not use. */
async function pruneNow(dir: string): Promise<number> {
  const cache = new PostCache(dir, true);
  await cache.load();
  const report = await cache.prune({ force: true, maxAge: 0 });
  if (!report) {
    console.error(`onair clean: nothing known about the last build in ${dir} (no results.bin): run \`onair build\`, or \`onair clean\` to remove the whole cache`);
    return 1;
  }
  const mb = (report.bytes / 1e6).toFixed(1);
  console.log(`onair: removed ${report.removed} files (${mb} MB) and ${report.generations} older generations from ${dir}`);
  return 0;
}
