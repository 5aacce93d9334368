import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ingress } from '../../api/types.js';
import { ingressClassPrinter, ingressHosts, ingressPrinter } from './networking.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const meta = { name: 'web', creationTimestamp: '2024-05-01T11:00:00Z' };

test('ingress rows', () => {
  const ing: Ingress = {
    metadata: meta,
    spec: { ingressClassName: 'skiff', rules: [{ host: 'a.example.com' }], tls: [{ hosts: ['a.example.com'] }] },
    status: { loadBalancer: { ingress: [{ ip: '10.0.0.2' }, { hostname: 'lb.local' }, { ip: '10.0.0.1' }] } },
  };
  assert.deepEqual(ingressPrinter.row(ing, NOW), ['web', 'skiff', 'a.example.com', '10.0.0.1,10.0.0.2,lb.local', '80, 443', '60m']);
  assert.deepEqual(ingressPrinter.row({ metadata: meta, spec: {} }, NOW), ['web', '<none>', '*', '', '80', '60m']);
});

test('ingress HOSTS formatting', () => {
  const hosts = (...h: (string | undefined)[]): string => ingressHosts({ spec: { rules: h.map((host) => (host ? { host } : {})) } });
  assert.equal(hosts(), '*');
  assert.equal(hosts(undefined), '*');
  assert.equal(hosts('a', undefined, 'b'), 'a,b');
  assert.equal(hosts('a', 'b', 'c'), 'a,b,c');
  assert.equal(hosts('a', 'b', 'c', 'd', 'e'), 'a,b,c + 2 more...');
  // Rules without a host still count towards "more".
  assert.equal(hosts('a', undefined, 'b', 'c', undefined), 'a,b,c + 2 more...');
  assert.equal(hosts('a', 'b', 'c', undefined), 'a,b,c + 1 more...');
});

test('ingressclass rows', () => {
  const base = { metadata: meta, spec: { controller: 'skiff.dev/ingress' } };
  assert.deepEqual(ingressClassPrinter.row(base, NOW), ['web', 'skiff.dev/ingress', '<none>', '60m']);
  assert.deepEqual(ingressClassPrinter.row({ ...base, spec: { ...base.spec, parameters: { kind: 'Params', name: 'p', apiGroup: 'example.com' } } }, NOW), [
    'web',
    'skiff.dev/ingress',
    'Params.example.com/p',
    '60m',
  ]);
  assert.deepEqual(ingressClassPrinter.row({ ...base, spec: { ...base.spec, parameters: { kind: 'ConfigMap', name: 'cfg' } } }, NOW)[2], 'ConfigMap/cfg');
});
