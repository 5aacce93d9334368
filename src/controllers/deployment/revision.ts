/**
 * Revision bookkeeping on a deployment's ReplicaSets (upstream `deployment/util`): the
 * `deployment.kubernetes.io/revision` annotation (max old revision + 1 for the new ReplicaSet),
 * `revision-history` when an old template comes back, the desired/max-replicas annotations, and
 * the deployment annotations (such as `kubernetes.io/change-cause`) copied onto the new one.
 */
import type { Deployment, ReplicaSet } from '../../api/types.js';
import { byCreationTimestamp, DESIRED_REPLICAS_ANNOTATION, desiredReplicas, MAX_REPLICAS_ANNOTATION, maxSurge } from './replicas.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
/** apps/v1 DeprecatedRollbackTo. */
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
/** The sync loop limits revision-history to this many characters (maxRevHistoryLengthInChars). */
export const MAX_REV_HISTORY_CHARS = 2000;

/** Annotations never copied from a deployment to its ReplicaSets. */
export const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
]);

/** Revision: the annotation as an integer; 0 when absent, NaN when malformed. */
export function revisionOf(obj: { metadata?: { annotations?: Record<string, string> } }): number {
  const v = obj.metadata?.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
}

/** MaxRevision: the highest parseable revision (0 when none). */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (!Number.isNaN(v) && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second-highest revision. */
export function lastRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  let sec = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (Number.isNaN(v)) continue;
    if (v >= max) {
      sec = max;
      max = v;
    } else if (v > sec) sec = v;
  }
  return sec;
}

/** ReplicaSetsByRevision: lower revision first; creation time when equal or unparseable. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (Number.isNaN(ra) || Number.isNaN(rb) || ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; true when something changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const m = (rs.metadata ??= {});
  const a = (m.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    a[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    a[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations;
  if (!a) return true;
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/** The desired and max-replicas values a deployment stamps on its ReplicaSets. */
export function replicasAnnotationValues(d: Deployment): [number, number] {
  const desired = desiredReplicas(d);
  return [desired, desired + maxSurge(d)];
}

/** copyDeploymentAnnotationsToReplicaSet: every annotation but the skipped ones; true when changed. */
export function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const a = ((rs.metadata ??= {}).annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copies the deployment's annotations, raises the revision to
 * `newRevision` when it is lower (recording the old one in revision-history, trimmed to
 * `limitChars`), and for a ReplicaSet about to be created sets the replicas annotations.
 * Returns whether the annotations changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean, limitChars = MAX_REV_HISTORY_CHARS): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const a = rs.metadata!.annotations!;
  const hadRevision = REVISION_ANNOTATION in a;
  const oldRevision = a[REVISION_ANNOTATION] ?? '';
  let oldInt = 0;
  if (oldRevision !== '') {
    if (!/^[+-]?\d+$/.test(oldRevision)) return false;
    oldInt = Number(oldRevision);
  }
  if (!/^[+-]?\d+$/.test(newRevision)) return false;
  const newInt = Number(newRevision);
  if (oldInt < newInt) {
    a[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  if (hadRevision && oldInt < newInt) {
    const history = a[REVISION_HISTORY_ANNOTATION] ?? '';
    const olds = history.split(',');
    if (olds[0].length === 0) {
      a[REVISION_HISTORY_ANNOTATION] = oldRevision;
    } else {
      let total = history.length + oldRevision.length + 1;
      let start = 0;
      while (total > limitChars && start < olds.length) {
        total -= olds[start].length + 1;
        start++;
      }
      if (total <= limitChars) a[REVISION_HISTORY_ANNOTATION] = [...olds.slice(start), oldRevision].join(',');
    }
  }
  if (!exists) {
    const [desired, max] = replicasAnnotationValues(d);
    if (setReplicasAnnotations(rs, desired, max)) changed = true;
  }
  return changed;
}
