import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS } from './expectations.js';
import { slowStartBatch } from './slow-start.js';

test('slowStartBatch runs batches of 1, 2, 4, … concurrently', async () => {
  const batches: number[] = [];
  let inFlight = 0;
  let current = 0;
  const res = await slowStartBatch(10, 1, async () => {
    inFlight++;
    current++;
    await new Promise((r) => setTimeout(r, 1));
    if (inFlight === current) batches.push(current);
    inFlight--;
    if (inFlight === 0) current = 0;
  });
  assert.deepEqual(res, { successes: 10 });
  assert.deepEqual(batches, [1, 2, 4, 3]);
});

test('slowStartBatch stops after the first batch with a failure', async () => {
  let calls = 0;
  const res = await slowStartBatch(100, 1, async () => {
    calls++;
    if (calls === 5) throw new Error('quota');
  });
  // Batches 1 and 2 succeed (3 calls); the batch of 4 has one failure; nothing more is tried.
  assert.equal(calls, 7);
  assert.equal(res.successes, 6);
  assert.equal((res.error as Error).message, 'quota');
});

test('expectations: creations and deletions must be observed before the next sync', () => {
  let now = 0;
  const e = new ControllerExpectations(() => now);
  assert.equal(e.satisfied('ns/rs'), true);
  e.expectCreations('ns/rs', 2);
  assert.equal(e.satisfied('ns/rs'), false);
  e.creationObserved('ns/rs');
  assert.equal(e.satisfied('ns/rs'), false);
  e.creationObserved('ns/rs');
  assert.equal(e.satisfied('ns/rs'), true);

  e.expectDeletions('ns/rs', ['ns/a', 'ns/b']);
  e.deletionObserved('ns/rs', 'ns/a');
  e.deletionObserved('ns/rs', 'ns/a'); // seen twice (deletionTimestamp, then DELETE): counted once
  e.deletionObserved('ns/rs', 'ns/other'); // not one we deleted
  assert.deepEqual(e.pending('ns/rs'), { add: 0, del: 1 });
  assert.equal(e.satisfied('ns/rs'), false);
  now += EXPECTATIONS_TIMEOUT_MS + 1;
  assert.equal(e.satisfied('ns/rs'), true, 'expired expectations let the sync go ahead');
  e.delete('ns/rs');
  assert.equal(e.pending('ns/rs'), undefined);
});
