/**
 * The NodeUnschedulable filter: a cordoned node (`spec.unschedulable`) takes no new pods unless
 * the pod tolerates the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { NodeInfo } from '../node-info.js';
import { type CycleState, type FilterPlugin, type Status, unresolvable } from '../types.js';
import { TAINT_UNSCHEDULABLE } from './node-ready.js';
import { tolerationsTolerateTaint } from './taints.js';

/** The plugin's name and upstream's reason for cordoned nodes. */
export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
/** Upstream's reason for a NodeInfo with no Node object. */
export const ERR_REASON_UNKNOWN_CONDITION = 'node(s) had unknown conditions';

/** Rejects cordoned nodes (and NodeInfos without a Node). */
export const nodeUnschedulableFilter: FilterPlugin = {
  name: NODE_UNSCHEDULABLE,
  filter(state: CycleState, node: NodeInfo): Status | undefined {
    if (!node.node) return unresolvable(NODE_UNSCHEDULABLE, ERR_REASON_UNKNOWN_CONDITION);
    if (!node.node.spec?.unschedulable) return undefined;
    if (tolerationsTolerateTaint(state.tolerations, { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' })) return undefined;
    return unresolvable(NODE_UNSCHEDULABLE, ERR_REASON_UNSCHEDULABLE);
  },
};
