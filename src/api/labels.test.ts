import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Selector,
  formatLabelSelector,
  formatLabels,
  isQualifiedName,
  isValidLabelValue,
  matchLabelsSelector,
  newRequirement,
  parseSelector,
  selectorFromLabelSelector,
} from './labels.js';

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

test('parseSelector accepts upstream syntax and prints it canonically', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['x=a', 'x=a'],
    ['x==a', 'x==a'],
    ['x!=a', 'x!=a'],
    ['y=b,x=a', 'x=a,y=b'],
    ['  x  =  a  ,  y != b ', 'x=a,y!=b'],
    ['x in (b,a)', 'x in (a,b)'],
    ['x in (a,a,b)', 'x in (a,b)'],
    ['x notin (a)', 'x notin (a)'],
    ['x in ()', 'x in ()'],
    ['x in (,a)', 'x in (,a)'],
    ['x in (a,)', 'x in (,a)'],
    ['x in (a,,b)', 'x in (,a,b)'],
    ['x', 'x'],
    ['!x', '!x'],
    ['x,!y', 'x,!y'],
    ['x>1', 'x>1'],
    ['x<10', 'x<10'],
    ['x=', 'x='],
    ['x=,y=b', 'x=,y=b'],
    ['in=notin', 'in=notin'],
    ['x in (in,notin)', 'x in (in,notin)'],
    ['example.com/app=web', 'example.com/app=web'],
    ['z,a=1,m in (q)', 'a=1,m in (q),z'],
  ];
  for (const [input, want] of cases) assert.equal(parseSelector(input).toString(), want, input);
  assert.equal(parseSelector('').empty, true);
  assert.equal(parseSelector('x').empty, false);
});

test('parseSelector exposes requirements', () => {
  const sel = parseSelector('tier in (web,db),!canary,app=x');
  assert.deepEqual(
    sel.requirements.map((r) => [r.key, r.operator, [...r.values]]),
    [
      ['app', '=', ['x']],
      ['canary', '!', []],
      ['tier', 'in', ['db', 'web']],
    ],
  );
});

test('parseSelector rejects malformed input with upstream messages', () => {
  const cases: [string, string][] = [
    ['x=a,', "found '', expected: identifier after ','"],
    ['x=a,,y=b', "found ',', expected: identifier after ','"],
    ['x y', "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"],
    ['x=a b', "found 'b', expected: ',' or 'end of string'"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['(x)', "found '(', expected: !, identifier, or 'end of string'"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x=(a)', "unable to parse requirement: found '(', expected: identifier"],
    ['x>=1', "unable to parse requirement: found '=', expected: identifier"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x>a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x=-a', `unable to parse requirement: values[0][x]: Invalid value: "-a": ${LABEL_VALUE}`],
    ['-x=a', `unable to parse requirement: <nil>: Invalid value: "-x": ${NAME_PART}`],
  ];
  for (const [input, want] of cases) {
    assert.throws(() => parseSelector(input), (e: Error) => e.message === want, `${input} -> ${want}`);
  }
});

test('selectors match label sets like upstream', () => {
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', undefined, true],
    ['', { a: 'b' }, true],
    ['x=a', { x: 'a' }, true],
    ['x=a', { x: 'b' }, false],
    ['x=a', {}, false],
    ['x==a', { x: 'a', y: 'z' }, true],
    ['x!=a', {}, true],
    ['x!=a', { x: 'a' }, false],
    ['x!=a', { x: 'b' }, true],
    ['x in (a,b)', { x: 'b' }, true],
    ['x in (a,b)', { x: 'c' }, false],
    ['x in (a,b)', {}, false],
    ['x notin (a)', {}, true],
    ['x notin (a)', { x: 'a' }, false],
    ['x', { x: '' }, true],
    ['x', undefined, false],
    ['!x', { x: '' }, false],
    ['!x', {}, true],
    ['x=', { x: '' }, true],
    ['x=', {}, false],
    ['x>1', { x: '2' }, true],
    ['x>1', { x: '1' }, false],
    ['x>1', { x: 'abc' }, false],
    ['x>1', {}, false],
    ['x<1', { x: '0' }, true],
    ['x>9007199254740992', { x: '9007199254740993' }, true],
    ['x=a,y=b', { x: 'a', y: 'b' }, true],
    ['x=a,y=b', { x: 'a' }, false],
    ['toString', {}, false],
  ];
  for (const [sel, labels, want] of cases) assert.equal(parseSelector(sel).matches(labels), want, `${sel} on ${JSON.stringify(labels)}`);
});

test('requiresExactMatch and add', () => {
  assert.equal(parseSelector('a=b').requiresExactMatch('a'), 'b');
  assert.equal(parseSelector('a==b').requiresExactMatch('a'), 'b');
  assert.equal(parseSelector('a in (b)').requiresExactMatch('a'), 'b');
  assert.equal(parseSelector('a in (b,c)').requiresExactMatch('a'), undefined);
  assert.equal(parseSelector('a!=b').requiresExactMatch('a'), undefined);
  assert.equal(parseSelector('c=d').requiresExactMatch('a'), undefined);
  const sel = parseSelector('z=1').add(newRequirement('a', 'exists'));
  assert.equal(sel.toString(), 'a,z=1');
  assert.equal(Selector.nothing().add(newRequirement('a', 'exists')).matches({ a: 'x' }), false);
});

test('selectorFromLabelSelector follows LabelSelectorAsSelector', () => {
  const nothing = selectorFromLabelSelector(undefined);
  assert.equal(nothing.matches({}), false);
  assert.equal(nothing.empty, false);
  assert.equal(nothing.selectable, false);
  assert.equal(nothing.toString(), '');
  const everything = selectorFromLabelSelector({});
  assert.equal(everything.matches({}), true);
  assert.equal(everything.empty, true);
  assert.equal(selectorFromLabelSelector({ matchLabels: {}, matchExpressions: [] }).empty, true);

  const sel = selectorFromLabelSelector({
    matchLabels: { b: '2', a: '1' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['web', 'api'] },
      { key: 'env', operator: 'NotIn', values: ['prod'] },
      { key: 'c', operator: 'Exists' },
      { key: 'd', operator: 'DoesNotExist' },
    ],
  });
  assert.equal(sel.toString(), 'a=1,b=2,c,!d,env notin (prod),tier in (api,web)');
  assert.equal(sel.matches({ a: '1', b: '2', c: '', tier: 'web' }), true);
  assert.equal(sel.matches({ a: '1', b: '2', c: '', tier: 'web', d: 'x' }), false);
  assert.equal(sel.matches({ a: '1', b: '2', c: '', tier: 'web', env: 'prod' }), false);
});

test('selectorFromLabelSelector errors carry upstream messages', () => {
  const cases: [Parameters<typeof selectorFromLabelSelector>[0], string][] = [
    [{ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '"Foo" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] }, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist'],
    [{ matchLabels: { 'a b': 'x' } }, `key: Invalid value: "a b": ${NAME_PART}`],
    [{ matchLabels: { a: 'x y' } }, `values[0][a]: Invalid value: "x y": ${LABEL_VALUE}`],
    [{ matchLabels: { '-a': '-x' } }, `[key: Invalid value: "-a": ${NAME_PART}, values[0][-a]: Invalid value: "-x": ${LABEL_VALUE}]`],
  ];
  for (const [ls, want] of cases) assert.throws(() => selectorFromLabelSelector(ls), (e: Error) => e.message === want, want);
});

test('newRequirement validates operator arity', () => {
  assert.throws(() => newRequirement('a', '=', ['x', 'y']), /values: Invalid value: \[\]string\{"x", "y"\}: exact-match compatibility requires one single value/);
  assert.throws(() => newRequirement('a', 'gt', ['1', '2']), /for 'Gt', 'Lt' operators, exactly one value is required/);
  assert.throws(
    () => newRequirement('a', 'bogus', []),
    (e: Error) => e.message === 'operator: Unsupported value: "bogus": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
  );
});

test('formatLabelSelector, formatLabels and matchLabelsSelector', () => {
  assert.equal(formatLabelSelector(undefined), '<none>');
  assert.equal(formatLabelSelector({}), '<none>');
  assert.equal(formatLabelSelector({ matchLabels: { app: 'web' } }), 'app=web');
  assert.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Nope' }] }), '<error>');
  assert.equal(formatLabels(undefined), '<none>');
  assert.equal(formatLabels({}), '<none>');
  assert.equal(formatLabels({ b: '1', a: '2' }), 'a=2,b=1');
  assert.equal(formatLabels({ a: 'y', 'a-b': 'x' }), 'a-b=x,a=y');

  const svc = matchLabelsSelector({ tier: 'web', app: 'x' });
  assert.equal(svc.toString(), 'app=x,tier=web');
  assert.equal(svc.matches({ app: 'x', tier: 'web', extra: '1' }), true);
  assert.equal(svc.matches({ app: 'x' }), false);
  assert.equal(matchLabelsSelector({}).empty, true);
  assert.equal(matchLabelsSelector(undefined).matches({ a: 'b' }), true);
});

test('qualified names and label values', () => {
  assert.deepEqual(isQualifiedName('app'), []);
  assert.deepEqual(isQualifiedName('example.com/app'), []);
  assert.deepEqual(isQualifiedName('/app'), ['prefix part must be non-empty']);
  assert.deepEqual(isQualifiedName('example.com/'), ['name part must be non-empty', NAME_PART]);
  assert.equal(isQualifiedName('a/b/c').length, 1);
  assert.match(isQualifiedName('a/b/c')[0], /^a qualified name must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/);
  assert.match(isQualifiedName('Example.com/a')[0], /^prefix part a lowercase RFC 1123 subdomain must consist of/);
  assert.deepEqual(isQualifiedName('a'.repeat(64)), ['name part must be no more than 63 characters']);
  assert.deepEqual(isValidLabelValue(''), []);
  assert.deepEqual(isValidLabelValue('a.b_c-d'), []);
  assert.deepEqual(isValidLabelValue('x'.repeat(64)), ['must be no more than 63 characters']);
  assert.deepEqual(isValidLabelValue('-a'), [LABEL_VALUE]);
});
