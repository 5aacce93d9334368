import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pod, service } from '../endpointslice/test-fixtures.js';
import { desiredSubsets, podToEndpointAddress } from './desired-endpoints.js';

const ips = (list: { ip?: string }[] | undefined) => (list ?? []).map((a) => a.ip);

test('ready pods in addresses, not-ready in notReadyAddresses, others left out', () => {
  const ps = [
    pod(0),
    pod(1, { ready: false }),
    pod(2, { terminating: true }),
    pod(3, { ips: [] }),
    pod(4, { phase: 'Failed' }),
    pod(5, { phase: 'Succeeded' }),
  ];
  const d = desiredSubsets(service(), ps);
  assert.equal(d.subsets.length, 1);
  assert.deepEqual(ips(d.subsets[0].addresses), ['10.0.0.1']);
  assert.deepEqual(ips(d.subsets[0].notReadyAddresses), ['10.0.0.2']);
  assert.deepEqual(d.subsets[0].ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  assert.deepEqual([d.ready, d.notReady], [1, 1]);
  assert.deepEqual(d.subsets[0].addresses![0], {
    ip: '10.0.0.1',
    nodeName: 'node-a',
    targetRef: { kind: 'Pod', namespace: 'default', name: 'p0', uid: 'uid-0' },
  });
});

test('publishNotReadyAddresses: everything (terminating pods too) is in addresses', () => {
  const d = desiredSubsets(service({ spec: { publishNotReadyAddresses: true } }), [pod(0), pod(1, { ready: false }), pod(2, { terminating: true })]);
  assert.deepEqual(ips(d.subsets[0].addresses), ['10.0.0.1', '10.0.0.2', '10.0.0.3']);
  assert.equal(d.subsets[0].notReadyAddresses, undefined);
});

test('named targetPorts resolve per pod; pods resolving differently (or not at all) land in separate subsets', () => {
  const svc = service({
    spec: {
      ports: [
        { name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' },
        { name: 'metrics', port: 9100, targetPort: 9100, protocol: 'TCP' },
      ],
    },
  });
  const d = desiredSubsets(svc, [
    pod(0, { ports: [{ name: 'web', containerPort: 8080 }] }),
    pod(1, { ports: [{ name: 'web', containerPort: 8080 }] }),
    pod(2, { ports: [{ name: 'web', containerPort: 8081 }] }),
    pod(3, { ports: [] }),
  ]);
  const summary = d.subsets.map((s) => [ips(s.addresses).join(','), (s.ports ?? []).map((p) => `${p.name}:${p.port}`).join(',')]);
  // Each port goes with exactly the addresses offering it (upstream RepackSubsets).
  assert.deepEqual(summary, [
    ['10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4', 'metrics:9100'],
    ['10.0.0.1,10.0.0.2', 'http:8080'],
    ['10.0.0.3', 'http:8081'],
  ]);
});

test('hostname only when the pod names this Service as its subdomain', () => {
  const d = desiredSubsets(service(), [pod(0, { hostname: 'web-0', subdomain: 'web' }), pod(1, { hostname: 'x', subdomain: 'other' })]);
  const [a, b] = d.subsets[0].addresses!;
  assert.equal(a.hostname, 'web-0');
  assert.equal(b.hostname, undefined);
});

test('headless Services without ports list addresses without ports; others list nothing', () => {
  const headless = desiredSubsets(service({ spec: { clusterIP: 'None', ports: [] } }), [pod(0), pod(1)]);
  assert.deepEqual(headless.subsets, [
    {
      addresses: [
        { ip: '10.0.0.1', nodeName: 'node-a', targetRef: { kind: 'Pod', namespace: 'default', name: 'p0', uid: 'uid-0' } },
        { ip: '10.0.0.2', nodeName: 'node-a', targetRef: { kind: 'Pod', namespace: 'default', name: 'p1', uid: 'uid-1' } },
      ],
    },
  ]);
  assert.deepEqual(desiredSubsets(service({ spec: { ports: [] } }), [pod(0)]).subsets, []);
});

test("the address is the pod IP of the Service's first IP family", () => {
  const p = pod(0, { ips: ['10.0.0.1', 'fd00::1'] });
  assert.equal(podToEndpointAddress(service(), p)?.ip, '10.0.0.1');
  assert.equal(podToEndpointAddress(service({ spec: { ipFamilies: ['IPv6', 'IPv4'] } }), p)?.ip, 'fd00::1');
  assert.equal(podToEndpointAddress(service({ spec: { ipFamilies: ['IPv6'] } }), pod(1))?.ip, undefined);
});
