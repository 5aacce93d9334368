import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AllocationError, IpAllocator, parseCidr } from './ipallocator.js';
import { PortAllocator } from './portallocator.js';

describe('IpAllocator', () => {
  it('never hands out the network or broadcast address and keeps IPs unique', () => {
    const a = new IpAllocator('10.96.0.0/28');
    assert.equal(a.first(), '10.96.0.1');
    const seen = new Set<string>();
    for (let i = 0; i < 14; i++) seen.add(a.allocateNext());
    assert.equal(seen.size, 14);
    assert.ok(!seen.has('10.96.0.0') && !seen.has('10.96.0.15'));
    assert.throws(() => a.allocateNext(), AllocationError);
    a.release('10.96.0.7');
    assert.equal(a.allocateNext(), '10.96.0.7');
  });

  it('reports taken and out-of-range requests as upstream does', () => {
    const a = new IpAllocator('10.96.0.0/12');
    a.allocate('10.96.0.10');
    assert.throws(() => a.allocate('10.96.0.10'), /failed to allocate IP 10.96.0.10: provided IP is already allocated/);
    assert.throws(
      () => a.allocate('10.1.0.5'),
      /the provided IP \(10.1.0.5\) is not in the valid range. The range of valid IPs is 10.96.0.0\/12/,
    );
  });

  it('prefers the upper block for dynamic allocation', () => {
    const a = new IpAllocator('10.96.0.0/24');
    for (let i = 0; i < 50; i++) {
      const ip = a.allocateNext();
      assert.ok(Number(ip.split('.')[3]) > 16, ip);
    }
  });

  it('parses and normalises CIDRs', () => {
    assert.equal(parseCidr('10.96.5.0/12').text, '10.96.0.0/12');
    assert.throws(() => parseCidr('10.96.0.0'), /invalid IPv4 CIDR/);
  });
});

describe('PortAllocator', () => {
  it('allocates unique ports in range and rejects taken or outside ones', () => {
    const p = new PortAllocator('30000-30002');
    const got = [p.allocateNext(), p.allocateNext(), p.allocateNext()].sort();
    assert.deepEqual(got, [30000, 30001, 30002]);
    assert.throws(() => p.allocateNext(), /range is full/);
    p.release(30001);
    assert.throws(() => p.allocate(30000), /provided port is already allocated/);
    assert.throws(() => p.allocate(80), /provided port is not in the valid range. The range of valid ports is 30000-30002/);
    p.allocate(30001);
  });
});
