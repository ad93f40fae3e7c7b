/**
 * Runs one task at a time: a push while the task runs queues exactly one
 * more run, which gets every path pushed meanwhile. Builds never overlap.
 */

/** A serial runner of a task over batches of changed paths. */
export interface SerialQueue {
  /** Adds changed paths; starts a run now, or once after the current one. */
  push(paths: readonly string[]): void;
  /** Resolves when nothing runs and nothing is queued. */
  idle(): Promise<void>;
}

/** Wraps `task` so runs never overlap. Errors thrown by `task` go to `onError`. */
export function serialQueue(
  task: (paths: string[]) => Promise<void>,
  onError: (error: unknown) => void,
): SerialQueue {
  let pending = new Set<string>();
  let running: Promise<void> | undefined;

  async function loop(): Promise<void> {
    while (pending.size > 0) {
      const paths = [...pending];
      pending = new Set();
      try {
        await task(paths);
      } catch (error) {
        onError(error);
      }
    }
    running = undefined;
  }

  return {
    push(paths) {
      for (const p of paths) pending.add(p);
      if (!running && pending.size > 0) running = loop();
    },
    async idle() {
      while (running) await running;
    },
  };
}
