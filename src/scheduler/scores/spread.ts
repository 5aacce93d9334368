/**
 * Spreading of a workload's replicas: PodTopologySpread's scoring with the system default
 * constraints (maxSkew 3 over `kubernetes.io/hostname`, maxSkew 5 over
 * `topology.kubernetes.io/zone`, both ScheduleAnyway). The pods that count as "the same
 * workload" are chosen by helper.DefaultSelector: the selectors of the Services that select the
 * pod, narrowed by its controlling ReplicaSet's or StatefulSet's selector. Nodes (and zones)
 * with fewer such pods score higher.
 */
import { type Selector, matchLabelsSelector, selectorFromLabelSelector } from '../../api/labels.js';
import { controllerRef } from '../../api/meta.js';
import type { Pod, ReplicaSet, Service, StatefulSet } from '../../api/types.js';
import type { NodeInfo } from '../node-info.js';
import { type CycleState, MAX_NODE_SCORE, type ScorePlugin } from '../types.js';

/** Well-known topology labels (v1.LabelHostname, v1.LabelTopologyZone). */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

/** The system default constraints (upstream's systemDefaultConstraints). */
export const DEFAULT_CONSTRAINTS: readonly { maxSkew: number; topologyKey: string }[] = [
  { maxSkew: 3, topologyKey: LABEL_HOSTNAME },
  { maxSkew: 5, topologyKey: LABEL_ZONE },
];

/** Where DefaultSelector looks up the pod's Services and controllers. */
export interface SpreadListers {
  services(namespace: string): Service[];
  replicaSet(namespace: string, name: string): ReplicaSet | undefined;
  statefulSet(namespace: string, name: string): StatefulSet | undefined;
}

/** helper.DefaultSelector: the label selector identifying the pod's siblings (empty when none). */
export function defaultSelector(pod: Pod, listers: SpreadListers): Selector {
  const ns = pod.metadata?.namespace ?? '';
  const podLabels = pod.metadata?.labels ?? {};
  const merged: Record<string, string> = {};
  for (const svc of listers.services(ns)) {
    const sel = svc.spec?.selector;
    if (!sel) continue; // a nil selector selects nothing
    if (matchLabelsSelector(sel).matches(podLabels)) Object.assign(merged, sel);
  }
  let selector = matchLabelsSelector(merged);
  const owner = controllerRef(pod);
  if (!owner || owner.apiVersion !== 'apps/v1') return selector;
  let ownerSelector;
  if (owner.kind === 'ReplicaSet') ownerSelector = listers.replicaSet(ns, owner.name)?.spec?.selector;
  else if (owner.kind === 'StatefulSet') ownerSelector = listers.statefulSet(ns, owner.name)?.spec?.selector;
  else return selector;
  if (!ownerSelector) return selector;
  try {
    const other = selectorFromLabelSelector(ownerSelector);
    if (other.selectable) selector = selector.add(...other.requirements);
  } catch {
    // an invalid controller selector adds nothing
  }
  return selector;
}

/** countPodsMatchSelector: non-terminating pods of the namespace on the node that match. */
export function countMatching(node: NodeInfo, selector: Selector, namespace: string): number {
  if (selector.empty) return 0;
  let n = 0;
  for (const p of node.pods.values()) {
    if (p.namespace !== namespace || p.pod.metadata?.deletionTimestamp) continue;
    if (selector.matches(p.pod.metadata?.labels)) n++;
  }
  return n;
}

interface SpreadState {
  selector: Selector;
  weights: number[];
  zoneCounts: Map<string, number>;
}

/** PodTopologySpread scoring with the system default constraints. */
export class SpreadScorer implements ScorePlugin {
  readonly name = 'PodTopologySpread';
  readonly weight = 2;
  private cur?: SpreadState;

  constructor(
    private listers: SpreadListers,
    private allNodes: () => NodeInfo[],
  ) {}

  preScore(state: CycleState, feasible: NodeInfo[]): boolean {
    this.cur = undefined;
    if (state.pod.spec?.topologySpreadConstraints?.length) return false; // explicit constraints: not supported here
    const selector = defaultSelector(state.pod, this.listers);
    if (selector.empty || !selector.selectable) return false;
    // Zone domains present among the feasible nodes (a node without the label forms the "" domain).
    const zoneCounts = new Map<string, number>();
    for (const n of feasible) zoneCounts.set(n.labels[LABEL_ZONE] ?? '', 0);
    for (const n of this.allNodes()) {
      const z = n.labels[LABEL_ZONE] ?? '';
      if (!zoneCounts.has(z) || !n.node || !state.requiredAffinity.match(n.node)) continue;
      zoneCounts.set(z, zoneCounts.get(z)! + countMatching(n, selector, state.info.namespace));
    }
    const weights = DEFAULT_CONSTRAINTS.map((c) => Math.log((c.topologyKey === LABEL_HOSTNAME ? feasible.length : zoneCounts.size) + 2));
    this.cur = { selector, weights, zoneCounts };
    return true;
  }

  score(state: CycleState, node: NodeInfo): number {
    const s = this.cur;
    if (!s) return 0;
    let score = 0;
    DEFAULT_CONSTRAINTS.forEach((c, i) => {
      const v = node.labels[c.topologyKey];
      if (v === undefined) return;
      const cnt = c.topologyKey === LABEL_HOSTNAME ? countMatching(node, s.selector, state.info.namespace) : (s.zoneCounts.get(v) ?? 0);
      score += cnt * s.weights[i]! + (c.maxSkew - 1);
    });
    return Math.round(score);
  }

  normalize(_state: CycleState, scores: number[]): void {
    let min = Infinity;
    let max = 0;
    for (const s of scores) {
      if (s < min) min = s;
      if (s > max) max = s;
    }
    for (let i = 0; i < scores.length; i++) {
      scores[i] = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
    }
  }
}
