/**
 * Lets a loop start asynchronous work (file writes) without waiting for each
 * piece, with at most `limit` running at once. A loop that awaited every
 * write one after another left its thread idle for each round trip to the
 * thread pool: 4,000 posts have 5,000 list pages and feeds, and the lists
 * stage spent half its time waiting.
 */
export class InFlight {
  readonly #limit: number;
  /** The running tasks, each caught: they never reject. */
  readonly #running = new Set<Promise<void>>();
  #failure: { error: unknown } | undefined;

  constructor(limit: number) {
    if (!(limit >= 1)) throw new RangeError(`InFlight needs a limit of 1 or more, got ${limit}`);
    this.#limit = limit;
  }

  /**
   * Starts `task` and resolves once fewer than `limit` tasks are running.
   * After a task failed, rejects with its error once no task is running
   * (whoever catches it can clean up: nothing writes behind its back).
   */
  async run(task: () => Promise<unknown>): Promise<void> {
    await this.#check();
    // eslint-disable-next-line prefer-const -- assigned before the function below can end
    let running!: Promise<void>;
    running = (async () => {
      // Asynchronous from here on: `running` is in the set before it can end.
      await null;
      try {
        await task();
      } catch (error) {
        this.#failure ??= { error };
      } finally {
        this.#running.delete(running);
      }
    })();
    this.#running.add(running);
    while (this.#running.size >= this.#limit) await Promise.race(this.#running);
    await this.#check();
  }

  /** Resolves when every task started has ended; rejects with the first error. */
  async done(): Promise<void> {
    await this.#settle();
    await this.#check();
  }

  async #settle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running);
  }

  async #check(): Promise<void> {
    if (!this.#failure) return;
    await this.#settle();
    throw this.#failure.error;
  }
}
