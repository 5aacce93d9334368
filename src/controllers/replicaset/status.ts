/**
 * A ReplicaSet's status as upstream's `calculateStatus` computes it from the pods it owns, the
 * `ReplicaFailure` condition that reports create/delete errors, and the check that decides
 * whether a status write is needed at all.
 */
import { rfc3339 } from '../../api/meta.js';
import type { Pod, ReplicaSet } from '../../api/types.js';
import { isPodAvailable, isPodReady, labelsContain } from './pod-utils.js';

export type ReplicaSetStatus = NonNullable<ReplicaSet['status']>;
export type ReplicaSetCondition = NonNullable<ReplicaSetStatus['conditions']>[number];

/** `spec.replicas` (the server defaults it to 1). */
export function specReplicas(rs: { spec?: { replicas?: number } }): number {
  return rs.spec?.replicas ?? 1;
}

/** The error's message as Go's `err.Error()` would print it. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Sets a condition unless one of the same type, status and reason is there (upstream's SetCondition). */
export function setReplicaSetCondition(status: ReplicaSetStatus, cond: ReplicaSetCondition): void {
  const cur = status.conditions?.find((c) => c.type === cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), cond];
}

/** Removes the condition of a type. */
export function removeReplicaSetCondition(status: ReplicaSetStatus, type: string): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  if (rest.length) status.conditions = rest;
  else delete status.conditions;
}

/**
 * calculateStatus: replicas, fullyLabeledReplicas (pods carrying all template labels),
 * readyReplicas, availableReplicas (ready for minReadySeconds), and ReplicaFailure
 * (FailedCreate / FailedDelete) while manageReplicas fails.
 */
export function calculateReplicaSetStatus(rs: ReplicaSet, pods: readonly Pod[], manageErr: unknown, now = Date.now()): ReplicaSetStatus {
  const status: ReplicaSetStatus = structuredClone(rs.status ?? { replicas: 0 });
  const templateLabels = rs.spec?.template?.metadata?.labels;
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fully = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    if (labelsContain(p.metadata?.labels, templateLabels)) fully++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, now)) available++;
    }
  }
  const failure = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageErr !== undefined && !failure) {
    const diff = pods.length - specReplicas(rs);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    setReplicaSetCondition(status, {
      type: 'ReplicaFailure',
      status: 'True',
      lastTransitionTime: rfc3339(now),
      reason,
      message: errorMessage(manageErr),
    });
  } else if (manageErr === undefined && failure) {
    removeReplicaSetCondition(status, 'ReplicaFailure');
  }
  status.replicas = pods.length;
  status.fullyLabeledReplicas = fully;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  return status;
}

/** Drops the zero counts Go's `omitempty` leaves out (`replicas` is always written). */
export function compactReplicaSetStatus(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { ...s, replicas: s.replicas ?? 0 };
  if (!out.fullyLabeledReplicas) delete out.fullyLabeledReplicas;
  if (!out.readyReplicas) delete out.readyReplicas;
  if (!out.availableReplicas) delete out.availableReplicas;
  if (!out.observedGeneration) delete out.observedGeneration;
  if (!out.conditions?.length) delete out.conditions;
  return out;
}

function sameConditions(a: ReplicaSetStatus['conditions'], b: ReplicaSetStatus['conditions']): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** Whether updateReplicaSetStatus would write: a count, the conditions or observedGeneration changed. */
export function replicaSetStatusNeedsUpdate(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const cur = rs.status ?? { replicas: 0 };
  return !(
    (cur.replicas ?? 0) === next.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    (rs.metadata?.generation ?? 0) === (cur.observedGeneration ?? 0) &&
    sameConditions(cur.conditions, next.conditions)
  );
}
