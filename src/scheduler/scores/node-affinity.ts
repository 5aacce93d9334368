/**
 * NodeAffinity scoring: the sum of the weights of the pod's preferred node affinity terms the
 * node matches, normalised so the best node gets 100.
 */
import type { Pod } from '../../api/types.js';
import { type NodeSelectorTerm, type ParsedTerm, parseTerm, termMatches } from '../filters/node-selector.js';
import type { NodeInfo } from '../node-info.js';
import { type CycleState, MAX_NODE_SCORE, type ScorePlugin } from '../types.js';
import { defaultNormalizeScore } from './normalize.js';

/** PreferredSchedulingTerms: weighted terms; zero weights and empty terms are dropped. */
export function preferredTerms(pod: Pod): { weight: number; term: ParsedTerm }[] {
  const prefs = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const out: { weight: number; term: ParsedTerm }[] = [];
  for (const p of prefs) {
    const t = p.preference as NodeSelectorTerm | undefined;
    if (!p.weight || !t || ((t.matchExpressions ?? []).length === 0 && (t.matchFields ?? []).length === 0)) continue;
    out.push({ weight: p.weight, term: parseTerm(t) });
  }
  return out;
}

/** Scores nodes by the pod's preferred node affinity. */
export class NodeAffinityScorer implements ScorePlugin {
  readonly name = 'NodeAffinity';
  readonly weight = 2;
  private terms: { weight: number; term: ParsedTerm }[] = [];

  preScore(state: CycleState): boolean {
    this.terms = preferredTerms(state.pod);
    return this.terms.length > 0;
  }

  score(_state: CycleState, node: NodeInfo): number {
    if (!node.node) return 0;
    let sum = 0;
    for (const t of this.terms) if (termMatches(t.term, node.node)) sum += t.weight;
    return sum;
  }

  normalize(_state: CycleState, scores: number[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }
}
