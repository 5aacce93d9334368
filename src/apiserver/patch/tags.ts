/**
 * Strategic-merge metadata of the built-in types: the `patchStrategy` / `patchMergeKey` Go struct
 * tags of k8s.io/api (v0.34, matching the client-node models the schema is built from) and
 * k8s.io/apimachinery meta/v1 and kube-aggregator, keyed by client-node model name and JSON field,
 * plus the walk over the type graph that finds a field's type.
 */
import { fieldType, typeSchema, type TypeRef } from '../../api/schema.js';
import { goError } from './errors.js';

/** The strategy and merge key of one field (upstream `PatchMeta`). */
export interface PatchMeta {
  /** The comma-separated `patchStrategy` tag, split (`['merge', 'retainKeys']`); empty when untagged. */
  strategies: string[];
  /** The `patchMergeKey` tag; empty for primitive lists and untagged fields. */
  mergeKey: string;
}

/** The schema of a value while walking: a type reference, or undefined when unknown (free-form). */
export type Schema = TypeRef | undefined;

const NO_META: PatchMeta = { strategies: [], mergeKey: '' };

/** `'strategy[:mergeKey]'` per model and field. Models absent from client-node are left out. */
const TAGS: Record<string, Record<string, string>> = {
  // k8s.io/apimachinery/pkg/apis/meta/v1
  V1ObjectMeta: { ownerReferences: 'merge:uid', finalizers: 'merge' },
  // core/v1
  V1PodSpec: {
    volumes: 'merge,retainKeys:name',
    initContainers: 'merge:name',
    containers: 'merge:name',
    ephemeralContainers: 'merge:name',
    imagePullSecrets: 'merge:name',
    hostAliases: 'merge:ip',
    topologySpreadConstraints: 'merge:topologyKey',
    schedulingGates: 'merge:name',
    resourceClaims: 'merge,retainKeys:name',
  },
  V1Container: { ports: 'merge:containerPort', env: 'merge:name', volumeMounts: 'merge:mountPath', volumeDevices: 'merge:devicePath' },
  V1EphemeralContainer: { ports: 'merge:containerPort', env: 'merge:name', volumeMounts: 'merge:mountPath', volumeDevices: 'merge:devicePath' },
  V1ContainerStatus: { volumeMounts: 'merge:mountPath', allocatedResourcesStatus: 'merge:name' },
  V1PodStatus: { conditions: 'merge:type', hostIPs: 'merge:ip', podIPs: 'merge:ip', resourceClaimStatuses: 'merge,retainKeys:name' },
  V1PersistentVolumeClaimStatus: { conditions: 'merge:type' },
  V1ReplicationControllerStatus: { conditions: 'merge:type' },
  V1ServiceSpec: { ports: 'merge:port' },
  V1ServiceStatus: { conditions: 'merge:type' },
  V1ServiceAccount: { secrets: 'merge:name' },
  V1NodeSpec: { podCIDRs: 'merge' },
  V1NodeStatus: { conditions: 'merge:type', addresses: 'merge:type' },
  V1NamespaceStatus: { conditions: 'merge:type' },
  V1ComponentStatus: { conditions: 'merge:type' },
  // apps/v1
  V1DeploymentSpec: { strategy: 'retainKeys' },
  V1DeploymentStatus: { conditions: 'merge:type' },
  V1StatefulSetStatus: { conditions: 'merge:type' },
  V1DaemonSetStatus: { conditions: 'merge:type' },
  V1ReplicaSetStatus: { conditions: 'merge:type' },
  // batch, autoscaling, policy
  V1JobStatus: { conditions: 'merge:type' },
  V2HorizontalPodAutoscalerStatus: { conditions: 'merge:type' },
  V1PodDisruptionBudgetSpec: { selector: 'replace' },
  V1PodDisruptionBudgetStatus: { conditions: 'merge:type' },
  // admissionregistration
  V1ValidatingAdmissionPolicySpec: { matchConditions: 'merge:name', variables: 'merge:name' },
  V1ValidatingWebhookConfiguration: { webhooks: 'merge:name' },
  V1MutatingWebhookConfiguration: { webhooks: 'merge:name' },
  V1ValidatingWebhook: { matchConditions: 'merge:name' },
  V1MutatingWebhook: { matchConditions: 'merge:name' },
  V1alpha1MutatingAdmissionPolicySpec: { matchConditions: 'merge:name' },
  V1beta1MutatingAdmissionPolicySpec: { matchConditions: 'merge:name' },
  // flowcontrol, networking, storage, resource, certificates, storagemigration, apiregistration
  V1FlowSchemaStatus: { conditions: 'merge:type' },
  V1PriorityLevelConfigurationStatus: { conditions: 'merge:type' },
  V1ServiceCIDRStatus: { conditions: 'merge:type' },
  V1beta1ServiceCIDRStatus: { conditions: 'merge:type' },
  V1CSINodeSpec: { drivers: 'merge:name' },
  V1ResourceClaimStatus: { reservedFor: 'merge:uid' },
  V1beta1ResourceClaimStatus: { reservedFor: 'merge:uid' },
  V1beta2ResourceClaimStatus: { reservedFor: 'merge:uid' },
  V1alpha1PodCertificateRequestStatus: { conditions: 'merge:type' },
  V1alpha1StorageVersionMigrationStatus: { conditions: 'merge:type' },
  V1alpha1StorageVersionMigrationList: { items: 'merge:type' },
  V1APIServiceStatus: { conditions: 'merge:type' },
};

/** The tag table as data: model → field → raw tag (exported for tests and the managed-fields walker). */
export function taggedFields(): Readonly<Record<string, Readonly<Record<string, string>>>> {
  return TAGS;
}

/** The strategic-merge metadata of `field` in model `model` (empty when untagged). */
export function patchMetaOf(model: string, field: string): PatchMeta {
  const raw = TAGS[model]?.[field];
  if (!raw) return NO_META;
  const [strategy, mergeKey = ''] = raw.split(':') as [string, string?];
  return { strategies: strategy.split(','), mergeKey };
}

/** True when `typeName` is a model of the type graph (so strategic merge applies to it). */
export function isKnownType(typeName: string): boolean {
  return typeSchema(typeName) !== undefined;
}

function resolve(t: TypeRef | undefined): Schema {
  if (!t) return undefined;
  if (t.kind === 'primitive' && t.name === 'any') return undefined;
  if (t.kind === 'object' && !typeSchema(t.name)) return undefined;
  return t;
}

/** Go's reflect Kind name of a schema, as upstream's messages print it. */
export function kindName(s: Schema): string {
  if (!s) return 'interface';
  if (s.kind === 'object') return 'struct';
  if (s.kind === 'array') return 'slice';
  if (s.kind === 'map') return 'map';
  return s.name === 'boolean' ? 'bool' : s.name === 'number' ? 'int64' : 'string';
}

/**
 * Upstream `LookupPatchMetadataForStruct`: the type and patch metadata of `key` inside `schema`.
 * Unknown fields and free-form values yield an undefined schema (merged without strategy) rather
 * than upstream's error, since stored objects here may carry fields the schema lacks.
 */
export function lookupStruct(schema: Schema, key: string): { sub: Schema; meta: PatchMeta } {
  if (schema?.kind === 'object') {
    // The type graph is fixed: a field's type and patch tags are looked up once.
    let fields = structFields.get(schema.name);
    if (!fields) structFields.set(schema.name, (fields = new Map()));
    let found = fields.get(key);
    if (!found) fields.set(key, (found = { sub: resolve(fieldType(schema.name, key)), meta: patchMetaOf(schema.name, key) }));
    return found;
  }
  if (schema?.kind === 'map') return { sub: resolve(schema.values), meta: NO_META };
  return { sub: undefined, meta: NO_META };
}

const structFields = new Map<string, Map<string, { sub: Schema; meta: PatchMeta }>>();

/** Upstream `LookupPatchMetadataForSlice`: like lookupStruct, but yields the list's element type. */
export function lookupSlice(schema: Schema, key: string): { sub: Schema; meta: PatchMeta } {
  const { sub, meta } = lookupStruct(schema, key);
  if (!sub) return { sub, meta };
  if (sub.kind === 'array') {
    if (sub.items.kind === 'array') throw goError('unexpected slice of slice');
    return { sub: resolve(sub.items), meta };
  }
  throw goError(`expected slice or array type, but got: ${kindName(schema)}`);
}

/** Upstream `extractRetainKeysPatchStrategy`: the strategy other than `retainKeys` ('' if none). */
export function otherStrategy(strategies: string[]): string {
  if (strategies.length <= 1) return strategies[0] === 'retainKeys' ? '' : (strategies[0] ?? '');
  if (strategies.length === 2) {
    if (strategies[0] === 'retainKeys') return strategies[1]!;
    if (strategies[1] === 'retainKeys') return strategies[0]!;
  }
  throw goError(`unexpected patch strategy: [${strategies.join(' ')}]`);
}
