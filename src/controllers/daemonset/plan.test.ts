import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DaemonSet, Node, Pod } from '../../api/types.js';
import { DS_REVISION_LABEL, addDaemonPodTolerations, nodeShouldRunDaemonPod, scaledValue, targetNodeName, withNodeNameAffinity } from './eligibility.js';
import { type NodePods, daemonSetCounts, podsShouldBeOnNode, rollingUpdatePlan } from './plan.js';

const NOW = Date.parse('2024-05-01T10:00:00Z');

function ds(extra: Partial<NonNullable<DaemonSet['spec']>> = {}, podSpec: Record<string, unknown> = {}): DaemonSet {
  return {
    metadata: { name: 'agent', namespace: 'kube-system', uid: 'ds-uid', generation: 1 },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent:1' }], ...podSpec } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      ...extra,
    },
  };
}

function node(name: string, labels: Record<string, string> = {}, taints: NonNullable<Node['spec']>['taints'] = []): Node {
  return { metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec: { taints }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
}

function pod(name: string, nodeName: string, hash: string, ready = true, extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    metadata: { name, namespace: 'kube-system', creationTimestamp: '2024-05-01T09:00:00Z', labels: { app: 'agent', [DS_REVISION_LABEL]: hash }, ...extra },
    spec: { nodeName, containers: [] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2024-05-01T09:00:00Z' }] },
  };
}

test('daemon pods tolerate the node-problem taints; node eligibility follows selector, affinity and taints', () => {
  const spec = { containers: [], hostNetwork: true, tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] };
  addDaemonPodTolerations(spec);
  assert.deepEqual(
    spec.tolerations.map((t) => `${t.key}:${t.effect}:${'tolerationSeconds' in t ? t.tolerationSeconds : '-'}`),
    [
      'node.kubernetes.io/not-ready:NoExecute:-',
      'node.kubernetes.io/unreachable:NoExecute:-',
      'node.kubernetes.io/disk-pressure:NoSchedule:-',
      'node.kubernetes.io/memory-pressure:NoSchedule:-',
      'node.kubernetes.io/pid-pressure:NoSchedule:-',
      'node.kubernetes.io/unschedulable:NoSchedule:-',
      'node.kubernetes.io/network-unavailable:NoSchedule:-',
    ],
  );
  const sel = ds({}, { nodeSelector: { disk: 'ssd' } });
  assert.deepEqual(nodeShouldRunDaemonPod(node('a', { disk: 'ssd' }), sel), { shouldRun: true, shouldContinueRunning: true });
  assert.deepEqual(nodeShouldRunDaemonPod(node('b'), sel), { shouldRun: false, shouldContinueRunning: false });
  const aff = ds({}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] }] } } } });
  assert.equal(nodeShouldRunDaemonPod(node('c', { zone: 'x' }), aff).shouldRun, true);
  assert.equal(nodeShouldRunDaemonPod(node('c', { zone: 'y' }), aff).shouldRun, false);
  // Untolerated NoSchedule: no new pod, existing one stays; untolerated NoExecute: neither.
  assert.deepEqual(nodeShouldRunDaemonPod(node('d', {}, [{ key: 'gpu', effect: 'NoSchedule' }]), ds()), { shouldRun: false, shouldContinueRunning: true });
  assert.deepEqual(nodeShouldRunDaemonPod(node('e', {}, [{ key: 'gpu', effect: 'NoExecute' }]), ds()), { shouldRun: false, shouldContinueRunning: false });
  // Node-problem taints are tolerated automatically.
  assert.equal(nodeShouldRunDaemonPod(node('f', {}, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]), ds()).shouldRun, true);
  assert.equal(nodeShouldRunDaemonPod(node('g'), ds({}, { nodeName: 'other' })).shouldRun, false);
});

test('pods target their node through metadata.name node affinity', () => {
  const spec = { containers: [], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] }] } } } };
  withNodeNameAffinity(spec, 'n1');
  assert.deepEqual(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution, { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] });
  assert.equal(targetNodeName({ spec }), 'n1');
  assert.equal(targetNodeName({ spec: { containers: [], nodeName: 'bound' } }), 'bound');
  assert.equal(targetNodeName({ spec: { containers: [] } }), undefined);
});

test('manage: create where missing, delete extras (oldest kept), failed pods and pods that must not stay', () => {
  const d = ds();
  assert.equal(podsShouldBeOnNode(node('a'), undefined, d, 'h1', NOW).create, true);
  const older = pod('old', 'a', 'h1', true, { creationTimestamp: '2024-05-01T08:00:00Z' });
  const newer = pod('new', 'a', 'h1');
  assert.deepEqual(podsShouldBeOnNode(node('a'), [newer, older], d, 'h1', NOW).delete.map((p) => p.metadata?.name), ['new']);
  const failed = { ...pod('f', 'a', 'h1'), status: { phase: 'Failed' } };
  assert.deepEqual(podsShouldBeOnNode(node('a'), [failed], d, 'h1', NOW).failed.map((p) => p.metadata?.name), ['f']);
  const tainted = node('a', {}, [{ key: 'evict', effect: 'NoExecute' }]);
  assert.deepEqual(podsShouldBeOnNode(tainted, [older], d, 'h1', NOW).delete.map((p) => p.metadata?.name), ['old']);
});

test('rolling update without surge: at most maxUnavailable old pods deleted; unavailable old pods always', () => {
  const nodes = [node('a'), node('b'), node('c')];
  const pods: NodePods = new Map([
    ['a', [pod('pa', 'a', 'old')]],
    ['b', [pod('pb', 'b', 'old')]],
    ['c', [pod('pc', 'c', 'old', false)]],
  ]);
  const plan = rollingUpdatePlan(ds(), nodes, pods, 'new', NOW);
  assert.deepEqual(plan.deletePods.map((p) => p.metadata?.name), ['pc'], 'the unavailable one uses up the budget of 1');
  const healthy: NodePods = new Map([
    ['a', [pod('pa', 'a', 'old')]],
    ['b', [pod('pb', 'b', 'old')]],
    ['c', [pod('pc', 'c', 'new')]],
  ]);
  assert.deepEqual(rollingUpdatePlan(ds(), nodes, healthy, 'new', NOW).deletePods.map((p) => p.metadata?.name), ['pa']);
  const two = ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%', maxSurge: 0 } } });
  assert.equal(scaledValue('50%', 3, 0), 2, 'percentages round up');
  assert.deepEqual(rollingUpdatePlan(two, nodes, healthy, 'new', NOW).deletePods.map((p) => p.metadata?.name), ['pa', 'pb']);
});

test('rolling update with surge: new pods beside old ones, old ones deleted once the new are available', () => {
  const surge = ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } });
  const nodes = [node('a'), node('b')];
  const start: NodePods = new Map([
    ['a', [pod('pa', 'a', 'old')]],
    ['b', [pod('pb', 'b', 'old')]],
  ]);
  assert.deepEqual(rollingUpdatePlan(surge, nodes, start, 'new', NOW), { deletePods: [], createOn: ['a'] });
  const surging: NodePods = new Map([
    ['a', [pod('pa', 'a', 'old'), pod('pa2', 'a', 'new', false)]],
    ['b', [pod('pb', 'b', 'old')]],
  ]);
  assert.deepEqual(rollingUpdatePlan(surge, nodes, surging, 'new', NOW), { deletePods: [], createOn: [] }, 'one surge in flight');
  const availableNew: NodePods = new Map([
    ['a', [pod('pa', 'a', 'old'), pod('pa2', 'a', 'new')]],
    ['b', [pod('pb', 'b', 'old')]],
  ]);
  const p = rollingUpdatePlan(surge, nodes, availableNew, 'new', NOW);
  assert.deepEqual(p.deletePods.map((x) => x.metadata?.name), ['pa']);
  assert.deepEqual(p.createOn, ['b']);
});

test('status counters', () => {
  const d = ds({}, { nodeSelector: { role: 'x' } });
  const nodes = [node('a', { role: 'x' }), node('b', { role: 'x' }), node('c', { role: 'x' }), node('z')];
  const pods: NodePods = new Map([
    ['a', [pod('pa', 'a', 'h')]],
    ['b', [pod('pb', 'b', 'old', false)]],
    ['z', [pod('pz', 'z', 'h')]],
  ]);
  assert.deepEqual(daemonSetCounts(d, nodes, pods, 'h', NOW), {
    desiredNumberScheduled: 3,
    currentNumberScheduled: 2,
    numberMisscheduled: 1,
    numberReady: 1,
    updatedNumberScheduled: 1,
    numberAvailable: 1,
    numberUnavailable: 2,
  });
});
