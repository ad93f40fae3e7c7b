import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { test } from 'node:test';
import { HeapGuard } from '../src/util/heap.js';

test('should force a full collection once the heap grew by a step since the last one, and not before', () => {
  const guard = new HeapGuard({ stepMb: 16, share: 0 });
  guard.check();
  assert.equal(guard.collections, 0, 'nothing grew yet');
  // About 32 MB that stays live: the heap grew by more than the step.
  const kept: number[][] = [];
  for (let i = 0; i < 4000; i++) kept.push(new Array(1000).fill(i));
  guard.check();
  assert.equal(guard.collections, 1, 'collected once the heap grew by the step');
  const afterFirst = v8.getHeapStatistics().used_heap_size;
  guard.check();
  assert.equal(guard.collections, 1, 'no growth since: no collection');
  assert.ok(kept.length === 4000 && v8.getHeapStatistics().used_heap_size <= afterFirst + 1024 * 1024);
  assert.ok(guard.time > 0);
});
