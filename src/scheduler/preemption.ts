/**
 * DefaultPreemption's PostFilter, evaluated when a pod fits nowhere: is the pod eligible, on
 * which nodes could evicting lower-priority pods help, and — by a dry run that removes those pods
 * and re-runs the filters — which node needs the least disruption. Produces upstream's
 * `preemption: ...` message when nothing can help, or the chosen node and victims.
 */
import { fitErrorMessage, type Diagnosis, NO_PREEMPTION_VICTIMS, PREEMPTION_NOT_HELPFUL } from './messages.js';
import { runFilters } from './framework.js';
import { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import { type CycleState, type FilterPlugin, type Status, unresolvable } from './types.js';

const PLUGIN = 'DefaultPreemption';
const MAX_INT32_PLUS_1 = 2 ** 31;

/** A node where evicting `victims` lets the pod fit. */
export interface PreemptionCandidate {
  node: string;
  victims: PodInfo[];
}

/**
 * Either a message for the failure (`preemption: ...`) or a candidate to act on, and what the
 * pod's `status.nominatedNodeName` becomes: the candidate node, '' (cleared) when no node can be
 * helped, or undefined (left alone) when the pod may not preempt.
 */
export interface PreemptionOutcome {
  message: string;
  candidate?: PreemptionCandidate;
  nominate?: string;
}

function startTime(p: PodInfo, now: number): number {
  const s = p.pod.status?.startTime;
  const t = s ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? now : t;
}

/** MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportantFirst(now: number): (a: PodInfo, b: PodInfo) => number {
  return (a, b) => (a.priority !== b.priority ? b.priority - a.priority : startTime(a, now) - startTime(b, now));
}

function isTerminatingByPreemption(p: PodInfo): boolean {
  if (!p.pod.metadata?.deletionTimestamp) return false;
  return (p.pod.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}

/** PodEligibleToPreemptOthers: the reason the pod may not preempt, or undefined. */
export function ineligibleReason(state: CycleState, nodes: NodeInfo[], diagnosis: Diagnosis): string | undefined {
  const pod = state.pod;
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.status?.nominatedNodeName;
  if (!nominated) return undefined;
  const st = diagnosis.nodeStatuses.get(nominated) ?? diagnosis.absentStatus;
  if (st?.code === 'UnschedulableAndUnresolvable') return undefined;
  const ni = nodes.find((n) => n.name === nominated);
  for (const p of ni?.pods.values() ?? []) {
    if (p.priority < state.info.priority && isTerminatingByPreemption(p)) return 'not eligible due to a terminating pod on the nominated node.';
  }
  return undefined;
}

function cloneWithout(n: NodeInfo, exclude: ReadonlySet<string>): NodeInfo {
  const c = new NodeInfo(n.name);
  if (n.node) c.setNode(n.node);
  for (const p of n.pods.values()) if (!exclude.has(p.key)) c.addPod(p);
  return c;
}

/** SelectVictimsOnNode: the fewest lower-priority pods whose removal lets the pod fit, or why not. */
export function selectVictims(state: CycleState, n: NodeInfo, filters?: readonly FilterPlugin[], now = Date.now()): PodInfo[] | Status {
  const lower = [...n.pods.values()].filter((p) => p.priority < state.info.priority);
  if (!lower.length) return unresolvable(PLUGIN, NO_PREEMPTION_VICTIMS);
  const sim = cloneWithout(n, new Set(lower.map((p) => p.key)));
  const st = runFilters(state, sim, filters);
  if (st) return st;
  const victims: PodInfo[] = [];
  for (const p of lower.sort(moreImportantFirst(now))) {
    sim.addPod(p);
    if (runFilters(state, sim, filters)) {
      sim.removePod(p.key);
      victims.push(p);
    }
  }
  return victims;
}

/** pickOneNodeForPreemption's criteria, in order; the first candidate wins remaining ties. */
function pickCandidate(cands: PreemptionCandidate[], now: number): PreemptionCandidate {
  const key = (c: PreemptionCandidate): number[] => {
    const prios = c.victims.map((v) => v.priority);
    const highest = Math.max(...prios);
    const sum = prios.reduce((a, p) => a + p + MAX_INT32_PLUS_1, 0);
    const earliestOfHighest = Math.min(...c.victims.filter((v) => v.priority === highest).map((v) => startTime(v, now)));
    return [highest, sum, c.victims.length, -earliestOfHighest];
  };
  let best = cands[0]!;
  let bestKey = key(best);
  for (const c of cands.slice(1)) {
    const k = key(c);
    const i = k.findIndex((v, j) => v !== bestKey[j]);
    if (i >= 0 && k[i]! < bestKey[i]!) {
      best = c;
      bestKey = k;
    }
  }
  return best;
}

/** Runs the PostFilter for a pod that failed the filters on every node. */
export function evaluatePreemption(state: CycleState, nodes: NodeInfo[], diagnosis: Diagnosis, filters?: readonly FilterPlugin[]): PreemptionOutcome {
  const ineligible = ineligibleReason(state, nodes, diagnosis);
  if (ineligible) return { message: `preemption: ${ineligible}` };
  const notHelpful = unresolvable(PLUGIN, PREEMPTION_NOT_HELPFUL);
  const statuses = new Map<string, Status>();
  const candidates: PreemptionCandidate[] = [];
  const now = Date.now();
  for (const n of nodes) {
    const st = diagnosis.nodeStatuses.get(n.name) ?? diagnosis.absentStatus;
    if (!st || st.code === 'UnschedulableAndUnresolvable') {
      statuses.set(n.name, notHelpful);
      continue;
    }
    const res = selectVictims(state, n, filters, now);
    if (!Array.isArray(res)) statuses.set(n.name, res);
    else if (res.length) candidates.push({ node: n.name, victims: res });
    else statuses.set(n.name, notHelpful);
  }
  if (candidates.length) {
    const candidate = pickCandidate(candidates, now);
    return { message: '', candidate, nominate: candidate.node };
  }
  const msg = fitErrorMessage({ numAllNodes: nodes.length, nodeStatuses: statuses, absentStatus: notHelpful });
  return { message: `preemption: ${msg}`, nominate: '' };
}
