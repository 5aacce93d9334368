/**
 * One scheduling attempt for one pod (upstream's schedulePod): PreFilter, the filters in
 * upstream's default order on every node, then — when several nodes fit — the weighted scores,
 * picking the best node with ties broken at random. Pure and synchronous: it reads the cache
 * and decides; binding is the caller's business.
 */
import { hostPortsFilter } from './filters/host-ports.js';
import { NODE_AFFINITY, nodeAffinityFilter, nodeAffinityPreFilter } from './filters/node-affinity.js';
import { RequiredNodeAffinity } from './filters/node-selector.js';
import { nodeUnschedulableFilter } from './filters/node-unschedulable.js';
import { resourcesFitFilter } from './filters/resources.js';
import { taintTolerationFilter } from './filters/taints.js';
import type { Diagnosis } from './messages.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import { type CycleState, type FilterPlugin, type ScorePlugin, type Status, unresolvable } from './types.js';

/** The filters, in upstream's default plugin order (NodeName, volumes and inter-pod affinity aside). */
export const DEFAULT_FILTERS: readonly FilterPlugin[] = [
  nodeUnschedulableFilter,
  taintTolerationFilter,
  nodeAffinityFilter,
  hostPortsFilter,
  resourcesFitFilter,
];

/** The outcome of one attempt. */
export type ScheduleResult =
  | { kind: 'scheduled'; node: string; feasible: number }
  | { kind: 'unschedulable'; diagnosis: Diagnosis; state: CycleState }
  | { kind: 'noNodes' };

/** Computes what every filter needs from the pod, once per attempt. */
export function newCycleState(info: PodInfo): CycleState {
  return {
    info,
    pod: info.pod,
    tolerations: info.pod.spec?.tolerations ?? [],
    requiredAffinity: new RequiredNodeAffinity(info.pod),
  };
}

/** Runs the filters on one node; the first rejection wins, as upstream's RunFilterPlugins. */
export function runFilters(state: CycleState, node: NodeInfo, filters: readonly FilterPlugin[] = DEFAULT_FILTERS): Status | undefined {
  for (const f of filters) {
    const st = f.filter(state, node);
    if (st) return st;
  }
  return undefined;
}

/** The configured filters and weighted score plugins, and the attempt that runs them. */
export class Framework {
  constructor(
    readonly scorers: readonly ScorePlugin[],
    readonly filters: readonly FilterPlugin[] = DEFAULT_FILTERS,
    private random: () => number = Math.random,
  ) {}

  /** Finds the node for a pod among `nodes` (the cache's existing nodes). */
  schedule(info: PodInfo, nodes: NodeInfo[]): ScheduleResult {
    if (!nodes.length) return { kind: 'noNodes' };
    const state = newCycleState(info);
    const diagnosis: Diagnosis = { numAllNodes: nodes.length, nodeStatuses: new Map() };
    let candidates = nodes;
    const pre = nodeAffinityPreFilter(info.pod);
    if ('status' in pre) {
      diagnosis.preFilterMsg = pre.status.reasons.join(', ');
      diagnosis.absentStatus = pre.status;
      return { kind: 'unschedulable', diagnosis, state };
    }
    if (!pre.all) {
      candidates = nodes.filter((n) => pre.names.has(n.name));
      diagnosis.absentStatus = unresolvable(NODE_AFFINITY, `node(s) didn't satisfy plugin(s) [${NODE_AFFINITY}]`);
    }
    const feasible: NodeInfo[] = [];
    for (const n of candidates) {
      const st = runFilters(state, n, this.filters);
      if (st) diagnosis.nodeStatuses.set(n.name, st);
      else feasible.push(n);
    }
    if (!feasible.length) return { kind: 'unschedulable', diagnosis, state };
    if (feasible.length === 1) return { kind: 'scheduled', node: feasible[0]!.name, feasible: 1 };
    const totals = this.score(state, feasible);
    return { kind: 'scheduled', node: feasible[this.selectHost(totals)]!.name, feasible: feasible.length };
  }

  /** The weighted sum of every score plugin's normalised score, per feasible node. */
  score(state: CycleState, feasible: NodeInfo[]): number[] {
    const totals = new Array<number>(feasible.length).fill(0);
    for (const p of this.scorers) {
      if (p.preScore && !p.preScore(state, feasible)) continue;
      const scores = feasible.map((n) => p.score(state, n));
      p.normalize?.(state, scores, feasible);
      for (let i = 0; i < scores.length; i++) totals[i] += p.weight * scores[i];
    }
    return totals;
  }

  /** selectHost: the highest total; among equal totals each is equally likely (reservoir sampling). */
  selectHost(totals: number[]): number {
    let best = 0;
    let ties = 1;
    for (let i = 1; i < totals.length; i++) {
      if (totals[i]! > totals[best]!) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        if (Math.floor(this.random() * ties) === 0) best = i;
      }
    }
    return best;
  }
}
