/**
 * Scaling outside a rollout (upstream `sync.go` `scale` and `cleanupDeployment`): when the
 * deployment's size changes mid-rollout (or while paused), every active ReplicaSet grows or
 * shrinks in proportion to its size, larger ones first; and old, fully scaled-down ReplicaSets
 * beyond revisionHistoryLimit are picked for deletion.
 */
import type { Deployment, ReplicaSet } from '../../api/types.js';
import { specReplicas } from '../replicaset/status.js';
import { hasRevisionHistoryLimit } from './conditions.js';
import { activeReplicaSets, bySizeNewer, bySizeOlder, desiredReplicas, maxSurge, proportion, replicaCount } from './replicas.js';
import { byRevision } from './revision.js';

/** The outcome of a proportional scale: each active ReplicaSet's new size, in write order. */
export interface ProportionalPlan {
  operation: 'up' | 'down' | '';
  sizes: { rs: ReplicaSet; to: number }[];
}

/**
 * The proportional part of `scale`: distributes (replicas + maxSurge) − current among the active
 * ReplicaSets by their share of max-replicas, newer first when growing and older first when
 * shrinking; leftovers go to the first (largest) one.
 */
export function planProportionalScale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ProportionalPlan {
  const all = activeReplicaSets([...oldRSs, newRS]);
  const current = replicaCount(all);
  const allowed = desiredReplicas(d) > 0 ? desiredReplicas(d) + maxSurge(d) : 0;
  const toAdd = allowed - current;
  let operation: ProportionalPlan['operation'] = '';
  if (toAdd > 0) {
    all.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    all.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return { rs, to: specReplicas(rs) };
    const p = proportion(rs, d, toAdd, added);
    added += p;
    return { rs, to: specReplicas(rs) + p };
  });
  if (sizes.length && toAdd !== 0) sizes[0].to = Math.max(0, sizes[0].to + toAdd - added);
  return { operation, sizes };
}

/** cleanupDeployment: the old ReplicaSets to delete so that at most revisionHistoryLimit remain. */
export function replicaSetsToCleanUp(d: Deployment, oldRSs: readonly ReplicaSet[]): ReplicaSet[] {
  if (!hasRevisionHistoryLimit(d)) return [];
  const alive = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
  const diff = alive.length - (d.spec?.revisionHistoryLimit ?? 0);
  if (diff <= 0) return [];
  return [...alive]
    .sort(byRevision)
    .slice(0, diff)
    .filter(
      (rs) =>
        (rs.status?.replicas ?? 0) === 0 &&
        specReplicas(rs) === 0 &&
        (rs.metadata?.generation ?? 0) <= (rs.status?.observedGeneration ?? 0),
    );
}
