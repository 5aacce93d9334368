/**
 * Defaulting of networking.k8s.io/v1 objects as upstream's pkg/apis/networking/v1/defaults.go:
 * IngressClass parameters default to Cluster scope. (Ingress has no defaults.)
 */
import type { Ingress, IngressClass } from '../../api/types.js';

/** `SetDefaults_IngressClass`: `spec.parameters.scope` defaults to Cluster. */
export function defaultIngressClass(ic: IngressClass): void {
  const params = ic.spec?.parameters;
  if (params && !params.scope) params.scope = 'Cluster';
}

/** Ingress has no upstream defaults; kept so every resource has a defaulter. */
export function defaultIngress(_ing: Ingress): void {}
