/**
 * Rollout progress (upstream `progress.go`): the status a rollout sync writes, with the
 * `Progressing` condition (NewReplicaSetAvailable / ReplicaSetUpdated / ProgressDeadlineExceeded)
 * and ReplicaFailure promoted from the ReplicaSets, and when to look again for a stuck rollout.
 */
import type { Deployment, ReplicaSet } from '../../api/types.js';
import { timeOf } from '../replicaset/pod-utils.js';
import {
  calculateStatus,
  compactStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  type DeploymentStatus,
  getCondition,
  hasProgressDeadline,
  newCondition,
  REASON,
  removeCondition,
  setCondition,
} from './conditions.js';

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure conditions, else the old ones'. */
export function replicaFailures(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): NonNullable<DeploymentStatus['conditions']> {
  const convert = (rs: ReplicaSet) =>
    (rs.status?.conditions ?? [])
      .filter((c) => c.type === 'ReplicaFailure')
      .map((c) => ({ type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime, reason: c.reason, message: c.message }));
  if (newRS) {
    const own = convert(newRS);
    if (own.length) return own;
  }
  return allRSs.flatMap((rs) => (rs ? convert(rs) : []));
}

/** The status syncRolloutStatus writes (it writes nothing when this equals the current status). */
export function rolloutStatus(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, now = Date.now()): DeploymentStatus {
  const s = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(s, 'Progressing');
  const cur = getCondition(d.status, 'Progressing');
  const isComplete = (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && cur?.reason === REASON.newRSAvailable;
  if (hasProgressDeadline(d) && !isComplete) {
    const name = d.metadata?.name ?? '';
    if (deploymentComplete(d, s)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata?.name}" has successfully progressed.` : `Deployment "${name}" has successfully progressed.`;
      setCondition(s, newCondition('Progressing', 'True', REASON.newRSAvailable, msg, now));
    } else if (deploymentProgressing(d, s)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata?.name}" is progressing.` : `Deployment "${name}" is progressing.`;
      const c = newCondition('Progressing', 'True', REASON.replicaSetUpdated, msg, now);
      if (cur) {
        if (cur.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
        removeCondition(s, 'Progressing');
      }
      setCondition(s, c);
    } else if (deploymentTimedOut(d, s, now)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata?.name}" has timed out progressing.` : `Deployment "${name}" has timed out progressing.`;
      setCondition(s, newCondition('Progressing', 'False', REASON.timedOut, msg, now));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  if (failures.length) setCondition(s, failures[0]);
  else removeCondition(s, 'ReplicaFailure');
  return compactStatus(s);
}

/**
 * requeueStuckDeployment: milliseconds until the progress deadline should be checked again
 * (plus a second of slack), 0 to check now, or -1 when no check is needed.
 */
export function progressCheckDelay(d: Deployment, s: DeploymentStatus, now = Date.now()): number {
  const cur = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !cur) return -1;
  if (deploymentComplete(d, s) || cur.reason === REASON.timedOut) return -1;
  const after = timeOf(cur.lastUpdateTime) + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - now;
  if (after < 1000) return 0;
  return after + 1000;
}
