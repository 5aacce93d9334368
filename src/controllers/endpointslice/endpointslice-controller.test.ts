/**
 * Integration test: the real in-process API server, real informers, the EndpointSlice
 * controller; the test plays kubelet by patching pod status.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EndpointSlice, Event } from '../../api/types.js';
import { R } from '../../client/resources.js';
import { EndpointSliceController } from './endpointslice-controller.js';
import { createPod, setPodStatus, slicesOf, startCluster, svc, type TestCluster, waitFor } from './test-cluster.js';

let cluster: TestCluster;
let ctrl: EndpointSliceController;

before(async () => {
  cluster = await startCluster();
  ctrl = new EndpointSliceController(cluster.client, cluster.informers, { endpointUpdatesBatchPeriodMs: 5 });
  cluster.informers.start();
  await cluster.informers.waitForSync();
  ctrl.run();
});

after(async () => {
  ctrl.stop();
  await cluster.close();
});

const c = () => cluster.client;
type Ep = EndpointSlice['endpoints'][number];

/** All endpoints of a Service's slices by pod name, once `ok` holds for them. */
async function endpointsWhen(service: string, ok: (eps: Map<string, Ep>, slices: EndpointSlice[]) => boolean, what = 'slices'): Promise<Map<string, Ep>> {
  return waitFor(`${service}: ${what}`, async () => {
    const slices = await slicesOf(c(), service);
    const eps = new Map(slices.flatMap((s) => s.endpoints ?? []).map((e) => [e.targetRef?.name ?? '', e]));
    return ok(eps, slices) ? eps : undefined;
  });
}

test('readiness flips the slice conditions in place; zones come from node labels', async () => {
  await c().create(R.services, 'default', svc('web', { app: 'web' }));
  await createPod(c(), 'web-0', { app: 'web' }, 'node-a');
  await createPod(c(), 'web-1', { app: 'web' }, 'node-b');
  await setPodStatus(c(), 'web-0', '10.1.0.1', true);
  await setPodStatus(c(), 'web-1', '10.1.0.2', true);
  let eps = await endpointsWhen('web', (m) => m.size === 2 && [...m.values()].every((e) => e.conditions?.ready));
  const [slice] = await slicesOf(c(), 'web');
  assert.match(slice.metadata?.name ?? '', /^web-[a-z0-9]{5}$/);
  assert.deepEqual(slice.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  assert.equal(slice.metadata?.ownerReferences?.[0].kind, 'Service');
  assert.ok(slice.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']);
  assert.deepEqual(eps.get('web-0'), {
    addresses: ['10.1.0.1'],
    conditions: { ready: true, serving: true, terminating: false },
    nodeName: 'node-a',
    zone: 'zone-a',
    targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: eps.get('web-0')!.targetRef!.uid },
  });
  assert.equal(eps.get('web-1')!.zone, 'zone-b');

  await setPodStatus(c(), 'web-1', '10.1.0.2', false);
  eps = await endpointsWhen('web', (m) => m.get('web-1')?.conditions?.ready === false, 'web-1 not ready');
  assert.deepEqual(eps.get('web-1')!.conditions, { ready: false, serving: false, terminating: false });
  const [after1] = await slicesOf(c(), 'web');
  assert.equal(after1.metadata?.name, slice.metadata?.name, 'updated in place');

  await setPodStatus(c(), 'web-1', '10.1.0.2', true);
  await endpointsWhen('web', (m) => m.get('web-1')?.conditions?.ready === true, 'web-1 ready again');
});

test('label changes take a pod out of and back into the Service', async () => {
  await c().create(R.services, 'default', svc('lbl', { app: 'lbl' }));
  for (const i of [0, 1]) {
    await createPod(c(), `lbl-${i}`, { app: 'lbl' });
    await setPodStatus(c(), `lbl-${i}`, `10.2.0.${i + 1}`, true);
  }
  await endpointsWhen('lbl', (m) => m.size === 2);
  await c().patch(R.pods, 'default', 'lbl-1', 'merge', { metadata: { labels: { app: 'elsewhere' } } });
  await endpointsWhen('lbl', (m) => m.size === 1 && m.has('lbl-0'), 'lbl-1 gone');
  await c().patch(R.pods, 'default', 'lbl-1', 'merge', { metadata: { labels: { app: 'lbl' } } });
  await endpointsWhen('lbl', (m) => m.size === 2, 'lbl-1 back');
});

test('a deleted (bound) pod shows as terminating, then disappears', async () => {
  await c().create(R.services, 'default', svc('del', { app: 'del' }));
  await createPod(c(), 'del-0', { app: 'del' });
  await setPodStatus(c(), 'del-0', '10.3.0.1', true);
  await endpointsWhen('del', (m) => m.get('del-0')?.conditions?.ready === true);
  await c().delete(R.pods, 'default', 'del-0');
  const eps = await endpointsWhen('del', (m) => m.get('del-0')?.conditions?.terminating === true, 'terminating');
  assert.deepEqual(eps.get('del-0')!.conditions, { ready: false, serving: true, terminating: true });
  await c().delete(R.pods, 'default', 'del-0', { gracePeriodSeconds: 0 });
  await endpointsWhen('del', (m) => m.size === 0, 'removed');
  // The last slice stays as the empty placeholder.
  const slices = await slicesOf(c(), 'del');
  assert.equal(slices.length, 1);
  assert.deepEqual(slices[0].endpoints ?? [], []);
});

test('a Service without pods gets a placeholder slice; one without a selector gets none', async () => {
  await c().create(R.services, 'default', svc('lonely', { app: 'nobody' }));
  const slices = await waitFor('placeholder', async () => {
    const s = await slicesOf(c(), 'lonely');
    return s.length ? s : undefined;
  });
  assert.deepEqual([slices.length, (slices[0].endpoints ?? []).length, (slices[0].ports ?? []).length], [1, 0, 0]);
  await c().create(R.services, 'default', svc('manual', undefined));
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(await slicesOf(c(), 'manual'), []);
});

test('250 pods → 3 slices; one readiness flip rewrites exactly one slice', async () => {
  await c().create(R.services, 'default', svc('big', { app: 'big' }));
  const ip = (i: number) => `10.4.${Math.floor(i / 200)}.${(i % 200) + 1}`;
  for (let i = 0; i < 250; i++) {
    await createPod(c(), `big-${i}`, { app: 'big' }, i % 2 ? 'node-b' : 'node-a');
    await setPodStatus(c(), `big-${i}`, ip(i), true);
  }
  await endpointsWhen('big', (m, s) => m.size === 250 && [...m.values()].every((e) => e.conditions?.ready) && s.length === 3, '250 ready endpoints');
  const before = await slicesOf(c(), 'big');
  assert.deepEqual(before.map((s) => s.endpoints.length).sort((a, b) => a - b), [50, 100, 100]);
  // Let any batched echo syncs run out, then flip one pod.
  await new Promise((r) => setTimeout(r, 1200));
  const rv = new Map((await slicesOf(c(), 'big')).map((s) => [s.metadata!.name!, s.metadata!.resourceVersion]));
  const t0 = Date.now();
  await setPodStatus(c(), 'big-123', ip(123), false);
  await endpointsWhen('big', (m) => m.get('big-123')?.conditions?.ready === false, 'big-123 not ready');
  const latency = Date.now() - t0;
  await new Promise((r) => setTimeout(r, 200));
  const changed = (await slicesOf(c(), 'big')).filter((s) => rv.get(s.metadata!.name!) !== s.metadata!.resourceVersion);
  assert.equal(changed.length, 1, 'exactly one slice rewritten');
  assert.ok(changed[0].endpoints.some((e) => e.targetRef?.name === 'big-123'));
  assert.ok(latency < 1000, `flip reached the slice in ${latency} ms`);
});

test('a pod change that does not matter to endpoints writes nothing', async () => {
  await c().create(R.services, 'default', svc('quiet', { app: 'quiet' }));
  await createPod(c(), 'quiet-0', { app: 'quiet' });
  await setPodStatus(c(), 'quiet-0', '10.5.0.1', true);
  await endpointsWhen('quiet', (m) => m.get('quiet-0')?.conditions?.ready === true);
  await new Promise((r) => setTimeout(r, 1200));
  const [s0] = await slicesOf(c(), 'quiet');
  await c().patch(R.pods, 'default', 'quiet-0', 'merge', { metadata: { annotations: { touched: 'yes' } } });
  await new Promise((r) => setTimeout(r, 200));
  const [s1] = await slicesOf(c(), 'quiet');
  assert.equal(s1.metadata?.resourceVersion, s0.metadata?.resourceVersion);
});

test('a hand-deleted managed slice is recreated', async () => {
  const [s] = await slicesOf(c(), 'quiet');
  await c().delete(R.endpointslices, 'default', s.metadata!.name!);
  await endpointsWhen('quiet', (m) => m.has('quiet-0'), 'recreated');
  const events = await c().list<Event>(R.events, 'default');
  assert.equal(events.items.filter((e) => e.reason === 'FailedToUpdateEndpointSlices').length, 0);
});
