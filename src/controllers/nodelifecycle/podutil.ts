/**
 * Pod status helpers shared by the node lifecycle, taint eviction, pod GC and workload
 * controllers, after upstream's pkg/api/v1/pod (IsPodReady, IsPodAvailable, UpdatePodCondition).
 */
import { rfc3339 } from '../../api/meta.js';
import type { Pod, PodCondition } from '../../api/types.js';

/** The pod's condition of `type`, if it has one. */
export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** IsPodAvailable: ready, and ready for at least `minReadySeconds` at `now` (ms). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
  return Number.isFinite(since) && since + minReadySeconds * 1000 <= now;
}

/** IsPodTerminal: the phase is Succeeded or Failed. */
export function isPodTerminal(pod: Pod): boolean {
  const p = pod.status?.phase;
  return p === 'Succeeded' || p === 'Failed';
}

/** FilterActivePods' predicate: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

/**
 * UpdatePodCondition: the condition as it should be written, or undefined when the pod already
 * carries it. The transition time is kept while the status stays the same.
 */
export function nextPodCondition(pod: Pod, cond: PodCondition, now: number = Date.now()): PodCondition | undefined {
  const old = podCondition(pod, cond.type);
  const next: PodCondition = { ...cond };
  if (!old) {
    next.lastTransitionTime ??= rfc3339(now);
    return next;
  }
  next.lastTransitionTime = old.status === cond.status ? old.lastTransitionTime : (cond.lastTransitionTime ?? rfc3339(now));
  const same =
    old.status === next.status &&
    (old.reason ?? '') === (next.reason ?? '') &&
    (old.message ?? '') === (next.message ?? '') &&
    (old.lastProbeTime ?? null) === (next.lastProbeTime ?? null) &&
    old.lastTransitionTime === next.lastTransitionTime;
  return same ? undefined : next;
}

/** A strategic-merge patch of pods/status setting one condition (conditions merge on `type`). */
export function conditionPatch(cond: PodCondition, extra: Record<string, unknown> = {}): { status: Record<string, unknown> } {
  return { status: { ...extra, conditions: [cond] } };
}

/** The pod's `namespace/name`. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** Milliseconds since the epoch of an RFC 3339 time, or undefined. */
export function timeOf(s: string | undefined | null): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}
