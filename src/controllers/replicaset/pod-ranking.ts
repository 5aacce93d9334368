/**
 * Which pods a ReplicaSet deletes first when it scales down: upstream's
 * `controller.ActivePodsWithRanks` ordering (with the PodDeletionCost and LogarithmicScaleDown
 * gates on, as in 1.32) and `getPodsToDelete`.
 */
import type { Pod } from '../../api/types.js';
import { isPodActive, isPodReady, podReadyCondition, timeOf } from './pod-utils.js';

/** The annotation a user sets to make a pod cheaper (or dearer) to delete. */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** A pod with its rank: how many active related pods share its node. */
export interface RankedPod {
  pod: Pod;
  rank: number;
}

/** helper.GetDeletionCostFromPodAnnotations: an int32, 0 when absent or malformed. */
export function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v.trim()) || v.trim() !== v) return 0;
  const n = Number(v);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

/** The highest restart count of the pod's containers (restartable init containers included). */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

/** When the pod became ready (0 when it is not ready). */
export function podReadyTime(pod: Pod): number {
  return isPodReady(pod) ? timeOf(podReadyCondition(pod)?.lastTransitionTime) : 0;
}

/** afterOrZero: a zero time sorts first, otherwise the later time does. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** logarithmicRankDiff: compares the floor of log2 of each age in nanoseconds. */
export function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number): number => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.trunc(Math.log2(d)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** Compares two timestamps the LogarithmicScaleDown way; undefined when they are equal. */
function timeLess(t1: number, t2: number, now: number, a: Pod, b: Pod): boolean | undefined {
  if (t1 === t2) return undefined;
  if (now === 0 || t1 === 0 || t2 === 0) return afterOrZero(t1, t2);
  const diff = logarithmicRankDiff(t1, t2, now);
  if (diff === 0) return (a.metadata?.uid ?? '') < (b.metadata?.uid ?? '');
  return diff < 0;
}

/**
 * ActivePodsWithRanks.Less: true when `a` should be deleted before `b`.
 * 1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not ready < ready;
 * 4. lower pod-deletion-cost first; 5. higher rank (more doubled-up) first;
 * 6. more recently ready first (log-bucketed); 7. more restarts first; 8. newer first (log-bucketed).
 */
export function deleteBefore(a: RankedPod, b: RankedPod, now: number): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? '';
  const nb = pb.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  const oa = PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0;
  const ob = PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0;
  if (oa !== ob) return oa < ob;
  const ra = isPodReady(pa);
  const rb = isPodReady(pb);
  if (ra !== rb) return !ra;
  const ca = deletionCost(pa);
  const cb = deletionCost(pb);
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (ra && rb) {
    const r = timeLess(podReadyTime(pa), podReadyTime(pb), now, pa, pb);
    if (r !== undefined) return r;
  }
  const xa = maxContainerRestarts(pa);
  const xb = maxContainerRestarts(pb);
  if (xa !== xb) return xa > xb;
  const r = timeLess(timeOf(pa.metadata?.creationTimestamp), timeOf(pb.metadata?.creationTimestamp), now, pa, pb);
  return r ?? false;
}

/** getPodsRankedByRelatedPodsOnSameNode: each pod's rank is the number of active related pods on its node. */
export function rankByRelatedPodsOnSameNode(pods: readonly Pod[], related: readonly Pod[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/** getPodsToDelete: the `diff` pods to delete, least valuable first (no sorting when all go). */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], diff: number, now = Date.now()): Pod[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const ranked = rankByRelatedPodsOnSameNode(pods, related);
  ranked.sort((x, y) => (deleteBefore(x, y, now) ? -1 : deleteBefore(y, x, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}
