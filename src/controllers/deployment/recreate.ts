/**
 * The Recreate strategy (upstream `recreate.go`): scale every old ReplicaSet to zero, wait until
 * none of their pods is left running (terminating ones included), and only then create and scale
 * up the new ReplicaSet.
 */
import type { Deployment, Pod, ReplicaSet } from '../../api/types.js';
import { deploymentComplete } from './conditions.js';
import { activeReplicaSets, actualReplicaCount, desiredReplicas } from './replicas.js';
import type { DeploymentSync } from './sync.js';

/** oldPodsRunning: an old ReplicaSet reports replicas, or one of its pods is not Succeeded/Failed. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: ReadonlyMap<string, readonly Pod[]>): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata?.uid === uid) continue;
    for (const p of pods) {
      const phase = p.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}

/** rolloutRecreate: one step of a Recreate rollout. */
export async function rolloutRecreate(s: DeploymentSync, d: Deployment, rsList: ReplicaSet[], podMap: ReadonlyMap<string, readonly Pod[]>): Promise<void> {
  let { newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(d, rsList, false);
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if ((await s.scaleReplicaSet(rs, 0, d)).scaled) scaledDown = true;
  }
  if (scaledDown) return s.syncRolloutStatus(s.current([...oldRSs, newRS]), s.current([newRS])[0], d);
  if (oldPodsRunning(newRS, s.current(oldRSs) as ReplicaSet[], podMap)) {
    return s.syncRolloutStatus(s.current([...oldRSs, newRS]), s.current([newRS])[0], d);
  }
  if (!newRS) ({ newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(d, rsList, true));
  await s.scaleReplicaSet(newRS!, desiredReplicas(d), d);
  if (deploymentComplete(d, d.status ?? {})) await s.cleanupDeployment(s.current(oldRSs) as ReplicaSet[], d);
  return s.syncRolloutStatus(s.current([...oldRSs, newRS]), s.current([newRS])[0], d);
}
