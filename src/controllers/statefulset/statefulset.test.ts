/**
 * Integration test: the StatefulSet controller on the in-process API server; the test plays the
 * node agent by marking pods Running and Ready.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, StatefulSet } from '../../api/types.js';
import { R } from '../../client/resources.js';
import { eventsFor, setPodRunning, sleep, startEnv, waitFor } from '../nodelifecycle/testenv.js';
import { REVISIONS_ANNOTATION } from './history.js';
import { StatefulSetController } from './statefulset-controller.js';

const sts = (replicas: number, image = 'nginx:1'): StatefulSet => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    serviceName: 'nginx',
    selector: { matchLabels: { app: 'web' } },
    // Bound to a node, so deleted pods stay Terminating until the (fake) node agent removes them.
    template: { metadata: { labels: { app: 'web' } }, spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image }] } },
  },
});

test('a StatefulSet of 3 is created in order, rolled from the highest ordinal, and scaled down from the highest', async () => {
  const env = await startEnv();
  const ctrl = new StatefulSetController(env.client, env.informers);
  const names = async () => (await env.client.list<Pod>(R.pods, 'default')).items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata!.name!).sort();
  const getSet = () => env.client.get<StatefulSet>(R.statefulsets, 'default', 'web');
  try {
    env.informers.start();
    ctrl.run();
    await env.client.create(R.statefulsets, 'default', sts(3));
    const order: string[] = [];
    for (const n of ['web-0', 'web-1', 'web-2']) {
      const pod = await waitFor(`${n} created`, () => env.client.tryGet<Pod>(R.pods, 'default', n));
      order.push(n);
      await sleep(150);
      // Until this pod is Running and Ready, no next ordinal appears.
      assert.deepEqual(await names(), order, `only ${order.join(',')} exist before ${n} is ready`);
      assert.equal(pod.spec?.hostname, n);
      assert.equal(pod.spec?.subdomain, 'nginx');
      assert.equal(pod.metadata?.labels?.['statefulset.kubernetes.io/pod-name'], n);
      assert.equal(pod.metadata?.labels?.['apps.kubernetes.io/pod-index'], n.slice(4));
      assert.match(pod.metadata?.labels?.['controller-revision-hash'] ?? '', /^web-[a-z0-9]+$/);
      await setPodRunning(env.client, 'default', n);
    }
    const ready = await waitFor('status ready 3', async () => {
      const s = await getSet();
      return s.status?.readyReplicas === 3 && s.status.availableReplicas === 3 ? s : undefined;
    });
    assert.equal(ready.status?.replicas, 3);
    assert.equal(ready.status?.currentReplicas, 3);
    assert.equal(ready.status?.updatedReplicas, 3);
    assert.equal(ready.status?.observedGeneration, 1);
    assert.equal(ready.status?.collisionCount, 0);
    const rev1 = ready.status?.currentRevision;
    assert.equal(ready.status?.updateRevision, rev1);
    assert.ok(ready.metadata?.annotations?.[REVISIONS_ANNOTATION]?.includes(rev1!), 'revision kept on the set');
    await ctrl.flush();
    const created = await eventsFor(env.client, 'default', 'web', 'SuccessfulCreate');
    assert.deepEqual(created.map((e) => e.message).sort(), ['create Pod web-0 in StatefulSet web successful', 'create Pod web-1 in StatefulSet web successful', 'create Pod web-2 in StatefulSet web successful']);

    // Rolling update: web-2 first, then web-1, then web-0.
    await env.client.patch(R.statefulsets, 'default', 'web', 'merge', { spec: { template: { spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:2' }] } } } });
    const rolled: string[] = [];
    // The node agent: deleted pods go at once; recreated pods become ready.
    for (let i = 0; i < 3; i++) {
      const victim = await waitFor('a pod being replaced', async () => {
        const pods = (await env.client.list<Pod>(R.pods, 'default')).items;
        return pods.find((p) => p.metadata?.deletionTimestamp)?.metadata?.name ?? pods.find((p) => !p.metadata?.deletionTimestamp && p.spec?.containers[0].image === 'nginx:2' && p.status?.phase !== 'Running')?.metadata?.name;
      });
      rolled.push(victim);
      const fresh = await waitFor(`${victim} recreated at nginx:2`, async () => {
        const p = await env.client.tryGet<Pod>(R.pods, 'default', victim);
        if (p?.metadata?.deletionTimestamp) await env.client.delete(R.pods, 'default', victim, { gracePeriodSeconds: 0 });
        return p && !p.metadata?.deletionTimestamp && p.spec?.containers[0].image === 'nginx:2' ? p : undefined;
      });
      await setPodRunning(env.client, 'default', fresh.metadata!.name!);
    }
    assert.deepEqual(rolled, ['web-2', 'web-1', 'web-0']);
    const updated = await waitFor('rollout complete', async () => {
      const s = await getSet();
      return s.status?.updatedReplicas === 3 && s.status.currentRevision === s.status.updateRevision && s.status.readyReplicas === 3 ? s : undefined;
    });
    assert.notEqual(updated.status?.currentRevision, rev1);
    assert.equal(updated.status?.observedGeneration, 2);
    await waitFor('old revision dropped', async () => !(await getSet()).metadata?.annotations?.[REVISIONS_ANNOTATION]?.includes(rev1!));

    // Scale down to 1: web-2 goes first; web-1 only once web-2 is gone.
    await env.client.patch(R.statefulsets, 'default', 'web', 'merge', { spec: { replicas: 1 } });
    await waitFor('web-2 terminating', async () => !!(await env.client.tryGet<Pod>(R.pods, 'default', 'web-2'))?.metadata?.deletionTimestamp);
    await sleep(200);
    assert.equal((await env.client.get<Pod>(R.pods, 'default', 'web-1')).metadata?.deletionTimestamp, undefined, 'web-1 waits for web-2');
    await env.client.delete(R.pods, 'default', 'web-2', { gracePeriodSeconds: 0 });
    await waitFor('web-1 terminating', async () => !!(await env.client.tryGet<Pod>(R.pods, 'default', 'web-1'))?.metadata?.deletionTimestamp);
    await env.client.delete(R.pods, 'default', 'web-1', { gracePeriodSeconds: 0 });
    await waitFor('status replicas 1', async () => (await getSet()).status?.replicas === 1);
    assert.deepEqual(await names(), ['web-0']);
    await ctrl.flush();
    const deletedEv = await eventsFor(env.client, 'default', 'web', 'SuccessfulDelete');
    assert.ok(deletedEv.some((e) => e.message === 'delete Pod web-2 in StatefulSet web successful'));
  } finally {
    ctrl.stop();
    await env.close();
  }
});

test('a Parallel StatefulSet creates all pods at once', async () => {
  const env = await startEnv();
  const ctrl = new StatefulSetController(env.client, env.informers);
  try {
    env.informers.start();
    ctrl.run();
    const set = sts(3);
    set.spec!.podManagementPolicy = 'Parallel';
    await env.client.create(R.statefulsets, 'default', set);
    await waitFor('3 pods', async () => (await env.client.list<Pod>(R.pods, 'default')).items.length === 3);
  } finally {
    ctrl.stop();
    await env.close();
  }
});
