/**
 * A hang in synchronous code (a parser loop) blocks this thread's timers, so
 * a test time-out never fires and the run hangs without a word. The watchdog
 * runs on a thread of its own: given the input about to be processed, it
 * prints it and kills the process when the input is not done in time.
 */
import { Worker } from 'node:worker_threads';

export interface Watchdog {
  /** Starts the clock for `input` (and stops the last one). */
  start(input: string): void;
  /** Stops the clock. */
  stop(): void;
  close(): Promise<void>;
}

const code = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
let timer;
parentPort.on('message', (input) => {
  clearTimeout(timer);
  if (input === null) return;
  timer = setTimeout(() => {
    fs.writeSync(2, 'watchdog: no result after ' + workerData.limitMs + ' ms (a hang?) for the input ' + input + '\\n');
    process.kill(process.pid, 'SIGKILL');
  }, workerData.limitMs);
});
`;

/** A watchdog that kills the process after `limitMs` on one input. */
export function watchdog(limitMs: number): Watchdog {
  const worker = new Worker(code, { eval: true, workerData: { limitMs } });
  worker.unref();
  return {
    start: (input) => worker.postMessage(JSON.stringify(input)),
    stop: () => worker.postMessage(null),
    close: async () => {
      await worker.terminate();
    },
  };
}
