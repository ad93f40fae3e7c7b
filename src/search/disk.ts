/**
 * The search index of a build whose pages are on disk (`DirWriter` and its
 * kin): Pagefind reads them from there and writes the bundle to disk
 * itself, instead of every page being read back and sent to it and every
 * bundle file sent back (see `pagefind-cli.ts` for what that buys).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FsWriter } from '../output/staged-writer.js';
import type { DirWriter } from '../output/writer.js';
import { searchBundleDir } from './pagefind.js';
import { runPagefind } from './pagefind-cli.js';

/** Options of {@link indexFromDisk}. */
export interface DiskIndexOptions {
  /** Site language: every page is indexed under it. */
  language: string;
  /** Bundle folder relative to the output, with a trailing slash (default `pagefind/`). */
  dir?: string;
  /** What the bundle is made from (the writer records it for the next build's `reuseAll`). */
  key?: string;
  /** Stops Pagefind; nothing is recorded then. */
  signal?: AbortSignal;
}

/**
 * A glob matching exactly the files named `pages` in a folder holding only
 * them (and their folders): by extension, since Pagefind retries (slowly) a
 * folder it matched. Undefined when a name has no plain extension.
 */
export function pagesGlob(pages: readonly string[]): string | undefined {
  const extensions = new Set<string>();
  for (const page of pages) {
    const match = /\.([A-Za-z\d]+)$/.exec(page.slice(page.lastIndexOf('/') + 1));
    if (!match) return undefined;
    extensions.add(match[1]);
  }
  return `**/*.{${[...extensions].sort().join(',')}}`;
}

/**
 * Indexes `pages` (output paths, already written into `writer.dir`) into the
 * bundle under `options.dir` (`pagefind/`). Pagefind sees a folder of links
 * to exactly these pages, so no other page (lists, an old output's leftovers) is indexed and
 * URLs are the pages' paths. The bundle goes straight into an `FsWriter`'s
 * staging folder (unseen until the swap); other writers (the dev server's
 * folder being served) get it through `write`, once it is complete.
 * Resolves to false when stopped by `signal`.
 */
export async function indexFromDisk(writer: DirWriter, pages: readonly string[], options: DiskIndexOptions): Promise<boolean> {
  const glob = pagesGlob(pages);
  if (!glob) throw new Error('Cannot index pages without an extension from disk');
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'onair-search-'));
  try {
    const site = path.join(work, 'site');
    // Absolute targets: a link resolves against its own folder.
    await linkPages(path.resolve(writer.dir), site, pages);
    const staged = writer instanceof FsWriter;
    const dir = options.dir ?? `${searchBundleDir}/`;
    const outputPath = staged ? path.join(writer.dir, ...dir.split('/').filter(Boolean)) : path.join(work, 'bundle');
    // A partly carried-over bundle is hard links into the previous output: never write through them.
    if (staged) await fs.rm(outputPath, { recursive: true, force: true });
    if (!(await runPagefind({ site, glob, outputPath, language: options.language, cwd: work, signal: options.signal }))) return false;
    for (const file of await listFiles(outputPath)) {
      const name = `${dir}${file}`;
      if (staged) writer.adopt(name, options.key);
      else await writer.write(name, await fs.readFile(path.join(outputPath, ...file.split('/'))), options.key);
    }
    return true;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Makes `to/<page>` a link to `from/<page>` for each page (a copy where links are not allowed). */
async function linkPages(from: string, to: string, pages: readonly string[]): Promise<void> {
  const made = new Set<string>();
  for (let i = 0; i < pages.length; i += 64) {
    const batch = pages.slice(i, i + 64).map((page) => ({ source: path.join(from, ...page.split('/')), target: path.join(to, ...page.split('/')) }));
    for (const dir of new Set(batch.map(({ target }) => path.dirname(target)))) {
      if (made.has(dir)) continue;
      await fs.mkdir(dir, { recursive: true });
      made.add(dir);
    }
    await Promise.all(batch.map(({ source, target }) => fs.symlink(source, target).catch(() => fs.copyFile(source, target))));
  }
}

/** Files under `dir`, as POSIX paths relative to it, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (sub: string): Promise<void> => {
    for (const entry of await fs.readdir(path.join(dir, sub), { withFileTypes: true })) {
      const name = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(name);
      else if (entry.isFile()) files.push(name);
    }
  };
  await walk('');
  return files.sort();
}
