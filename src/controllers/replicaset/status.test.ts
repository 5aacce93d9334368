import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, ReplicaSet } from '../../api/types.js';
import { podFromTemplate, newControllerRef } from './pod-template.js';
import { calculateReplicaSetStatus, replicaSetStatusNeedsUpdate } from './status.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');
const ago = (s: number): string => new Date(NOW - s * 1000).toISOString().slice(0, 19) + 'Z';

function pod(labels: Record<string, string>, ready: boolean, readySince = 100): Pod {
  return {
    metadata: { name: 'p', labels },
    spec: { containers: [] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: ago(readySince) }] },
  };
}

function rs(minReadySeconds = 0): ReplicaSet {
  return {
    metadata: { name: 'web', namespace: 'default', generation: 2 },
    spec: { replicas: 4, minReadySeconds, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } } } },
    status: { replicas: 0, observedGeneration: 1 },
  };
}

test('counts replicas, fully labeled, ready and available (minReadySeconds)', () => {
  const pods = [pod({ app: 'web', tier: 'fe' }, true, 100), pod({ app: 'web', tier: 'fe' }, true, 5), pod({ app: 'web' }, false)];
  const s = calculateReplicaSetStatus(rs(30), pods, undefined, NOW);
  assert.equal(s.replicas, 3);
  assert.equal(s.fullyLabeledReplicas, 2);
  assert.equal(s.readyReplicas, 2);
  assert.equal(s.availableReplicas, 1, 'the pod ready for only 5s is not available with minReadySeconds 30');
  assert.equal(calculateReplicaSetStatus(rs(0), pods, undefined, NOW).availableReplicas, 2);
});

test('ReplicaFailure FailedCreate while creates fail, removed once they succeed', () => {
  const r = rs();
  const s = calculateReplicaSetStatus(r, [], new Error('pods "web-" is forbidden: exceeded quota'), NOW);
  assert.deepEqual(s.conditions, [
    { type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2024-06-01T12:00:00Z', reason: 'FailedCreate', message: 'pods "web-" is forbidden: exceeded quota' },
  ]);
  r.status = s;
  assert.equal(calculateReplicaSetStatus(r, [], undefined, NOW).conditions, undefined);
});

test('a status write is needed for count changes and an unobserved generation only', () => {
  const r = rs();
  const s = calculateReplicaSetStatus(r, [], undefined, NOW);
  assert.equal(replicaSetStatusNeedsUpdate(r, s), true, 'generation 2 not yet observed');
  r.status = { ...s, observedGeneration: 2 };
  assert.equal(replicaSetStatusNeedsUpdate(r, calculateReplicaSetStatus(r, [], undefined, NOW)), false);
});

test('podFromTemplate: generateName, labels, annotations, owner and spec copy', () => {
  const ref = newControllerRef('apps/v1', 'ReplicaSet', 'web-abc', 'uid-1');
  const p = podFromTemplate(
    { metadata: { labels: { app: 'web' }, annotations: { a: 'b' }, finalizers: ['f'] }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    'web-abc',
    'default',
    ref,
  );
  assert.deepEqual(p.metadata, {
    generateName: 'web-abc-',
    namespace: 'default',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'uid-1', controller: true, blockOwnerDeletion: true }],
    labels: { app: 'web' },
    annotations: { a: 'b' },
    finalizers: ['f'],
  });
  assert.deepEqual(p.spec, { containers: [{ name: 'c', image: 'nginx' }] });
});
