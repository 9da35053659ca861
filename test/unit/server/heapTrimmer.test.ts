import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { HeapTrimmer } from '../../../src/server/heapTrimmer';

const tick = () => new Promise((r) => setImmediate(r));

test('HeapTrimmer collects between jobs once the heap grew past the slack, not before', async () => {
  const trimmer = new HeapTrimmer(8);
  assert.ok(trimmer.available, 'gc() can be exposed at run time');
  trimmer.afterJob();
  await tick();
  assert.equal(trimmer.collections, 0, 'no growth, no collection');
  // Objects a job made (~30 MB on the JS heap), garbage once its result is posted.
  const held: { job?: { i: number; s: string }[] } = { job: Array.from({ length: 400_000 }, (_, i) => ({ i, s: `t${i}` })) };
  trimmer.afterJob(); // measured while the job's objects are still reachable
  delete held.job;
  assert.equal(trimmer.collections, 0, 'never during the job: it runs after the result is posted');
  await tick();
  assert.equal(trimmer.collections, 1);
  trimmer.afterJob();
  await tick();
  assert.equal(trimmer.collections, 1, 'the baseline moved to the live size after the collection');
});
