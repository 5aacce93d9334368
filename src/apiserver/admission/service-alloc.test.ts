import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../api/errors.js';
import type { Service, StoredObject } from '../../api/types.js';
import { IpAllocator } from '../allocators/ipallocator.js';
import { PortAllocator } from '../allocators/portallocator.js';
import { serviceHooks, type ServiceAllocators } from './service-alloc.js';

type Svc = Service & StoredObject;

const ctx = { namespace: 'default', user: 'test', now: '2026-01-01T00:00:00Z' };
const opts = { user: { name: 'test', groups: [] } };

function svc(name: string, spec: Svc['spec']): Svc {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { ports: [{ port: 80, protocol: 'TCP' }], ...spec } } as Svc;
}

async function create(a: ServiceAllocators, s: Svc): Promise<Svc> {
  await serviceHooks(a).admit!('create', s, undefined, ctx, opts);
  return s;
}

async function failure(a: ServiceAllocators, s: Svc): Promise<ApiError> {
  try {
    await create(a, s);
  } catch (err) {
    assert.ok(err instanceof ApiError, String(err));
    return err;
  }
  assert.fail('the create was admitted');
}

describe('service allocation errors', () => {
  it('a full service CIDR is a 500 naming the serviceIP, as upstream', async () => {
    // A /30 has two usable addresses.
    const a = { ips: new IpAllocator('10.0.0.0/30'), ports: new PortAllocator('30000-30009') };
    await create(a, svc('a', {}));
    await create(a, svc('b', {}));
    const e = await failure(a, svc('c', {}));
    assert.equal(e.code, 500);
    assert.equal(e.reason, 'InternalError');
    assert.equal(e.message, 'Internal error occurred: failed to allocate a serviceIP: range is full');
  });

  it('a full node-port range is a 500 naming the nodePort, and the cluster IP taken for it is released', async () => {
    const a = { ips: new IpAllocator('10.0.0.0/24'), ports: new PortAllocator('30000-30000') };
    await create(a, svc('a', { type: 'NodePort' }));
    const free = a.ips.free;
    const e = await failure(a, svc('b', { type: 'NodePort' }));
    assert.equal(e.code, 500);
    assert.equal(e.message, 'Internal error occurred: failed to allocate a nodePort: range is full');
    assert.equal(a.ips.free, free, 'nothing stays allocated for the failed create');
  });

  it('a health-check node port that cannot be had is a 500, as upstream', async () => {
    const a = { ips: new IpAllocator('10.0.0.0/24'), ports: new PortAllocator('30000-30001') };
    const lb = (name: string, extra: Svc['spec'] = {}) => svc(name, { type: 'LoadBalancer', externalTrafficPolicy: 'Local', allocateLoadBalancerNodePorts: true, ...extra });
    const first = await create(a, lb('a'));
    assert.ok(first.spec!.healthCheckNodePort);
    const full = await failure(a, lb('b', { allocateLoadBalancerNodePorts: false }));
    assert.equal(full.code, 500);
    assert.equal(full.message, 'Internal error occurred: failed to allocate a HealthCheck NodePort 0: range is full');
    const taken = await failure(a, lb('c', { allocateLoadBalancerNodePorts: false, healthCheckNodePort: first.spec!.healthCheckNodePort }));
    assert.equal(taken.code, 500);
    assert.equal(taken.message, `Internal error occurred: failed to allocate requested HealthCheck NodePort ${first.spec!.healthCheckNodePort}: provided port is already allocated`);
  });

  it('a requested IP or port that is taken or out of range is a 422 naming the field', async () => {
    const a = { ips: new IpAllocator('10.0.0.0/24'), ports: new PortAllocator('30000-30010') };
    await create(a, svc('a', { clusterIP: '10.0.0.5', type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', nodePort: 30005 }] }));
    const ip = await failure(a, svc('b', { clusterIP: '10.0.0.5' }));
    assert.equal(ip.code, 422);
    assert.match(ip.message, /spec\.clusterIPs\[0\]: Invalid value: "10\.0\.0\.5": failed to allocate IP 10\.0\.0\.5: provided IP is already allocated/);
    const port = await failure(a, svc('c', { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', nodePort: 31000 }] }));
    assert.equal(port.code, 422);
    assert.match(port.message, /spec\.ports\[0\]\.nodePort: Invalid value: 31000: provided port is not in the valid range\. The range of valid ports is 30000-30010/);
  });
});
