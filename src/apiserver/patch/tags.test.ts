import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldType } from '../../api/schema.js';
import { ApiError } from '../../api/errors.js';
import { lookupSlice, lookupStruct, otherStrategy, patchMetaOf, taggedFields } from './tags.js';

describe('strategic-merge tag table', () => {
  it('names only existing models and fields, with lists for merge and objects for retainKeys/replace', () => {
    for (const [model, fields] of Object.entries(taggedFields())) {
      for (const [field, raw] of Object.entries(fields)) {
        const t = fieldType(model, field);
        assert.ok(t, `${model}.${field} is not in the schema`);
        const meta = patchMetaOf(model, field);
        if (meta.strategies.includes('merge')) assert.equal(t.kind, 'array', `${model}.${field} (${raw}) should be a list`);
        else assert.equal(t.kind, 'object', `${model}.${field} (${raw}) should be an object`);
      }
    }
  });

  it('parses strategies and merge keys', () => {
    assert.deepStrictEqual(patchMetaOf('V1PodSpec', 'volumes'), { strategies: ['merge', 'retainKeys'], mergeKey: 'name' });
    assert.deepStrictEqual(patchMetaOf('V1ObjectMeta', 'finalizers'), { strategies: ['merge'], mergeKey: '' });
    assert.deepStrictEqual(patchMetaOf('V1DeploymentSpec', 'strategy'), { strategies: ['retainKeys'], mergeKey: '' });
    assert.deepStrictEqual(patchMetaOf('V1PodSpec', 'tolerations'), { strategies: [], mergeKey: '' });
  });

  it('walks the type graph to element types', () => {
    const spec = lookupStruct({ kind: 'object', name: 'V1Pod' }, 'spec').sub;
    assert.deepStrictEqual(spec, { kind: 'object', name: 'V1PodSpec' });
    assert.deepStrictEqual(lookupSlice(spec, 'containers'), { sub: { kind: 'object', name: 'V1Container' }, meta: { strategies: ['merge'], mergeKey: 'name' } });
    assert.deepStrictEqual(lookupStruct({ kind: 'map', values: { kind: 'primitive', name: 'string' } }, 'app').sub, { kind: 'primitive', name: 'string' });
    assert.equal(lookupStruct(spec, 'noSuchField').sub, undefined);
    assert.throws(() => lookupSlice(spec, 'securityContext'), (e: unknown) => e instanceof ApiError && e.message === 'expected slice or array type, but got: struct');
  });

  it('separates retainKeys from the other strategy', () => {
    assert.equal(otherStrategy(['merge', 'retainKeys']), 'merge');
    assert.equal(otherStrategy(['retainKeys']), '');
    assert.equal(otherStrategy(['replace']), 'replace');
    assert.equal(otherStrategy([]), '');
    assert.throws(() => otherStrategy(['merge', 'replace']), (e: unknown) => e instanceof ApiError && e.message === 'unexpected patch strategy: [merge replace]');
  });
});
