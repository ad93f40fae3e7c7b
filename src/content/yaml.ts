/**
 * YAML front matter as data, never code: js-yaml's safe core schema, only
 * the core tags, bounded aliases, and a position for every key and value
 * (js-yaml 5 events carry source offsets; its data has none).
 */
import { constructFromEvents, getScalarValue, parseEvents, EVENT_ID, SCALAR_STYLE } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import type { NodePos } from './locate.js';

/** A front-matter parse: data plus positions, or one fatal problem. */
export type ParseResult =
  | { ok: true; data: unknown; tree: NodePos | undefined }
  | { ok: false; offset: number; reason: string; ruleId: string };

/** Most values aliases may add to a document (a "billion laughs" adds 10⁹). */
export const maxAliasValues = 10_000;
/** Deepest nesting read: the checks after parsing recurse. */
const maxDepth = 100;
/** Most alias nodes (`*name`) in one document. */
const maxAliases = 1000;
// Tags of the core schema: they only restate a plain value's type.
const safeTags = new Set(['!', '!!str', '!!int', '!!float', '!!bool', '!!null', '!!seq', '!!map']);

/** Thrown inside the walk to stop at the first problem. */
class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
    readonly ruleId: string,
  ) {}
}

/** Parses YAML front matter (or, per `what`, a config) text. Never throws for bad input. */
export function parseYaml(source: string, what = 'front matter'): ParseResult {
  let events: Event[];
  try {
    events = parseEvents(source, { maxDepth });
  } catch (error) {
    return fromException(source, error, what);
  }
  let tree: NodePos | undefined;
  try {
    tree = walk(source, events);
  } catch (error) {
    if (error instanceof Stop) return { ok: false, ...error };
    throw error;
  }
  try {
    const docs = constructFromEvents(events, { source, maxAliases });
    return { ok: true, data: docs[0] ?? null, tree };
  } catch (error) {
    return fromException(source, error, what);
  }
}

/**
 * Where each key and value of `source` sits, without building the data: for
 * JSON front matter, whose data comes from `JSON.parse`. A failure carries
 * js-yaml's own reason (on valid JSON, only nesting past the depth bound).
 */
export function yamlPositions(source: string): { ok: true; tree: NodePos | undefined } | { ok: false; offset: number; reason: string } {
  try {
    return { ok: true, tree: walk(source, parseEvents(source, { maxDepth })) };
  } catch (error) {
    const raw = error as { reason?: unknown; mark?: { position?: number } };
    if (typeof raw.reason !== 'string') throw error;
    return { ok: false, offset: Math.min(raw.mark?.position ?? 0, source.length), reason: raw.reason };
  }
}

/** Builds the position tree, rejecting unsafe tags and alias bombs on the way. */
function walk(source: string, events: Event[]): NodePos | undefined {
  const anchors = new Map<string, number>();
  let aliasValues = 0;
  let index = 1; // events[0] opens the document
  if (events.length < 2 || events[1]!.type === EVENT_ID.POP) return undefined;

  // Returns the node's position and its value count with aliases expanded.
  function node(): [NodePos, number] {
    const event = events[index++]!;
    if (event.type === EVENT_ID.ALIAS) {
      const name = source.slice(event.anchorStart, event.anchorEnd);
      const size = anchors.get(name) ?? 1;
      aliasValues += size;
      if (aliasValues > maxAliasValues) {
        throw new Stop(
          Math.max(0, event.anchorStart - 1),
          `Unexpected alias \`*${name}\` expanding past ${maxAliasValues} values, expected plain data: aliases are bounded to stop “billion laughs” attacks; write the values out instead`,
          'yaml-alias-limit',
        );
      }
      return [{ offset: Math.max(0, event.anchorStart - 1) }, size];
    }
    if (event.type !== EVENT_ID.SCALAR && event.type !== EVENT_ID.SEQUENCE && event.type !== EVENT_ID.MAPPING) {
      throw new Error(`Unexpected YAML event ${event.type}`);
    }
    // A quoted scalar's value starts after its quote; point at the quote.
    const quoted = event.type === EVENT_ID.SCALAR && (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED);
    const valueStart = event.type === EVENT_ID.SCALAR ? event.valueStart - (quoted ? 1 : 0) : event.start;
    const starts = [event.anchorStart - 1, event.tagStart, valueStart];
    const pos: NodePos = { offset: Math.min(...starts.filter((n) => n >= 0)) };
    if (event.tagStart >= 0) {
      const tag = source.slice(event.tagStart, event.tagEnd);
      if (!safeTags.has(tag)) {
        throw new Stop(
          event.tagStart,
          `Unexpected tag \`${tag}\`, expected plain data: YAML is read as data, never code; remove the tag (quote the value if it is text)`,
          'yaml-unsafe-tag',
        );
      }
    }
    let size = 1;
    if (event.type === EVENT_ID.SEQUENCE) {
      pos.list = [];
      while (events[index]!.type !== EVENT_ID.POP) {
        const [child, childSize] = node();
        pos.list.push(child);
        size += childSize;
      }
      index++;
    } else if (event.type === EVENT_ID.MAPPING) {
      pos.map = new Map();
      while (events[index]!.type !== EVENT_ID.POP) {
        const keyEvent = events[index]!;
        const [keyPos, keySize] = node();
        const [valuePos, valueSize] = node();
        valuePos.keyOffset = keyPos.offset;
        if (keyEvent.type === EVENT_ID.SCALAR) pos.map.set(getScalarValue(source, keyEvent as ScalarEvent), valuePos);
        size += keySize + valueSize;
      }
      index++;
    }
    if (event.anchorStart >= 0) anchors.set(source.slice(event.anchorStart, event.anchorEnd), size);
    return [pos, size];
  }

  return node()[0];
}

/** Turns a js-yaml exception into a problem at its offset, with a hint. */
function fromException(source: string, error: unknown, what: string): ParseResult {
  const raw = error as { reason?: unknown; mark?: { position?: number } };
  if (typeof raw.reason !== 'string') throw error;
  let offset = Math.min(raw.mark?.position ?? 0, source.length);
  const line = lineAt(source, offset);
  if (/tab/.test(raw.reason) && line.includes('\t')) offset = lineStart(source, offset) + line.indexOf('\t');
  else if (/indentation/.test(raw.reason) && !unquotedColon.test(line)) {
    // Point at the misplaced key itself, not where js-yaml gave up.
    offset = lineStart(source, offset) + /^\s*/.exec(line)![0].length;
  }
  if (/unknown .*tag/.test(raw.reason)) {
    return {
      ok: false,
      offset,
      reason: `Unexpected tag, expected plain data (${raw.reason}): YAML is read as data, never code; remove the tag`,
      ruleId: 'yaml-unsafe-tag',
    };
  }
  if (/maxAliases/.test(raw.reason)) {
    return {
      ok: false,
      offset,
      reason: `Unexpected more than ${maxAliases} aliases, expected plain data; write the values out instead`,
      ruleId: 'yaml-alias-limit',
    };
  }
  return { ok: false, offset, reason: `Cannot parse YAML ${what}: ${raw.reason}${hint(source, offset, raw.reason)}`, ruleId: 'yaml-syntax' };
}

// `key: text: more`, the value not quoted.
const unquotedColon = /^(\s*[\w-]+):\s+([^'"[{].*:\s.*)$/;

/** Offset where the line holding `offset` starts. */
function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** The line holding `offset`, without its line ending. */
function lineAt(source: string, offset: number): string {
  const end = source.indexOf('\n', offset);
  return source.slice(lineStart(source, offset), end === -1 ? undefined : end).replace(/\r$/, '');
}

/** A fix for the common mistakes: unquoted colons, tabs, ragged indentation. */
function hint(source: string, offset: number, reason: string): string {
  const start = lineStart(source, offset);
  const line = lineAt(source, offset);
  if (/tab/.test(reason)) return '; indent with spaces, not tabs';
  if (/duplicated mapping key/.test(reason)) return '; keep only one of the keys with this name';
  const colon = unquotedColon.exec(line);
  // A JSON string is a YAML double-quoted one, backslashes escaped too.
  if (colon) return `; quote a value that contains \`: \`, e.g. \`${colon[1]!.trim()}: ${JSON.stringify(colon[2]!)}\``;
  const before = source.slice(source.lastIndexOf('\n', start - 2) + 1, offset);
  const open = (before.match(/[[{]/g) ?? []).length > (before.match(/[\]}]/g) ?? []).length;
  if (open || /flow collection/.test(reason)) return '; close the `[` or `{` that the value above opened';
  if (/indentation/.test(reason)) return '; align each key with the keys above it (same number of spaces)';
  return '; check the YAML near here, and quote values that contain `:`, `#`, `[` or `{`';
}
