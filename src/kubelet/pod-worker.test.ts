import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { Event, Pod, PodStatus } from '../api/types.js';
import { Client } from '../client/client.js';
import { EventRecorder } from '../client/events.js';
import { logger } from '../util/log.js';
import { Semaphore } from '../util/semaphore.js';
import { RestartBackoff } from './backoff.js';
import { EnvConfigError } from './envvars.js';
import { FakeApi, FakeRuntime } from './fakes.js';
import { effectiveGracePeriod, PodWorker, READY_SETTLE_MS } from './pod-worker.js';
import { ProbeManager } from './prober/index.js';

const UID = 'uid-1';
const POD_PATH = '/api/v1/namespaces/default/pods/p';

type Spec = Pod['spec'];

/** A pod worker on a fake runtime and a fake API server holding the pod. */
function harness(t: TestContext, spec: Spec, opts: { environment?: (name: string) => [string, string][]; statusWrites?: Semaphore } = {}) {
  const rt = new FakeRuntime();
  const api = new FakeApi();
  const client = new Client(api);
  const recorder = new EventRecorder(client, 'kubelet', 'node1');
  const prober = new ProbeManager({ runtime: rt, event: () => undefined, containers: () => undefined });
  t.after(() => prober.stop());
  api.put(POD_PATH, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: UID }, spec, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] } });
  const w = new PodWorker(UID, {
    runtime: rt,
    prober,
    recorder,
    client,
    backoff: new RestartBackoff(),
    hostIP: '10.0.0.1',
    logRoot: '/nonexistent/logs',
    environment: async (_pod, c, podIP) => opts.environment?.(c.name) ?? [['POD_IP', podIP]],
    publish: () => undefined,
    log: logger('test'),
    syncErrorBackoffMs: 50,
    statusWrites: opts.statusWrites,
  });
  t.after(() => w.stop());
  rt.on('exit', () => w.kick());
  const pod = () => api.objects.get(POD_PATH) as Pod;
  /** Hands the worker the API's current object (what the informer would). */
  const sync = () => w.update(structuredClone(pod()));
  const statusWrites = () => api.calls.filter((c) => c.method === 'PATCH' && c.path === `${POD_PATH}/status`);
  // In the order they were created.
  const events = () =>
    api.calls
      .filter((c) => c.method === 'POST' && c.path.endsWith('/events'))
      .map((c) => api.objects.get(`${c.path}/${(c.body as Event).metadata!.name}`) as Event)
      .filter((e) => e !== undefined);
  const flush = () => recorder.flush();
  return { rt, api, w, pod, sync, statusWrites, events, flush, prober };
}

async function until<T>(what: string, fn: () => T | undefined | false, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const cond = (s: PodStatus | undefined, type: string) => s?.conditions?.find((c) => c.type === type);
const sleepSpec = (name: string, extra: object = {}) => ({ name, image: 'busybox', command: ['sleep', '600'], ...extra });

describe('pod worker: status', () => {
  it('writes Pending with the containers Waiting ContainerCreating before anything starts', async (t) => {
    const h = harness(t, { containers: [sleepSpec('c')] });
    h.sync();
    await until('Running', () => h.pod().status?.phase === 'Running');
    const first = h.statusWrites()[0]!.result as Pod;
    assert.equal(first.status!.phase, 'Pending');
    assert.deepEqual(first.status!.containerStatuses?.[0]?.state, { waiting: { reason: 'ContainerCreating' } });
    assert.equal(first.status!.podIP, undefined, 'no sandbox yet');
    assert.equal(cond(first.status, 'PodReadyToStartContainers')?.status, 'False');
    const cs = h.pod().status!.containerStatuses![0]!;
    assert.ok(cs.state?.running && !cs.state.waiting, 'the waiting state is replaced, not merged into');
  });

  it('while the postStart hook runs, the container is reported Waiting ContainerCreating, the pod Pending', async (t) => {
    const h = harness(t, { containers: [sleepSpec('c', { lifecycle: { postStart: { exec: { command: ['setup'] } } } })] });
    let release!: () => void;
    const hook = new Promise<object>((r) => (release = () => r({})));
    h.rt.execHandler = () => hook;
    h.sync();
    await until('the hook to run', () => h.rt.execs.length > 0);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(h.rt.latest('c')?.state, 'running', 'the process was started before the hook');
    assert.equal(h.pod().status?.phase, 'Pending');
    assert.deepEqual(h.pod().status?.containerStatuses?.[0]?.state, { waiting: { reason: 'ContainerCreating' } });
    release();
    await until('Running after the hook', () => h.pod().status?.containerStatuses?.[0]?.state?.running);
    assert.equal(h.pod().status?.phase, 'Running');
  });

  it('reports init containers and containers as PodInitializing until they run', async (t) => {
    const h = harness(t, { initContainers: [{ name: 'init', image: 'busybox', command: ['true'] }], containers: [sleepSpec('c')] });
    h.sync();
    const first = await until('a status write', () => h.statusWrites()[0]?.body as { status: PodStatus } | undefined);
    assert.deepEqual(first.status.initContainerStatuses?.[0]?.state, { waiting: { reason: 'PodInitializing' } });
    assert.deepEqual(first.status.containerStatuses?.[0]?.state, { waiting: { reason: 'PodInitializing' } });
    await until('init running', () => h.rt.latest('init')?.state === 'running');
    h.rt.exit(h.rt.latest('init')!.id, 0);
    await until('Running', () => h.pod().status?.phase === 'Running');
  });

  it('stores Ready=True without the reason and message it had while a readiness gate was not ready', async (t) => {
    const h = harness(t, { readinessGates: [{ conditionType: 'example.com/gate' }], containers: [sleepSpec('c')] });
    h.sync();
    await until('ContainersReady', () => cond(h.pod().status, 'ContainersReady')?.status === 'True');
    assert.equal(cond(h.pod().status, 'Ready')?.reason, 'ReadinessGatesNotReady');
    // Another client sets the gate condition.
    const p = h.pod();
    h.api.put(POD_PATH, { ...p, status: { ...p.status, conditions: [...p.status!.conditions!, { type: 'example.com/gate', status: 'True' }] } });
    h.sync();
    await until('Ready', () => cond(h.pod().status, 'Ready')?.status === 'True');
    const ready = cond(h.pod().status, 'Ready')!;
    assert.equal(ready.reason, undefined);
    assert.equal(ready.message, undefined);
    assert.equal(cond(h.pod().status, 'example.com/gate')?.status, 'True', 'the gate condition is kept');
  });
});

describe('pod worker: events', () => {
  it('records Pulled before a CreateContainerConfigError, as upstream pulls before building the config', async (t) => {
    const h = harness(t, { containers: [sleepSpec('c')] }, {
      environment: () => {
        throw new EnvConfigError('configmap "cm" not found');
      },
    });
    h.sync();
    await until('waiting reason', () => h.pod().status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CreateContainerConfigError');
    await h.flush();
    assert.deepEqual(h.events().map((e) => `${e.reason}: ${e.message}`), ['Pulled: Container image "busybox" already present on machine', 'Failed: Error: configmap "cm" not found']);
  });

  it('a sandbox that cannot be created: ContainerCreating, a FailedCreatePodSandBox event, a retry', async (t) => {
    const h = harness(t, { containers: [sleepSpec('c')] });
    h.rt.sandboxError = new Error('no free IP address left in podIpRange 127.0.0.0/30');
    h.sync();
    await until('the event', () => h.events().some((e) => e.reason === 'FailedCreatePodSandBox'));
    const ev = h.events().find((e) => e.reason === 'FailedCreatePodSandBox')!;
    assert.equal(ev.type, 'Warning');
    assert.equal(ev.message, 'Failed to create pod sandbox: no free IP address left in podIpRange 127.0.0.0/30');
    assert.equal(h.pod().status?.containerStatuses?.[0]?.state?.waiting?.reason, 'ContainerCreating');
    await until('a second attempt', () => (h.events().find((e) => e.reason === 'FailedCreatePodSandBox')?.count ?? 0) >= 2);
    h.rt.sandboxError = undefined;
    await until('Running after the retry', () => h.pod().status?.phase === 'Running');
  });
});

describe('pod worker: sidecars', () => {
  it('with restartPolicy Never, stops the sidecars (last first) once the main container exited; the pod Succeeds', async (t) => {
    const h = harness(t, {
      restartPolicy: 'Never',
      initContainers: [sleepSpec('side1', { restartPolicy: 'Always' }), sleepSpec('side2', { restartPolicy: 'Always' })],
      containers: [{ name: 'main', image: 'busybox', command: ['true'] }],
    });
    h.sync();
    await until('main running', () => h.rt.latest('main')?.state === 'running');
    assert.ok(h.rt.latest('side1')!.startedAt! <= h.rt.latest('side2')!.startedAt!, 'sidecars start in order');
    h.rt.exit(h.rt.latest('main')!.id, 0);
    await until('Succeeded', () => h.pod().status?.phase === 'Succeeded');
    assert.deepEqual(h.rt.stops.map((s) => s.name), ['side2', 'side1']);
    assert.equal(h.rt.latest('side1')?.state, 'exited');
    assert.equal(h.rt.latest('side1')?.attempt, 0, 'not restarted');
    await h.flush();
    assert.ok(h.events().some((e) => e.reason === 'Killing' && e.message === 'Stopping container side1'));
  });

  it('keeps a sidecar running (restarting it) while the main container runs', async (t) => {
    const h = harness(t, { initContainers: [sleepSpec('side', { restartPolicy: 'Always' })], containers: [sleepSpec('main')] });
    h.sync();
    await until('main running', () => h.rt.latest('main')?.state === 'running');
    h.rt.exit(h.rt.latest('side')!.id, 1);
    await until('sidecar restarted', () => h.rt.latest('side')?.attempt === 1 && h.rt.latest('side')?.state === 'running');
    assert.equal(h.rt.latest('main')?.attempt, 0);
  });
});

describe('pod worker: status writes waiting for a permit', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const written = (h: ReturnType<typeof harness>) => h.statusWrites().map((c) => (c.result as Pod).status!);

  it('drops a status superseded before it was sent: only the latest reaches the API', async (t) => {
    const permits = new Semaphore(1);
    await permits.acquire(); // another pod's write holds the only permit
    const h = harness(t, { containers: [sleepSpec('c')] }, { statusWrites: permits });
    h.sync();
    await until('running', () => h.rt.latest('c')?.state === 'running');
    await sleep(READY_SETTLE_MS + 150); // Pending, then Running, then Ready computed meanwhile
    assert.equal(permits.waiting, 1, 'the worker waits for the permit');
    assert.equal(h.statusWrites().length, 0);
    permits.release();
    await until('Ready written', () => cond(h.pod().status, 'Ready')?.status === 'True');
    await sleep(50);
    const all = written(h);
    assert.equal(all.length, 1, `one write, not ${all.map((s) => s.phase).join(', ')}`);
    assert.equal(all[0]!.phase, 'Running');
    assert.ok(all[0]!.containerStatuses?.[0]?.state?.running);
  });

  it('keeps a superseded status that shows a terminated container, so a watcher sees Completed', async (t) => {
    const permits = new Semaphore(1);
    const h = harness(t, { containers: [sleepSpec('c')] }, { statusWrites: permits });
    h.sync();
    await until('Running written', () => h.pod().status?.containerStatuses?.[0]?.state?.running);
    await permits.acquire(); // from now on the worker's writes wait
    const first = h.rt.latest('c')!.id;
    h.rt.exit(first, 0);
    await until('restarted', () => h.rt.latest('c')?.id !== first && h.rt.latest('c')?.state === 'running');
    await sleep(READY_SETTLE_MS + 150);
    const before = h.statusWrites().length;
    permits.release();
    await until('the restart written', () => h.pod().status?.containerStatuses?.[0]?.restartCount === 1 && h.pod().status?.containerStatuses?.[0]?.state?.running);
    const after = written(h).slice(before);
    const terminated = after.find((s) => s.containerStatuses?.[0]?.state?.terminated);
    assert.equal(terminated?.containerStatuses?.[0]?.state?.terminated?.reason, 'Completed', 'the terminated state was sent, not dropped');
    assert.ok(after.indexOf(terminated!) < after.length - 1, 'and then the running one');
  });
});

describe('pod worker: kills', () => {
  it('a failed liveness probe kills with the probe grace period and restarts in the same sync (Always)', async (t) => {
    const h = harness(t, { terminationGracePeriodSeconds: 60, containers: [sleepSpec('c', { livenessProbe: { exec: { command: ['false'] }, periodSeconds: 3600, terminationGracePeriodSeconds: 5 } })] });
    h.sync();
    await until('running', () => h.rt.latest('c')?.state === 'running');
    const id = h.rt.latest('c')!.id;
    h.prober.liveness.set(id, 'Failure', UID, 'c');
    h.w.kick();
    await until('restarted', () => h.rt.latest('c')?.attempt === 1 && h.rt.latest('c')?.state === 'running');
    assert.deepEqual(h.rt.stops.map((s) => [s.name, s.timeoutSeconds]), [['c', 5]]);
    await h.flush();
    assert.ok(h.events().some((e) => e.reason === 'Killing' && e.message === 'Container c failed liveness probe, will be restarted'));
  });

  it('with restartPolicy Never a failed liveness probe kills without a restart', async (t) => {
    const h = harness(t, { restartPolicy: 'Never', containers: [sleepSpec('c', { livenessProbe: { exec: { command: ['false'] }, periodSeconds: 3600 } })] });
    h.sync();
    await until('running', () => h.rt.latest('c')?.state === 'running');
    h.prober.liveness.set(h.rt.latest('c')!.id, 'Failure', UID, 'c');
    h.w.kick();
    await until('Failed', () => h.pod().status?.phase === 'Failed');
    await h.flush();
    assert.ok(h.events().some((e) => e.reason === 'Killing' && e.message === 'Container c failed liveness probe'));
    assert.equal(h.rt.latest('c')?.attempt, 0);
  });

  it('a force-deleted pod is still killed, with its own grace period and preStop hook', async (t) => {
    const h = harness(t, { terminationGracePeriodSeconds: 7, containers: [sleepSpec('c', { lifecycle: { preStop: { exec: { command: ['echo', 'bye'] } } } })] });
    h.sync();
    await until('running', () => h.rt.latest('c')?.state === 'running');
    h.w.update(undefined);
    await h.w.finished;
    assert.deepEqual(h.rt.stops.map((s) => [s.name, s.timeoutSeconds]), [['c', 7]]);
    assert.deepEqual(h.rt.execs, [{ name: 'c', argv: ['echo', 'bye'] }]);
    assert.equal(h.rt.containers.size, 0, 'cleaned up');
  });

  it('graceful deletion stops main containers before sidecars, then removes the object', async (t) => {
    const h = harness(t, { initContainers: [sleepSpec('side', { restartPolicy: 'Always' })], containers: [sleepSpec('a'), sleepSpec('b')] });
    h.sync();
    await until('running', () => h.rt.latest('a')?.state === 'running' && h.rt.latest('b')?.state === 'running');
    h.rt.ignoreTerm.add('a');
    const p = h.pod();
    h.api.put(POD_PATH, { ...p, metadata: { ...p.metadata, deletionTimestamp: new Date(Date.now() + 3000).toISOString(), deletionGracePeriodSeconds: 3 } });
    h.sync();
    await h.w.finished;
    assert.equal(h.api.objects.has(POD_PATH), false, 'the agent deletes the object once all exited');
    const order = h.rt.stops.map((s) => s.name);
    assert.equal(order.at(-1), 'side', `the sidecar goes last: ${order}`);
    const side = h.rt.stops.find((s) => s.name === 'side')!;
    const a = h.rt.stops.find((s) => s.name === 'a')!;
    assert.ok(side.at - a.at >= 1500, 'the sidecar waited for the main container that ignored SIGTERM');
  });
});

describe('effectiveGracePeriod', () => {
  it('is the deletion grace period, else (0 or none: a force deletion) the pod spec one, at least 1', () => {
    const pod = (deletion?: number, spec?: number): Pod => ({ metadata: { deletionGracePeriodSeconds: deletion }, spec: { containers: [], terminationGracePeriodSeconds: spec } });
    assert.equal(effectiveGracePeriod(pod(5, 60)), 5);
    assert.equal(effectiveGracePeriod(pod(0, 60)), 60);
    assert.equal(effectiveGracePeriod(pod(undefined, 60)), 60);
    assert.equal(effectiveGracePeriod(pod(undefined, undefined)), 30);
    assert.equal(effectiveGracePeriod(pod(0, 0)), 1);
  });
});
