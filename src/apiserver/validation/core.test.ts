import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigMap, Namespace, Secret, ServiceAccount } from '../../api/types.js';
import {
  type PodTemplate,
  validateConfigMap,
  validateConfigMapUpdate,
  validateNamespace,
  validateNamespaceUpdate,
  validatePodTemplate,
  validateSecret,
  validateSecretUpdate,
  validateServiceAccount,
  validateServiceAccountUpdate,
} from './core.js';
import { defaultPodTemplateSpec } from '../defaults/pod.js';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain } from './names.js';
import { lines, runCases } from './testutil.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

const cm = (): ConfigMap => ({ metadata: { name: 'cfg', namespace: 'default', resourceVersion: '1' }, data: { 'app.properties': 'a=b' } });

runCases('validateConfigMap', cm, validateConfigMap, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'key format', mutate: (c) => { c.data = { 'bad key': 'v' }; }, want: isConfigMapKey('bad key').map((m) => `data[bad key]: Invalid value: "bad key": ${m}`) },
  { name: 'binaryData key format', mutate: (c) => { c.binaryData = { '..': b64('x') }; }, want: isConfigMapKey('..').map((m) => `binaryData[..]: Invalid value: "..": ${m}`) },
  { name: 'key in both maps', mutate: (c) => { c.binaryData = { 'app.properties': b64('x') }; }, want: ['data[app.properties]: Invalid value: "app.properties": duplicate of key present in binaryData'] },
  { name: 'total size limit 1 MiB', mutate: (c) => { c.data = { a: 'x'.repeat(1024 * 1024), b: 'y' }; }, want: ['Too long: may not be more than 1048576 bytes'] },
  { name: 'exactly 1 MiB is fine', mutate: (c) => { c.data = { a: 'x'.repeat(1024 * 1024) }; }, want: [] },
  { name: 'name must be a DNS subdomain', mutate: (c) => { c.metadata!.name = 'Cfg'; }, want: [`metadata.name: Invalid value: "Cfg": ${isDNS1123Subdomain('Cfg')[0]}`] },
]);

const IMM = 'field is immutable when `immutable` is set';
test('validateConfigMapUpdate: immutable ConfigMaps keep data and the flag', () => {
  const old = { ...cm(), immutable: true };
  assert.deepEqual(lines(validateConfigMapUpdate({ ...cm(), immutable: true }, old)), []);
  const changed = { ...cm(), immutable: false, data: { 'app.properties': 'a=c' }, binaryData: { x: b64('1') } };
  assert.deepEqual(lines(validateConfigMapUpdate(changed, old)).sort(), [`binaryData: Forbidden: ${IMM}`, `data: Forbidden: ${IMM}`, `immutable: Forbidden: ${IMM}`]);
  assert.deepEqual(lines(validateConfigMapUpdate({ ...cm(), data: { z: '1' } }, cm())), []);
});

const secret = (): Secret => ({ metadata: { name: 's', namespace: 'default', resourceVersion: '1' }, type: 'Opaque', data: { password: b64('hunter2') } });

runCases('validateSecret', secret, validateSecret, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'key format', mutate: (s) => { s.data = { 'a/b': b64('x') }; }, want: isConfigMapKey('a/b').map((m) => `data[a/b]: Invalid value: "a/b": ${m}`) },
  { name: 'size limit', mutate: (s) => { s.data = { a: b64('x'.repeat(1024 * 1024 + 1)) }; }, want: ['data: Too long: may not be more than 1048576 bytes'] },
  { name: 'unknown types need nothing', mutate: (s) => { s.type = 'example.com/custom'; }, want: [] },
  { name: 'tls needs tls.crt and tls.key', mutate: (s) => { s.type = 'kubernetes.io/tls'; }, want: ['data[tls.crt]: Required value', 'data[tls.key]: Required value'] },
  { name: 'tls with both keys', mutate: (s) => { s.type = 'kubernetes.io/tls'; s.data = { 'tls.crt': b64('c'), 'tls.key': b64('k') }; }, want: [] },
  { name: 'service-account-token needs the SA annotation', mutate: (s) => { s.type = 'kubernetes.io/service-account-token'; }, want: ['metadata.annotations[kubernetes.io/service-account.name]: Required value'] },
  { name: 'dockerconfigjson needs its key', mutate: (s) => { s.type = 'kubernetes.io/dockerconfigjson'; }, want: ['data[.dockerconfigjson]: Required value'] },
  { name: 'dockerconfigjson must be JSON', mutate: (s) => { s.type = 'kubernetes.io/dockerconfigjson'; s.data = { '.dockerconfigjson': b64('nope') }; }, want: ['data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'n\' looking for beginning of value'] },
  { name: 'dockercfg must be a JSON object', mutate: (s) => { s.type = 'kubernetes.io/dockercfg'; s.data = { '.dockercfg': b64('[1]') }; }, want: ['data[.dockercfg]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}'] },
  { name: 'basic-auth needs username or password', mutate: (s) => { s.type = 'kubernetes.io/basic-auth'; s.data = {}; }, want: ['data[username]: Required value', 'data[password]: Required value'] },
  { name: 'basic-auth with only a password', mutate: (s) => { s.type = 'kubernetes.io/basic-auth'; }, want: [] },
  { name: 'ssh-auth needs a private key', mutate: (s) => { s.type = 'kubernetes.io/ssh-auth'; }, want: ['data[ssh-privatekey]: Required value'] },
]);

test('validateSecretUpdate: type and immutable data', () => {
  const tls = { ...secret(), type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c'), 'tls.key': b64('k') } };
  assert.deepEqual(lines(validateSecretUpdate(tls, secret())), ['type: Invalid value: "kubernetes.io/tls": field is immutable']);
  const old = { ...secret(), immutable: true };
  assert.deepEqual(lines(validateSecretUpdate({ ...secret(), immutable: true, data: {} }, old)), [`data: Forbidden: ${IMM}`]);
  assert.deepEqual(lines(validateSecretUpdate({ ...secret(), data: {} }, secret())), []);
});

const sa = (): ServiceAccount => ({ metadata: { name: 'builder', namespace: 'default', resourceVersion: '1' } });
runCases('validateServiceAccount', sa, validateServiceAccount, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'name', mutate: (s) => { s.metadata!.name = 'Builder'; }, want: [`metadata.name: Invalid value: "Builder": ${isDNS1123Subdomain('Builder')[0]}`] },
]);
runCases('validateServiceAccountUpdate', sa, (s) => validateServiceAccountUpdate(s, sa()), [
  { name: 'secrets may change', mutate: (s) => { s.secrets = [{ name: 'x' }]; }, want: [] },
]);

const ns = (): Namespace => ({ metadata: { name: 'team-a', resourceVersion: '1' }, spec: { finalizers: ['kubernetes'] } });
runCases('validateNamespace', ns, validateNamespace, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'name must be a DNS label', mutate: (n) => { n.metadata!.name = 'team.a'; }, want: [`metadata.name: Invalid value: "team.a": ${isDNS1123Label('team.a')[0]}`] },
  { name: 'cluster-scoped', mutate: (n) => { n.metadata!.namespace = 'default'; }, want: ['metadata.namespace: Forbidden: not allowed on this type'] },
  { name: 'name required', mutate: (n) => { delete n.metadata!.name; }, want: ['metadata.name: Required value: name or generateName is required'] },
  { name: 'finalizers must be standard or qualified', mutate: (n) => { n.spec!.finalizers = ['custom']; }, want: ['spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'] },
  { name: 'qualified finalizers are fine', mutate: (n) => { n.spec!.finalizers = ['example.com/cleanup']; }, want: [] },
]);
runCases('validateNamespaceUpdate', ns, (n) => validateNamespaceUpdate(n, ns()), [
  { name: 'labels may change', mutate: (n) => { n.metadata!.labels = { team: 'a' }; }, want: [] },
  { name: 'name immutable', mutate: (n) => { n.metadata!.name = 'team-b'; }, want: ['metadata.name: Invalid value: "team-b": field is immutable'] },
]);

const podTemplate = (): PodTemplate => ({
  metadata: { name: 'tmpl', namespace: 'default' },
  template: defaultPodTemplateSpec({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }),
});
runCases('validatePodTemplate', podTemplate, validatePodTemplate, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'template spec validated at template.spec', mutate: (p) => { delete p.template!.spec!.containers[0]!.image; }, want: ['template.spec.containers[0].image: Required value'] },
]);
