import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSaturated, maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts, roundToInt32, scaledValue } from './replicas.js';
import { deployment, NEW, replicaSet } from './testdata.js';

test('resolveFenceposts: upstream cases (percent surge rounds up, unavailable down, both 0 → unavailable 1)', () => {
  const cases: [string | number | undefined, string | number | undefined, number, number, number][] = [
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
    ['25%', '25%', 10, 3, 2],
    ['25%', '25%', 1, 1, 0],
    ['25%', '25%', 3, 1, 0],
    ['0%', '10%', 5, 0, 1],
    [1, 0, 10, 1, 0],
    [0, 0, 10, 0, 1],
    [2, 3, 10, 2, 3],
  ];
  for (const [s, u, desired, es, eu] of cases) assert.deepEqual(resolveFenceposts(s, u, desired), [es, eu], `${s}/${u} of ${desired}`);
  assert.throws(() => resolveFenceposts('oops', '39%', 10), /string is not a percentage/);
  assert.throws(() => scaledValue('55', 10, true), /invalid value for IntOrString/);
});

test('maxSurge / maxUnavailable of a deployment', () => {
  assert.equal(maxSurge(deployment(10, { surge: '25%', unavailable: '25%' })), 3);
  assert.equal(maxUnavailable(deployment(10, { surge: '25%', unavailable: '25%' })), 2);
  assert.equal(maxUnavailable(deployment(2, { surge: 0, unavailable: 5 })), 2, 'capped at spec.replicas');
  assert.equal(maxUnavailable(deployment(0, { surge: 1, unavailable: 1 })), 0);
  assert.equal(maxSurge(deployment(10, { strategy: 'Recreate' })), 0);
  assert.equal(maxUnavailable(deployment(10, { strategy: 'Recreate' })), 0);
});

test('newRSNewReplicas: upstream cases', () => {
  const cases: [string, number, number, number, number][] = [
    // name, deployment replicas, new RS replicas, maxSurge, expected
    ['can not scale up - to newRSReplicas', 1, 5, 1, 5],
    ['scale up - to depReplicas', 6, 2, 10, 6],
  ];
  for (const [name, dr, nr, surge, want] of cases) {
    const rs = replicaSet('foo-v2', nr, NEW);
    assert.equal(newRSNewReplicas(deployment(dr, { surge, unavailable: 1 }), [rs], rs), want, name);
  }
  const rs = replicaSet('foo-v2', 1, NEW);
  assert.equal(newRSNewReplicas(deployment(3, { strategy: 'Recreate' }), [rs], rs), 3, 'recreate - to depReplicas');
  // 10 replicas, surge 1: with 10 old pods the new RS may get one.
  const old = replicaSet('foo-v1', 10, NEW);
  const fresh = replicaSet('foo-v2', 0, NEW);
  assert.equal(newRSNewReplicas(deployment(10, { surge: 1, unavailable: 0 }), [old, fresh], fresh), 1);
});

test('isSaturated needs size, desired-replicas annotation and availability', () => {
  const d = deployment(3);
  assert.equal(isSaturated(d, replicaSet('a', 3, NEW, { annotations: { 'deployment.kubernetes.io/desired-replicas': '3' } })), true);
  assert.equal(isSaturated(d, replicaSet('a', 3, NEW)), false);
  assert.equal(isSaturated(d, replicaSet('a', 3, NEW, { available: 2, annotations: { 'deployment.kubernetes.io/desired-replicas': '3' } })), false);
});

test('roundToInt32 rounds half away from zero', () => {
  assert.deepEqual([2.5, 2.4, -2.5, -2.4].map(roundToInt32), [3, 2, -3, -2]);
});
