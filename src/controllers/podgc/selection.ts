/**
 * Which pods the pod garbage collector deletes (upstream pkg/controller/podgc): terminated pods
 * beyond the threshold (evicted first, then oldest), terminating pods on out-of-service nodes
 * that are not Ready, pods bound to nodes that no longer exist, and terminating pods that were
 * never scheduled; plus the status the pod gets before its forced deletion.
 */
import type { Node, Pod, PodCondition } from '../../api/types.js';
import { compareStrings } from '../../api/labels.js';
import { timeOf } from '../nodelifecycle/podutil.js';
import { TAINT_OUT_OF_SERVICE, taintKeyExists } from '../nodelifecycle/taints.js';

/** The DisruptionTarget condition of a pod deleted because its node is gone. */
export const ORPHANED_CONDITION: PodCondition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' };

/** isPodTerminated: any phase but Pending, Running and Unknown. */
export function isPodTerminated(pod: Pod): boolean {
  const p = pod.status?.phase;
  return p !== 'Pending' && p !== 'Running' && p !== 'Unknown';
}

/** eviction.PodIsEvicted: Failed with reason Evicted. */
export function isPodEvicted(pod: Pod): boolean {
  return pod.status?.phase === 'Failed' && pod.status?.reason === 'Evicted';
}

/** byEvictionAndCreationTimestamp: evicted pods first, then by creation time, then by name. */
export function byEvictionAndCreation(a: Pod, b: Pod): number {
  const ea = isPodEvicted(a);
  const eb = isPodEvicted(b);
  if (ea !== eb) return ea ? -1 : 1;
  const ta = timeOf(a.metadata?.creationTimestamp) ?? 0;
  const tb = timeOf(b.metadata?.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return compareStrings(a.metadata?.name ?? '', b.metadata?.name ?? '');
}

/** gcTerminated: the terminated pods beyond `threshold`, in deletion order (none when threshold <= 0). */
export function terminatedPodsToDelete(pods: readonly Pod[], threshold: number): Pod[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter(isPodTerminated);
  const n = terminated.length - threshold;
  if (n <= 0) return [];
  return terminated.sort(byEvictionAndCreation).slice(0, n);
}

/** IsNodeReady: the Ready condition is True. */
export function isNodeReady(node: Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** gcTerminating: terminating pods whose node is not Ready and carries the out-of-service taint. */
export function terminatingPodsOnOutOfServiceNodes(pods: readonly Pod[], node: (name: string) => Node | undefined): Pod[] {
  const out = pods.filter((p) => {
    if (!p.metadata?.deletionTimestamp) return false;
    const n = node(p.spec?.nodeName ?? '');
    return !!n && !isNodeReady(n) && taintKeyExists(n.spec?.taints, TAINT_OUT_OF_SERVICE);
  });
  return out.sort(byEvictionAndCreation);
}

/** The node names pods are bound to that are not among `existing`. */
export function missingNodes(pods: readonly Pod[], existing: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const p of pods) {
    const n = p.spec?.nodeName;
    if (n && !existing.has(n)) out.add(n);
  }
  return out;
}

/** gcUnscheduledTerminating: terminating pods never bound to a node. */
export function unscheduledTerminatingPods(pods: readonly Pod[]): Pod[] {
  return pods.filter((p) => !!p.metadata?.deletionTimestamp && !p.spec?.nodeName);
}

/**
 * markFailedAndDeletePod's status change: a pod not yet terminal becomes Failed (with the
 * condition, if any); undefined when the pod is already Succeeded or Failed.
 */
export function failedStatusPatch(pod: Pod, condition?: PodCondition, now: string = new Date().toISOString().slice(0, 19) + 'Z'): { status: Record<string, unknown> } | undefined {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const status: Record<string, unknown> = { phase: 'Failed' };
  if (condition) {
    const old = pod.status?.conditions?.find((c) => c.type === condition.type);
    const keep = old && old.status === condition.status;
    status['conditions'] = [{ ...condition, lastTransitionTime: keep ? old.lastTransitionTime : now }];
  }
  return { status };
}
