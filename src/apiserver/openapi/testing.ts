/**
 * Test fixtures for the OpenAPI tests: served group-versions shaped like kube-apiserver's, and a
 * helper that lists every `$ref` of a document. Not used by the server.
 */
import type { GroupVersionInfo, JsonObject } from './types.js';

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const CORE_V1: GroupVersionInfo = {
  group: '',
  version: 'v1',
  resources: [
    { plural: 'pods', kind: 'Pod', namespaced: true, subresources: ['status', 'log', 'exec', 'attach', 'portforward', 'proxy', 'binding', 'eviction', 'ephemeralcontainers'], verbs: ALL },
    { plural: 'services', kind: 'Service', namespaced: true, subresources: ['status', 'proxy'], verbs: ALL },
    { plural: 'configmaps', kind: 'ConfigMap', namespaced: true, subresources: [], verbs: ALL },
    { plural: 'secrets', kind: 'Secret', namespaced: true, subresources: [], verbs: ALL },
    { plural: 'namespaces', kind: 'Namespace', namespaced: false, subresources: ['status', 'finalize'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
    { plural: 'nodes', kind: 'Node', namespaced: false, subresources: ['status', 'proxy'], verbs: ALL },
    { plural: 'events', kind: 'Event', namespaced: true, subresources: [], verbs: ALL },
    { plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, subresources: ['token'], verbs: ALL },
    { plural: 'endpoints', kind: 'Endpoints', namespaced: true, subresources: [], verbs: ALL },
    { plural: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', namespaced: true, subresources: ['status'], verbs: ALL },
  ],
};

export const APPS_V1: GroupVersionInfo = {
  group: 'apps',
  version: 'v1',
  resources: [
    { plural: 'deployments', kind: 'Deployment', namespaced: true, subresources: ['status', 'scale'], verbs: ALL },
    { plural: 'replicasets', kind: 'ReplicaSet', namespaced: true, subresources: ['status', 'scale'], verbs: ALL },
    { plural: 'statefulsets', kind: 'StatefulSet', namespaced: true, subresources: ['status', 'scale'], verbs: ALL },
    { plural: 'daemonsets', kind: 'DaemonSet', namespaced: true, subresources: ['status'], verbs: ALL },
    { plural: 'controllerrevisions', kind: 'ControllerRevision', namespaced: true, subresources: [], verbs: ALL },
  ],
};

export const DISCOVERY_V1: GroupVersionInfo = {
  group: 'discovery.k8s.io',
  version: 'v1',
  resources: [{ plural: 'endpointslices', kind: 'EndpointSlice', namespaced: true, subresources: [], verbs: ALL }],
};

export const NETWORKING_V1: GroupVersionInfo = {
  group: 'networking.k8s.io',
  version: 'v1',
  resources: [
    { plural: 'ingresses', kind: 'Ingress', namespaced: true, subresources: ['status'], verbs: ALL },
    { plural: 'ingressclasses', kind: 'IngressClass', namespaced: false, subresources: [], verbs: ALL },
    { plural: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true, subresources: [], verbs: ALL },
  ],
};

/** Every `$ref` value anywhere in a document. */
export function allRefs(doc: unknown, out: string[] = []): string[] {
  if (Array.isArray(doc)) {
    for (const v of doc) allRefs(v, out);
  } else if (doc && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc as JsonObject)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else allRefs(v, out);
    }
  }
  return out;
}
