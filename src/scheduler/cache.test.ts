import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SchedulerCache } from './cache.js';
import { podInfoOf } from './pod-info.js';
import { makeNode, podRequesting } from './testutil.js';

const bound = (name: string, node: string, cpu = '1') => ({ ...podRequesting(name, { cpu }), spec: { ...podRequesting(name, { cpu }).spec!, nodeName: node } });

test('assumed pods count until confirmed, and confirmation does not double count', () => {
  const c = new SchedulerCache();
  c.setNode(makeNode('n'));
  const info = podInfoOf(podRequesting('p', { cpu: '1' }));
  c.assume(info, 'n');
  assert.equal(c.get('n')!.requested.milliCPU, 1000);
  assert.equal(c.isAssumed('default/p'), true);
  c.addPod(bound('p', 'n'));
  assert.equal(c.isAssumed('default/p'), false);
  assert.equal(c.get('n')!.requested.milliCPU, 1000);
  assert.equal(c.get('n')!.pods.size, 1);
  c.forget('default/p');
  assert.equal(c.get('n')!.pods.size, 1, 'forget leaves confirmed pods alone');
});

test('forgetting an assumed pod frees the capacity', () => {
  const c = new SchedulerCache();
  c.setNode(makeNode('n'));
  c.assume(podInfoOf(podRequesting('p', { cpu: '1' })), 'n');
  c.forget('default/p');
  assert.equal(c.get('n')!.requested.milliCPU, 0);
  assert.equal(c.nodeOf('default/p'), undefined);
});

test('a pod bound elsewhere than assumed moves', () => {
  const c = new SchedulerCache();
  c.setNode(makeNode('a'));
  c.setNode(makeNode('b'));
  c.assume(podInfoOf(podRequesting('p', { cpu: '1' })), 'a');
  c.addPod(bound('p', 'b'));
  assert.equal(c.get('a')!.requested.milliCPU, 0);
  assert.equal(c.get('b')!.requested.milliCPU, 1000);
});

test('pods on unknown nodes are kept; the node appears with them already counted', () => {
  const c = new SchedulerCache();
  c.addPod(bound('early', 'late-node', '2'));
  assert.equal(c.nodeInfos().length, 0);
  c.setNode(makeNode('late-node'));
  assert.equal(c.get('late-node')!.requested.milliCPU, 2000);
  c.removeNode('late-node');
  assert.equal(c.get('late-node'), undefined);
  c.removePod('default/early');
  c.setNode(makeNode('late-node'));
  assert.equal(c.get('late-node')!.requested.milliCPU, 0);
});
