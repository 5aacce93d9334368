import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EndpointSubset } from '../../api/types.js';
import { capacityAnnotationSetCorrectly, MAX_CAPACITY, repackSubsets, subsetsEqual, truncateSubsets } from './subsets.js';

const addr = (ip: string, uid = `u-${ip}`) => ({ ip, targetRef: { kind: 'Pod', namespace: 'default', name: `p-${ip}`, uid } });
const http = { name: 'http', port: 8080, protocol: 'TCP' };
const metrics = { name: 'metrics', port: 9090, protocol: 'TCP' };

test('repack, table-driven', async (t) => {
  const cases: { name: string; in: EndpointSubset[]; want: EndpointSubset[] }[] = [
    {
      name: 'one subset per (address, port) merges into one subset with both addresses and ports',
      in: [
        { addresses: [addr('10.0.0.2')], ports: [http] },
        { addresses: [addr('10.0.0.1')], ports: [http] },
        { addresses: [addr('10.0.0.1')], ports: [metrics] },
        { addresses: [addr('10.0.0.2')], ports: [metrics] },
      ],
      want: [{ addresses: [addr('10.0.0.1'), addr('10.0.0.2')], ports: [http, metrics] }],
    },
    {
      name: 'an address missing a port (named port not found) gets its own subset',
      in: [
        { addresses: [addr('10.0.0.1')], ports: [http] },
        { addresses: [addr('10.0.0.1')], ports: [metrics] },
        { addresses: [addr('10.0.0.2')], ports: [http] },
      ],
      want: [
        { addresses: [addr('10.0.0.1'), addr('10.0.0.2')], ports: [http] },
        { addresses: [addr('10.0.0.1')], ports: [metrics] },
      ],
    },
    {
      name: 'ready and not-ready addresses of a port share its subset',
      in: [
        { addresses: [addr('10.0.0.1')], ports: [http] },
        { notReadyAddresses: [addr('10.0.0.3')], ports: [http] },
      ],
      want: [{ addresses: [addr('10.0.0.1')], notReadyAddresses: [addr('10.0.0.3')], ports: [http] }],
    },
    {
      name: 'not ready wins over ready for the same address and port',
      in: [
        { addresses: [addr('10.0.0.1')], ports: [http] },
        { notReadyAddresses: [addr('10.0.0.1')], ports: [http] },
      ],
      want: [{ notReadyAddresses: [addr('10.0.0.1')], ports: [http] }],
    },
    {
      name: 'addresses sort bytewise by IP, then target UID',
      in: [
        { addresses: [addr('10.0.0.2'), addr('10.0.0.10'), addr('10.0.0.1', 'b'), addr('10.0.0.1', 'a')], ports: [http] },
      ],
      want: [{ addresses: [addr('10.0.0.1', 'a'), addr('10.0.0.1', 'b'), addr('10.0.0.10'), addr('10.0.0.2')], ports: [http] }],
    },
    {
      name: 'port-less subsets (headless Service without ports) keep their addresses',
      in: [{ addresses: [addr('10.0.0.2')] }, { addresses: [addr('10.0.0.1')] }],
      want: [{ addresses: [addr('10.0.0.1'), addr('10.0.0.2')] }],
    },
    { name: 'nothing in, nothing out', in: [], want: [] },
  ];
  for (const c of cases) await t.test(c.name, () => assert.deepEqual(repackSubsets(c.in), c.want));
});

test('repacking is stable whatever the input order (so no-op syncs compare equal)', () => {
  const parts: EndpointSubset[] = [];
  for (let i = 1; i <= 20; i++) {
    parts.push({ addresses: [addr(`10.0.0.${i}`)], ports: [http] });
    if (i % 3) parts.push({ addresses: [addr(`10.0.0.${i}`)], ports: [metrics] });
  }
  const a = repackSubsets(structuredClone(parts));
  const b = repackSubsets(structuredClone(parts).reverse());
  assert.deepEqual(a, b);
  assert.equal(a.length, 2);
});

test('subsetsEqual ignores target resourceVersions and empty-vs-missing lists', () => {
  const a: EndpointSubset[] = [{ addresses: [addr('10.0.0.1')], ports: [http] }];
  const b: EndpointSubset[] = [{ addresses: [{ ...addr('10.0.0.1'), targetRef: { ...addr('10.0.0.1').targetRef, resourceVersion: '42' } }], notReadyAddresses: [], ports: [http] }];
  assert.equal(subsetsEqual(a, b), true);
  assert.equal(subsetsEqual(a, [{ notReadyAddresses: [addr('10.0.0.1')], ports: [http] }]), false);
  assert.equal(subsetsEqual(undefined, []), true);
});

test('truncation keeps 1000 addresses, ready ones first, proportionally per subset', () => {
  const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => addr(`${prefix}.${Math.floor(i / 250)}.${i % 250}`));
  const subsets: EndpointSubset[] = [
    { addresses: many('10.1', 600), notReadyAddresses: many('10.2', 300), ports: [http] },
    { addresses: many('10.3', 200), notReadyAddresses: many('10.4', 100), ports: [metrics] },
  ];
  const out = truncateSubsets(subsets)!;
  // 800 ready kept; 200 not-ready shared 3:1.
  assert.deepEqual(
    out.map((s) => [s.addresses?.length, s.notReadyAddresses?.length]),
    [
      [600, 150],
      [200, 50],
    ],
  );
  const tooReady: EndpointSubset[] = [{ addresses: many('10.5', 1200), notReadyAddresses: many('10.6', 5), ports: [http] }];
  const t2 = truncateSubsets(tooReady)!;
  assert.deepEqual([t2[0].addresses?.length, t2[0].notReadyAddresses], [MAX_CAPACITY, undefined]);
  assert.equal(truncateSubsets([{ addresses: many('10.7', 10), ports: [http] }]), undefined);
});

test('capacity annotation is correct only when under capacity and absent', () => {
  const small = [{ addresses: [addr('10.0.0.1')] }];
  assert.equal(capacityAnnotationSetCorrectly(undefined, small), true);
  assert.equal(capacityAnnotationSetCorrectly({ 'endpoints.kubernetes.io/over-capacity': 'truncated' }, small), false);
  const big = [{ addresses: Array.from({ length: 1001 }, (_, i) => addr(`10.0.${i >> 8}.${i & 255}`)) }];
  assert.equal(capacityAnnotationSetCorrectly({ 'endpoints.kubernetes.io/over-capacity': 'truncated' }, big), false);
});
