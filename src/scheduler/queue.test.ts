import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../api/types.js';
import { isPodUpdated, type QueuedPod, SchedulingQueue } from './queue.js';
import { makePod } from './testutil.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const withPrio = (name: string, priority: number): Pod => makePod(name, { priority });

function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

test('higher priority first, then first come first served', () => {
  const q = new SchedulingQueue();
  q.add(withPrio('a', 0));
  q.add(withPrio('b', 10));
  q.add(withPrio('c', 0));
  assert.deepEqual([q.take()?.key, q.take()?.key, q.take()?.key, q.take()], ['default/b', 'default/a', 'default/c', undefined]);
  q.close();
});

test('back-off doubles from 1s to at most 10s with the attempts', () => {
  const q = new SchedulingQueue();
  const qp = { attempts: 0 } as QueuedPod;
  const ds = [0, 1, 2, 3, 4, 5, 6].map((attempts) => q.backoffDuration({ ...qp, attempts }));
  assert.deepEqual(ds, [0, 1000, 2000, 4000, 8000, 10000, 10000]);
  q.close();
});

test('pop waits for a pod; close releases the waiter', async () => {
  const q = new SchedulingQueue();
  const waiting = q.pop();
  q.add(makePod('late'));
  assert.equal((await waiting)?.key, 'default/late');
  const never = q.pop();
  q.close();
  assert.equal(await never, undefined);
});

test('an unschedulable pod stays parked until a cluster event, then waits out its back-off', async () => {
  const q = new SchedulingQueue({ initialBackoffMs: 30, maxBackoffMs: 100 });
  q.add(makePod('p'));
  const qp = q.take()!;
  q.addUnschedulable(qp);
  assert.equal(q.stats().unschedulable, 1);
  await sleep(50);
  assert.equal(q.take(), undefined, 'nothing happens without an event');
  q.moveAll();
  assert.equal(q.stats().active, 1, 'back-off (30ms) already expired: straight to active');
  const again = q.take()!;
  assert.equal(again.attempts, 2);
  q.addUnschedulable(again);
  q.moveAll();
  assert.equal(q.stats().backoff, 1, 'second failure owes 60ms');
  const t0 = Date.now();
  const keepAlive = setInterval(() => {}, 1000); // the queue's own timers are unref'd
  const next = await q.pop();
  clearInterval(keepAlive);
  assert.equal(next?.key, 'default/p');
  assert.ok(Date.now() - t0 >= 40, 'released only after the back-off');
  q.close();
});

test('an event during the attempt sends the failed pod to back-off instead of parking it', () => {
  const q = new SchedulingQueue();
  q.add(makePod('p'));
  const qp = q.take()!;
  q.moveAll();
  q.addUnschedulable(qp);
  assert.deepEqual(q.stats(), { active: 0, backoff: 1, unschedulable: 0, inflight: 0, gated: 0 });
  q.close();
});

test('errors go to back-off; done forgets the pod; a deleted in-flight pod is not requeued', () => {
  const q = new SchedulingQueue();
  q.add(makePod('a'));
  q.add(makePod('b'));
  const a = q.take()!;
  const b = q.take()!;
  q.addBackoff(a);
  assert.equal(q.stats().backoff, 1);
  q.delete(b.key);
  q.addUnschedulable(b);
  assert.equal(q.has(b.key), false);
  q.add(makePod('c'));
  const c = q.take()!;
  q.done(c);
  assert.equal(q.has(c.key), false);
  q.close();
});

test('gated pods wait until their gates are removed', () => {
  const q = new SchedulingQueue();
  const gated = makePod('g', { schedulingGates: [{ name: 'example.com/wait' }] });
  q.add(gated);
  assert.equal(q.take(), undefined);
  assert.equal(q.stats().gated, 1);
  q.update(gated, makePod('g', { schedulingGates: [{ name: 'example.com/wait' }], tolerations: [] }));
  assert.equal(q.take(), undefined);
  q.update(gated, makePod('g'));
  assert.equal(q.take()?.key, 'default/g');
  q.close();
});

test('a parked pod is retried when its spec or labels change, not for status changes', () => {
  const clock = fakeClock();
  const q = new SchedulingQueue({ now: clock.now });
  const p = makePod('p');
  q.add(p);
  q.addUnschedulable(q.take()!);
  const statusOnly = { ...p, status: { conditions: [{ type: 'PodScheduled', status: 'False' }] } };
  q.update(p, statusOnly);
  assert.equal(q.stats().unschedulable, 1);
  assert.equal(q.stats().active, 0);
  clock.advance(5000);
  q.update(statusOnly, { ...statusOnly, spec: { ...p.spec!, tolerations: [{ operator: 'Exists' }] } });
  assert.equal(q.stats().active, 1);
  assert.deepEqual(q.take()?.info.pod.spec?.tolerations, [{ operator: 'Exists' }]);
  q.close();
});

test('parked pods are flushed after the maximum stay', () => {
  const clock = fakeClock();
  const q = new SchedulingQueue({ now: clock.now, maxUnschedulableMs: 60_000 });
  q.add(makePod('p'));
  q.addUnschedulable(q.take()!);
  clock.advance(30_000);
  q.flushUnschedulable();
  assert.equal(q.stats().unschedulable, 1);
  clock.advance(31_000);
  q.flushUnschedulable();
  assert.equal(q.take()?.key, 'default/p');
  q.close();
});

test('isPodUpdated ignores status and bookkeeping fields', () => {
  const p = makePod('p');
  assert.equal(isPodUpdated(p, { ...p, metadata: { ...p.metadata, resourceVersion: '9' }, status: { phase: 'Pending' } }), false);
  assert.equal(isPodUpdated(p, { ...p, metadata: { ...p.metadata, labels: { a: 'b' } } }), true);
});

test('a waiter is never woken with undefined while the queue is open (onReady took the pod)', async () => {
  // onReady drains the first new pod itself but reports that it ran out of time (returns false).
  let stolen = 0;
  const q: SchedulingQueue = new SchedulingQueue({ onReady: () => (stolen++ === 0 && q.take(), false) });
  const waiting = q.pop();
  q.add(makePod('a'));
  const second = makePod('b');
  setTimeout(() => q.add(second), 10);
  const got = await waiting;
  assert.ok(got, 'the waiter got a pod, not the "closed" signal');
  assert.equal(got.info.pod.metadata?.name, 'b');
});
