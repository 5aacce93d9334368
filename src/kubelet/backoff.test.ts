import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backOffEventMessage,
  backoffKey,
  crashLoopBackOffMessage,
  formatGoDuration,
  RestartBackoff,
} from './backoff.js';

const pod = { name: 'liveness1', namespace: 'default', uid: '0b9f0b52-1c1e-4d8b-9b59-2f7a4a0f3c11' };

/** A back-off driven by a hand-moved clock. */
function fixture() {
  let now = 0;
  const b = new RestartBackoff({ now: () => now });
  return {
    b,
    at: (t: number) => {
      now = t;
    },
  };
}

describe('RestartBackoff sequence', () => {
  it('restarts the first crash at once, then waits 10s, 20s, 40s … capped at 5m', () => {
    let now = 0;
    const b = new RestartBackoff({ now: () => now });
    const key = backoffKey(pod, 'liveness');
    const waits: number[] = [];
    for (let crash = 0; crash < 9; crash++) {
      const finishedAt = now; // the container exits at the current time
      let d = b.check(key, finishedAt);
      while (!d.restart) {
        now = d.retryAt;
        d = b.check(key, finishedAt);
      }
      waits.push(now - finishedAt);
      now += 1000; // it runs for one second before crashing again
    }
    assert.deepEqual(waits, [0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it('reports the back-off in force while waiting', () => {
    const { b, at } = fixture();
    const key = backoffKey(pod, 'liveness');
    assert.deepEqual(b.check(key, 0), { restart: true, backoffMs: 10_000 });
    at(5_000);
    assert.deepEqual(b.check(key, 5_000), { restart: false, backoffMs: 10_000, retryAt: 15_000 });
    at(14_999);
    assert.equal(b.inBackoff(key, 5_000), true);
    at(15_000);
    assert.equal(b.inBackoff(key, 5_000), false);
    assert.deepEqual(b.check(key, 5_000), { restart: true, backoffMs: 20_000 });
  });

  it('next() doubles and caps without the polling', () => {
    const { b } = fixture();
    const got = Array.from({ length: 8 }, () => b.next('k', 0));
    assert.deepEqual(got, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    assert.equal(b.get('k'), 300_000);
    assert.equal(b.get('other'), 0);
  });

  it('an unknown key is never in back-off', () => {
    const { b } = fixture();
    assert.equal(b.inBackoff('nope', 0), false);
  });
});

describe('RestartBackoff resets', () => {
  it('forgets the back-off when the container ran cleanly for more than 10 minutes', () => {
    const { b, at } = fixture();
    const key = 'k';
    for (let i = 0; i < 6; i++) b.next(key, 0); // back-off is at 5m, last update at t=0
    assert.equal(b.get(key), 300_000);
    const finishedAt = 600_001; // exited just over 2 × 5m after the last restart
    at(finishedAt);
    assert.equal(b.inBackoff(key, finishedAt), false);
    assert.deepEqual(b.check(key, finishedAt), { restart: true, backoffMs: 10_000 });
  });

  it('keeps the back-off at exactly 10 minutes (upstream compares with >)', () => {
    const { b, at } = fixture();
    for (let i = 0; i < 6; i++) b.next('k', 0);
    at(600_000);
    assert.equal(b.inBackoff('k', 600_000), true);
    at(900_000);
    assert.deepEqual(b.check('k', 600_000), { restart: true, backoffMs: 300_000 });
  });

  it('measures the clean run from the last restart, not from the previous exit', () => {
    const { b, at } = fixture();
    b.next('k', 0); // exit at 0, restarted at once (lastUpdate 0), back-off 10s
    at(5_000);
    b.next('k', 5_000); // next restart at 5s → 20s
    at(605_000);
    // exit 600s after the last restart: not more than 10 min → still backing off, and doubling
    assert.equal(b.inBackoff('k', 605_000), true);
    at(605_001);
    assert.equal(b.inBackoff('k', 605_001), false, 'a later exit is past the 10 minute mark');
    assert.equal(b.next('k', 605_001), 10_000);
  });

  it('reset() forgets a key', () => {
    const { b } = fixture();
    b.next('k', 0);
    b.next('k', 0);
    b.reset('k');
    assert.equal(b.get('k'), 0);
    assert.equal(b.next('k', 0), 10_000);
  });

  it('gc() drops entries idle for more than 10 minutes', () => {
    const { b, at } = fixture();
    b.next('old', 0);
    at(500_000);
    b.next('fresh', 500_000);
    at(600_001);
    b.gc();
    assert.equal(b.get('old'), 0);
    assert.equal(b.get('fresh'), 10_000);
  });

  it('keys differ per pod uid, container and spec hash', () => {
    const { b } = fixture();
    b.next(backoffKey(pod, 'a'), 0);
    assert.equal(b.get(backoffKey(pod, 'b')), 0);
    assert.equal(b.get(backoffKey({ ...pod, uid: 'other' }, 'a')), 0);
    assert.equal(b.get(backoffKey(pod, 'a', 'h2')), 0);
    assert.equal(backoffKey(pod, 'a', 'h1'), `liveness1_default_${pod.uid}_a_h1`);
  });
});

describe('back-off messages', () => {
  const cases: [number, string][] = [
    [10_000, '10s'],
    [20_000, '20s'],
    [40_000, '40s'],
    [80_000, '1m20s'],
    [160_000, '2m40s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
    [3_723_500, '1h2m3.5s'],
    [500, '500ms'],
    [1_500, '1.5s'],
    [0, '0s'],
  ];
  for (const [ms, want] of cases) it(`formats ${ms}ms as ${want}`, () => assert.equal(formatGoDuration(ms), want));

  it('the CrashLoopBackOff waiting message', () => {
    assert.equal(
      crashLoopBackOffMessage(10_000, 'liveness', pod),
      `back-off 10s restarting failed container=liveness pod=liveness1_default(${pod.uid})`,
    );
    assert.equal(crashLoopBackOffMessage(80_000, 'web', { name: 'p', namespace: 'ns', uid: 'u' }), 'back-off 1m20s restarting failed container=web pod=p_ns(u)');
  });

  it('the BackOff event message', () => {
    assert.equal(backOffEventMessage('liveness', pod), `Back-off restarting failed container liveness in pod liveness1_default(${pod.uid})`);
  });
});
