/**
 * Integration test: the real in-process API server and informers with the Endpoints controller,
 * the EndpointSlice controller and the mirroring controller together; the test plays kubelet.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Endpoints, Service } from '../../api/types.js';
import { R } from '../../client/resources.js';
import { EndpointSliceController } from '../endpointslice/endpointslice-controller.js';
import { EndpointSliceMirroringController } from '../endpointslice/mirroring-controller.js';
import { createPod, setPodStatus, slicesOf, startCluster, svc, type TestCluster, waitFor } from '../endpointslice/test-cluster.js';
import { EndpointsController } from './endpoints-controller.js';

let cluster: TestCluster;
let endpoints: EndpointsController;
let slices: EndpointSliceController;
let mirroring: EndpointSliceMirroringController;

before(async () => {
  cluster = await startCluster();
  endpoints = new EndpointsController(cluster.client, cluster.informers, { endpointUpdatesBatchPeriodMs: 5 });
  slices = new EndpointSliceController(cluster.client, cluster.informers, { endpointUpdatesBatchPeriodMs: 5 });
  mirroring = new EndpointSliceMirroringController(cluster.client, cluster.informers);
  cluster.informers.start();
  await cluster.informers.waitForSync();
  endpoints.run();
  slices.run();
  mirroring.run();
});

after(async () => {
  endpoints.stop();
  slices.stop();
  mirroring.stop();
  await cluster.close();
});

const c = () => cluster.client;
const getEp = (name: string) => c().tryGet<Endpoints>(R.endpoints, 'default', name);
const ips = (list: { ip?: string }[] | undefined) => (list ?? []).map((a) => a.ip);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function endpointsWhen(name: string, ok: (ep: Endpoints) => boolean, what = 'endpoints'): Promise<Endpoints> {
  return waitFor(`${name}: ${what}`, async () => {
    const ep = await getEp(name);
    return ep && ok(ep) ? ep : undefined;
  });
}

test('ready pods in addresses, not-ready in notReadyAddresses; a readiness flip moves the IP', async () => {
  await c().create<Service>(R.services, 'default', { ...svc('web', { app: 'web' }), metadata: { name: 'web', namespace: 'default', labels: { tier: 'front' } } });
  await createPod(c(), 'web-0', { app: 'web' });
  await createPod(c(), 'web-1', { app: 'web' }, 'node-b');
  await setPodStatus(c(), 'web-0', '10.1.0.1', true);
  await setPodStatus(c(), 'web-1', '10.1.0.2', false);
  let ep = await endpointsWhen('web', (e) => ips(e.subsets?.[0]?.addresses).length === 1 && ips(e.subsets?.[0]?.notReadyAddresses).length === 1);
  assert.equal(ep.subsets?.length, 1);
  const ss = ep.subsets![0];
  assert.deepEqual(ss.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  assert.deepEqual(ss.addresses![0], { ip: '10.1.0.1', nodeName: 'node-a', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: ss.addresses![0].targetRef!.uid } });
  assert.deepEqual(ips(ss.notReadyAddresses), ['10.1.0.2']);
  assert.deepEqual(ep.metadata?.labels, { tier: 'front' });
  assert.ok(ep.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']);

  await setPodStatus(c(), 'web-1', '10.1.0.2', true);
  ep = await endpointsWhen('web', (e) => ips(e.subsets?.[0]?.addresses).length === 2, 'web-1 ready');
  assert.deepEqual(ips(ep.subsets![0].addresses), ['10.1.0.1', '10.1.0.2']);
  assert.equal(ep.subsets![0].notReadyAddresses, undefined);

  await setPodStatus(c(), 'web-0', '10.1.0.1', false);
  ep = await endpointsWhen('web', (e) => ips(e.subsets?.[0]?.notReadyAddresses).includes('10.1.0.1'), 'web-0 not ready');
  assert.deepEqual(ips(ep.subsets![0].addresses), ['10.1.0.2']);
});

test('a change that does not matter writes nothing', async () => {
  const before = await endpointsWhen('web', () => true);
  await c().patch(R.pods, 'default', 'web-0', 'merge', { metadata: { annotations: { touched: 'yes' } } });
  await sleep(150);
  assert.equal((await getEp('web'))?.metadata?.resourceVersion, before.metadata?.resourceVersion);
});

test('publishNotReadyAddresses lists not-ready pods as addresses', async () => {
  await c().create(R.services, 'default', svc('pub', { app: 'web' }, { publishNotReadyAddresses: true }));
  const ep = await endpointsWhen('pub', (e) => ips(e.subsets?.[0]?.addresses).length === 2);
  assert.equal(ep.subsets![0].notReadyAddresses, undefined);
});

test('named targetPorts resolve per pod; pods resolving differently get separate subsets', async () => {
  await c().create(R.services, 'default', svc('named', { app: 'named' }));
  await createPod(c(), 'named-0', { app: 'named' }, 'node-a', 8080);
  await createPod(c(), 'named-1', { app: 'named' }, 'node-a', 9090);
  await setPodStatus(c(), 'named-0', '10.2.0.1', true);
  await setPodStatus(c(), 'named-1', '10.2.0.2', true);
  const ep = await endpointsWhen('named', (e) => (e.subsets ?? []).length === 2);
  const summary = ep.subsets!.map((s) => `${ips(s.addresses).join(',')}→${(s.ports ?? []).map((p) => p.port).join(',')}`).sort();
  assert.deepEqual(summary, ['10.2.0.1→8080', '10.2.0.2→9090']);
});

test('headless Services are labelled; ExternalName Services get no Endpoints', async () => {
  await c().create(R.services, 'default', svc('hl', { app: 'web' }, { clusterIP: 'None' }));
  const ep = await endpointsWhen('hl', (e) => ips(e.subsets?.[0]?.addresses).length > 0);
  assert.equal(ep.metadata?.labels?.['service.kubernetes.io/headless'], '');
  await c().create(R.services, 'default', { metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com', selector: { app: 'web' } } });
  await sleep(100);
  assert.equal(await getEp('ext'), undefined);
});

test('deleting the Service deletes its Endpoints', async () => {
  await c().create(R.services, 'default', svc('gone', { app: 'web' }));
  await endpointsWhen('gone', () => true);
  await c().delete(R.services, 'default', 'gone');
  await waitFor('Endpoints deleted', async () => ((await getEp('gone')) ? undefined : true));
});

test("a selector-less Service's hand-made Endpoints is left alone and mirrored into a slice", async () => {
  await c().create(R.services, 'default', {
    metadata: { name: 'service-without-selector', namespace: 'default' },
    spec: { ports: [{ port: 80, protocol: 'TCP', name: 'http' }] },
  });
  const made = await c().create<Endpoints>(R.endpoints, 'default', {
    metadata: { name: 'service-without-selector', namespace: 'default' },
    subsets: [{ addresses: [{ ip: '220.181.38.148' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }],
  });
  const mirrored = await waitFor('mirrored slice', async () => {
    const s = await slicesOf(c(), 'service-without-selector', 'endpointslicemirroring-controller.k8s.io');
    return s.length ? s : undefined;
  });
  assert.equal(mirrored.length, 1);
  assert.deepEqual(mirrored[0].endpoints, [{ addresses: ['220.181.38.148'], conditions: { ready: true } }]);
  assert.deepEqual(mirrored[0].ports, [{ name: 'http', port: 80, protocol: 'TCP' }]);
  assert.deepEqual(mirrored[0].metadata?.ownerReferences?.map((o) => [o.kind, o.name, o.uid]), [['Endpoints', 'service-without-selector', made.metadata?.uid]]);
  // The Endpoints controller does not touch it; the EndpointSlice controller makes no slice for it.
  await sleep(150);
  const still = await getEp('service-without-selector');
  assert.equal(still?.metadata?.resourceVersion, made.metadata?.resourceVersion);
  assert.deepEqual(await slicesOf(c(), 'service-without-selector'), []);

  // Editing the Endpoints updates the mirror in place.
  await c().update<Endpoints>(R.endpoints, 'default', { ...still!, subsets: [{ addresses: [{ ip: '220.181.38.149' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }] });
  const updated = await waitFor('mirror updated', async () => {
    const s = await slicesOf(c(), 'service-without-selector', 'endpointslicemirroring-controller.k8s.io');
    return s[0]?.endpoints?.[0]?.addresses[0] === '220.181.38.149' ? s : undefined;
  });
  assert.equal(updated[0].metadata?.name, mirrored[0].metadata?.name);

  // Deleting the Endpoints removes the mirror.
  await c().delete(R.endpoints, 'default', 'service-without-selector');
  await waitFor('mirror removed', async () => ((await slicesOf(c(), 'service-without-selector', 'endpointslicemirroring-controller.k8s.io')).length ? undefined : true));
});

test('Endpoints labelled skip-mirror are not mirrored', async () => {
  await c().create(R.services, 'default', { metadata: { name: 'skipped', namespace: 'default' }, spec: { ports: [{ port: 443, protocol: 'TCP' }] } });
  await c().create<Endpoints>(R.endpoints, 'default', {
    metadata: { name: 'skipped', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: '10.9.9.9' }], ports: [{ port: 6443, protocol: 'TCP' }] }],
  });
  await sleep(150);
  assert.deepEqual(await slicesOf(c(), 'skipped', 'endpointslicemirroring-controller.k8s.io'), []);
});
