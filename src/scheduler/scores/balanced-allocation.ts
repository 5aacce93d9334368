/**
 * NodeResourcesBalancedAllocation: prefers nodes whose CPU and memory would be used in similar
 * proportions after placing the pod (1 − the standard deviation of the fractions, × 100),
 * using actual requests.
 */
import type { NodeInfo } from '../node-info.js';
import { type CycleState, MAX_NODE_SCORE, type ScorePlugin } from '../types.js';

/** balancedResourceScorer over (requested, allocatable) pairs; pairs with no allocatable are skipped. */
export function balancedScore(pairs: [number, number][]): number {
  const fractions: number[] = [];
  for (const [req, alloc] of pairs) {
    if (alloc === 0) continue;
    fractions.push(Math.min(req / alloc, 1));
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** NodeResourcesBalancedAllocation, weight 1. */
export const balancedAllocationScorer: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(state: CycleState, node: NodeInfo): number {
    return balancedScore([
      [node.requested.milliCPU + state.info.requests.milliCPU, node.allocatable.milliCPU],
      [node.requested.memory + state.info.requests.memory, node.allocatable.memory],
    ]);
  },
};
