import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../api/types.js';
import { Framework } from './framework.js';
import { fitErrorMessage } from './messages.js';
import { podInfoOf } from './pod-info.js';
import { leastAllocatedScorer } from './scores/least-allocated.js';
import { makeNode, makePod, nodeInfo, podRequesting } from './testutil.js';

const pinned = (name: string, node: string, requests: Record<string, string> = {}): Pod =>
  podRequesting(name, requests, {
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } } },
  } as Partial<NonNullable<Pod['spec']>>);

test('no nodes at all', () => {
  assert.deepEqual(new Framework([]).schedule(podInfoOf(makePod('p')), []), { kind: 'noNodes' });
});

test('the emptier node wins under LeastAllocated', () => {
  const busy = nodeInfo(makeNode('busy'), podRequesting('a', { cpu: '3', memory: '6Gi' }));
  const idle = nodeInfo(makeNode('idle'));
  const fw = new Framework([leastAllocatedScorer]);
  for (let i = 0; i < 5; i++) assert.deepEqual(fw.schedule(podInfoOf(podRequesting('p', { cpu: '500m' })), [busy, idle]), { kind: 'scheduled', node: 'idle', feasible: 2 });
});

test('ties are broken at random among the best nodes', () => {
  const nodes = ['a', 'b', 'c'].map((n) => nodeInfo(makeNode(n)));
  const picks = new Set<string>();
  for (const r of [0, 0.4, 0.99, 0.2, 0.7]) {
    const fw = new Framework([leastAllocatedScorer], undefined, () => r);
    const res = fw.schedule(podInfoOf(makePod('p')), nodes);
    assert.equal(res.kind, 'scheduled');
    if (res.kind === 'scheduled') picks.add(res.node);
  }
  assert.ok(picks.size >= 2, `expected different picks, got ${[...picks]}`);
  assert.equal(new Framework([], undefined, () => 0.99).selectHost([3, 9, 1, 9]), 1);
  assert.equal(new Framework([], undefined, () => 0).selectHost([3, 9, 1, 9]), 3);
  assert.equal(new Framework([], undefined, () => 0).selectHost([3, 9, 10, 9]), 2);
});

test('the first failing filter decides a node: cordoned before tainted before affinity before ports before resources', () => {
  const node = makeNode('n', { unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }], cpu: '1' });
  const res = new Framework([]).schedule(podInfoOf(podRequesting('p', { cpu: '2' }, { nodeSelector: { x: 'y' } })), [nodeInfo(node)]);
  assert.equal(res.kind, 'unschedulable');
  if (res.kind === 'unschedulable') assert.deepEqual(res.diagnosis.nodeStatuses.get('n')?.reasons, ['node(s) were unschedulable']);
});

test('a pod pinned by metadata.name is only tried on that node; others count as not satisfying NodeAffinity', () => {
  const nodes = [nodeInfo(makeNode('a')), nodeInfo(makeNode('b', { cpu: '1' })), nodeInfo(makeNode('c'))];
  const ok = new Framework([]).schedule(podInfoOf(pinned('ds-a', 'a')), nodes);
  assert.deepEqual(ok, { kind: 'scheduled', node: 'a', feasible: 1 });
  const res = new Framework([]).schedule(podInfoOf(pinned('ds-b', 'b', { cpu: '2' })), nodes);
  assert.equal(res.kind, 'unschedulable');
  if (res.kind === 'unschedulable') {
    assert.equal(fitErrorMessage(res.diagnosis), "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  }
  const gone = new Framework([]).schedule(podInfoOf(pinned('ds-x', 'missing')), nodes);
  assert.equal(gone.kind, 'unschedulable');
  if (gone.kind === 'unschedulable') assert.equal(fitErrorMessage(gone.diagnosis), "0/3 nodes are available: 3 node(s) didn't satisfy plugin(s) [NodeAffinity].");
});

test('conflicting name pins fail at PreFilter', () => {
  const pod = makePod('p', {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] }],
        },
      },
    },
  } as Partial<NonNullable<Pod['spec']>>);
  const res = new Framework([]).schedule(podInfoOf(pod), [nodeInfo(makeNode('a')), nodeInfo(makeNode('b'))]);
  assert.equal(res.kind, 'unschedulable');
  if (res.kind === 'unschedulable') assert.equal(fitErrorMessage(res.diagnosis), '0/2 nodes are available: pod affinity terms conflict.');
});
