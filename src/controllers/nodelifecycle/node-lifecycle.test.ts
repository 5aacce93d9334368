/**
 * Integration tests: the real in-process API server, informers, the node lifecycle controller
 * (with taint-based eviction). The test plays the node agents: it creates Nodes, renews their
 * Leases, posts their status and marks pods Running.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rfc3339 } from '../../api/meta.js';
import type { Node, Pod, Taint } from '../../api/types.js';
import { R } from '../../client/resources.js';
import { NodeLifecycleController } from './node-lifecycle-controller.js';
import { type TestEnv, eventsFor, makeNode, makePod, postReady, renewLease, setPodRunning, sleep, startEnv, waitFor } from './testenv.js';

const getNode = (env: TestEnv, name: string) => env.client.get<Node>(R.nodes, '', name);
const getPod = (env: TestEnv, name: string) => env.client.tryGet<Pod>(R.pods, 'default', name);
const hasTaint = (n: Node, key: string, effect: string): Taint | undefined => n.spec?.taints?.find((t) => t.key === key && t.effect === effect);
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';

/** Renews the named nodes' leases every 100 ms until stopped. */
function heartbeat(env: TestEnv, names: Set<string>): () => void {
  const t = setInterval(() => {
    for (const n of names) void renewLease(env.client, n).catch(() => undefined);
  }, 100);
  return () => clearInterval(t);
}

async function setup(env: TestEnv, nodes: string[]): Promise<void> {
  for (const n of nodes) {
    await env.client.create(R.nodes, '', makeNode(n));
    await renewLease(env.client, n);
  }
}

async function boundPod(env: TestEnv, name: string, node: string, tolerations?: NonNullable<Pod['spec']>['tolerations']): Promise<void> {
  await env.client.create(R.pods, 'default', makePod(name, { nodeName: node, tolerations }));
  await setPodRunning(env.client, 'default', name);
}

test('a silent node goes Unknown, is tainted unreachable, and its pods are evicted by toleration', async () => {
  const env = await startEnv();
  const beating = new Set(['n1', 'n2']);
  const stopBeat = heartbeat(env, beating);
  const ctrl = new NodeLifecycleController(env.client, env.informers, { nodeMonitorPeriodMs: 100, nodeMonitorGracePeriodMs: 1000, evictionLimiterQPS: 10 });
  try {
    await setup(env, ['n1', 'n2']);
    const unreachable = (seconds?: number) => [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds }];
    // Tolerates the key only with a value the taint does not have: no matching toleration.
    await boundPod(env, 'p-none', 'n1', [{ key: UNREACHABLE, operator: 'Equal', value: 'x', effect: 'NoExecute' }]);
    await boundPod(env, 'p-short', 'n1', unreachable(1));
    await boundPod(env, 'p-long', 'n1', unreachable(3));
    await boundPod(env, 'p-default', 'n1');
    await boundPod(env, 'p-forever', 'n1', unreachable());
    await boundPod(env, 'p-other', 'n2', unreachable(1));
    const def = await getPod(env, 'p-default');
    assert.ok(def?.spec?.tolerations?.some((t) => t.key === UNREACHABLE && t.tolerationSeconds === 300), 'the API server added the default 300 s toleration');

    env.informers.start();
    ctrl.run();
    await sleep(300);
    assert.equal(hasTaint(await getNode(env, 'n1'), UNREACHABLE, 'NoExecute'), undefined, 'a healthy node is not tainted');

    beating.delete('n1');
    const silentSince = Date.now();
    const n1 = await waitFor('n1 Ready=Unknown', async () => {
      const n = await getNode(env, 'n1');
      return n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'Unknown' ? n : undefined;
    });
    assert.ok(Date.now() - silentSince >= 900, 'not before the grace period');
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const c = n1.status!.conditions!.find((x) => x.type === type)!;
      assert.equal(c.status, 'Unknown', type);
      assert.equal(c.reason, 'NodeStatusUnknown');
      assert.equal(c.message, 'Kubelet stopped posting node status.');
    }
    await waitFor('pods on n1 NotReady', async () => {
      const p = await getPod(env, 'p-forever');
      return p?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'False';
    });
    assert.equal((await getPod(env, 'p-other'))?.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True', 'pods on healthy nodes stay Ready');
    await waitFor('NodeNotReady event', async () => (await eventsFor(env.client, 'default', 'p-forever', 'NodeNotReady')).some((e) => e.message === 'Node is not ready' && e.type === 'Warning'));

    const tainted = await waitFor('unreachable NoExecute taint', async () => {
      const n = await getNode(env, 'n1');
      return hasTaint(n, UNREACHABLE, 'NoExecute') ? n : undefined;
    });
    const taintedAt = Date.now();
    const taint = hasTaint(tainted, UNREACHABLE, 'NoExecute')!;
    assert.ok(taint.timeAdded, 'the NoExecute taint carries timeAdded');
    await waitFor('unreachable NoSchedule taint', async () => hasTaint(await getNode(env, 'n1'), UNREACHABLE, 'NoSchedule'));
    assert.equal(hasTaint(await getNode(env, 'n2'), UNREACHABLE, 'NoExecute'), undefined);

    const deleted = async (name: string) => !!(await getPod(env, name))?.metadata?.deletionTimestamp;
    await waitFor('p-none evicted at once', () => deleted('p-none'), 1500);
    assert.ok(Date.now() - taintedAt < 900, 'without a matching toleration the pod goes at once');
    assert.equal(await deleted('p-short'), false);

    await waitFor('p-short evicted after 1 s', () => deleted('p-short'), 3000);
    const shortAt = Date.now() - taintedAt;
    assert.ok(shortAt >= 700, `p-short went after ~1 s (${shortAt} ms)`);
    assert.equal(await deleted('p-long'), false, 'the longer toleration still holds');

    await waitFor('p-long evicted after 3 s', () => deleted('p-long'), 4000);
    const longAt = Date.now() - taintedAt;
    assert.ok(longAt >= 2700, `p-long went after ~3 s (${longAt} ms)`);
    assert.equal(await deleted('p-default'), false, 'the 300 s default toleration keeps the pod');
    assert.equal(await deleted('p-forever'), false, 'no tolerationSeconds: never evicted');
    assert.equal(await deleted('p-other'), false, 'pods on healthy nodes stay');

    const short = (await getPod(env, 'p-short'))!;
    const dt = short.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    assert.equal(dt?.status, 'True');
    assert.equal(dt?.reason, 'DeletionByTaintManager');
    assert.equal(dt?.message, 'Taint manager: deleting due to NoExecute taint');
    await ctrl.settled();
    const ev = await eventsFor(env.client, 'default', 'p-short', 'TaintManagerEviction');
    assert.ok(ev.some((e) => e.message === 'Marking for deletion Pod default/p-short' && e.source?.component === 'taint-eviction-controller'), JSON.stringify(ev));
    assert.ok(ctrl.taintEviction!.scheduled().has('default/p-default'));

    // The node comes back: a renewed lease and a Ready status remove the taints and cancel evictions.
    beating.add('n1');
    await renewLease(env.client, 'n1');
    await postReady(env.client, 'n1');
    await waitFor('taints removed', async () => {
      const n = await getNode(env, 'n1');
      return !hasTaint(n, UNREACHABLE, 'NoExecute') && !hasTaint(n, UNREACHABLE, 'NoSchedule');
    });
    await waitFor('eviction cancelled', () => !ctrl.taintEviction!.scheduled().has('default/p-default'));
    await ctrl.settled();
    assert.ok((await eventsFor(env.client, 'default', 'p-default', 'TaintManagerEviction')).some((e) => e.message === 'Cancelling deletion of Pod default/p-default'));
    assert.equal(await deleted('p-default'), false);
    await sleep(300);
    const back = await getNode(env, 'n1');
    assert.equal(back.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True', 'the controller leaves a healthy node alone');
  } finally {
    stopBeat();
    ctrl.stop();
    await env.close();
  }
});

test('a node reporting Ready=False is tainted not-ready; spec.unschedulable gets the unschedulable taint', async () => {
  const env = await startEnv();
  const stopBeat = heartbeat(env, new Set(['a', 'b']));
  const ctrl = new NodeLifecycleController(env.client, env.informers, { nodeMonitorPeriodMs: 100, nodeMonitorGracePeriodMs: 2000, evictionLimiterQPS: 10 });
  try {
    await setup(env, ['a', 'b']);
    await boundPod(env, 'pa', 'a');
    env.informers.start();
    ctrl.run();
    await env.client.patch(R.nodes, '', 'a', 'strategic', {
      status: { conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down', lastHeartbeatTime: rfc3339(), lastTransitionTime: rfc3339() }] },
    }, 'status');
    const n = await waitFor('not-ready NoExecute taint', async () => {
      const x = await getNode(env, 'a');
      return hasTaint(x, NOT_READY, 'NoExecute') && hasTaint(x, NOT_READY, 'NoSchedule') ? x : undefined;
    });
    assert.equal(hasTaint(n, UNREACHABLE, 'NoExecute'), undefined);
    assert.equal(n.status?.conditions?.find((c) => c.type === 'Ready')?.reason, 'KubeletNotReady', 'a node that reports is not overwritten');
    // A node agent that reports NotReady reports its pods too; the controller leaves them (as upstream).
    assert.equal((await getPod(env, 'pa'))?.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');

    await env.client.patch(R.nodes, '', 'b', 'merge', { spec: { unschedulable: true } });
    await waitFor('unschedulable taint', async () => hasTaint(await getNode(env, 'b'), 'node.kubernetes.io/unschedulable', 'NoSchedule'));
    await env.client.patch(R.nodes, '', 'b', 'merge', { spec: { unschedulable: false } });
    await waitFor('unschedulable taint removed', async () => !hasTaint(await getNode(env, 'b'), 'node.kubernetes.io/unschedulable', 'NoSchedule'));

    await postReady(env.client, 'a');
    await waitFor('not-ready taints removed', async () => {
      const x = await getNode(env, 'a');
      return !hasTaint(x, NOT_READY, 'NoExecute') && !hasTaint(x, NOT_READY, 'NoSchedule');
    });
  } finally {
    stopBeat();
    ctrl.stop();
    await env.close();
  }
});

test('when every node is down the controller does not taint (full disruption)', async () => {
  const env = await startEnv();
  const ctrl = new NodeLifecycleController(env.client, env.informers, { nodeMonitorPeriodMs: 100, nodeMonitorGracePeriodMs: 500, evictionLimiterQPS: 10 });
  try {
    await setup(env, ['solo']);
    await boundPod(env, 'ps', 'solo');
    env.informers.start();
    ctrl.run();
    await waitFor('solo Unknown', async () => (await getNode(env, 'solo')).status?.conditions?.find((c) => c.type === 'Ready')?.status === 'Unknown');
    await sleep(600);
    const n = await getNode(env, 'solo');
    assert.equal(hasTaint(n, UNREACHABLE, 'NoExecute'), undefined, 'no NoExecute taint in full disruption');
    assert.ok(hasTaint(n, UNREACHABLE, 'NoSchedule'), 'the NoSchedule taint still follows the condition');
    assert.equal((await getPod(env, 'ps'))?.metadata?.deletionTimestamp, undefined);
  } finally {
    ctrl.stop();
    await env.close();
  }
});
