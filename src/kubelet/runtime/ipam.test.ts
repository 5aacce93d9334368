import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_POD_IP_RANGE, IpPool, ipv4ToNumber, numberToIpv4, parseIpv4Range } from './ipam.js';

describe('IPv4 ranges', () => {
  it('converts addresses', () => {
    assert.equal(ipv4ToNumber('127.10.0.1'), 0x7f0a0001);
    assert.equal(numberToIpv4(0x7f0a0001), '127.10.0.1');
    assert.equal(numberToIpv4(0xffffffff), '255.255.255.255');
    for (const bad of ['1.2.3', '1.2.3.256', 'a.b.c.d', '1.2.3.4.5', '']) assert.equal(ipv4ToNumber(bad), undefined);
  });

  it('excludes the network and broadcast addresses and masks host bits', () => {
    const r = parseIpv4Range('127.10.3.7/16');
    assert.equal(r.cidr, '127.10.0.0/16');
    assert.equal(numberToIpv4(r.first), '127.10.0.1');
    assert.equal(numberToIpv4(r.last), '127.10.255.254');
    assert.equal(DEFAULT_POD_IP_RANGE, '127.10.0.0/16');
  });

  it('rejects unusable ranges precisely', () => {
    assert.throws(() => parseIpv4Range('127.10.0.0'), /^Error: invalid podIpRange "127.10.0.0": must be an IPv4 CIDR such as 127.10.0.0\/16$/);
    assert.throws(() => parseIpv4Range('fd00::/64'), /invalid podIpRange "fd00::\/64"/);
    assert.throws(() => parseIpv4Range('127.0.0.0/33'), /must be an IPv4 CIDR/);
    assert.throws(() => parseIpv4Range('127.0.0.0/31'), /^Error: invalid podIpRange "127.0.0.0\/31": the range has no usable addresses/);
  });
});

describe('IpPool', () => {
  it('hands out addresses in order, never the first or last', () => {
    const pool = new IpPool('10.0.0.0/30');
    assert.equal(pool.allocate(), '10.0.0.1');
    assert.equal(pool.allocate(), '10.0.0.2');
    assert.throws(() => pool.allocate(), /^Error: no free IP address left in podIpRange 10.0.0.0\/30$/);
    assert.equal(pool.size, 2);
  });

  it('does not reuse a released address at once (round robin)', () => {
    const pool = new IpPool('10.0.0.0/29');
    const a = pool.allocate();
    pool.allocate();
    pool.release(a);
    assert.equal(pool.has(a), false);
    assert.equal(pool.allocate(), '10.0.0.3');
    // After wrapping around, the freed address comes back.
    for (let i = 0; i < 3; i++) pool.allocate();
    assert.equal(pool.allocate(), a);
  });

  it('reserves persisted addresses and continues after them', () => {
    const pool = new IpPool();
    assert.equal(pool.reserve('127.10.0.5'), true);
    assert.equal(pool.reserve('10.1.1.1'), false);
    assert.equal(pool.reserve('127.10.0.0'), false);
    assert.equal(pool.has('127.10.0.5'), true);
    assert.equal(pool.allocate(), '127.10.0.6');
  });
});
