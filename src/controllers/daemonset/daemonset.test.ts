/**
 * Integration test: the DaemonSet controller and the real scheduler on the in-process API server;
 * the test plays the node agents (marking pods Running and Ready, removing terminated pods).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DaemonSet, Pod } from '../../api/types.js';
import { R } from '../../client/resources.js';
import { Scheduler } from '../../scheduler/scheduler.js';
import { eventsFor, makeNode, setPodRunning, sleep, startEnv, waitFor } from '../nodelifecycle/testenv.js';
import { DaemonSetController } from './daemonset-controller.js';

const daemonSet = (image: string): DaemonSet => ({
  metadata: { name: 'agent', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { nodeSelector: { role: 'worker' }, containers: [{ name: 'a', image }] } },
  },
});

test('a DaemonSet places one pod per matching node through the scheduler, and rolls updates node by node', async () => {
  const env = await startEnv();
  const scheduler = new Scheduler({ client: env.client, informers: env.informers });
  const ctrl = new DaemonSetController(env.client, env.informers);
  const live = async () => (await env.client.list<Pod>(R.pods, 'default')).items.filter((p) => !p.metadata?.deletionTimestamp);
  /** The node agent: bound pods become Running and Ready; terminating pods are removed. */
  const agent = setInterval(() => {
    void (async () => {
      for (const p of (await env.client.list<Pod>(R.pods, 'default')).items) {
        const name = p.metadata!.name!;
        if (p.metadata?.deletionTimestamp) await env.client.tryDelete(R.pods, 'default', name, { gracePeriodSeconds: 0 });
        else if (p.spec?.nodeName && p.status?.phase !== 'Running') await setPodRunning(env.client, 'default', name);
      }
    })().catch(() => undefined);
  }, 50);
  try {
    await env.client.create(R.nodes, '', makeNode('w1', { role: 'worker' }));
    await env.client.create(R.nodes, '', makeNode('w2', { role: 'worker' }));
    await env.client.create(R.nodes, '', makeNode('other'));
    await env.client.create(R.nodes, '', makeNode('tainted', { role: 'worker' }, { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }));
    env.informers.start();
    scheduler.start();
    ctrl.run();
    await env.client.create(R.daemonsets, 'default', daemonSet('agent:1'));

    const pods = await waitFor('two daemon pods bound', async () => {
      const ps = await live();
      return ps.length === 2 && ps.every((p) => p.spec?.nodeName) ? ps : undefined;
    });
    assert.deepEqual(pods.map((p) => p.spec?.nodeName).sort(), ['w1', 'w2']);
    for (const p of pods) {
      const terms = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
      assert.deepEqual(terms, [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec?.nodeName] }] }], 'placed by node affinity, bound by the scheduler');
      assert.ok(p.spec?.tolerations?.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute' && t.tolerationSeconds === undefined), 'tolerates unreachable forever');
      assert.ok(p.metadata?.labels?.['controller-revision-hash']);
      assert.equal(p.metadata?.ownerReferences?.[0]?.kind, 'DaemonSet');
    }
    const status = await waitFor('status', async () => {
      const d = await env.client.get<DaemonSet>(R.daemonsets, 'default', 'agent');
      return d.status?.numberReady === 2 && d.status.numberAvailable === 2 ? d.status : undefined;
    });
    assert.equal(status.desiredNumberScheduled, 2);
    assert.equal(status.currentNumberScheduled, 2);
    assert.equal(status.updatedNumberScheduled, 2);
    assert.equal(status.numberMisscheduled, 0);
    assert.equal(status.observedGeneration, 1);
    await ctrl.flush();
    assert.equal((await eventsFor(env.client, 'default', 'agent', 'SuccessfulCreate')).filter((e) => /^Created pod: agent-/.test(e.message ?? '')).length, 2);

    // A node gaining the label gets a pod.
    await env.client.patch(R.nodes, '', 'other', 'merge', { metadata: { labels: { role: 'worker' } } });
    await waitFor('third pod on other', async () => (await live()).some((p) => p.spec?.nodeName === 'other'));

    // Rolling update, maxUnavailable 1: never more than one node without an available pod.
    const oldNames = new Set((await live()).map((p) => p.metadata!.name!));
    await env.client.patch(R.daemonsets, 'default', 'agent', 'merge', { spec: { template: { spec: { containers: [{ name: 'a', image: 'agent:2' }] } } } });
    let maxDown = 0;
    await waitFor('all pods updated', async () => {
      const ps = await live();
      const readyNew = ps.filter((p) => p.spec?.containers[0].image === 'agent:2' && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      const readyOld = ps.filter((p) => oldNames.has(p.metadata!.name!));
      maxDown = Math.max(maxDown, 3 - readyNew.length - readyOld.length);
      return readyNew.length === 3 && readyOld.length === 0;
    }, 10_000);
    assert.ok(maxDown <= 1, `at most one node was without a pod (${maxDown})`);
    await waitFor('status updated 3', async () => (await env.client.get<DaemonSet>(R.daemonsets, 'default', 'agent')).status?.updatedNumberScheduled === 3);

    // Tainting a node NoExecute (not tolerated) removes its daemon pod.
    await env.client.patch(R.nodes, '', 'w2', 'merge', { spec: { taints: [{ key: 'evict', effect: 'NoExecute' }] } });
    await waitFor('pod on w2 gone', async () => !(await live()).some((p) => p.spec?.nodeName === 'w2'));
    await sleep(200);
    assert.equal((await live()).length, 2);
  } finally {
    clearInterval(agent);
    ctrl.stop();
    scheduler.stop();
    await scheduler.settled();
    await env.close();
  }
});
