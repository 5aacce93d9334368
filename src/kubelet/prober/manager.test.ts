import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type net from 'node:net';
import type { Container, Pod } from '../../api/types.js';
import type { ExecSyncResult } from '../runtime/types.js';
import { ProbeManager, type ProbeRun } from './manager.js';
import type { ResultUpdate } from './results.js';
import type { PodFacts } from './worker.js';

const UID = 'uid-1';
const T0 = 1_700_000_000_000;

interface RecordedEvent {
  type: string;
  reason: string;
  message: string;
  fieldPath?: string;
}

type ExecReply = Partial<ExecSyncResult> | Error;

function makePod(containers: Container[], initContainers?: Container[]): Pod {
  return { metadata: { name: 'p', namespace: 'default', uid: UID }, spec: { containers, initContainers } };
}

const ok = (stdout = ''): ExecReply => ({ exitCode: 0, stdout: Buffer.from(stdout) });
const fail = (stderr: string): ExecReply => ({ exitCode: 1, stderr: Buffer.from(stderr) });

/** A manager on mocked timers with a fake runtime and a controllable view of the pod. */
function harness(t: TestContext, opts: { random?: () => number; exec?: (argv: string[], id: string) => ExecReply } = {}) {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let now = T0;
  const facts: PodFacts = { podIP: '127.0.0.1', containers: new Map() };
  const events: RecordedEvent[] = [];
  const execCalls: string[] = [];
  const probes: ProbeRun[] = [];
  const updates: Record<'readiness' | 'liveness' | 'startup', string[]> = { readiness: [], liveness: [], startup: [] };
  const m = new ProbeManager({
    runtime: {
      execSync: async (id, argv) => {
        execCalls.push(argv.join(' '));
        const r = opts.exec ? opts.exec(argv, id) : ok();
        if (r instanceof Error) throw r;
        return { exitCode: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), timedOut: false, ...r };
      },
    },
    event: (_pod, type, reason, message, fieldPath) => events.push({ type, reason, message, fieldPath }),
    containers: (uid) => (uid.startsWith('uid-') ? facts : undefined),
    now: () => now,
    random: opts.random ?? (() => 0),
    onProbe: (run) => probes.push(run),
  });
  for (const kind of ['readiness', 'liveness', 'startup'] as const) {
    m[kind].on('update', (u: ResultUpdate) => updates[kind].push(`${u.containerId}=${u.result}`));
  }
  t.after(() => m.stop());
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    m,
    facts,
    events,
    execCalls,
    probes,
    updates,
    get now() {
      return now;
    },
    /** Starts (or restarts) a container instance now. */
    run(name: string, id: string, running = true) {
      facts.containers.set(name, { id, startedAt: now, running });
    },
    /** Moves both clocks forward in 100 ms steps, letting probes finish between steps. */
    async advance(ms: number) {
      await settle();
      if (ms === 0) {
        t.mock.timers.tick(0);
        await settle();
        return;
      }
      for (let done = 0; done < ms; done += 100) {
        const step = Math.min(100, ms - done);
        now += step;
        t.mock.timers.tick(step);
        await settle();
      }
    },
    /** Waits (in real time) for a condition that depends on real I/O. */
    async until(cond: () => boolean) {
      const deadline = Date.now() + 3000;
      while (!cond()) {
        if (Date.now() > deadline) throw new Error('condition not met in time');
        await new Promise((r) => setImmediate(r));
      }
    },
  };
}

const catHealthy = { exec: { command: ['cat', '/tmp/healthy'] } };

test('initial-delay: readiness starts false and waits initialDelaySeconds before probing', async (t) => {
  const h = harness(t);
  h.run('initial-delay', 'c1');
  h.m.addPod(makePod([{ name: 'initial-delay', image: 'centos', readinessProbe: { ...catHealthy, initialDelaySeconds: 30, periodSeconds: 5 } }]));
  await h.advance(0);
  assert.equal(h.m.readiness.get('c1'), 'Failure');
  assert.equal(h.m.isStarted(UID, 'initial-delay', 'c1'), true);
  assert.equal(h.m.isReady(UID, 'initial-delay', 'c1'), false);

  await h.advance(29_900);
  assert.deepEqual(h.execCalls, []);
  assert.equal(h.m.isReady(UID, 'initial-delay', 'c1'), false);

  await h.advance(100);
  assert.deepEqual(h.execCalls, ['cat /tmp/healthy']);
  assert.equal(h.m.isReady(UID, 'initial-delay', 'c1'), true);
  assert.deepEqual(h.updates.readiness, ['c1=Failure', 'c1=Success']);

  await h.advance(10_000);
  assert.equal(h.execCalls.length, 3, 'then every periodSeconds');
  assert.deepEqual(h.updates.readiness, ['c1=Failure', 'c1=Success'], 'no update without a change');
});

test('liveness: ready at once, restarted after failureThreshold failures, on hold until a new container', async (t) => {
  let healthy = true;
  const h = harness(t, { exec: () => (healthy ? ok() : fail('cat: /tmp/healthy: No such file or directory\n')) });
  h.run('liveness', 'c1');
  h.m.addPod(makePod([{ name: 'liveness', image: 'centos', livenessProbe: { ...catHealthy, initialDelaySeconds: 10, periodSeconds: 5 } }]));
  // No readiness probe: ready as soon as the container runs, without waiting for initialDelaySeconds.
  assert.equal(h.m.isReady(UID, 'liveness', 'c1'), true);
  await h.advance(0);
  assert.equal(h.m.liveness.get('c1'), 'Success');

  await h.advance(30_000);
  assert.equal(h.execCalls.length, 5); // 10s, 15s, 20s, 25s, 30s
  healthy = false;
  await h.advance(10_000); // 35s, 40s: below the threshold
  assert.equal(h.m.liveness.get('c1'), 'Success');
  await h.advance(5_000); // 45s: third failure
  assert.equal(h.m.liveness.get('c1'), 'Failure');
  assert.deepEqual(h.updates.liveness, ['c1=Success', 'c1=Failure']);
  const unhealthy = {
    type: 'Warning',
    reason: 'Unhealthy',
    message: 'Liveness probe failed: cat: /tmp/healthy: No such file or directory\n',
    fieldPath: 'spec.containers{liveness}',
  };
  assert.deepEqual(h.events, [unhealthy, unhealthy, unhealthy]);

  await h.advance(30_000);
  assert.equal(h.execCalls.length, 8, 'no probing while on hold');

  // The kubelet restarts the container: a new ID resets the result and resumes probing.
  healthy = true;
  h.run('liveness', 'c2');
  await h.advance(5_000);
  assert.deepEqual(h.updates.liveness, ['c1=Success', 'c1=Failure', 'c2=Success']);
  assert.equal(h.m.liveness.get('c1'), undefined);
  assert.equal(h.execCalls.length, 8, 'initialDelaySeconds counts from the new start');
  await h.advance(10_000);
  assert.equal(h.execCalls.length, 10);
});

test('readiness over HTTP: 404 events, then successThreshold consecutive successes', async (t) => {
  let healthy = false;
  const server = http.createServer((req, res) => {
    res.statusCode = healthy && req.url === '/healthz' ? 200 : 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as net.AddressInfo).port;

  const h = harness(t);
  h.run('http-probe', 'c1');
  h.m.addPod(makePod([{ name: 'http-probe', image: 'nginx', readinessProbe: { httpGet: { path: '/healthz', port }, initialDelaySeconds: 30, periodSeconds: 5, successThreshold: 2 } }]));
  await h.advance(0);
  await h.advance(30_000);
  await h.until(() => h.probes.length === 1);
  await h.advance(5_000);
  await h.until(() => h.probes.length === 2);
  const msg = 'Readiness probe failed: HTTP probe failed with statuscode: 404';
  assert.deepEqual(h.events.map((e) => e.message), [msg, msg]);
  assert.equal(h.m.isReady(UID, 'http-probe', 'c1'), false);
  await h.advance(0); // isReady poked the worker: one more probe at once
  await h.until(() => h.probes.length === 3);

  healthy = true;
  await h.advance(5_000);
  await h.until(() => h.probes.length === 4);
  assert.equal(h.m.readiness.get('c1'), 'Failure', 'one success is below successThreshold');
  await h.advance(5_000);
  await h.until(() => h.probes.length === 5);
  assert.equal(h.m.readiness.get('c1'), 'Success');
  assert.equal(h.m.isReady(UID, 'http-probe', 'c1'), true);
  assert.deepEqual(h.probes.map((p) => p.result), ['failed', 'failed', 'failed', 'successful', 'successful']);
});

test('startup probe gates liveness and readiness, then stops probing', async (t) => {
  let appStarted = false;
  const h = harness(t, { exec: (argv) => (argv[0] !== 'startup' || appStarted ? ok() : fail('not yet')) });
  h.run('app', 'c1');
  h.m.addPod(
    makePod([
      {
        name: 'app',
        startupProbe: { exec: { command: ['startup'] }, periodSeconds: 1, failureThreshold: 30 },
        readinessProbe: { exec: { command: ['ready'] }, periodSeconds: 1 },
        livenessProbe: { exec: { command: ['live'] }, periodSeconds: 1 },
      },
    ]),
  );
  await h.advance(0);
  assert.equal(h.m.startup.get('c1'), 'Unknown');
  assert.equal(h.m.liveness.get('c1'), 'Success');
  assert.equal(h.m.readiness.get('c1'), 'Failure');
  await h.advance(2_000);
  assert.deepEqual(h.execCalls, ['startup', 'startup', 'startup']);
  assert.equal(h.m.isStarted(UID, 'app', 'c1'), false);
  assert.equal(h.m.isReady(UID, 'app', 'c1'), false);

  appStarted = true;
  await h.advance(1_000);
  assert.equal(h.m.startup.get('c1'), 'Success');
  assert.equal(h.m.isStarted(UID, 'app', 'c1'), true);
  await h.advance(3_000);
  assert.equal(h.execCalls.filter((c) => c === 'startup').length, 4, 'startup probing stops after success');
  assert.ok(h.execCalls.includes('ready') && h.execCalls.includes('live'));
  assert.equal(h.m.isReady(UID, 'app', 'c1'), true);
  assert.deepEqual(h.events.map((e) => e.message), ['Startup probe failed: not yet', 'Startup probe failed: not yet', 'Startup probe failed: not yet']);
});

test('a startup failure puts the worker on hold until the container is replaced', async (t) => {
  const h = harness(t, { exec: () => fail('down') });
  h.run('app', 'c1');
  h.m.addPod(makePod([{ name: 'app', startupProbe: { exec: { command: ['check'] }, periodSeconds: 1, failureThreshold: 2 } }]));
  await h.advance(5_000);
  assert.equal(h.m.startup.get('c1'), 'Failure');
  assert.equal(h.execCalls.length, 2);
  assert.deepEqual(h.updates.startup, ['c1=Unknown', 'c1=Failure']);
  h.run('app', 'c2');
  await h.advance(1_000);
  assert.equal(h.m.startup.get('c2'), 'Unknown');
  assert.equal(h.execCalls.length, 3);
});

test('probe errors are retried three times, reported, and not counted', async (t) => {
  const h = harness(t, { exec: () => new Error('boom') });
  h.run('app', 'c1');
  h.m.addPod(
    makePod([
      {
        name: 'app',
        readinessProbe: { exec: { command: ['r'] }, periodSeconds: 1 },
        livenessProbe: { exec: { command: ['l'] }, periodSeconds: 1, failureThreshold: 1 },
      },
    ]),
  );
  await h.advance(0);
  assert.deepEqual(h.execCalls.sort(), ['l', 'l', 'l', 'r', 'r', 'r']);
  await h.advance(4_000);
  assert.equal(h.m.readiness.get('c1'), 'Failure');
  assert.equal(h.m.liveness.get('c1'), 'Success', 'errors never fail liveness');
  assert.deepEqual(h.updates.liveness, ['c1=Success']);
  assert.deepEqual(h.events.slice(0, 2), [
    { type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe errored and resulted in unknown state: boom', fieldPath: 'spec.containers{app}' },
    { type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe errored and resulted in unknown state: boom', fieldPath: 'spec.containers{app}' },
  ]);
  assert.ok(h.probes.every((p) => p.result === 'unknown'));
});

test('a container that is not running reads as failed; a new container ID resets readiness', async (t) => {
  const h = harness(t);
  h.run('app', 'c1');
  h.m.addPod(makePod([{ name: 'app', readinessProbe: { exec: { command: ['r'] }, periodSeconds: 1 }, livenessProbe: { exec: { command: ['l'] }, periodSeconds: 1 } }]));
  await h.advance(0);
  assert.equal(h.m.isReady(UID, 'app', 'c1'), true);
  h.run('app', 'c1', false);
  assert.equal(h.m.isReady(UID, 'app', 'c1'), false);
  await h.advance(1_000);
  assert.equal(h.m.readiness.get('c1'), 'Failure');
  assert.equal(h.m.liveness.get('c1'), 'Failure');
  h.run('app', 'c2');
  await h.advance(1_000);
  assert.deepEqual(h.updates.readiness, ['c1=Failure', 'c1=Success', 'c1=Failure', 'c2=Failure', 'c2=Success']);
  assert.equal(h.m.readiness.get('c1'), undefined);
});

test('removePod stops every worker and forgets results; deletion quiets liveness only', async (t) => {
  const h = harness(t);
  h.run('app', 'c1');
  const pod = makePod([{ name: 'app', readinessProbe: { exec: { command: ['r'] }, periodSeconds: 1 }, livenessProbe: { exec: { command: ['l'] }, periodSeconds: 1 } }]);
  h.m.addPod(pod);
  h.m.addPod(pod); // idempotent
  assert.equal(h.m.workerCount(), 2);
  await h.advance(1_000);

  h.m.addPod({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } });
  const before = h.execCalls.length;
  await h.advance(3_000);
  assert.equal(h.m.workerCount(), 1, 'the liveness worker exits once the pod is deleting');
  assert.equal(h.execCalls.filter((c) => c === 'l').length, h.execCalls.slice(0, before).filter((c) => c === 'l').length);
  assert.ok(h.execCalls.length > before, 'readiness keeps probing while terminating');
  h.m.addPod({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } });
  assert.equal(h.m.workerCount(), 1, 'no new liveness worker for a terminating pod');

  h.m.removePod(UID);
  assert.equal(h.m.workerCount(), 0);
  assert.equal(h.m.readiness.get('c1'), undefined);
  const calls = h.execCalls.length;
  await h.advance(5_000);
  assert.equal(h.execCalls.length, calls);
});

test('stopLivenessAndStartup leaves readiness running', async (t) => {
  const h = harness(t);
  h.run('app', 'c1');
  h.m.addPod(makePod([{ name: 'app', startupProbe: { exec: { command: ['s'] } }, readinessProbe: { exec: { command: ['r'] } }, livenessProbe: { exec: { command: ['l'] } } }]));
  assert.equal(h.m.workerCount(), 3);
  h.m.stopLivenessAndStartup(UID);
  assert.equal(h.m.workerCount(), 1);
});

test('trigger probes at once and restarts the period', async (t) => {
  const h = harness(t);
  h.run('app', 'c1');
  h.m.addPod(makePod([{ name: 'app', readinessProbe: { exec: { command: ['r'] }, periodSeconds: 10 } }]));
  await h.advance(0);
  assert.equal(h.execCalls.length, 1);
  await h.advance(4_000);
  h.m.trigger(UID, 'app');
  await h.advance(0);
  assert.equal(h.execCalls.length, 2);
  await h.advance(9_900);
  assert.equal(h.execCalls.length, 2, 'the next periodic probe is a full period after the trigger');
  await h.advance(100);
  assert.equal(h.execCalls.length, 3);
});

test('the first probe after a kubelet restart is delayed by a random part of the period', async (t) => {
  const h = harness(t, { random: () => 0.5 });
  h.run('app', 'c1');
  h.m.addPod(makePod([{ name: 'app', livenessProbe: { exec: { command: ['l'] }, periodSeconds: 10 } }]));
  await h.advance(4_900);
  assert.equal(h.execCalls.length, 0);
  await h.advance(100);
  assert.equal(h.execCalls.length, 1);

  // A pod added once the manager has run for longer than the period starts at once.
  await h.advance(10_000);
  h.run('other', 'c9');
  const pod2: Pod = { metadata: { name: 'q', namespace: 'default', uid: 'uid-2' }, spec: { containers: [{ name: 'other', livenessProbe: { exec: { command: ['l2'] }, periodSeconds: 10 } }] } };
  h.m.addPod(pod2);
  await h.advance(0);
  assert.deepEqual(h.execCalls.filter((c) => c === 'l2'), ['l2']);
});

test('restartable init containers (sidecars) are probed with their own fieldPath', async (t) => {
  const h = harness(t, { exec: () => fail('nope') });
  h.run('proxy', 's1');
  h.m.addPod(
    makePod(
      [{ name: 'app' }],
      [
        { name: 'init', readinessProbe: { exec: { command: ['never'] } } },
        { name: 'proxy', restartPolicy: 'Always', readinessProbe: { exec: { command: ['r'] }, periodSeconds: 1 } },
      ],
    ),
  );
  assert.equal(h.m.workerCount(), 1);
  await h.advance(0);
  assert.deepEqual(h.events, [{ type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: nope', fieldPath: 'spec.initContainers{proxy}' }]);
});

test('network probes wait for the pod IP', async (t) => {
  const h = harness(t);
  h.facts.podIP = undefined;
  h.run('web', 'c1');
  h.m.addPod(makePod([{ name: 'web', readinessProbe: { tcpSocket: { port: 1 }, periodSeconds: 1 } }]));
  await h.advance(3_000);
  assert.deepEqual(h.probes, []);
  assert.equal(h.m.readiness.get('c1'), 'Failure');
});
