import { test } from 'node:test';
import assert from 'node:assert/strict';
import { root } from '../../api/field.js';
import { intOrPercentValue, labelSelectorAsSelector, semanticEqual, validateImmutable, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './common.js';

test('semanticEqual: zero values, nil and empty collections are equal', () => {
  assert.ok(semanticEqual(undefined, []));
  assert.ok(semanticEqual({ a: undefined, b: 0 }, {}));
  assert.ok(semanticEqual({ m: {} }, { m: undefined }));
  assert.ok(!semanticEqual({ a: 1 }, { a: 2 }));
  assert.ok(!semanticEqual(['a'], []));
});

test('validateImmutable', () => {
  assert.deepEqual(validateImmutable('a', 'a', root('x')), []);
  assert.equal(validateImmutable('b', 'a', root('x'))[0]!.message, 'Invalid value: "b": field is immutable');
  assert.equal(validateImmutable({}, { a: 1 }, root('x'), () => 'core.X{}')[0]!.message, 'Invalid value: core.X{}: field is immutable');
});

test('labelSelectorAsSelector: nil selects nothing, {} everything, expressions work', () => {
  assert.equal(labelSelectorAsSelector(undefined).matches({ a: 'b' }), false);
  const all = labelSelectorAsSelector({});
  assert.ok(all.ok && all.empty && all.matches(undefined));
  const sel = labelSelectorAsSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }, { key: 'x', operator: 'DoesNotExist' }] });
  assert.ok(sel.matches({ app: 'web', tier: 'fe' }));
  assert.ok(!sel.matches({ app: 'web', tier: 'be' }));
  assert.ok(!sel.matches({ app: 'web', tier: 'fe', x: '1' }));
  assert.equal(labelSelectorAsSelector({ matchExpressions: [{ key: 'k', operator: 'Near' }] }).ok, false);
  assert.equal(labelSelectorAsSelector({ matchExpressions: [{ key: 'k', operator: 'In', values: [] }] }).ok, false);
  assert.equal(labelSelectorAsSelector({ matchLabels: { 'a b': 'c' } }).ok, false);
});

test('int-or-percent helpers', () => {
  assert.equal(intOrPercentValue('25%'), 25);
  assert.equal(intOrPercentValue(3), 3);
  assert.equal(intOrPercentValue(undefined), 0);
  assert.deepEqual(validatePositiveIntOrPercent('10%', root('m')), []);
  assert.equal(validatePositiveIntOrPercent(-1, root('m'))[0]!.message, 'Invalid value: -1: must be greater than or equal to 0');
  assert.equal(
    validatePositiveIntOrPercent('ten', root('m'))[0]!.message,
    "Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"ten\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
  );
  assert.equal(validateNotMoreThan100Percent('120%', root('m'))[0]!.message, 'Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%');
});
