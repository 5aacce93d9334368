import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptsJson, openapiHttpResponse } from './http.js';
import { APPS_V1, CORE_V1 } from './testing.js';
import { openapiV3Serialized } from './v3.js';

const GVS = [CORE_V1, APPS_V1];

describe('openapiHttpResponse', () => {
  const hash = openapiV3Serialized(APPS_V1).hash;

  it('serves the index and ignores other paths', () => {
    const r = openapiHttpResponse(GVS, '/openapi/v3?timeout=32s')!;
    assert.equal(r.status, 200);
    assert.equal(r.headers['Content-Type'], 'application/json');
    assert.equal((JSON.parse(r.body) as { paths: Record<string, { serverRelativeURL: string }> }).paths['apis/apps/v1']!.serverRelativeURL, `/openapi/v3/apis/apps/v1?hash=${hash}`);
    assert.equal(openapiHttpResponse(GVS, '/api/v1/pods'), undefined);
  });

  it('serves a current hashed document as immutable, with its ETag', () => {
    const r = openapiHttpResponse(GVS, `/openapi/v3/apis/apps/v1?hash=${hash}&timeout=32s`, { accept: 'application/json' })!;
    assert.equal(r.status, 200);
    assert.equal(r.headers['Cache-Control'], 'public, immutable');
    assert.equal(r.headers.ETag, `"${hash}"`);
    assert.ok(r.headers.Expires);
    assert.equal(r.body, openapiV3Serialized(APPS_V1).json);
  });

  it('redirects a stale hash to the current one and answers If-None-Match with 304', () => {
    const moved = openapiHttpResponse(GVS, '/openapi/v3/apis/apps/v1?hash=OLD')!;
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.Location, `/openapi/v3/apis/apps/v1?hash=${hash}`);
    const plain = openapiHttpResponse(GVS, '/openapi/v3/apis/apps/v1')!;
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['Cache-Control'], undefined);
    assert.equal(openapiHttpResponse(GVS, '/openapi/v3/apis/apps/v1', { ifNoneMatch: `"${hash}"` })!.status, 304);
  });

  it('answers 404 for unserved group-versions and 406 to protobuf-only clients', () => {
    assert.equal(openapiHttpResponse(GVS, '/openapi/v3/apis/batch/v1')!.status, 404);
    assert.equal(openapiHttpResponse(GVS, '/openapi/v3/api/v1', { accept: 'application/com.github.proto-openapi.spec.v3@v1.0+protobuf' })!.status, 406);
    assert.equal(openapiHttpResponse(GVS, '/openapi/v2', { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' })!.status, 406);
    const v2 = openapiHttpResponse(GVS, '/openapi/v2', { accept: 'application/json' })!;
    assert.equal(v2.status, 200);
    assert.equal((JSON.parse(v2.body) as { swagger: string }).swagger, '2.0');
  });

  it('negotiates JSON from Accept', () => {
    assert.equal(acceptsJson(undefined), true);
    assert.equal(acceptsJson('application/json, */*'), true);
    assert.equal(acceptsJson('application/com.github.proto-openapi.spec.v2@v1.0+protobuf'), false);
    assert.equal(acceptsJson('application/*;q=0.5'), true);
  });
});
