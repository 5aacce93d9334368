import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRINTERS, defaultPrinter, printerFor } from './index.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

test('PRINTERS covers the expected resources', () => {
  assert.deepEqual(Object.keys(PRINTERS).sort(), [
    'configmaps',
    'cronjobs.batch',
    'daemonsets.apps',
    'deployments.apps',
    'endpoints',
    'endpointslices.discovery.k8s.io',
    'events',
    'events.events.k8s.io',
    'ingressclasses.networking.k8s.io',
    'ingresses.networking.k8s.io',
    'jobs.batch',
    'leases.coordination.k8s.io',
    'namespaces',
    'nodes',
    'poddisruptionbudgets.policy',
    'pods',
    'replicasets.apps',
    'secrets',
    'serviceaccounts',
    'services',
    'statefulsets.apps',
  ]);
});

test('every printer yields one cell per column, even for a bare object', () => {
  for (const [key, p] of Object.entries(PRINTERS)) {
    for (const obj of [{}, { metadata: { name: 'n', creationTimestamp: '2024-05-01T11:00:00Z' } }]) {
      const cells = p.row(obj, NOW);
      assert.equal(cells.length, p.columns.length, key);
      for (const c of cells) assert.ok(typeof c === 'string' || typeof c === 'number', `${key}: ${String(c)}`);
    }
    const names = p.columns.filter((c) => c.format === 'name');
    assert.equal(names.length, 1, `${key} has one name column`);
    for (const c of p.columns) {
      assert.ok(c.description.length > 0, `${key}/${c.name} has a description`);
      assert.ok(c.priority === 0 || c.priority === 1, `${key}/${c.name} priority`);
    }
  }
});

test('printerFor resolves group-qualified keys and falls back to NAME/AGE', () => {
  assert.equal(printerFor('pods', ''), PRINTERS.pods);
  assert.equal(printerFor('deployments', 'apps'), PRINTERS['deployments.apps']);
  assert.equal(printerFor('events', 'events.k8s.io'), PRINTERS['events.events.k8s.io']);
  assert.equal(printerFor('widgets', 'example.com'), defaultPrinter);
  assert.equal(printerFor('deployments', ''), defaultPrinter);
});
