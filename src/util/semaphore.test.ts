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

test('Semaphore: a released permit goes to the oldest waiter that is urgent at that moment', async () => {
  const s = new Semaphore(1);
  await s.acquire();
  const order: string[] = [];
  const flags = { b: false, c: false };
  const waits = [
    s.acquire(() => false).then(() => order.push('a')),
    s.acquire(() => flags.b).then(() => order.push('b')),
    s.acquire(() => flags.c).then(() => order.push('c')),
  ];
  // Urgency is asked at release time, not at acquire: c becomes urgent while it waits.
  flags.c = true;
  s.release();
  await tick();
  assert.deepEqual(order, ['c']);
  s.release();
  await tick();
  assert.deepEqual(order, ['c', 'a'], 'nobody urgent: the oldest');
  s.release();
  await Promise.all(waits);
  assert.deepEqual(order, ['c', 'a', 'b']);
});

test('Semaphore: a waiter passed over for maxWaitMs is served next, urgent ones or not', async () => {
  const clock = { now: 0 };
  const s = new Semaphore(1, 1000, () => clock.now);
  await s.acquire();
  const order: string[] = [];
  const waits = [s.acquire().then(() => order.push('old')), s.acquire(() => true).then(() => order.push('urgent'))];
  clock.now = 999;
  s.release();
  await tick();
  assert.deepEqual(order, ['urgent']);
  const third = s.acquire(() => true).then(() => order.push('urgent 2'));
  clock.now = 1000;
  s.release();
  await tick();
  assert.deepEqual(order, ['urgent', 'old'], 'waited its maximum: served before the urgent one');
  s.release();
  await Promise.all([...waits, third]);
  assert.deepEqual(order, ['urgent', 'old', 'urgent 2']);
});

test('Semaphore: requeue hands the permit on, to the holder itself when it is the one due', async () => {
  const s = new Semaphore(1);
  await s.acquire();
  const order: string[] = [];
  const other = s.acquire(() => false).then(() => order.push('other'));
  await s.requeue(() => true);
  order.push('holder, urgent');
  await tick();
  assert.deepEqual(order, ['holder, urgent'], 'kept: it was urgent, the other not');
  const again = s.requeue(() => false).then(() => order.push('holder'));
  await tick();
  assert.deepEqual(order, ['holder, urgent', 'other'], 'not urgent: the older waiter goes first');
  s.release();
  await Promise.all([other, again]);
  assert.deepEqual(order, ['holder, urgent', 'other', 'holder']);
  s.release();
  assert.equal(s.waiting, 0);
});
