/**
 * The scheduling framework's shared shapes: the per-attempt state computed once for a pod
 * (upstream's CycleState contents), filter verdicts (framework.Status), and the filter and
 * score plugin contracts.
 */
import type { Pod, Toleration } from '../api/types.js';
import type { RequiredNodeAffinity } from './filters/node-selector.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';

/**
 * How a node was rejected. `Unschedulable` may be fixed by preemption; `UnschedulableAndUnresolvable`
 * (affinity, taints, cordons) cannot.
 */
export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** A filter's rejection of one node, with the user-visible reasons. */
export interface Status {
  code: StatusCode;
  reasons: string[];
  plugin: string;
}

/** A rejection preemption might resolve (e.g. insufficient resources). */
export function unschedulable(plugin: string, ...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons, plugin };
}

/** A rejection preemption cannot resolve (affinity, taints, cordons). */
export function unresolvable(plugin: string, ...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons, plugin };
}

/** What one scheduling attempt knows about the pod, computed once before the filters run. */
export interface CycleState {
  info: PodInfo;
  pod: Pod;
  tolerations: Toleration[];
  requiredAffinity: RequiredNodeAffinity;
}

/** A Filter plugin: undefined when the node fits. */
export interface FilterPlugin {
  name: string;
  filter(state: CycleState, node: NodeInfo): Status | undefined;
}

/** A Score plugin: raw scores per feasible node, then an optional normalisation to 0..100. */
export interface ScorePlugin {
  name: string;
  weight: number;
  /** Per-attempt preparation over the feasible nodes; false skips the plugin for this pod. */
  preScore?(state: CycleState, nodes: NodeInfo[]): boolean;
  score(state: CycleState, node: NodeInfo): number;
  normalize?(state: CycleState, scores: number[], nodes: NodeInfo[]): void;
}

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;
