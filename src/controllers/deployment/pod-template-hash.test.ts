import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodTemplateSpec } from '../../api/types.js';
import { canonicalJson, computeHash, equalIgnoreHash, fnv32a, SAFE_ALPHABET, safeEncodeString } from './pod-template-hash.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

test('fnv32a matches the FNV-1a reference vectors', () => {
  assert.equal(fnv32a(bytes('')), 0x811c9dc5);
  assert.equal(fnv32a(bytes('a')), 0xe40c292c);
  assert.equal(fnv32a(bytes('foobar')), 0xbf9cf968);
  // Hashing in two parts is hashing the concatenation (collisionCount is appended this way).
  assert.equal(fnv32a(bytes('bar'), fnv32a(bytes('foo'))), 0xbf9cf968);
});

test('safeEncodeString uses apimachinery rand alphabet: digits map to 4-9 and b,c,d,f', () => {
  assert.equal(SAFE_ALPHABET, 'bcdfghjklmnpqrstvwxz2456789');
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
  // A Sum32 printed in decimal, then encoded: the shape of every pod-template-hash.
  assert.equal(safeEncodeString('3586453112'), '79db897556');
});

function template(image: string, labels: Record<string, string> = { app: 'web' }): PodTemplateSpec {
  return { metadata: { labels }, spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80, protocol: 'TCP' }] }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' } };
}

test('computeHash is stable, key-order independent, uses the safe alphabet and depends on template and collisionCount', () => {
  const h = computeHash(template('nginx:1'));
  assert.match(h, /^[456789bcdf]{1,10}$/);
  assert.equal(computeHash(template('nginx:1')), h);
  const reordered = JSON.parse('{"spec":{"dnsPolicy":"ClusterFirst","restartPolicy":"Always","containers":[{"ports":[{"protocol":"TCP","containerPort":80}],"image":"nginx:1","name":"web"}]},"metadata":{"labels":{"app":"web"}}}');
  assert.equal(computeHash(reordered), h);
  assert.notEqual(computeHash(template('nginx:2')), h);
  assert.notEqual(computeHash(template('nginx:1'), 1), h);
  assert.notEqual(computeHash(template('nginx:1'), 1), computeHash(template('nginx:1'), 2));
  assert.equal(computeHash(template('nginx:1'), null), h, 'a nil collisionCount adds nothing');
  assert.notEqual(computeHash(template('nginx:1'), 0), h, 'a zero collisionCount is still hashed, as upstream');
});

test('computeHash spreads 1000 similar templates without collision', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) seen.add(computeHash(template(`registry/test/cats:v0.${i}.0`)));
  assert.equal(seen.size, 1000);
});

test('canonicalJson sorts keys and drops nulls', () => {
  assert.equal(canonicalJson({ b: 1, a: [null, { d: null, c: 'x' }] }), '{"a":[null,{"c":"x"}],"b":1}');
});

test('equalIgnoreHash ignores the hash label, empty vs missing, and quantity spelling', () => {
  const a = template('nginx:1');
  const b = template('nginx:1', { app: 'web', 'pod-template-hash': '5d8f6c9b7' });
  assert.equal(equalIgnoreHash(a, b), true);
  assert.equal(equalIgnoreHash(a, template('nginx:2')), false);
  assert.equal(equalIgnoreHash(a, template('nginx:1', { app: 'api' })), false);
  const c = structuredClone(a);
  c.metadata!.annotations = {};
  (c.metadata as Record<string, unknown>).creationTimestamp = null;
  assert.equal(equalIgnoreHash(a, c), true);
  const q1 = structuredClone(a);
  q1.spec!.containers[0].resources = { limits: { cpu: '1', memory: '1Gi' } };
  const q2 = structuredClone(a);
  q2.spec!.containers[0].resources = { limits: { cpu: '1000m', memory: '1024Mi' } };
  assert.equal(equalIgnoreHash(q1, q2), true);
  q2.spec!.containers[0].resources = { limits: { cpu: '2', memory: '1024Mi' } };
  assert.equal(equalIgnoreHash(q1, q2), false);
});
