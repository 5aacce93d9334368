import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSchema, toDescriptor } from './spec.js';

test('parseSchema reads field tokens: scalars, repeated, maps, refs, renames and marks', () => {
  const specs = parseSchema([{
    'a.v1': {
      Thing: 'name=1! count=2:i32 tags=3:[]s labels=4:{s} child=5:Child^ q=6:{b.Q} aPIGroup=7@apiGroup! raw=8:bytes',
      Child: 'x=1:i64!',
    },
    b: { Q: 'string=1' },
  }]);
  const fields = specs.get('a.v1.Thing')!.fields;
  assert.deepEqual(fields.map((f) => [f.name, f.json, f.id, f.type, f.repeated, f.map, f.keepZero, f.inline]), [
    ['name', 'name', 1, 'string', false, false, true, false],
    ['count', 'count', 2, 'int32', false, false, false, false],
    ['tags', 'tags', 3, 'string', true, false, false, false],
    ['labels', 'labels', 4, 'string', false, true, false, false],
    ['child', 'child', 5, 'a.v1.Child', false, false, false, true],
    ['q', 'q', 6, 'b.Q', false, true, false, false],
    ['aPIGroup', 'apiGroup', 7, 'string', false, false, true, false],
    ['raw', 'raw', 8, 'bytes', false, false, false, false],
  ]);
  assert.equal(fields[4]!.scalar, false);
});

test('parseSchema rejects malformed tokens, dangling references and conflicting redefinitions', () => {
  assert.throws(() => parseSchema([{ x: { M: 'name' } }]), /bad field token "name" in x\.M/);
  assert.throws(() => parseSchema([{ x: { M: 'a=1:Missing' } }]), /x\.M\.a refers to unknown message x\.Missing/);
  assert.throws(() => parseSchema([{ x: { M: 'a=1' } }, { x: { M: 'a=2' } }]), /x\.M is defined twice/);
  assert.equal(parseSchema([{ x: { M: 'a=1' } }, { x: { M: 'a=1' } }]).size, 1);
});

test('toDescriptor nests namespaces, marks types proto2 and uses absolute message references', () => {
  const d = toDescriptor(parseSchema([{ 'a.v1': { M: 'xs=1:[]N m=2:{i32} n=3:N', N: 'v=1' } }]).values());
  const m = d.nested!.a!.nested!.v1!.nested!.M!;
  assert.equal(m.edition, 'proto2');
  assert.deepEqual(m.fields, {
    xs: { type: '.a.v1.N', id: 1, rule: 'repeated' },
    m: { type: 'int32', id: 2, keyType: 'string' },
    n: { type: '.a.v1.N', id: 3 },
  });
});
