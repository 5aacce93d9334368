import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Framework } from './framework.js';
import { evaluatePreemption, selectVictims } from './preemption.js';
import { podInfoOf } from './pod-info.js';
import type { NodeInfo } from './node-info.js';
import type { Pod } from '../api/types.js';
import { makeNode, makePod, nodeInfo, podRequesting, stateFor } from './testutil.js';

function failing(pod: Pod, nodes: NodeInfo[]) {
  const res = new Framework([]).schedule(podInfoOf(pod), nodes);
  assert.equal(res.kind, 'unschedulable');
  if (res.kind !== 'unschedulable') throw new Error('unreachable');
  return res;
}

const prio = (p: Pod, priority: number): Pod => ({ ...p, spec: { ...p.spec!, priority } });

test('nodes rejected for unresolvable reasons are not helpful; resource-short nodes without lower-priority pods have no victims', () => {
  const nodes = [
    nodeInfo(makeNode('full', { cpu: '1' }), podRequesting('a', { cpu: '1' })),
    nodeInfo(makeNode('tainted', { taints: [{ key: 'k', effect: 'NoSchedule' }] })),
  ];
  const res = failing(podRequesting('p', { cpu: '500m' }), nodes);
  const out = evaluatePreemption(res.state, nodes, res.diagnosis);
  assert.equal(out.candidate, undefined);
  assert.equal(out.nominate, '', 'a stale nomination is cleared');
  assert.equal(out.message, 'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.');
});

test('when no node could be helped the message says so for all of them', () => {
  const nodes = [nodeInfo(makeNode('a', { unschedulable: true })), nodeInfo(makeNode('b', { ready: 'False' }))];
  const res = failing(makePod('p'), nodes);
  assert.equal(evaluatePreemption(res.state, nodes, res.diagnosis).message, 'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
});

test('preemptionPolicy Never makes the pod ineligible', () => {
  const nodes = [nodeInfo(makeNode('full', { cpu: '1' }), podRequesting('a', { cpu: '1' }))];
  const res = failing(podRequesting('p', { cpu: '1' }, { preemptionPolicy: 'Never', priority: 1000 }), nodes);
  const out = evaluatePreemption(res.state, nodes, res.diagnosis);
  assert.equal(out.message, 'preemption: not eligible due to preemptionPolicy=Never.');
  assert.equal(out.nominate, undefined);
});

test('a higher-priority pod gets the node needing the least disruption, keeping what it can', () => {
  const n1 = nodeInfo(makeNode('n1', { cpu: '2' }), prio(podRequesting('low-1', { cpu: '1' }), 10), prio(podRequesting('low-2', { cpu: '1' }), 10));
  const n2 = nodeInfo(makeNode('n2', { cpu: '2' }), prio(podRequesting('mid', { cpu: '2' }), 50));
  const pod = prio(podRequesting('p', { cpu: '1' }), 100);
  const res = failing(pod, [n1, n2]);
  const out = evaluatePreemption(res.state, [n1, n2], res.diagnosis);
  assert.equal(out.message, '');
  assert.equal(out.candidate?.node, 'n1', 'lowest highest-victim priority wins');
  assert.equal(out.nominate, 'n1');
  assert.deepEqual(out.candidate?.victims.map((v) => v.name), ['low-2'], 'one of the two is reprieved');
});

test('victims are only lower-priority pods, and removing them must be enough', () => {
  const n = nodeInfo(makeNode('n', { cpu: '2' }), prio(podRequesting('same', { cpu: '1' }), 100), prio(podRequesting('low', { cpu: '500m' }), 0));
  const st = selectVictims(stateFor(prio(podRequesting('p', { cpu: '2' }), 100)), n);
  assert.ok(!Array.isArray(st));
  assert.deepEqual(st.reasons, ['Insufficient cpu']);
});

test('a pod waiting for its victims to terminate does not preempt again', () => {
  const dying = prio(podRequesting('victim', { cpu: '1' }), 0);
  dying.metadata!.deletionTimestamp = '2024-01-01T00:00:00Z';
  dying.status = { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] };
  const n = nodeInfo(makeNode('n', { cpu: '1' }), dying);
  const pod = prio(podRequesting('p', { cpu: '1' }), 100);
  pod.status = { nominatedNodeName: 'n' };
  const res = failing(pod, [n]);
  const out = evaluatePreemption(res.state, [n], res.diagnosis);
  assert.equal(out.message, 'preemption: not eligible due to a terminating pod on the nominated node.');
  assert.equal(out.candidate, undefined);
});
