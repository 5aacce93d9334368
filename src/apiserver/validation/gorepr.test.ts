import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateRepr, goIntOrString, goLabelSelector, goPointer, goQuote, goStringMap, goStringSlice, invalidOmitValue, invalidRepr, notSupportedRepr } from './gorepr.js';

test('goQuote escapes like Go %q', () => {
  assert.equal(goQuote('a"b\\c\n'), '"a\\"b\\\\c\\n"');
  assert.equal(goQuote('\u0001'), '"\\x01"');
});

test('Go %#v of maps, slices, selectors and IntOrStrings', () => {
  assert.equal(goStringMap({ b: '2', a: '1' }), 'map[string]string{"a":"1", "b":"2"}');
  assert.equal(goStringMap(undefined), 'map[string]string(nil)');
  assert.equal(goStringSlice(['x', 'y']), '[]string{"x", "y"}');
  assert.equal(goStringSlice(undefined, '[]core.IPFamily'), '[]core.IPFamily(nil)');
  assert.equal(
    goLabelSelector({ matchLabels: { app: 'web' } }),
    'v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}',
  );
  assert.equal(
    goLabelSelector({ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }),
    'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"k", Operator:"In", Values:[]string{"v"}}}}',
  );
  assert.equal(goIntOrString('25%'), 'intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}');
  assert.equal(goIntOrString(3), 'intstr.IntOrString{Type:0, IntVal:3, StrVal:""}');
  assert.equal(goIntOrString(undefined), 'intstr.IntOrString{Type:0, IntVal:0, StrVal:""}');
  assert.equal(goPointer('apps.X', true), '(*apps.X)(nil)');
});

test('field errors with pre-rendered values', () => {
  assert.deepEqual(invalidRepr('spec.x', 'map[string]string(nil)', 'bad'), { type: 'FieldValueInvalid', field: 'spec.x', message: 'Invalid value: map[string]string(nil): bad' });
  assert.equal(invalidRepr('spec.x', 'v').message, 'Invalid value: v');
  assert.equal(duplicateRepr('a', 'core.X{}', 'why').message, 'Duplicate value: core.X{}: why');
  assert.equal(notSupportedRepr('a', 'apps.S{}', ['A', 'B']).message, 'Unsupported value: apps.S{}: supported values: "A", "B"');
  assert.equal(invalidOmitValue('a', 'detail').message, 'Invalid value: detail');
});
