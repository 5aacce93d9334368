/**
 * The scheduler's writes to a pod's status after a failed attempt (upstream's updatePod with
 * podutil.UpdatePodCondition): `PodScheduled=False` with the reason and message, keeping the
 * lastTransitionTime while the status stays False, and nothing at all when nothing changed.
 */
import { rfc3339 } from '../api/meta.js';
import type { Pod, PodCondition } from '../api/types.js';

/** PodReasonUnschedulable / PodReasonSchedulerError. */
export type FailureReason = 'Unschedulable' | 'SchedulerError';

/**
 * The strategic-merge patch for pods/status that records the failure, or undefined when the
 * pod already shows exactly this condition (and nomination).
 */
export function failureStatusPatch(pod: Pod, reason: FailureReason, message: string, nominatedNodeName?: string, now = Date.now()): Record<string, unknown> | undefined {
  const old = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
  const condChanged = !old || old.status !== 'False' || old.reason !== reason || old.message !== message;
  const nnnChanged = nominatedNodeName !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNodeName;
  if (!condChanged && !nnnChanged) return undefined;
  const status: Record<string, unknown> = {};
  if (condChanged) {
    const cond: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null as unknown as string,
      lastTransitionTime: old && old.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(now),
      reason,
      message,
    };
    status.conditions = [cond];
  }
  if (nnnChanged) status.nominatedNodeName = nominatedNodeName || null;
  return { status };
}

/** The condition the scheduler puts on a pod it is about to evict for a higher-priority one. */
export function disruptionTargetPatch(victim: Pod, schedulerName: string, now = Date.now()): Record<string, unknown> | undefined {
  const old = (victim.status?.conditions ?? []).find((c) => c.type === 'DisruptionTarget');
  const message = `${schedulerName}: preempting to accommodate a higher priority pod`;
  if (old && old.status === 'True' && old.reason === 'PreemptionByScheduler' && old.message === message) return undefined;
  const cond: PodCondition = {
    type: 'DisruptionTarget',
    status: 'True',
    lastProbeTime: null as unknown as string,
    lastTransitionTime: old?.status === 'True' && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(now),
    reason: 'PreemptionByScheduler',
    message,
  };
  return { status: { conditions: [cond] } };
}
