/**
 * Keeps the build thread's heap near what is live. While it reads every
 * post's front matter and gathers every post's results, the build thread
 * makes garbage steadily and V8 lets its heap grow well past what is live
 * before a full collection: at 10,000 posts 187 MB of heap for 83-130 MB
 * live, while the render workers were at their largest too. A full
 * collection forced when the heap has grown by a step since the last one
 * keeps it near live + step (115-123 MB there, with about 10 collections of
 * 50-100 ms each; this thread mostly waits for the workers meanwhile).
 *
 * V8 has no other way to ask for this at run time: `--max-old-space-size`
 * and the heap growing factor are read when the isolate is made (or are
 * process-wide, and so slow the workers too). `gc` is the function
 * `--expose-gc` installs, taken from a fresh context as Jest's leak detector
 * does; without it (a runtime that refuses the flag) the guard does nothing.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

const MB = 1024 * 1024;

/** Options of {@link HeapGuard}. */
export interface HeapGuardOptions {
  /** Growth that triggers a collection, in MB, at least; default 32. */
  stepMb?: number;
  /** And at least this share of what was live after the last one; default 0.35. */
  share?: number;
}

/** Forces a full collection of this thread's heap when it grew by a step since the last one (see the module's comment). */
export class HeapGuard {
  /** Growth that triggers a collection, in MB, at least (may be changed between stages). */
  stepMb: number;
  /** And at least this share of what was live after the last one (may be changed between stages). */
  share: number;
  #live: number;
  /** Collections forced, and the time they took in ms. */
  collections = 0;
  time = 0;

  constructor(options: HeapGuardOptions = {}) {
    this.stepMb = options.stepMb ?? 32;
    this.share = options.share ?? 0.35;
    this.#live = v8.getHeapStatistics().used_heap_size;
  }

  /** Cheap (a heap statistics read): call it after each unit of work. */
  check(): void {
    const used = v8.getHeapStatistics().used_heap_size;
    // V8 collected on its own meanwhile: count from there.
    if (used < this.#live) this.#live = used;
    if (used < this.#live + Math.max(this.stepMb * MB, this.#live * this.share)) return;
    const gc = collector();
    if (!gc) return;
    const start = performance.now();
    gc();
    this.time += performance.now() - start;
    this.collections++;
    this.#live = v8.getHeapStatistics().used_heap_size;
  }
}
