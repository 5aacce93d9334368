import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Semaphore } from '../util/semaphore.js';
import { StatusQueue } from './status-queue.js';

/** A send that records what went out and resolves when told to. */
function sender() {
  const sent: string[] = [];
  const pending: (() => void)[] = [];
  const send = (s: string) =>
    new Promise<void>((resolve) => {
      sent.push(s);
      pending.push(resolve);
    });
  /** Resolves the oldest send in flight; returns its promise's settling as a microtask chain. */
  const finishOne = () => pending.shift()!();
  return { sent, send, finishOne, inFlight: () => pending.length };
}

const microtasks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

describe('StatusQueue', () => {
  it('sends in order, one at a time, dropping superseded statuses unless kept', async () => {
    const s = sender();
    const q = new StatusQueue(s.send, (x: string) => x.startsWith('terminated'));
    q.push('pending');
    await microtasks(5);
    assert.deepEqual(s.sent, ['pending']);
    q.push('running');
    q.push('terminated 0');
    q.push('running again');
    q.push('ready');
    assert.equal(s.inFlight(), 1, 'one write at a time');
    s.finishOne();
    await microtasks(10);
    s.finishOne();
    await microtasks(10);
    s.finishOne();
    await q.flush();
    assert.deepEqual(s.sent, ['pending', 'terminated 0', 'ready']);
  });

  it('never strands a status pushed while the writer is finishing, at any point of that', async () => {
    // The writer's loop sees an empty queue a few microtasks before it is marked done; a status
    // computed in between must still go out.
    for (let hop = 0; hop < 30; hop++) {
      const s = sender();
      const q = new StatusQueue(s.send, () => false);
      q.push('first');
      await microtasks(3);
      s.finishOne();
      await microtasks(hop);
      q.push('second');
      for (let i = 0; i < 50 && s.sent.length < 2; i++) await microtasks(1);
      assert.deepEqual(s.sent, ['first', 'second'], `pushed ${hop} microtasks after the send ended`);
      s.finishOne();
      await q.flush();
    }
  });

  it('holds a shared permit while sending, so writers of different pods take turns', async () => {
    const permits = new Semaphore(1);
    const a = sender();
    const b = sender();
    const qa = new StatusQueue(a.send, () => false, permits);
    const qb = new StatusQueue(b.send, () => false, permits);
    qa.push('a1');
    qb.push('b1');
    await microtasks(10);
    assert.deepEqual([a.sent, b.sent], [['a1'], []], 'b waits for the permit');
    a.finishOne();
    await microtasks(10);
    assert.deepEqual(b.sent, ['b1']);
    b.finishOne();
    await Promise.all([qa.flush(), qb.flush()]);
    assert.equal(permits.waiting, 0);
  });

  it('flush waits for statuses pushed while it waits', async () => {
    const s = sender();
    const q = new StatusQueue(s.send, () => false);
    q.push('one');
    let flushed = false;
    const f = q.flush().then(() => (flushed = true));
    await microtasks(3);
    s.finishOne();
    q.push('two');
    await microtasks(20);
    assert.equal(flushed, false, 'the second is still in flight');
    s.finishOne();
    await f;
    assert.deepEqual(s.sent, ['one', 'two']);
  });
});

describe('StatusQueue: urgent writers', () => {
  it('a writer whose newest status is urgent takes the next shared permit before older ones', async () => {
    const permits = new Semaphore(1);
    const s = { a: sender(), b: sender(), c: sender() };
    const urgent = (x: string) => x.endsWith('Running');
    const qa = new StatusQueue(s.a.send, () => false, permits, urgent);
    const qb = new StatusQueue(s.b.send, () => false, permits, urgent);
    const qc = new StatusQueue(s.c.send, () => false, permits, urgent);
    qa.push('a ContainerCreating');
    await microtasks(5);
    qb.push('b ContainerCreating');
    qa.push('a Running');
    qc.push('c ContainerCreating');
    await microtasks(10);
    // b and c waited first, but a's next status (its container started) goes first.
    s.a.finishOne();
    await microtasks(10);
    assert.deepEqual([s.a.sent, s.b.sent, s.c.sent], [['a ContainerCreating', 'a Running'], [], []]);
    // c's status becomes urgent while it waits: it passes b (superseded ContainerCreating dropped).
    qc.push('c Running');
    s.a.finishOne();
    await microtasks(10);
    assert.deepEqual(s.c.sent, ['c Running']);
    s.c.finishOne();
    await microtasks(10);
    assert.deepEqual(s.b.sent, ['b ContainerCreating']);
    s.b.finishOne();
    await Promise.all([qa.flush(), qb.flush(), qc.flush()]);
  });
});
