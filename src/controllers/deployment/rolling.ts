/**
 * The RollingUpdate strategy (upstream `rolling.go`): scale the new ReplicaSet up as far as
 * maxSurge allows, otherwise scale old ones down as far as maxUnavailable allows (unhealthy
 * replicas first), then clean up history once the rollout is complete. The step computations
 * are pure functions over plain ReplicaSets; `rolloutRolling` applies them.
 */
import type { Deployment, ReplicaSet } from '../../api/types.js';
import { specReplicas } from '../replicaset/status.js';
import { deploymentComplete } from './conditions.js';
import { activeReplicaSets, availableReplicaCount, byCreationTimestamp, desiredReplicas, maxUnavailable, newRSNewReplicas, replicaCount } from './replicas.js';
import type { DeploymentSync } from './sync.js';

/** One planned resize. */
export interface ScaleStep {
  rs: ReplicaSet;
  to: number;
}

/** reconcileNewReplicaSet: the size the new ReplicaSet should get now, or undefined to leave it. */
export function newReplicaSetScale(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number | undefined {
  const replicas = desiredReplicas(d);
  const cur = specReplicas(newRS);
  if (cur === replicas) return undefined;
  if (cur > replicas) return replicas;
  const next = newRSNewReplicas(d, allRSs, newRS);
  return next === cur ? undefined : next;
}

/**
 * maxScaledDown: how many old replicas may go without dropping below minAvailable, counting the
 * new ReplicaSet's unavailable pods as already missing.
 */
export function maxScaledDown(d: Deployment, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  if (replicaCount(oldRSs) === 0) return 0;
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  return replicaCount(allRSs) - minAvailable - newUnavailable;
}

function withReplicas(rs: ReplicaSet, n: number): ReplicaSet {
  return { ...rs, spec: { ...rs.spec!, replicas: n } };
}

/** cleanupUnhealthyReplicas: drop unavailable replicas of old ReplicaSets (oldest first), at most maxCleanup. */
export function planCleanupUnhealthy(oldRSs: readonly ReplicaSet[], maxCleanup: number): ScaleStep[] {
  const steps: ScaleStep[] = [];
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= maxCleanup) break;
    const replicas = specReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const n = Math.min(maxCleanup - total, replicas - available);
    steps.push({ rs, to: replicas - n });
    total += n;
  }
  return steps;
}

/** scaleDownOldReplicaSetsForRollingUpdate: scale old ReplicaSets (oldest first) down to the available surplus. */
export function planScaleDownOld(d: Deployment, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[]): ScaleStep[] {
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return [];
  const steps: ScaleStep[] = [];
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= budget) break;
    const replicas = specReplicas(rs);
    if (replicas === 0) continue;
    const n = Math.min(replicas, budget - total);
    steps.push({ rs, to: replicas - n });
    total += n;
  }
  return steps;
}

/**
 * reconcileOldReplicaSets as a plan: the unhealthy clean-up steps, then the scale-down steps
 * (a ReplicaSet may appear in both, as upstream writes it twice).
 */
export function planOldReplicaSets(d: Deployment, allRSs: readonly ReplicaSet[], activeOld: readonly ReplicaSet[], newRS: ReplicaSet): ScaleStep[] {
  const max = maxScaledDown(d, allRSs, activeOld, newRS);
  if (max <= 0) return [];
  const cleanup = planCleanupUnhealthy(activeOld, max);
  const after = activeOld.map((rs) => {
    const step = cleanup.find((s) => s.rs === rs);
    return step ? withReplicas(rs, step.to) : rs;
  });
  const down = planScaleDownOld(d, [...after, newRS], after).map((s) => {
    const orig = activeOld[after.indexOf(s.rs)];
    return { rs: orig, to: s.to };
  });
  return [...cleanup, ...down];
}

/** rolloutRolling: one step of a rolling update. */
export async function rolloutRolling(s: DeploymentSync, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(d, rsList, true);
  const allRSs = [...oldRSs, newRS!];
  const target = newReplicaSetScale(d, allRSs, newRS!);
  if (target !== undefined) {
    const { scaled } = await s.scaleReplicaSet(newRS!, target, d);
    if (scaled) return s.syncRolloutStatus(s.current(allRSs), s.current([newRS!])[0], d);
  }
  let scaledDown = false;
  try {
    for (const step of planOldReplicaSets(d, allRSs, activeReplicaSets(oldRSs), newRS!)) {
      if ((await s.scaleReplicaSet(step.rs, step.to, d)).scaled) scaledDown = true;
    }
  } catch {
    // As upstream: a failed scale-down is retried on the next sync, not reported.
  }
  if (scaledDown) return s.syncRolloutStatus(s.current(allRSs), s.current([newRS!])[0], d);
  if (deploymentComplete(d, d.status ?? {})) await s.cleanupDeployment(s.current(oldRSs), d);
  return s.syncRolloutStatus(s.current(allRSs), s.current([newRS!])[0], d);
}
