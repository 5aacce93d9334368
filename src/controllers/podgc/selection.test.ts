import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from '../../api/types.js';
import { ORPHANED_CONDITION, failedStatusPatch, missingNodes, terminatedPodsToDelete, terminatingPodsOnOutOfServiceNodes, unscheduledTerminatingPods } from './selection.js';

function pod(name: string, phase: string, created: string, extra: { node?: string; deleting?: boolean; reason?: string } = {}): Pod {
  return {
    metadata: { name, namespace: 'default', creationTimestamp: created, deletionTimestamp: extra.deleting ? '2024-01-01T00:00:00Z' : undefined },
    spec: { containers: [], nodeName: extra.node },
    status: { phase, reason: extra.reason },
  };
}

test('terminated pods beyond the threshold go, evicted first, then oldest, then by name', () => {
  const pods = [
    pod('running', 'Running', '2024-01-01T00:00:00Z'),
    pod('s-new', 'Succeeded', '2024-01-03T00:00:00Z'),
    pod('f-old', 'Failed', '2024-01-01T00:00:00Z'),
    pod('b-same', 'Succeeded', '2024-01-02T00:00:00Z'),
    pod('a-same', 'Failed', '2024-01-02T00:00:00Z'),
    pod('evicted', 'Failed', '2024-01-04T00:00:00Z', { reason: 'Evicted' }),
  ];
  assert.deepEqual(terminatedPodsToDelete(pods, 5), []);
  assert.deepEqual(terminatedPodsToDelete(pods, 2).map((p) => p.metadata?.name), ['evicted', 'f-old', 'a-same']);
  assert.deepEqual(terminatedPodsToDelete(pods, 0), [], 'a threshold of 0 disables');
});

test('terminating pods on not-ready out-of-service nodes', () => {
  const oos = { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' };
  const nodes: Record<string, Node> = {
    down: { metadata: { name: 'down' }, spec: { taints: [oos] }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } },
    ready: { metadata: { name: 'ready' }, spec: { taints: [oos] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    plain: { metadata: { name: 'plain' }, spec: {}, status: { conditions: [{ type: 'Ready', status: 'False' }] } },
  };
  const pods = [
    pod('t-down', 'Running', '2024-01-01T00:00:00Z', { node: 'down', deleting: true }),
    pod('live-down', 'Running', '2024-01-01T00:00:00Z', { node: 'down' }),
    pod('t-ready', 'Running', '2024-01-01T00:00:00Z', { node: 'ready', deleting: true }),
    pod('t-plain', 'Running', '2024-01-01T00:00:00Z', { node: 'plain', deleting: true }),
  ];
  assert.deepEqual(terminatingPodsOnOutOfServiceNodes(pods, (n) => nodes[n]).map((p) => p.metadata?.name), ['t-down']);
});

test('orphans and unscheduled terminating pods', () => {
  const pods = [pod('a', 'Running', 'x', { node: 'gone' }), pod('b', 'Running', 'x', { node: 'here' }), pod('c', 'Pending', 'x', { deleting: true }), pod('d', 'Pending', 'x')];
  assert.deepEqual([...missingNodes(pods, new Set(['here']))], ['gone']);
  assert.deepEqual(unscheduledTerminatingPods(pods).map((p) => p.metadata?.name), ['c']);
});

test('a pod is marked Failed (with the condition) before deletion unless already terminal', () => {
  const running = pod('a', 'Running', 'x');
  assert.deepEqual(failedStatusPatch(running, ORPHANED_CONDITION, 'T'), {
    status: { phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists', lastTransitionTime: 'T' }] },
  });
  assert.deepEqual(failedStatusPatch(running), { status: { phase: 'Failed' } });
  assert.equal(failedStatusPatch(pod('b', 'Succeeded', 'x'), ORPHANED_CONDITION), undefined);
});
