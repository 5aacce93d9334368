/**
 * The NodeAffinity filter: the node must satisfy the pod's `spec.nodeSelector` and required node
 * affinity. Its PreFilter narrows the candidate nodes when every required term pins
 * `metadata.name` (as DaemonSet pods do); the other nodes are then reported as not satisfying
 * the plugin.
 */
import type { Pod } from '../../api/types.js';
import type { NodeInfo } from '../node-info.js';
import { type CycleState, type FilterPlugin, type Status, unresolvable } from '../types.js';
import type { NodeSelectorTerm } from './node-selector.js';

/** The plugin's name and upstream's reasons (ErrReasonPod, errReasonConflict). */
export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

/** Rejects nodes that fail the pod's nodeSelector or required node affinity. */
export const nodeAffinityFilter: FilterPlugin = {
  name: NODE_AFFINITY,
  filter(state: CycleState, node: NodeInfo): Status | undefined {
    return node.node && state.requiredAffinity.match(node.node) ? undefined : unresolvable(NODE_AFFINITY, ERR_REASON_POD);
  },
};

/** The PreFilter's outcome: all nodes, a set of node names, or a rejection of every node. */
export type NodeNamesResult = { all: true } | { all: false; names: Set<string> } | { status: Status };

/**
 * NodeAffinity.PreFilter: when each required term has matchFields `metadata.name In [...]`, only
 * the union over terms (of each term's intersection) can match; an empty set is a conflict.
 */
export function nodeAffinityPreFilter(pod: Pod): NodeNamesResult {
  const terms = (pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) as NodeSelectorTerm[];
  if (!terms.length) return { all: true };
  let union: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const f of t.matchFields ?? []) {
      if (f.key !== 'metadata.name' || f.operator !== 'In') continue;
      const s = new Set(f.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    if (!termNames) return { all: true };
    union ??= new Set();
    for (const n of termNames) union.add(n);
  }
  if (union && union.size === 0) return { status: unresolvable(NODE_AFFINITY, ERR_REASON_CONFLICT) };
  return union ? { all: false, names: union } : { all: true };
}
