/**
 * The deployment controller's writes (upstream `sync.go` / `progress.go`), for one sync of one
 * deployment: finding or creating the new ReplicaSet and keeping revisions in step, resizing
 * ReplicaSets (with `ScalingReplicaSet` events), proportional scaling, history clean-up, the
 * paused conditions and the status writes. ReplicaSets written during the sync replace their
 * cached copies for the rest of it.
 */
import { isApiError } from '../../api/errors.js';
import { clone, deepEqual } from '../../api/meta.js';
import type { Deployment, ReplicaSet } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../../client/events.js';
import type { Informer } from '../../client/informer.js';
import { objectKey } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { newControllerRef } from '../replicaset/pod-template.js';
import { errorMessage, specReplicas } from '../replicaset/status.js';
import { calculateStatus, compactStatus, getCondition, hasProgressDeadline, newCondition, REASON, setCondition } from './conditions.js';
import { computeHash, equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from './pod-template-hash.js';
import { progressCheckDelay, rolloutStatus } from './progress.js';
import { activeReplicaSets, byCreationTimestamp, desiredReplicasAnnotation, findActiveOrLatest, isRollingUpdate, isSaturated, newRSNewReplicas } from './replicas.js';
import {
  maxRevision,
  REVISION_ANNOTATION,
  replicasAnnotationsNeedUpdate,
  replicasAnnotationValues,
  ROLLBACK_TO_ANNOTATION,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './revision.js';
import { planProportionalScale, replicaSetsToCleanUp } from './scale.js';

/** What a sync needs from its controller. */
export interface SyncDeps {
  client: Client;
  recorder: EventRecorder;
  replicaSets: Informer<ReplicaSet>;
  enqueueAfter(key: string, ms: number): void;
  enqueueRateLimited(key: string): void;
  now(): number;
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the deployment's (ignoring the hash). */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets (all of them): every ReplicaSet but the new one. */
export function findOldReplicaSets(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => !newRS || rs.metadata?.uid !== newRS.metadata?.uid);
}

export class DeploymentSync {
  private fresh = new Map<string, ReplicaSet>();

  constructor(private deps: SyncDeps) {}

  /** The latest version of each ReplicaSet this sync has written. */
  current<T extends ReplicaSet | undefined>(rss: readonly T[]): T[] {
    return rss.map((rs) => (rs ? ((this.fresh.get(rs.metadata?.uid ?? '') ?? rs) as T) : rs));
  }

  private remember(rs: ReplicaSet): ReplicaSet {
    this.fresh.set(rs.metadata?.uid ?? '', rs);
    return rs;
  }

  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked) and all old ones. */
  async getAllReplicaSetsAndSyncRevision(d: Deployment, rsList: ReplicaSet[], create: boolean): Promise<{ newRS?: ReplicaSet; oldRSs: ReplicaSet[] }> {
    const list = this.current(rsList);
    const oldRSs = findOldReplicaSets(d, list);
    const newRS = await this.getNewReplicaSet(d, list, oldRSs, create);
    return { newRS, oldRSs };
  }

  private async getNewReplicaSet(d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): Promise<ReplicaSet | undefined> {
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = String(maxRevision(oldRSs) + 1);
    const now = this.deps.now();
    if (existing) {
      const copy = clone(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0)) {
        if (d.spec?.minReadySeconds) copy.spec!.minReadySeconds = d.spec.minReadySeconds;
        else delete copy.spec!.minReadySeconds;
        return this.remember(await this.deps.client.update(R.replicasets, copy.metadata!.namespace!, copy));
      }
      let needsUpdate = setDeploymentRevision(d, copy.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        setCondition((d.status ??= {}), newCondition('Progressing', 'True', REASON.foundNewRS, `Found new replica set "${copy.metadata?.name}"`, now));
        needsUpdate = true;
      }
      if (needsUpdate) await this.updateDeploymentStatus(d);
      return copy;
    }
    if (!create) return undefined;

    const template = clone(d.spec!.template);
    const hash = computeHash(template, d.status?.collisionCount);
    const tm = (template.metadata ??= {});
    tm.labels = { ...(tm.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const selector = clone(d.spec!.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const dm = d.metadata!;
    const name = `${dm.name}-${hash}`;
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: dm.namespace,
        ownerReferences: [newControllerRef('apps/v1', 'Deployment', dm.name!, dm.uid!)],
        labels: { ...tm.labels },
      },
      spec: { replicas: 0, selector, template },
    };
    if (d.spec?.minReadySeconds) newRS.spec!.minReadySeconds = d.spec.minReadySeconds;
    const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec!.replicas = count;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = await this.deps.client.create(R.replicasets, dm.namespace!, newRS);
    } catch (err) {
      if (isApiError(err, 'AlreadyExists')) {
        const rs = this.deps.replicaSets.get(dm.namespace!, name) ?? (await this.deps.client.get<ReplicaSet>(R.replicasets, dm.namespace!, name));
        const ref = rs.metadata?.ownerReferences?.find((o) => o.controller);
        if (ref?.uid === dm.uid && equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
          created = rs;
          alreadyExists = true;
        } else {
          // A hash collision: bump collisionCount so the next attempt gets another name.
          const st = (d.status ??= {});
          st.collisionCount = (st.collisionCount ?? 0) + 1;
          await this.updateDeploymentStatus(d).catch(() => undefined);
          throw err;
        }
      } else if (isApiError(err) && (err.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating')) {
        throw err;
      } else {
        const msg = `Failed to create new replica set "${name}": ${errorMessage(err)}`;
        if (hasProgressDeadline(d)) {
          setCondition((d.status ??= {}), newCondition('Progressing', 'False', REASON.failedRSCreate, msg, now));
          await this.updateDeploymentStatus(d).catch(() => undefined);
        }
        this.deps.recorder.event(d, 'Warning', REASON.failedRSCreate, msg);
        throw err;
      }
    }
    this.remember(created);
    if (!alreadyExists && count > 0) this.deps.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} to ${count}`);
    let needsUpdate = setDeploymentRevision(d, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'True', REASON.newReplicaSet, `Created new replica set "${name}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) await this.updateDeploymentStatus(d);
    return created;
  }

  /** scaleReplicaSet: writes a new size (and the replicas annotations); records ScalingReplicaSet. */
  async scaleReplicaSet(rs0: ReplicaSet, newScale: number, d: Deployment, operation?: string): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const rs = this.current([rs0])[0];
    const oldScale = specReplicas(rs);
    const sizeNeedsUpdate = oldScale !== newScale;
    const [desired, max] = replicasAnnotationValues(d);
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const copy = clone(rs);
    copy.spec!.replicas = newScale;
    setReplicasAnnotations(copy, desired, max);
    const updated = this.remember(await this.deps.client.update(R.replicasets, copy.metadata!.namespace!, copy));
    if (sizeNeedsUpdate) {
      const op = operation ?? (oldScale < newScale ? 'up' : 'down');
      this.deps.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${updated.metadata?.name} to ${newScale} from ${oldScale}`);
    }
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  /** scale: resizes for a scaling event (or while paused), proportionally during a rollout. */
  async scale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
    const replicas = d.spec?.replicas ?? 1;
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (specReplicas(activeOrLatest) === replicas) return;
      await this.scaleReplicaSet(activeOrLatest, replicas, d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) await this.scaleReplicaSet(old, 0, d);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const plan = planProportionalScale(d, newRS, oldRSs);
    for (const { rs, to } of plan.sizes) await this.scaleReplicaSet(rs, to, d, plan.operation);
  }

  /** cleanupDeployment: deletes old ReplicaSets beyond revisionHistoryLimit. */
  async cleanupDeployment(oldRSs: ReplicaSet[], d: Deployment): Promise<void> {
    for (const rs of replicaSetsToCleanUp(d, this.current(oldRSs))) {
      await this.deps.client.tryDelete(R.replicasets, rs.metadata!.namespace!, rs.metadata!.name!);
    }
  }

  /** syncDeploymentStatus: writes calculateStatus when it differs. */
  async syncDeploymentStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
    const next = calculateStatus(allRSs, newRS, d, this.deps.now());
    if (deepEqual(compactStatus(d.status ?? {}), next)) return;
    d.status = next;
    await this.updateDeploymentStatus(d);
  }

  /** syncRolloutStatus: writes the rollout status, or schedules the next progress-deadline check. */
  async syncRolloutStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
    const now = this.deps.now();
    const next = rolloutStatus(d, allRSs, newRS, now);
    if (deepEqual(compactStatus(d.status ?? {}), next)) {
      const delay = progressCheckDelay(d, next, now);
      if (delay === 0) this.deps.enqueueRateLimited(objectKey(d));
      else if (delay > 0) this.deps.enqueueAfter(objectKey(d), delay);
      return;
    }
    d.status = next;
    await this.updateDeploymentStatus(d);
  }

  /** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
  async checkPausedConditions(d: Deployment): Promise<void> {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === REASON.timedOut) return;
    const pausedCond = cond?.reason === REASON.paused;
    const now = this.deps.now();
    if (d.spec?.paused && !pausedCond) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', now));
    } else if (!d.spec?.paused && pausedCond) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', now));
    } else return;
    await this.updateDeploymentStatus(d);
  }

  /** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas. */
  async isScalingEvent(d: Deployment, rsList: ReplicaSet[]): Promise<boolean> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    for (const rs of activeReplicaSets([...oldRSs, newRS])) {
      const desired = desiredReplicasAnnotation(rs);
      if (desired !== undefined && desired !== (d.spec?.replicas ?? 1)) return true;
    }
    return false;
  }

  /** sync: reconciles scaling events and paused deployments (no rollout). */
  async sync(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    await this.scale(d, newRS, oldRSs);
    if (d.spec?.paused && d.metadata?.annotations?.[ROLLBACK_TO_ANNOTATION] === undefined) await this.cleanupDeployment(oldRSs, d);
    await this.syncDeploymentStatus(this.current([...oldRSs, newRS]), this.current([newRS])[0], d);
  }

  /** syncStatusOnly: a status write with no other action (deployments being deleted). */
  async syncStatusOnly(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    await this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  /**
   * UpdateStatus of the deployment. Upstream's status strategy keeps metadata, which is how the
   * deployment gets its revision annotation; when this server's status write drops it, the
   * annotation is written with a metadata patch.
   */
  async updateDeploymentStatus(d: Deployment): Promise<void> {
    const ns = d.metadata!.namespace!;
    const body: Deployment = { ...d, status: compactStatus(d.status ?? {}) };
    const written = await this.deps.client.updateStatus(R.deployments, ns, body);
    d.metadata!.resourceVersion = written.metadata?.resourceVersion;
    const want = d.metadata?.annotations?.[REVISION_ANNOTATION];
    if (want !== undefined && written.metadata?.annotations?.[REVISION_ANNOTATION] !== want) {
      const patched = await this.deps.client.patch<Deployment>(R.deployments, ns, d.metadata!.name!, 'merge', { metadata: { annotations: { [REVISION_ANNOTATION]: want } } });
      d.metadata!.resourceVersion = patched.metadata?.resourceVersion;
    }
  }
}

/** SetDeploymentRevision: sets the deployment's revision annotation; true when it changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const a = ((d.metadata ??= {}).annotations ??= {});
  if (a[REVISION_ANNOTATION] === revision) return false;
  a[REVISION_ANNOTATION] = revision;
  return true;
}
