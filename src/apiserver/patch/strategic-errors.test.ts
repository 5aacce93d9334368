import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyStrategicMergePatch } from './strategic.js';
import { assertApiError, deepFreeze } from './testutil.js';

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown>): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });

describe('strategic merge patch: errors as upstream reports them', () => {
  const live = pod({ containers: [{ name: 'app', image: 'nginx' }] }, { name: 'p', labels: { a: 'b' }, finalizers: ['x'] });
  const cases: [string, unknown, number, string, string][] = [
    ['item without its merge key', { spec: { containers: [{ image: 'nginx' }] } }, 500, '', 'map: map[image:nginx] does not contain declared merge key: name'],
    ['$patch: delete item without its merge key', { spec: { containers: [{ $patch: 'delete' }] } }, 500, '', 'map: map[$patch:delete] does not contain declared merge key: name'],
    ['$patch: merge on a map', { metadata: { labels: { $patch: 'merge', a: 'c' } } }, 500, '', 'unknown patch type: merge in map: map[$patch:merge a:c]'],
    ['$patch: merge in a list', { spec: { containers: [{ name: 'app', $patch: 'merge' }] } }, 500, '', 'merging lists cannot yet be specified in the patch'],
    ['unknown $patch in a list', { spec: { containers: [{ name: 'app', $patch: 'bogus' }] } }, 500, '', 'unknown patch type: bogus in map: map[$patch:bogus name:app]'],
    ['$retainKeys not a list', { spec: { containers: [{ name: 'app', $retainKeys: 'image' }] } }, 400, 'BadRequest', 'invalid patch format of retainKeys'],
    ['$retainKeys missing a patched key', { spec: { containers: [{ name: 'app', image: 'x', $retainKeys: ['name'] }] } }, 400, 'BadRequest', 'invalid patch format of retainKeys'],
    ['$setElementOrder not a list', { spec: { '$setElementOrder/containers': 'app' } }, 500, '', 'expected a []interface {}, but received a string'],
    ['$setElementOrder without a slash', { spec: { $setElementOrdercontainers: [] } }, 400, 'BadRequest', 'invalid patch format of setElementOrder list'],
    ['$deleteFromPrimitiveList without a slash', { metadata: { $deleteFromPrimitiveListfinalizers: ['x'] } }, 400, 'BadRequest', 'invalid patch format of primitive list'],
    [
      '$setElementOrder not matching the patch list',
      { spec: { '$setElementOrder/containers': [{ name: 'app' }], containers: [{ name: 'b', image: 'x' }] } },
      500, '', 'The order in patch list:\n[map[image:x name:b]]\n doesn\'t match $setElementOrder list:\n[map[name:app]]\n',
    ],
    ['list element types differ', { metadata: { finalizers: [1] } }, 500, '', 'list element types are not identical: [[x] [1]]'],
    ['patch body is a list', [{ op: 'add' }], 400, 'BadRequest', 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['patch body is a string', 'x', 400, 'BadRequest', 'json: cannot unmarshal string into Go value of type map[string]interface {}'],
  ];
  for (const [name, patch, code, reason, message] of cases) {
    it(name, () => {
      assertApiError(() => applyStrategicMergePatch(deepFreeze(live), deepFreeze(patch), 'V1Pod'), code, reason, message);
    });
  }

  it('a list of lists is the generic 422', () => {
    const err = assertApiError(
      () => applyStrategicMergePatch({ metadata: { finalizers: [] } }, { metadata: { finalizers: [['a']] } }, 'V1Pod'),
      422, 'Invalid', 'the server rejected our request due to an error in our request');
    assert.equal(err.cause, 'lists of lists are not supported');
  });
});
