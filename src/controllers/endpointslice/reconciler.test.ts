import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EndpointSlice } from '../../api/types.js';
import { reconcile, type ReconcileInput } from './reconciler.js';
import { allAddresses, applyWrites, node, persist, pod, pods, service } from './test-fixtures.js';

const run = (o: Partial<ReconcileInput> & Pick<ReconcileInput, 'pods'>) => reconcile({ service: service(), existingSlices: [], ...o });

/** Reconciles from nothing and stores the result. */
function initial(n: number, svc = service()): EndpointSlice[] {
  return applyWrites([], reconcile({ service: svc, pods: pods(n), existingSlices: [] }));
}

test('250 endpoints → 3 slices of at most 100, with upstream metadata', () => {
  const r = run({ pods: pods(250) });
  assert.equal(r.create.length, 3);
  assert.deepEqual(r.update, []);
  assert.deepEqual(r.delete, []);
  assert.deepEqual(
    r.create.map((s) => s.endpoints.length),
    [100, 100, 50],
  );
  const s = r.create[0];
  assert.equal(s.metadata?.generateName, 'web-');
  assert.equal(s.addressType, 'IPv4');
  assert.deepEqual(s.metadata?.labels, { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
  assert.deepEqual(s.metadata?.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }]);
  assert.deepEqual(s.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  assert.deepEqual(s.endpoints[0], {
    addresses: ['10.0.0.1'],
    conditions: { ready: true, serving: true, terminating: false },
    targetRef: { kind: 'Pod', namespace: 'default', name: 'p0', uid: 'uid-0' },
    nodeName: 'node-a',
  });
  assert.equal(allAddresses(r.create).length, 250);
});

test('maxEndpointsPerSlice is an option', () => {
  const r = run({ pods: pods(25), maxEndpointsPerSlice: 10 });
  assert.deepEqual(
    r.create.map((s) => s.endpoints.length),
    [10, 10, 5],
  );
});

test('a second reconcile with nothing new writes nothing', () => {
  const stored = initial(250);
  const r = run({ pods: pods(250), existingSlices: stored });
  assert.deepEqual([r.create.length, r.update.length, r.delete.length], [0, 0, 0]);
});

test('one readiness flip updates exactly the one slice holding that pod', () => {
  const stored = initial(250);
  const all = pods(250);
  all[137] = pod(137, { ready: false });
  const r = run({ pods: all, existingSlices: stored });
  assert.deepEqual([r.create.length, r.update.length, r.delete.length], [0, 1, 0]);
  const holder = stored.find((s) => s.endpoints.some((e) => e.targetRef?.name === 'p137'))!;
  assert.equal(r.update[0].metadata?.name, holder.metadata?.name);
  const ep = r.update[0].endpoints.find((e) => e.targetRef?.name === 'p137')!;
  assert.deepEqual(ep.conditions, { ready: false, serving: false, terminating: false });
  assert.equal(r.update[0].endpoints.length, holder.endpoints.length);
  // The informer's objects are never modified.
  assert.equal(holder.endpoints.find((e) => e.targetRef?.name === 'p137')!.conditions?.ready, true);
});

test('churn rules, table-driven', async (t) => {
  const cases: { name: string; check: () => void }[] = [
    {
      name: 'new endpoints top up a slice already being updated (fullest first) instead of touching others',
      check: () => {
        // Slices of 100, 100, 50; p10 (first slice) goes away, 3 pods arrive.
        const stored = initial(250);
        const next = [...pods(250).filter((p) => p.metadata?.name !== 'p10'), ...pods(3, {}, 300)];
        const r = run({ pods: next, existingSlices: stored });
        assert.deepEqual([r.create.length, r.update.length, r.delete.length], [0, 2, 0]);
        const first = stored.find((s) => s.endpoints.some((e) => e.targetRef?.name === 'p10'))!;
        const half = stored.find((s) => s.endpoints.length === 50)!;
        const updated = new Map(r.update.map((s) => [s.metadata?.name, s.endpoints.length]));
        assert.equal(updated.get(first.metadata?.name), 100); // 99 kept + 1 new: topped up first
        // The 2 leftovers go to the half-empty unchanged slice rather than a new one; the other full slice is untouched.
        assert.equal(updated.get(half.metadata?.name), 52);
        assert.equal(allAddresses(applyWrites(stored, r)).length, 252);
      },
    },
    {
      name: 'leftovers go into the unchanged slice they fill best before any create',
      check: () => {
        const stored = applyWrites([], run({ pods: pods(160), maxEndpointsPerSlice: 100 })); // 100 + 60
        const r = run({ pods: pods(165), existingSlices: stored });
        assert.deepEqual([r.create.length, r.update.length, r.delete.length], [0, 1, 0]);
        assert.equal(r.update[0].endpoints.length, 65);
      },
    },
    {
      name: 'leftovers that fit nowhere create a new slice and leave full slices alone',
      check: () => {
        const stored = initial(200); // 100 + 100
        const r = run({ pods: pods(230), existingSlices: stored });
        assert.deepEqual([r.create.length, r.update.length, r.delete.length], [1, 0, 0]);
        assert.equal(r.create[0].endpoints.length, 30);
      },
    },
    {
      name: 'a create paired with a delete becomes one update of the deleted slice',
      check: () => {
        const stored = initial(10);
        // The target port moves: the old port mapping's slice empties, a new one is needed.
        const svc = service({ spec: { ports: [{ name: 'http', port: 80, targetPort: 9090, protocol: 'TCP' }] } });
        const r = reconcile({ service: svc, pods: pods(10), existingSlices: stored });
        assert.deepEqual([r.create.length, r.update.length, r.delete.length], [0, 1, 0]);
        assert.equal(r.update[0].metadata?.name, stored[0].metadata?.name);
        assert.deepEqual(r.update[0].ports, [{ name: 'http', port: 9090, protocol: 'TCP' }]);
        assert.equal(r.update[0].endpoints.length, 10);
      },
    },
    {
      name: 'all pods gone: the last slice becomes the empty placeholder (update, not delete + create)',
      check: () => {
        const stored = initial(5);
        const r = run({ pods: [], existingSlices: stored });
        assert.deepEqual([r.create.length, r.update.length, r.delete.length], [0, 1, 0]);
        assert.deepEqual(r.update[0].endpoints, []);
        assert.deepEqual(r.update[0].ports, []);
      },
    },
    {
      name: 'a Service with no pods gets one placeholder, kept as is on later syncs',
      check: () => {
        const r = run({ pods: [] });
        assert.equal(r.create.length, 1);
        assert.deepEqual(r.create[0].endpoints, []);
        const again = run({ pods: [], existingSlices: persist(r.create) });
        assert.deepEqual([again.create.length, again.update.length, again.delete.length], [0, 0, 0]);
      },
    },
    {
      name: 'a slice owned by another Service UID is deleted, not recycled',
      check: () => {
        const stored = initial(3, service({ metadata: { uid: 'old-uid' } }));
        const r = run({ pods: pods(3), existingSlices: stored });
        assert.deepEqual([r.create.length, r.update.length, r.delete.length], [1, 0, 1]);
      },
    },
    {
      name: 'an endpoint listed twice is kept once',
      check: () => {
        const stored = initial(3);
        const dup = persist([{ ...structuredClone(stored[0]), metadata: { ...stored[0].metadata, name: 'web-dup', uid: 'dup' } }]);
        const r = run({ pods: pods(3), existingSlices: [...stored, ...dup] });
        assert.equal(r.delete.length, 1);
        assert.equal(r.delete[0].metadata?.name, 'web-dup');
      },
    },
    {
      name: 'Service label changes are mirrored onto the slices (labels-only update)',
      check: () => {
        const stored = initial(3);
        const svc = service({ metadata: { labels: { tier: 'front' } } });
        const r = reconcile({ service: svc, pods: pods(3), existingSlices: stored });
        assert.equal(r.update.length, 1);
        assert.equal(r.update[0].metadata?.labels?.tier, 'front');
        assert.equal(r.update[0].metadata?.labels?.['kubernetes.io/service-name'], 'web');
      },
    },
    {
      name: 'a Service being deleted gets no new slices',
      check: () => {
        const svc = service({ metadata: { deletionTimestamp: '2024-01-01T00:00:00Z' } });
        const r = reconcile({ service: svc, pods: pods(3), existingSlices: [] });
        assert.equal(r.create.length, 0);
      },
    },
  ];
  for (const c of cases) await t.test(c.name, c.check);
});

test('port mappings: pods resolving a named targetPort differently get separate slices', () => {
  const svc = service({ spec: { ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] } });
  const ps = [
    pod(0, { ports: [{ name: 'web', containerPort: 8080 }] }),
    pod(1, { ports: [{ name: 'web', containerPort: 8080 }] }),
    pod(2, { ports: [{ name: 'web', containerPort: 9090 }] }),
    pod(3, { ports: [{ name: 'other', containerPort: 7070 }] }),
  ];
  const r = reconcile({ service: svc, pods: ps, existingSlices: [] });
  const byPorts = new Map(r.create.map((s) => [JSON.stringify(s.ports), s.endpoints.map((e) => e.targetRef?.name)]));
  assert.deepEqual(byPorts.get(JSON.stringify([{ name: 'http', port: 8080, protocol: 'TCP' }])), ['p0', 'p1']);
  assert.deepEqual(byPorts.get(JSON.stringify([{ name: 'http', port: 9090, protocol: 'TCP' }])), ['p2']);
  assert.deepEqual(byPorts.get('[]'), ['p3']); // no port resolved: still an endpoint, in a port-less slice
});

test('address types: one slice family per ipFamily; slices of a dropped family are deleted', () => {
  const dual = service({ spec: { ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' } });
  const ps = [pod(0, { ips: ['10.0.0.1', 'fd00::1'] }), pod(1, { ips: ['10.0.0.2', 'fd00:0:0::2'] })];
  const r = reconcile({ service: dual, pods: ps, existingSlices: [] });
  assert.deepEqual(r.create.map((s) => s.addressType).sort(), ['IPv4', 'IPv6']);
  const v6 = r.create.find((s) => s.addressType === 'IPv6')!;
  assert.deepEqual(allAddresses([v6]), ['fd00::1', 'fd00::2']);
  const stored = persist(r.create);
  const single = reconcile({ service: service(), pods: ps, existingSlices: stored });
  assert.deepEqual(
    single.delete.map((s) => s.addressType),
    ['IPv6'],
  );
  assert.equal(single.create.length + single.update.length, 0);
});

test('which pods become endpoints, and with which conditions', () => {
  const ps = [
    pod(0),
    pod(1, { ready: false }),
    pod(2, { terminating: true }),
    pod(3, { terminating: true, ready: false }),
    pod(4, { ips: [] }),
    pod(5, { phase: 'Succeeded' }),
    pod(6, { phase: 'Failed', ready: false }),
    pod(7, { hostname: 'web-7', subdomain: 'web' }),
    pod(8, { hostname: 'other', subdomain: 'elsewhere' }),
  ];
  const cond = (svc = service()) => {
    const [s] = reconcile({ service: svc, pods: ps, existingSlices: [] }).create;
    return Object.fromEntries(s.endpoints.map((e) => [e.targetRef!.name!, e]));
  };
  const eps = cond();
  assert.deepEqual(Object.keys(eps).sort(), ['p0', 'p1', 'p2', 'p3', 'p7', 'p8']);
  assert.deepEqual(eps.p1.conditions, { ready: false, serving: false, terminating: false });
  assert.deepEqual(eps.p2.conditions, { ready: false, serving: true, terminating: true });
  assert.deepEqual(eps.p3.conditions, { ready: false, serving: false, terminating: true });
  assert.equal(eps.p7.hostname, 'web-7');
  assert.equal(eps.p8.hostname, undefined);
  const published = cond(service({ spec: { publishNotReadyAddresses: true } }));
  assert.deepEqual(published.p3.conditions, { ready: true, serving: false, terminating: true });
});

test('zones come from node labels; a pod on an unknown node is skipped and reported', () => {
  const nodes = new Map([['node-a', node('node-a', 'zone-a')]]);
  const ps = [pod(0), pod(1, { node: 'node-gone' })];
  const r = reconcile({ service: service(), pods: ps, existingSlices: [], getNode: (n) => nodes.get(n) });
  assert.deepEqual(
    r.create[0].endpoints.map((e) => [e.targetRef?.name, e.zone]),
    [['p0', 'zone-a']],
  );
  assert.deepEqual(r.errors, ['skipping Pod p1 for Service default/web: Node node-gone Not Found']);
  const pub = reconcile({ service: service({ spec: { publishNotReadyAddresses: true } }), pods: ps, existingSlices: [], getNode: (n) => nodes.get(n) });
  assert.equal(pub.create[0].endpoints.length, 2);
});

test('written slices carry the last-change trigger time (RFC 3339, UTC)', () => {
  const r = run({ pods: pods(2), triggerTime: Date.UTC(2024, 4, 6, 7, 8, 9) });
  assert.equal(r.create[0].metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'], '2024-05-06T07:08:09Z');
  const stored = persist(r.create);
  const all = pods(2);
  all[0] = pod(0, { ready: false });
  const u = run({ pods: all, existingSlices: stored });
  assert.equal(u.update[0].metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'], undefined);
});

test('headless Services: slices carry the headless label and may have no ports', () => {
  const svc = service({ spec: { clusterIP: 'None', ports: [] } });
  const [s] = reconcile({ service: svc, pods: pods(2), existingSlices: [] }).create;
  assert.equal(s.metadata?.labels?.['service.kubernetes.io/headless'], '');
  assert.deepEqual(s.ports, []);
  assert.equal(s.endpoints.length, 2);
});
