/**
 * Checks a user config against the shape of `UserConfig`: unknown keys are
 * warnings naming the nearest valid key, wrong types are errors and the
 * value is dropped (its default is used). Hugo's names for the same settings
 * (`baseURL`, `languageCode`, `paginate`, `publishDir`) are understood.
 */
import type { Point } from 'unist';
import type { UserConfig } from './types.js';
import { nearest } from './util/nearest.js';

/** Reports a config problem at a key path (`feeds.limit`), or at an explicit place. */
export type ConfigReport = (reason: string, ruleId: string, path: string[], fatal: boolean, place?: Point) => void;

type Check = (value: unknown) => string | Deep | undefined;
type Shape = { [key: string]: Check | Shape };

const isString: Check = (v) => (typeof v === 'string' ? undefined : 'a string');
const isBoolean: Check = (v) => (typeof v === 'boolean' ? undefined : '`true` or `false`');
const isCount: Check = (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? undefined : 'a whole number from 1');
/** A BCP 47 language tag (`en`, `zh-CN`, `zh-Hant-TW`); `_` for `-` (`en_US`) and empty (the default) are accepted. */
const isLanguage: Check = (v) => {
  if (typeof v !== 'string') return 'a language tag such as `en`, `zh-CN` or `zh-Hant-TW`';
  if (v.trim() === '') return undefined;
  try {
    Intl.getCanonicalLocales(v.trim().replaceAll('_', '-'));
    return undefined;
  } catch {
    return 'a language tag such as `en`, `zh-CN` or `zh-Hant-TW`';
  }
};
const isList: Check = (v) => (Array.isArray(v) ? undefined : 'a list of plugins');
const isObject: Check = (v) => (isPlain(v) ? undefined : 'a mapping of names to values');
const isStringRecord: Check = (v) =>
  isPlain(v) && Object.values(v).every((item) => typeof item === 'string') ? undefined : 'a mapping of names to strings';
/** A value deep inside a setting that is wrong: where, what it is, what is expected. */
interface Deep {
  path: Array<string | number>;
  value: unknown;
  expected: string;
}

/** Hugo's menu entry fields, by type (`menus: {main: [{name, url, weight}]}`). */
const menuFields: Record<string, 'string' | 'number'> = { name: 'string', url: 'string', pageRef: 'string', weight: 'number', identifier: 'string', parent: 'string' };
const isMenus = (v: unknown): string | Deep | undefined => {
  if (!isPlain(v)) return 'a mapping of menu names to lists of entries (`{name, url, weight}`)';
  for (const [menu, entries] of Object.entries(v)) {
    if (!Array.isArray(entries)) return { path: [menu], value: entries, expected: 'a list of entries (`- name: About`)' };
    for (const [index, entry] of entries.entries()) {
      if (!isPlain(entry)) return { path: [menu, index], value: entry, expected: 'a mapping such as `{name: About, url: /about/, weight: 10}`' };
      for (const [key, value] of Object.entries(entry)) {
        const type = menuFields[key];
        if (!type) return { path: [menu, index, key], value, expected: `one of the keys ${Object.keys(menuFields).map((k) => `\`${k}\``).join(', ')}` };
        if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) return { path: [menu, index, key], value, expected: `a ${type}` };
      }
    }
  }
  return undefined;
};
const oneOf =
  (...options: string[]): Check =>
  (v) =>
    typeof v === 'string' && options.includes(v) ? undefined : options.map((o) => `\`${o}\``).join(' or ');

const shape: Shape = {
  baseUrl: isString,
  title: isString,
  description: isString,
  language: isLanguage,
  author: isString,
  contentDir: isString,
  outDir: isString,
  staticDir: isString,
  templatesDir: isString,
  permalinks: isStringRecord,
  taxonomies: isStringRecord,
  pageSize: isCount,
  summaryLength: isCount,
  unsafe: isBoolean,
  highlight: { light: isString, dark: isString, lineNumbers: isBoolean, lineStart: isCount, codeFences: isBoolean },
  typographer: isBoolean,
  definitionList: isBoolean,
  cjkLineBreaks: isBoolean,
  unknownShortcodes: oneOf('error', 'warn'),
  video: { remoteThumbnails: isBoolean, defaultPlatform: oneOf('youtube', 'bilibili', 'vimeo') },
  feeds: { limit: isCount, fullContent: isBoolean },
  menus: isMenus,
  params: isObject,
  remarkPlugins: isList,
  rehypePlugins: isList,
};

// Hugo's spellings, lower-cased, for keys onair names differently.
const hugoNames: Record<string, string> = { languagecode: 'language', paginate: 'pageSize', publishdir: 'outDir', menu: 'menus' };

/** True for a plain object (not an array, Date, class instance or null). */
export function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Returns a checked copy of `input` holding only known keys with valid
 * values, renamed to onair's spelling; every problem goes to `report`.
 */
export function checkConfig(input: unknown, report: ConfigReport): UserConfig {
  if (!isPlain(input)) {
    report(`Unexpected ${kind(input)} as config, expected a mapping of settings (\`title\`, \`baseUrl\`, …)`, 'invalid-config', [], true);
    return {};
  }
  return checkShape(input, shape, [], report) as UserConfig;
}

function checkShape(input: Record<string, unknown>, expected: Shape, path: string[], report: ConfigReport): Record<string, unknown> {
  const byLower = new Map(Object.keys(expected).map((key) => [key.toLowerCase(), key]));
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    const name = byLower.get(lower) ?? (path.length === 0 ? hugoNames[lower] : undefined);
    const at = [...path, key];
    if (name === undefined) {
      const guess = nearest(key, Object.keys(expected));
      report(
        guess
          ? `Unexpected key \`${at.join('.')}\`, did you mean \`${[...path, guess].join('.')}\`?`
          : `Unexpected key \`${at.join('.')}\`, expected one of ${Object.keys(expected).map((k) => `\`${k}\``).join(', ')}; put free values under \`params\``,
        'unknown-config-key',
        at,
        false,
      );
      continue;
    }
    const check = expected[name]!;
    if (typeof check === 'function') {
      const wanted = check(value);
      if (typeof wanted === 'string') report(`Unexpected ${kind(value)} for \`${at.join('.')}\`, expected ${wanted}`, 'invalid-config', at, true);
      else if (wanted) {
        const deep = [...at, ...wanted.path.map(String)];
        const shown = [...at, ...wanted.path].map((part, i) => (typeof part === 'number' ? `[${part}]` : i ? `.${part}` : part)).join('');
        report(`Unexpected ${kind(wanted.value)} for \`${shown}\`, expected ${wanted.expected}`, 'invalid-config', deep, true);
      } else result[name] = value;
    } else if (isPlain(value)) {
      result[name] = checkShape(value, check, at, report);
    } else {
      report(`Unexpected ${kind(value)} for \`${at.join('.')}\`, expected a mapping with ${Object.keys(check).map((k) => `\`${k}\``).join(', ')}`, 'invalid-config', at, true);
    }
  }
  return result;
}

/** Names a value for reasons. */
function kind(value: unknown): string {
  if (value === null) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'string') return `string \`${value}\``;
  return `${typeof value} \`${String(value)}\``;
}
