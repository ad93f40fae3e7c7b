/**
 * Reading a config file: YAML as data (the same safe loader as front
 * matter), code configs by import, TypeScript compiled by esbuild into the
 * site's cache folder first. Also finds a key's line for messages.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { VFile } from 'vfile';
import type { ConfigReport } from './config-schema.js';
import { createPointer } from './content/locate.js';
import type { NodePos } from './content/locate.js';
import { parseYaml } from './content/yaml.js';
import { writeFileAtomic } from './util/atomic.js';

/** Reads the raw config object from a YAML or code file; a module that fails to load throws. */
export async function readConfigFile(absolute: string, text: string, root: string, report: ConfigReport): Promise<unknown> {
  if (/\.ya?ml$/.test(absolute)) {
    const parsed = parseYaml(text, 'config');
    if (!parsed.ok) {
      report(parsed.reason, parsed.ruleId, [], true, createPointer(text, 1)(parsed.offset));
      return {};
    }
    return parsed.data ?? {};
  }
  let url = pathToFileURL(absolute).href;
  if (/\.m?ts$/.test(absolute)) url = pathToFileURL(await compileTs(absolute, root)).href;
  else url += `?v=${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  const module = (await import(url)) as { default?: unknown };
  if (module.default === undefined) throw new Error('expected `export default defineConfig({…})`');
  return module.default;
}

/**
 * Compiles a TypeScript config (and the local files it imports) with esbuild
 * into `ROOT/.onair-cache/`, named by content hash so a changed config is
 * imported afresh; packages stay external and resolve from the site.
 */
async function compileTs(absolute: string, root: string): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [absolute],
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const cache = path.join(root, '.onair-cache');
  await fs.mkdir(cache, { recursive: true });
  const target = path.join(cache, `onair.config.${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  // A cached file is trusted only if it holds exactly this code.
  const cached = await fs.readFile(target, 'utf8').catch(() => undefined);
  if (cached !== code) {
    // Written atomically: a half-written module is never imported.
    await writeFileAtomic(target, code);
  }
  // Older compilations are no longer needed (each edit makes a new name).
  for (const name of await fs.readdir(cache)) {
    if (/^onair\.config\.[\da-f]{16}\.mjs$/.test(name) && name !== path.basename(target)) {
      await fs.rm(path.join(cache, name), { force: true });
    }
  }
  return target;
}

/** True when `file` is an existing regular file. */
export async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (stat) => stat.isFile(),
    () => false,
  );
}

/** Finds the line of a key in the config text (YAML positions, else a text search in code); keys ignore case. */
export function locateIn(file: VFile, keys: string[]): { line: number; column: number } | undefined {
  const text = String(file.value ?? '');
  const pointer = createPointer(text, 1);
  if (/\.ya?ml$/.test(file.path)) {
    const parsed = parseYaml(text, 'config');
    let node: NodePos | undefined = parsed.ok ? parsed.tree : undefined;
    for (const key of keys) {
      const lower = key.toLowerCase();
      // A list item by its index (`menus.main.0.weight`).
      node = /^\d+$/.test(key) && node?.list ? node.list[Number(key)] : [...(node?.map ?? [])].find(([name]) => name.toLowerCase() === lower)?.[1];
    }
    return node ? pointer(node.keyOffset ?? node.offset) : undefined;
  }
  const key = keys.at(-1)!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(^|[\\s{,])(["']?${key}["']?\\s*:)`, 'mi').exec(text);
  return match ? pointer(match.index + match[1]!.length) : undefined;
}
