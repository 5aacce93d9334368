import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProbe } from './prober.js';
import { newProbeRunner } from './runner.js';
import type { ProbeOutcome, ProbeRunner } from './types.js';

function scripted(...outcomes: ProbeOutcome[]): ProbeRunner & { calls: number } {
  return {
    needsPodIP: false,
    calls: 0,
    async run() {
      return outcomes[Math.min(this.calls++, outcomes.length - 1)];
    },
  };
}

const target = { containerId: 'c', podIP: '10.0.0.5' };

function collect() {
  const events: string[] = [];
  return { events, sink: (reason: string, message: string) => void events.push(`${reason}: ${message}`) };
}

test('runProbe: success and failure, with the Unhealthy event on failure', async () => {
  const { events, sink } = collect();
  assert.deepEqual(await runProbe('readiness', scripted({ result: 'success', output: 'fine' }), target, 1000, sink), { result: 'Success', errored: false });
  assert.deepEqual(
    await runProbe('readiness', scripted({ result: 'failure', output: 'HTTP probe failed with statuscode: 404' }), target, 1000, sink),
    { result: 'Failure', errored: false },
  );
  assert.deepEqual(events, ['Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404']);
});

test('runProbe: a warning is a success with a ProbeWarning event', async () => {
  const { events, sink } = collect();
  const r = await runProbe('liveness', scripted({ result: 'warning', output: 'Probe terminated redirects, Response body: ' }), target, 1000, sink);
  assert.deepEqual(r, { result: 'Success', errored: false });
  assert.deepEqual(events, ['ProbeWarning: Liveness probe warning: Probe terminated redirects, Response body: ']);
});

test('runProbe: errors are retried up to three times; a later success wins', async () => {
  const { events, sink } = collect();
  const flaky = scripted({ result: 'unknown', output: '', error: 'boom' }, { result: 'success', output: '' });
  assert.deepEqual(await runProbe('startup', flaky, target, 1000, sink), { result: 'Success', errored: false });
  assert.equal(flaky.calls, 2);
  assert.deepEqual(events, []);

  const broken = scripted({ result: 'failure', output: '', error: 'unexpected EOF' });
  assert.deepEqual(await runProbe('startup', broken, target, 1000, sink), { result: 'Failure', errored: true });
  assert.equal(broken.calls, 3);
  assert.deepEqual(events, ['Unhealthy: Startup probe errored and resulted in failure state: unexpected EOF']);
});

test('runProbe: unknown without an error is a silent failure', async () => {
  const { events, sink } = collect();
  assert.deepEqual(await runProbe('readiness', scripted({ result: 'unknown', output: '' }), target, 1000, sink), { result: 'Failure', errored: false });
  assert.deepEqual(events, []);
});

test('newProbeRunner: a probe without a handler errors like upstream', async () => {
  const pod = { metadata: { name: 'web', namespace: 'default', uid: 'u1' } };
  const r = newProbeRunner({ periodSeconds: 1 }, pod, { name: 'app' }, { execSync: () => Promise.reject(new Error('unused')) });
  assert.deepEqual(await r.run(target, 1000), { result: 'unknown', output: '', error: 'missing probe handler for web_default(u1):app' });
});
