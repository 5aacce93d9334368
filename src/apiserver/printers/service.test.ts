import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EndpointSlice, Endpoints, Service, ServiceSpec } from '../../api/types.js';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './service.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const meta = { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T11:58:30Z' };

function svc(spec: ServiceSpec, ingress?: { ip?: string; hostname?: string }[]): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: meta, spec, status: ingress ? { loadBalancer: { ingress } } : {} };
}

test('service rows for every type', () => {
  const tcp80 = [{ port: 80, protocol: 'TCP' }];
  const cases: [string, Service, (string | number)[]][] = [
    ['ClusterIP', svc({ type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: tcp80, selector: { app: 'web' } }), ['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '90s', 'app=web']],
    ['ClusterIP with externalIPs', svc({ type: 'ClusterIP', clusterIPs: ['10.96.0.11'], externalIPs: ['1.2.3.4', '5.6.7.8'], ports: tcp80 }), ['web', 'ClusterIP', '10.96.0.11', '1.2.3.4,5.6.7.8', '80/TCP', '90s', '<none>']],
    ['headless', svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: tcp80 }), ['web', 'ClusterIP', 'None', '<none>', '80/TCP', '90s', '<none>']],
    [
      'NodePort',
      svc({ type: 'NodePort', clusterIPs: ['10.96.0.12'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, nodePort: 30053, protocol: 'UDP' }] }),
      ['web', 'NodePort', '10.96.0.12', '<none>', '80:30080/TCP,53:30053/UDP', '90s', '<none>'],
    ],
    ['LoadBalancer pending', svc({ type: 'LoadBalancer', clusterIPs: ['10.96.0.13'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] }), ['web', 'LoadBalancer', '10.96.0.13', '<pending>', '443:31443/TCP', '90s', '<none>']],
    [
      'LoadBalancer with ingress (unique, sorted, hostname when no IP)',
      svc({ type: 'LoadBalancer', clusterIPs: ['10.96.0.14'], ports: tcp80 }, [{ ip: '9.9.9.9' }, { hostname: 'lb.example.com' }, { ip: '1.1.1.1' }, { ip: '9.9.9.9' }]),
      ['web', 'LoadBalancer', '10.96.0.14', '1.1.1.1,9.9.9.9,lb.example.com', '80/TCP', '90s', '<none>'],
    ],
    [
      'LoadBalancer with ingress and externalIPs',
      svc({ type: 'LoadBalancer', clusterIPs: ['10.96.0.15'], externalIPs: ['4.4.4.4'], ports: tcp80 }, [{ ip: '2.2.2.2' }]),
      ['web', 'LoadBalancer', '10.96.0.15', '2.2.2.2,4.4.4.4', '80/TCP', '90s', '<none>'],
    ],
    ['LoadBalancer with only externalIPs', svc({ type: 'LoadBalancer', clusterIPs: ['10.96.0.16'], externalIPs: ['4.4.4.4'], ports: tcp80 }), ['web', 'LoadBalancer', '10.96.0.16', '4.4.4.4', '80/TCP', '90s', '<none>']],
    ['ExternalName', svc({ type: 'ExternalName', externalName: 'db.example.com' }), ['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '90s', '<none>']],
    ['unknown type', svc({ type: 'Weird', clusterIPs: ['10.96.0.17'] }), ['web', 'Weird', '10.96.0.17', '<unknown>', '<none>', '90s', '<none>']],
    ['defaults: type and protocol', svc({ clusterIP: '10.96.0.18', ports: [{ port: 8080 }], selector: { b: '2', a: '1' } }), ['web', 'ClusterIP', '10.96.0.18', '<none>', '8080/TCP', '90s', 'a=1,b=2']],
  ];
  for (const [name, s, want] of cases) assert.deepEqual(servicePrinter.row(s, NOW), want, name);
  assert.deepEqual(
    servicePrinter.columns.map((c) => `${c.name}:${c.priority}`),
    ['Name:0', 'Type:0', 'Cluster-IP:0', 'External-IP:0', 'Port(s):0', 'Age:0', 'Selector:1'],
  );
});

test('endpoints list addresses, at most three', () => {
  const ep = (subsets: Endpoints['subsets']): Endpoints => ({ metadata: meta, subsets });
  const cases: [string, Endpoints, string][] = [
    ['no subsets', ep(undefined), '<none>'],
    ['one address one port', ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 8080 }] }]), '10.0.0.1:8080'],
    ['no ports', ep([{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] }]), '10.0.0.1,10.0.0.2'],
    ['ipv6', ep([{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }]), '[fd00::1]:80'],
    [
      'ports times addresses with more',
      ep([{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] }]),
      '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...',
    ],
    [
      'across subsets',
      ep([
        { addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }], ports: [{ port: 80 }] },
        { addresses: [{ ip: '10.0.0.4' }, { ip: '10.0.0.5' }], ports: [{ port: 80 }] },
      ]),
      '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...',
    ],
    ['exactly three', ep([{ addresses: [{ ip: 'a' }, { ip: 'b' }, { ip: 'c' }], ports: [{ port: 1 }] }]), 'a:1,b:1,c:1'],
    ['subset without addresses', ep([{ notReadyAddresses: [{ ip: '10.0.0.9' }], ports: [{ port: 80 }] }]), ''],
  ];
  for (const [name, e, want] of cases) assert.deepEqual(endpointsPrinter.row(e, NOW), ['web', want, '90s'], name);
});

test('endpointslices: ADDRESSTYPE PORTS ENDPOINTS', () => {
  const slice = (ports: EndpointSlice['ports'], endpoints: EndpointSlice['endpoints']): EndpointSlice => ({
    metadata: { ...meta, name: 'web-abc12' },
    addressType: 'IPv4',
    ports,
    endpoints,
  });
  const cases: [string, EndpointSlice, string, string][] = [
    ['empty', slice(undefined, []), '<unset>', '<unset>'],
    ['one', slice([{ port: 80, name: 'http', protocol: 'TCP' }], [{ addresses: ['10.0.0.1'] }]), '80', '10.0.0.1'],
    ['named and wildcard ports', slice([{ name: 'http' }, {}], [{ addresses: ['10.0.0.1', '10.0.0.2'] }]), 'http,*', '10.0.0.1,10.0.0.2'],
    [
      'more than three',
      slice([{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }, { port: 5 }], [{ addresses: ['a'] }, { addresses: ['b'] }, { addresses: ['c'] }, { addresses: ['d'] }]),
      '1,2,3 + 2 more...',
      'a,b,c + 1 more...',
    ],
  ];
  for (const [name, s, ports, eps] of cases) assert.deepEqual(endpointSlicePrinter.row(s, NOW), ['web-abc12', 'IPv4', ports, eps, '90s'], name);
  assert.deepEqual(
    endpointSlicePrinter.columns.map((c) => c.name),
    ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age'],
  );
});
