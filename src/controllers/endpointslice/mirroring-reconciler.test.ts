import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Endpoints } from '../../api/types.js';
import { reconcileMirroring } from './mirroring-reconciler.js';
import { applyWrites } from './test-fixtures.js';

/** The notes' example: a selector-less Service's hand-written Endpoints. */
const notesExample = (): Endpoints => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'service-without-selector', namespace: 'default', uid: 'ep-uid' },
  subsets: [{ addresses: [{ ip: '220.181.38.148' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }],
});

test("the notes' example becomes one slice owned by the Endpoints", () => {
  const r = reconcileMirroring({ endpoints: notesExample(), existingSlices: [] });
  assert.deepEqual([r.create.length, r.update.length, r.delete.length], [1, 0, 0]);
  const s = r.create[0];
  assert.equal(s.metadata?.generateName, 'service-without-selector-');
  assert.deepEqual(s.metadata?.labels, {
    'kubernetes.io/service-name': 'service-without-selector',
    'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
  });
  assert.deepEqual(s.metadata?.ownerReferences, [
    { apiVersion: 'v1', kind: 'Endpoints', name: 'service-without-selector', uid: 'ep-uid', controller: true, blockOwnerDeletion: true },
  ]);
  assert.equal(s.addressType, 'IPv4');
  assert.deepEqual(s.ports, [{ name: 'http', port: 80, protocol: 'TCP' }]);
  assert.deepEqual(s.endpoints, [{ addresses: ['220.181.38.148'], conditions: { ready: true } }]);
  const again = reconcileMirroring({ endpoints: notesExample(), existingSlices: applyWrites([], r) });
  assert.deepEqual([again.create.length, again.update.length, again.delete.length], [0, 0, 0]);
});

test('not-ready addresses, targets, hostnames and families are carried over', () => {
  const ep = notesExample();
  ep.subsets = [
    {
      addresses: [{ ip: '10.1.0.1', hostname: 'db-0', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'default', name: 'db-0', uid: 'u0' } }],
      notReadyAddresses: [{ ip: '10.1.0.2' }, { ip: 'fd00::2' }],
      ports: [{ port: 5432 }],
    },
  ];
  const r = reconcileMirroring({ endpoints: ep, existingSlices: [] });
  const v4 = r.create.find((s) => s.addressType === 'IPv4')!;
  const v6 = r.create.find((s) => s.addressType === 'IPv6')!;
  assert.deepEqual(v4.endpoints, [
    { addresses: ['10.1.0.1'], conditions: { ready: true }, targetRef: { kind: 'Pod', namespace: 'default', name: 'db-0', uid: 'u0' }, nodeName: 'n1', hostname: 'db-0' },
    { addresses: ['10.1.0.2'], conditions: { ready: false } },
  ]);
  assert.deepEqual(v6.endpoints, [{ addresses: ['fd00::2'], conditions: { ready: false } }]);
  assert.deepEqual(v4.ports, [{ name: '', port: 5432, protocol: 'TCP' }]);
});

test('labels and annotations are copied, except the trigger time and last-applied configuration', () => {
  const ep = notesExample();
  ep.metadata!.labels = { team: 'a' };
  ep.metadata!.annotations = {
    keep: 'yes',
    'endpoints.kubernetes.io/last-change-trigger-time': '2024-01-01T00:00:00Z',
    'kubectl.kubernetes.io/last-applied-configuration': '{}',
  };
  const [s] = reconcileMirroring({ endpoints: ep, existingSlices: [] }).create;
  assert.equal(s.metadata?.labels?.team, 'a');
  assert.deepEqual(s.metadata?.annotations, { keep: 'yes' });
  // A label change is an update of the same slice.
  const stored = applyWrites([], { create: [s], update: [], delete: [] });
  ep.metadata!.labels = { team: 'b' };
  const r = reconcileMirroring({ endpoints: ep, existingSlices: stored });
  assert.deepEqual([r.create.length, r.update.length, r.delete.length], [0, 1, 0]);
  assert.equal(r.update[0].metadata?.name, stored[0].metadata?.name);
});

test('changed ports recycle the old slice; emptied subsets delete theirs', () => {
  const stored = applyWrites([], reconcileMirroring({ endpoints: notesExample(), existingSlices: [] }));
  const moved = notesExample();
  moved.subsets![0].ports = [{ name: 'http', port: 8080, protocol: 'TCP' }];
  const r = reconcileMirroring({ endpoints: moved, existingSlices: stored });
  assert.deepEqual([r.create.length, r.update.length, r.delete.length], [0, 1, 0]);
  assert.equal(r.update[0].metadata?.name, stored[0].metadata?.name);
  const empty = notesExample();
  empty.subsets = [];
  const gone = reconcileMirroring({ endpoints: empty, existingSlices: stored });
  assert.deepEqual([gone.create.length, gone.update.length, gone.delete.length], [0, 0, 1]);
});

test('invalid IPs and addresses beyond the per-subset maximum are skipped, with events', () => {
  const ep = notesExample();
  ep.subsets = [{ addresses: [{ ip: 'bogus' }, { ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }], ports: [{ port: 80 }] }];
  const r = reconcileMirroring({ endpoints: ep, existingSlices: [], maxEndpointsPerSubset: 2 });
  assert.equal(r.create[0].endpoints.length, 2);
  assert.deepEqual(r.events, [
    { type: 'Warning', reason: 'InvalidIPAddress', message: 'Skipped 1 invalid IP addresses when mirroring to EndpointSlices' },
    { type: 'Warning', reason: 'TooManyAddressesToMirror', message: 'A max of 2 addresses can be mirrored to EndpointSlices per Endpoints subset. 2 addresses were skipped' },
  ]);
});
