/**
 * The garbage collector on the in-process API server, against upstream's behaviour: background,
 * foreground (the owner kept until dependents with blockOwnerDeletion are gone, every dependent
 * deleted, those with dependents of their own in the foreground) and orphan deletion; owner
 * references classified solid / dangling / waiting by live lookups with uid checks; several
 * owners; cluster-scoped owners and dependents; owners in another namespace; Deployment →
 * ReplicaSet → Pod chains with the real controllers; and the wait for the informers' first lists.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConfigMap, Deployment, Event, KObject, OwnerReference, Pod, ReplicaSet } from '../api/types.js';
import type { Informer } from '../client/informer.js';
import { apiVersion, R, type ResourceRef } from '../client/resources.js';
import { DeploymentController } from './deployment/deployment-controller.js';
import { GarbageCollector } from './garbagecollector.js';
import { ReplicaSetController } from './replicaset/replicaset-controller.js';
import { eventually, startEnv, type TestEnv } from './replicaset/test-env.js';

const NAMESPACES = [
  'bg',
  'bg-orphan-fin',
  'fg-wait',
  'fg-policy',
  'fg-unblock',
  'fg-cycle',
  'multi',
  'multi-fg',
  'orphan',
  'uid',
  'live',
  'cluster',
  'ns-a',
  'ns-b',
  'deploy-bg',
  'deploy-fg',
  'deploy-orphan',
];

/** Watched by the collector; services are resolvable but not watched (owners looked up live only). */
const WATCHED = [R.pods, R.configmaps, R.secrets, R.replicasets, R.deployments, R.nodes, R.ingressclasses];

let env: TestEnv;
let gc: GarbageCollector;
let rsc: ReplicaSetController;
let dc: DeploymentController;

before(async () => {
  env = await startEnv(NAMESPACES);
  gc = new GarbageCollector(
    env.client,
    WATCHED.map((r) => env.informers.for<KObject>(r)),
    { resources: [R.services] },
  );
  rsc = new ReplicaSetController(env.client, env.informers);
  dc = new DeploymentController(env.client, env.informers);
  env.informers.start();
  await env.informers.waitForSync();
  gc.run();
  rsc.run();
  dc.run();
});

after(async () => {
  gc.stop();
  dc.stop();
  rsc.stop();
  await Promise.all([gc.settled(), dc.settled(), rsc.settled()]);
  await env.close();
});

// ---- helpers ---------------------------------------------------------------------------------

function refTo(ref: ResourceRef, o: KObject, blockOwnerDeletion?: boolean): OwnerReference {
  const r: OwnerReference = { apiVersion: apiVersion(ref), kind: ref.kind, name: o.metadata!.name!, uid: o.metadata!.uid! };
  if (blockOwnerDeletion !== undefined) r.blockOwnerDeletion = blockOwnerDeletion;
  return r;
}

const cm = (ns: string, name: string, ownerReferences?: OwnerReference[], finalizers?: string[]) =>
  env.client.create<ConfigMap>(R.configmaps, ns, { metadata: { name, ownerReferences, finalizers } });

/** An unscheduled pod: deleted at once. */
const pendingPod = (ns: string, name: string, ownerReferences: OwnerReference[]) =>
  env.client.create<Pod>(R.pods, ns, { metadata: { name, ownerReferences }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

/** A pod bound to a node: deleting it (gracefully) leaves it terminating until forced. */
const boundPod = (ns: string, name: string, ownerReferences: OwnerReference[]) =>
  env.client.create<Pod>(R.pods, ns, { metadata: { name, ownerReferences }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] } });

const get = (ref: ResourceRef, ns: string, name: string) => env.client.tryGet<KObject>(ref, ns, name);
const gone = (ref: ResourceRef, ns: string, name: string) => eventually(`${ref.kind} ${ns}/${name} gone`, async () => !(await get(ref, ns, name)));
const terminating = (ref: ResourceRef, ns: string, name: string) =>
  eventually(`${ref.kind} ${ns}/${name} terminating`, async () => (await get(ref, ns, name))?.metadata?.deletionTimestamp !== undefined);
const forceDelete = (ns: string, name: string) => env.client.delete(R.pods, ns, name, { gracePeriodSeconds: 0 });
const del = (ref: ResourceRef, ns: string, name: string, propagationPolicy: 'Background' | 'Foreground' | 'Orphan') =>
  env.client.delete(ref, ns, name, { propagationPolicy });
const ownerUids = async (ref: ResourceRef, ns: string, name: string) => ((await get(ref, ns, name))?.metadata?.ownerReferences ?? []).map((r) => r.uid);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asserts `fn` stays true for `ms` (a negative check: the collector had time to act and did not). */
async function holds(what: string, fn: () => Promise<boolean>, ms = 400): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    assert.ok(await fn(), what);
    await sleep(25);
  }
}

/** Records the order in which objects are deleted, and which were seen terminating first (keys kind/namespace/name). */
function recorder(informers: Informer<KObject>[]) {
  const deleted: string[] = [];
  const terminated = new Set<string>();
  for (const inf of informers) {
    inf.on({
      update: (_o, n) => {
        if (n.metadata?.deletionTimestamp) terminated.add(`${inf.ref.kind}/${n.metadata.namespace}/${n.metadata.name}`);
      },
      delete: (o) => deleted.push(`${inf.ref.kind}/${o.metadata?.namespace}/${o.metadata?.name}`),
    });
  }
  return { deleted, terminated };
}

// ---- background --------------------------------------------------------------------------------

describe('background deletion', () => {
  it('deletes the dependents of an owner that is gone', async () => {
    const owner = await cm('bg', 'owner');
    await cm('bg', 'dep-cm', [refTo(R.configmaps, owner, true)]);
    await pendingPod('bg', 'dep-pod', [refTo(R.configmaps, owner)]);
    await del(R.configmaps, 'bg', 'owner', 'Background');
    assert.equal(await get(R.configmaps, 'bg', 'owner'), undefined, 'the owner goes at once');
    await gone(R.configmaps, 'bg', 'dep-cm');
    await gone(R.pods, 'bg', 'dep-pod');
  });

  it("deletes a dependent with the policy its own finalizer asks for (orphan: its dependents stay)", async () => {
    const owner = await cm('bg-orphan-fin', 'owner');
    const mid = await cm('bg-orphan-fin', 'mid', [refTo(R.configmaps, owner)], ['orphan']);
    await cm('bg-orphan-fin', 'leaf', [refTo(R.configmaps, mid)]);
    await del(R.configmaps, 'bg-orphan-fin', 'owner', 'Background');
    await gone(R.configmaps, 'bg-orphan-fin', 'mid');
    await holds('the leaf was orphaned, not collected', async () => !!(await get(R.configmaps, 'bg-orphan-fin', 'leaf')));
    assert.deepEqual(await ownerUids(R.configmaps, 'bg-orphan-fin', 'leaf'), [], 'its reference to mid was removed');
  });
});

// ---- foreground --------------------------------------------------------------------------------

describe('foreground deletion', () => {
  it('keeps the owner until the blocking dependents are gone, deleting every dependent', async () => {
    const ns = 'fg-wait';
    const owner = await cm(ns, 'owner');
    await boundPod(ns, 'blocking', [refTo(R.configmaps, owner, true)]);
    await boundPod(ns, 'nonblocking', [refTo(R.configmaps, owner, false)]);
    await cm(ns, 'nonblocking-cm', [refTo(R.configmaps, owner)]);
    await del(R.configmaps, ns, 'owner', 'Foreground');
    // Every dependent is deleted, blocking or not.
    await gone(R.configmaps, ns, 'nonblocking-cm');
    await terminating(R.pods, ns, 'blocking');
    await terminating(R.pods, ns, 'nonblocking');
    await holds('the owner waits for its blocking dependent', async () => {
      const o = await get(R.configmaps, ns, 'owner');
      return !!o?.metadata?.deletionTimestamp && !!o.metadata.finalizers?.includes('foregroundDeletion');
    });
    await forceDelete(ns, 'blocking');
    // The non-blocking pod is still terminating: the owner does not wait for it.
    await gone(R.configmaps, ns, 'owner');
    assert.ok(await get(R.pods, ns, 'nonblocking'), 'the non-blocking dependent was still terminating');
    await forceDelete(ns, 'nonblocking');
  });

  it('deletes dependents with dependents of their own in the foreground, the others in the background', async () => {
    const ns = 'fg-policy';
    const rec = recorder([env.informers.for<KObject>(R.configmaps)]);
    const owner = await cm(ns, 'owner');
    const mid = await cm(ns, 'mid', [refTo(R.configmaps, owner, true)]);
    await boundPod(ns, 'leaf', [refTo(R.configmaps, mid, true)]);
    await cm(ns, 'sibling', [refTo(R.configmaps, owner, true)]);
    await del(R.configmaps, ns, 'owner', 'Foreground');
    await terminating(R.pods, ns, 'leaf');
    const m = await get(R.configmaps, ns, 'mid');
    assert.ok(m?.metadata?.deletionTimestamp && m.metadata.finalizers?.includes('foregroundDeletion'), 'mid is deleted in the foreground, waiting for its leaf');
    await gone(R.configmaps, ns, 'sibling');
    assert.ok(!rec.terminated.has(`ConfigMap/${ns}/sibling`), 'a dependent without dependents is deleted in the background (at once)');
    assert.ok(await get(R.configmaps, ns, 'owner'), 'the owner waits for mid');
    await forceDelete(ns, 'leaf');
    await gone(R.configmaps, ns, 'owner');
    const order = rec.deleted.filter((k) => k === `ConfigMap/${ns}/mid` || k === `ConfigMap/${ns}/owner`);
    assert.deepEqual(order, [`ConfigMap/${ns}/mid`, `ConfigMap/${ns}/owner`]);
  });

  it('lets the owner go once a blocking dependent stops blocking', async () => {
    const ns = 'fg-unblock';
    const owner = await cm(ns, 'owner');
    await boundPod(ns, 'dep', [refTo(R.configmaps, owner, true)]);
    await del(R.configmaps, ns, 'owner', 'Foreground');
    await terminating(R.pods, ns, 'dep');
    assert.ok(await get(R.configmaps, ns, 'owner'));
    await env.client.patch(R.pods, ns, 'dep', 'strategic', { metadata: { ownerReferences: [{ ...refTo(R.configmaps, owner), blockOwnerDeletion: false }] } });
    await gone(R.configmaps, ns, 'owner');
    assert.ok(await get(R.pods, ns, 'dep'), 'the dependent is still terminating');
    await forceDelete(ns, 'dep');
  });

  it('breaks a cycle of blocking references', async () => {
    const ns = 'fg-cycle';
    const a = await cm(ns, 'a');
    const b = await cm(ns, 'b', [refTo(R.configmaps, a, true)]);
    await env.client.patch(R.configmaps, ns, 'a', 'strategic', { metadata: { ownerReferences: [refTo(R.configmaps, b, true)] } });
    await del(R.configmaps, ns, 'a', 'Foreground');
    await gone(R.configmaps, ns, 'b');
    await gone(R.configmaps, ns, 'a');
  });
});

// ---- several owners ----------------------------------------------------------------------------

describe('several owners', () => {
  it('keeps a dependent with a solid owner and removes the dangling reference', async () => {
    const ns = 'multi';
    const o1 = await cm(ns, 'o1');
    const o2 = await cm(ns, 'o2');
    await cm(ns, 'dep', [refTo(R.configmaps, o1), refTo(R.configmaps, o2)]);
    await del(R.configmaps, ns, 'o2', 'Background');
    await eventually('dangling reference removed', async () => (await ownerUids(R.configmaps, ns, 'dep')).join() === o1.metadata!.uid);
    await del(R.configmaps, ns, 'o1', 'Background');
    await gone(R.configmaps, ns, 'dep');
  });

  it('keeps a dependent with a solid owner when another owner deletes in the foreground, and lets that owner go', async () => {
    const ns = 'multi-fg';
    const solid = await cm(ns, 'solid');
    const fg = await cm(ns, 'fg');
    await cm(ns, 'dep', [refTo(R.configmaps, solid), refTo(R.configmaps, fg, true)]);
    const o3 = await cm(ns, 'o3');
    const o4 = await cm(ns, 'o4');
    await cm(ns, 'dep2', [refTo(R.configmaps, o3, true), refTo(R.configmaps, o4, true)]);
    await del(R.configmaps, ns, 'fg', 'Foreground');
    await gone(R.configmaps, ns, 'fg');
    assert.deepEqual(await ownerUids(R.configmaps, ns, 'dep'), [solid.metadata!.uid], 'dep stays with its solid owner only');
    // With every owner waiting on it, the dependent is deleted.
    await del(R.configmaps, ns, 'o3', 'Foreground');
    await del(R.configmaps, ns, 'o4', 'Foreground');
    await gone(R.configmaps, ns, 'dep2');
    await gone(R.configmaps, ns, 'o3');
    await gone(R.configmaps, ns, 'o4');
  });
});

// ---- orphan ------------------------------------------------------------------------------------

describe('orphan deletion', () => {
  it('removes the owner from its dependents, then the finalizer', async () => {
    const ns = 'orphan';
    const owner = await cm(ns, 'owner');
    const other = await cm(ns, 'other');
    await cm(ns, 'dep1', [refTo(R.configmaps, owner, true), refTo(R.configmaps, other)]);
    await pendingPod(ns, 'dep2', [refTo(R.configmaps, owner, true)]);
    await del(R.configmaps, ns, 'owner', 'Orphan');
    await gone(R.configmaps, ns, 'owner');
    assert.deepEqual(await ownerUids(R.configmaps, ns, 'dep1'), [other.metadata!.uid]);
    assert.deepEqual(await ownerUids(R.pods, ns, 'dep2'), []);
    await holds('the orphans stay', async () => !!(await get(R.configmaps, ns, 'dep1')) && !!(await get(R.pods, ns, 'dep2')));
  });
});

// ---- identities --------------------------------------------------------------------------------

describe('owner identities', () => {
  it('takes a reference to another uid under an existing name for dangling', async () => {
    const ns = 'uid';
    const owner = await cm(ns, 'owner');
    await cm(ns, 'good', [refTo(R.configmaps, owner)]);
    await cm(ns, 'stale', [{ ...refTo(R.configmaps, owner), uid: 'not-the-owners-uid' }]);
    await cm(ns, 'mixed', [refTo(R.configmaps, owner), { ...refTo(R.configmaps, owner), uid: 'another-stale-uid' }]);
    await gone(R.configmaps, ns, 'stale');
    await eventually('stale reference removed', async () => (await ownerUids(R.configmaps, ns, 'mixed')).join() === owner.metadata!.uid);
    assert.ok(await get(R.configmaps, ns, 'good'));
    // An owner deleted and created again under its name is another owner.
    await env.client.delete(R.configmaps, ns, 'owner', { propagationPolicy: 'Orphan' });
    await gone(R.configmaps, ns, 'owner');
    const again = await cm(ns, 'owner');
    await cm(ns, 'of-old', [{ ...refTo(R.configmaps, again), uid: owner.metadata!.uid! }]);
    await gone(R.configmaps, ns, 'of-old');
  });

  it('looks owners up live, not only in its caches', async () => {
    const ns = 'live';
    // Services are not watched by this collector: only a live lookup finds such an owner.
    const svc = await env.client.create<KObject>(R.services, ns, { metadata: { name: 'svc' }, spec: { ports: [{ port: 80 }] } });
    const other = await cm(ns, 'other-owner');
    await cm(ns, 'of-missing', [{ ...refTo(R.services, svc), name: 'missing', uid: 'missing-uid' }]);
    await cm(ns, 'of-existing', [refTo(R.services, svc), refTo(R.configmaps, other)]);
    await gone(R.configmaps, ns, 'of-missing');
    // Losing its watched owner, the dependent is classified: the unwatched owner is solid.
    await del(R.configmaps, ns, 'other-owner', 'Background');
    await eventually('the dangling reference removed', async () => (await ownerUids(R.configmaps, ns, 'of-existing')).join() === svc.metadata!.uid);
    await holds('a dependent of an existing owner stays', async () => !!(await get(R.configmaps, ns, 'of-existing')));
  });

  it('handles cluster-scoped owners and dependents', async () => {
    const ns = 'cluster';
    const node = await env.client.create<KObject>(R.nodes, '', { metadata: { name: 'gc-owner-node' } });
    const ghostNode = { ...refTo(R.nodes, node), name: 'gc-ghost-node', uid: 'ghost-node-uid' };
    await cm(ns, 'of-node', [refTo(R.nodes, node)]);
    await cm(ns, 'of-ghost-node', [ghostNode]);
    const ic = (name: string, ownerReferences: OwnerReference[]) =>
      env.client.create<KObject>(R.ingressclasses, '', { metadata: { name, ownerReferences }, spec: { controller: 'example.com/ingress' } });
    await ic('gc-ic-of-ghost-node', [ghostNode]);
    // A cluster-scoped object cannot be owned by a namespaced one: the reference is left alone.
    await ic('gc-ic-of-configmap', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'nowhere', uid: 'nowhere-uid' }]);
    await gone(R.configmaps, ns, 'of-ghost-node');
    await gone(R.ingressclasses, '', 'gc-ic-of-ghost-node');
    await holds('a dependent of an existing node stays', async () => !!(await get(R.configmaps, ns, 'of-node')));
    await holds('a cluster-scoped dependent of a namespaced owner stays', async () => !!(await get(R.ingressclasses, '', 'gc-ic-of-configmap')));
    await env.client.delete(R.nodes, '', 'gc-owner-node');
    await gone(R.configmaps, ns, 'of-node');
    await env.client.delete(R.ingressclasses, '', 'gc-ic-of-configmap');
  });

  it('collects a dependent naming a namespaced owner in another namespace, with a warning', async () => {
    const owner = await cm('ns-a', 'owner');
    await cm('ns-a', 'same-ns', [refTo(R.configmaps, owner)]);
    await cm('ns-b', 'other-ns', [refTo(R.configmaps, owner)]);
    await gone(R.configmaps, 'ns-b', 'other-ns');
    const ev = await eventually('OwnerRefInvalidNamespace event', async () =>
      (await env.client.list<Event>(R.events, 'ns-b')).items.find((e) => e.reason === 'OwnerRefInvalidNamespace' && e.involvedObject.name === 'other-ns'));
    assert.equal(ev.type, 'Warning');
    assert.equal(ev.message, `ownerRef [v1/ConfigMap, namespace: ns-b, name: owner, uid: ${owner.metadata!.uid}] does not exist in namespace "ns-b"`);
    assert.ok(await get(R.configmaps, 'ns-a', 'owner'));
    assert.ok(await get(R.configmaps, 'ns-a', 'same-ns'));
  });
});

// ---- Deployment → ReplicaSet → Pod ------------------------------------------------------------

describe('Deployment → ReplicaSet → Pod', () => {
  const deployment = (ns: string) =>
    env.client.create<Deployment>(R.deployments, ns, {
      metadata: { name: 'web' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      },
    });
  const pods = (ns: string) => env.client.list<Pod>(R.pods, ns).then((l) => l.items);
  const replicaSets = (ns: string) => env.client.list<ReplicaSet>(R.replicasets, ns).then((l) => l.items);
  const running = async (ns: string) => {
    await deployment(ns);
    await eventually('3 pods', async () => (await pods(ns)).length === 3);
  };

  it('background: the ReplicaSet and its pods follow the Deployment', async () => {
    const ns = 'deploy-bg';
    await running(ns);
    await del(R.deployments, ns, 'web', 'Background');
    await eventually('ReplicaSets and pods gone', async () => !(await replicaSets(ns)).length && !(await pods(ns)).length);
  });

  it('foreground: pods go first, then the ReplicaSet, then the Deployment', async () => {
    const ns = 'deploy-fg';
    const rec = recorder([env.informers.for<KObject>(R.deployments), env.informers.for<KObject>(R.replicasets), env.informers.for<KObject>(R.pods)]);
    await running(ns);
    const rsKey = `ReplicaSet/${ns}/${(await replicaSets(ns))[0]!.metadata!.name}`;
    const podKeys = (await pods(ns)).map((p) => `Pod/${ns}/${p.metadata!.name}`);
    await del(R.deployments, ns, 'web', 'Foreground');
    await gone(R.deployments, ns, 'web');
    assert.ok(rec.terminated.has(rsKey), 'the ReplicaSet, having dependents, was deleted in the foreground');
    const order = rec.deleted.filter((k) => k.split('/')[1] === ns);
    assert.equal(order.length, 5, order.join());
    assert.deepEqual(new Set(order.slice(0, 3)), new Set(podKeys));
    assert.deepEqual(order.slice(3), [rsKey, `Deployment/${ns}/web`]);
  });

  it('orphan: the ReplicaSet and its pods stay, released by the Deployment', async () => {
    const ns = 'deploy-orphan';
    await running(ns);
    await del(R.deployments, ns, 'web', 'Orphan');
    await gone(R.deployments, ns, 'web');
    const [rs] = await replicaSets(ns);
    assert.ok(rs);
    assert.deepEqual(rs.metadata?.ownerReferences ?? [], []);
    await holds('the pods stay, owned by the ReplicaSet', async () => {
      const ps = await pods(ns);
      return ps.length === 3 && ps.every((p) => p.metadata?.ownerReferences?.[0]?.uid === rs.metadata!.uid);
    });
  });
});

// ---- start-up ----------------------------------------------------------------------------------

describe('start-up', () => {
  it('waits for every informer to list before working', async () => {
    const e = await startEnv(['default']);
    const cms = e.informers.for<KObject>(R.configmaps);
    const podInf = e.informers.for<KObject>(R.pods);
    const g = new GarbageCollector(e.client, [cms, podInf]);
    try {
      const owner = await e.client.create<ConfigMap>(R.configmaps, 'default', { metadata: { name: 'owner' } });
      await e.client.create<Pod>(R.pods, 'default', {
        metadata: { name: 'dep', ownerReferences: [refTo(R.configmaps, owner, true)] },
        spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
      });
      await e.client.delete(R.configmaps, 'default', 'owner', { propagationPolicy: 'Foreground' });
      // Only the owners' informer lists: the collector must not take "no dependents seen" for "none".
      cms.start();
      await cms.waitForSync();
      g.run();
      await holds('the owner keeps its finalizer', async () => !!(await e.client.tryGet(R.configmaps, 'default', 'owner')));
      podInf.start();
      await eventually('dependent terminating', async () => !!(await e.client.tryGet<Pod>(R.pods, 'default', 'dep'))?.metadata?.deletionTimestamp);
      assert.ok(await e.client.tryGet(R.configmaps, 'default', 'owner'));
      await e.client.delete(R.pods, 'default', 'dep', { gracePeriodSeconds: 0 });
      await eventually('owner gone', async () => !(await e.client.tryGet(R.configmaps, 'default', 'owner')));
    } finally {
      g.stop();
      await g.settled();
      await e.close();
    }
  });
});
