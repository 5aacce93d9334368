import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeValue, exactMatch, fieldSelectorFromSet, parseFieldSelector, unescapeValue } from './fields.js';

test('parseFieldSelector parses =, == and != terms', () => {
  const cases: [string, string, [string, string, string][]][] = [
    ['', '', []],
    ['metadata.name=web', 'metadata.name=web', [['metadata.name', '=', 'web']]],
    ['metadata.name==web', 'metadata.name=web', [['metadata.name', '=', 'web']]],
    ['status.phase!=Running', 'status.phase!=Running', [['status.phase', '!=', 'Running']]],
    [
      'spec.nodeName=n1,metadata.namespace=default',
      'metadata.namespace=default,spec.nodeName=n1',
      [
        ['metadata.namespace', '=', 'default'],
        ['spec.nodeName', '=', 'n1'],
      ],
    ],
    ['a=,', 'a=', [['a', '=', '']]],
    [',,a=b,', 'a=b', [['a', '=', 'b']]],
    ['a=b\\,c', 'a=b\\,c', [['a', '=', 'b,c']]],
    ['a=b\\=c\\\\', 'a=b\\=c\\\\', [['a', '=', 'b=c\\']]],
    ['=', '', []],
  ];
  for (const [input, text, reqs] of cases) {
    const sel = parseFieldSelector(input);
    assert.equal(sel.toString(), text, input);
    assert.deepEqual(
      sel.requirements.map((r) => [r.field, r.operator, r.value]),
      reqs,
      input,
    );
  }
});

test('parseFieldSelector errors match upstream', () => {
  const cases: [string, string][] = [
    ['metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a!==b', 'invalid field selector: unescaped character in value: 61'],
    ['a=x,b', "invalid selector: 'a=x,b'; can't understand 'b'"],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
  ];
  for (const [input, want] of cases) assert.throws(() => parseFieldSelector(input), (e: Error) => e.message === want, input);
});

test('field selectors match field sets', () => {
  const fields = { 'metadata.name': 'web', 'status.phase': 'Running', 'spec.nodeName': '' };
  const cases: [string, boolean][] = [
    ['', true],
    ['metadata.name=web', true],
    ['metadata.name=db', false],
    ['metadata.name!=db', true],
    ['status.phase!=Running', false],
    ['spec.nodeName=', true],
    ['spec.nodeName!=', false],
    ['missing=', true],
    ['missing!=x', true],
    ['metadata.name=web,status.phase=Running', true],
    ['metadata.name=web,status.phase=Pending', false],
  ];
  for (const [sel, want] of cases) assert.equal(parseFieldSelector(sel).matches(fields), want, sel);
  assert.equal(parseFieldSelector('').empty, true);
  assert.equal(parseFieldSelector('a=b').empty, false);
});

test('exactMatch and requirements for server-side checks', () => {
  const sel = parseFieldSelector('metadata.name=web,spec.nodeName!=n1');
  assert.equal(exactMatch(sel, 'metadata.name'), 'web');
  assert.equal(exactMatch(sel, 'spec.nodeName'), undefined);
  assert.equal(exactMatch(sel, 'other'), undefined);
  assert.equal(exactMatch(undefined, 'metadata.name'), undefined);
  assert.equal(exactMatch(parseFieldSelector('metadata.name==x'), 'metadata.name'), 'x');
  const unsupported = sel.requirements.map((r) => r.field).filter((f) => f !== 'metadata.name');
  assert.deepEqual(unsupported, ['spec.nodeName']);
});

test('transform maps or drops fields', () => {
  const sel = parseFieldSelector('regarding.name=web,type=Normal');
  const mapped = sel.transform((f, v) => (f === 'regarding.name' ? ['involvedObject.name', v] : f === 'type' ? ['', ''] : [f, v]));
  assert.equal(mapped.toString(), 'involvedObject.name=web');
  assert.throws(() =>
    sel.transform((f) => {
      throw new Error(`field label not supported: ${f}`);
    }),
  /field label not supported: regarding.name/);
});

test('escaping round-trips and fieldSelectorFromSet', () => {
  for (const v of ['', 'plain', 'a,b', 'a=b', 'a\\b', '\\,=']) assert.equal(unescapeValue(escapeValue(v)), v);
  assert.equal(escapeValue('a,b=c\\'), 'a\\,b\\=c\\\\');
  const sel = fieldSelectorFromSet({ 'spec.nodeName': 'n1', 'metadata.name': 'p' });
  assert.equal(sel.toString(), 'metadata.name=p,spec.nodeName=n1');
  assert.equal(sel.matches({ 'metadata.name': 'p', 'spec.nodeName': 'n1' }), true);
});
