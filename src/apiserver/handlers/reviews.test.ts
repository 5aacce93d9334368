import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStore } from '../../store/memory.js';
import { ApiServer } from '../apiserver.js';
import { KUBECTL_CAPTURES } from '../protobuf/fixtures/kubectl-captures.js';
import { encodeBody } from '../protobuf/fixtures/encode.js';
import { buildResources } from '../resources/index.js';
import type { ApiResponse, UserInfo } from '../request.js';

const api = new ApiServer({ store: new MemoryStore(), resources: buildResources() });
const admin: UserInfo = {
  name: 'kubernetes-admin',
  groups: ['system:masters', 'system:authenticated'],
  extra: { 'authentication.kubernetes.io/credential-id': ['X509SHA256=abc'] },
};

function post(path: string, body: Buffer | object, user = admin, contentType = 'application/json', method = 'POST'): Promise<ApiResponse> {
  return api.handle({
    method,
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': contentType },
    body: Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body)),
    user,
    signal: new AbortController().signal,
  });
}

type Json = Record<string, unknown>;
const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const SSR = '/apis/authentication.k8s.io/v1/selfsubjectreviews';

describe('SelfSubjectAccessReview', () => {
  it('answers allowed for an authenticated user and echoes the spec, with 201 Created', async () => {
    const r = await post(SSAR, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } } });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body, {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
      status: { allowed: true },
    });
  });

  it('decodes the protobuf body kubectl auth can-i sends', async () => {
    const c = KUBECTL_CAPTURES['auth-can-i']!;
    const r = await post(c.path, Buffer.from(c.hex, 'hex'), admin, c.contentType);
    assert.equal(r.status, 201);
    const body = r.body as Json;
    assert.deepEqual((body.spec as Json).resourceAttributes, { namespace: 'team', verb: 'get', resource: 'pods' });
    assert.deepEqual(body.status, { allowed: true });
  });

  it('says no for a user who is not authenticated', async () => {
    const r = await post(SSAR, { spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } } }, { name: 'system:anonymous', groups: ['system:unauthenticated'] });
    assert.deepEqual((r.body as Json).status, { allowed: false });
  });

  it('validates as upstream: exactly one kind of attributes, and no metadata', async () => {
    const none = await post(SSAR, { spec: {} });
    assert.equal(none.status, 422);
    assert.match((none.body as Json).message as string, /spec\.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified/);
    const both = await post(SSAR, { spec: { resourceAttributes: { verb: 'get' }, nonResourceAttributes: { verb: 'get', path: '/' } } });
    assert.match((both.body as Json).message as string, /spec\.nonResourceAttributes: Invalid value: .*cannot be specified in combination with resourceAttributes/);
    const named = await post(SSAR, { metadata: { name: 'x' }, spec: { resourceAttributes: { verb: 'get' } } });
    assert.match((named.body as Json).message as string, /metadata: Invalid value: .*must be empty/);
  });

  it('is create-only', async () => {
    const r = await post(SSAR, {}, admin, 'application/json', 'GET');
    assert.equal(r.status, 405);
    const wrongKind = await post(SSAR, { apiVersion: 'v1', kind: 'Pod', spec: { resourceAttributes: { verb: 'get' } } });
    assert.equal(wrongKind.status, 400);
  });
});

describe('SelfSubjectRulesReview', () => {
  it('lists that everything is allowed, as upstream does for a user that may do anything', async () => {
    const r = await post('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { spec: { namespace: 'default' } });
    assert.equal(r.status, 201);
    assert.deepEqual((r.body as Json).status, {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    });
  });
});

describe('SelfSubjectReview', () => {
  it('tells the request user, groups, uid and extra (JSON and protobuf bodies)', async () => {
    const user: UserInfo = { name: 'alice', uid: '42', groups: ['dev', 'system:authenticated'] };
    const json = await post(SSR, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, user);
    assert.equal(json.status, 201);
    const body = json.body as Json;
    assert.equal(body.kind, 'SelfSubjectReview');
    assert.match(String((body.metadata as Json).creationTimestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(body.status, { userInfo: { username: 'alice', uid: '42', groups: ['dev', 'system:authenticated'] } });
    const pb = await post(SSR, Buffer.from(encodeBody('authentication.k8s.io/v1', 'SelfSubjectReview', 'authentication.v1.SelfSubjectReview', { metadata: {} })), admin, 'application/vnd.kubernetes.protobuf');
    assert.equal(pb.status, 201);
    assert.deepEqual((pb.body as Json).status, {
      userInfo: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'], extra: { 'authentication.kubernetes.io/credential-id': ['X509SHA256=abc'] } },
    });
  });
});
