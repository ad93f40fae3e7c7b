/**
 * Front matter as its writer wrote it: YAML (`---`), TOML (`+++`) or JSON
 * (`{`). Fixes shown in messages use the post's own syntax, so they can be
 * pasted back into the file as they are.
 */
import { CORE_SCHEMA, dump } from 'js-yaml';

/** The syntax of a post's front matter. */
export type MatterFormat = 'yaml' | 'toml' | 'json';

/**
 * `key` set to the list `items` (strings and finite numbers), written in
 * `format`: `tags: [a]`, `tags = ["a"]`, `"tags": ["a"]`.
 */
export function formatList(format: MatterFormat, key: string, items: ReadonlyArray<string | number>): string {
  if (format === 'json') return `${JSON.stringify(key)}: [${items.map((item) => JSON.stringify(item)).join(', ')}]`;
  if (format === 'toml') {
    const value = (item: string | number) => (typeof item === 'number' ? String(item) : tomlString(item));
    return `${/^[\w-]+$/.test(key) ? key : tomlString(key)} = [${items.map(value).join(', ')}]`;
  }
  // js-yaml quotes a scalar only where a plain one would read back as something else (`'true'`, `'a, b'`); the loader's schema decides what that is.
  return dump({ [key]: items }, { flowLevel: 1, schema: CORE_SCHEMA, lineWidth: -1 }).trimEnd();
}

/** A TOML basic string: JSON's escapes are TOML's, except that TOML also escapes DEL. */
function tomlString(text: string): string {
  return JSON.stringify(text).replace(/\x7f/g, '\\u007f');
}
