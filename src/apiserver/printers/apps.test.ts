import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../../api/types.js';
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './apps.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const meta = { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T11:55:00Z' };
const template = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'app', image: 'nginx:1.27' },
      { name: 'log', image: 'busybox' },
    ],
  },
};

test('deployments', () => {
  const d: Deployment = {
    metadata: meta,
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
    status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  };
  assert.deepEqual(deploymentPrinter.row(d, NOW), ['web', '2/3', 3, 2, '5m', 'app,log', 'nginx:1.27,busybox', 'app=web']);
  const fresh: Deployment = { metadata: meta, spec: { selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] }, template } };
  assert.deepEqual(deploymentPrinter.row(fresh, NOW).slice(1, 4), ['0/1', 0, 0]);
  assert.equal(deploymentPrinter.row(fresh, NOW)[7], 'tier in (a,b)');
  const empty: Deployment = { metadata: meta, spec: { selector: {}, template } };
  assert.equal(deploymentPrinter.row(empty, NOW)[7], '');
  const bad: Deployment = { metadata: meta, spec: { selector: { matchExpressions: [{ key: 'x', operator: 'Bogus' }] }, template } };
  assert.equal(deploymentPrinter.row(bad, NOW)[7], '<invalid>');
  assert.deepEqual(
    deploymentPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`),
    ['Name:string:0', 'Ready:string:0', 'Up-to-date:string:0', 'Available:string:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1'],
  );
});

test('replicasets', () => {
  const rs: ReplicaSet = { metadata: meta, spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } }, template }, status: { replicas: 3, readyReplicas: 1 } };
  assert.deepEqual(replicaSetPrinter.row(rs, NOW), ['web', 3, 3, 1, '5m', 'app,log', 'nginx:1.27,busybox', 'app=web,pod-template-hash=abc']);
  const bare: ReplicaSet = { metadata: meta, spec: { selector: {} }, status: { replicas: 0 } };
  assert.deepEqual(replicaSetPrinter.row(bare, NOW), ['web', 1, 0, 0, '5m', '', '', '<none>']);
});

test('statefulsets', () => {
  const ss: StatefulSet = { metadata: meta, spec: { replicas: 2, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 2, readyReplicas: 1 } };
  assert.deepEqual(statefulSetPrinter.row(ss, NOW), ['web', '1/2', '5m', 'app,log', 'nginx:1.27,busybox']);
  assert.deepEqual(
    statefulSetPrinter.columns.map((c) => c.name),
    ['Name', 'Ready', 'Age', 'Containers', 'Images'],
  );
});

test('daemonsets', () => {
  const ds: DaemonSet = {
    metadata: meta,
    spec: { selector: { matchLabels: { app: 'web' } }, template: { ...template, spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
    status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0 },
  };
  assert.deepEqual(daemonSetPrinter.row(ds, NOW), ['web', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '5m', 'app,log', 'nginx:1.27,busybox', 'app=web']);
  const noSel: DaemonSet = { metadata: meta, spec: { selector: { matchLabels: { app: 'web' } }, template } };
  assert.equal(daemonSetPrinter.row(noSel, NOW)[6], '<none>');
  assert.deepEqual(
    daemonSetPrinter.columns.map((c) => `${c.name}:${c.priority}`),
    ['Name:0', 'Desired:0', 'Current:0', 'Ready:0', 'Up-to-date:0', 'Available:0', 'Node Selector:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1'],
  );
});
