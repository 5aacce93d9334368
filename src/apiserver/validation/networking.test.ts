import type { Ingress, IngressClass } from '../../api/types.js';
import { validateIngress, validateIngressClass, validateIngressClassUpdate, validateIngressUpdate } from './networking.js';
import { isDNS1035Label, isDNS1123Subdomain, isWildcardDNS1123Subdomain } from './names.js';
import { runCases } from './testutil.js';

const ingress = (): Ingress => ({
  metadata: { name: 'web', namespace: 'default', resourceVersion: '1' },
  spec: {
    ingressClassName: 'nginx',
    rules: [
      {
        host: 'web.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] },
      },
    ],
    tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }],
  },
});
const rule = (i: Ingress) => i.spec!.rules![0]!;
const path0 = (i: Ingress) => rule(i).http!.paths[0]!;
const P = 'spec.rules[0].http.paths[0]';

runCases('validateIngress', ingress, validateIngress, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'wildcard host in the first label', mutate: (i) => { rule(i).host = '*.example.com'; }, want: [] },
  { name: 'wildcard elsewhere is invalid', mutate: (i) => { rule(i).host = 'web.*.com'; }, want: [`spec.rules[0].host: Invalid value: "web.*.com": ${isWildcardDNS1123Subdomain('web.*.com')[0]}`] },
  { name: 'host must be a DNS name', mutate: (i) => { rule(i).host = 'Web_Host'; }, want: [`spec.rules[0].host: Invalid value: "Web_Host": ${isDNS1123Subdomain('Web_Host')[0]}`] },
  { name: 'host may not be an IP', mutate: (i) => { rule(i).host = '1.2.3.4'; }, want: ['spec.rules[0].host: Invalid value: "1.2.3.4": must be a DNS name, not an IP address'] },
  { name: 'rules or defaultBackend required', mutate: (i) => { delete i.spec!.rules; }, want: ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified'] },
  { name: 'defaultBackend alone is fine', mutate: (i) => { i.spec = { defaultBackend: { service: { name: 'web', port: { name: 'http' } } } }; }, want: [] },
  { name: 'paths required', mutate: (i) => { rule(i).http!.paths = []; }, want: ['spec.rules[0].http.paths: Required value'] },
  { name: 'pathType required', mutate: (i) => { delete (path0(i) as { pathType?: string }).pathType; }, want: [`${P}.pathType: Required value: pathType must be specified`] },
  { name: 'pathType values', mutate: (i) => { path0(i).pathType = 'Regex'; }, want: [`${P}.pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"`] },
  { name: 'Prefix paths must be absolute', mutate: (i) => { path0(i).path = 'api'; }, want: [`${P}.path: Invalid value: "api": must be an absolute path`] },
  { name: 'Exact paths must be absolute', mutate: (i) => { path0(i).pathType = 'Exact'; path0(i).path = ''; }, want: [`${P}.path: Invalid value: "": must be an absolute path`] },
  { name: 'no // in paths', mutate: (i) => { path0(i).path = '/a//b'; }, want: [`${P}.path: Invalid value: "/a//b": must not contain '//'`] },
  { name: 'no trailing /..', mutate: (i) => { path0(i).path = '/a/..'; }, want: [`${P}.path: Invalid value: "/a/..": cannot end with '/..'`] },
  { name: 'ImplementationSpecific allows empty paths', mutate: (i) => { path0(i).pathType = 'ImplementationSpecific'; path0(i).path = ''; }, want: [] },
  { name: 'ImplementationSpecific non-empty paths must be absolute', mutate: (i) => { path0(i).pathType = 'ImplementationSpecific'; path0(i).path = 'x'; }, want: [`${P}.path: Invalid value: "x": must be an absolute path`] },
  { name: 'backend service name required', mutate: (i) => { path0(i).backend.service!.name = ''; }, want: [`${P}.backend.service.name: Required value`] },
  { name: 'backend service name is a DNS-1035 label', mutate: (i) => { path0(i).backend.service!.name = '1web'; }, want: [`${P}.backend.service.name: Invalid value: "1web": ${isDNS1035Label('1web')[0]}`] },
  { name: 'backend port name or number required', mutate: (i) => { path0(i).backend.service!.port = {}; }, want: [`${P}.backend: Required value: port name or number is required`] },
  { name: 'backend port not both', mutate: (i) => { path0(i).backend.service!.port = { name: 'http', number: 80 }; }, want: [`${P}.backend: Invalid value: "": cannot set both port name & port number`] },
  { name: 'backend port number range', mutate: (i) => { path0(i).backend.service!.port = { number: 70000 }; }, want: [`${P}.backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive`] },
  { name: 'backend service or resource required', mutate: (i) => { path0(i).backend = {}; }, want: [`${P}.backend: Invalid value: "": resource or service backend is required`] },
  {
    name: 'backend not both service and resource',
    mutate: (i) => { path0(i).backend.resource = { kind: 'Bucket', name: 'b', apiGroup: 'storage.example.com' }; },
    want: [`${P}.backend: Invalid value: "": cannot set both resource and service backends`],
  },
  { name: 'resource backend needs kind and name', mutate: (i) => { path0(i).backend = { resource: { kind: '', name: '' } }; }, want: [`${P}.backend.resource.kind: Required value: kind is required`, `${P}.backend.resource.name: Required value: name is required`] },
  { name: 'tls hosts must be DNS names', mutate: (i) => { i.spec!.tls![0]!.hosts = ['Bad_Host']; }, want: [`spec.tls[0].hosts[0]: Invalid value: "Bad_Host": ${isDNS1123Subdomain('Bad_Host')[0]}`] },
  { name: 'tls secret name must be a DNS subdomain', mutate: (i) => { i.spec!.tls![0]!.secretName = 'Bad_Secret'; }, want: [`spec.tls[0].secretName: Invalid value: "Bad_Secret": ${isDNS1123Subdomain('Bad_Secret')[0]}`] },
  { name: 'ingressClassName must be a DNS subdomain', mutate: (i) => { i.spec!.ingressClassName = 'Nginx_Class'; }, want: [`spec.ingressClassName: Invalid value: "Nginx_Class": ${isDNS1123Subdomain('Nginx_Class')[0]}`] },
  { name: 'class annotation must agree with ingressClassName', mutate: (i) => { i.metadata!.annotations = { 'kubernetes.io/ingress.class': 'traefik' }; }, want: ['annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified'] },
]);

runCases('validateIngressUpdate', ingress, (i) => validateIngressUpdate(i, ingress()), [
  { name: 'rules may change', mutate: (i) => { path0(i).path = '/api'; }, want: [] },
  { name: 'rules are still validated', mutate: (i) => { path0(i).path = 'api'; }, want: [`${P}.path: Invalid value: "api": must be an absolute path`] },
]);

const ingressClass = (): IngressClass => ({
  metadata: { name: 'nginx', resourceVersion: '1' },
  spec: { controller: 'k8s.io/ingress-nginx', parameters: { kind: 'Params', name: 'p', apiGroup: 'k8s.example.com', scope: 'Cluster' } },
});

runCases('validateIngressClass', ingressClass, validateIngressClass, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'controller required', mutate: (c) => { c.spec!.controller = ''; }, want: ['spec.controller: Required value'] },
  { name: 'controller must be domain-prefixed', mutate: (c) => { c.spec!.controller = 'nginx'; }, want: ['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")'] },
  { name: 'controller length', mutate: (c) => { c.spec!.controller = `k8s.io/${'a'.repeat(250)}`; }, want: ['spec.controller: Too long: may not be more than 250 bytes'] },
  { name: 'parameters scope required', mutate: (c) => { delete c.spec!.parameters!.scope; }, want: ['spec.parameters.scope: Required value'] },
  { name: 'parameters scope values', mutate: (c) => { c.spec!.parameters!.scope = 'Global'; }, want: ['spec.parameters.scope: Unsupported value: "Global": supported values: "Cluster", "Namespace"'] },
  { name: 'Namespace scope needs a namespace', mutate: (c) => { c.spec!.parameters!.scope = 'Namespace'; }, want: ["spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"] },
  { name: 'Cluster scope forbids a namespace', mutate: (c) => { c.spec!.parameters!.namespace = 'default'; }, want: ["spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'"] },
  { name: 'parameters kind required', mutate: (c) => { c.spec!.parameters!.kind = ''; }, want: ['spec.parameters.kind: Required value: kind is required'] },
  { name: 'cluster-scoped', mutate: (c) => { c.metadata!.namespace = 'default'; }, want: ['metadata.namespace: Forbidden: not allowed on this type'] },
]);

runCases('validateIngressClassUpdate', ingressClass, (c) => validateIngressClassUpdate(c, ingressClass()), [
  { name: 'parameters may change', mutate: (c) => { c.spec!.parameters!.name = 'q'; }, want: [] },
  { name: 'controller is immutable', mutate: (c) => { c.spec!.controller = 'example.com/other'; }, want: ['spec.controller: Invalid value: "example.com/other": field is immutable'] },
]);
