/**
 * Node readiness as the scheduler sees it. Upstream's scheduler has no readiness check of its
 * own: the node lifecycle controller (and the TaintNodesByCondition admission plugin, for new
 * nodes) turns conditions into NoSchedule taints that TaintToleration then filters on. skiff's
 * node controller may not add those taints, so the scheduler derives the same taints from the
 * conditions itself; pods that tolerate them still schedule, exactly as upstream.
 */
import type { Node, Taint } from '../../api/types.js';

/** Taint keys (v1.TaintNodeNotReady, TaintNodeUnreachable, TaintNodeUnschedulable). */
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** Condition type → status → taint key, as the node lifecycle controller maps them. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};

/** The NoSchedule taints a node's conditions imply (a node with no Ready condition yet counts as not ready). */
export function conditionTaints(node: Node): Taint[] {
  const out: Taint[] = [];
  const conds = node.status?.conditions ?? [];
  if (!conds.some((c) => c.type === 'Ready')) out.push({ key: TAINT_NOT_READY, effect: 'NoSchedule' });
  for (const c of conds) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) out.push({ key, effect: 'NoSchedule' });
  }
  return out;
}

/** Whether the node's Ready condition is True. */
export function isNodeReady(node: Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The node's own taints plus the condition-derived ones it does not already carry. */
export function effectiveTaints(node: Node): Taint[] {
  const own = node.spec?.taints ?? [];
  const derived = conditionTaints(node).filter((d) => !own.some((t) => t.key === d.key && t.effect === d.effect));
  return derived.length ? [...own, ...derived] : own;
}
