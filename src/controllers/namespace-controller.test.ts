/**
 * The namespace controller's status conditions while a namespace terminates, as upstream's
 * deleter reports them: content and finalizers remaining, discovery and group-version failures,
 * delete failures — each True with upstream's reason and message, False with the OK wording
 * once resolved.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError } from '../api/errors.js';
import type { ConfigMap, Namespace } from '../api/types.js';
import { Client } from '../client/client.js';
import type { ResourceRef } from '../client/resources.js';
import { R } from '../client/resources.js';
import type { Transport } from '../client/transport.js';
import { GroupDiscoveryFailedError, mergeConditions, NamespaceController, type NamespaceCondition, parseGroupVersion, reportConditions } from './namespace-controller.js';
import { eventually, startEnv, type TestEnv } from './replicaset/test-env.js';

const OK_ALL: [string, string, string, string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'False', 'ContentRemoved', 'All content successfully removed'],
];

const brief = (cs: NamespaceCondition[] | undefined) => (cs ?? []).map((c) => [c.type, c.status, c.reason, c.message]);
const cond = (cs: NamespaceCondition[] | undefined, type: string) => (cs ?? []).find((c) => c.type === type);

describe('namespace conditions (pure)', () => {
  it('reports every type, False with upstream OK wording when all is well', () => {
    assert.deepEqual(brief(reportConditions({ contentErrors: [], remaining: new Map(), finalizers: new Map() })), OK_ALL);
  });

  it('words problems as upstream, sorted for stable updates', () => {
    const cs = reportConditions({
      discoveryError: new GroupDiscoveryFailedError([], new Map([['metrics.k8s.io/v1beta1', new Error('the server is currently unable to handle the request')]])),
      groupVersionError: new Error('unexpected GroupVersion string: a/b/c'),
      contentErrors: [new Error('b failed'), new Error('a failed')],
      remaining: new Map([['pods.', 2], ['deployments.apps', 1]]),
      finalizers: new Map([['example.com/z', 1], ['example.com/a', 3]]),
    });
    assert.deepEqual(brief(cs), [
      ['NamespaceDeletionDiscoveryFailure', 'True', 'DiscoveryFailed', 'Discovery failed for some groups, 1 failing: unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: the server is currently unable to handle the request'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'True', 'GroupVersionParsingFailed', 'unexpected GroupVersion string: a/b/c'],
      ['NamespaceDeletionContentFailure', 'True', 'ContentDeletionFailed', 'Failed to delete all resource types, 2 remaining: a failed, b failed'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: deployments.apps has 1 resource instances, pods. has 2 resource instances'],
      ['NamespaceFinalizersRemaining', 'True', 'SomeFinalizerRemain', 'Some finalizers are remaining: example.com/a in 3 resource instances, example.com/z in 1 resource instances'],
    ]);
  });

  it('merges: unchanged conditions are no update; lastTransitionTime moves only when the status flips', () => {
    const first = reportConditions({ contentErrors: [], remaining: new Map([['pods.', 1]]), finalizers: new Map() }, '2020-01-01T00:00:00Z');
    const cur = mergeConditions(undefined, first)!;
    assert.equal(cur.length, 5);
    assert.equal(mergeConditions(cur, reportConditions({ contentErrors: [], remaining: new Map([['pods.', 1]]), finalizers: new Map() }, '2021-01-01T00:00:00Z')), undefined);
    const more = mergeConditions(cur, reportConditions({ contentErrors: [], remaining: new Map([['pods.', 2]]), finalizers: new Map() }, '2021-01-01T00:00:00Z'))!;
    assert.equal(cond(more, 'NamespaceContentRemaining')!.lastTransitionTime, '2020-01-01T00:00:00Z', 'same status: time kept');
    assert.match(cond(more, 'NamespaceContentRemaining')!.message!, /pods\. has 2/);
    const done = mergeConditions(more, reportConditions({ contentErrors: [], remaining: new Map(), finalizers: new Map() }, '2022-01-01T00:00:00Z'))!;
    assert.equal(cond(done, 'NamespaceContentRemaining')!.lastTransitionTime, '2022-01-01T00:00:00Z', 'flipped: time moves');
    assert.equal(cond(done, 'NamespaceDeletionDiscoveryFailure')!.lastTransitionTime, '2020-01-01T00:00:00Z');
  });

  it('parses group versions as schema.ParseGroupVersion', () => {
    assert.deepEqual(parseGroupVersion('v1'), { group: '', version: 'v1' });
    assert.deepEqual(parseGroupVersion('apps/v1'), { group: 'apps', version: 'v1' });
    assert.throws(() => parseGroupVersion('a/b/c'), /^Error: unexpected GroupVersion string: a\/b\/c$/);
  });
});

describe('namespace controller on an API server', () => {
  let env: TestEnv;
  let discover: () => ResourceRef[];
  let failDeletesOf: string | undefined;
  let ctrl: NamespaceController;

  before(async () => {
    env = await startEnv(['default']);
    // The controller's client fails deletes of one resource when told to (a server-side error).
    const inner = env.client.transport;
    const flaky: Transport = {
      request: (method, path, opts) => {
        if (method === 'DELETE' && failDeletesOf && path.includes(`/${failDeletesOf}/`)) return Promise.reject(new ApiError(500, 'InternalError', `an error on the server ("boom") has prevented the request from succeeding (delete ${failDeletesOf})`));
        return inner.request(method, path, opts);
      },
      watch: (path, q, h) => inner.watch(path, q, h),
    };
    discover = () => [R.configmaps, R.secrets, R.pods];
    ctrl = new NamespaceController(new Client(flaky), env.informers.for<Namespace>(R.namespaces), () => discover());
    env.informers.start();
    ctrl.run();
  });
  after(async () => {
    ctrl.stop();
    await env.close();
  });

  const conditions = async (ns: string) => (await env.client.tryGet<Namespace>(R.namespaces, '', ns))?.status?.conditions;
  const gone = (ns: string) => eventually(`${ns} gone`, async () => !(await env.client.tryGet(R.namespaces, '', ns)));

  it('a finalizer holding content: ContentRemaining and FinalizersRemaining until it is removed', async () => {
    await env.client.create(R.namespaces, '', { metadata: { name: 'held' } });
    await env.client.create<ConfigMap>(R.configmaps, 'held', { metadata: { name: 'keep', finalizers: ['example.com/hold'] } });
    await env.client.create<ConfigMap>(R.configmaps, 'held', { metadata: { name: 'free' } });
    await env.client.delete(R.namespaces, '', 'held');
    const cs = await eventually('conditions', async () => {
      const c = await conditions('held');
      return cond(c, 'NamespaceFinalizersRemaining')?.status === 'True' ? c : undefined;
    });
    assert.deepEqual(brief(cs), [
      OK_ALL[0],
      OK_ALL[1],
      OK_ALL[2],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: configmaps. has 1 resource instances'],
      ['NamespaceFinalizersRemaining', 'True', 'SomeFinalizerRemain', 'Some finalizers are remaining: example.com/hold in 1 resource instances'],
    ]);
    assert.equal((await env.client.tryGet<Namespace>(R.namespaces, '', 'held'))?.status?.phase, 'Terminating');
    assert.equal(await env.client.tryGet(R.configmaps, 'held', 'free'), undefined, 'the rest is deleted');
    await env.client.patch(R.configmaps, 'held', 'keep', 'merge', { metadata: { finalizers: null } });
    await gone('held');
  });

  it('a discovery failure is reported, what was discovered is deleted, and the namespace waits', async () => {
    discover = () => {
      throw new GroupDiscoveryFailedError([R.configmaps], new Map([['metrics.k8s.io/v1beta1', new Error('the server is currently unable to handle the request')]]));
    };
    await env.client.create(R.namespaces, '', { metadata: { name: 'blind' } });
    await env.client.create<ConfigMap>(R.configmaps, 'blind', { metadata: { name: 'cm' } });
    await env.client.delete(R.namespaces, '', 'blind');
    const c = await eventually('DiscoveryFailure', async () => cond(await conditions('blind'), 'NamespaceDeletionDiscoveryFailure'));
    assert.equal(c.status, 'True');
    assert.equal(c.reason, 'DiscoveryFailed');
    assert.equal(c.message, 'Discovery failed for some groups, 1 failing: unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: the server is currently unable to handle the request');
    await eventually('cm deleted', async () => !(await env.client.tryGet(R.configmaps, 'blind', 'cm')));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(await env.client.tryGet(R.namespaces, '', 'blind'), 'not finalized while discovery fails');
    discover = () => [R.configmaps, R.secrets, R.pods];
    await gone('blind');
  });

  it('a group version that does not parse is reported', async () => {
    discover = () => [R.configmaps, { group: 'example.com', version: 'v1/extra', plural: 'widgets', kind: 'Widget', namespaced: true }];
    await env.client.create(R.namespaces, '', { metadata: { name: 'unparsed' } });
    await env.client.delete(R.namespaces, '', 'unparsed');
    const c = await eventually('GV parsing failure', async () => cond(await conditions('unparsed'), 'NamespaceDeletionGroupVersionParsingFailure'));
    assert.deepEqual([c.status, c.reason, c.message], ['True', 'GroupVersionParsingFailed', 'unexpected GroupVersion string: example.com/v1/extra']);
    discover = () => [R.configmaps, R.secrets, R.pods];
    await gone('unparsed');
  });

  it('a failing delete is reported as ContentDeletionFailed, and clears once deletes work', async () => {
    failDeletesOf = 'secrets';
    await env.client.create(R.namespaces, '', { metadata: { name: 'stuck' } });
    await env.client.create(R.secrets, 'stuck', { metadata: { name: 's' } });
    await env.client.delete(R.namespaces, '', 'stuck');
    const c = await eventually('ContentFailure', async () => cond(await conditions('stuck'), 'NamespaceDeletionContentFailure'));
    assert.deepEqual([c.status, c.reason], ['True', 'ContentDeletionFailed']);
    assert.equal(c.message, 'Failed to delete all resource types, 1 remaining: an error on the server ("boom") has prevented the request from succeeding (delete secrets)');
    failDeletesOf = undefined;
    await eventually('conditions all clear', async () => {
      const cs = await conditions('stuck');
      return cs === undefined || cs.every((x) => x.status === 'False');
    });
    await gone('stuck');
  });
});
