/**
 * Which apiVersion/kind pairs a protobuf request body may carry, and the message each one decodes as.
 */

interface GroupVersionKinds {
  /** Namespace of the messages in the schema tables. */
  ns: string;
  kinds: readonly string[];
}

const GROUP_VERSIONS: Readonly<Record<string, GroupVersionKinds>> = {
  v1: {
    ns: 'core.v1',
    kinds: [
      'Binding', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node', 'PersistentVolume',
      'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret',
      'Service', 'ServiceAccount',
    ],
  },
  'apps/v1': { ns: 'apps.v1', kinds: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'] },
  'batch/v1': { ns: 'batch.v1', kinds: ['CronJob', 'Job'] },
  'networking.k8s.io/v1': { ns: 'networking.v1', kinds: ['Ingress', 'IngressClass', 'NetworkPolicy'] },
  'discovery.k8s.io/v1': { ns: 'discovery.v1', kinds: ['EndpointSlice'] },
  'coordination.k8s.io/v1': { ns: 'coordination.v1', kinds: ['Lease'] },
  'events.k8s.io/v1': { ns: 'events.v1', kinds: ['Event'] },
  'policy/v1': { ns: 'policy.v1', kinds: ['Eviction', 'PodDisruptionBudget'] },
  // v1beta1 Eviction has the same wire shape as v1 (metadata=1, deleteOptions=2); older drains may send it.
  'policy/v1beta1': { ns: 'policy.v1', kinds: ['Eviction'] },
  'autoscaling/v1': { ns: 'autoscaling.v1', kinds: ['HorizontalPodAutoscaler', 'Scale'] },
  'autoscaling/v2': { ns: 'autoscaling.v2', kinds: ['HorizontalPodAutoscaler'] },
  'rbac.authorization.k8s.io/v1': { ns: 'rbac.v1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'] },
  'scheduling.k8s.io/v1': { ns: 'scheduling.v1', kinds: ['PriorityClass'] },
  'authentication.k8s.io/v1': { ns: 'authentication.v1', kinds: ['SelfSubjectReview', 'TokenRequest', 'TokenReview'] },
  'authorization.k8s.io/v1': {
    ns: 'authorization.v1',
    kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  },
  'certificates.k8s.io/v1': { ns: 'certificates.v1', kinds: ['CertificateSigningRequest'] },
};

/** Group versions whose clients may send DeleteOptions under their own apiVersion, besides these. */
const DELETE_OPTIONS_VERSIONS = new Set(['meta.k8s.io/v1', ...Object.keys(GROUP_VERSIONS)]);

/**
 * The fully qualified schema message for an apiVersion/kind (e.g. `apps/v1`, `Deployment` →
 * `apps.v1.Deployment`), or undefined when protobuf bodies of that kind are not supported.
 */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  if (kind === 'DeleteOptions') return DELETE_OPTIONS_VERSIONS.has(apiVersion) ? 'meta.v1.DeleteOptions' : undefined;
  const gv = Object.prototype.hasOwnProperty.call(GROUP_VERSIONS, apiVersion) ? GROUP_VERSIONS[apiVersion] : undefined;
  return gv?.kinds.includes(kind) ? `${gv.ns}.${kind}` : undefined;
}

/** Every supported kind, grouped by apiVersion, for error messages and documentation. */
export function supportedKinds(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [gv, { kinds }] of Object.entries(GROUP_VERSIONS)) out[gv] = [...kinds];
  out['meta.k8s.io/v1'] = ['DeleteOptions'];
  return out;
}

/** One-line summary of the supported kinds: `v1: Binding, ConfigMap, ...; apps/v1: ...`. */
export function supportedKindsText(): string {
  return Object.entries(supportedKinds())
    .map(([gv, kinds]) => `${gv}: ${kinds.join(', ')}`)
    .join('; ');
}
