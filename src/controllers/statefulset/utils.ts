/**
 * StatefulSet pod identity and revisions (upstream pkg/controller/statefulset/stateful_set_utils.go
 * and controller/history): ordinals from pod names, stable names/hostnames/labels, PVC volumes
 * for volumeClaimTemplates, pod health predicates, and revision names hashed from the template.
 */
import { clone, deepEqual } from '../../api/meta.js';
import type { Pod, PodTemplateSpec, StatefulSet, Volume } from '../../api/types.js';
import { isPodAvailable, isPodReady } from '../nodelifecycle/podutil.js';
import { controllerRefTo, podFromTemplate } from '../job/podcontrol.js';

/** Label with the pod's own name (apps.StatefulSetPodNameLabel). */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** Label with the pod's ordinal (apps.PodIndexLabel). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** Label with the revision the pod was made from (apps.ControllerRevisionHashLabelKey). */
export const REVISION_LABEL = 'controller-revision-hash';

const PARENT_RE = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `web-2` → { parent: 'web', ordinal: 2 }; ordinal -1 when the name has none. */
export function parentAndOrdinal(podName: string): { parent: string; ordinal: number } {
  const m = PARENT_RE.exec(podName);
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return { parent: m[1], ordinal: Number.isSafeInteger(n) && n <= 2147483647 ? n : -1 };
}

/** The pod's ordinal, or -1. */
export function ordinalOf(pod: Pod): number {
  return parentAndOrdinal(pod.metadata?.name ?? '').ordinal;
}

/** getStartOrdinal: `spec.ordinals.start`, or 0. */
export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** The number of replicas asked for (default 1). */
export function replicasOf(set: StatefulSet): number {
  return set.spec?.replicas ?? 1;
}

/** getEndOrdinal: the last ordinal in range (inclusive). */
export function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + replicasOf(set) - 1;
}

/** podInOrdinalRange. */
export function inOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const o = ordinalOf(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

/** getPodName: `<set>-<ordinal>`. */
export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata?.name}-${ordinal}`;
}

/** isMemberOf: the pod's name derives from the set's. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return parentAndOrdinal(pod.metadata?.name ?? '').parent === set.metadata?.name;
}

/** identityMatches: name, namespace and pod-name label as the set would give them. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod.metadata?.name ?? '');
  return (
    ordinal >= 0 &&
    parent === set.metadata?.name &&
    pod.metadata?.name === podName(set, ordinal) &&
    pod.metadata?.namespace === set.metadata?.namespace &&
    pod.metadata?.labels?.[POD_NAME_LABEL] === pod.metadata?.name
  );
}

/** getPersistentVolumeClaimName: `<claim>-<set>-<ordinal>`. */
export function claimName(set: StatefulSet, claim: string, ordinal: number): string {
  return `${claim}-${set.metadata?.name}-${ordinal}`;
}

/** storageMatches: every volumeClaimTemplate is a PVC volume with the pod's claim name. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const vols = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  return (set.spec?.volumeClaimTemplates ?? []).every((c) => vols.get(c.metadata?.name ?? '')?.persistentVolumeClaim?.claimName === claimName(set, c.metadata?.name ?? '', ordinal));
}

/**
 * updateStorage: the pod's volumes with one PVC volume per volumeClaimTemplate. skiff serves no
 * PersistentVolumeClaims yet, so the claims themselves are not created: the pods carry the
 * upstream volume references, and the node agent gives them no storage.
 */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const ordinal = ordinalOf(pod);
  const claims = (set.spec?.volumeClaimTemplates ?? []).map((c) => c.metadata?.name ?? '');
  if (!claims.length || !pod.spec) return;
  const vols: Volume[] = claims.map((name) => ({ name, persistentVolumeClaim: { claimName: claimName(set, name, ordinal), readOnly: false } }));
  for (const v of pod.spec.volumes ?? []) if (!claims.includes(v.name)) vols.push(v);
  pod.spec.volumes = vols;
}

/** updateIdentity: name, namespace and the pod-name / pod-index labels. */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = ordinalOf(pod);
  const meta = (pod.metadata ??= {});
  meta.name = podName(set, ordinal);
  meta.namespace = set.metadata?.namespace;
  meta.labels = { ...(meta.labels ?? {}), [POD_NAME_LABEL]: meta.name, [POD_INDEX_LABEL]: String(ordinal) };
}

/** newStatefulSetPod: the pod for `ordinal` from `template`, with its stable identity and storage. */
export function newStatefulSetPod(set: StatefulSet, template: PodTemplateSpec, ordinal: number): Pod {
  const pod = podFromTemplate(template, set.metadata?.name ?? '', controllerRefTo(set, 'apps/v1', 'StatefulSet'));
  pod.metadata!.name = podName(set, ordinal);
  updateIdentity(set, pod);
  const spec = (pod.spec ??= { containers: [] });
  spec.hostname = pod.metadata!.name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  updateStorage(set, pod);
  return pod;
}

/** The revision label of a pod ('' when it has none). */
export function podRevision(pod: Pod): string {
  return pod.metadata?.labels?.[REVISION_LABEL] ?? '';
}

/** isRunningAndReady. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** isCreated: the API server has it (it has a phase). */
export function isCreated(pod: Pod): boolean {
  return !!pod.status?.phase;
}

/** Pod phase and deletion predicates (isFailed, isSucceeded, isTerminating). */
export const isFailed = (p: Pod): boolean => p.status?.phase === 'Failed';
export const isSucceeded = (p: Pod): boolean => p.status?.phase === 'Succeeded';
export const isTerminating = (p: Pod): boolean => !!p.metadata?.deletionTimestamp;

/** isHealthy: running, ready and not terminating. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** isUnavailable: not healthy, or not yet ready for minReadySeconds. */
export function isUnavailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return !isHealthy(pod) || !isPodAvailable(pod, minReadySeconds, now);
}

// ---- revisions ----

/** JSON with object keys sorted, so equal templates hash alike. */
export function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** FNV-1 32-bit (Go's hash/fnv New32) over the UTF-8 bytes of `s`. */
export function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: maps each character to one without vowels or look-alikes. */
export function safeEncode(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[ch.charCodeAt(0) % ALPHANUMS.length];
  return out;
}

/** The revision data upstream stores: a patch replacing spec.template. */
export function revisionPatch(template: PodTemplateSpec): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(clone(template) as Record<string, unknown>), $patch: 'replace' } } };
}

/** HashControllerRevision: FNV of the revision data plus the collision count, safe-encoded. */
export function revisionHash(template: PodTemplateSpec, collisionCount: number): string {
  return safeEncode(String(fnv32(canonicalJSON(revisionPatch(template)) + String(collisionCount))));
}

/** ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function revisionName(setName: string, hash: string): string {
  return `${setName.length > 223 ? setName.slice(0, 223) : setName}-${hash}`;
}

/** Whether two templates are the same revision. */
export function sameTemplate(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return deepEqual(a ?? {}, b ?? {});
}
