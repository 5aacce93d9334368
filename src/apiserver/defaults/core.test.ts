import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Endpoints, Namespace, Node, Secret, Service } from '../../api/types.js';
import {
  defaultEndpoints,
  defaultNamespace,
  defaultNode,
  defaultPodTemplate,
  defaultSecret,
  defaultService,
  prepareNamespaceForCreate,
  prepareNamespaceForUpdate,
} from './core.js';
import type { PodTemplate } from '../validation/core.js';

test('defaultService: ClusterIP basics', () => {
  const s: Service = { metadata: { name: 'web' }, spec: { ports: [{ port: 80 }, { port: 443, targetPort: 'https', protocol: 'UDP' }] } };
  defaultService(s);
  assert.deepEqual(s.spec, {
    type: 'ClusterIP',
    sessionAffinity: 'None',
    internalTrafficPolicy: 'Cluster',
    ports: [
      { port: 80, protocol: 'TCP', targetPort: 80 },
      { port: 443, targetPort: 'https', protocol: 'UDP' },
    ],
  });
});

test('defaultService: targetPort 0 or "" becomes the port', () => {
  const s: Service = { spec: { ports: [{ port: 80, targetPort: 0 }, { port: 81, targetPort: '' }] } };
  defaultService(s);
  assert.deepEqual(s.spec!.ports!.map((p) => p.targetPort), [80, 81]);
});

test('defaultService: NodePort and LoadBalancer', () => {
  const np: Service = { spec: { type: 'NodePort', ports: [{ port: 80 }] } };
  defaultService(np);
  assert.equal(np.spec!.externalTrafficPolicy, 'Cluster');
  assert.equal(np.spec!.internalTrafficPolicy, 'Cluster');
  assert.equal(np.spec!.allocateLoadBalancerNodePorts, undefined);
  const lb: Service = { spec: { type: 'LoadBalancer', ports: [{ port: 80 }] }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: 'lb.example.com' }] } } };
  defaultService(lb);
  assert.equal(lb.spec!.allocateLoadBalancerNodePorts, true);
  assert.equal(lb.spec!.externalTrafficPolicy, 'Cluster');
  assert.deepEqual(lb.status!.loadBalancer!.ingress, [{ ip: '1.2.3.4', ipMode: 'VIP' }, { hostname: 'lb.example.com' }]);
  const keep: Service = { spec: { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, externalTrafficPolicy: 'Local' } };
  defaultService(keep);
  assert.equal(keep.spec!.allocateLoadBalancerNodePorts, false);
  assert.equal(keep.spec!.externalTrafficPolicy, 'Local');
});

test('defaultService: ClusterIP with externalIPs is externally accessible', () => {
  const s: Service = { spec: { externalIPs: ['1.2.3.4'] } };
  defaultService(s);
  assert.equal(s.spec!.externalTrafficPolicy, 'Cluster');
});

test('defaultService: ExternalName gets no traffic policies', () => {
  const s: Service = { spec: { type: 'ExternalName', externalName: 'x.io' } };
  defaultService(s);
  assert.deepEqual(s.spec, { type: 'ExternalName', externalName: 'x.io', sessionAffinity: 'None' });
});

test('defaultService: session affinity config', () => {
  const client: Service = { spec: { sessionAffinity: 'ClientIP' } };
  defaultService(client);
  assert.deepEqual(client.spec!.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
  const none: Service = { spec: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } } };
  defaultService(none);
  assert.equal(none.spec!.sessionAffinityConfig, undefined);
});

test('defaultSecret: Opaque and stringData merged into data', () => {
  const s: Secret = { data: { a: Buffer.from('old').toString('base64'), b: 'Yg==' }, stringData: { a: 'new', c: 'see' } };
  defaultSecret(s);
  assert.equal(s.type, 'Opaque');
  assert.equal(s.stringData, undefined);
  assert.deepEqual(s.data, { a: Buffer.from('new').toString('base64'), b: 'Yg==', c: Buffer.from('see').toString('base64') });
  const tls: Secret = { type: 'kubernetes.io/tls' };
  defaultSecret(tls);
  assert.equal(tls.type, 'kubernetes.io/tls');
});

test('defaultNamespace: name label and Active phase', () => {
  const ns: Namespace = { metadata: { name: 'team-a', labels: { x: 'y' } } };
  defaultNamespace(ns);
  assert.deepEqual(ns.metadata!.labels, { x: 'y', 'kubernetes.io/metadata.name': 'team-a' });
  assert.deepEqual(ns.status, { phase: 'Active' });
  const gen: Namespace = { metadata: { generateName: 'team-' } };
  defaultNamespace(gen);
  assert.equal(gen.metadata!.labels, undefined);
  const terminating: Namespace = { metadata: { name: 'x' }, status: { phase: 'Terminating' } };
  defaultNamespace(terminating);
  assert.equal(terminating.status!.phase, 'Terminating');
});

test('prepareNamespaceForCreate / ForUpdate: the kubernetes finalizer and carried-over status', () => {
  const ns: Namespace = { metadata: { name: 'a' }, spec: { finalizers: ['example.com/x'] }, status: { phase: 'Terminating' } };
  prepareNamespaceForCreate(ns);
  assert.deepEqual(ns.spec!.finalizers, ['example.com/x', 'kubernetes']);
  assert.deepEqual(ns.status, { phase: 'Active' });
  const bare: Namespace = { metadata: { name: 'b' } };
  prepareNamespaceForCreate(bare);
  assert.deepEqual(bare.spec, { finalizers: ['kubernetes'] });
  const upd: Namespace = { metadata: { name: 'b' }, spec: { finalizers: [] }, status: { phase: 'Terminating' } };
  prepareNamespaceForUpdate(upd, bare);
  assert.deepEqual(upd.spec!.finalizers, ['kubernetes']);
  assert.deepEqual(upd.status, { phase: 'Active' });
});

test('defaultNode: allocatable from capacity', () => {
  const n: Node = { status: { capacity: { cpu: '2', pods: '110' } } };
  defaultNode(n);
  assert.deepEqual(n.status!.allocatable, { cpu: '2', pods: '110' });
  const set: Node = { status: { capacity: { cpu: '2' }, allocatable: { cpu: '1' } } };
  defaultNode(set);
  assert.deepEqual(set.status!.allocatable, { cpu: '1' });
});

test('defaultEndpoints: port protocol TCP', () => {
  const ep: Endpoints = { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }] };
  defaultEndpoints(ep);
  assert.deepEqual(ep.subsets![0]!.ports!.map((p) => p.protocol), ['TCP', 'UDP']);
});

test('defaultPodTemplate: pod template defaults under template', () => {
  const pt: PodTemplate = { metadata: { name: 't' }, template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } } };
  defaultPodTemplate(pt);
  assert.equal(pt.template!.spec!.containers[0]!.imagePullPolicy, 'Always');
  assert.equal(pt.template!.spec!.restartPolicy, 'Always');
});
