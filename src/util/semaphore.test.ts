import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Semaphore } from './semaphore.js';

const tick = () => new Promise((r) => setImmediate(r));

test('Semaphore: hands out its permits, then passes each released one to the oldest waiter', async () => {
  const s = new Semaphore(2);
  await s.acquire(); // A
  await s.acquire(); // B
  const order: number[] = [];
  const waits = [1, 2, 3].map((n) => s.acquire().then(() => order.push(n)));
  await tick();
  assert.deepEqual(order, []);
  assert.equal(s.waiting, 3);
  s.release(); // A → 1
  s.release(); // B → 2
  await tick();
  assert.deepEqual(order, [1, 2]);
  s.release(); // 1 → 3
  await Promise.all(waits);
  assert.deepEqual(order, [1, 2, 3]);
  // 2 and 3 hold the two permits: a new caller waits until one is released.
  let served = false;
  const late = s.acquire().then(() => (served = true));
  await tick();
  assert.equal(served, false);
  s.release();
  await late;
  assert.equal(s.waiting, 0);
});

test('Semaphore: rejects a permit count below one', () => {
  assert.throws(() => new Semaphore(0), /at least one permit/);
});
