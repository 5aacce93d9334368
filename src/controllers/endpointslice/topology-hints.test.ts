import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EndpointSlice, Pod } from '../../api/types.js';
import { reconcile } from './reconciler.js';
import { applyWrites, node, pod, service } from './test-fixtures.js';
import { givingAndReceivingZones, serviceOverloaded, TopologyCache } from './topology-hints.js';

const AUTO = { annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } };

/** Pods spread over nodes `n-<zone>` as listed (one zone name per pod). */
function zonedPods(zones: string[]): Pod[] {
  return zones.map((z, i) => pod(i, { node: `n-${z}` }));
}

function hintCounts(slices: EndpointSlice[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of slices) for (const e of s.endpoints) for (const z of e.hints?.forZones ?? []) out[z.name] = (out[z.name] ?? 0) + 1;
  return out;
}

function setup(cpu: Record<string, string>) {
  const nodes = new Map(Object.entries(cpu).map(([z, c]) => [`n-${z}`, node(`n-${z}`, z, c)]));
  const topo = new TopologyCache();
  topo.setNodes([...nodes.values()]);
  return { topo, getNode: (n: string) => nodes.get(n) };
}

test('balanced zones: every ready endpoint is hinted for its own zone, and an event says hints are on', () => {
  const { topo, getNode } = setup({ a: '2', b: '2' });
  const r = reconcile({ service: service({ metadata: AUTO }), pods: zonedPods(['a', 'a', 'a', 'b', 'b', 'b']), existingSlices: [], getNode, topologyCache: topo });
  for (const e of r.create[0].endpoints) assert.deepEqual(e.hints, { forZones: [{ name: e.zone }] });
  assert.deepEqual(r.events, [{ type: 'Normal', reason: 'TopologyAwareHintsEnabled', message: 'Topology Aware Hints has been enabled, addressType: IPv4' }]);
  assert.equal(topo.hasPopulatedHints('default/web'), true);
  // A second sync writes nothing and says nothing.
  const again = reconcile({ service: service({ metadata: AUTO }), pods: zonedPods(['a', 'a', 'a', 'b', 'b', 'b']), existingSlices: applyWrites([], r), getNode, topologyCache: topo });
  assert.deepEqual([again.create.length, again.update.length, again.events.length], [0, 0, 0]);
});

test('endpoints are handed from a zone with too many to one with too few, in proportion to CPU', () => {
  // Zone a has 3/4 of the CPU: of 8 endpoints it should get 6 hints although only 4 run there.
  const { topo, getNode } = setup({ a: '3', b: '1' });
  const r = reconcile({ service: service({ metadata: AUTO }), pods: zonedPods(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b']), existingSlices: [], getNode, topologyCache: topo });
  assert.deepEqual(hintCounts(r.create), { a: 6, b: 2 });
  const moved = r.create[0].endpoints.filter((e) => e.zone === 'b' && e.hints?.forZones?.[0].name === 'a');
  assert.equal(moved.length, 2);
});

test('safeguards: hints are withheld (and removed) with a Warning event saying why', async (t) => {
  const cases: { name: string; cpu: Record<string, string>; zones: string[]; message: string; extraNodes?: ReturnType<typeof node>[] }[] = [
    {
      name: 'a ready node without zone',
      cpu: { a: '2', b: '2' },
      zones: ['a', 'b'],
      extraNodes: [node('n-nozone', undefined, '2')],
      message: 'Insufficient Node information: allocatable CPU or zone not specified on one or more nodes, addressType: IPv4',
    },
    {
      name: 'a single zone',
      cpu: { a: '2' },
      zones: ['a', 'a'],
      message: 'Insufficient Node information: allocatable CPU or zone not specified on one or more nodes, addressType: IPv4',
    },
    { name: 'fewer endpoints than zones', cpu: { a: '2', b: '2' }, zones: ['a'], message: 'Insufficient number of endpoints (1 endpoints, 2 zones), addressType: IPv4' },
    {
      name: 'minimums that cannot be met',
      cpu: { a: '1', b: '1', c: '1' },
      zones: ['a', 'b', 'c', 'a'],
      message: 'Unable to allocate minimum required endpoints to each zone without exceeding overload threshold (4 endpoints, 3 zones), addressType: IPv4',
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const nodes = new Map(Object.entries(c.cpu).map(([z, cpu]) => [`n-${z}`, node(`n-${z}`, z, cpu)]));
      const topo = new TopologyCache();
      topo.setNodes([...nodes.values(), ...(c.extraNodes ?? [])]);
      const r = reconcile({ service: service({ metadata: AUTO }), pods: zonedPods(c.zones), existingSlices: [], getNode: (n) => nodes.get(n), topologyCache: topo });
      assert.deepEqual(r.events, [{ type: 'Warning', reason: 'TopologyAwareHintsDisabled', message: c.message }]);
      assert.deepEqual(hintCounts(r.create), {});
    });
  }
});

test('an endpoint without a zone disables hints for the Service', () => {
  const nodes = new Map([
    ['n-a', node('n-a', 'a')],
    ['n-b', node('n-b', 'b')],
    ['n-x', node('n-x')],
  ]);
  const topo = new TopologyCache();
  topo.setNodes([nodes.get('n-a')!, nodes.get('n-b')!]);
  const r = reconcile({ service: service({ metadata: AUTO }), pods: zonedPods(['a', 'a', 'b', 'b', 'a', 'x']), existingSlices: [], getNode: (n) => nodes.get(n), topologyCache: topo });
  assert.deepEqual(r.events, [{ type: 'Warning', reason: 'TopologyAwareHintsDisabled', message: 'One or more endpoints do not have a zone specified, addressType: IPv4' }]);
  assert.deepEqual(hintCounts(r.create), {});
});

test('control-plane and not-ready nodes do not count', () => {
  const topo = new TopologyCache();
  topo.setNodes([node('n-a', 'a', '2'), node('n-b', 'b', '2'), node('cp', undefined, '8', { 'node-role.kubernetes.io/control-plane': '' }), node('down', undefined, '8', {}, false)]);
  const { getNode } = setup({ a: '2', b: '2' });
  const r = reconcile({ service: service({ metadata: AUTO }), pods: zonedPods(['a', 'b']), existingSlices: [], getNode, topologyCache: topo });
  assert.deepEqual(hintCounts(r.create), { a: 1, b: 1 });
});

test('removing the annotation removes the hints, with a Warning', () => {
  const { topo, getNode } = setup({ a: '2', b: '2' });
  const ps = zonedPods(['a', 'b', 'a', 'b']);
  const stored = applyWrites([], reconcile({ service: service({ metadata: AUTO }), pods: ps, existingSlices: [], getNode, topologyCache: topo }));
  const r = reconcile({ service: service(), pods: ps, existingSlices: stored, getNode, topologyCache: topo });
  assert.equal(r.update.length, 1);
  assert.deepEqual(hintCounts(r.update), {});
  assert.deepEqual(r.events, [{ type: 'Warning', reason: 'TopologyAwareHintsDisabled', message: 'Topology Aware Hints has been disabled, addressType: IPv4' }]);
  assert.equal(topo.hasPopulatedHints('default/web'), false);
  assert.ok(stored[0].endpoints.every((e) => e.hints), 'stored slices are not modified');
});

test('trafficDistribution PreferClose hints each ready endpoint for its own zone, without safeguards', () => {
  const { getNode } = setup({ a: '2', b: '2' });
  const ps = [...zonedPods(['a', 'a', 'a']), pod(9, { node: 'n-b', ready: false })];
  const svc = service({ spec: { trafficDistribution: 'PreferClose' } });
  const r = reconcile({ service: svc, pods: ps, existingSlices: [], getNode, topologyCache: new TopologyCache() });
  assert.deepEqual(hintCounts(r.create), { a: 3 });
  assert.equal(r.create[0].endpoints.find((e) => e.targetRef?.name === 'p9')!.hints, undefined);
  assert.deepEqual(r.events, []);
  // Dropping it again clears the hints from the unchanged slice.
  const off = reconcile({ service: service(), pods: ps, existingSlices: applyWrites([], r), getNode });
  assert.deepEqual(hintCounts(off.update), {});
  assert.equal(off.update.length, 1);
});

test('the topology annotation wins over trafficDistribution', () => {
  const { topo, getNode } = setup({ a: '3', b: '1' });
  const svc = service({ metadata: AUTO, spec: { trafficDistribution: 'PreferClose' } });
  const r = reconcile({ service: svc, pods: zonedPods(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b']), existingSlices: [], getNode, topologyCache: topo });
  assert.deepEqual(hintCounts(r.create), { a: 6, b: 2 }); // proportional, not same-zone
});

test('overload detection after node changes', () => {
  const { topo, getNode } = setup({ a: '2', b: '2' });
  reconcile({ service: service({ metadata: AUTO }), pods: zonedPods(['a', 'a', 'b', 'b']), existingSlices: [], getNode, topologyCache: topo });
  assert.deepEqual(topo.overloadedServices(), []);
  topo.setNodes([node('n-a', 'a', '2'), node('n-b', 'b', '2'), node('n-c', 'c', '4')]);
  assert.deepEqual(topo.overloadedServices(), ['default/web']);
  assert.equal(serviceOverloaded(new Map([['a', 1]]), new Map([['a', 1]])), false);
  assert.equal(serviceOverloaded(new Map([['a', 1]]), undefined), true);
});

test('giving and receiving zones come in whole endpoints', () => {
  const allocations = new Map([
    ['a', { minimum: 5, maximum: 6, desired: 6 }],
    ['b', { minimum: 2, maximum: 3, desired: 2 }],
  ]);
  const [giving, receiving] = givingAndReceivingZones(
    allocations,
    new Map([
      ['a', 4],
      ['b', 4],
    ]),
  );
  assert.deepEqual([...giving], [['b', 2]]);
  assert.deepEqual([...receiving], [['a', 2]]);
});
