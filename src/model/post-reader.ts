/**
 * Reads each post's front matter for a build. In a long-lived process
 * (`onair dev`) the result is remembered by the file's identity (size, mtime,
 * inode) and the config, so a rebuild reads and parses only the files that
 * changed; every build gets its own VFile and a fresh copy of the metadata
 * (builds add to it). The digest of the text keys the post's render.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { VFile } from 'vfile';
import { readContentFile, type ContentEntry } from '../content/load.js';
import { restoreMessages, toPlain, type PlainMessage } from '../render/task.js';
import type { PostMeta, SiteConfig } from '../types.js';
import { readPostMeta } from './post.js';
import { loadMap, saveMap } from '../util/map-file.js';

/** A post's front matter as read for one build. */
export interface ReadPost {
  file: VFile;
  meta?: PostMeta;
  /** SHA-256 of the (normalised) text. */
  digest: string;
  /** SHA-256 of the metadata as read (before a build adds `resources`): part of the post's render key. */
  metaKey: string;
}

interface Remembered {
  stamp: string;
  path: string;
  messages: PlainMessage[];
  meta?: PostMeta;
  digest: string;
  metaKey: string;
}

/** Reads front matter, remembering results across builds. */
export class PostReader {
  readonly #memo: Map<string, Remembered>;
  /** Whether the memo changed since it was loaded or saved (`save` writes only then). */
  #dirty: boolean;
  /**
   * Files remembered from what another process saved (`load`) that this one
   * has not read or stat'ed yet: those are never trusted unchanged on a
   * caller's word (an edit made between two `onair dev` sessions, say).
   * Empty once every post was read once.
   */
  #unseen: Set<string> | undefined;

  constructor(memo?: Map<string, Remembered>) {
    this.#memo = memo ?? new Map();
    this.#dirty = memo === undefined;
  }

  /**
   * A reader that remembers what an earlier process saved in `file` (the
   * build cache): a rebuild then stats the posts instead of parsing them.
   * A file that does not deserialize (corrupt, another Node) is ignored.
   */
  static async load(file: string): Promise<PostReader> {
    // Missing or unreadable: start empty.
    const memo = await loadMap(file);
    if (memo && [...memo.values()].every((value) => typeof (value as Remembered)?.stamp === 'string' && typeof (value as Remembered).digest === 'string' && typeof (value as Remembered).metaKey === 'string')) {
      const reader = new PostReader(memo as Map<string, Remembered>);
      reader.#unseen = new Set(memo.keys() as Iterable<string>);
      return reader;
    }
    return new PostReader();
  }

  /** Saves what this reader remembers into `file`, atomically. */
  async save(file: string): Promise<void> {
    if (!this.#dirty) return;
    await saveMap(file, this.#memo);
    this.#dirty = false;
  }

  /**
   * Reads `entry` (relative to `root`) under `config`; `configKey` names the
   * config. `unchanged`: the caller knows the file did not change since it
   * was last read (a watcher), so not even a stat is needed.
   */
  async read(entry: ContentEntry, root: string, config: SiteConfig, configKey: string, unchanged = false): Promise<ReadPost> {
    const known = this.#memo.get(entry.absolute);
    const trusted = unchanged && !this.#unseen?.has(entry.absolute) && known?.stamp.startsWith(`${configKey}\0`) ? known.stamp : undefined;
    const stats = trusted ? undefined : await fs.stat(entry.absolute).catch(() => undefined);
    this.#unseen?.delete(entry.absolute);
    const stamp = trusted ?? (stats ? `${configKey}\0${stats.size}\0${stats.mtimeMs}\0${stats.ino}` : undefined);
    if (known && stamp && known.stamp === stamp) {
      const file = new VFile({ path: known.path, cwd: root });
      restoreMessages(file, known.messages);
      // Builds only add `resources`; the rest is shared with the memo, read-only.
      const meta = known.meta && { ...known.meta, resources: [...known.meta.resources] };
      return { file, meta, digest: known.digest, metaKey: known.metaKey };
    }
    const file = await readContentFile(entry, root);
    const digest = createHash('sha256').update(String(file.value)).digest('hex');
    const read = readPostMeta(file, entry.contentPath, config);
    // A copy: strings parsed out of the text are slices that would keep every post's whole text in memory.
    const meta = read && structuredClone(read);
    // The parsed front matter is not needed past this point (a render is given `meta`); kept, it would be a third copy.
    delete file.data.matter;
    delete file.data.rawMatter;
    const metaKey = meta ? createHash('sha256').update(JSON.stringify(meta)).digest('hex') : '';
    if (stamp) this.#memo.set(entry.absolute, { stamp, path: file.path, messages: file.messages.map(toPlain), meta, digest, metaKey });
    else this.#memo.delete(entry.absolute);
    this.#dirty = true;
    // Builds only add `resources`; the rest is shared with the memo, read-only.
    return { file, meta: meta && { ...meta, resources: [...meta.resources] }, digest, metaKey };
  }

  /**
   * Lets go of everything remembered (a copy of every post's metadata and
   * messages), for a reader of one build whose memo is not saved: it need
   * not be held while the posts render. Not to be used afterwards.
   */
  release(): void {
    this.#memo.clear();
    this.#unseen = undefined;
    this.#dirty = false;
  }

  /** Forgets files that are gone (call with the paths of this build). */
  retain(paths: ReadonlySet<string>): void {
    for (const key of this.#memo.keys()) {
      if (paths.has(key)) continue;
      this.#memo.delete(key);
      this.#unseen?.delete(key);
      this.#dirty = true;
    }
  }
}
