import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../../api/types.js';
import { configMapPrinter, namespacePrinter, nodePrinter, secretPrinter, serviceAccountPrinter } from './core.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const meta = (name: string) => ({ name, creationTimestamp: '2024-04-28T12:00:00Z' });

function node(o: { ready?: string; unschedulable?: boolean; labels?: Record<string, string>; extraConditions?: { type: string; status: string }[] }): Node {
  const conditions = [...(o.extraConditions ?? [])];
  if (o.ready) conditions.push({ type: 'Ready', status: o.ready });
  return {
    metadata: { ...meta('n1'), labels: o.labels },
    spec: o.unschedulable ? { unschedulable: true } : {},
    status: { conditions },
  };
}

test('node STATUS and ROLES', () => {
  const cases: [string, Node, string, string][] = [
    ['ready', node({ ready: 'True' }), 'Ready', '<none>'],
    ['not ready', node({ ready: 'False' }), 'NotReady', '<none>'],
    ['ready unknown', node({ ready: 'Unknown' }), 'NotReady', '<none>'],
    ['no ready condition', node({ extraConditions: [{ type: 'MemoryPressure', status: 'False' }] }), 'Unknown', '<none>'],
    ['cordoned', node({ ready: 'True', unschedulable: true }), 'Ready,SchedulingDisabled', '<none>'],
    ['cordoned unknown', node({ unschedulable: true }), 'Unknown,SchedulingDisabled', '<none>'],
    [
      'roles from both label styles, sorted and unique',
      node({ ready: 'True', labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'worker', other: 'x' } }),
      'Ready',
      'control-plane,worker',
    ],
    ['empty role suffix and empty role value ignored', node({ ready: 'True', labels: { 'node-role.kubernetes.io/': '', 'kubernetes.io/role': '' } }), 'Ready', '<none>'],
  ];
  for (const [name, n, status, roles] of cases) {
    const cells = nodePrinter.row(n, NOW);
    assert.deepEqual(cells.slice(0, 4), ['n1', status, roles, '3d'], name);
  }
});

test('node version and wide columns', () => {
  const n = node({ ready: 'True' });
  assert.deepEqual(nodePrinter.row(n, NOW).slice(4), ['', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  n.status!.nodeInfo = {
    kubeletVersion: 'v1.32.0-skiff',
    osImage: 'Debian GNU/Linux 12',
    kernelVersion: '6.1.0',
    containerRuntimeVersion: 'skiff://0.1.0',
    architecture: 'amd64',
    bootID: '',
    kubeProxyVersion: '',
    machineID: '',
    operatingSystem: 'linux',
    systemUUID: '',
  };
  n.status!.addresses = [
    { type: 'Hostname', address: 'n1' },
    { type: 'InternalIP', address: '192.168.1.10' },
    { type: 'InternalIP', address: '192.168.1.11' },
    { type: 'ExternalIP', address: '203.0.113.7' },
  ];
  assert.deepEqual(nodePrinter.row(n, NOW).slice(4), ['v1.32.0-skiff', '192.168.1.10', '203.0.113.7', 'Debian GNU/Linux 12', '6.1.0', 'skiff://0.1.0']);
  assert.deepEqual(
    nodePrinter.columns.map((c) => `${c.name}:${c.priority}`),
    ['Name:0', 'Status:0', 'Roles:0', 'Age:0', 'Version:0', 'Internal-IP:1', 'External-IP:1', 'OS-Image:1', 'Kernel-Version:1', 'Container-Runtime:1'],
  );
});

test('namespaces, configmaps, secrets, serviceaccounts', () => {
  assert.deepEqual(namespacePrinter.row({ metadata: meta('default'), status: { phase: 'Active' } }, NOW), ['default', 'Active', '3d']);
  assert.deepEqual(namespacePrinter.row({ metadata: meta('old'), status: { phase: 'Terminating' } }, NOW), ['old', 'Terminating', '3d']);

  assert.deepEqual(configMapPrinter.row({ metadata: meta('cm') }, NOW), ['cm', 0, '3d']);
  assert.deepEqual(configMapPrinter.row({ metadata: meta('cm'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }, NOW), ['cm', 3, '3d']);

  assert.deepEqual(secretPrinter.row({ metadata: meta('s'), type: 'kubernetes.io/tls', data: { 'tls.crt': 'x', 'tls.key': 'y' } }, NOW), ['s', 'kubernetes.io/tls', 2, '3d']);
  assert.deepEqual(secretPrinter.row({ metadata: meta('s'), data: { a: 'x' }, stringData: { a: 'y', b: 'z' } }, NOW), ['s', 'Opaque', 2, '3d']);
  assert.deepEqual(
    secretPrinter.columns.map((c) => c.name),
    ['Name', 'Type', 'Data', 'Age'],
  );

  assert.deepEqual(serviceAccountPrinter.row({ metadata: meta('default') }, NOW), ['default', 0, '3d']);
  assert.deepEqual(serviceAccountPrinter.row({ metadata: meta('builder'), secrets: [{ name: 'tok' }] }, NOW), ['builder', 1, '3d']);
});
