/**
 * Taints and tolerations (upstream's TaintToleration filter and v1 helper): a node's NoSchedule
 * and NoExecute taints must each be tolerated by the pod; PreferNoSchedule taints only lower the
 * node's score (see scores/taint-toleration.ts).
 */
import type { Taint, Toleration } from '../../api/types.js';
import type { NodeInfo } from '../node-info.js';
import { type CycleState, type FilterPlugin, type Status, unresolvable } from '../types.js';

/** The plugin's name. */
export const TAINT_TOLERATION = 'TaintToleration';

/**
 * Toleration.ToleratesTaint: effects must match unless the toleration's is empty; keys must
 * match unless the toleration's is empty; `Exists` accepts any value, `Equal` (or no operator)
 * requires the same value.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** Whether any of the tolerations tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint));
}

/** The first NoSchedule/NoExecute taint that no toleration tolerates (FindMatchingUntoleratedTaint). */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  return taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(tolerations, t));
}

/** The filter's reason for an untolerated taint, e.g. `node(s) had untolerated taint {dedicated: gpu}`. */
export function untoleratedTaintReason(t: Taint): string {
  return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
}

/** Rejects nodes with a NoSchedule/NoExecute taint the pod does not tolerate. */
export const taintTolerationFilter: FilterPlugin = {
  name: TAINT_TOLERATION,
  filter(state: CycleState, node: NodeInfo): Status | undefined {
    const taint = findUntoleratedTaint(node.taints, state.tolerations);
    return taint ? unresolvable(TAINT_TOLERATION, untoleratedTaintReason(taint)) : undefined;
  },
};
