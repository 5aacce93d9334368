import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch, patchMediaType } from './index.js';
import { assertApiError, deepFreeze } from './testutil.js';

type J = Record<string, unknown>;

const live = deepFreeze({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', image: 'nginx' }, { name: 'side', image: 'envoy' }] },
});
const containersOf = (o: unknown): J[] => ((o as J).spec as { containers: J[] }).containers;

describe('applyPatch dispatch on Content-Type', () => {
  it('strategic merge patch merges containers by name', () => {
    const out = applyPatch('application/strategic-merge-patch+json', live, { spec: { containers: [{ name: 'app', image: 'nginx:2' }] } }, 'V1Pod');
    assert.deepStrictEqual(containersOf(out), [{ name: 'app', image: 'nginx:2' }, { name: 'side', image: 'envoy' }]);
  });

  it('merge patch replaces the container list', () => {
    const out = applyPatch('application/merge-patch+json', live, { spec: { containers: [{ name: 'app', image: 'nginx:2' }] } }, 'V1Pod');
    assert.deepStrictEqual(containersOf(out), [{ name: 'app', image: 'nginx:2' }]);
  });

  it('JSON patch applies operations (parameters after ; are ignored)', () => {
    const out = applyPatch('application/json-patch+json; charset=utf-8', live, [{ op: 'replace', path: '/spec/containers/1/image', value: 'envoy:2' }], 'V1Pod');
    assert.equal(containersOf(out)[1]!.image, 'envoy:2');
    assert.equal(patchMediaType('application/merge-patch+json ; charset=UTF-8'), 'application/merge-patch+json');
  });

  it('apply patch goes to server-side apply and needs a field manager', () => {
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'app', image: 'nginx:3' }] } };
    const out = applyPatch('application/apply-patch+yaml', live, body, 'V1Pod', 'kubectl') as J & { metadata: J };
    assert.deepStrictEqual(containersOf(out), [{ name: 'app', image: 'nginx:3' }, { name: 'side', image: 'envoy' }]);
    assert.equal((out.metadata.managedFields as J[])[0]!.manager, 'kubectl');
    assertApiError(() => applyPatch('application/apply-patch+yaml', live, body, 'V1Pod'), 422, 'Invalid', /fieldManager: Required value/);
  });

  it('other media types get upstream\'s 415', () => {
    for (const ct of ['application/json', 'text/plain', '']) {
      assertApiError(() => applyPatch(ct, live, {}, 'V1Pod'), 415, 'UnsupportedMediaType',
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml');
    }
  });

  it('a patch that leaves something other than an object is a 422 on field patch', () => {
    const err = assertApiError(() => applyPatch('application/merge-patch+json', live, [1], 'V1Pod'), 422, 'Invalid',
      / "" is invalid: patch: Invalid value: "\[1\]": couldn't get version\/kind; json parse error: json: cannot unmarshal array into Go value of type struct/);
    assert.equal(err.details?.causes?.[0]?.field, 'patch');
    assertApiError(() => applyPatch('application/json-patch+json', live, [{ op: 'replace', path: '', value: [] }], 'V1Pod'), 422, 'Invalid', /patch: Invalid value/);
  });
});
