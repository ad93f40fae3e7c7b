/**
 * Shortcode arguments: from the raw text of each argument token to values,
 * and the positional/named split (Hugo does not allow mixing them).
 */
import type { Position } from 'unist';
import type { ShortcodeArgument, ShortcodeValue } from './types.js';

/** One argument token as the tokenizer saw it. */
export interface RawArgument {
  raw: string;
  position: Position;
}

/** Arguments of one tag, split the way handlers read them. */
export interface ParsedArguments {
  positional: ShortcodeValue[];
  named: Record<string, ShortcodeValue>;
  arguments: ShortcodeArgument[];
}

const namedPattern = /^([A-Za-z0-9_][A-Za-z0-9_.-]*)=([\s\S]*)$/;

/** Remove the quotes of a value: `"…"` (with `\"` and `\\` escapes), `` `…` `` (raw), or bare. */
export function unquote(raw: string): string {
  const first = raw.charAt(0);
  if (first === '"') {
    let value = '';
    for (let index = 1; index < raw.length; index++) {
      const char = raw.charAt(index);
      const next = raw.charAt(index + 1);
      if (char === '"') break;
      if (char === '\\' && (next === '"' || next === '\\')) {
        value += next;
        index++;
      } else value += char;
    }
    return value;
  }
  if (first === '`') return raw.length > 1 && raw.endsWith('`') ? raw.slice(1, -1) : raw.slice(1);
  return raw;
}

/** Parse one argument. */
export function parseArgument(raw: RawArgument): ShortcodeArgument {
  const first = raw.raw.charAt(0);
  const match = first === '"' || first === '`' ? null : namedPattern.exec(raw.raw);
  return match
    ? { name: match[1], value: unquote(match[2]!), position: raw.position }
    : { value: unquote(raw.raw), position: raw.position };
}

/**
 * Parse all arguments of a tag. The kind of the first argument wins when
 * kinds are mixed; the rest stay in `arguments` for the error message.
 */
export function parseArguments(raws: readonly RawArgument[]): ParsedArguments {
  const list = raws.map(parseArgument);
  const positional: ShortcodeValue[] = [];
  const named: Record<string, ShortcodeValue> = Object.create(null);
  const byName = list.length > 0 && list[0]!.name !== undefined;
  for (const argument of list) {
    if (byName && argument.name !== undefined) named[argument.name] = argument.value;
    else if (!byName && argument.name === undefined) positional.push(argument.value);
  }
  return { positional, named, arguments: list };
}

/** The first argument whose kind differs from the first one, if any. */
export function firstMixed(list: readonly ShortcodeArgument[]): ShortcodeArgument | undefined {
  if (list.length === 0) return undefined;
  const byName = list[0]!.name !== undefined;
  return list.find((argument) => (argument.name !== undefined) !== byName);
}

/** Print a value so that `unquote` gives it back (bare when safe). */
export function quote(value: string): string {
  if (/^[^\s"`=\\{}]+$/.test(value) && !/[>%]\}\}/.test(value) && !/^\/[>%]/.test(value)) return value;
  if (!/[\r\n]/.test(value) || value.includes('`')) return '"' + value.replace(/["\\]/g, '\\$&') + '"';
  return '`' + value + '`';
}
