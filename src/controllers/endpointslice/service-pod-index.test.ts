import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KObject, Pod, Service } from '../../api/types.js';
import type { Informer } from '../../client/informer.js';
import { WorkQueue } from '../../client/workqueue.js';
import { Delayer } from './delayer.js';
import { keyOf } from './pod-util.js';
import { ServicePodIndex } from './service-pod-index.js';
import { pod, service } from './test-fixtures.js';

/** The part of an informer the index reads: list by namespace and get by key. */
function fakeInformer<T extends KObject>(items: T[]): Informer<T> {
  const fake = {
    list: (ns?: string) => items.filter((o) => ns === undefined || o.metadata?.namespace === ns),
    getByKey: (k: string) => items.find((o) => keyOf(o) === k),
  };
  return fake as unknown as Informer<T>;
}

test('the index follows selector and label changes in both directions', () => {
  const pods: Pod[] = [pod(0), pod(1, { labels: { app: 'api' } }), pod(2)];
  const services: Service[] = [service(), service({ metadata: { name: 'api', uid: 'api' }, spec: { selector: { app: 'api' } } })];
  const idx = new ServicePodIndex(fakeInformer(pods), fakeInformer(services));
  for (const p of pods) idx.updatePod(p);
  assert.deepEqual(
    idx.podsFor(services[0]).map((p) => p.metadata?.name),
    ['p0', 'p2'],
  );
  assert.deepEqual([...idx.servicesOf(pods[1])], ['default/api']);

  // p2 relabelled: it leaves web and joins api.
  const moved = pod(2, { labels: { app: 'api' } });
  pods[2] = moved;
  const { before, after } = idx.updatePod(moved, pod(2));
  assert.deepEqual([[...before], [...after]], [['default/web'], ['default/api']]);
  assert.deepEqual(
    idx.podsFor(services[1]).map((p) => p.metadata?.name),
    ['p1', 'p2'],
  );

  // The web Service now selects app=api too: rebuilt from the namespace's pods.
  services[0] = service({ spec: { selector: { app: 'api' } } });
  idx.updateService(services[0]);
  assert.deepEqual(
    idx.podsFor(services[0]).map((p) => p.metadata?.name),
    ['p1', 'p2'],
  );
  assert.deepEqual([...idx.servicesOf(moved)].sort(), ['default/api', 'default/web']);

  // Without a selector it selects nothing; a deleted pod leaves every Service.
  assert.deepEqual(idx.podsFor(service({ spec: { selector: undefined } })), []);
  assert.deepEqual([...idx.deletePod(moved)].sort(), ['default/api']);
  assert.deepEqual(
    idx.podsFor(services[1]).map((p) => p.metadata?.name),
    ['p1'],
  );
});

test('Delayer keeps the earliest deadline per key', async () => {
  const q = new WorkQueue<string>();
  const d = new Delayer(q);
  d.addAfter('k', 1000);
  d.addAfter('k', 5);
  d.addAfter('k', 500);
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(q.length, 1);
  d.stop();
  q.shutdown();
});
