import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyMergePatch } from './merge.js';
import { assertApiError, deepFreeze } from './testutil.js';

const live = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web', tier: 'fe' }, annotations: { a: '1' } },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx' }, { name: 'log', image: 'fluentd' }] } } },
};

describe('JSON merge patch', () => {
  const cases: [string, unknown, unknown][] = [
    ['kubectl scale', { spec: { replicas: 3 } }, { ...live, spec: { ...live.spec, replicas: 3 } }],
    [
      'kubectl label (add and remove)',
      { metadata: { labels: { env: 'prod', tier: null } } },
      { ...live, metadata: { ...live.metadata, labels: { app: 'web', env: 'prod' } } },
    ],
    [
      'kubectl annotate --overwrite',
      { metadata: { annotations: { a: '2' } } },
      { ...live, metadata: { ...live.metadata, annotations: { a: '2' } } },
    ],
    [
      'lists are replaced, not merged',
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } } } },
      { ...live, spec: { ...live.spec, template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } } } },
    ],
    ['null removes a whole subtree', { spec: null }, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: live.metadata }],
    [
      'nulls inside a new subtree (and inside its lists) are pruned',
      { status: { replicas: 1, conditions: [{ type: 'Available', reason: null }], x: null } },
      { ...live, status: { replicas: 1, conditions: [{ type: 'Available' }] } },
    ],
    [
      'a scalar replaces an object and an object replaces a scalar',
      { metadata: { labels: 'none' }, spec: { replicas: { n: 1, gone: null } } },
      { ...live, metadata: { ...live.metadata, labels: 'none' }, spec: { ...live.spec, replicas: { n: 1 } } },
    ],
    ['strategic directives are plain data here', { metadata: { labels: { $patch: 'replace' } } }, { ...live, metadata: { ...live.metadata, labels: { ...live.metadata.labels, $patch: 'replace' } } }],
    ['an empty patch changes nothing', {}, live],
    ['an array patch replaces the document', [{ a: 1, b: null }], [{ a: 1 }]],
  ];
  for (const [name, patch, want] of cases) {
    it(name, () => assert.deepStrictEqual(applyMergePatch(deepFreeze(structuredClone(live)), deepFreeze(patch)), want));
  }

  it('returns a copy that shares nothing with the inputs', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'x' }] } } } };
    const out = applyMergePatch(live, patch) as typeof live;
    assert.notEqual(out.metadata, live.metadata);
    assert.notEqual(out.spec.template.spec.containers, patch.spec.template.spec.containers);
  });

  it('a null or scalar patch is 400 Invalid JSON Patch', () => {
    for (const p of [null, 'x', 3, true]) assertApiError(() => applyMergePatch(live, p), 400, 'BadRequest', 'Invalid JSON Patch');
  });
});
