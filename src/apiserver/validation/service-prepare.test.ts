import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '../../api/types.js';
import { dropServiceTypeDependentFields, initServiceIPFamilies, normalizeServiceClusterIPs, patchServiceAllocatedValues } from './service-prepare.js';
import { lines } from './testutil.js';

const spec = (s: Partial<NonNullable<Service['spec']>>): Service => ({ metadata: { name: 's', namespace: 'default' }, spec: s });

test('normalizeServiceClusterIPs: create copies clusterIP into clusterIPs', () => {
  const s = spec({ clusterIP: 'None' });
  normalizeServiceClusterIPs(s);
  assert.deepEqual(s.spec!.clusterIPs, ['None']);
  const untouched = spec({});
  normalizeServiceClusterIPs(untouched);
  assert.equal(untouched.spec!.clusterIPs, undefined);
});

test('normalizeServiceClusterIPs: update keeps, clears or follows clusterIP like upstream', () => {
  const old = spec({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] });
  const omitted = spec({ clusterIP: '10.0.0.1' });
  normalizeServiceClusterIPs(omitted, old);
  assert.deepEqual(omitted.spec!.clusterIPs, ['10.0.0.1']);
  const cleared = spec({ clusterIPs: ['10.0.0.1'] });
  normalizeServiceClusterIPs(cleared, old);
  assert.equal(cleared.spec!.clusterIPs, undefined);
  const changed = spec({ clusterIP: '10.0.0.2', clusterIPs: ['10.0.0.1'] });
  normalizeServiceClusterIPs(changed, old);
  assert.deepEqual(changed.spec!.clusterIPs, ['10.0.0.2']);
});

test('initServiceIPFamilies: ClusterIP services get SingleStack and the cluster family', () => {
  const s = spec({ type: 'ClusterIP', selector: { app: 'a' } });
  assert.deepEqual(initServiceIPFamilies(s), []);
  assert.equal(s.spec!.ipFamilyPolicy, 'SingleStack');
  assert.deepEqual(s.spec!.ipFamilies, ['IPv4']);
});

test('initServiceIPFamilies: families are inferred from a requested cluster IP', () => {
  const s = spec({ type: 'ClusterIP', clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'] });
  assert.deepEqual(initServiceIPFamilies(s), []);
  assert.deepEqual(s.spec!.ipFamilies, ['IPv4']);
});

test('initServiceIPFamilies: headless selector-less services become RequireDualStack with both families', () => {
  const s = spec({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] });
  assert.deepEqual(initServiceIPFamilies(s), []);
  assert.equal(s.spec!.ipFamilyPolicy, 'RequireDualStack');
  assert.deepEqual(s.spec!.ipFamilies, ['IPv4', 'IPv6']);
  const withSelector = spec({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { a: 'b' } });
  initServiceIPFamilies(withSelector);
  assert.equal(withSelector.spec!.ipFamilyPolicy, 'SingleStack');
  assert.deepEqual(withSelector.spec!.ipFamilies, ['IPv4']);
});

test('initServiceIPFamilies: ExternalName is left alone', () => {
  const s = spec({ type: 'ExternalName', externalName: 'x.io' });
  assert.deepEqual(initServiceIPFamilies(s), []);
  assert.equal(s.spec!.ipFamilyPolicy, undefined);
  assert.equal(s.spec!.ipFamilies, undefined);
});

test('initServiceIPFamilies: the update keeps the old policy', () => {
  const old = spec({ type: 'ClusterIP', ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4'], clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] });
  const s = spec({ type: 'ClusterIP', ipFamilies: ['IPv4'], clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] });
  assert.deepEqual(initServiceIPFamilies(s, old), []);
  assert.equal(s.spec!.ipFamilyPolicy, 'PreferDualStack');
});

test('initServiceIPFamilies: errors for what a single-stack IPv4 cluster cannot serve', () => {
  assert.deepEqual(lines(initServiceIPFamilies(spec({ type: 'ClusterIP', ipFamilyPolicy: 'RequireDualStack' }))), [
    'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
  ]);
  assert.deepEqual(lines(initServiceIPFamilies(spec({ type: 'ClusterIP', ipFamilies: ['IPv6'] }))), [
    'spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster',
  ]);
  assert.deepEqual(lines(initServiceIPFamilies(spec({ type: 'ClusterIP', clusterIP: 'fd00::1', clusterIPs: ['fd00::1'] }))), [
    'spec.clusterIPs[0]: Invalid value: []string{"fd00::1"}: IPv6 is not configured on this cluster',
  ]);
  assert.deepEqual(
    lines(initServiceIPFamilies(spec({ type: 'ClusterIP', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] }))),
    ["spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"],
  );
});

test('initServiceIPFamilies: malformed cluster IPs are reported by the pre-validation', () => {
  assert.deepEqual(lines(initServiceIPFamilies(spec({ type: 'ClusterIP', clusterIP: 'x', clusterIPs: ['x'] }))), [
    'spec.clusterIPs[0]: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  ]);
});

test('patchServiceAllocatedValues: resubmitted services keep allocated IPs and node ports', () => {
  const old = spec({
    type: 'NodePort',
    clusterIP: '10.0.0.1',
    clusterIPs: ['10.0.0.1'],
    ports: [{ name: 'http', port: 80, nodePort: 30080 }, { name: 'https', port: 443, nodePort: 30443 }],
  });
  const s = spec({ type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443, nodePort: 30080 }] });
  patchServiceAllocatedValues(s, old);
  assert.equal(s.spec!.clusterIP, '10.0.0.1');
  assert.deepEqual(s.spec!.clusterIPs, ['10.0.0.1']);
  // 30080 is reused by another port in the new object, so it is not patched back.
  assert.equal(s.spec!.ports![0]!.nodePort, undefined);
  assert.equal(s.spec!.ports![1]!.nodePort, 30080);
  const toExternal = spec({ type: 'ExternalName', externalName: 'x.io' });
  patchServiceAllocatedValues(toExternal, old);
  assert.equal(toExternal.spec!.clusterIP, undefined);
});

test('dropServiceTypeDependentFields: NodePort to ClusterIP drops unchanged node ports and traffic policy', () => {
  const old = spec({ type: 'NodePort', externalTrafficPolicy: 'Cluster', ports: [{ port: 80, nodePort: 30080 }] });
  const s = spec({ type: 'ClusterIP', externalTrafficPolicy: 'Cluster', ports: [{ port: 80, nodePort: 30080 }] });
  dropServiceTypeDependentFields(s, old);
  assert.deepEqual(s.spec, { type: 'ClusterIP', ports: [{ port: 80 }] });
  const changed = spec({ type: 'ClusterIP', ports: [{ port: 80, nodePort: 30081 }] });
  dropServiceTypeDependentFields(changed, old);
  assert.equal(changed.spec!.ports![0]!.nodePort, 30081);
});

test('dropServiceTypeDependentFields: to ExternalName drops unchanged IP fields; LB fields and status go', () => {
  const old = spec({
    type: 'LoadBalancer',
    clusterIP: '10.0.0.1',
    clusterIPs: ['10.0.0.1'],
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    allocateLoadBalancerNodePorts: true,
    loadBalancerClass: 'a.io/lb',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 31000,
  });
  const s: Service = { ...spec({ ...old.spec!, type: 'ExternalName', externalName: 'x.io' }), status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } };
  dropServiceTypeDependentFields(s, old);
  assert.deepEqual(s.spec, { type: 'ExternalName', externalName: 'x.io' });
  assert.deepEqual(s.status, { loadBalancer: {} });
});
