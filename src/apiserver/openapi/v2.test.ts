import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRefs, APPS_V1, CORE_V1, DISCOVERY_V1 } from './testing.js';
import type { JsonObject } from './types.js';
import { openapiV2Document, openapiV2Serialized } from './v2.js';

type Doc = { swagger: string; paths: Record<string, JsonObject>; definitions: Record<string, JsonObject> };

describe('openapiV2Document', () => {
  const gvs = [CORE_V1, APPS_V1, DISCOVERY_V1];
  const doc = openapiV2Document(gvs) as Doc;

  it('is a Swagger 2.0 document with the paths of every group-version', () => {
    assert.equal(doc.swagger, '2.0');
    assert.ok(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}']);
    assert.ok(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']);
    assert.ok(doc.paths['/apis/discovery.k8s.io/v1/endpointslices']);
  });

  it('refers to #/definitions and every reference resolves', () => {
    const refs = allRefs(doc);
    assert.ok(refs.length > 100);
    assert.deepEqual(refs.filter((r) => !r.startsWith('#/definitions/')), []);
    assert.deepEqual([...new Set(refs.filter((r) => !doc.definitions[r.slice('#/definitions/'.length)]))], []);
  });

  it('has the same definition names, with GVKs on kinds', () => {
    assert.deepEqual(doc.definitions['io.k8s.api.core.v1.Pod']!['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Pod', version: 'v1' }]);
    assert.deepEqual(doc.definitions['io.k8s.api.apps.v1.Deployment']!['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    const deleteOptions = doc.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions']!['x-kubernetes-group-version-kind'] as JsonObject[];
    assert.deepEqual(deleteOptions.map((g) => g.group), ['', 'apps', 'discovery.k8s.io']);
    assert.deepEqual(doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], {
      description: doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']!.description,
      format: 'int-or-string',
      type: 'string',
    });
    assert.equal(doc.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity']!.type, 'string');
  });

  it('puts descriptions next to $ref instead of allOf, and no defaults', () => {
    const metadata = (doc.definitions['io.k8s.api.core.v1.Pod']!.properties as JsonObject).metadata as JsonObject;
    assert.equal(metadata.$ref, '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    assert.match(String(metadata.description), /^Standard object's metadata\./);
    const probe = (doc.definitions['io.k8s.api.core.v1.Container']!.properties as JsonObject).livenessProbe as JsonObject;
    assert.deepEqual(Object.keys(probe).sort(), ['$ref', 'description']);
    assert.match(String(probe.description), /^Periodic probe of container liveness\./);
    assert.equal(JSON.stringify(doc.definitions).includes('"allOf"'), false);
    assert.equal(JSON.stringify(doc.definitions).includes('"default"'), false);
    const ports = ((doc.definitions['io.k8s.api.core.v1.Container']!.properties as JsonObject).ports as JsonObject);
    assert.equal(ports['x-kubernetes-patch-merge-key'], 'containerPort');
  });

  it('describes operations with body parameters, consumes/produces and fieldValidation', () => {
    const patch = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}']!.patch as JsonObject;
    assert.deepEqual(patch.consumes, ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);
    assert.deepEqual(patch.produces, ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
    const params = patch.parameters as JsonObject[];
    assert.deepEqual(params.map((p) => p.name), ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'body']);
    assert.deepEqual(params[4], { in: 'body', name: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } });
    assert.deepEqual(params[2]!.type, 'string');
    assert.deepEqual((patch.responses as JsonObject)['200'], { description: 'OK', schema: { $ref: '#/definitions/io.k8s.api.core.v1.Pod' } });
    assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: '', kind: 'Pod', version: 'v1' });
  });

  it('is cached and re-serializes to the same JSON', () => {
    const s = openapiV2Serialized(gvs);
    assert.equal(s.doc, doc);
    assert.deepEqual(JSON.parse(s.json), doc);
    assert.match(s.hash, /^[0-9A-F]{128}$/);
  });
});
