import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '../../api/types.js';
import { validateService, validateServiceUpdate } from './service.js';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPortName } from './names.js';
import { lines, runCases } from './testutil.js';

const svc = (): Service => ({
  metadata: { name: 'web', namespace: 'default', resourceVersion: '1' },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10'],
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
    selector: { app: 'web' },
    sessionAffinity: 'None',
    internalTrafficPolicy: 'Cluster',
  },
});

const nodePort = (s: Service): void => {
  s.spec!.type = 'NodePort';
  s.spec!.externalTrafficPolicy = 'Cluster';
};
const lb = (s: Service): void => {
  s.spec!.type = 'LoadBalancer';
  s.spec!.externalTrafficPolicy = 'Cluster';
  s.spec!.allocateLoadBalancerNodePorts = true;
};
const externalName = (s: Service): void => {
  s.spec = { type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' };
};
const twoPorts = (s: Service): void => {
  s.spec!.ports = [
    { name: 'http', port: 80, protocol: 'TCP', targetPort: 80 },
    { name: 'https', port: 443, protocol: 'TCP', targetPort: 443 },
  ];
};
const TYPES = 'supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"';
const IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const CIDR_MSG = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

runCases('validateService', svc, validateService, [
  { name: 'valid ClusterIP service', mutate: () => {}, want: [] },
  { name: 'valid NodePort service', mutate: nodePort, want: [] },
  { name: 'valid LoadBalancer service', mutate: lb, want: [] },
  { name: 'valid ExternalName service (trailing dot allowed)', mutate: (s) => { externalName(s); s.spec!.externalName = 'db.example.com.'; }, want: [] },
  { name: 'headless service may omit ports', mutate: (s) => { s.spec!.clusterIP = 'None'; s.spec!.clusterIPs = ['None']; delete s.spec!.ports; }, want: [] },
  { name: 'name must be a DNS-1035 label', mutate: (s) => { s.metadata!.name = '1web'; }, want: [`metadata.name: Invalid value: "1web": ${isDNS1035Label('1web')[0]}`] },
  { name: 'ports are required', mutate: (s) => { s.spec!.ports = []; }, want: ['spec.ports: Required value'] },
  { name: 'type is required', mutate: (s) => { delete s.spec!.type; }, want: ['spec.type: Required value'] },
  { name: 'unknown type', mutate: (s) => { s.spec!.type = 'Foo'; }, want: [`spec.type: Unsupported value: "Foo": ${TYPES}`] },
  { name: 'port names required with several ports', mutate: (s) => { twoPorts(s); delete s.spec!.ports![1]!.name; }, want: ['spec.ports[1].name: Required value'] },
  { name: 'port names unique', mutate: (s) => { twoPorts(s); s.spec!.ports![1]!.name = 'http'; }, want: ['spec.ports[1].name: Duplicate value: "http"'] },
  { name: 'port name must be a DNS label', mutate: (s) => { s.spec!.ports![0]!.name = 'HTTP'; }, want: [`spec.ports[0].name: Invalid value: "HTTP": ${isDNS1123Label('HTTP')[0]}`] },
  { name: 'port out of range', mutate: (s) => { s.spec!.ports![0]!.port = 70000; }, want: ['spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'] },
  { name: 'port zero', mutate: (s) => { s.spec!.ports![0]!.port = 0; }, want: ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'] },
  { name: 'protocol required', mutate: (s) => { delete s.spec!.ports![0]!.protocol; }, want: ['spec.ports[0].protocol: Required value'] },
  { name: 'protocol values', mutate: (s) => { s.spec!.ports![0]!.protocol = 'ICMP'; }, want: ['spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'] },
  {
    name: 'duplicate port+protocol',
    mutate: (s) => { twoPorts(s); s.spec!.ports![1]!.port = 80; },
    want: [
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ],
  },
  { name: 'same port, different protocol is fine', mutate: (s) => { twoPorts(s); s.spec!.ports![1]!.port = 80; s.spec!.ports![1]!.protocol = 'UDP'; }, want: [] },
  { name: 'targetPort number range', mutate: (s) => { s.spec!.ports![0]!.targetPort = 70000; }, want: ['spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive'] },
  { name: 'targetPort IANA name', mutate: (s) => { s.spec!.ports![0]!.targetPort = 'web_http'; }, want: isValidPortName('web_http').map((m) => `spec.ports[0].targetPort: Invalid value: "web_http": ${m}`) },
  { name: 'named targetPort is fine', mutate: (s) => { s.spec!.ports![0]!.targetPort = 'http'; }, want: [] },
  { name: 'appProtocol must be a qualified name', mutate: (s) => { s.spec!.ports![0]!.appProtocol = 'a b'; }, want: [`spec.ports[0].appProtocol: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`] },
  { name: 'nodePort not allowed for ClusterIP', mutate: (s) => { s.spec!.ports![0]!.nodePort = 30080; }, want: ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"] },
  { name: 'duplicate nodePorts', mutate: (s) => { nodePort(s); twoPorts(s); s.spec!.ports![0]!.nodePort = 30080; s.spec!.ports![1]!.nodePort = 30080; }, want: ['spec.ports[1].nodePort: Duplicate value: 30080'] },
  { name: 'None clusterIP not allowed for NodePort', mutate: (s) => { nodePort(s); s.spec!.clusterIP = 'None'; s.spec!.clusterIPs = ['None']; }, want: ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"] },
  { name: 'None clusterIP not allowed for LoadBalancer', mutate: (s) => { lb(s); s.spec!.clusterIP = 'None'; s.spec!.clusterIPs = ['None']; }, want: ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"] },
  { name: 'ExternalName needs externalName', mutate: (s) => { externalName(s); delete s.spec!.externalName; }, want: ['spec.externalName: Required value'] },
  { name: 'externalName must be a DNS subdomain', mutate: (s) => { externalName(s); s.spec!.externalName = 'Bad_Name'; }, want: [`spec.externalName: Invalid value: "Bad_Name": ${isDNS1123Subdomain('Bad_Name')[0]}`] },
  {
    name: 'ExternalName may not carry IP fields',
    mutate: (s) => { externalName(s); s.spec!.clusterIPs = ['10.0.0.1']; s.spec!.ipFamilies = ['IPv4']; s.spec!.ipFamilyPolicy = 'SingleStack'; },
    want: [
      'spec.clusterIPs: Forbidden: may not be set for ExternalName services',
      'spec.ipFamilies: Forbidden: may not be set for ExternalName services',
      'spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services',
    ],
  },
  { name: 'selector labels validated', mutate: (s) => { s.spec!.selector = { app: 'a b' }; }, want: [`spec.selector: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`] },
  { name: 'sessionAffinity required', mutate: (s) => { delete s.spec!.sessionAffinity; }, want: ['spec.sessionAffinity: Required value'] },
  { name: 'sessionAffinity values', mutate: (s) => { s.spec!.sessionAffinity = 'Sticky'; }, want: ['spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"'] },
  { name: 'ClientIP needs sessionAffinityConfig', mutate: (s) => { s.spec!.sessionAffinity = 'ClientIP'; }, want: ['spec.sessionAffinityConfig: Required value: when session affinity type is ClientIP'] },
  { name: 'ClientIP timeout range', mutate: (s) => { s.spec!.sessionAffinity = 'ClientIP'; s.spec!.sessionAffinityConfig = { clientIP: { timeoutSeconds: 0 } }; }, want: ['spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400'] },
  { name: 'None affinity forbids config', mutate: (s) => { s.spec!.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10 } }; }, want: ['spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None'] },
  { name: 'externalTrafficPolicy only for external services', mutate: (s) => { s.spec!.externalTrafficPolicy = 'Local'; }, want: ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'] },
  { name: 'externalTrafficPolicy required for NodePort', mutate: (s) => { nodePort(s); delete s.spec!.externalTrafficPolicy; }, want: ['spec.externalTrafficPolicy: Required value'] },
  { name: 'externalTrafficPolicy values', mutate: (s) => { nodePort(s); s.spec!.externalTrafficPolicy = 'Global'; }, want: ['spec.externalTrafficPolicy: Unsupported value: "Global": supported values: "Cluster", "Local"'] },
  { name: 'internalTrafficPolicy required', mutate: (s) => { delete s.spec!.internalTrafficPolicy; }, want: ['spec.internalTrafficPolicy: Required value'] },
  { name: 'internalTrafficPolicy values', mutate: (s) => { s.spec!.internalTrafficPolicy = 'Node'; }, want: ['spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"'] },
  { name: 'trafficDistribution values', mutate: (s) => { s.spec!.trafficDistribution = 'Nearest'; }, want: ['spec.trafficDistribution: Unsupported value: "Nearest": supported values: "PreferClose"'] },
  { name: 'healthCheckNodePort only for Local LoadBalancers', mutate: (s) => { s.spec!.healthCheckNodePort = 30000; }, want: ["spec.healthCheckNodePort: Invalid value: 30000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"] },
  { name: 'Local LoadBalancer needs healthCheckNodePort', mutate: (s) => { lb(s); s.spec!.externalTrafficPolicy = 'Local'; }, want: ['spec.healthCheckNodePort: Required value'] },
  { name: 'allocateLoadBalancerNodePorts required for LoadBalancer', mutate: (s) => { lb(s); delete s.spec!.allocateLoadBalancerNodePorts; }, want: ['allocateLoadBalancerNodePorts: Required value'] },
  { name: 'allocateLoadBalancerNodePorts only for LoadBalancer', mutate: (s) => { s.spec!.allocateLoadBalancerNodePorts = true; }, want: ["spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"] },
  { name: 'loadBalancerClass only for LoadBalancer', mutate: (s) => { s.spec!.loadBalancerClass = 'example.com/lb'; }, want: ["spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'"] },
  {
    name: 'loadBalancerSourceRanges only for LoadBalancer and valid CIDRs',
    mutate: (s) => { s.spec!.loadBalancerSourceRanges = ['10.0.0.0/8', 'nope']; },
    want: ["spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'", `spec.LoadBalancerSourceRanges[1]: Invalid value: "nope": ${CIDR_MSG}`],
  },
  { name: 'clusterIP must be an IP', mutate: (s) => { s.spec!.clusterIP = 'abc'; s.spec!.clusterIPs = ['abc']; }, want: [`spec.clusterIPs[0]: Invalid value: "abc": ${IP_MSG}`] },
  { name: 'clusterIPs must start with clusterIP', mutate: (s) => { s.spec!.clusterIPs = ['10.96.0.11']; }, want: ['spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: first value must match `clusterIP`'] },
  { name: 'clusterIPs need clusterIP', mutate: (s) => { delete s.spec!.clusterIP; }, want: ['spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: must be empty when `clusterIP` is not specified'] },
  { name: 'at most one IP per family', mutate: (s) => { s.spec!.clusterIPs = ['10.96.0.10', '10.96.0.11']; s.spec!.ipFamilyPolicy = 'RequireDualStack'; s.spec!.ipFamilies = ['IPv4']; }, want: ['spec.clusterIPs: Invalid value: []string{"10.96.0.10", "10.96.0.11"}: may specify no more than one IP for each IP family'] },
  { name: 'ipFamilies values', mutate: (s) => { s.spec!.ipFamilies = ['IPv5']; }, want: ['spec.ipFamilies[0]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"'] },
  { name: 'ipFamilies unique', mutate: (s) => { s.spec!.ipFamilies = ['IPv4', 'IPv4']; }, want: ['spec.ipFamilies[1]: Duplicate value: "IPv4"'] },
  { name: 'ipFamilies must match clusterIPs', mutate: (s) => { s.spec!.ipFamilies = ['IPv6']; }, want: ['spec.clusterIPs[0]: Invalid value: "10.96.0.10": expected an IPv6 value as indicated by `ipFamilies[0]`'] },
  { name: 'ipFamilyPolicy values', mutate: (s) => { s.spec!.ipFamilyPolicy = 'Dual'; }, want: ['spec.ipFamilyPolicy: Unsupported value: "Dual": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"'] },
  { name: 'externalIPs must be IPs', mutate: (s) => { s.spec!.externalIPs = ['nope']; s.spec!.externalTrafficPolicy = 'Cluster'; }, want: [`spec.externalIPs[0]: Invalid value: "nope": ${IP_MSG}`] },
  { name: 'externalIPs may not be loopback', mutate: (s) => { s.spec!.externalIPs = ['127.0.0.1']; s.spec!.externalTrafficPolicy = 'Cluster'; }, want: ['spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'] },
  {
    name: 'topology annotations must agree',
    mutate: (s) => { s.metadata!.annotations = { 'service.kubernetes.io/topology-aware-hints': 'Auto', 'service.kubernetes.io/topology-mode': 'Disabled' }; },
    want: ['metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: "Disabled": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified'],
  },
]);

runCases('validateServiceUpdate', svc, (s) => validateServiceUpdate(s, svc()), [
  { name: 'unchanged', mutate: () => {}, want: [] },
  { name: 'port change allowed', mutate: (s) => { s.spec!.ports![0]!.port = 81; }, want: [] },
  {
    name: 'cluster IP is immutable',
    mutate: (s) => { s.spec!.clusterIP = '10.96.0.11'; s.spec!.clusterIPs = ['10.96.0.11']; },
    want: ['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set'],
  },
  {
    name: 'primary cluster IP cannot be unset',
    mutate: (s) => { delete s.spec!.clusterIP; delete s.spec!.clusterIPs; },
    want: ['spec.clusterIPs[0]: Invalid value: []string(nil): primary clusterIP can not be unset'],
  },
  {
    name: 'ipFamilies immutable',
    mutate: (s) => { s.spec!.ipFamilies = ['IPv6']; },
    want: [
      'spec.ipFamilies[0]: Invalid value: []core.IPFamily{"IPv6"}: may not change once set',
      'spec.clusterIPs[0]: Invalid value: "10.96.0.10": expected an IPv6 value as indicated by `ipFamilies[0]`',
    ],
  },
  { name: 'resourceVersion required', mutate: (s) => { delete s.metadata!.resourceVersion; }, want: ['metadata.resourceVersion: Invalid value: "": must be specified for an update'] },
  { name: 'can switch to ExternalName', mutate: (s) => { s.spec = { type: 'ExternalName', externalName: 'x.example.com', sessionAffinity: 'None' }; }, want: [] },
]);

test('validateServiceUpdate: healthCheckNodePort and loadBalancerClass are fixed once set', () => {
  const old = svc();
  old.spec = { ...old.spec!, type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30001, allocateLoadBalancerNodePorts: true, loadBalancerClass: 'a.io/lb' };
  const next = JSON.parse(JSON.stringify(old)) as Service;
  next.spec!.healthCheckNodePort = 30002;
  next.spec!.loadBalancerClass = 'b.io/lb';
  assert.deepEqual(lines(validateServiceUpdate(next, old)).sort(), [
    'spec.healthCheckNodePort: Forbidden: field is immutable',
    'spec.loadBalancerClass: Invalid value: "b.io/lb": may not change once set',
  ]);
});
