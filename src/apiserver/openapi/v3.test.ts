import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allTypes } from '../../api/schema.js';
import { definitionName, isKnownModel } from './names.js';
import { allRefs, APPS_V1, CORE_V1, DISCOVERY_V1, NETWORKING_V1 } from './testing.js';
import type { GroupVersionInfo, JsonObject } from './types.js';
import { findOpenapiV3GroupVersion, openapiV3Document, openapiV3Index, openapiV3Serialized } from './v3.js';

/** Walks a JSON document by keys; fails the test when a step is missing. */
function at(doc: unknown, ...keys: Array<string | number>): JsonObject {
  let cur: unknown = doc;
  for (const k of keys) {
    assert.ok(cur && typeof cur === 'object', `missing ${keys.join('/')} at ${String(k)}`);
    cur = (cur as Record<string | number, unknown>)[k];
  }
  assert.ok(cur !== undefined, `missing ${keys.join('/')}`);
  return cur as JsonObject;
}

const schemaOf = (doc: object, name: string): JsonObject => at(doc, 'components', 'schemas', name);
const paramNames = (op: JsonObject): string[] => ((op.parameters ?? []) as JsonObject[]).map((p) => String(p.name));
const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });

/** Checks a field schema's description (upstream's text of the field) and returns the rest of it. */
function described(schema: JsonObject, text: RegExp): JsonObject {
  const { description, ...rest } = schema;
  assert.match(String(description), text);
  return rest;
}

describe('definition names of client-node models', () => {
  it('maps models to the upstream package they live in', () => {
    const cases: Array<[string, string]> = [
      ['V1Pod', 'io.k8s.api.core.v1.Pod'],
      ['CoreV1Event', 'io.k8s.api.core.v1.Event'],
      ['EventsV1Event', 'io.k8s.api.events.v1.Event'],
      ['V1Deployment', 'io.k8s.api.apps.v1.Deployment'],
      ['V1ObjectMeta', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      ['V1LabelSelector', 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector'],
      ['V1Preconditions', 'io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions'],
      ['V1Scale', 'io.k8s.api.autoscaling.v1.Scale'],
      ['DiscoveryV1EndpointPort', 'io.k8s.api.discovery.v1.EndpointPort'],
      ['CoreV1EndpointPort', 'io.k8s.api.core.v1.EndpointPort'],
      ['V1Ingress', 'io.k8s.api.networking.v1.Ingress'],
      ['V2HorizontalPodAutoscaler', 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler'],
      ['V1CustomResourceDefinition', 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition'],
      ['V1APIService', 'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService'],
      ['VersionInfo', 'io.k8s.apimachinery.pkg.version.Info'],
    ];
    for (const [model, def] of cases) assert.equal(definitionName(model), def, model);
  });

  it('knows the package of (nearly) every client-node model', () => {
    const unknown = Object.keys(allTypes()).filter((m) => !isKnownModel(m));
    assert.ok(unknown.length <= 2, `unmapped models: ${unknown.join(', ')}`);
  });
});

describe('openapiV3Index', () => {
  it('lists one hashed URL per group-version, stable across calls', () => {
    const gvs = [CORE_V1, APPS_V1, DISCOVERY_V1];
    const index = openapiV3Index(gvs) as { paths: Record<string, { serverRelativeURL: string }> };
    assert.deepEqual(Object.keys(index.paths), ['api/v1', 'apis/apps/v1', 'apis/discovery.k8s.io/v1']);
    assert.match(index.paths['api/v1']!.serverRelativeURL, /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    assert.match(index.paths['apis/apps/v1']!.serverRelativeURL, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    assert.deepEqual(openapiV3Index(gvs), index);
    assert.notEqual(index.paths['api/v1']!.serverRelativeURL.split('=')[1], index.paths['apis/apps/v1']!.serverRelativeURL.split('=')[1]);
  });

  it('changes the hash when the served resources change, and the hash matches the JSON served', () => {
    const fewer: GroupVersionInfo = { ...APPS_V1, resources: APPS_V1.resources.slice(0, 1) };
    assert.notEqual(openapiV3Serialized(fewer).hash, openapiV3Serialized(APPS_V1).hash);
    const s = openapiV3Serialized(APPS_V1);
    assert.deepEqual(JSON.parse(s.json), s.doc);
    assert.equal(openapiV3Document(APPS_V1), s.doc);
  });

  it('finds the group-version a document path names', () => {
    const gvs = [CORE_V1, APPS_V1];
    assert.equal(findOpenapiV3GroupVersion(gvs, '/openapi/v3/api/v1'), CORE_V1);
    assert.equal(findOpenapiV3GroupVersion(gvs, 'apis/apps/v1'), APPS_V1);
    assert.equal(findOpenapiV3GroupVersion(gvs, '/openapi/v3/apis/batch/v1'), undefined);
  });
});

describe('openapiV3Document for v1', () => {
  const doc = openapiV3Document(CORE_V1);

  it('is an OpenAPI 3.0 document whose every $ref resolves', () => {
    assert.equal(at(doc, 'openapi'), '3.0.0');
    assert.equal(at(doc, 'info', 'title'), 'Kubernetes');
    const schemas = at(doc, 'components', 'schemas');
    const missing = allRefs(doc).filter((r) => !schemas[r.replace('#/components/schemas/', '')]);
    assert.deepEqual([...new Set(missing)], []);
  });

  it('has the collection, item, all-namespaces and watch paths of pods with actions and GVKs', () => {
    const gvk = { group: '', kind: 'Pod', version: 'v1' };
    const collection = at(doc, 'paths', '/api/v1/namespaces/{namespace}/pods');
    assert.deepEqual(Object.keys(collection).sort(), ['delete', 'get', 'parameters', 'post']);
    assert.equal(at(collection, 'get', 'x-kubernetes-action'), 'list');
    assert.equal(at(collection, 'get', 'operationId'), 'listCoreV1NamespacedPod');
    assert.equal(at(collection, 'delete', 'x-kubernetes-action'), 'deletecollection');
    assert.equal(at(collection, 'post', 'x-kubernetes-action'), 'post');
    assert.deepEqual(at(collection, 'post', 'x-kubernetes-group-version-kind'), gvk);
    assert.deepEqual(at(collection, 'post', 'tags'), ['core_v1']);
    assert.deepEqual(paramNames(at(collection, 'get')), ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch']);
    const item = at(doc, 'paths', '/api/v1/namespaces/{namespace}/pods/{name}');
    assert.deepEqual(Object.keys(item).sort(), ['delete', 'get', 'parameters', 'patch', 'put']);
    assert.deepEqual(paramNames(item), ['name', 'namespace', 'pretty']);
    assert.equal(at(item, 'parameters', 0, 'description'), 'name of the Pod');
    assert.equal(at(item, 'patch', 'operationId'), 'patchCoreV1NamespacedPod');
    assert.equal(at(item, 'put', 'x-kubernetes-action'), 'put');
    assert.equal(at(doc, 'paths', '/api/v1/pods', 'get', 'operationId'), 'listCoreV1PodForAllNamespaces');
    assert.equal(at(doc, 'paths', '/api/v1/watch/namespaces/{namespace}/pods', 'get', 'x-kubernetes-action'), 'watchlist');
    assert.equal(at(doc, 'paths', '/api/v1/watch/namespaces/{namespace}/pods/{name}', 'get', 'x-kubernetes-action'), 'watch');
    assert.equal(at(doc, 'paths', '/api/v1/namespaces/{namespace}/pods/{name}/status', 'get', 'operationId'), 'readCoreV1NamespacedPodStatus');
    assert.equal(at(doc, 'paths', '/api/v1/namespaces/{namespace}/pods/{name}/log', 'get', 'operationId'), 'readCoreV1NamespacedPodLog');
    assert.equal(at(doc, 'paths', '/api/v1/namespaces/{namespace}/pods/{name}/exec', 'post', 'x-kubernetes-action'), 'connect');
    assert.deepEqual(at(doc, 'paths', '/api/v1/namespaces/{namespace}/pods/{name}/eviction', 'post', 'x-kubernetes-group-version-kind'), { group: 'policy', kind: 'Eviction', version: 'v1' });
    assert.equal(at(doc, 'paths', '/api/v1/nodes/{name}', 'get', 'operationId'), 'readCoreV1Node');
    assert.equal(at(doc, 'paths', '/api/v1/namespaces/{name}/finalize', 'put', 'operationId'), 'replaceCoreV1NamespaceFinalize');
  });

  it('puts dryRun, fieldManager and fieldValidation on writes and four patch content types on patch', () => {
    const post = at(doc, 'paths', '/api/v1/namespaces/{namespace}/pods', 'post');
    assert.deepEqual(paramNames(post), ['dryRun', 'fieldManager', 'fieldValidation']);
    assert.deepEqual(at(post, 'requestBody'), { content: { '*/*': { schema: ref('io.k8s.api.core.v1.Pod') } }, required: true });
    assert.deepEqual(Object.keys(at(post, 'responses')), ['200', '201', '202', '401']);
    const patch = at(doc, 'paths', '/api/v1/namespaces/{namespace}/pods/{name}', 'patch');
    assert.deepEqual(paramNames(patch), ['dryRun', 'fieldManager', 'fieldValidation', 'force']);
    assert.deepEqual(Object.keys(at(patch, 'requestBody', 'content')), [
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
    ]);
    assert.deepEqual(at(patch, 'requestBody', 'content', 'application/merge-patch+json', 'schema'), ref('io.k8s.apimachinery.pkg.apis.meta.v1.Patch'));
    assert.deepEqual(at(patch, 'responses', '200', 'content', 'application/json', 'schema'), ref('io.k8s.api.core.v1.Pod'));
    assert.match(String(at(patch, 'parameters', 2, 'description')), /unknown or duplicate fields/);
  });

  it('offers fieldValidation on every PATCH of a served kind (what kubectl --validate=strict checks)', () => {
    for (const [path, item] of Object.entries(at(doc, 'paths'))) {
      const patch = (item as JsonObject).patch as JsonObject | undefined;
      if (!patch || patch['x-kubernetes-action'] === 'connect') continue;
      assert.ok(paramNames(patch).includes('fieldValidation'), path);
    }
  });

  it('names and shapes the component schemas as upstream does', () => {
    assert.deepEqual(at(schemaOf(doc, 'io.k8s.api.core.v1.Pod'), 'x-kubernetes-group-version-kind'), [{ group: '', kind: 'Pod', version: 'v1' }]);
    assert.deepEqual(at(schemaOf(doc, 'io.k8s.api.core.v1.PodList'), 'x-kubernetes-group-version-kind'), [{ group: '', kind: 'PodList', version: 'v1' }]);
    assert.deepEqual(at(schemaOf(doc, 'io.k8s.api.core.v1.PodList'), 'required'), ['items']);
    assert.deepEqual(described(at(schemaOf(doc, 'io.k8s.api.core.v1.Pod'), 'properties', 'metadata'), /^Standard object's metadata\./), {
      allOf: [ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')],
      default: {},
    });
    assert.deepEqual(described(at(schemaOf(doc, 'io.k8s.api.core.v1.Pod'), 'properties', 'spec'), /^Specification of the desired behavior of the pod\./), {
      allOf: [ref('io.k8s.api.core.v1.PodSpec')],
      default: {},
    });
    const intOrString = schemaOf(doc, 'io.k8s.apimachinery.pkg.util.intstr.IntOrString');
    assert.equal(intOrString.format, 'int-or-string');
    assert.deepEqual(intOrString.oneOf, [{ type: 'integer' }, { type: 'string' }]);
    assert.deepEqual(schemaOf(doc, 'io.k8s.apimachinery.pkg.api.resource.Quantity').oneOf, [{ type: 'string' }, { type: 'number' }]);
    assert.match(String(schemaOf(doc, 'io.k8s.apimachinery.pkg.api.resource.Quantity').description), /resource amount/);
    const time = schemaOf(doc, 'io.k8s.apimachinery.pkg.apis.meta.v1.Time');
    assert.equal(time.type, 'string');
    assert.equal(time.format, 'date-time');
    assert.equal(schemaOf(doc, 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime').format, 'date-time');
    assert.deepEqual(at(schemaOf(doc, 'io.k8s.api.core.v1.Event'), 'properties', 'eventTime', 'allOf'), [ref('io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime')]);
    assert.equal(schemaOf(doc, 'io.k8s.api.core.v1.ObjectReference')['x-kubernetes-map-type'], 'atomic');
    assert.deepEqual(schemaOf(doc, 'io.k8s.apimachinery.pkg.apis.meta.v1.Status')['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Status', version: 'v1' }]);
  });

  it('carries the list and patch extensions, enums, formats and defaults of fields', () => {
    const podSpec = at(schemaOf(doc, 'io.k8s.api.core.v1.PodSpec'), 'properties');
    assert.deepEqual(
      { ...at(podSpec, 'containers'), description: undefined },
      {
        description: undefined,
        items: { allOf: [ref('io.k8s.api.core.v1.Container')], default: {} },
        type: 'array',
        'x-kubernetes-list-map-keys': ['name'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'name',
        'x-kubernetes-patch-strategy': 'merge',
      },
    );
    assert.equal(at(podSpec, 'volumes', 'x-kubernetes-patch-strategy'), 'merge,retainKeys');
    assert.equal(at(podSpec, 'tolerations', 'x-kubernetes-list-type'), 'atomic');
    assert.equal(at(podSpec, 'tolerations')['x-kubernetes-patch-strategy'], undefined);
    const container = at(schemaOf(doc, 'io.k8s.api.core.v1.Container'), 'properties');
    assert.deepEqual(at(container, 'ports', 'x-kubernetes-list-map-keys'), ['containerPort', 'protocol']);
    assert.equal(at(container, 'ports', 'x-kubernetes-patch-merge-key'), 'containerPort');
    assert.equal(at(container, 'env', 'x-kubernetes-patch-merge-key'), 'name');
    assert.equal(at(container, 'volumeMounts', 'x-kubernetes-patch-merge-key'), 'mountPath');
    assert.deepEqual(at(container, 'imagePullPolicy', 'enum'), ['Always', 'IfNotPresent', 'Never']);
    assert.equal(at(container, 'name', 'default'), '');
    assert.deepEqual(described(at(container, 'livenessProbe'), /^Periodic probe of container liveness\./), { allOf: [ref('io.k8s.api.core.v1.Probe')] }, 'a ref wrapped in allOf beside its field text');
    assert.deepEqual(described(at(schemaOf(doc, 'io.k8s.api.core.v1.Probe'), 'properties', 'exec'), /^Exec specifies/), { allOf: [ref('io.k8s.api.core.v1.ExecAction')] });
    assert.deepEqual(at(container, 'args', 'items'), { default: '', type: 'string' });
    const port = at(schemaOf(doc, 'io.k8s.api.core.v1.ContainerPort'), 'properties');
    assert.deepEqual(at(port, 'containerPort'), { default: 0, description: at(port, 'containerPort', 'description'), format: 'int32', type: 'integer' });
    assert.equal(at(port, 'protocol', 'default'), 'TCP');
    const limits = at(schemaOf(doc, 'io.k8s.api.core.v1.ResourceRequirements'), 'properties', 'limits');
    assert.deepEqual(limits.additionalProperties, ref('io.k8s.apimachinery.pkg.api.resource.Quantity'));
    const httpGet = at(schemaOf(doc, 'io.k8s.api.core.v1.HTTPGetAction'), 'properties', 'port');
    assert.deepEqual(httpGet.allOf, [ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString')]);
    const meta = at(schemaOf(doc, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'), 'properties');
    assert.deepEqual(at(meta, 'labels', 'additionalProperties'), { default: '', type: 'string' });
    assert.equal(at(meta, 'finalizers', 'x-kubernetes-list-type'), 'set');
    assert.equal(at(meta, 'ownerReferences', 'x-kubernetes-patch-merge-key'), 'uid');
    assert.deepEqual(at(meta, 'creationTimestamp', 'allOf'), [ref('io.k8s.apimachinery.pkg.apis.meta.v1.Time')]);
    assert.deepEqual(at(schemaOf(doc, 'io.k8s.api.core.v1.Secret'), 'properties', 'data', 'additionalProperties'), { format: 'byte', type: 'string' });
  });
});

describe('openapiV3Document for apps/v1', () => {
  const doc = openapiV3Document(APPS_V1);

  it('has deployments with the scale subresource as autoscaling/v1 Scale', () => {
    const scale = at(doc, 'paths', '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale');
    assert.equal(at(scale, 'patch', 'operationId'), 'patchAppsV1NamespacedDeploymentScale');
    assert.deepEqual(at(scale, 'patch', 'x-kubernetes-group-version-kind'), { group: 'autoscaling', kind: 'Scale', version: 'v1' });
    assert.ok(paramNames(at(scale, 'patch')).includes('fieldValidation'));
    assert.deepEqual(at(scale, 'get', 'responses', '200', 'content', 'application/json', 'schema'), ref('io.k8s.api.autoscaling.v1.Scale'));
    assert.deepEqual(schemaOf(doc, 'io.k8s.api.autoscaling.v1.Scale')['x-kubernetes-group-version-kind'], [{ group: 'autoscaling', kind: 'Scale', version: 'v1' }]);
    assert.deepEqual(at(doc, 'paths', '/apis/apps/v1/namespaces/{namespace}/deployments', 'post', 'tags'), ['apps_v1']);
    assert.equal(at(doc, 'paths', '/apis/apps/v1/deployments', 'get', 'operationId'), 'listAppsV1DeploymentForAllNamespaces');
  });

  it('describes Deployment and its spec with core types referenced by their core names', () => {
    assert.deepEqual(schemaOf(doc, 'io.k8s.api.apps.v1.Deployment')['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    const spec = at(schemaOf(doc, 'io.k8s.api.apps.v1.DeploymentSpec'), 'properties');
    assert.deepEqual(at(spec, 'template', 'allOf'), [ref('io.k8s.api.core.v1.PodTemplateSpec')]);
    assert.deepEqual(described(at(spec, 'selector'), /^Label selector for pods\./), { allOf: [ref('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector')] });
    assert.deepEqual(at(spec, 'strategy', 'x-kubernetes-patch-strategy'), 'retainKeys');
    assert.deepEqual(at(schemaOf(doc, 'io.k8s.api.apps.v1.DeploymentStrategy'), 'properties', 'type', 'enum'), ['Recreate', 'RollingUpdate']);
    assert.deepEqual(at(schemaOf(doc, 'io.k8s.api.apps.v1.ControllerRevision'), 'properties', 'data', 'allOf'), [ref('io.k8s.apimachinery.pkg.runtime.RawExtension')]);
    assert.ok(schemaOf(doc, 'io.k8s.api.core.v1.Container'));
    assert.equal(schemaOf(doc, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector')['x-kubernetes-map-type'], 'atomic');
    const schemas = at(doc, 'components', 'schemas');
    assert.deepEqual(allRefs(doc).filter((r) => !schemas[r.replace('#/components/schemas/', '')]), []);
    assert.equal(schemas['io.k8s.api.core.v1.Pod'], undefined, 'only what apps/v1 refers to');
  });
});

describe('openapiV3Document for discovery.k8s.io/v1', () => {
  const doc = openapiV3Document(DISCOVERY_V1);

  it('has EndpointSlice with its group-qualified names', () => {
    assert.equal(at(doc, 'paths', '/apis/discovery.k8s.io/v1/namespaces/{namespace}/endpointslices', 'get', 'operationId'), 'listDiscoveryV1NamespacedEndpointSlice');
    assert.deepEqual(at(doc, 'paths', '/apis/discovery.k8s.io/v1/namespaces/{namespace}/endpointslices', 'get', 'tags'), ['discovery_v1']);
    const slice = schemaOf(doc, 'io.k8s.api.discovery.v1.EndpointSlice');
    assert.deepEqual(slice['x-kubernetes-group-version-kind'], [{ group: 'discovery.k8s.io', kind: 'EndpointSlice', version: 'v1' }]);
    assert.deepEqual(slice.required, ['addressType', 'endpoints']);
    assert.equal(at(slice, 'properties', 'addressType', 'default'), '');
    assert.deepEqual(at(slice, 'properties', 'ports', 'items', 'allOf'), [ref('io.k8s.api.discovery.v1.EndpointPort')]);
    assert.equal(schemaOf(doc, 'io.k8s.api.discovery.v1.EndpointPort')['x-kubernetes-map-type'], 'atomic');
    const endpoint = at(schemaOf(doc, 'io.k8s.api.discovery.v1.Endpoint'), 'properties');
    assert.deepEqual(described(at(endpoint, 'conditions'), /^conditions contains/), { allOf: [ref('io.k8s.api.discovery.v1.EndpointConditions')], default: {} });
    assert.deepEqual(described(at(endpoint, 'targetRef'), /^targetRef is a reference/), { allOf: [ref('io.k8s.api.core.v1.ObjectReference')] });
    assert.equal(at(endpoint, 'addresses', 'x-kubernetes-list-type'), 'set');
  });
});

describe('openapiV3Document for networking.k8s.io/v1', () => {
  const doc = openapiV3Document(NETWORKING_V1);

  it('has namespaced ingresses and cluster-scoped ingress classes', () => {
    assert.equal(at(doc, 'paths', '/apis/networking.k8s.io/v1/ingressclasses/{name}', 'get', 'operationId'), 'readNetworkingV1IngressClass');
    assert.deepEqual(paramNames(at(doc, 'paths', '/apis/networking.k8s.io/v1/ingressclasses/{name}')), ['name', 'pretty']);
    assert.equal(at(doc, 'paths', '/apis/networking.k8s.io/v1/ingresses', 'get', 'operationId'), 'listNetworkingV1IngressForAllNamespaces');
    assert.equal(at(doc, 'paths', '/apis/networking.k8s.io/v1/namespaces/{namespace}/ingresses/{name}/status', 'patch', 'operationId'), 'patchNetworkingV1NamespacedIngressStatus');
    assert.deepEqual(at(doc, 'paths', '/apis/networking.k8s.io/v1/namespaces/{namespace}/networkpolicies', 'post', 'tags'), ['networking_v1']);
    assert.deepEqual(schemaOf(doc, 'io.k8s.api.networking.v1.Ingress')['x-kubernetes-group-version-kind'], [{ group: 'networking.k8s.io', kind: 'Ingress', version: 'v1' }]);
    assert.deepEqual(described(at(schemaOf(doc, 'io.k8s.api.networking.v1.IngressBackend'), 'properties', 'service'), /^service references a service/), { allOf: [ref('io.k8s.api.networking.v1.IngressServiceBackend')] });
    assert.equal(schemaOf(doc, 'io.k8s.api.networking.v1.ServiceBackendPort')['x-kubernetes-map-type'], 'atomic');
    assert.equal(at(schemaOf(doc, 'io.k8s.api.networking.v1.HTTPIngressPath'), 'properties', 'pathType', 'enum', 0), 'Exact');
    assert.deepEqual(at(schemaOf(doc, 'io.k8s.api.networking.v1.NetworkPolicyPort'), 'properties', 'port', 'allOf'), [ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString')]);
  });
});

describe('openapiV3Document for kinds without a client-node model', () => {
  it('publishes a free-form schema and no strategic merge patch (like a CRD)', () => {
    const doc = openapiV3Document({
      group: 'example.com',
      version: 'v1',
      resources: [{ plural: 'widgets', kind: 'Widget', namespaced: true, subresources: ['status'], verbs: ['get', 'list', 'patch', 'create'] }],
    });
    const widget = schemaOf(doc, 'com.example.v1.Widget');
    assert.equal(widget['x-kubernetes-preserve-unknown-fields'], true);
    assert.deepEqual(widget['x-kubernetes-group-version-kind'], [{ group: 'example.com', kind: 'Widget', version: 'v1' }]);
    const patch = at(doc, 'paths', '/apis/example.com/v1/namespaces/{namespace}/widgets/{name}', 'patch');
    assert.equal(at(patch, 'operationId'), 'patchExampleComV1NamespacedWidget');
    assert.deepEqual(Object.keys(at(patch, 'requestBody', 'content')), ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json']);
    const schemas = at(doc, 'components', 'schemas');
    assert.deepEqual(allRefs(doc).filter((r) => !schemas[r.replace('#/components/schemas/', '')]), []);
  });
});
