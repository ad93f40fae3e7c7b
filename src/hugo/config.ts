/**
 * A Hugo site's config as an onair `UserConfig`: the settings onair shares
 * with Hugo are mapped, the ones it will not reproduce are reported (rule
 * `hugo-unsupported`, a warning) so a writer knows before switching.
 */
import path from 'node:path';
import { VFile } from 'vfile';
import type { MenuEntryConfig, UserConfig } from '../types.js';
import { isRecord, readHugoConfig } from './read.js';
import { highlightTheme } from './styles.js';
import { ignoredKeys, unsupportedKeys } from './keys.js';

/** What {@link loadHugoConfig} gives back. */
export interface HugoConfig {
  /** The mapped settings (for `checkConfig`). */
  config: UserConfig;
  /** Messages about the Hugo config, on its main file. */
  file: VFile;
  /** Config files read, relative to the root. */
  files: string[];
}

/**
 * Reads the Hugo config of the site at `root` (`hugo.toml`, `config.yaml`,
 * `config/_default/`…). `undefined` when the site has none.
 */
export async function loadHugoConfig(root: string): Promise<HugoConfig | undefined> {
  const found = await readHugoConfig(root);
  if (!found) return undefined;
  const main = found.main?.file ?? found.problems[0]?.file ?? 'hugo.toml';
  const file = new VFile({ path: main, cwd: root, value: found.main?.text ?? '' });
  for (const problem of found.problems) {
    const message = file.message(problem.reason, { place: problem.file === main && problem.line ? { line: problem.line, column: 1 } : undefined, ruleId: 'invalid-config', source: 'onair' });
    message.fatal = true;
  }
  const report = (key: string, reason: string) => {
    file.message(reason, { place: locate(found.main?.text, key), ruleId: 'hugo-unsupported', source: 'onair' });
  };
  return { config: mapHugoConfig(found.data, report), file, files: found.files.map((f) => f.split(path.sep).join('/')) };
}

/**
 * Maps Hugo settings (keys lower-cased) to onair's. `report(key, reason)` is
 * called for each setting onair does not reproduce. Pure.
 */
export function mapHugoConfig(data: Record<string, unknown>, report: (key: string, reason: string) => void): UserConfig {
  const config: UserConfig = {};
  const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const set = <K extends keyof UserConfig>(key: K, value: UserConfig[K] | undefined) => {
    if (value !== undefined) config[key] = value;
  };
  set('baseUrl', str(data.baseurl));
  set('title', str(data.title));
  set('language', str(data.languagecode) ?? str(data.defaultcontentlanguage));
  set('contentDir', str(data.contentdir));
  set('outDir', str(data.publishdir));
  set('staticDir', str(data.staticdir));
  if (Array.isArray(data.staticdir)) report('staticDir', 'Unexpected several `staticDir` folders, expected one: onair copies only `static/`; merge them');
  const params = isRecord(data.params) ? { ...data.params } : {};
  set('description', str(params.description) ?? str(data.description));
  set('author', str(params.author) ?? (isRecord(data.author) ? str(data.author.name) : str(data.author)));
  if (isRecord(data.permalinks)) {
    // Hugo 0.120+ nests patterns by kind (`page`, `section`…); pages are what onair maps.
    const flat = isRecord(data.permalinks.page) ? data.permalinks.page : data.permalinks;
    set('permalinks', Object.fromEntries(Object.entries(flat).filter(([, v]) => typeof v === 'string')) as Record<string, string>);
    if (isRecord(data.permalinks.section) || isRecord(data.permalinks.term) || isRecord(data.permalinks.taxonomy)) {
      report('permalinks', 'Unexpected `permalinks` for sections or taxonomies, expected patterns for pages only: onair keeps list pages at their folder URLs');
    }
  }
  if (isRecord(data.taxonomies)) set('taxonomies', Object.fromEntries(Object.entries(data.taxonomies).filter(([, v]) => typeof v === 'string')) as Record<string, string>);
  const pagination = isRecord(data.pagination) ? data.pagination : {};
  const pageSize = pagination.pagersize ?? data.paginate;
  if (typeof pageSize === 'number') set('pageSize', pageSize);
  const pagePath = str(pagination.path) ?? str(data.paginatepath);
  if (pagePath !== undefined && pagePath !== 'page') report('paginatePath', `Unexpected pagination path \`${pagePath}\`, expected \`page\`: onair writes list pages at \`/page/N/\``);
  if (typeof data.summarylength === 'number') set('summaryLength', data.summarylength);
  const markup = isRecord(data.markup) ? data.markup : {};
  const goldmark = isRecord(markup.goldmark) ? markup.goldmark : {};
  const renderer = isRecord(goldmark.renderer) ? goldmark.renderer : {};
  if (typeof renderer.unsafe === 'boolean') set('unsafe', renderer.unsafe);
  const extensions = isRecord(goldmark.extensions) ? goldmark.extensions : {};
  // Hugo 0.111 takes `typographer = false`; later versions a table with `disable = true` (and custom characters, not read).
  const typographer = isRecord(extensions.typographer) ? extensions.typographer.disable !== true : extensions.typographer;
  if (typeof typographer === 'boolean') set('typographer', typographer);
  if (typeof extensions.definitionlist === 'boolean') set('definitionList', extensions.definitionlist);
  // Hugo 0.112+: the breaks go only with both `enable` and `eastAsianLineBreaks`; a site that says either way is
  // rendered so, one that says nothing gets onair's default from its language.
  const cjk = isRecord(extensions.cjk) ? extensions.cjk : {};
  if (typeof cjk.enable === 'boolean' || typeof cjk.eastasianlinebreaks === 'boolean') set('cjkLineBreaks', cjk.enable === true && cjk.eastasianlinebreaks === true);
  if (cjk.escapedspace === true) report('markup.goldmark.extensions.cjk.escapedSpace', 'Unexpected `escapedSpace = true`, expected it off: onair shows `\\ ` as written (a backslash and a space, as CommonMark does); remove them from posts');
  const highlight = isRecord(markup.highlight) ? markup.highlight : {};
  const highlighting: NonNullable<UserConfig['highlight']> = {};
  if (typeof highlight.style === 'string') {
    const theme = highlightTheme(highlight.style);
    if (theme) Object.assign(highlighting, { light: theme, dark: theme });
    else report('markup.highlight.style', `Unexpected highlight style \`${highlight.style}\` with no Shiki twin, expected one of onair's themes: the default (\`github-light\`/\`github-dark\`) is used; set \`highlight\` in an onair config`);
  }
  if (typeof highlight.linenos === 'boolean') highlighting.lineNumbers = highlight.linenos;
  if (typeof highlight.linenostart === 'number' && Number.isInteger(highlight.linenostart) && highlight.linenostart >= 1) highlighting.lineStart = highlight.linenostart;
  if (typeof highlight.codefences === 'boolean') highlighting.codeFences = highlight.codefences;
  if (highlight.guesssyntax === true) report('markup.highlight.guessSyntax', 'Unexpected `guessSyntax = true`, expected fences to name their language: onair does not guess one; a fence without a language stays plain text');
  if (Object.keys(highlighting).length > 0) set('highlight', highlighting);
  const toc = isRecord(markup.tableofcontents) ? markup.tableofcontents : {};
  if ((toc.startlevel ?? 2) !== 2 || (toc.endlevel ?? 3) !== 3 || toc.ordered === true) {
    report('markup.tableOfContents', 'Unexpected custom `tableOfContents` levels or order, expected Hugo\'s default (2 to 3, unordered): onair\'s table of contents lists levels 2 to 4');
  }
  if (data.enableemoji === true) report('enableEmoji', 'Unexpected `enableEmoji = true`, expected emoji written as characters: onair leaves codes such as `:smile:` as they are; write 😄 itself');
  if (isRecord(data.menus) || isRecord(data.menu)) set('menus', hugoMenus((data.menus ?? data.menu) as Record<string, unknown>));
  if (Object.keys(params).length > 0) set('params', params);
  checkOutputs(data.outputs, report);
  const services = isRecord(data.services) && isRecord(data.services.rss) ? data.services.rss : {};
  const rssLimit = services.limit ?? data.rsslimit;
  if (typeof rssLimit === 'number' && rssLimit > 0) set('feeds', { limit: rssLimit });
  for (const key of Object.keys(data)) {
    if (ignoredKeys.has(key)) continue;
    const why = unsupportedKeys.get(key);
    if (why !== undefined) report(key, `Unexpected Hugo setting \`${key}\`: ${why}`);
  }
  return config;
}

/** Hugo's `[[menu.NAME]]` lists (keys lower-cased) as onair's `menus`: the fields onair uses, of the right type. */
function hugoMenus(menus: Record<string, unknown>): NonNullable<UserConfig['menus']> {
  const result: NonNullable<UserConfig['menus']> = {};
  const names = { name: 'name', url: 'url', pageref: 'pageRef', identifier: 'identifier', parent: 'parent' } as const;
  for (const [menu, entries] of Object.entries(menus)) {
    if (!Array.isArray(entries)) continue;
    result[menu] = entries.filter(isRecord).map((entry) => {
      const copy: MenuEntryConfig = {};
      for (const [key, name] of Object.entries(names)) if (typeof entry[key] === 'string') copy[name] = entry[key];
      if (typeof entry.weight === 'number' && Number.isFinite(entry.weight)) copy.weight = entry.weight;
      return copy;
    });
  }
  return result;
}

/** onair always writes HTML and RSS (plus Atom) for lists; Hugo's other formats, or RSS turned off, are reported. */
function checkOutputs(outputs: unknown, report: (key: string, reason: string) => void): void {
  if (!isRecord(outputs)) return;
  for (const [kind, formats] of Object.entries(outputs)) {
    if (!Array.isArray(formats)) continue;
    const names = formats.map((f) => String(f).toLowerCase());
    const extra = names.filter((n) => n !== 'html' && n !== 'rss');
    if (extra.length > 0) report('outputs', `Unexpected output formats ${extra.map((n) => `\`${n}\``).join(', ')} for \`${kind}\`, expected \`HTML\` and \`RSS\`: onair writes only those (and Atom)`);
    if (kind !== 'page' && !names.includes('rss')) report('outputs', `Unexpected RSS turned off for \`${kind}\`: onair writes a feed for every list; remove the feed files after the build if they must not exist`);
  }
}

/** The line of `key` in the main config text (TOML `key =`, YAML `key:`, JSON `"key":`), case-insensitive. */
function locate(text: string | undefined, key: string): { line: number; column: number } | undefined {
  if (!text) return undefined;
  const last = key.split('.').pop()!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^[ \\t]*(?:\\[+[\\w.]*\\.)?["']?${last}["']?[ \\t]*(?:[:=]|\\]+)`, 'im').exec(text);
  if (!match) return undefined;
  const line = text.slice(0, match.index).split('\n').length;
  return { line, column: match[0].length - match[0].trimStart().length + 1 };
}
