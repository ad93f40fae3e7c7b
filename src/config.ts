/**
 * The site config: `onair.config.{ts,mts,mjs,js}` (code, typed with
 * `defineConfig`) or `onair.yaml`/`onair.yml` (no code), checked, merged with
 * overrides and completed with defaults. Problems are messages on the config
 * file's VFile, at the key's line where it can be found.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { exists, locateIn, readConfigFile } from './config-file.js';
import { cjkLineBreaksByDefault } from './cjk-line-breaks.js';
import { checkConfig, isPlain } from './config-schema.js';
import { loadHugoConfig } from './hugo/config.js';
import { unsafePathReason } from './model/permalink.js';
import type { ConfigReport } from './config-schema.js';
import type { SiteConfig, UserConfig } from './types.js';

/** Config file names, in the order they are looked for. */
export const configFileNames = ['onair.config.ts', 'onair.config.mts', 'onair.config.mjs', 'onair.config.js', 'onair.yaml', 'onair.yml'];

/** Types a config written in code: `export default defineConfig({…})`. Returns it unchanged. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

/** What {@link loadConfig} found. */
export interface LoadedConfig {
  config: SiteConfig;
  /** Messages about the config (also when no file exists but overrides are wrong). */
  file?: VFile;
  /** Absolute path of the config file, when there is one. */
  path?: string;
}

/**
 * Finds and loads the config of the site at `root`, applies `overrides`
 * (from the CLI or the build API) over it, and completes it with defaults.
 * Never throws for a bad config: problems are messages on `file`.
 */
export async function loadConfig(root: string, overrides: UserConfig = {}): Promise<LoadedConfig> {
  const found: string[] = [];
  for (const name of configFileNames) {
    if (await exists(path.join(root, name))) found.push(name);
  }
  const name = found[0];
  // A Hugo site with no onair config builds from its Hugo config.
  const hugo = name ? undefined : await loadHugoConfig(root);
  const file = hugo?.file ?? new VFile({ path: name ?? 'onair.config', cwd: root });
  const point = (keys: string[]) => (name && keys.length ? locateIn(file, keys) : undefined);
  const report: ConfigReport = (reason, ruleId, keys, fatal, place) => {
    const message = file.message(reason, { place: place ?? point(keys), ruleId, source: 'onair' });
    message.fatal = fatal;
  };
  if (found.length > 1) {
    report(`Unexpected several config files (${found.map((f) => `\`${f}\``).join(', ')}), expected one; \`${name}\` is used, remove the others`, 'multiple-config-files', [], false);
  }
  let user: UserConfig = {};
  if (name) {
    const absolute = path.join(root, name);
    file.value = await fs.readFile(absolute, 'utf8');
    try {
      user = checkConfig(await readConfigFile(absolute, String(file.value), root, report), report);
    } catch (error) {
      // esbuild errors carry the place of the syntax error.
      const first = (error as { errors?: Array<{ text: string; location?: { line: number; column: number } }> }).errors?.[0];
      const reason = first ? first.text : error instanceof Error ? error.message : String(error);
      const message = file.message(`Cannot load \`${name}\`: ${reason}`, {
        place: first?.location ? { line: first.location.line, column: first.location.column + 1 } : undefined,
        ruleId: 'invalid-config',
        source: 'onair',
      });
      message.fatal = true;
    }
  }
  if (hugo) user = checkConfig(hugo.config, (reason, ruleId, _keys, fatal) => report(reason, ruleId, [], fatal));
  const unplaced: ConfigReport = (reason, ruleId, _keys, fatal) => report(reason, ruleId, [], fatal);
  // A value from the overrides has no place in the file.
  const either: ConfigReport = (reason, ruleId, keys, fatal) =>
    (keys[0] !== undefined && keys[0] in overrides ? unplaced : report)(reason, ruleId, keys, fatal);
  const config = resolve(merge(user, checkConfig(overrides, unplaced)), either);
  checkFolders(root, config, either);
  const used = name ?? (hugo ? file.path : undefined);
  return { config, ...(file.messages.length || used ? { file } : {}), ...(used ? { path: path.join(root, used) } : {}) };
}

/**
 * Completes a user config with defaults (pure: no files read, the input is
 * not mutated). Invalid values are left out so their defaults apply; messages
 * go to `file` when given, else the first error is thrown.
 */
export function resolveConfig(user: UserConfig, file?: VFile): SiteConfig {
  const target = file ?? new VFile({ path: 'onair.config' });
  const report = (reason: string, ruleId: string, keys: string[], fatal: boolean) => {
    const message = target.message(reason, { ruleId, source: 'onair' });
    message.fatal = fatal;
    if (fatal && !file) throw new TypeError(reason);
  };
  return resolve(checkConfig(user, report), report);
}

/** Folders and files at the top of the output that the site writes itself. */
const siteNames = new Set(['assets', 'pagefind', 'search', 'archive', 'page', 'index.html', 'index.xml', 'atom.xml', 'sitemap.xml', 'robots.txt', '404.html', '_redirects']);

/**
 * Taxonomies whose plural names one folder of the output (`/tags/`): a name
 * with `/`, `..`, a backslash or a control character would write elsewhere,
 * and one of the site's own names would overwrite its pages. Refused entries
 * are left out.
 */
function safeTaxonomies(taxonomies: Record<string, string>, report: ConfigReport): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [singular, plural] of Object.entries(taxonomies)) {
    const why = plural.trim() === '' ? 'an empty name' : plural.includes('/') ? 'a `/`' : siteNames.has(plural.toLowerCase()) ? 'a name the site uses for its own pages' : unsafePathReason(plural);
    if (!why) {
      result[singular] = plural;
      continue;
    }
    report(`Unexpected ${why} in \`taxonomies.${singular}\` \`${JSON.stringify(plural).slice(1, -1)}\`, expected one folder name for the taxonomy's pages, such as \`tags\``, 'invalid-config', ['taxonomies', singular], true);
  }
  return result;
}

/**
 * The output folder is replaced as a whole at the end of a build: one that is
 * the site folder or holds it, or is, holds or sits in the content, static or
 * templates folder, would replace the site's own files (or be read back as
 * content). Refused before anything is written.
 */
function checkFolders(root: string, config: SiteConfig, report: ConfigReport): void {
  const out = path.resolve(root, config.outDir);
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
  const folders: Array<[string, string, string]> = [
    ['the site folder', root, ''],
    ['`contentDir`', path.resolve(root, config.contentDir), 'contentDir'],
    ['`staticDir`', path.resolve(root, config.staticDir), 'staticDir'],
    ['`templatesDir`', path.resolve(root, config.templatesDir), 'templatesDir'],
  ];
  for (const [name, folder, key] of folders) {
    // The site folder may hold the output (`public/`); no other folder may.
    const clash = inside(folder, out) || (key !== '' && inside(out, folder));
    if (!clash) continue;
    const where = out === folder ? 'is' : inside(folder, out) ? 'holds' : 'is inside';
    report(
      `Unexpected \`${config.outDir}\` for \`outDir\`: it ${where} ${name} (\`${path.relative(root, folder) || '.'}\`), and the output folder is replaced at each build; expected a separate folder for the output`,
      'invalid-config',
      ['outDir'],
      true,
    );
    return;
  }
}

/** `over` on top of `base`; nested settings (`feeds`, `highlight`, …) merge key by key. */
function merge(base: UserConfig, over: UserConfig): UserConfig {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const before = result[key];
    result[key] = isPlain(before) && isPlain(value)  ? { ...before, ...value } : value;
  }
  return result as UserConfig;
}

/** Applies defaults to a checked config. */
function resolve(user: UserConfig, report: ConfigReport): SiteConfig {
  let baseUrl = 'http://localhost:1313/';
  if (user.baseUrl !== undefined) {
    const url = URL.canParse(user.baseUrl) ? new URL(user.baseUrl) : undefined;
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash) {
      if (!url.pathname.endsWith('/')) url.pathname += '/';
      baseUrl = url.href;
    } else {
      report(
        `Unexpected \`${user.baseUrl}\` for \`baseUrl\`, expected an absolute \`http:\` or \`https:\` URL without query or fragment, such as \`https://example.com/\``,
        'invalid-config',
        ['baseUrl'],
        true,
      );
    }
  }
  return {
    baseUrl,
    basePath: new URL(baseUrl).pathname,
    title: user.title ?? 'onair',
    description: user.description ?? '',
    // BCP 47 separates subtags with `-`: `en_US` (seen in Hugo configs) would make an invalid `lang` and break `Intl` date formats.
    language: user.language?.trim() ? user.language.trim().replaceAll('_', '-') : 'en',
    author: user.author ?? '',
    contentDir: user.contentDir ?? 'content',
    outDir: user.outDir ?? 'public',
    staticDir: user.staticDir ?? 'static',
    templatesDir: user.templatesDir ?? 'templates',
    permalinks: { ...user.permalinks },
    taxonomies: user.taxonomies ? safeTaxonomies(user.taxonomies, report) : { tag: 'tags', category: 'categories' },
    pageSize: user.pageSize ?? 10,
    summaryLength: user.summaryLength ?? 70,
    unsafe: user.unsafe ?? false,
    highlight: {
      light: user.highlight?.light ?? 'github-light',
      dark: user.highlight?.dark ?? 'github-dark',
      lineNumbers: user.highlight?.lineNumbers ?? false,
      lineStart: user.highlight?.lineStart ?? 1,
      codeFences: user.highlight?.codeFences ?? true,
    },
    typographer: user.typographer ?? true,
    definitionList: user.definitionList ?? true,
    cjkLineBreaks: user.cjkLineBreaks ?? cjkLineBreaksByDefault(user.language),
    unknownShortcodes: user.unknownShortcodes ?? 'error',
    video: { remoteThumbnails: user.video?.remoteThumbnails ?? false, ...(user.video?.defaultPlatform ? { defaultPlatform: user.video.defaultPlatform } : {}) },
    feeds: { limit: user.feeds?.limit ?? 20, fullContent: user.feeds?.fullContent ?? true },
    menus: copyData(user.menus ?? {}) as SiteConfig['menus'],
    params: copyData(user.params ?? {}) as Record<string, unknown>,
    remarkPlugins: [...(user.remarkPlugins ?? [])],
    rehypePlugins: [...(user.rehypePlugins ?? [])],
  };
}

/** Copies plain data so callers' objects are never shared or mutated; prototype keys are dropped. */
function copyData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyData);
  if (!isPlain(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key !== '__proto__' && key !== 'constructor' && key !== 'prototype') copy[key] = copyData(value[key]);
  }
  return copy;
}

