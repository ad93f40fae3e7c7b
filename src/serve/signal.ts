/**
 * Ctrl+C / SIGTERM as a promise, listened to from the start of a command so
 * a stop during the first build still cleans up, and released afterwards so
 * the process's default signal handling comes back.
 */

/** A pending stop request. */
export interface StopSignal {
  /** Resolves on the first SIGINT or SIGTERM. */
  stopped: Promise<void>;
  /** Stops listening. */
  dispose(): void;
}

/** Starts listening for SIGINT and SIGTERM. */
export function listenForStop(): StopSignal {
  let resolve!: () => void;
  const stopped = new Promise<void>((r) => (resolve = r));
  const onSignal = () => resolve();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopped,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
