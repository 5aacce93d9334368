/**
 * Integration tests of the pod garbage collector on the in-process API server.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../api/types.js';
import { R } from '../../client/resources.js';
import { makeNode, makePod, setPodPhase, setPodRunning, sleep, startEnv, waitFor } from '../nodelifecycle/testenv.js';
import { PodGCController } from './podgc-controller.js';

test('pods bound to a deleted node are force deleted after the quarantine, marked Failed with DeletionByPodGC', async () => {
  const env = await startEnv();
  const gc = new PodGCController(env.client, env.informers, { gcCheckPeriodMs: 100, quarantineTimeMs: 500 });
  try {
    await env.client.create(R.nodes, '', makeNode('gone'));
    await env.client.create(R.nodes, '', makeNode('stays'));
    await env.client.create(R.pods, 'default', makePod('orphan', { nodeName: 'gone' }));
    await setPodRunning(env.client, 'default', 'orphan');
    await env.client.create(R.pods, 'default', makePod('kept', { nodeName: 'stays' }));
    env.informers.start();
    gc.run();
    // Observe the last status the pod had before it vanished.
    let lastSeen: Pod | undefined;
    const watch = await env.client.watch(R.pods, 'default', {}, {
      event: (type, obj) => {
        if ((obj as Pod).metadata?.name === 'orphan' && type === 'MODIFIED') lastSeen = obj as Pod;
      },
      end: () => undefined,
    });
    await env.client.delete(R.nodes, '', 'gone');
    const deletedAt = Date.now();
    await sleep(300);
    assert.ok(await env.client.tryGet(R.pods, 'default', 'orphan'), 'still there during the quarantine');
    await waitFor('orphan deleted', async () => !(await env.client.tryGet(R.pods, 'default', 'orphan')), 3000);
    assert.ok(Date.now() - deletedAt >= 500, 'not before the quarantine');
    assert.equal(lastSeen?.status?.phase, 'Failed');
    const c = lastSeen?.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
    assert.equal(c?.reason, 'DeletionByPodGC');
    assert.equal(c?.message, 'PodGC: node no longer exists');
    assert.ok(await env.client.tryGet(R.pods, 'default', 'kept'), 'pods on existing nodes stay');
    watch.stop();
  } finally {
    gc.stop();
    await env.close();
  }
});

test('terminated pods beyond the threshold are deleted oldest first; out-of-service terminating pods are force deleted', async () => {
  const env = await startEnv();
  const gc = new PodGCController(env.client, env.informers, { gcCheckPeriodMs: 100, terminatedPodThreshold: 2 });
  try {
    await env.client.create(R.nodes, '', makeNode('n'));
    for (const name of ['t1', 't2', 't3', 't4']) {
      await env.client.create(R.pods, 'default', makePod(name, { nodeName: 'n' }));
      await setPodPhase(env.client, 'default', name, 'Succeeded');
      await sleep(1100); // distinct creation timestamps (second precision)
    }
    // A terminating pod on a down node carrying the out-of-service taint.
    await env.client.create(R.nodes, '', {
      ...makeNode('down', {}, { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] }),
      status: { conditions: [{ type: 'Ready', status: 'Unknown' }] },
    });
    await env.client.create(R.pods, 'default', makePod('stuck', { nodeName: 'down', tolerations: [{ operator: 'Exists' }] }));
    await setPodRunning(env.client, 'default', 'stuck');
    await env.client.delete(R.pods, 'default', 'stuck');
    assert.ok((await env.client.get<Pod>(R.pods, 'default', 'stuck')).metadata?.deletionTimestamp, 'graceful deletion waits for the node agent');
    env.informers.start();
    gc.run();
    await waitFor('two oldest terminated pods deleted', async () => {
      const names = (await env.client.list<Pod>(R.pods, 'default')).items.map((p) => p.metadata?.name);
      return !names.includes('t1') && !names.includes('t2') ? names : undefined;
    });
    await waitFor('stuck force deleted', async () => !(await env.client.tryGet(R.pods, 'default', 'stuck')));
    await sleep(300);
    const left = (await env.client.list<Pod>(R.pods, 'default')).items.map((p) => p.metadata?.name).sort();
    assert.deepEqual(left, ['t3', 't4']);
  } finally {
    gc.stop();
    await env.close();
  }
});
