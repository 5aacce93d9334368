import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../api/types.js';
import { makeNode, makePod, nodeInfo, podRequesting, stateFor } from '../testutil.js';
import { balancedAllocationScorer, balancedScore } from './balanced-allocation.js';
import { leastAllocatedScore, leastRequestedScore } from './least-allocated.js';
import { NodeAffinityScorer } from './node-affinity.js';
import { defaultNormalizeScore } from './normalize.js';
import { countIntolerablePreferNoSchedule, taintTolerationScorer } from './taint-toleration.js';

test('leastRequestedScore: free share × 100, integer, 0 when over capacity', () => {
  assert.equal(leastRequestedScore(0, 4000), 100);
  assert.equal(leastRequestedScore(1000, 4000), 75);
  assert.equal(leastRequestedScore(3999, 4000), 0);
  assert.equal(leastRequestedScore(5000, 4000), 0);
  assert.equal(leastRequestedScore(1, 0), 0);
});

test('LeastAllocated averages cpu and memory over what is placed plus the pod', () => {
  const ni = nodeInfo(makeNode('n', { cpu: '4', memory: '8Gi' }), podRequesting('a', { cpu: '1', memory: '2Gi' }));
  assert.equal(leastAllocatedScore(stateFor(podRequesting('p', { cpu: '1', memory: '2Gi' })), ni), 50);
  assert.equal(leastAllocatedScore(stateFor(podRequesting('p', { cpu: '3', memory: '0' })), ni), 37, 'cpu full → 0, memory 2Gi of 8Gi → 75; (0 + 75) / 2 truncated');
});

test('LeastAllocated counts request-less containers at 100m / 200Mi', () => {
  const empty = nodeInfo(makeNode('n', { cpu: '4', memory: '8Gi' }));
  // cpu: (4000-100)/4000 → 97; memory: (8192-200)/8192 Mi → 97
  assert.equal(leastAllocatedScore(stateFor(makePod('p')), empty), 97);
  const busy = nodeInfo(makeNode('n', { cpu: '4', memory: '8Gi' }), makePod('a'), makePod('b'));
  assert.ok(leastAllocatedScore(stateFor(makePod('p')), busy) < 97, 'best-effort pods still count against a node');
});

test('BalancedAllocation prefers similar cpu and memory fractions', () => {
  assert.equal(balancedScore([[2000, 4000], [2 * 2 ** 30, 8 * 2 ** 30]]), 87);
  assert.equal(balancedScore([[1, 2], [4, 8]]), 100);
  assert.equal(balancedScore([[8, 4], [0, 8]]), 50, 'fractions are capped at 1');
  assert.equal(balancedScore([[1, 0], [1, 2]]), 100, 'resources without allocatable are skipped');
  const ni = nodeInfo(makeNode('n', { cpu: '4', memory: '8Gi' }));
  assert.equal(balancedAllocationScorer.score(stateFor(podRequesting('p', { cpu: '2', memory: '2Gi' })), ni), 87);
});

test('DefaultNormalizeScore scales to the max, optionally reversed', () => {
  const s = [2, 1, 0];
  defaultNormalizeScore(100, false, s);
  assert.deepEqual(s, [100, 50, 0]);
  const r = [2, 1, 0];
  defaultNormalizeScore(100, true, r);
  assert.deepEqual(r, [0, 50, 100]);
  const z = [0, 0];
  defaultNormalizeScore(100, true, z);
  assert.deepEqual(z, [100, 100]);
  const z2 = [0, 0];
  defaultNormalizeScore(100, false, z2);
  assert.deepEqual(z2, [0, 0]);
  const t = [7, 2];
  defaultNormalizeScore(100, false, t);
  assert.deepEqual(t, [100, 28]);
});

test('PreferNoSchedule taints lower the score; only tolerations without effect or with PreferNoSchedule count', () => {
  const taints = [
    { key: 'a', effect: 'PreferNoSchedule' },
    { key: 'b', effect: 'PreferNoSchedule' },
    { key: 'c', effect: 'NoSchedule' },
  ];
  assert.equal(countIntolerablePreferNoSchedule(taints, []), 2);
  assert.equal(countIntolerablePreferNoSchedule(taints, [{ key: 'a', operator: 'Exists' }]), 1);
  assert.equal(countIntolerablePreferNoSchedule(taints, [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }]), 2);
  assert.equal(countIntolerablePreferNoSchedule(taints, [{ operator: 'Exists', effect: 'PreferNoSchedule' }]), 0);
  const nodes = [
    nodeInfo(makeNode('x', { taints })),
    nodeInfo(makeNode('y', { taints: [taints[0]!] })),
    nodeInfo(makeNode('z')),
  ];
  const st = stateFor(makePod('p'));
  const scores = nodes.map((n) => taintTolerationScorer.score(st, n));
  taintTolerationScorer.normalize!(st, scores, nodes);
  assert.deepEqual(scores, [0, 50, 100]);
});

test('preferred node affinity sums matching weights, normalised to the best node', () => {
  const pod = makePod('p', {
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 2, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
          { weight: 5, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } },
          { weight: 9, preference: {} },
        ],
      },
    },
  } as Partial<NonNullable<Pod['spec']>>);
  const nodes = [nodeInfo(makeNode('both', { labels: { zone: 'a', disk: 'ssd' } })), nodeInfo(makeNode('zone', { labels: { zone: 'a' } })), nodeInfo(makeNode('none'))];
  const scorer = new NodeAffinityScorer();
  const st = stateFor(pod);
  assert.equal(scorer.preScore(st), true);
  const scores = nodes.map((n) => scorer.score(st, n));
  assert.deepEqual(scores, [7, 2, 0]);
  scorer.normalize(st, scores);
  assert.deepEqual(scores, [100, 28, 0]);
  assert.equal(scorer.preScore(stateFor(makePod('q'))), false, 'skipped without preferences');
});
