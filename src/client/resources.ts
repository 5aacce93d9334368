/**
 * The resources components talk about, as (group, version, plural, namespaced) references.
 */
export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

const r = (group: string, version: string, plural: string, kind: string, namespaced = true): ResourceRef => ({ group, version, plural, kind, namespaced });

export const R = {
  pods: r('', 'v1', 'pods', 'Pod'),
  services: r('', 'v1', 'services', 'Service'),
  endpoints: r('', 'v1', 'endpoints', 'Endpoints'),
  namespaces: r('', 'v1', 'namespaces', 'Namespace', false),
  nodes: r('', 'v1', 'nodes', 'Node', false),
  configmaps: r('', 'v1', 'configmaps', 'ConfigMap'),
  secrets: r('', 'v1', 'secrets', 'Secret'),
  serviceaccounts: r('', 'v1', 'serviceaccounts', 'ServiceAccount'),
  events: r('', 'v1', 'events', 'Event'),
  deployments: r('apps', 'v1', 'deployments', 'Deployment'),
  replicasets: r('apps', 'v1', 'replicasets', 'ReplicaSet'),
  statefulsets: r('apps', 'v1', 'statefulsets', 'StatefulSet'),
  daemonsets: r('apps', 'v1', 'daemonsets', 'DaemonSet'),
  jobs: r('batch', 'v1', 'jobs', 'Job'),
  endpointslices: r('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice'),
  ingresses: r('networking.k8s.io', 'v1', 'ingresses', 'Ingress'),
  ingressclasses: r('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false),
  leases: r('coordination.k8s.io', 'v1', 'leases', 'Lease'),
} as const;

export function apiVersion(ref: ResourceRef): string {
  return ref.group ? `${ref.group}/${ref.version}` : ref.version;
}

/** The URL path of a collection or object. */
export function resourcePath(ref: ResourceRef, namespace?: string, name?: string, subresource?: string): string {
  let p = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  if (ref.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${ref.plural}`;
  if (name) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}
