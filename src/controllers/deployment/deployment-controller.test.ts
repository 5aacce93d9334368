/**
 * Integration tests of the Deployment controller with the ReplicaSet controller, on the
 * in-process API server with a fake kubelet.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Deployment, Event, Pod, ReplicaSet } from '../../api/types.js';
import { AGGREGATE_MESSAGE_PREFIX } from '../../client/events.js';
import type { Informer } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { ReplicaSetController } from '../replicaset/replicaset-controller.js';
import { isPodReady } from '../replicaset/pod-utils.js';
import { eventually, FakeKubelet, startEnv, type TestEnv } from '../replicaset/test-env.js';
import { DeploymentController } from './deployment-controller.js';
import { computeHash } from './pod-template-hash.js';

const NAMESPACES = ['roll', 'pct', 'stall', 'undo', 'pause', 'history', 'recreate', 'big'];
let env: TestEnv;
let rsc: ReplicaSetController;
let dc: DeploymentController;
let kubelet: FakeKubelet;
let podInf: Informer<Pod>;

before(async () => {
  env = await startEnv(NAMESPACES);
  rsc = new ReplicaSetController(env.client, env.informers);
  dc = new DeploymentController(env.client, env.informers);
  // Pods whose image starts with "broken" never become ready.
  kubelet = new FakeKubelet(env, 15, (p) => (p.spec?.containers[0]?.image ?? '').startsWith('broken'));
  podInf = env.informers.for<Pod>(R.pods);
  env.informers.start();
  await env.informers.waitForSync();
  rsc.run();
  dc.run();
});

after(async () => {
  kubelet.stop();
  dc.stop();
  rsc.stop();
  await Promise.all([dc.settled(), rsc.settled()]);
  await env.close();
});

function deployment(replicas: number, image: string, extra: Partial<NonNullable<Deployment['spec']>> = {}): Deployment {
  return {
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
      ...extra,
    },
  };
}

const getD = (ns: string) => env.client.get<Deployment>(R.deployments, ns, 'web');
const listRS = (ns: string) => env.client.list<ReplicaSet>(R.replicasets, ns).then((l) => l.items);
/** The messages of the Deployment's events; past ten distinct ones the recorder aggregates them, as upstream does. */
/**
 * The messages of the Deployment events with `reason`, once `written` holds of them (events are
 * written in the background, after the work they describe) or 5 s have passed.
 */
async function events(ns: string, reason: string, written: (msgs: string[]) => boolean = (m) => m.length > 0): Promise<string[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const l = await env.client.list<Event>(R.events, ns);
    const msgs = l.items.filter((e) => e.reason === reason && e.involvedObject.kind === 'Deployment').map((e) => e.message!.replace(AGGREGATE_MESSAGE_PREFIX, ''));
    if (written(msgs) || Date.now() > deadline) return msgs;
    await new Promise((r) => setTimeout(r, 20));
  }
}
const setImage = (ns: string, image: string) =>
  env.client.patch(R.deployments, ns, 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image }] } } } });

/** `kubectl rollout status`'s test: generation observed, all updated, no old replicas, all available. */
async function rolledOut(ns: string, timeoutMs = 15_000): Promise<Deployment> {
  return eventually(
    `deployment ${ns}/web rolled out`,
    async () => {
      const d = await getD(ns);
      const s = d.status ?? {};
      const r = d.spec?.replicas ?? 1;
      const done =
        (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
        (s.updatedReplicas ?? 0) === r &&
        (s.replicas ?? 0) === r &&
        (s.availableReplicas ?? 0) === r &&
        s.conditions?.find((c) => c.type === 'Progressing')?.reason === 'NewReplicaSetAvailable';
      return done && d;
    },
    timeoutMs,
  );
}

/** Checks bounds on the namespace's live pods after every pod event. */
function watchBounds(ns: string, minReady: number, maxPods: number): { stop(): string[] } {
  const violations: string[] = [];
  let active = true;
  const check = (): void => {
    if (!active) return;
    const pods = podInf.list(ns).filter((p) => !p.metadata?.deletionTimestamp);
    const ready = pods.filter(isPodReady).length;
    if (ready < minReady) violations.push(`only ${ready} ready pods`);
    if (pods.length > maxPods) violations.push(`${pods.length} pods`);
  };
  podInf.on({ add: check, update: (_o, _n) => check(), delete: check });
  return {
    stop: () => {
      active = false;
      return violations;
    },
  };
}

const rsByRevision = async (ns: string): Promise<Map<string, ReplicaSet>> =>
  new Map((await listRS(ns)).map((rs) => [rs.metadata!.annotations!['deployment.kubernetes.io/revision'], rs]));

test('creates web-<pod-template-hash> with annotations, then rolls 10 replicas (maxSurge 1, maxUnavailable 0) within bounds', async () => {
  const ns = 'roll';
  await env.client.create(R.deployments, ns, deployment(10, 'nginx:1', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 as never, maxUnavailable: 0 as never } } }));
  let d = await rolledOut(ns);
  const [rs1] = await listRS(ns);
  const hash = rs1.metadata!.labels!['pod-template-hash'];
  assert.match(hash, /^[456789bcdf]{1,10}$/);
  assert.equal(rs1.metadata!.name, `web-${hash}`);
  assert.equal(rs1.spec!.selector.matchLabels!['pod-template-hash'], hash);
  assert.equal(rs1.spec!.template!.metadata!.labels!['pod-template-hash'], hash);
  assert.deepEqual(rs1.metadata!.annotations, {
    'deployment.kubernetes.io/revision': '1',
    'deployment.kubernetes.io/desired-replicas': '10',
    'deployment.kubernetes.io/max-replicas': '11',
  });
  assert.equal(rs1.metadata!.ownerReferences![0].kind, 'Deployment');
  assert.equal(d.metadata!.annotations!['deployment.kubernetes.io/revision'], '1');
  assert.deepEqual(
    d.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message]),
    [
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
    ],
  );
  assert.deepEqual(await events(ns, 'ScalingReplicaSet'), [`Scaled up replica set web-${hash} to 10`]);

  const bounds = watchBounds(ns, 10, 11);
  await env.client.patch(R.deployments, ns, 'web', 'merge', { metadata: { annotations: { 'kubernetes.io/change-cause': 'image 2' } } });
  await setImage(ns, 'nginx:2');
  d = await rolledOut(ns, 20_000);
  assert.deepEqual(bounds.stop(), []);
  const revs = await rsByRevision(ns);
  const rs2 = revs.get('2')!;
  assert.equal(revs.get('1')!.spec!.replicas, 0);
  assert.equal(rs2.spec!.replicas, 10);
  assert.equal(rs2.metadata!.annotations!['kubernetes.io/change-cause'], 'image 2');
  assert.equal(d.metadata!.annotations!['deployment.kubernetes.io/revision'], '2');
  assert.equal(d.status!.updatedReplicas, 10);
  assert.equal(d.status!.readyReplicas, 10);
  assert.equal(d.status!.unavailableReplicas ?? 0, 0);
  const want = [
    `Scaled up replica set ${rs2.metadata!.name} to 1`,
    `Scaled down replica set web-${hash} to 9 from 10`,
    `Scaled up replica set ${rs2.metadata!.name} to 2 from 1`,
    `Scaled down replica set web-${hash} to 0 from 1`,
  ];
  const msgs = await events(ns, 'ScalingReplicaSet', (m) => want.every((w) => m.includes(w)));
  for (const w of want) assert.ok(msgs.includes(w), msgs.join('\n'));
});

test('25%/25% on 10 replicas: never more than 13 pods nor fewer than 8 ready', async () => {
  const ns = 'pct';
  await env.client.create(R.deployments, ns, deployment(10, 'nginx:1'));
  await rolledOut(ns);
  const bounds = watchBounds(ns, 8, 13);
  await setImage(ns, 'nginx:2');
  await rolledOut(ns, 20_000);
  assert.deepEqual(bounds.stop(), []);
  // The first step: the new ReplicaSet surges by 3 and the old one loses 2.
  const surged = (m: string[]) => m.some((x) => / to 3$/.test(x) && x.startsWith('Scaled up'));
  const shrunk = (m: string[]) => m.some((x) => /to 8 from 10$/.test(x));
  const msgs = await events(ns, 'ScalingReplicaSet', (m) => surged(m) && shrunk(m));
  assert.ok(surged(msgs), msgs.join('\n'));
  assert.ok(shrunk(msgs), msgs.join('\n'));
});

test('a rollout whose pods never become ready stalls at maxUnavailable and exceeds its progress deadline; scaling it is proportional', async () => {
  const ns = 'stall';
  await env.client.create(
    R.deployments,
    ns,
    deployment(4, 'nginx:1', { progressDeadlineSeconds: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 as never, maxUnavailable: 1 as never } } }),
  );
  await rolledOut(ns);
  const bounds = watchBounds(ns, 3, 5);
  await setImage(ns, 'broken:1');
  const d = await eventually(
    'ProgressDeadlineExceeded',
    async () => {
      const x = await getD(ns);
      return x.status?.conditions?.find((c) => c.type === 'Progressing')?.reason === 'ProgressDeadlineExceeded' && x;
    },
    10_000,
  );
  assert.deepEqual(bounds.stop(), []);
  const revs = await rsByRevision(ns);
  const [oldRS, newRS] = [revs.get('1')!, revs.get('2')!];
  const cond = d.status!.conditions!.find((c) => c.type === 'Progressing')!;
  assert.equal(cond.status, 'False');
  assert.equal(cond.message, `ReplicaSet "${newRS.metadata!.name}" has timed out progressing.`);
  assert.equal(oldRS.spec!.replicas, 3);
  assert.equal(newRS.spec!.replicas, 2);
  assert.equal(d.status!.availableReplicas, 3);
  assert.equal(d.status!.updatedReplicas, 2);
  assert.equal(d.status!.unavailableReplicas, 2);
  assert.equal(d.status!.conditions!.find((c) => c.type === 'Available')!.status, 'True');

  // Scale 4 → 8 mid-rollout: 9 allowed (8 + maxSurge 1) shared 5:4 between the old and new sets.
  await env.client.patch(R.deployments, ns, 'web', 'merge', { spec: { replicas: 8 } });
  await eventually('proportional scale', async () => {
    const r = await rsByRevision(ns);
    return r.get('1')!.spec!.replicas === 5 && r.get('2')!.spec!.replicas === 4;
  });
  const want = `Scaled up replica set ${oldRS.metadata!.name} to 5 from 3`;
  const msgs = await events(ns, 'ScalingReplicaSet', (m) => m.includes(want));
  assert.ok(msgs.includes(want), msgs.join('\n'));
});

test('rollback (kubectl rollout undo) reuses the old ReplicaSet and moves its revision forward; restart makes a new one', async () => {
  const ns = 'undo';
  await env.client.create(R.deployments, ns, deployment(2, 'nginx:1'));
  await rolledOut(ns);
  await setImage(ns, 'nginx:2');
  await rolledOut(ns);
  const before = await rsByRevision(ns);
  const rev1 = before.get('1')!;
  // What kubectl 1.32 sends: a JSON patch of the template (without the hash label) and the annotations.
  const template = structuredClone(rev1.spec!.template!);
  delete template.metadata!.labels!['pod-template-hash'];
  const cur = await getD(ns);
  await env.client.patch(R.deployments, ns, 'web', 'json', [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': cur.metadata!.annotations!['deployment.kubernetes.io/revision'] } },
  ]);
  const d = await rolledOut(ns);
  const after = await listRS(ns);
  assert.equal(after.length, 2, 'no new ReplicaSet');
  const reused = after.find((rs) => rs.metadata!.uid === rev1.metadata!.uid)!;
  assert.equal(reused.metadata!.annotations!['deployment.kubernetes.io/revision'], '3');
  assert.equal(reused.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(reused.spec!.replicas, 2);
  assert.equal(d.metadata!.annotations!['deployment.kubernetes.io/revision'], '3');
  assert.equal(d.spec!.template!.spec!.containers[0].image, 'nginx:1');

  // kubectl rollout restart: a new template annotation, so a new ReplicaSet with revision 4.
  await env.client.patch(R.deployments, ns, 'web', 'strategic', {
    spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-06-01T12:00:00Z' } } } },
  });
  await rolledOut(ns);
  const revs = await rsByRevision(ns);
  assert.equal(revs.get('4')!.spec!.template!.metadata!.annotations!['kubectl.kubernetes.io/restartedAt'], '2024-06-01T12:00:00Z');
  assert.equal(revs.size, 3);
});

test('pause: no rollout, but scaling works; resume rolls out', async () => {
  const ns = 'pause';
  await env.client.create(R.deployments, ns, deployment(2, 'nginx:1'));
  await rolledOut(ns);
  await env.client.patch(R.deployments, ns, 'web', 'merge', { spec: { paused: true } });
  await eventually('paused condition', async () => {
    const c = (await getD(ns)).status?.conditions?.find((x) => x.type === 'Progressing');
    return c?.reason === 'DeploymentPaused' && c.status === 'Unknown' && c.message === 'Deployment is paused';
  });
  await setImage(ns, 'nginx:2');
  await env.client.patch(R.deployments, ns, 'web', 'merge', { spec: { replicas: 3 } });
  await eventually('scaled while paused', async () => {
    const d = await getD(ns);
    return d.status?.observedGeneration === d.metadata?.generation && d.status?.availableReplicas === 3;
  });
  assert.equal((await listRS(ns)).length, 1, 'no new ReplicaSet while paused');
  await env.client.patch(R.deployments, ns, 'web', 'merge', { spec: { paused: false } });
  const d = await rolledOut(ns);
  assert.equal((await listRS(ns)).length, 2);
  assert.equal(d.metadata!.annotations!['deployment.kubernetes.io/revision'], '2');
});

test('revisionHistoryLimit: old, scaled-down ReplicaSets beyond the limit are deleted', async () => {
  const ns = 'history';
  await env.client.create(R.deployments, ns, deployment(1, 'nginx:1', { revisionHistoryLimit: 1 }));
  await rolledOut(ns);
  for (const image of ['nginx:2', 'nginx:3', 'nginx:4']) {
    await setImage(ns, image);
    await rolledOut(ns);
  }
  const revs = await eventually('cleanup', async () => {
    const r = await rsByRevision(ns);
    return r.size === 2 && r;
  });
  assert.deepEqual([...revs.keys()].sort(), ['3', '4']);
});

test('Recreate: every old pod is gone before the first new pod is created', async () => {
  const ns = 'recreate';
  await env.client.create(R.deployments, ns, deployment(3, 'nginx:1', { strategy: { type: 'Recreate' } }));
  await rolledOut(ns);
  const overlaps: number[] = [];
  podInf.on({
    add: (p) => {
      if (p.metadata?.namespace !== ns || p.spec?.containers[0].image !== 'nginx:2') return;
      overlaps.push(podInf.list(ns).filter((x) => x.spec?.containers[0].image === 'nginx:1').length);
    },
  });
  await setImage(ns, 'nginx:2');
  await rolledOut(ns);
  assert.deepEqual(overlaps, [0, 0, 0]);
  const scaledDown = (m: string[]) => m.some((x) => /^Scaled down replica set web-\w+ to 0 from 3$/.test(x));
  const msgs = await events(ns, 'ScalingReplicaSet', scaledDown);
  assert.ok(scaledDown(msgs), msgs.join('\n'));
});

test('scaling 0 → 500 replicas is fully ready quickly', async () => {
  const ns = 'big';
  await env.client.create(R.deployments, ns, deployment(0, 'nginx:1'));
  await rolledOut(ns);
  const t0 = performance.now();
  await env.client.patch(R.deployments, ns, 'web', 'merge', { spec: { replicas: 500 } });
  await rolledOut(ns, 30_000);
  const ms = performance.now() - t0;
  assert.ok(ms < 10_000, `took ${Math.round(ms)} ms`);
  assert.equal(podInf.list(ns).length, 500);
});

test('a ReplicaSet name taken by a different template bumps collisionCount and the hash', async () => {
  const ns = 'collide';
  await env.client.create(R.namespaces, '', { metadata: { name: ns } });
  await env.client.create(R.deployments, ns, deployment(1, 'nginx:1', { paused: true }));
  const d = await getD(ns);
  const hash = computeHash(d.spec!.template);
  // Someone else's ReplicaSet with the name the deployment would pick.
  await env.client.create<ReplicaSet>(R.replicasets, ns, {
    metadata: { name: `web-${hash}` },
    spec: { replicas: 0, selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
  });
  await env.client.patch(R.deployments, ns, 'web', 'merge', { spec: { paused: false } });
  const done = await rolledOut(ns);
  assert.equal(done.status!.collisionCount, 1);
  const mine = (await listRS(ns)).find((rs) => rs.metadata!.ownerReferences?.length)!;
  assert.equal(mine.metadata!.name, `web-${computeHash(d.spec!.template, 1)}`);
});
