/**
 * Pod predicates the workload controllers share, as upstream's `pkg/api/v1/pod` and
 * `pkg/controller` helpers define them: readiness, availability after minReadySeconds, and
 * whether a pod still counts as an active replica.
 */
import type { ObjectMeta, Pod, PodCondition } from '../../api/types.js';

/** Milliseconds since the epoch of an RFC 3339 timestamp; 0 (Go's zero time) when missing or invalid. */
export function timeOf(ts: string | undefined | null): number {
  if (!ts) return 0;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? 0 : t;
}

/** The pod's Ready condition, if it has one. */
export function podReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/**
 * podutil.IsPodAvailable: ready, and (minReadySeconds is 0, or the Ready condition turned True
 * more than minReadySeconds before `now`).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = timeOf(podReadyCondition(pod)?.lastTransitionTime);
  return since !== 0 && since + minReadySeconds * 1000 < now;
}

/** controller.IsPodActive: not Succeeded, not Failed and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

/** controller.PodKey: `namespace/name`, the key deletions are tracked by. */
export function podKey(pod: { metadata?: ObjectMeta }): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** Whether every key/value of `want` is in `labels` (labels.SelectorFromSet(want).Matches(labels)). */
export function labelsContain(labels: Record<string, string> | undefined, want: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  for (const [k, v] of Object.entries(want ?? {})) if (have[k] !== v) return false;
  return true;
}
