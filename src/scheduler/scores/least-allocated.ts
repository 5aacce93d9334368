/**
 * NodeResourcesFit's default scoring strategy, LeastAllocated: prefers nodes with the most
 * unrequested CPU and memory (weights 1 and 1), counting containers without requests at the
 * scheduler's defaults (100m CPU, 200Mi memory) so empty-request pods still spread.
 */
import type { NodeInfo } from '../node-info.js';
import { type CycleState, MAX_NODE_SCORE, type ScorePlugin } from '../types.js';

/** leastRequestedScore: (capacity − requested) × 100 / capacity, 0 when over capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** The weighted LeastAllocated score of a node for a pod (cpu and memory, weight 1 each). */
export function leastAllocatedScore(state: CycleState, node: NodeInfo): number {
  const pairs: [number, number][] = [
    [node.nonZeroCPU + state.info.nonZeroCPU, node.allocatable.milliCPU],
    [node.nonZeroMemory + state.info.nonZeroMemory, node.allocatable.memory],
  ];
  let total = 0;
  let weights = 0;
  for (const [req, alloc] of pairs) {
    if (alloc === 0) continue;
    total += leastRequestedScore(req, alloc);
    weights += 1;
  }
  return weights === 0 ? 0 : Math.trunc(total / weights);
}

/** NodeResourcesFit scoring (LeastAllocated), weight 1. */
export const leastAllocatedScorer: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score: leastAllocatedScore,
};
