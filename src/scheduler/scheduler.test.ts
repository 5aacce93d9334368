/**
 * Integration test: the real in-process API server (no HTTP), real informers, the scheduler.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Event, Node, Pod } from '../api/types.js';
import { ApiServer } from '../apiserver/apiserver.js';
import { buildResources, wireResources } from '../apiserver/resources/index.js';
import { Client } from '../client/client.js';
import { InformerFactory } from '../client/informer.js';
import { LocalTransport } from '../client/local.js';
import { R } from '../client/resources.js';
import { MemoryStore } from '../store/memory.js';
import { Scheduler } from './scheduler.js';

let store: MemoryStore;
let client: Client;
let informers: InformerFactory;
let scheduler: Scheduler;

function node(name: string, cpu: string, memory: string, extra: Partial<Node> = {}): Node {
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(extra.metadata?.labels ?? {}) } },
    spec: extra.spec ?? {},
    status: {
      capacity: { cpu, memory, pods: '110' },
      allocatable: { cpu, memory, pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
    },
  };
}

function pod(name: string, requests: Record<string, string> = {}, spec: Partial<Pod['spec']> = {}, labels?: Record<string, string>): Pod {
  return {
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests } }], ...spec } as Pod['spec'],
  };
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const getPod = (name: string) => client.get<Pod>(R.pods, 'default', name);

async function eventsFor(name: string, reason: string): Promise<Event[]> {
  const list = await client.list<Event>(R.events, 'default');
  return list.items.filter((e) => e.involvedObject?.name === name && e.reason === reason);
}

before(async () => {
  store = new MemoryStore();
  const api = new ApiServer({ store, resources: buildResources() });
  await wireResources(api, { serviceCidr: '10.96.0.0/12', nodePortRange: '30000-32767' });
  client = new Client(new LocalTransport(api, { name: 'test', groups: ['system:masters'] }));
  await client.create(R.namespaces, '', { metadata: { name: 'default' } });
  informers = new InformerFactory(client);
  await client.create(R.nodes, '', node('node-a', '2', '4Gi'));
  await client.create(R.nodes, '', node('node-b', '2', '4Gi'));
});

after(async () => {
  scheduler?.stop();
  await scheduler?.settled();
  informers.stop();
  await store.close();
});

test('binds pending pods, records Scheduled, reports and then resolves an unschedulable pod', async () => {
  await client.create(R.pods, 'default', pod('small', { cpu: '500m', memory: '1Gi' }));
  await client.create(R.pods, 'default', pod('huge', { cpu: '1', memory: '16Gi' }));
  await client.create(R.pods, 'default', pod('other', {}, { schedulerName: 'someone-else' }));
  scheduler = new Scheduler({ client, informers });
  scheduler.start();

  const small = await waitFor('small to be bound', async () => (await getPod('small')).spec?.nodeName || undefined);
  assert.ok(small === 'node-a' || small === 'node-b');
  const bound = await getPod('small');
  assert.equal(bound.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status, 'True');
  const scheduled = await waitFor('Scheduled event', async () => (await eventsFor('small', 'Scheduled'))[0]);
  assert.equal(scheduled.type, 'Normal');
  assert.equal(scheduled.message, `Successfully assigned default/small to ${small}`);
  assert.equal(scheduled.source?.component, 'default-scheduler');

  const msg =
    '0/2 nodes are available: 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.';
  const cond = await waitFor('huge to be marked unschedulable', async () => {
    const c = (await getPod('huge')).status?.conditions?.find((x) => x.type === 'PodScheduled');
    return c?.status === 'False' ? c : undefined;
  });
  assert.equal(cond.reason, 'Unschedulable');
  assert.equal(cond.message, msg);
  assert.ok(cond.lastTransitionTime);
  const failed = await waitFor('FailedScheduling event', async () => (await eventsFor('huge', 'FailedScheduling'))[0]);
  assert.equal(failed.type, 'Warning');
  assert.equal(failed.message, msg);
  assert.equal((await getPod('other')).spec?.nodeName, undefined, 'pods for another scheduler are left alone');

  await client.create(R.nodes, '', node('node-big', '4', '32Gi'));
  const hugeNode = await waitFor('huge to be bound once a node fits', async () => (await getPod('huge')).spec?.nodeName || undefined, 15_000);
  assert.equal(hugeNode, 'node-big');
  assert.equal((await getPod('huge')).status?.conditions?.find((c) => c.type === 'PodScheduled')?.status, 'True');
});

test('a burst of 100 pods is bound quickly and spread over the nodes', async () => {
  // 100 pods of 10m CPU each, created at once.
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      client.create(R.pods, 'default', pod(`burst-${i}`, { cpu: '10m', memory: '16Mi' }, {}, { app: 'burst' })),
    ),
  );
  const placed = await waitFor('all burst pods bound', async () => {
    const list = await client.list<Pod>(R.pods, 'default', { labelSelector: 'app=burst' });
    return list.items.every((p) => p.spec?.nodeName) ? list.items : undefined;
  });
  const elapsed = performance.now() - t0;
  assert.equal(placed.length, 100);
  const perNode = new Map<string, number>();
  for (const p of placed) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
  assert.ok(perNode.size >= 2, `expected the burst to spread, got ${JSON.stringify([...perNode])}`);
  assert.ok(elapsed < 3000, `binding 100 pods took ${elapsed}ms`);
});

test('the node cache accounts assumed pods so the last slot goes to one pod only', async () => {
  await client.create(R.nodes, '', node('tiny', '1', '1Gi', { metadata: { labels: { pool: 'tiny' } }, spec: {} }));
  const pods = ['slot-1', 'slot-2', 'slot-3'].map((n) => pod(n, { cpu: '400m' }, { nodeSelector: { pool: 'tiny' } }));
  await Promise.all(pods.map((p) => client.create(R.pods, 'default', p)));
  const left = await waitFor('two bound and one unschedulable', async () => {
    const all = await Promise.all(['slot-1', 'slot-2', 'slot-3'].map(getPod));
    const bound = all.filter((p) => p.spec?.nodeName === 'tiny');
    const un = all.filter((p) => p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False'));
    return bound.length === 2 && un.length === 1 ? un[0] : undefined;
  });
  const msg = left.status!.conditions!.find((c) => c.type === 'PodScheduled')!.message!;
  assert.match(msg, /^0\/4 nodes are available: 1 Insufficient cpu, 3 node\(s\) didn't match Pod's node affinity\/selector\. preemption: 0\/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling\.$/);
});

test('a cordoned or NotReady node takes no pods; uncordoning retries the pod', async () => {
  const n = node('lonely', '8', '8Gi', { metadata: { labels: { pool: 'lonely' } }, spec: { unschedulable: true } });
  await client.create(R.nodes, '', n);
  await client.create(R.pods, 'default', pod('needs-lonely', {}, { nodeSelector: { pool: 'lonely' } }));
  const cond = await waitFor('unschedulable condition', async () => {
    const c = (await getPod('needs-lonely')).status?.conditions?.find((x) => x.type === 'PodScheduled');
    return c?.status === 'False' ? c : undefined;
  });
  assert.match(cond.message!, /1 node\(s\) were unschedulable/);
  const notReady = await client.get<Node>(R.nodes, '', 'lonely');
  notReady.status!.conditions = [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'not ready' }];
  await client.updateStatus(R.nodes, '', notReady);
  const uncordon = await client.get<Node>(R.nodes, '', 'lonely');
  uncordon.spec = { ...uncordon.spec, unschedulable: false };
  await client.update(R.nodes, '', uncordon);
  const c2 = await waitFor('not-ready message', async () => {
    const c = (await getPod('needs-lonely')).status?.conditions?.find((x) => x.type === 'PodScheduled');
    return c?.message?.includes('node.kubernetes.io/not-ready') ? c : undefined;
  }, 15_000);
  assert.equal(
    c2.message,
    '0/5 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 4 node(s) didn\'t match Pod\'s node affinity/selector. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.',
  );
  assert.equal((await getPod('needs-lonely')).spec?.nodeName, undefined);
  const again = await client.get<Node>(R.nodes, '', 'lonely');
  again.status!.conditions = [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ready' }];
  await client.updateStatus(R.nodes, '', again);
  const where = await waitFor('bound after the node is ready', async () => (await getPod('needs-lonely')).spec?.nodeName || undefined, 15_000);
  assert.equal(where, 'lonely');
});

test('a higher-priority pod preempts a lower-priority one and takes its place', async () => {
  await client.create(R.nodes, '', node('pre', '1', '1Gi', { metadata: { labels: { pool: 'pre' } }, spec: {} }));
  await client.create(R.pods, 'default', pod('victim', { cpu: '800m' }, { nodeName: 'pre' }));
  await client.create(R.pods, 'default', pod('vip', { cpu: '500m' }, { nodeSelector: { pool: 'pre' }, priorityClassName: 'system-cluster-critical' }));
  const victim = await waitFor('the victim to be marked and deleted', async () => {
    const v = await client.tryGet<Pod>(R.pods, 'default', 'victim');
    if (!v) return { gone: true } as const;
    return v.metadata?.deletionTimestamp ? ({ gone: false, pod: v } as const) : undefined;
  });
  if (!victim.gone) {
    const cond = victim.pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    assert.equal(cond?.reason, 'PreemptionByScheduler');
    assert.equal(cond?.message, 'default-scheduler: preempting to accommodate a higher priority pod');
    await client.tryDelete(R.pods, 'default', 'victim', { gracePeriodSeconds: 0 }); // what the node agent would do
  }
  const preempted = await waitFor('Preempted event', async () => (await eventsFor('victim', 'Preempted'))[0]);
  const vip = await getPod('vip');
  assert.equal(preempted.message, `Preempted by pod ${vip.metadata?.uid} on node pre`);
  assert.equal(vip.status?.nominatedNodeName, 'pre');
  const where = await waitFor('vip bound', async () => (await getPod('vip')).spec?.nodeName || undefined, 15_000);
  assert.equal(where, 'pre');
});
