/**
 * TOML front matter (`+++`) with smol-toml. smol-toml gives no positions, so
 * a line scan finds each `key =` and `[table]` for messages; values inside
 * inline tables or multi-line arrays resolve to their key's line.
 */
import { parse, TomlError } from 'smol-toml';
import type { NodePos } from './locate.js';
import type { ParseResult } from './yaml.js';

/** Parses TOML front matter text. Never throws for bad input. */
export function parseToml(source: string): ParseResult {
  let data: unknown;
  try {
    data = parse(source);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const first = error.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
    return {
      ok: false,
      offset: offsetOf(source, error.line, error.column),
      reason: `Cannot parse TOML front matter: ${first}; check the TOML near here (strings need quotes: \`title = "…"\`)`,
      ruleId: 'toml-syntax',
    };
  }
  return { ok: true, data, tree: scan(source) };
}

/** Offset of a 1-based line and column. */
function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = source.indexOf('\n', offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(column - 1, 0), source.length);
}

// `key = value`, `"quoted key" = value`, `a.b = value`.
const pairRe = /^(\s*)((?:[\w-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[\w-]+|"[^"]*"|'[^']*'))*)\s*=\s*/;
const headerRe = /^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?/;

/** Builds a position tree by scanning lines. */
function scan(source: string): NodePos {
  const root: NodePos = { offset: 0, map: new Map() };
  let table = root;
  let offset = 0;
  let inString: string | undefined;
  for (const line of source.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (inString) {
      if (line.includes(inString)) inString = undefined;
      continue;
    }
    const header = headerRe.exec(line);
    if (header) {
      table = descend(root, splitKey(header[2]!), start, header[1] === '[[');
      continue;
    }
    const pair = pairRe.exec(line);
    if (!pair) continue;
    const keys = splitKey(pair[2]!);
    const parent = descend(table, keys.slice(0, -1), start + pair[1]!.length, false);
    parent.map!.set(keys.at(-1)!, { offset: start + pair[0].length, keyOffset: start + pair[1]!.length });
    const rest = line.slice(pair[0].length);
    const triple = /^("""|''')/.exec(rest);
    if (triple && !rest.slice(3).includes(triple[1]!)) inString = triple[1];
  }
  return root;
}

/** Walks (creating) nested maps; `list: true` appends an array-of-tables entry. */
function descend(from: NodePos, keys: string[], offset: number, list: boolean): NodePos {
  let node = from;
  keys.forEach((key, index) => {
    node.map ??= new Map();
    let next = node.map.get(key);
    if (!next) {
      next = { offset, keyOffset: offset };
      node.map.set(key, next);
    }
    if (list && index === keys.length - 1) {
      next.list ??= [];
      const entry: NodePos = { offset, map: new Map() };
      next.list.push(entry);
      next = entry;
    }
    node = next;
  });
  node.map ??= new Map();
  return node;
}

/** Splits a dotted TOML key, unquoting parts. */
function splitKey(key: string): string[] {
  const parts = key.match(/"[^"]*"|'[^']*'|[^.\s]+/g) ?? [];
  return parts.map((part) => (/^["']/.test(part) ? part.slice(1, -1) : part));
}
