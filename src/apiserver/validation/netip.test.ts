import { test } from 'node:test';
import assert from 'node:assert/strict';
import { root } from '../../api/field.js';
import { ipFamilyOf, isIPv6String, parseIPSloppy, validateNonSpecialIP } from './netip.js';

test('parseIPSloppy accepts IPv4 (leading zeros too) and IPv6 forms', () => {
  assert.ok(parseIPSloppy('10.0.0.1'));
  assert.ok(parseIPSloppy('010.000.000.001'));
  assert.ok(parseIPSloppy('::1'));
  assert.ok(parseIPSloppy('fd00::10:1'));
  assert.ok(parseIPSloppy('::ffff:10.0.0.1'));
  for (const bad of ['', '10.0.0', '256.0.0.1', '1::2::3', 'fe80::1%eth0', 'x', '1:2:3:4:5:6:7:8:9']) assert.equal(parseIPSloppy(bad), null, bad);
});

test('families', () => {
  assert.equal(ipFamilyOf('10.0.0.1'), 'IPv4');
  assert.equal(ipFamilyOf('::ffff:10.0.0.1'), 'IPv4');
  assert.equal(ipFamilyOf('2001:db8::1'), 'IPv6');
  assert.equal(ipFamilyOf('nope'), undefined);
  assert.equal(isIPv6String('2001:db8::1'), true);
  assert.equal(isIPv6String('10.0.0.1'), false);
});

test('validateNonSpecialIP messages', () => {
  const p = root('ip');
  assert.deepEqual(validateNonSpecialIP('10.1.2.3', p), []);
  assert.deepEqual(validateNonSpecialIP('::', p).map((e) => e.message), ['Invalid value: "::": may not be unspecified (::)']);
  assert.deepEqual(validateNonSpecialIP('fe80::1', p).map((e) => e.message), ['Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)']);
  assert.deepEqual(validateNonSpecialIP('ff02::1', p).map((e) => e.message), ['Invalid value: "ff02::1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']);
  assert.deepEqual(validateNonSpecialIP('x', p).map((e) => e.message), ['Invalid value: "x": must be a valid IP address']);
});
