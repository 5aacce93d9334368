import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Lease, Node, NodeCondition } from '../../api/types.js';
import { computeZoneState, evaluateNodeHealth, labelsToReconcile, noScheduleTaintChanges, zoneKey } from './health.js';
import { Zones } from './zones.js';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
const timings = { gracePeriodMs: 40_000, startupGracePeriodMs: 60_000 };

function node(conds: NodeCondition[], extra: Partial<Node> = {}): Node {
  return { metadata: { name: 'n1', creationTimestamp: iso(T0 - 3600_000), ...extra.metadata }, spec: extra.spec ?? {}, status: { conditions: conds } };
}
const ready = (status = 'True', hb = T0): NodeCondition => ({ type: 'Ready', status, reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: iso(hb), lastTransitionTime: iso(T0 - 3600_000) });
const cond = (type: string, status = 'False'): NodeCondition => ({ type, status, lastHeartbeatTime: iso(T0), lastTransitionTime: iso(T0 - 3600_000) });
const lease = (renew: number): Lease => ({ metadata: { name: 'n1' }, spec: { renewTime: new Date(renew).toISOString() } });

test('a node that keeps renewing its lease stays healthy past the grace period', () => {
  const n = node([ready(), cond('MemoryPressure')]);
  let r = evaluateNodeHealth(n, lease(T0), undefined, T0, timings);
  assert.equal(r.newConditions, undefined);
  r = evaluateNodeHealth(n, lease(T0 + 30_000), r.health, T0 + 30_000, timings);
  r = evaluateNodeHealth(n, lease(T0 + 60_000), r.health, T0 + 60_000, timings);
  assert.equal(r.newConditions, undefined, 'lease renewals count as heartbeats');
  assert.equal(r.health.probeTimestamp, T0 + 60_000);
});

test('a node silent for longer than the grace period has its conditions set Unknown', () => {
  const n = node([cond('MemoryPressure'), cond('DiskPressure'), ready()]);
  let r = evaluateNodeHealth(n, lease(T0), undefined, T0, timings);
  r = evaluateNodeHealth(n, lease(T0), r.health, T0 + 40_000, timings);
  assert.equal(r.newConditions, undefined, 'exactly at the grace period is still fine');
  r = evaluateNodeHealth(n, lease(T0), r.health, T0 + 40_001, timings);
  assert.ok(r.newConditions);
  const byType = Object.fromEntries(r.newConditions.map((c) => [c.type, c]));
  for (const t of ['Ready', 'MemoryPressure', 'DiskPressure']) {
    assert.equal(byType[t].status, 'Unknown');
    assert.equal(byType[t].reason, 'NodeStatusUnknown');
    assert.equal(byType[t].message, 'Kubelet stopped posting node status.');
    assert.equal(byType[t].lastTransitionTime, iso(T0 + 40_001));
    assert.equal(byType[t].lastHeartbeatTime, iso(T0), 'the heartbeat is left as the kubelet posted it');
  }
  assert.equal(byType.PIDPressure.reason, 'NodeStatusNeverUpdated');
  assert.equal(byType.PIDPressure.message, 'Kubelet never posted node status.');
  assert.equal(r.observedReady.status, 'True');
  assert.equal(r.currentReady?.status, 'Unknown');
  assert.equal(r.healthAfterWrite?.ready?.status, 'Unknown');
});

test('an already Unknown node needs no write; a new heartbeat makes it healthy again', () => {
  const unknown: NodeCondition = { ...ready('Unknown'), reason: 'NodeStatusUnknown' };
  const n = node([unknown]);
  let r = evaluateNodeHealth(n, undefined, undefined, T0, timings);
  r = evaluateNodeHealth(n, undefined, r.health, T0 + 100_000, timings);
  assert.equal(r.newConditions, undefined);
  assert.equal(r.observedReady.status, 'Unknown');
  const back = node([ready('True', T0 + 100_500)]);
  r = evaluateNodeHealth(back, undefined, r.health, T0 + 101_000, timings);
  assert.equal(r.newConditions, undefined);
  assert.equal(r.health.probeTimestamp, T0 + 101_000);
  assert.equal(r.observedReady.status, 'True');
});

test('a node that never reported Ready gets the startup grace period, counted from its creation', () => {
  const n = node([], { metadata: { name: 'n1', creationTimestamp: iso(T0) } });
  let r = evaluateNodeHealth(n, undefined, undefined, T0 + 50_000, timings);
  assert.equal(r.newConditions, undefined);
  r = evaluateNodeHealth(n, undefined, r.health, T0 + 60_001, timings);
  assert.equal(r.newConditions?.find((c) => c.type === 'Ready')?.reason, 'NodeStatusNeverUpdated');
});

test('zone states as upstream ComputeZoneState', () => {
  const c = (s: string): NodeCondition => ({ type: 'Ready', status: s });
  assert.equal(computeZoneState([c('Unknown')], 0.55).state, 'FullDisruption');
  assert.equal(computeZoneState([c('True'), c('Unknown')], 0.55).state, 'Normal');
  assert.equal(computeZoneState([c('True'), c('False'), c('Unknown'), undefined], 0.55).state, 'PartialDisruption');
  assert.equal(computeZoneState([c('True'), c('True'), c('False'), c('Unknown'), undefined], 0.55).state, 'PartialDisruption', '3 of 5 is 0.6 >= 0.55');
  assert.equal(computeZoneState([c('True'), c('True'), c('True'), c('False'), c('Unknown'), undefined], 0.55).state, 'Normal', '3 of 6 is 0.5 < 0.55');
  assert.equal(computeZoneState([c('True'), c('False'), c('Unknown')], 0.55).state, 'Normal', 'two not ready are never a partial disruption');
});

test('zone keys', () => {
  assert.equal(zoneKey(node([])), '');
  assert.equal(zoneKey(node([], { metadata: { name: 'x', labels: { 'topology.kubernetes.io/zone': 'a', 'topology.kubernetes.io/region': 'r' } } })), 'r:\x00:a');
});

test('NoSchedule taints follow conditions and spec.unschedulable', () => {
  const n = node([{ type: 'Ready', status: 'Unknown' }, { type: 'DiskPressure', status: 'True' }], {
    spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'custom', effect: 'NoSchedule' }] },
  });
  const { add, remove } = noScheduleTaintChanges(n);
  assert.deepEqual(add.map((t) => t.key).sort(), ['node.kubernetes.io/disk-pressure', 'node.kubernetes.io/unreachable', 'node.kubernetes.io/unschedulable']);
  assert.deepEqual(remove, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }], 'custom taints are left alone');
  assert.deepEqual(noScheduleTaintChanges(node([ready()])), { add: [], remove: [] });
});

test('beta os/arch labels follow the stable ones', () => {
  const n = node([], { metadata: { name: 'x', labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/arch': 'arm64' } } });
  assert.deepEqual(labelsToReconcile(n), { 'beta.kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': 'amd64' });
});

test('zones: rates follow zone health; all zones down stops tainting until one recovers', async () => {
  const limits = { evictionLimiterQPS: 1, secondaryEvictionLimiterQPS: 0.5, largeClusterSizeThreshold: 4, unhealthyZoneThreshold: 0.55 };
  const zones = new Zones(limits);
  const n = (name: string, zone: string): Node => ({ metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } } });
  const c = (s: string): NodeCondition => ({ type: 'Ready', status: s });
  const qa = zones.tainter(n('a1', 'a'));
  zones.tainter(n('b1', 'b'));
  const za = zoneKey(n('a1', 'a'));
  const zb = zoneKey(n('b1', 'b'));
  assert.equal(zones.update(new Map([[za, [c('True')]], [zb, [c('True')]]])), 'zones-changed');
  assert.equal(zones.state(za), 'Normal');
  // Small zone, 3 of 4 down: partial disruption stops tainting there.
  assert.equal(zones.update(new Map([[za, [c('True'), c('False'), c('False'), c('Unknown')]], [zb, [c('True')]]])), 'zones-changed');
  assert.equal(zones.state(za), 'PartialDisruption');
  assert.equal(qa.qps, 0);
  // A large zone (more nodes than the threshold) keeps tainting at the secondary rate.
  zones.update(new Map([[za, [c('True')]], [zb, [c('True')]]]));
  assert.equal(qa.qps, 1);
  zones.update(new Map([[za, [c('True'), c('True'), c('False'), c('False'), c('Unknown')]], [zb, [c('True')]]]));
  assert.equal(qa.qps, 0.5);
  assert.equal(zones.update(new Map([[za, [c('Unknown')]], [zb, [c('False')]]])), 'entered-full-disruption');
  assert.equal(qa.qps, 0);
  assert.equal(zones.update(new Map([[za, [c('Unknown')]], [zb, [c('False')]]])), 'none');
  assert.equal(zones.update(new Map([[za, [c('True')]], [zb, [c('False')]]])), 'left-full-disruption');
  assert.equal(zones.state(za), 'Normal');
  assert.equal(qa.qps, 1);
});
