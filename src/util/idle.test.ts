import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IDLE_WINDOW_MS, IdleGate, eventLoopMeter } from './idle.js';

/** A meter that reports whatever the test sets, and a clock the test moves. */
function fakes(utilisation = 1) {
  const state = { utilisation, now: 1000, readings: 0 };
  const meter = {
    utilisation: () => {
      state.readings++;
      return state.utilisation;
    },
  };
  const gate = new IdleGate(meter, () => state.now);
  return { state, gate };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits on real timers until `cond` holds (the gate samples every IDLE_WINDOW_MS). */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !cond(); i++) await sleep(IDLE_WINDOW_MS);
  assert.ok(cond(), what);
}

describe('IdleGate', () => {
  it('lets a caller go at once after a quiet window, and measures a fresh window for the next one', async () => {
    const { state, gate } = fakes(0.1);
    state.now += IDLE_WINDOW_MS;
    await gate.whenIdle(state.now + 5000);
    // Right after that reading nothing is known about the loop now: the next caller waits for a sample.
    let passed = false;
    void gate.whenIdle(state.now + 5000).then(() => (passed = true));
    assert.equal(passed, false);
    assert.equal(gate.waiting, 1);
    await until(() => passed, 'released by the next quiet sample');
  });

  it('holds callers while the loop is busy and releases them all when it goes quiet', async () => {
    const { state, gate } = fakes(0.9);
    const released: number[] = [];
    for (const n of [1, 2, 3]) void gate.whenIdle(state.now + 60_000).then(() => released.push(n));
    const before = state.readings;
    await until(() => state.readings >= before + 3, 'sampled a few windows');
    assert.deepEqual(released, [], 'busy: nobody goes');
    state.utilisation = 0.2;
    await until(() => released.length === 3, 'quiet: everyone goes');
    assert.deepEqual(released, [1, 2, 3]);
    // For one window after a quiet sample, callers go without waiting.
    let fast = false;
    await gate.whenIdle(state.now + 60_000).then(() => (fast = true));
    assert.equal(fast, true);
  });

  it('releases a caller at its due time even while the loop stays busy', async () => {
    const { state, gate } = fakes(1);
    let early = false;
    let late = false;
    void gate.whenIdle(state.now + 50).then(() => (early = true));
    void gate.whenIdle(state.now + 60_000).then(() => (late = true));
    await sleep(3 * IDLE_WINDOW_MS);
    assert.equal(early, false);
    state.now += 50;
    await until(() => early, 'due: released');
    assert.equal(late, false, 'the other is not due yet');
    assert.equal(gate.waiting, 1);
    assert.equal(await Promise.race([gate.whenIdle(state.now), Promise.resolve('waits')]), undefined, 'a caller already due goes at once');
    state.utilisation = 0;
    await until(() => late, 'quiet: the rest go');
  });

  it('reads the real event loop: a blocked loop is busy, a sleeping one idle', async () => {
    const meter = eventLoopMeter();
    const spin = performance.now() + 30;
    while (performance.now() < spin);
    assert.ok(meter.utilisation() > 0.5, 'spinning is work');
    await sleep(30);
    assert.ok(meter.utilisation() < 0.5, 'waiting on a timer is idle');
  });
});
