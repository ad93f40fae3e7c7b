/**
 * Finding and reading a Hugo site's config: `hugo.{toml,yaml,yml,json}` or
 * `config.{toml,yaml,yml,json}` at the root, merged over
 * `config/_default/*` (and `config/production/*`, Hugo's environment for a
 * build). Each file in the folder is a root key named by its base name
 * (`params.toml` → `params`), except `hugo.*`/`config.*` which hold the root.
 * Keys are lower-cased, as Hugo does. Data only: nothing is executed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseYaml } from '../content/yaml.js';
import { ignoredKeys, unsupportedKeys } from './keys.js';

/** Root file names, in the order Hugo looks for them. */
export const hugoConfigNames = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'];

const extensions = ['.toml', '.yaml', '.yml', '.json'];

/** A config file that could not be parsed. */
export interface HugoReadProblem {
  /** Path relative to the site root. */
  file: string;
  reason: string;
  line?: number;
}

/** What {@link readHugoConfig} found. */
export interface HugoConfigFiles {
  /** Merged settings with lower-cased keys (plain data). */
  data: Record<string, unknown>;
  /** Files read, relative to the root, in merge order (the main file last). */
  files: string[];
  /** Text of the main file (for placing messages), and its path. */
  main?: { file: string; text: string };
  problems: HugoReadProblem[];
}

/** Reads the Hugo config of the site at `root`; `undefined` when it has none. */
export async function readHugoConfig(root: string): Promise<HugoConfigFiles | undefined> {
  const result: HugoConfigFiles = { data: {}, files: [], problems: [] };
  for (const env of ['_default', 'production']) {
    const dir = path.join(root, 'config', env);
    const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => extensions.includes(path.extname(n))).sort();
    for (const name of names) {
      const relative = `config/${env}/${name}`;
      const parsed = await readOne(root, relative, result.problems);
      if (parsed === undefined) continue;
      const base = path.basename(name, path.extname(name)).toLowerCase();
      // `menus.en.toml`: the language part is dropped (only one language is built).
      const key = base.split('.')[0]!;
      mergeInto(result.data, key === 'hugo' || key === 'config' ? parsed : { [key]: parsed });
      result.files.push(relative);
    }
  }
  for (const name of hugoConfigNames) {
    const parsed = await readOne(root, name, result.problems);
    if (parsed === undefined) continue;
    // `config.json` is a common name: only a file with Hugo settings is Hugo's.
    if (name.startsWith('config.') && !Object.keys(parsed).some((key) => ignoredKeys.has(key) || unsupportedKeys.has(key))) continue;
    mergeInto(result.data, parsed);
    result.files.push(name);
    result.main = { file: name, text: await fs.readFile(path.join(root, name), 'utf8') };
    break;
  }
  if (result.files.length === 0 && result.problems.length === 0) return undefined;
  result.main ??= result.files.length > 0 ? { file: result.files[0]!, text: await fs.readFile(path.join(root, result.files[0]!), 'utf8') } : undefined;
  return result;
}

/** Parses one file into lower-cased plain data; `undefined` when missing or broken (broken → a problem). */
async function readOne(root: string, relative: string, problems: HugoReadProblem[]): Promise<Record<string, unknown> | undefined> {
  const text = await fs.readFile(path.join(root, relative), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    if (relative.endsWith('.toml')) data = parseToml(text);
    else if (relative.endsWith('.json')) data = JSON.parse(text);
    else {
      const parsed = parseYaml(text, 'config');
      if (!parsed.ok) {
        problems.push({ file: relative, reason: parsed.reason, line: text.slice(0, parsed.offset).split('\n').length });
        return undefined;
      }
      data = parsed.data ?? {};
    }
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    const first = (error as Error).message.split('\n')[0];
    problems.push({ file: relative, reason: `Cannot parse \`${relative}\`: ${first}; fix the syntax`, line });
    return undefined;
  }
  if (!isRecord(data)) {
    problems.push({ file: relative, reason: `Unexpected ${Array.isArray(data) ? 'list' : typeof data} in \`${relative}\`, expected a mapping of settings` });
    return undefined;
  }
  return lowerKeys(data) as Record<string, unknown>;
}

/** True for a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A copy with every mapping key lower-cased (Hugo's keys ignore case); prototype keys dropped. */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    copy[key.toLowerCase()] = lowerKeys(item);
  }
  return copy;
}

/** Deep-merges `over` into `base` (mappings key by key, everything else replaced). */
function mergeInto(base: Record<string, unknown>, over: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(over)) {
    const before = base[key];
    if (isRecord(before) && isRecord(value)) mergeInto(before, value);
    else base[key] = value;
  }
}
