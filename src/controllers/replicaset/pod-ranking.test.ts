import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../api/types.js';
import { deleteBefore, deletionCost, logarithmicRankDiff, maxContainerRestarts, podsToDelete, rankByRelatedPodsOnSameNode } from './pod-ranking.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');
const ago = (s: number): string => new Date(NOW - s * 1000).toISOString().slice(0, 19) + 'Z';

interface P {
  node?: string;
  phase?: string;
  ready?: boolean;
  readySince?: number;
  created?: number;
  restarts?: number;
  cost?: string;
  uid?: string;
}

function pod(name: string, p: P = {}): Pod {
  return {
    metadata: {
      name,
      uid: p.uid ?? name,
      creationTimestamp: p.created === undefined ? ago(1000) : ago(p.created),
      annotations: p.cost !== undefined ? { 'controller.kubernetes.io/pod-deletion-cost': p.cost } : undefined,
    },
    spec: { containers: [{ name: 'c' }], nodeName: p.node ?? 'n1' },
    status: {
      phase: p.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: p.ready === false ? 'False' : 'True', lastTransitionTime: ago(p.readySince ?? 500) }],
      containerStatuses: [{ name: 'c', restartCount: p.restarts ?? 0, ready: true, image: 'i', imageID: '' }],
    },
  };
}

const before = (a: Pod, b: Pod, ra = 0, rb = 0): boolean => deleteBefore({ pod: a, rank: ra }, { pod: b, rank: rb }, NOW);

test('unassigned before assigned', () => {
  assert.equal(before(pod('a', { node: '' }), pod('b')), true);
  assert.equal(before(pod('b'), pod('a', { node: '' })), false);
});

test('Pending < Unknown < Running', () => {
  assert.equal(before(pod('a', { phase: 'Pending' }), pod('b', { phase: 'Unknown' })), true);
  assert.equal(before(pod('a', { phase: 'Unknown' }), pod('b', { phase: 'Running' })), true);
  assert.equal(before(pod('a', { phase: 'Running' }), pod('b', { phase: 'Pending' })), false);
});

test('not ready before ready', () => {
  assert.equal(before(pod('a', { ready: false }), pod('b')), true);
  assert.equal(before(pod('a'), pod('b', { ready: false })), false);
});

test('lower pod-deletion-cost first; malformed cost counts as 0', () => {
  assert.equal(before(pod('a', { cost: '-5' }), pod('b', { cost: '10' })), true);
  assert.equal(before(pod('a', { cost: '10' }), pod('b')), false);
  assert.equal(deletionCost(pod('x', { cost: 'abc' })), 0);
  assert.equal(deletionCost(pod('x', { cost: '2147483648' })), 0);
});

test('more doubled-up (higher rank) first', () => {
  assert.equal(before(pod('a'), pod('b'), 3, 1), true);
  assert.equal(before(pod('a'), pod('b'), 1, 3), false);
});

test('ready more recently first, in log2 buckets; same bucket falls back to uid', () => {
  assert.equal(before(pod('a', { readySince: 10 }), pod('b', { readySince: 10_000 })), true);
  assert.equal(before(pod('a', { readySince: 10_000 }), pod('b', { readySince: 10 })), false);
  // 100s and 101s ago are in the same log2(ns) bucket: the smaller uid goes first.
  assert.equal(logarithmicRankDiff(NOW - 100_000, NOW - 101_000, NOW), 0);
  assert.equal(before(pod('z', { readySince: 100, uid: 'a-uid' }), pod('y', { readySince: 101, uid: 'b-uid' })), true);
  assert.equal(before(pod('y', { readySince: 101, uid: 'b-uid' }), pod('z', { readySince: 100, uid: 'a-uid' })), false);
});

test('more restarts first, then newer first', () => {
  const a = pod('a', { ready: false, restarts: 5 });
  const b = pod('b', { ready: false, restarts: 1 });
  assert.equal(before(a, b), true);
  assert.equal(maxContainerRestarts(a), 5);
  assert.equal(before(pod('n', { ready: false, created: 10 }), pod('o', { ready: false, created: 100_000 })), true);
  assert.equal(before(pod('o', { ready: false, created: 100_000 }), pod('n', { ready: false, created: 10 })), false);
});

test('rank counts active related pods on the same node', () => {
  const related = [pod('r1', { node: 'n1' }), pod('r2', { node: 'n1' }), pod('r3', { node: 'n2' })];
  related[1].metadata!.deletionTimestamp = ago(0);
  const ranked = rankByRelatedPodsOnSameNode([pod('a', { node: 'n1' }), pod('b', { node: 'n2' }), pod('c', { node: 'n3' })], related);
  assert.deepEqual(
    ranked.map((r) => r.rank),
    [1, 1, 0],
  );
});

test('podsToDelete picks the least valuable pods', () => {
  const pods = [
    pod('running-old', { created: 10_000, readySince: 9000 }),
    pod('pending', { phase: 'Pending', ready: false }),
    pod('unassigned', { node: '', phase: 'Pending', ready: false }),
    pod('notready', { ready: false }),
    pod('running-new', { created: 20, readySince: 10 }),
  ];
  assert.deepEqual(
    podsToDelete(pods, pods, 4, NOW).map((p) => p.metadata!.name),
    ['unassigned', 'pending', 'notready', 'running-new'],
  );
  // Deleting everything needs no sorting: the input order is kept.
  assert.deepEqual(
    podsToDelete(pods, pods, 5, NOW).map((p) => p.metadata!.name),
    pods.map((p) => p.metadata!.name),
  );
});
