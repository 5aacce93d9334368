/**
 * Defaulting of the core/v1 (non-Pod) resources as upstream's pkg/apis/core/v1/defaults.go
 * (Service, Secret, Namespace, Node, Endpoints, PodTemplate), plus the Namespace strategy's
 * create/update preparation (the `kubernetes` finalizer and the Active phase).
 */
import type { Endpoints, Namespace, Node, Secret, Service } from '../../api/types.js';
import type { PodTemplate } from '../validation/core.js';
import { defaultPodTemplateSpec } from './pod.js';

/** Upstream `DefaultClientIPServiceAffinitySeconds`: three hours. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/**
 * `SetDefaults_Service`: type ClusterIP, sessionAffinity None (ClientIP gets a 10800s timeout),
 * port protocol TCP and targetPort = port, externalTrafficPolicy Cluster for externally
 * accessible services, internalTrafficPolicy Cluster, allocateLoadBalancerNodePorts true for
 * LoadBalancers, and ipMode VIP on load balancer ingress IPs. (ipFamilies/ipFamilyPolicy are
 * set by `initServiceIPFamilies`, as upstream does at allocation time.)
 */
export function defaultService(svc: Service): void {
  const s = (svc.spec ??= {});
  if (!s.sessionAffinity) s.sessionAffinity = 'None';
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
  if (s.sessionAffinity === 'ClientIP') {
    const t = s.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (t === undefined || t === null) {
      s.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
    }
  }
  if (!s.type) s.type = 'ClusterIP';
  for (const p of s.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const external = s.type === 'LoadBalancer' || s.type === 'NodePort' || (s.type === 'ClusterIP' && (s.externalIPs ?? []).length > 0);
  if (external && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if ((s.internalTrafficPolicy === undefined || s.internalTrafficPolicy === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(s.type)) {
    s.internalTrafficPolicy = 'Cluster';
  }
  if (s.type === 'LoadBalancer') {
    if (s.allocateLoadBalancerNodePorts === undefined || s.allocateLoadBalancerNodePorts === null) s.allocateLoadBalancerNodePorts = true;
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
      if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
    }
  }
}

/**
 * `SetDefaults_Secret` (type Opaque) plus the v1→internal conversion's merge of `stringData`
 * into `data` (base64-encoded, overriding same-named keys; stringData is never stored).
 */
export function defaultSecret(secret: Secret): void {
  if (!secret.type) secret.type = 'Opaque';
  if (secret.stringData) {
    const data = (secret.data ??= {});
    for (const [k, v] of Object.entries(secret.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    delete secret.stringData;
  }
}

/** `SetDefaults_Namespace` (label `kubernetes.io/metadata.name`) and `SetDefaults_NamespaceStatus` (phase Active). */
export function defaultNamespace(ns: Namespace): void {
  const name = ns.metadata?.name;
  if (name) {
    const labels = (ns.metadata!.labels ??= {});
    labels['kubernetes.io/metadata.name'] = name;
  }
  const status = (ns.status ??= {});
  if (!status.phase) status.phase = 'Active';
}

/** Namespace strategy `PrepareForCreate`: status Active and the `kubernetes` finalizer present. */
export function prepareNamespaceForCreate(ns: Namespace): void {
  ns.status = { phase: 'Active' };
  const spec = (ns.spec ??= {});
  const finalizers = spec.finalizers ?? [];
  if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
}

/** Namespace strategy `PrepareForUpdate`: spec.finalizers and status only change via /finalize and /status. */
export function prepareNamespaceForUpdate(ns: Namespace, old: Namespace): void {
  const spec = (ns.spec ??= {});
  if (old.spec?.finalizers) spec.finalizers = old.spec.finalizers;
  else delete spec.finalizers;
  if (old.status) ns.status = old.status;
  else delete ns.status;
}

/** `SetDefaults_NodeStatus`: allocatable defaults to capacity. */
export function defaultNode(node: Node): void {
  const status = node.status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}

/** `SetDefaults_Endpoints`: port protocol TCP. */
export function defaultEndpoints(ep: Endpoints): void {
  for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
}

/** PodTemplate: the pod template defaults under `template`. */
export function defaultPodTemplate(pt: PodTemplate): void {
  defaultPodTemplateSpec((pt.template ??= {}));
}
