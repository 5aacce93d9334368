import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ingress, IngressClass } from '../../api/types.js';
import { defaultIngress, defaultIngressClass } from './networking.js';

test('defaultIngressClass: parameters scope defaults to Cluster', () => {
  const ic: IngressClass = { spec: { controller: 'k8s.io/x', parameters: { kind: 'P', name: 'p' } } };
  defaultIngressClass(ic);
  assert.equal(ic.spec!.parameters!.scope, 'Cluster');
  const ns: IngressClass = { spec: { parameters: { kind: 'P', name: 'p', scope: 'Namespace', namespace: 'a' } } };
  defaultIngressClass(ns);
  assert.equal(ns.spec!.parameters!.scope, 'Namespace');
  const none: IngressClass = { spec: { controller: 'k8s.io/x' } };
  defaultIngressClass(none);
  assert.deepEqual(none.spec, { controller: 'k8s.io/x' });
});

test('defaultIngress: no defaults', () => {
  const ing: Ingress = { spec: { rules: [{ host: 'a.io' }] } };
  defaultIngress(ing);
  assert.deepEqual(ing, { spec: { rules: [{ host: 'a.io' }] } });
});
