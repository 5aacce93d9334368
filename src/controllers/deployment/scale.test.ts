import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, ReplicaSet } from '../../api/types.js';
import { findActiveOrLatest, isSaturated, maxSurge } from './replicas.js';
import { setReplicasAnnotations } from './revision.js';
import { planProportionalScale, replicaSetsToCleanUp } from './scale.js';
import { deployment, NEW, OLD, OLDER, replicaSet } from './testdata.js';

/**
 * upstream's TestScale, over the pure parts of `scale`: the sizes each ReplicaSet ends with.
 * ReplicaSets are annotated with the old deployment's desired/max replicas, as upstream's test does.
 */
function scale(d: Deployment, oldD: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], desiredOverride: Record<string, number> = {}): Map<string, number> {
  for (const rs of [newRS, ...oldRSs]) {
    if (!rs) continue;
    const desired = desiredOverride[rs.metadata!.name!] ?? oldD.spec!.replicas!;
    setReplicasAnnotations(rs, desired, desired + maxSurge(oldD));
  }
  const sizes = new Map<string, number>();
  for (const rs of [newRS, ...oldRSs]) if (rs) sizes.set(rs.metadata!.name!, rs.spec!.replicas!);
  const active = findActiveOrLatest(newRS, oldRSs);
  if (active) {
    sizes.set(active.metadata!.name!, d.spec!.replicas!);
    return sizes;
  }
  if (isSaturated(d, newRS)) {
    for (const rs of oldRSs) sizes.set(rs.metadata!.name!, 0);
    return sizes;
  }
  for (const { rs, to } of planProportionalScale(d, newRS, oldRSs).sizes) sizes.set(rs.metadata!.name!, to);
  return sizes;
}

const rs = replicaSet;

test('scale: upstream TestScale scenarios', () => {
  const cases: { name: string; d: Deployment; oldD: Deployment; newRS?: ReplicaSet; oldRSs: ReplicaSet[]; want: Record<string, number>; desired?: Record<string, number> }[] = [
    { name: 'normal scaling event: 10 -> 12', d: deployment(12), oldD: deployment(10), newRS: rs('foo-v1', 10, NEW), oldRSs: [], want: { 'foo-v1': 12 } },
    { name: 'normal scaling event: 10 -> 5', d: deployment(5), oldD: deployment(10), newRS: rs('foo-v1', 10, NEW), oldRSs: [], want: { 'foo-v1': 5 } },
    { name: 'proportional scaling: 5 -> 10', d: deployment(10), oldD: deployment(5), newRS: rs('foo-v2', 2, NEW), oldRSs: [rs('foo-v1', 3, OLD)], want: { 'foo-v2': 4, 'foo-v1': 6 } },
    { name: 'proportional scaling: 5 -> 3', d: deployment(3), oldD: deployment(5), newRS: rs('foo-v2', 2, NEW), oldRSs: [rs('foo-v1', 3, OLD)], want: { 'foo-v2': 1, 'foo-v1': 2 } },
    { name: 'proportional scaling: 9 -> 4', d: deployment(4), oldD: deployment(9), newRS: rs('foo-v2', 8, NEW), oldRSs: [rs('foo-v1', 1, OLD)], want: { 'foo-v2': 4, 'foo-v1': 0 } },
    {
      name: 'proportional scaling: 7 -> 10',
      d: deployment(10),
      oldD: deployment(7),
      newRS: rs('foo-v3', 2, NEW),
      oldRSs: [rs('foo-v2', 3, OLD), rs('foo-v1', 2, OLDER)],
      want: { 'foo-v3': 3, 'foo-v2': 4, 'foo-v1': 3 },
    },
    {
      name: 'proportional scaling: 13 -> 8',
      d: deployment(8),
      oldD: deployment(13),
      newRS: rs('foo-v3', 2, NEW),
      oldRSs: [rs('foo-v2', 8, OLD), rs('foo-v1', 3, OLDER)],
      want: { 'foo-v3': 1, 'foo-v2': 5, 'foo-v1': 2 },
    },
    {
      name: 'leftover distribution: 3 -> 4',
      d: deployment(4),
      oldD: deployment(3),
      newRS: rs('foo-v3', 1, NEW),
      oldRSs: [rs('foo-v2', 1, OLD), rs('foo-v1', 1, OLDER)],
      want: { 'foo-v3': 2, 'foo-v2': 1, 'foo-v1': 1 },
    },
    {
      name: 'leftover distribution: 3 -> 2',
      d: deployment(2),
      oldD: deployment(3),
      newRS: rs('foo-v3', 1, NEW),
      oldRSs: [rs('foo-v2', 1, OLD), rs('foo-v1', 1, OLDER)],
      want: { 'foo-v3': 1, 'foo-v2': 1, 'foo-v1': 0 },
    },
    {
      name: 'proportional scaling (no new rs): 4 -> 5',
      d: deployment(5),
      oldD: deployment(4),
      oldRSs: [rs('foo-v2', 2, OLD), rs('foo-v1', 2, OLDER)],
      want: { 'foo-v2': 3, 'foo-v1': 2 },
    },
    {
      name: 'proportional scaling: 6 -> 0',
      d: deployment(0),
      oldD: deployment(6),
      newRS: rs('foo-v3', 3, NEW),
      oldRSs: [rs('foo-v2', 2, OLD), rs('foo-v1', 1, OLDER)],
      want: { 'foo-v3': 0, 'foo-v2': 0, 'foo-v1': 0 },
    },
    {
      name: 'proportional scaling: 0 -> 6',
      d: deployment(6),
      oldD: deployment(6),
      newRS: rs('foo-v3', 0, NEW),
      oldRSs: [rs('foo-v2', 0, OLD), rs('foo-v1', 0, OLDER)],
      want: { 'foo-v3': 6, 'foo-v2': 0, 'foo-v1': 0 },
    },
    {
      name: 'failed rs update (foo-v2 annotated desired 3)',
      d: deployment(5),
      oldD: deployment(5),
      newRS: rs('foo-v3', 2, NEW),
      oldRSs: [rs('foo-v2', 1, OLD), rs('foo-v1', 1, OLDER)],
      want: { 'foo-v3': 2, 'foo-v2': 2, 'foo-v1': 1 },
      desired: { 'foo-v2': 3 },
    },
    { name: 'deployment with surge pods', d: deployment(20, { surge: 2 }), oldD: deployment(10, { surge: 2 }), newRS: rs('foo-v2', 6, NEW), oldRSs: [rs('foo-v1', 6, OLD)], want: { 'foo-v2': 11, 'foo-v1': 11 } },
    { name: 'change both surge and size', d: deployment(50, { surge: 6 }), oldD: deployment(10, { surge: 3 }), newRS: rs('foo-v2', 5, NEW), oldRSs: [rs('foo-v1', 8, OLD)], want: { 'foo-v2': 22, 'foo-v1': 34 } },
    {
      name: 'saturated but broken new replica set does not affect old pods',
      d: deployment(2, { surge: 1, unavailable: 1 }),
      oldD: deployment(2, { surge: 1, unavailable: 1 }),
      newRS: rs('foo-v2', 2, NEW, { available: 0 }),
      oldRSs: [rs('foo-v1', 1, OLD)],
      want: { 'foo-v2': 2, 'foo-v1': 1 },
    },
  ];
  for (const c of cases) {
    const got = scale(c.d, c.oldD, c.newRS, c.oldRSs, c.desired);
    assert.deepEqual(Object.fromEntries(got), c.want, c.name);
  }
});

test('proportional scaling reports the direction used in events', () => {
  const d = deployment(10);
  const newRS = rs('foo-v2', 2, NEW);
  const old = rs('foo-v1', 3, OLD);
  for (const x of [newRS, old]) setReplicasAnnotations(x, 5, 5);
  assert.equal(planProportionalScale(d, newRS, [old]).operation, 'up');
  assert.equal(planProportionalScale(deployment(3), newRS, [old]).operation, 'down');
});

test('cleanup: upstream TestDeploymentController_cleanupDeployment', () => {
  const withStatus = (name: string, specReplicas: number, statusReplicas: number) => rs(name, specReplicas, OLD, { statusReplicas });
  const deleted = withStatus('foo-1', 0, 0);
  deleted.metadata!.deletionTimestamp = OLD;
  const cases: [ReplicaSet[], number, number][] = [
    [[withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 0), withStatus('foo-3', 0, 0)], 1, 2],
    [[withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 1), withStatus('foo-3', 1, 0), withStatus('foo-4', 1, 1)], 0, 1],
    [[withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 0)], 0, 2],
    [[withStatus('foo-1', 1, 1), withStatus('foo-2', 1, 1)], 0, 0],
    [[deleted], 0, 0],
    [[withStatus('foo-1', 0, 0), withStatus('foo-2', 0, 0), withStatus('foo-3', 0, 0)], 2147483647, 0],
  ];
  for (const [i, [oldRSs, limit, want]] of cases.entries()) {
    assert.equal(replicaSetsToCleanUp(deployment(1, { revisionHistoryLimit: limit }), oldRSs).length, want, `scenario ${i}`);
  }
});

test('cleanup removes the lowest revisions first and skips ones whose scale-down is unobserved', () => {
  const mk = (name: string, rev: string) => rs(name, 0, OLD, { annotations: { 'deployment.kubernetes.io/revision': rev } });
  const a = mk('a', '3');
  const b = mk('b', '1');
  const c = mk('c', '2');
  assert.deepEqual(
    replicaSetsToCleanUp(deployment(1, { revisionHistoryLimit: 1 }), [a, b, c]).map((x) => x.metadata!.name),
    ['b', 'c'],
  );
  c.metadata!.generation = 2;
  assert.deepEqual(
    replicaSetsToCleanUp(deployment(1, { revisionHistoryLimit: 1 }), [a, b, c]).map((x) => x.metadata!.name),
    ['b'],
  );
});
