/** `InFlight`: bounded concurrent work (the lists stage's writes). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { InFlight } from '../src/util/in-flight.js';

test('should run at most `limit` tasks at once and all of them by `done()`', async () => {
  const inFlight = new InFlight(3);
  let running = 0;
  let most = 0;
  const finished: number[] = [];
  for (let i = 0; i < 20; i++) {
    await inFlight.run(async () => {
      running++;
      most = Math.max(most, running);
      await sleep(i % 4);
      running--;
      finished.push(i);
    });
    assert.ok(running < 3, `run() resolved with ${running} tasks running`);
  }
  await inFlight.done();
  assert.equal(most, 3);
  assert.equal(running, 0);
  assert.deepEqual([...finished].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i));
});

test('should reject with the first error only once no task is running', async () => {
  const inFlight = new InFlight(4);
  let running = 0;
  const slow = () => async () => {
    running++;
    await sleep(20);
    running--;
  };
  await inFlight.run(slow());
  await inFlight.run(slow());
  await inFlight.run(async () => {
    throw new Error('disk full');
  });
  // The failure is known by now: the next call reports it once the slow tasks are done, without starting its own.
  await sleep(1);
  let started = false;
  await assert.rejects(
    inFlight.run(async () => {
      started = true;
    }),
    /disk full/,
  );
  assert.equal(running, 0);
  assert.equal(started, false);
  await assert.rejects(inFlight.done(), /disk full/);
});

test('should catch a task that throws before returning a promise', async () => {
  const inFlight = new InFlight(2);
  await inFlight.run(() => {
    throw new Error('at once');
  });
  await assert.rejects(inFlight.done(), /at once/);
  assert.throws(() => new InFlight(0), RangeError);
});
