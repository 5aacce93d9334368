/**
 * The root CA publisher on the in-process API server: every namespace gets kube-root-ca.crt, and
 * a deleted or edited copy comes back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConfigMap, Namespace } from '../api/types.js';
import { R } from '../client/resources.js';
import { eventually, startEnv, type TestEnv } from './replicaset/test-env.js';
import { DESCRIPTION, DESCRIPTION_ANNOTATION, ROOT_CA_CONFIGMAP, RootCaPublisher } from './root-ca-publisher.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
let env: TestEnv;
let publisher: RootCaPublisher;

before(async () => {
  env = await startEnv(['default', 'team']);
  publisher = new RootCaPublisher(env.client, env.informers.for<Namespace>(R.namespaces), env.informers.for<ConfigMap>(R.configmaps), CA);
  env.informers.start();
  await env.informers.waitForSync();
  publisher.run();
});

after(async () => {
  publisher.stop();
  await env.close();
});

const published = (ns: string) =>
  eventually(`${ROOT_CA_CONFIGMAP} in ${ns}`, async () => {
    const cm = await env.client.tryGet<ConfigMap>(R.configmaps, ns, ROOT_CA_CONFIGMAP);
    return cm?.data?.['ca.crt'] === CA && cm.metadata?.annotations?.[DESCRIPTION_ANNOTATION] === DESCRIPTION && cm;
  });

describe('root CA publisher', () => {
  it('publishes the CA in every namespace, also in ones created later', async () => {
    for (const ns of ['default', 'team']) {
      const cm = await published(ns);
      assert.deepEqual(Object.keys(cm.data!), ['ca.crt']);
    }
    await env.client.create(R.namespaces, '', { metadata: { name: 'late' } });
    await published('late');
  });

  it('puts back a deleted copy', async () => {
    const before = await published('team');
    await env.client.delete(R.configmaps, 'team', ROOT_CA_CONFIGMAP);
    const again = await eventually('a new copy', async () => {
      const cm = await published('team');
      return cm.metadata!.uid !== before.metadata!.uid && cm;
    });
    assert.equal(again.data!['ca.crt'], CA);
  });

  it('puts back edited data and the description, keeping other annotations', async () => {
    const cm = await published('default');
    await env.client.update(R.configmaps, 'default', {
      ...cm,
      metadata: { ...cm.metadata, annotations: { mine: 'yes' } },
      data: { 'ca.crt': 'tampered', extra: 'x' },
    });
    const fixed = await published('default');
    assert.deepEqual(fixed.data, { 'ca.crt': CA });
    assert.equal(fixed.metadata!.annotations!.mine, 'yes');
  });
});
