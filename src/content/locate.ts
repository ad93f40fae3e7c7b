/**
 * Maps a path in the front-matter data (`['metadata', 0, 'link']`) to a
 * line and column in the `.md` file, so messages point at the key's own line
 * (file line, front-matter offset included).
 */
import type { Point } from 'unist';

/** Where one value sits, as offsets into the front-matter text. */
export interface NodePos {
  /** Offset of the value (or of its tag/anchor). */
  offset: number;
  /** Offset of the key, when the value belongs to a mapping. */
  keyOffset?: number;
  /** Children of a mapping, by key. */
  map?: Map<string, NodePos>;
  /** Children of a sequence, by index. */
  list?: NodePos[];
}

/** A path into front-matter data: keys and list indexes. */
export type MatterPath = ReadonlyArray<string | number>;

/** Finds the file point of a path: `at: 'key'` points at the key, else at the value. */
export type Locator = (path: MatterPath, at?: 'key' | 'value') => Point;

/** Converts offsets of `value` into file points; `valueLine` is the file line of its first character. */
export function createPointer(value: string, valueLine: number): (offset: number) => Point {
  const starts = [0];
  for (let index = value.indexOf('\n'); index !== -1; index = value.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: valueLine + low, column: offset - starts[low]! + 1 };
  };
}

/**
 * Creates a locator over a position tree. A path that goes deeper than the
 * tree knows (values behind an alias, TOML inline tables) resolves to the
 * deepest known ancestor.
 */
export function createLocator(root: NodePos | undefined, pointer: (offset: number) => Point, fallback: Point): Locator {
  return (path, at = 'value') => {
    if (!root) return fallback;
    let node = root;
    let depth = 0;
    for (const segment of path) {
      const next = typeof segment === 'number' ? node.list?.[segment] : node.map?.get(segment);
      if (!next) break;
      node = next;
      depth++;
    }
    const complete = depth === path.length;
    const offset = at === 'key' || !complete ? (node.keyOffset ?? node.offset) : node.offset;
    return pointer(offset);
  };
}
