import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxScaledDown, newReplicaSetScale, planCleanupUnhealthy, planOldReplicaSets, planScaleDownOld } from './rolling.js';
import { oldPodsRunning } from './recreate.js';
import { deployment, NEW, OLD, replicaSet } from './testdata.js';
import type { Pod } from '../../api/types.js';

test('reconcileNewReplicaSet: upstream scenarios', () => {
  // deployment replicas, maxSurge, old replicas, new replicas, expected (undefined = no scaling)
  const cases: [number, number, number, number, number | undefined][] = [
    [10, 0, 10, 0, undefined],
    [10, 2, 10, 0, 2],
    [10, 2, 5, 0, 7],
    [10, 2, 10, 2, undefined],
    [10, 2, 2, 11, 10],
  ];
  for (const [dr, surge, oldR, newR, want] of cases) {
    const newRS = replicaSet('foo-v2', newR, NEW);
    const oldRS = replicaSet('foo-v1', oldR, OLD);
    assert.equal(newReplicaSetScale(deployment(dr, { surge, unavailable: 0 }), [newRS, oldRS], newRS), want, `${dr}/${surge}/${oldR}/${newR}`);
  }
});

test('reconcileOldReplicaSets: upstream scenarios', () => {
  // deployment replicas, maxUnavailable, old replicas, new replicas, available old, available new, expected old size (undefined = none)
  const cases: [number, number, number, number, number, number, number | undefined][] = [
    [10, 0, 10, 0, 10, 0, 9],
    [10, 2, 10, 0, 10, 0, 8],
    [10, 2, 10, 0, 8, 0, 8], // the unhealthy replicas go
    [10, 2, 10, 0, 9, 0, 8], // one unhealthy replica, then one ready one
    [10, 2, 8, 2, 8, 0, undefined], // the new RS's unavailable pods count as missing
  ];
  for (const [dr, unavailable, oldR, newR, oldAvail, newAvail, want] of cases) {
    const d = deployment(dr, { surge: 0, unavailable });
    const newRS = replicaSet('foo-new', newR, NEW, { available: newAvail });
    const oldRS = replicaSet('foo-old', oldR, OLD, { available: oldAvail });
    const steps = planOldReplicaSets(d, [oldRS, newRS], [oldRS], newRS);
    const last = steps.at(-1)?.to;
    assert.equal(last, want, `${dr}/${unavailable}/${oldR}/${newR}/${oldAvail}/${newAvail}: ${JSON.stringify(steps.map((s) => s.to))}`);
  }
});

test('cleanupUnhealthyReplicas: upstream scenarios', () => {
  // old replicas, available, max clean-up, expected cleaned up
  const cases: [number, number, number, number][] = [
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 8, 0, 0],
    [10, 10, 3, 0],
  ];
  for (const [oldR, avail, max, want] of cases) {
    const steps = planCleanupUnhealthy([replicaSet('foo-v2', oldR, OLD, { available: avail })], max);
    assert.equal(steps.reduce((n, s) => n + (oldR - s.to), 0), want);
  }
});

test('scaleDownOldReplicaSetsForRollingUpdate: upstream scenarios', () => {
  // deployment replicas, maxUnavailable, available, old replicas, expected (undefined = none)
  const cases: [number, number, number, number, number | undefined][] = [
    [10, 0, 10, 10, 9],
    [10, 2, 10, 10, 8],
    [10, 2, 8, 10, undefined],
    [10, 2, 10, 0, undefined],
    [10, 2, 1, 10, undefined],
  ];
  for (const [dr, unavailable, avail, oldR, want] of cases) {
    const old = replicaSet('foo-v2', oldR, OLD, { available: avail });
    const steps = planScaleDownOld(deployment(dr, { surge: 0, unavailable }), [old], [old]);
    assert.equal(steps[0]?.to, want);
  }
});

test('maxScaledDown: upstream example (10 replicas, maxUnavailable 2, maxSurge 3, crashlooping new pods)', () => {
  const d = deployment(10, { surge: 3, unavailable: 2 });
  const oldRS = replicaSet('old', 8, OLD);
  const newRS = replicaSet('new', 5, NEW, { available: 0 });
  assert.equal(maxScaledDown(d, [oldRS, newRS], [oldRS], newRS), 0);
});

test('a rollout of 10 with maxSurge 1 / maxUnavailable 0 alternates +1 / −1 and keeps 10 available', () => {
  const d = deployment(10, { surge: 1, unavailable: 0 });
  let oldR = 10;
  let newR = 0;
  for (let step = 0; step < 40 && (oldR > 0 || newR < 10); step++) {
    const oldRS = replicaSet('old', oldR, OLD);
    const newRS = replicaSet('new', newR, NEW); // every pod becomes available before the next step
    const up = newReplicaSetScale(d, [oldRS, newRS], newRS);
    if (up !== undefined) newR = up;
    else {
      const steps = planOldReplicaSets(d, [oldRS, newRS], oldR ? [oldRS] : [], newRS);
      oldR = steps.at(-1)?.to ?? oldR;
    }
    assert.ok(oldR + newR <= 11, 'never more than replicas + maxSurge');
    assert.ok(oldR + newR >= 10, 'never fewer than replicas − maxUnavailable');
  }
  assert.deepEqual([oldR, newR], [0, 10]);
});

test('Recreate waits for old pods: replicas reported, or pods not yet Succeeded/Failed', () => {
  const newRS = replicaSet('new', 0, NEW);
  const old = replicaSet('old', 0, OLD, { statusReplicas: 0 });
  const running: Pod = { metadata: { name: 'p' }, status: { phase: 'Running' } };
  const done: Pod = { metadata: { name: 'q' }, status: { phase: 'Succeeded' } };
  assert.equal(oldPodsRunning(newRS, [old], new Map([['old-uid', [done]]])), false);
  assert.equal(oldPodsRunning(newRS, [old], new Map([['old-uid', [running]]])), true);
  assert.equal(oldPodsRunning(newRS, [old], new Map([['new-uid', [running]]])), false, "the new ReplicaSet's pods do not count");
  assert.equal(oldPodsRunning(newRS, [replicaSet('old', 0, OLD, { statusReplicas: 1 })], new Map()), true);
});
