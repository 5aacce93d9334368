import type { Endpoints } from '../../api/types.js';
import { validateEndpoints, validateEndpointsUpdate } from './endpoints.js';
import { isDNS1123Label, isDNS1123Subdomain } from './names.js';
import { runCases } from './testutil.js';

const ep = (): Endpoints => ({
  metadata: { name: 'web', namespace: 'default', resourceVersion: '1' },
  subsets: [
    {
      addresses: [{ ip: '10.244.0.5', hostname: 'web-0', nodeName: 'node01' }],
      notReadyAddresses: [{ ip: '10.244.0.6' }],
      ports: [{ port: 80, protocol: 'TCP' }],
    },
  ],
});
const IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

runCases('validateEndpoints', ep, validateEndpoints, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'empty subsets are fine', mutate: (e) => { e.subsets = []; }, want: [] },
  { name: 'name must be a DNS subdomain', mutate: (e) => { e.metadata!.name = 'Web'; }, want: [`metadata.name: Invalid value: "Web": ${isDNS1123Subdomain('Web')[0]}`] },
  { name: 'a subset needs addresses', mutate: (e) => { e.subsets![0]!.addresses = []; e.subsets![0]!.notReadyAddresses = []; }, want: ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`'] },
  {
    name: 'address must be an IP',
    mutate: (e) => { e.subsets![0]!.addresses![0]!.ip = 'nope'; },
    want: [`subsets[0].addresses[0].ip: Invalid value: "nope": ${IP_MSG}`, 'subsets[0].addresses[0].ip: Invalid value: "nope": must be a valid IP address'],
  },
  { name: 'loopback allowed (process-runtime pods live on 127.x)', mutate: (e) => { e.subsets![0]!.addresses![0]!.ip = '127.0.0.1'; }, want: [] },
  { name: 'link-local rejected', mutate: (e) => { e.subsets![0]!.notReadyAddresses![0]!.ip = '169.254.1.1'; }, want: ['subsets[0].notReadyAddresses[0].ip: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)'] },
  { name: 'link-local multicast rejected', mutate: (e) => { e.subsets![0]!.addresses![0]!.ip = '224.0.0.5'; }, want: ['subsets[0].addresses[0].ip: Invalid value: "224.0.0.5": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'] },
  { name: 'unspecified rejected', mutate: (e) => { e.subsets![0]!.addresses![0]!.ip = '0.0.0.0'; }, want: ['subsets[0].addresses[0].ip: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)'] },
  { name: 'IPv6 loopback allowed', mutate: (e) => { e.subsets![0]!.addresses![0]!.ip = '::1'; }, want: [] },
  { name: 'hostname must be a DNS label', mutate: (e) => { e.subsets![0]!.addresses![0]!.hostname = 'a.b'; }, want: [`subsets[0].addresses[0].hostname: Invalid value: "a.b": ${isDNS1123Label('a.b')[0]}`] },
  { name: 'nodeName must be a DNS subdomain', mutate: (e) => { e.subsets![0]!.addresses![0]!.nodeName = 'Node_1'; }, want: [`subsets[0].addresses[0].nodeName: Invalid value: "Node_1": ${isDNS1123Subdomain('Node_1')[0]}`] },
  { name: 'port names required with several ports', mutate: (e) => { e.subsets![0]!.ports!.push({ name: 'b', port: 81, protocol: 'TCP' }); }, want: ['subsets[0].ports[0].name: Required value'] },
  { name: 'port range', mutate: (e) => { e.subsets![0]!.ports![0]!.port = 0; }, want: ['subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'] },
  { name: 'protocol required', mutate: (e) => { delete e.subsets![0]!.ports![0]!.protocol; }, want: ['subsets[0].ports[0].protocol: Required value'] },
  { name: 'protocol values', mutate: (e) => { e.subsets![0]!.ports![0]!.protocol = 'tcp'; }, want: ['subsets[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"'] },
]);

runCases('validateEndpointsUpdate', ep, (e) => validateEndpointsUpdate(e, ep()), [
  { name: 'node name may change', mutate: (e) => { e.subsets![0]!.addresses![0]!.nodeName = 'node02'; }, want: [] },
  { name: 'name is immutable', mutate: (e) => { e.metadata!.name = 'other'; }, want: ['metadata.name: Invalid value: "other": field is immutable'] },
]);
