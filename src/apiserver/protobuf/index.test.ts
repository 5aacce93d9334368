import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../api/errors.js';
import { decodeProtobuf, isProtobufContentType, supportedKinds } from './index.js';
import { isSchemaLoaded } from './root.js';
import { messageForKind } from './kinds.js';
import { encodeBody, encodeMessage, envelope } from './fixtures/encode.js';

function badRequest(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.code, 400);
    assert.equal(err.reason, 'BadRequest');
    assert.match(err.message, message);
    return true;
  });
}

test('the protobufjs Root is built lazily, on first decode', () => {
  assert.equal(isSchemaLoaded(), false);
  assert.equal(decodeProtobuf(encodeBody('v1', 'Namespace', 'core.v1.Namespace', { metadata: { name: 'x' } })).kind, 'Namespace');
  assert.equal(isSchemaLoaded(), true);
});

test('isProtobufContentType ignores parameters and case', () => {
  assert.equal(isProtobufContentType('application/vnd.kubernetes.protobuf'), true);
  assert.equal(isProtobufContentType('Application/VND.kubernetes.protobuf; charset=binary'), true);
  assert.equal(isProtobufContentType('application/vnd.kubernetes.protobuf;stream=watch'), true);
  assert.equal(isProtobufContentType('application/json'), false);
  assert.equal(isProtobufContentType(undefined), false);
});

test('DeleteOptions: zero grace period, propagation policy, preconditions, dryRun; v1 or meta.k8s.io/v1', () => {
  const opts = {
    gracePeriodSeconds: 0, propagationPolicy: 'Foreground', preconditions: { uid: 'u1', resourceVersion: '7' },
    dryRun: ['All'], orphanDependents: false,
  };
  const want = { gracePeriodSeconds: 0, preconditions: { uid: 'u1', resourceVersion: '7' }, orphanDependents: false, propagationPolicy: 'Foreground', dryRun: ['All'] };
  for (const apiVersion of ['v1', 'meta.k8s.io/v1', 'apps/v1']) {
    const got = decodeProtobuf(encodeBody(apiVersion, 'DeleteOptions', 'meta.v1.DeleteOptions', opts));
    assert.deepEqual(got, { apiVersion, kind: 'DeleteOptions', ...want });
  }
  assert.deepEqual(decodeProtobuf(encodeBody('v1', 'DeleteOptions', 'meta.v1.DeleteOptions', {})), { apiVersion: 'v1', kind: 'DeleteOptions' });
});

test('Eviction (policy/v1, and v1beta1 with the same wire shape) carries its DeleteOptions', () => {
  for (const apiVersion of ['policy/v1', 'policy/v1beta1']) {
    const got = decodeProtobuf(encodeBody(apiVersion, 'Eviction', 'policy.v1.Eviction', {
      metadata: { name: 'p1', namespace: 'default' },
      deleteOptions: { gracePeriodSeconds: 30, preconditions: { uid: 'abc' } },
    }));
    assert.deepEqual(got, {
      apiVersion, kind: 'Eviction', metadata: { name: 'p1', namespace: 'default' },
      deleteOptions: { gracePeriodSeconds: 30, preconditions: { uid: 'abc' } },
    });
  }
});

test('bad magic, empty data and a bare prefix are rejected with upstream messages', () => {
  badRequest(() => decodeProtobuf(new Uint8Array()), /^empty data$/);
  badRequest(() => decodeProtobuf(Buffer.from('{"kind":"Pod"}')), /does not appear to be a protobuf message, expected prefix \[107 56 115 0\]/);
  badRequest(() => decodeProtobuf(Buffer.from('k8s')), /expected prefix/);
  badRequest(() => decodeProtobuf(Buffer.from('k8s\0', 'latin1')), /^empty body$/);
});

test('truncated envelope or object is a BadRequest naming the problem', () => {
  const body = encodeBody('v1', 'ConfigMap', 'core.v1.ConfigMap', { metadata: { name: 'cm' }, data: { a: 'b'.repeat(40) } });
  badRequest(() => decodeProtobuf(body.subarray(0, body.length - 10)), /unable to decode protobuf envelope.*unexpected EOF/);
  const raw = encodeMessage('core.v1.ConfigMap', { metadata: { name: 'cm' }, data: { a: 'b'.repeat(40) } });
  badRequest(() => decodeProtobuf(envelope('v1', 'ConfigMap', raw.subarray(0, raw.length - 5))), /unable to decode protobuf v1\/ConfigMap: unexpected EOF/);
});

test('unknown apiVersion/kind lists the supported kinds', () => {
  const raw = encodeMessage('core.v1.ConfigMap', { metadata: { name: 'cm' } });
  badRequest(() => decodeProtobuf(envelope('v1', 'Widget', raw)), /no kind "Widget" is registered for version "v1"; protobuf request bodies are supported for v1: Binding, ConfigMap, .*apps\/v1: .*Deployment.*meta\.k8s\.io\/v1: DeleteOptions/);
  badRequest(() => decodeProtobuf(envelope('apps/v2', 'Deployment', raw)), /no kind "Deployment" is registered for version "apps\/v2"/);
  badRequest(() => decodeProtobuf(envelope('v1', '', raw)), /Kind' is missing/);
});

test('supportedKinds covers the kinds kubectl creates', () => {
  const kinds = supportedKinds();
  assert.ok(kinds.v1!.includes('Namespace') && kinds.v1!.includes('Pod') && kinds.v1!.includes('Binding'));
  assert.deepEqual(kinds['policy/v1'], ['Eviction', 'PodDisruptionBudget']);
  assert.deepEqual(kinds['batch/v1'], ['CronJob', 'Job']);
  assert.deepEqual(kinds['meta.k8s.io/v1'], ['DeleteOptions']);
});

test('every supported kind maps to a schema message that decodes an object with metadata', () => {
  for (const [apiVersion, kinds] of Object.entries(supportedKinds())) {
    for (const kind of kinds) {
      const message = messageForKind(apiVersion, kind);
      assert.ok(message?.endsWith(`.${kind}`), `${apiVersion} ${kind} -> ${message}`);
      const withMeta = kind === 'DeleteOptions' ? {} : { metadata: { name: 'n', labels: { a: 'b' } } };
      assert.deepEqual(decodeProtobuf(encodeBody(apiVersion, kind, message!, withMeta)), { apiVersion, kind, ...withMeta });
    }
  }
});

test('envelope contentEncoding is refused; a JSON contentType payload is parsed', () => {
  const raw = encodeMessage('core.v1.ConfigMap', { metadata: { name: 'cm' } });
  badRequest(() => decodeProtobuf(envelope('v1', 'ConfigMap', raw, { contentEncoding: 'gzip' })), /unsupported content encoding "gzip"/);
  badRequest(() => decodeProtobuf(envelope('v1', 'ConfigMap', raw, { contentType: 'application/yaml' })), /unsupported content type/);
  const json = Buffer.from('{"metadata":{"name":"j"},"data":{"a":"b"}}');
  assert.deepEqual(decodeProtobuf(envelope('v1', 'ConfigMap', json, { contentType: 'application/json' })), {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j' }, data: { a: 'b' },
  });
  const explicit = decodeProtobuf(envelope('v1', 'ConfigMap', raw, { contentType: 'application/vnd.kubernetes.protobuf' }));
  assert.deepEqual(explicit.metadata, { name: 'cm' });
});
