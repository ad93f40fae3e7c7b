/**
 * Keeps one render pool alive across builds (`onair dev`): a build asks for
 * the pool of its key (the site's inputs and the workers' setup), gets the
 * running one when nothing it depends on changed, else a fresh one (the old
 * one is closed). Saves every rebuild the seconds workers take to start.
 */
import type { PostPool } from './pool.js';

/** A pool that outlives builds. */
export class PoolKeeper {
  #key: string | undefined;
  #pool: PostPool | undefined;

  /** The pool for `key`, made by `create` when there is none for it yet. */
  get(key: string, create: () => PostPool): PostPool {
    if (this.#pool && this.#key === key) return this.#pool;
    void this.#pool?.close();
    this.#key = key;
    this.#pool = create();
    return this.#pool;
  }

  /** Drops the pool (after a build that failed in it, or to restart it). */
  async reset(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    this.#key = undefined;
    await pool?.close();
  }

  async close(): Promise<void> {
    await this.reset();
  }
}
