import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Event, KObject } from '../api/types.js';
import { FakeApi } from '../kubelet/fakes.js';
import { Client } from './client.js';
import { AGGREGATE_MESSAGE_PREFIX, EVENT_MAX_DEFER_MS, EventCorrelator, EventRecorder } from './events.js';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const pod: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u1' } };
const other: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db', namespace: 'default', uid: 'u2' } };

function recorder(clock: { now: number }) {
  const api = new FakeApi();
  const rec = new EventRecorder(new Client(api), 'kubelet', 'node1', { now: () => clock.now });
  const events = () => api.list('/api/v1/namespaces/default/events') as Event[];
  return { api, rec, events };
}

describe('EventRecorder: de-duplication', () => {
  it('counts a repeated event on one Event (count, first and last timestamp)', async () => {
    const clock = { now: T0 };
    const { rec, events } = recorder(clock);
    rec.event(pod, 'Warning', 'Unhealthy', 'Liveness probe failed: boom', 'spec.containers{c}');
    clock.now += 5000;
    rec.event(pod, 'Warning', 'Unhealthy', 'Liveness probe failed: boom', 'spec.containers{c}');
    clock.now += 5000;
    rec.event(pod, 'Warning', 'Unhealthy', 'Liveness probe failed: boom', 'spec.containers{c}');
    await rec.flush();
    const [e, ...rest] = events();
    assert.equal(rest.length, 0);
    assert.equal(e!.count, 3);
    assert.equal(e!.firstTimestamp, '2024-01-01T00:00:00Z');
    assert.equal(e!.lastTimestamp, '2024-01-01T00:00:10Z');
    assert.deepEqual(e!.source, { component: 'kubelet', host: 'node1' });
    assert.equal(e!.involvedObject.fieldPath, 'spec.containers{c}');
  });

  it('keeps counting past ten minutes (the dedup cache has no window) and re-creates an Event that is gone', async () => {
    const clock = { now: T0 };
    const { api, rec, events } = recorder(clock);
    rec.event(pod, 'Normal', 'Pulled', 'already present');
    clock.now += 20 * 60_000;
    rec.event(pod, 'Normal', 'Pulled', 'already present');
    await rec.flush();
    assert.equal(events()[0]!.count, 2);
    for (const e of events()) api.objects.delete(`/api/v1/namespaces/default/events/${e.metadata!.name}`);
    rec.event(pod, 'Normal', 'Pulled', 'already present');
    await rec.flush();
    assert.equal(events().length, 1);
    assert.equal(events()[0]!.count, 3);
  });

  it('tells events apart by field path, type, reason and message', async () => {
    const clock = { now: T0 };
    const { rec, events } = recorder(clock);
    rec.event(pod, 'Normal', 'Started', 'Started container a', 'spec.containers{a}');
    rec.event(pod, 'Normal', 'Started', 'Started container a', 'spec.initContainers{a}');
    rec.event(pod, 'Warning', 'Started', 'Started container a', 'spec.containers{a}');
    rec.event(pod, 'Normal', 'Created', 'Started container a', 'spec.containers{a}');
    await rec.flush();
    assert.equal(events().length, 4);
  });
});

describe('EventRecorder: aggregation of similar events', () => {
  it('folds the 10th distinct message of a reason within 10 minutes into "(combined from similar events)"', async () => {
    const clock = { now: T0 };
    const { rec, events } = recorder(clock);
    for (let i = 1; i <= 9; i++) {
      rec.event(pod, 'Warning', 'Unhealthy', `Readiness probe failed: attempt ${i}`);
      clock.now += 1000;
    }
    await rec.flush();
    assert.equal(events().length, 9, 'nine distinct messages: nine events');
    rec.event(pod, 'Warning', 'Unhealthy', 'Readiness probe failed: attempt 10');
    clock.now += 1000;
    rec.event(pod, 'Warning', 'Unhealthy', 'Readiness probe failed: attempt 11');
    await rec.flush();
    const combined = events().filter((e) => e.message?.startsWith(AGGREGATE_MESSAGE_PREFIX));
    assert.equal(combined.length, 1, 'later similar events go to one aggregate event');
    assert.equal(combined[0]!.message, `${AGGREGATE_MESSAGE_PREFIX}Readiness probe failed: attempt 11`);
    assert.equal(combined[0]!.count, 2);
    assert.equal(events().length, 10);
  });

  it('starts over once similar events stop for longer than the interval', () => {
    const clock = { now: T0 };
    const c = new EventCorrelator({ now: () => clock.now });
    const ev = (message: string): Event => ({ metadata: { name: `x.${message}`, namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: 'u1' }, type: 'Warning', reason: 'Unhealthy', message, source: { component: 'kubelet' } });
    for (let i = 0; i < 9; i++) c.correlate(ev(`m${i}`));
    clock.now += 11 * 60_000;
    const r = c.correlate(ev('m9'));
    assert.equal(r.event.message, 'm9', 'the 10th message after a quiet interval is not aggregated');
    assert.equal(c.correlate(ev('m1')).event.message, 'm1');
  });
});

describe('EventRecorder: spam filter', () => {
  it('lets a source burst 25 events about an object, then one per 5 minutes', async () => {
    const clock = { now: T0 };
    const { rec, events } = recorder(clock);
    for (let i = 0; i < 30; i++) rec.event(pod, 'Normal', 'Pulled', 'already present');
    await rec.flush();
    assert.equal(events()[0]!.count, 25, 'the 26th and later are dropped');
    rec.event(other, 'Normal', 'Pulled', 'already present');
    await rec.flush();
    assert.equal(events().find((e) => e.involvedObject.name === 'db')?.count, 1, 'another object has its own bucket');
    clock.now += 299_000;
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await rec.flush();
    assert.equal(events().filter((e) => e.reason === 'BackOff').length, 0, 'the bucket is per object, whatever the reason');
    clock.now += 2_000;
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await rec.flush();
    assert.equal(events().filter((e) => e.reason === 'BackOff').length, 1, 'a token comes back after 5 minutes');
  });
});

describe('EventRecorder: write rate (the kubelet eventRecordQPS / eventBurst)', () => {
  it('writes a burst at once, then at the rate', async () => {
    const api = new FakeApi();
    const rec = new EventRecorder(new Client(api), 'kubelet', 'node1', { writeLimit: { qps: 100, burst: 3 }, gate: () => Promise.resolve() });
    const events = () => api.list('/api/v1/namespaces/default/events') as Event[];
    const t0 = Date.now();
    // Distinct objects, so that the per-object spam filter keeps out of the way.
    for (let i = 0; i < 5; i++) rec.event({ ...pod, metadata: { ...pod.metadata, name: `p${i}`, uid: `u${i}` } }, 'Normal', 'Started', 'Started container c');
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(events().length, 3, 'the burst is written at once');
    await rec.flush();
    assert.equal(events().length, 5);
    // Two more tokens at 100/s: at least ~20 ms for the last two.
    assert.ok(Date.now() - t0 >= 15, `took ${Date.now() - t0} ms`);
  });

  it('drops events beyond upstream maxQueuedEvents (1000) waiting to be written', async () => {
    const api = new FakeApi();
    const rec = new EventRecorder(new Client(api), 'kubelet', 'node1', { writeLimit: { qps: 1000, burst: 1 } });
    for (let i = 0; i < 1010; i++) rec.event({ ...pod, metadata: { ...pod.metadata, name: `p${i}`, uid: `u${i}` } }, 'Normal', 'Started', 'Started container c');
    await rec.flush();
    assert.equal((api.list('/api/v1/namespaces/default/events') as Event[]).length, 1000);
  });
});

describe('EventRecorder: writes wait for an idle loop', () => {
  it('holds each write at the gate, due EVENT_MAX_DEFER_MS after the event was recorded', async () => {
    const api = new FakeApi();
    const dues: number[] = [];
    let open!: () => void;
    const gate = (due: number) => {
      dues.push(due);
      return new Promise<void>((r) => (open = r));
    };
    const rec = new EventRecorder(new Client(api), 'kubelet', 'node1', { gate });
    const events = () => api.list('/api/v1/namespaces/default/events') as Event[];
    const before = performance.now();
    rec.event(pod, 'Normal', 'Pulled', 'Container image "busybox" already present on machine');
    rec.event(pod, 'Normal', 'Created', 'Created container: c');
    const after = performance.now();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(events().length, 0, 'nothing written while the gate is shut');
    assert.equal(dues.length, 1, 'one write at a time waits at the gate');
    assert.ok(dues[0]! >= before + EVENT_MAX_DEFER_MS && dues[0]! <= after + EVENT_MAX_DEFER_MS);
    open();
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(events().map((e) => e.reason), ['Pulled']);
    assert.equal(dues.length, 2);
    open();
    await rec.flush();
    assert.deepEqual(events().map((e) => e.reason), ['Pulled', 'Created']);
  });

  it('writes right away on a quiet loop (the default gate)', async () => {
    const api = new FakeApi();
    const rec = new EventRecorder(new Client(api), 'kubelet', 'node1');
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) rec.event({ ...pod, metadata: { ...pod.metadata, name: `q${i}`, uid: `q${i}` } }, 'Normal', 'Started', 'Started container c');
    await rec.flush();
    assert.equal((api.list('/api/v1/namespaces/default/events') as Event[]).length, 3);
    assert.ok(performance.now() - t0 < EVENT_MAX_DEFER_MS, 'written on quiet samples, long before they were due');
  });
});

describe('EventRecorder: names', () => {
  it('names events <object>.<hex nanoseconds>, strictly increasing in the order recorded, even within a millisecond', async () => {
    const clock = { now: T0 };
    const { rec, events } = recorder(clock);
    const reasons = Array.from({ length: 20 }, (_, i) => `Reason${i}`);
    for (const r of reasons) rec.event(pod, 'Normal', r, 'same millisecond');
    await rec.flush();
    const all = events();
    assert.equal(all.length, 20);
    for (const e of all) assert.match(e.metadata!.name!, /^web\.[0-9a-f]+$/);
    const byName = [...all].sort((a, b) => {
      const x = BigInt(`0x${a.metadata!.name!.split('.')[1]}`);
      const y = BigInt(`0x${b.metadata!.name!.split('.')[1]}`);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    assert.deepEqual(byName.map((e) => e.reason), reasons);
    const first = BigInt(`0x${byName[0]!.metadata!.name!.split('.')[1]}`);
    assert.ok(first >= BigInt(T0) * 1_000_000n && first < BigInt(T0 + 1) * 1_000_000n, 'the clock is the event time');
  });
});
