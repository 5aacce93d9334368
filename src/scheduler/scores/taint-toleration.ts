/**
 * TaintToleration scoring: nodes with fewer PreferNoSchedule taints the pod does not tolerate
 * score higher (counts normalised in reverse). Only tolerations with no effect or
 * PreferNoSchedule count here.
 */
import type { Taint, Toleration } from '../../api/types.js';
import { tolerationsTolerateTaint } from '../filters/taints.js';
import type { NodeInfo } from '../node-info.js';
import { type CycleState, MAX_NODE_SCORE, type ScorePlugin } from '../types.js';
import { defaultNormalizeScore } from './normalize.js';

/** countIntolerableTaintsPreferNoSchedule. */
export function countIntolerablePreferNoSchedule(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  const relevant = tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  let n = 0;
  for (const t of taints) if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(relevant, t)) n++;
  return n;
}

/** TaintToleration scoring, weight 3. */
export const taintTolerationScorer: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(state: CycleState, node: NodeInfo): number {
    return countIntolerablePreferNoSchedule(node.taints, state.tolerations);
  },
  normalize(_state, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
};
