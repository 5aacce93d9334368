/**
 * Integration tests of the ReplicaSet controller on the in-process API server.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Event, Pod, ReplicaSet } from '../../api/types.js';
import { R } from '../../client/resources.js';
import { ReplicaSetController } from './replicaset-controller.js';
import { eventually, FakeKubelet, startEnv, type TestEnv } from './test-env.js';

let env: TestEnv;
let ctrl: ReplicaSetController;
let kubelet: FakeKubelet;

before(async () => {
  env = await startEnv(['default', 'adopt']);
  ctrl = new ReplicaSetController(env.client, env.informers);
  kubelet = new FakeKubelet(env, 10);
  env.informers.start();
  await env.informers.waitForSync();
  ctrl.run();
});

after(async () => {
  kubelet.stop();
  ctrl.stop();
  await ctrl.settled();
  await env.close();
});

function replicaSet(name: string, replicas: number, labels: Record<string, string>, minReadySeconds?: number): ReplicaSet {
  return {
    metadata: { name },
    spec: {
      replicas,
      minReadySeconds,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
}

const pods = (ns: string, sel: string) => env.client.list<Pod>(R.pods, ns, { labelSelector: sel }).then((l) => l.items);
const getRS = (ns: string, name: string) => env.client.get<ReplicaSet>(R.replicasets, ns, name);
const events = (ns: string, reason: string) => env.client.list<Event>(R.events, ns).then((l) => l.items.filter((e) => e.reason === reason));

test('creates pods from the template with generateName and a controller reference, then reports status', async () => {
  const rs = await env.client.create(R.replicasets, 'default', replicaSet('web', 3, { app: 'web' }));
  const list = await eventually('3 pods', async () => {
    const p = await pods('default', 'app=web');
    return p.length === 3 && p;
  });
  for (const p of list) {
    assert.match(p.metadata!.name!, /^web-[a-z0-9]{5}$/);
    assert.equal(p.metadata!.generateName, 'web-');
    assert.deepEqual(p.metadata!.ownerReferences, [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata!.uid, controller: true, blockOwnerDeletion: true },
    ]);
  }
  const st = await eventually('ready status', async () => {
    const s = (await getRS('default', 'web')).status;
    return s?.readyReplicas === 3 && s.availableReplicas === 3 && s;
  });
  assert.equal(st.replicas, 3);
  assert.equal(st.fullyLabeledReplicas, 3);
  assert.equal(st.observedGeneration, 1);
  const created = await eventually('events', async () => {
    const e = await events('default', 'SuccessfulCreate');
    return e.length === 3 && e;
  });
  assert.deepEqual(created.map((e) => e.message).sort(), list.map((p) => `Created pod: ${p.metadata!.name}`).sort());
  assert.equal(created[0].source?.component, 'replicaset-controller');
  assert.equal(created[0].involvedObject.kind, 'ReplicaSet');
});

test('scales down, deleting not-ready pods first, with SuccessfulDelete events', async () => {
  // Make one pod not ready: it must be among the first to go.
  const before = await pods('default', 'app=web');
  const victim = before[1].metadata!.name!;
  await env.client.patch(R.pods, 'default', victim, 'strategic', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, 'status');
  await eventually('ready 2', async () => (await getRS('default', 'web')).status?.readyReplicas === 2);
  await env.client.patch(R.replicasets, 'default', 'web', 'merge', { spec: { replicas: 2 } });
  const left = await eventually('2 pods', async () => {
    const p = await pods('default', 'app=web');
    return p.length === 2 && p;
  });
  assert.ok(!left.some((p) => p.metadata!.name === victim), 'the not-ready pod was deleted');
  const del = await eventually('delete event', async () => {
    const e = await events('default', 'SuccessfulDelete');
    return e.length === 1 && e;
  });
  assert.equal(del[0].message, `Deleted pod: ${victim}`);
  const st = await eventually('status 2', async () => {
    const rs = await getRS('default', 'web');
    return rs.status?.replicas === 2 && rs.status.observedGeneration === 2 && rs.status;
  });
  assert.equal(st.readyReplicas, 2);
});

test('replaces a deleted pod', async () => {
  const [first] = await pods('default', 'app=web');
  await env.client.delete(R.pods, 'default', first.metadata!.name!);
  await eventually('replacement', async () => {
    const p = await pods('default', 'app=web');
    return p.length === 2 && !p.some((x) => x.metadata!.uid === first.metadata!.uid);
  });
});

test('adopts a matching orphan instead of creating, and releases a pod whose labels stop matching', async () => {
  await env.client.create<Pod>(R.pods, 'adopt', { metadata: { name: 'orphan', labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'db' }] } });
  const rs = await env.client.create(R.replicasets, 'adopt', replicaSet('db', 2, { app: 'db' }));
  const adopted = await eventually('adoption', async () => {
    const p = await env.client.get<Pod>(R.pods, 'adopt', 'orphan');
    return p.metadata?.ownerReferences?.[0]?.uid === rs.metadata!.uid && p;
  });
  assert.equal(adopted.metadata!.ownerReferences![0].controller, true);
  const all = await eventually('2 pods', async () => {
    const p = await pods('adopt', 'app=db');
    return p.length === 2 && p;
  });
  assert.equal(all.filter((p) => p.metadata!.name !== 'orphan').length, 1, 'only one pod was created');

  // Relabel the adopted pod: the ReplicaSet lets it go and makes a new one.
  await env.client.patch(R.pods, 'adopt', 'orphan', 'merge', { metadata: { labels: { app: 'other' } } });
  await eventually('release', async () => {
    const p = await env.client.get<Pod>(R.pods, 'adopt', 'orphan');
    return !(p.metadata?.ownerReferences ?? []).length;
  });
  await eventually('replacement', async () => (await pods('adopt', 'app=db')).length === 2);
});

test('availableReplicas waits for minReadySeconds and is re-evaluated without further events', async () => {
  await env.client.create(R.replicasets, 'default', replicaSet('slow', 1, { app: 'slow' }, 2));
  await eventually('ready', async () => (await getRS('default', 'slow')).status?.readyReplicas === 1);
  assert.equal((await getRS('default', 'slow')).status?.availableReplicas ?? 0, 0);
  await eventually('available after minReadySeconds', async () => (await getRS('default', 'slow')).status?.availableReplicas === 1, 6000);
});

test('ignores terminating pods: a deleting pod is not counted and is replaced at once', async () => {
  const [p] = await pods('default', 'app=slow');
  // Hold the pod in Terminating with a finalizer, then delete it.
  await env.client.patch(R.pods, 'default', p.metadata!.name!, 'merge', { metadata: { finalizers: ['test/hold'] } });
  await env.client.delete(R.pods, 'default', p.metadata!.name!);
  const replaced = await eventually('replacement of the terminating pod', async () => {
    const all = await pods('default', 'app=slow');
    return all.length === 2 && all;
  });
  assert.equal(replaced.filter((x) => x.metadata!.deletionTimestamp).length, 1);
  await eventually('status counts 1', async () => (await getRS('default', 'slow')).status?.replicas === 1);
  await env.client.patch(R.pods, 'default', p.metadata!.name!, 'merge', { metadata: { finalizers: null } });
});

test('a rejected create: FailedCreate event and ReplicaFailure condition, cleared once creates succeed', async () => {
  const rs = replicaSet('bad', 5, { app: 'bad' });
  rs.spec!.template!.spec!.priorityClassName = 'missing';
  await env.client.create(R.replicasets, 'default', rs);
  const cond = await eventually('ReplicaFailure', async () => (await getRS('default', 'bad')).status?.conditions?.find((c) => c.type === 'ReplicaFailure'));
  assert.equal(cond.status, 'True');
  assert.equal(cond.reason, 'FailedCreate');
  assert.match(cond.message!, /is forbidden: no PriorityClass with name missing was found$/);
  const failed = await eventually('FailedCreate event', async () => {
    const e = (await events('default', 'FailedCreate')).filter((x) => x.involvedObject.name === 'bad');
    return e.length > 0 && e;
  });
  assert.equal(failed[0].type, 'Warning');
  assert.match(failed[0].message!, /^Error creating: pods ".*" is forbidden: no PriorityClass with name missing was found$/);
  assert.equal((await pods('default', 'app=bad')).length, 0);
  // Fixing the template clears the condition.
  await env.client.patch(R.replicasets, 'default', 'bad', 'json', [{ op: 'remove', path: '/spec/template/spec/priorityClassName' }]);
  await eventually('pods created and condition cleared', async () => {
    const r = await getRS('default', 'bad');
    return r.status?.replicas === 5 && !r.status.conditions;
  });
});
