import type { EndpointSlice } from '../../api/types.js';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './discovery.js';
import { isDNS1123Label } from './names.js';
import { runCases } from './testutil.js';

const slice = (): EndpointSlice => ({
  metadata: { name: 'web-abc12', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' }, resourceVersion: '1' },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true }, nodeName: 'node01', hostname: 'web-0' }],
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
});

runCases('validateEndpointSlice', slice, validateEndpointSlice, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'addressType required', mutate: (s) => { s.addressType = ''; }, want: ['addressType: Required value'] },
  { name: 'addressType values', mutate: (s) => { s.addressType = 'IPv5'; }, want: ['addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"'] },
  { name: 'endpoint needs an address', mutate: (s) => { s.endpoints[0]!.addresses = []; }, want: ['endpoints[0].addresses: Required value: must contain at least 1 address'] },
  { name: 'at most 100 addresses', mutate: (s) => { s.endpoints[0]!.addresses = Array.from({ length: 101 }, (_, i) => `10.0.${i >> 8}.${(i & 255) + 1}`).slice(0, 101); }, want: ['endpoints[0].addresses: Too many: 101: must have at most 100 items'] },
  { name: 'at most 1000 endpoints', mutate: (s) => { s.endpoints = Array.from({ length: 1001 }, () => ({ addresses: ['10.0.0.1'] })); }, want: ['endpoints: Too many: 1001: must have at most 1000 items'] },
  { name: 'IPv4 address type needs IPv4', mutate: (s) => { s.endpoints[0]!.addresses = ['fd00::1']; }, want: ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address'] },
  { name: 'IPv6 address type needs IPv6', mutate: (s) => { s.addressType = 'IPv6'; }, want: ['endpoints[0].addresses[0]: Invalid value: "10.244.0.5": must be a valid IPv6 address'] },
  { name: 'loopback allowed (process-runtime pods live on 127.x)', mutate: (s) => { s.endpoints[0]!.addresses = ['127.0.0.1']; }, want: [] },
  { name: 'special IPs rejected', mutate: (s) => { s.endpoints[0]!.addresses = ['169.254.1.1']; }, want: ['endpoints[0].addresses[0]: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)'] },
  { name: 'FQDN addresses', mutate: (s) => { s.addressType = 'FQDN'; s.endpoints[0]!.addresses = ['db.example.com']; }, want: [] },
  { name: 'FQDN needs two labels', mutate: (s) => { s.addressType = 'FQDN'; s.endpoints[0]!.addresses = ['db']; }, want: ['endpoints[0].addresses[0]: Invalid value: "db": should be a domain with at least two segments separated by dots'] },
  { name: 'hostname must be a DNS label', mutate: (s) => { s.endpoints[0]!.hostname = 'a.b'; }, want: [`endpoints[0].hostname: Invalid value: "a.b": ${isDNS1123Label('a.b')[0]}`] },
  { name: 'port names unique', mutate: (s) => { s.ports!.push({ name: 'http', port: 81, protocol: 'TCP' }); }, want: ['ports[1].name: Duplicate value: "http"'] },
  { name: 'unnamed ports count as the "" name', mutate: (s) => { s.ports = [{ name: '', port: 80, protocol: 'TCP' }, { name: '', port: 81, protocol: 'TCP' }]; }, want: ['ports[1].name: Duplicate value: ""'] },
  { name: 'port name must be a DNS label', mutate: (s) => { s.ports![0]!.name = 'HTTP'; }, want: [`ports[0].name: Invalid value: "HTTP": ${isDNS1123Label('HTTP')[0]}`] },
  { name: 'port protocol required', mutate: (s) => { delete s.ports![0]!.protocol; }, want: ['ports[0].protocol: Required value'] },
  { name: 'port protocol values', mutate: (s) => { s.ports![0]!.protocol = 'ICMP'; }, want: ['ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'] },
  {
    name: 'zone hints unique',
    mutate: (s) => { s.endpoints[0]!.hints = { forZones: [{ name: 'a' }, { name: 'a' }] }; },
    want: ['endpoints[0].hints.forZones[1].name: Duplicate value: "a"'],
  },
]);

runCases('validateEndpointSliceUpdate', slice, (s) => validateEndpointSliceUpdate(s, slice()), [
  { name: 'endpoints may change', mutate: (s) => { s.endpoints[0]!.addresses = ['10.244.0.6']; }, want: [] },
  { name: 'addressType is immutable', mutate: (s) => { s.addressType = 'IPv6'; s.endpoints = []; }, want: ['addressType: Invalid value: "IPv6": field is immutable'] },
]);
