import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERR_FORMAT_WRONG, ERR_SUFFIX, Quantity, parseQuantity, quantityFromJSON, tryParseQuantity } from './quantity.js';

/** Nanos of `v × 10^scale`, to compare parsed values exactly. */
const nanos = (v: bigint, scale: number): bigint => (scale + 9 >= 0 ? v * 10n ** BigInt(scale + 9) : v / 10n ** BigInt(-(scale + 9)));

test('parses the upstream ParseQuantity table (value and format)', () => {
  const table: [string, bigint, number, string][] = [
    ['0', 0n, 0, 'DecimalSI'],
    ['0n', 0n, 0, 'DecimalSI'],
    ['0Ki', 0n, 0, 'BinarySI'],
    ['0Mi', 0n, 0, 'BinarySI'],
    ['1', 1n, 0, 'DecimalSI'],
    ['1Ki', 1024n, 0, 'BinarySI'],
    ['7Mi', 7n * 1024n * 1024n, 0, 'BinarySI'],
    ['3Ei', 3n * 1024n ** 6n, 0, 'BinarySI'],
    ['5n', 5n, -9, 'DecimalSI'],
    ['4u', 4n, -6, 'DecimalSI'],
    ['3m', 3n, -3, 'DecimalSI'],
    ['50k', 5n, 4, 'DecimalSI'],
    ['300T', 3n, 14, 'DecimalSI'],
    ['1E', 1n, 18, 'DecimalSI'],
    ['1E-3', 1n, -3, 'DecimalExponent'],
    ['1e3', 1n, 3, 'DecimalExponent'],
    ['1E18', 1n, 18, 'DecimalExponent'],
    ['100.035k', 100035n, 0, 'DecimalSI'],
    ['0.001', 1n, -3, 'DecimalSI'],
    ['0.0005k', 5n, -1, 'DecimalSI'],
    ['0.5', 5n, -1, 'DecimalSI'],
    ['0.5e-2', 5n, -3, 'DecimalExponent'],
    ['1.3E+6', 13n, 5, 'DecimalExponent'],
    ['6.987654321G', 6987654321n, 0, 'DecimalSI'],
    ['3.001n', 4n, -9, 'DecimalSI'],
    ['1.1E-9', 2n, -9, 'DecimalExponent'],
    ['0.0000000001', 1n, -9, 'DecimalSI'],
    ['0.5e-9', 1n, -9, 'DecimalExponent'],
    ['0.00000012345', 124n, -9, 'DecimalSI'],
    ['9Ei', (1n << 63n) - 1n, 0, 'BinarySI'],
    ['9223372036854775807Ki', (1n << 63n) - 1n, 0, 'BinarySI'],
    ['12E', 12n, 18, 'DecimalSI'],
    ['100.035Ki', 10243584n, -2, 'BinarySI'],
    ['0.5Mi', 524288n, 0, 'BinarySI'],
    ['0.05Gi', 536870912n, -1, 'BinarySI'],
    ['0.000000000001Ki', 2n, -9, 'DecimalSI'],
    ['.001', 1n, -3, 'DecimalSI'],
    ['.0001k', 100n, -3, 'DecimalSI'],
    ['1.', 1n, 0, 'DecimalSI'],
    ['1.G', 1n, 9, 'DecimalSI'],
  ];
  for (const [input, v, scale, format] of table) {
    for (const [prefix, sign] of [['', 1n], ['+', 1n], ['-', -1n]] as const) {
      const q = parseQuantity(prefix + input);
      assert.equal(q.scaledValue(-9), sign * nanos(v, scale), `${prefix}${input}`);
      assert.equal(q.format, format, `${prefix}${input} format`);
    }
  }
});

test('rejects malformed quantities with upstream messages', () => {
  for (const bad of ['1.1.M', '1+1.0M', 'aoeu', '0.1am', ' 1', '1 ', '']) {
    assert.throws(() => parseQuantity(bad), { message: ERR_FORMAT_WRONG }, bad);
  }
  for (const bad of ['0.1mi', '.5i', '1i', '-3.01i', '-3.01e-', '1K', '1e']) {
    assert.throws(() => parseQuantity(bad), { message: ERR_SUFFIX }, bad);
  }
  assert.equal(
    ERR_FORMAT_WRONG,
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  );
  assert.equal(tryParseQuantity('x'), undefined);
});

test('serializes canonically, keeping canonical input verbatim (upstream String table)', () => {
  const table: [string, string][] = [
    ['1Gi', '1024Mi'],
    ['300Mi', '307200Ki'],
    ['1001Gi', '1025024Mi'],
    ['1Ti', '1024Gi'],
    ['1G', '1000M'],
    ['1G', '0.001T'],
    ['1m', '1000u'],
    ['1080m', '1.08'],
    ['1080m', '1080000000n'],
    ['1e9', '.001e12'],
    ['1e-3', '0.001e0'],
    ['1e-9', '1000e-12'],
    ['0', '00'],
    ['500m', '0.5'],
    ['6Ki', '6Ki'],
    ['80u', '80u'],
    ['3k', '3k'],
    ['300e6', '300e6'],
  ];
  for (const [canonical, alternate] of table) {
    assert.equal(parseQuantity(canonical).toString(), canonical, canonical);
    assert.equal(parseQuantity(alternate).toString(), canonical, alternate);
    if (canonical !== '0') assert.equal(parseQuantity(`-${alternate}`).toString(), `-${canonical}`);
  }
});

test('parse-emit cases from upstream, including binary values below 1024', () => {
  const cases: [string, string][] = [
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['1.5Gi', '1536Mi'],
    ['1.5Ki', '1536'],
    ['0.5Gi', '512Mi'],
    ['2048Ki', '2Mi'],
    ['1000Mi', '1000Mi'],
    ['1.5', '1500m'],
    ['1e1', '10'],
    ['10000', '10k'],
  ];
  for (const [input, out] of cases) assert.equal(parseQuantity(input).toString(), out, input);
});

test('keeps some non-canonical inputs verbatim, as upstream does', () => {
  assert.equal(parseQuantity('+1').toString(), '+1');
  assert.equal(parseQuantity('01').toString(), '01');
  assert.equal(parseQuantity('1100').toString(), '1100');
});

test('value() and milliValue() round up away from zero', () => {
  assert.equal(parseQuantity('1.5').value(), 2);
  assert.equal(parseQuantity('-1.5').value(), -2);
  assert.equal(parseQuantity('100m').milliValue(), 100);
  assert.equal(parseQuantity('0.1m').milliValue(), 1);
  assert.equal(parseQuantity('2').milliValue(), 2000);
  assert.equal(parseQuantity('128Mi').value(), 134217728);
  assert.equal(parseQuantity('1k').value(), 1000);
});

test('cmp, isZero, add and sub compare values regardless of format', () => {
  assert.equal(parseQuantity('1Gi').cmp(parseQuantity('1024Mi')), 0);
  assert.equal(parseQuantity('1').cmp(parseQuantity('1000m')), 0);
  assert.equal(parseQuantity('900m').cmp(parseQuantity('1')), -1);
  assert.equal(parseQuantity('1e100').cmp(parseQuantity('1e99')), 1);
  assert.equal(parseQuantity('-1').cmp(parseQuantity('0')), -1);
  assert.ok(parseQuantity('0Mi').isZero());
  assert.ok(!parseQuantity('1n').isZero());
  assert.equal(parseQuantity('500m').add(parseQuantity('1')).toString(), '1500m');
  assert.equal(parseQuantity('1Gi').sub(parseQuantity('512Mi')).toString(), '512Mi');
  assert.equal(parseQuantity('0').add(parseQuantity('1Ki')).toString(), '1Ki');
  assert.equal(Quantity.fromMilli(250).toString(), '250m');
  assert.equal(Quantity.fromValue(2048, 'BinarySI').toString(), '2Ki');
});

test('roundUp follows upstream RoundUp (used for milli rounding by defaulting)', () => {
  assert.equal(parseQuantity('9.01').roundUp(-3).toString(), '9010m');
  assert.equal(parseQuantity('9.01').roundUp(-1).toString(), '9100m');
  assert.equal(parseQuantity('9.01').roundUp(0).toString(), '10');
  assert.equal(parseQuantity('-9.01').roundUp(0).toString(), '-10');
  assert.equal(parseQuantity('0.1m').roundUp(-3).toString(), '1m');
  assert.equal(parseQuantity('100n').roundUp(-3).toString(), '1m');
  assert.equal(parseQuantity('+1').roundUp(-3).toString(), '+1');
});

test('decodes JSON strings and numbers', () => {
  assert.equal(quantityFromJSON(0.5).toString(), '500m');
  assert.equal(quantityFromJSON(2).toString(), '2');
  assert.equal(quantityFromJSON(' 1Gi ').toString(), '1Gi');
  assert.equal(JSON.stringify({ cpu: parseQuantity('0.25') }), '{"cpu":"250m"}');
  assert.throws(() => quantityFromJSON(true), { message: ERR_FORMAT_WRONG });
});
