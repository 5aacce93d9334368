/**
 * The NodePorts filter: a pod's host ports must not collide with ports already taken on the node
 * (same protocol and port, on the same host IP or where either side binds 0.0.0.0).
 */
import { type NodeInfo, portConflicts } from '../node-info.js';
import { type CycleState, type FilterPlugin, type Status, unschedulable } from '../types.js';

/** The plugin's name and its rejection reason (upstream's ErrReason). */
export const NODE_PORTS = 'NodePorts';
export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

/** Rejects nodes where one of the pod's host ports is taken. */
export const hostPortsFilter: FilterPlugin = {
  name: NODE_PORTS,
  filter(state: CycleState, node: NodeInfo): Status | undefined {
    const want = state.info.hostPorts;
    if (!want.length || !node.usedPorts.size) return undefined;
    return want.some((p) => portConflicts(node.usedPorts, p)) ? unschedulable(NODE_PORTS, ERR_REASON_PORTS) : undefined;
  },
};
