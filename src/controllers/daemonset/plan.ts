/**
 * The DaemonSet decision logic as pure functions (upstream daemon_controller.go podsShouldBeOnNode
 * / manage / updateDaemonSetStatus and update.go rollingUpdate): which nodes need a daemon pod,
 * which pods to delete, how a rolling update proceeds under maxUnavailable or maxSurge, and the
 * status counters.
 */
import { compareStrings } from '../../api/labels.js';
import type { DaemonSet, Node, Pod } from '../../api/types.js';
import { isPodAvailable, isPodReady, timeOf } from '../nodelifecycle/podutil.js';
import { isPodUpdated, nodeShouldRunDaemonPod, scaledValue } from './eligibility.js';

/** Pods grouped by the node they target. */
export type NodePods = Map<string, Pod[]>;

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest, then by name. */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const sa = !!a.spec?.nodeName;
  const sb = !!b.spec?.nodeName;
  if (sa !== sb) return sa ? -1 : 1;
  const ta = timeOf(a.metadata?.creationTimestamp) ?? 0;
  const tb = timeOf(b.metadata?.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return compareStrings(a.metadata?.name ?? '', b.metadata?.name ?? '');
}

/** Whether the DaemonSet surges (maxSurge > 0) during rolling updates. */
export function allowsSurge(ds: DaemonSet): boolean {
  const ru = ds.spec?.updateStrategy?.type === 'RollingUpdate' ? ds.spec.updateStrategy.rollingUpdate : undefined;
  return scaledValue(ru?.maxSurge, 1, 0) > 0;
}

/** What manage decides for one node. */
export interface NodeDecision {
  create: boolean;
  delete: Pod[];
  /** Failed pods found (an event is due) and whether their deletion waits for back-off. */
  failed: Pod[];
  succeeded: Pod[];
}

/**
 * podsShouldBeOnNode: create a pod where one should run and none exists; delete failed and
 * succeeded pods, excess pods (all but the oldest without surge; with surge, old pods once the
 * new one is available), and every pod where none should continue running.
 */
export function podsShouldBeOnNode(node: Node, pods: Pod[] | undefined, ds: DaemonSet, hash: string, now: number): NodeDecision {
  const d: NodeDecision = { create: false, delete: [], failed: [], succeeded: [] };
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const exists = pods !== undefined && pods.length > 0;
  if (shouldRun && !exists) {
    d.create = true;
    return d;
  }
  if (shouldContinueRunning) {
    const running: Pod[] = [];
    for (const p of pods ?? []) {
      if (p.metadata?.deletionTimestamp) continue;
      if (p.status?.phase === 'Failed') d.failed.push(p);
      else if (p.status?.phase === 'Succeeded') d.succeeded.push(p);
      else running.push(p);
    }
    d.delete.push(...d.succeeded);
    running.sort(byCreationAndPhase);
    if (!allowsSurge(ds)) {
      d.delete.push(...running.slice(1));
      return d;
    }
    if (running.length <= 1) {
      if (running.length === 0 && shouldRun) d.create = true;
      return d;
    }
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const p of running) {
      if (isPodUpdated(p, hash)) {
        if (!oldestNew) {
          oldestNew = p;
          continue;
        }
      } else if (!oldestOld) {
        oldestOld = p;
        continue;
      }
      d.delete.push(p);
    }
    if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, now))) d.delete.push(oldestOld);
    return d;
  }
  if (exists) for (const p of pods ?? []) if (!p.metadata?.deletionTimestamp) d.delete.push(p);
  return d;
}

/** getUnscheduledPodsWithoutNode: unbound pods targeting nodes that do not exist. */
export function unscheduledPodsWithoutNode(nodes: readonly Node[], nodePods: NodePods): Pod[] {
  const names = new Set(nodes.map((n) => n.metadata?.name ?? ''));
  const out: Pod[] = [];
  for (const [node, pods] of nodePods) {
    if (names.has(node)) continue;
    for (const p of pods) if (!p.spec?.nodeName) out.push(p);
  }
  return out;
}

/** updatedDesiredNodeCounts: maxSurge, maxUnavailable (1 when both are 0) and the desired count; adds empty entries for nodes wanting a pod. */
export function desiredNodeCounts(ds: DaemonSet, nodes: readonly Node[], nodePods: NodePods): { maxSurge: number; maxUnavailable: number; desired: number } {
  let desired = 0;
  for (const n of nodes) {
    if (!nodeShouldRunDaemonPod(n, ds).shouldRun) continue;
    desired++;
    if (!nodePods.has(n.metadata?.name ?? '')) nodePods.set(n.metadata?.name ?? '', []);
  }
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  let maxUnavailable = scaledValue(ru?.maxUnavailable, desired, 1);
  const maxSurge = scaledValue(ru?.maxSurge, desired, 0);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desired };
}

/** findUpdatedPodsOnNode: at most one new and one old live pod, or ok=false when there are more. */
function updatedPodsOnNode(pods: readonly Pod[], hash: string): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const p of pods) {
    if (p.metadata?.deletionTimestamp) continue;
    if (isPodUpdated(p, hash)) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { newPod, oldPod, ok: true };
}

/**
 * rollingUpdate: without surge, delete old pods (unavailable ones always, available ones while
 * fewer than maxUnavailable are unavailable) and let manage recreate them; with surge, create new
 * pods beside old ones (up to maxSurge) and delete each old pod once its new one is available.
 */
export function rollingUpdatePlan(ds: DaemonSet, nodes: readonly Node[], nodePods: NodePods, hash: string, now: number): { deletePods: Pod[]; createOn: string[] } {
  const pods = new Map(nodePods);
  const { maxSurge, maxUnavailable, desired } = desiredNodeCounts(ds, nodes, pods);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const available = (p: Pod) => isPodAvailable(p, minReady, now);
  const byName = new Map(nodes.map((n) => [n.metadata?.name ?? '', n]));
  const entries = [...pods.entries()].sort((a, b) => compareStrings(a[0], b[0]));
  if (maxSurge === 0) {
    let unavailable = 0;
    const replace: Pod[] = [];
    const candidates: Pod[] = [];
    for (const [, list] of entries) {
      const { newPod, oldPod, ok } = updatedPodsOnNode(list, hash);
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
        unavailable++;
      } else if (newPod) {
        if (!available(newPod)) unavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) {
          replace.push(oldPod);
          unavailable++;
        } else if (unavailable < maxUnavailable) {
          candidates.push(oldPod);
        }
      }
    }
    const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    return { deletePods: [...replace, ...candidates.slice(0, room)], createOn: [] };
  }
  const deletePods: Pod[] = [];
  const shouldNotRun: Pod[] = [];
  const candidateNodes: string[] = [];
  const allowedNodes: string[] = [];
  let surge = 0;
  let numAvailable = 0;
  for (const [nodeName, list] of entries) {
    const { newPod, oldPod, ok } = updatedPodsOnNode(list, hash);
    if (!ok) {
      surge++;
      continue;
    }
    if (oldPod ? available(oldPod) : newPod ? available(newPod) : false) numAvailable++;
    if (!oldPod) continue;
    const node = byName.get(nodeName);
    const shouldRun = node ? nodeShouldRunDaemonPod(node, ds).shouldRun : false;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!shouldRun) deletePods.push(oldPod);
        else allowedNodes.push(nodeName);
      } else if (!shouldRun) {
        shouldNotRun.push(oldPod);
      } else if (surge < maxSurge) {
        candidateNodes.push(nodeName);
      }
      continue;
    }
    if (!available(newPod)) {
      surge++;
      continue;
    }
    deletePods.push(oldPod);
  }
  const deletable = Math.min(numAvailable - desired, shouldNotRun.length);
  if (deletable > 0) deletePods.push(...shouldNotRun.slice(0, deletable));
  const room = Math.min(Math.max(0, maxSurge - surge), candidateNodes.length);
  return { deletePods, createOn: [...allowedNodes, ...candidateNodes.slice(0, room)] };
}

/** The DaemonSet status counters. */
export interface DaemonSetCounts {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
}

/** updateDaemonSetStatus's counting: per node, the oldest daemon pod decides readiness and update state. */
export function daemonSetCounts(ds: DaemonSet, nodes: readonly Node[], nodePods: NodePods, hash: string, now: number): DaemonSetCounts {
  const c: DaemonSetCounts = { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 0 };
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    const pods = nodePods.get(node.metadata?.name ?? '') ?? [];
    if (!shouldRun) {
      if (pods.length) c.numberMisscheduled++;
      continue;
    }
    c.desiredNumberScheduled++;
    if (!pods.length) continue;
    c.currentNumberScheduled++;
    const pod = [...pods].sort(byCreationAndPhase)[0];
    if (isPodReady(pod)) {
      c.numberReady++;
      if (isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, now)) c.numberAvailable++;
    }
    if (isPodUpdated(pod, hash)) c.updatedNumberScheduled++;
  }
  c.numberUnavailable = c.desiredNumberScheduled - c.numberAvailable;
  return c;
}
