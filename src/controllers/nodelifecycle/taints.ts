/**
 * Taints and tolerations as the node lifecycle and taint eviction controllers use them
 * (upstream's v1helper.GetMatchingTolerations, tainteviction's getMinTolerationTime and
 * pkg/util/taints): which taints a pod tolerates, how long, and how a node's taint list changes.
 */
import type { Taint, Toleration } from '../../api/types.js';
import { toleratesTaint } from '../../scheduler/filters/taints.js';

/** Toleration.ToleratesTaint (shared with the scheduler). */
export { toleratesTaint };

/** Well-known taint keys (k8s.io/api/core/v1 well_known_taints.go). */
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
/** Well-known taint key: the node controller lost contact with the node. */
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** Well-known taint key: spec.unschedulable is set. */
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
/** Well-known taint key: MemoryPressure=True. */
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
/** Well-known taint key: DiskPressure=True. */
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
/** Well-known taint key: PIDPressure=True. */
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
/** Well-known taint key: NetworkUnavailable=True. */
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
/** Well-known taint key: an administrator declared the node out of service. */
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** The NoExecute taint of an unreachable node (UnreachableTaintTemplate). */
export const UNREACHABLE_NO_EXECUTE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };
/** The NoExecute taint of a not-ready node (NotReadyTaintTemplate). */
export const NOT_READY_NO_EXECUTE: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };

/** The NoExecute taints of a list. */
export function noExecuteTaints(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/**
 * GetMatchingTolerations: whether every taint is tolerated, and for each taint the first
 * toleration that tolerates it (in taint order).
 */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/**
 * getMinTolerationTime in milliseconds: the smallest `tolerationSeconds` among the tolerations
 * (a value <= 0 means at once), 0 for no tolerations, and -1 when all tolerate forever.
 */
export function minTolerationMs(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

/** What the taint eviction controller does with one pod on a node with NoExecute taints. */
export type EvictionDecision = { action: 'cancel' } | { action: 'now' } | { action: 'after'; ms: number };

/**
 * The eviction decision for a pod (processPodOnNode): no taints → cancel any scheduled deletion;
 * a taint not tolerated → delete at once; all tolerated forever → cancel; otherwise delete
 * `ms` after the controller first saw the taints, `ms` being the smallest tolerationSeconds of
 * the tolerations used (0 for tolerationSeconds <= 0).
 */
export function evictionDecision(taints: readonly Taint[], tolerations: readonly Toleration[]): EvictionDecision {
  if (taints.length === 0) return { action: 'cancel' };
  const { all, used } = matchingTolerations(taints, tolerations);
  if (!all) return { action: 'now' };
  const ms = minTolerationMs(used);
  return ms < 0 ? { action: 'cancel' } : { action: 'after', ms };
}

/** Taint.MatchTaint: same key and effect. */
export function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/** TaintExists: a taint with the same key and effect is in the list. */
export function taintExists(taints: readonly Taint[] | undefined, t: Taint): boolean {
  return (taints ?? []).some((x) => sameTaint(x, t));
}

/** TaintKeyExists: a taint with the key is in the list. */
export function taintKeyExists(taints: readonly Taint[] | undefined, key: string): boolean {
  return (taints ?? []).some((x) => x.key === key);
}

/**
 * The taint list after adding `add` (replacing same key+effect taints unless identical) and
 * removing `remove` (by key+effect), or undefined when nothing changes.
 */
export function swapTaints(current: readonly Taint[] | undefined, add: readonly Taint[], remove: readonly Taint[]): Taint[] | undefined {
  let list = [...(current ?? [])];
  let changed = false;
  for (const t of add) {
    const i = list.findIndex((x) => sameTaint(x, t));
    if (i < 0) {
      list.push(t);
      changed = true;
    } else if ((list[i].value ?? '') !== (t.value ?? '')) {
      list[i] = t;
      changed = true;
    }
  }
  const before = list.length;
  list = list.filter((x) => !remove.some((r) => sameTaint(x, r)));
  if (list.length !== before) changed = true;
  return changed ? list : undefined;
}

/** TaintSetDiff: the taints of `want` missing from `have`, and those of `have` not in `want`. */
export function taintSetDiff(want: readonly Taint[], have: readonly Taint[]): { add: Taint[]; remove: Taint[] } {
  return {
    add: want.filter((t) => !taintExists(have, t)),
    remove: have.filter((t) => !taintExists(want, t)),
  };
}
