import type { Node } from '../../api/types.js';
import { validateNode, validateNodeUpdate } from './node.js';
import { isDNS1123Subdomain } from './names.js';
import { runCases } from './testutil.js';

const node = (): Node => ({
  metadata: { name: 'node01', resourceVersion: '1' },
  spec: { podCIDRs: ['10.244.0.0/24'], providerID: 'skiff://node01', taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] },
  status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '3500m', memory: '7Gi', pods: '110' } },
});

runCases('validateNode', node, validateNode, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'cluster-scoped: no namespace', mutate: (n) => { n.metadata!.namespace = 'default'; }, want: ['metadata.namespace: Forbidden: not allowed on this type'] },
  { name: 'name must be a DNS subdomain', mutate: (n) => { n.metadata!.name = 'Node_1'; }, want: [`metadata.name: Invalid value: "Node_1": ${isDNS1123Subdomain('Node_1')[0]}`] },
  { name: 'taint effect required', mutate: (n) => { n.spec!.taints![0]!.effect = ''; }, want: ['metadata.taints[0].effect: Required value'] },
  { name: 'taint effect values', mutate: (n) => { n.spec!.taints![0]!.effect = 'NoWay'; }, want: ['metadata.taints[0].effect: Unsupported value: "NoWay": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'] },
  {
    name: 'taints unique by key and effect',
    mutate: (n) => { n.spec!.taints!.push({ key: 'dedicated', value: 'other', effect: 'NoSchedule' }); },
    want: ['metadata.taints[1]: Duplicate value: core.Taint{Key:"dedicated", Value:"other", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair'],
  },
  { name: 'same key, other effect is fine', mutate: (n) => { n.spec!.taints!.push({ key: 'dedicated', effect: 'NoExecute' }); }, want: [] },
  { name: 'negative capacity', mutate: (n) => { n.status!.capacity!.cpu = '-1'; }, want: ['status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0'] },
  { name: 'pods must be whole', mutate: (n) => { n.status!.allocatable!.pods = '1500m'; }, want: ['status.allocatable.pods: Invalid value: "1500m": must be an integer'] },
  { name: 'podCIDRs valid', mutate: (n) => { n.spec!.podCIDRs = ['10.244.0.0']; }, want: ['spec.podCIDRs[0]: Invalid value: "10.244.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'] },
  {
    name: 'one pod CIDR per family',
    mutate: (n) => { n.spec!.podCIDRs = ['10.244.0.0/24', '10.244.0.0/24']; },
    want: [
      'spec.podCIDRs: Invalid value: []string{"10.244.0.0/24", "10.244.0.0/24"}: may specify no more than one CIDR for each IP family',
      'spec.podCIDRs[1]: Duplicate value: "10.244.0.0/24"',
    ],
  },
  { name: 'dual-stack pod CIDRs are fine', mutate: (n) => { n.spec!.podCIDRs = ['10.244.0.0/24', 'fd00::/64']; }, want: [] },
]);

runCases('validateNodeUpdate', node, (n) => validateNodeUpdate(n, node()), [
  { name: 'unschedulable may change', mutate: (n) => { n.spec!.unschedulable = true; }, want: [] },
  { name: 'podCIDRs are fixed once set', mutate: (n) => { n.spec!.podCIDRs = ['10.244.1.0/24']; }, want: ['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid'] },
  { name: 'providerID is fixed once set', mutate: (n) => { n.spec!.providerID = 'other://x'; }, want: ['spec.providerID: Forbidden: node updates may not change providerID except from "" to valid'] },
  { name: 'externalID may not change', mutate: (n) => { n.spec!.externalID = 'x'; }, want: ['spec.externalID: Forbidden: may not be updated'] },
  {
    name: 'addresses unique',
    mutate: (n) => { n.status!.addresses = [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'InternalIP', address: '10.0.0.1' }]; },
    want: ['status.addresses[1]: Duplicate value: core.NodeAddress{Type:"InternalIP", Address:"10.0.0.1"}'],
  },
]);
