import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createdAtPrinter, defaultPrinter, leasePrinter, podDisruptionBudgetPrinter } from './misc.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const meta = { name: 'x', creationTimestamp: '2024-05-01T11:59:00Z' };

test('leases show the holder', () => {
  assert.deepEqual(leasePrinter.row({ metadata: meta, spec: { holderIdentity: 'skiff-0_abc' } }, NOW), ['x', 'skiff-0_abc', '60s']);
  assert.deepEqual(leasePrinter.row({ metadata: meta, spec: {} }, NOW), ['x', '', '60s']);
  assert.deepEqual(
    leasePrinter.columns.map((c) => c.name),
    ['Name', 'Holder', 'Age'],
  );
});

test('poddisruptionbudgets show int-or-string bounds', () => {
  assert.deepEqual(podDisruptionBudgetPrinter.row({ metadata: meta, spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 } }, NOW), ['x', '2', 'N/A', 1, '60s']);
  assert.deepEqual(podDisruptionBudgetPrinter.row({ metadata: meta, spec: { maxUnavailable: '25%' } }, NOW), ['x', 'N/A', '25%', 0, '60s']);
  assert.deepEqual(
    podDisruptionBudgetPrinter.columns.map((c) => `${c.name}:${c.type}`),
    ['Name:string', 'Min Available:string', 'Max Unavailable:string', 'Allowed Disruptions:integer', 'Age:string'],
  );
});

test('default and created-at printers', () => {
  assert.deepEqual(defaultPrinter.row({ metadata: meta }, NOW), ['x', '60s']);
  assert.deepEqual(defaultPrinter.row({}, NOW), ['', '<unknown>']);
  assert.deepEqual(
    defaultPrinter.columns.map((c) => `${c.name}:${c.format}`),
    ['Name:name', 'Age:'],
  );
  assert.deepEqual(createdAtPrinter.row({ metadata: { name: 'admin', creationTimestamp: '2024-05-01T11:59:00.250Z' } }, NOW), ['admin', '2024-05-01T11:59:00Z']);
  assert.deepEqual(createdAtPrinter.row({ metadata: { name: 'admin' } }, NOW), ['admin', '0001-01-01T00:00:00Z']);
  assert.deepEqual(
    createdAtPrinter.columns.map((c) => `${c.name}:${c.type}`),
    ['Name:string', 'Created At:date'],
  );
});
