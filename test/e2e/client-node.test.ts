/**
 * The same control-plane flows through the official JavaScript client, @kubernetes/client-node:
 * CRUD, patch, scale, deletion, and an informer that sees every event of 1,000 concurrent writes
 * in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { eventually, TestCluster } from '../helpers/cluster.js';

let c: TestCluster;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;

before(async () => {
  c = await new TestCluster({ args: ['--disable', 'scheduler,kubelet,proxy,dns,ingress'] }).start();
  kc = new k8s.KubeConfig();
  kc.loadFromFile(c.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
});
after(async () => {
  await c?.cleanup();
});

describe('@kubernetes/client-node against skiff', () => {
  it('creates, reads, lists with selectors, updates and deletes', async () => {
    await core.createNamespace({ body: { metadata: { name: 'cn' } } });
    const cm = await core.createNamespacedConfigMap({ namespace: 'cn', body: { metadata: { name: 'one', labels: { app: 'x' } }, data: { a: '1' } } });
    assert.equal(cm.metadata?.name, 'one');
    assert.ok(cm.metadata?.uid);
    await core.createNamespacedConfigMap({ namespace: 'cn', body: { metadata: { name: 'two', labels: { app: 'y' } } } });
    const sel = await core.listNamespacedConfigMap({ namespace: 'cn', labelSelector: 'app in (x)' });
    assert.deepEqual(sel.items.map((i) => i.metadata?.name), ['one']);
    const byField = await core.listNamespacedConfigMap({ namespace: 'cn', fieldSelector: 'metadata.name=two' });
    assert.deepEqual(byField.items.map((i) => i.metadata?.name), ['two']);
    const got = await core.readNamespacedConfigMap({ name: 'one', namespace: 'cn' });
    got.data = { a: '2' };
    const updated = await core.replaceNamespacedConfigMap({ name: 'one', namespace: 'cn', body: got });
    assert.equal(updated.data?.a, '2');
    assert.notEqual(updated.metadata?.resourceVersion, got.metadata?.resourceVersion);
    await assert.rejects(core.replaceNamespacedConfigMap({ name: 'one', namespace: 'cn', body: got }), (e: k8s.ApiException<unknown>) => e.code === 409);
    await core.deleteNamespacedConfigMap({ name: 'two', namespace: 'cn' });
    await assert.rejects(core.readNamespacedConfigMap({ name: 'two', namespace: 'cn' }), (e: k8s.ApiException<unknown>) => e.code === 404);
  });

  it('patches (merge and strategic), scales, and pages lists', async () => {
    await apps.createNamespacedDeployment({
      namespace: 'cn',
      body: {
        metadata: { name: 'web' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', command: ['sleep', '1000'] }] } },
        },
      },
    });
    const patched = await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'cn', body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.29' }] } } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    assert.equal(patched.spec?.template.spec?.containers[0]?.image, 'nginx:1.29');
    assert.deepEqual(patched.spec?.template.spec?.containers[0]?.command, ['sleep', '1000']);
    await apps.patchNamespacedDeployment({ name: 'web', namespace: 'cn', body: { metadata: { labels: { m: 'y' } } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
    const scale = await apps.replaceNamespacedDeploymentScale({ name: 'web', namespace: 'cn', body: { metadata: { name: 'web', namespace: 'cn' }, spec: { replicas: 4 } } });
    assert.equal(scale.spec?.replicas, 4);
    assert.equal((await apps.readNamespacedDeployment({ name: 'web', namespace: 'cn' })).spec?.replicas, 4);
    for (let i = 0; i < 7; i++) await core.createNamespacedConfigMap({ namespace: 'cn', body: { metadata: { name: `page-${i}` } } });
    const names: string[] = [];
    let cont: string | undefined;
    do {
      const page = await core.listNamespacedConfigMap({ namespace: 'cn', limit: 3, _continue: cont });
      assert.ok(page.items.length <= 3);
      names.push(...page.items.map((i) => i.metadata!.name!));
      cont = page.metadata?._continue;
    } while (cont);
    assert.deepEqual(names.filter((n) => n.startsWith('page-')), ['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);
  });

  it('an informer sees every event of 1,000 concurrent writes, in order', async () => {
    await core.createNamespace({ body: { metadata: { name: 'burst' } } });
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/burst/configmaps', () => core.listNamespacedConfigMap({ namespace: 'burst' }));
    const seen: { type: string; name: string; rv: number }[] = [];
    // Only the writes below count: the root CA publisher adds kube-root-ca.crt to every namespace, as upstream.
    const record = (type: string, o: k8s.V1ConfigMap) => {
      if (o.metadata!.name !== 'kube-root-ca.crt') seen.push({ type, name: o.metadata!.name!, rv: Number(o.metadata!.resourceVersion) });
    };
    informer.on('add', (o) => record('add', o));
    informer.on('update', (o) => record('update', o));
    informer.on('error', () => {});
    await informer.start();
    try {
      const writes: Promise<unknown>[] = [];
      for (let w = 0; w < 20; w++) {
        writes.push(
          (async () => {
            for (let i = 0; i < 50; i++) await core.createNamespacedConfigMap({ namespace: 'burst', body: { metadata: { name: `w${w}-${i}` } } });
          })(),
        );
      }
      await Promise.all(writes);
      await eventually(() => seen.length >= 1000, 30_000, 'all 1,000 events');
      assert.equal(seen.length, 1000, 'no duplicates');
      assert.equal(new Set(seen.map((s) => s.name)).size, 1000);
      for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.rv > seen[i - 1]!.rv, `event ${i} in resourceVersion order`);
    } finally {
      await informer.stop();
    }
  });
});
