/**
 * Deployment controller, as upstream's `pkg/controller/deployment`: drives a Deployment's
 * ReplicaSets — claims them through controller references, then (in upstream's order) syncs
 * status only while deleting, scales while paused or on a scaling event, and otherwise rolls out
 * with the RollingUpdate or Recreate strategy. Rollback is kubectl's client-side template patch,
 * after which the matching old ReplicaSet is found again and gets the next revision. Event
 * handlers only enqueue; a sync reads the informer caches.
 */
import { controllerRef } from '../../api/meta.js';
import { type Selector, selectorFromLabelSelector } from '../../api/labels.js';
import type { Deployment, OwnerReference, Pod, ReplicaSet } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import { EventRecorder } from '../../client/events.js';
import { type Informer, type InformerFactory, objectKey } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue } from '../../client/workqueue.js';
import { logger } from '../../util/log.js';
import { adoptPatch, claimCandidates, claimObjects, CONTROLLER_UID_INDEX, ensureOwnerIndexes, ignoreReleaseError, releasePatch } from '../replicaset/owners.js';
import { newControllerRef } from '../replicaset/pod-template.js';
import { DelayedRequeue } from '../replicaset/requeue.js';
import { errorMessage } from '../replicaset/status.js';
import { rolloutRecreate } from './recreate.js';
import { rolloutRolling } from './rolling.js';
import { DeploymentSync } from './sync.js';

const log = logger('deployment-controller');

/** Options of the Deployment controller. */
export interface DeploymentControllerOptions {
  /** Event recorder (default: component `deployment-controller`). */
  recorder?: EventRecorder;
  /** The clock (tests). */
  now?: () => number;
}

export class DeploymentController {
  private queue = new WorkQueue<string>({ baseDelayMs: 5, maxDelayMs: 60_000 });
  private delayed = new DelayedRequeue(this.queue);
  private dInf: Informer<Deployment>;
  private rsInf: Informer<ReplicaSet>;
  private podInf: Informer<Pod>;
  private recorder: EventRecorder;
  private now: () => number;
  private workers?: Promise<unknown>;

  constructor(
    private client: Client,
    informers: InformerFactory,
    opts: DeploymentControllerOptions = {},
  ) {
    this.dInf = informers.for<Deployment>(R.deployments);
    this.rsInf = informers.for<ReplicaSet>(R.replicasets);
    this.podInf = informers.for<Pod>(R.pods);
    ensureOwnerIndexes(this.rsInf);
    ensureOwnerIndexes(this.podInf);
    this.recorder = opts.recorder ?? new EventRecorder(client, 'deployment-controller');
    this.now = opts.now ?? Date.now;
    this.dInf.on({
      add: (d) => this.queue.add(objectKey(d)),
      update: (_o, d) => this.queue.add(objectKey(d)),
      delete: (d) => this.queue.add(objectKey(d)),
    });
    this.rsInf.on({
      add: (rs) => this.addReplicaSet(rs),
      update: (o, rs) => this.updateReplicaSet(o, rs),
      delete: (rs) => this.enqueueOwner(rs.metadata?.namespace ?? '', controllerRef(rs)),
    });
    this.podInf.on({ delete: (p) => this.deletePod(p) });
  }

  run(workers = 5): void {
    const start = async (): Promise<void> => {
      await Promise.all([this.dInf.waitForSync(), this.rsInf.waitForSync(), this.podInf.waitForSync()]);
      await this.queue.run(workers, (key) => this.sync(key), (key, err) => log.debug({ key, err: errorMessage(err) }, 'sync failed'));
    };
    this.workers = start();
  }

  stop(): void {
    this.delayed.stop();
    this.queue.shutdown();
  }

  /** Resolves when the workers have returned after stop(). */
  async settled(): Promise<void> {
    await this.workers;
    await this.recorder.flush();
  }

  // ---- event handlers ---------------------------------------------------------------------

  private resolve(namespace: string, ref: OwnerReference | undefined): Deployment | undefined {
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.dInf.get(namespace, ref.name);
    return d && d.metadata?.uid === ref.uid ? d : undefined;
  }

  private enqueueOwner(namespace: string, ref: OwnerReference | undefined): void {
    const d = this.resolve(namespace, ref);
    if (d) this.queue.add(objectKey(d));
  }

  /** Deployments whose (non-empty) selector matches the ReplicaSet's labels. */
  private deploymentsForReplicaSet(rs: ReplicaSet): Deployment[] {
    return this.dInf.list(rs.metadata?.namespace ?? '').filter((d) => {
      try {
        const sel = selectorFromLabelSelector(d.spec?.selector);
        return !sel.empty && sel.matches(rs.metadata?.labels);
      } catch {
        return false;
      }
    });
  }

  private addReplicaSet(rs: ReplicaSet): void {
    const ref = controllerRef(rs);
    if (ref) return this.enqueueOwner(rs.metadata?.namespace ?? '', ref);
    if (rs.metadata?.deletionTimestamp) return;
    for (const d of this.deploymentsForReplicaSet(rs)) this.queue.add(objectKey(d));
  }

  private updateReplicaSet(old: ReplicaSet, cur: ReplicaSet): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const ns = cur.metadata?.namespace ?? '';
    const curRef = controllerRef(cur);
    const oldRef = controllerRef(old);
    const refChanged = JSON.stringify(curRef ?? null) !== JSON.stringify(oldRef ?? null);
    if (refChanged && oldRef) this.enqueueOwner(ns, oldRef);
    if (curRef) return this.enqueueOwner(ns, curRef);
    const labelChanged = JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {});
    if (labelChanged || refChanged) for (const d of this.deploymentsForReplicaSet(cur)) this.queue.add(objectKey(d));
  }

  /** A Recreate deployment is synced once its last pod is gone. */
  private deletePod(pod: Pod): void {
    const ns = pod.metadata?.namespace ?? '';
    const rsRef = controllerRef(pod);
    if (!rsRef || rsRef.kind !== 'ReplicaSet') return;
    const rs = this.rsInf.get(ns, rsRef.name);
    if (!rs || rs.metadata?.uid !== rsRef.uid) return;
    const d = this.resolve(ns, controllerRef(rs));
    if (!d || d.spec?.strategy?.type !== 'Recreate') return;
    const pods = this.rsInf.byIndex(CONTROLLER_UID_INDEX, d.metadata?.uid ?? '').reduce((n, x) => n + this.podInf.byIndex(CONTROLLER_UID_INDEX, x.metadata?.uid ?? '').length, 0);
    if (pods === 0) this.queue.add(objectKey(d));
  }

  // ---- sync --------------------------------------------------------------------------------

  /** syncDeployment: one reconciliation of the deployment `namespace/name`. */
  async sync(key: string): Promise<void> {
    const cached = this.dInf.getByKey(key);
    if (!cached) return;
    const d = structuredClone(cached);
    d.apiVersion ??= 'apps/v1';
    d.kind ??= 'Deployment';
    const s = new DeploymentSync({
      client: this.client,
      recorder: this.recorder,
      replicaSets: this.rsInf,
      enqueueAfter: (k, ms) => this.delayed.addAfter(k, ms),
      enqueueRateLimited: (k) => this.queue.addRateLimited(k),
      now: this.now,
    });
    const sel = d.spec?.selector;
    if (sel && !(sel.matchLabels && Object.keys(sel.matchLabels).length) && !sel.matchExpressions?.length) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        (d.status ??= {}).observedGeneration = d.metadata?.generation;
        await s.updateDeploymentStatus(d);
      }
      return;
    }
    let selector: Selector;
    try {
      selector = selectorFromLabelSelector(sel);
    } catch (err) {
      log.warn({ key, err: errorMessage(err) }, 'invalid selector');
      return;
    }
    const rsList = await this.claimReplicaSets(d, selector);
    const podMap = this.podMap(rsList);
    if (d.metadata?.deletionTimestamp) return s.syncStatusOnly(d, rsList);
    await s.checkPausedConditions(d);
    if (d.spec?.paused) return s.sync(d, rsList);
    if (await s.isScalingEvent(d, rsList)) return s.sync(d, rsList);
    if (d.spec?.strategy?.type === 'Recreate') return rolloutRecreate(s, d, rsList, podMap);
    return rolloutRolling(s, d, rsList);
  }

  /** getReplicaSetsForDeployment: owned ReplicaSets, after adopting orphans and releasing mismatches. */
  private claimReplicaSets(d: Deployment, selector: Selector): Promise<ReplicaSet[]> {
    const m = d.metadata!;
    const ref = newControllerRef('apps/v1', 'Deployment', m.name!, m.uid!);
    return claimObjects<ReplicaSet>(
      {
        uid: m.uid!,
        namespace: m.namespace ?? '',
        deleting: !!m.deletionTimestamp,
        match: (rs) => selector.matches(rs.metadata?.labels),
        canAdopt: async () => {
          const fresh = await this.client.get<Deployment>(R.deployments, m.namespace!, m.name!);
          if (fresh.metadata?.uid !== m.uid) throw new Error(`original Deployment ${m.namespace}/${m.name} is gone: got uid ${fresh.metadata?.uid}, wanted ${m.uid}`);
          if (fresh.metadata?.deletionTimestamp) throw new Error(`${m.namespace}/${m.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
        },
        adopt: async (rs) => {
          await this.client.patch(R.replicasets, rs.metadata!.namespace!, rs.metadata!.name!, 'strategic', adoptPatch(ref, rs.metadata!.uid!));
        },
        release: (rs) =>
          this.client
            .patch(R.replicasets, rs.metadata!.namespace!, rs.metadata!.name!, 'strategic', releasePatch(m.uid!, rs.metadata!.uid!))
            .then(() => undefined, ignoreReleaseError),
      },
      claimCandidates(this.rsInf, m.uid!, m.namespace ?? ''),
    );
  }

  /** getPodMapForDeployment: the pods of each owned ReplicaSet, by ReplicaSet uid (terminating ones included). */
  private podMap(rsList: readonly ReplicaSet[]): Map<string, Pod[]> {
    const map = new Map<string, Pod[]>();
    for (const rs of rsList) {
      const uid = rs.metadata?.uid ?? '';
      map.set(uid, this.podInf.byIndex(CONTROLLER_UID_INDEX, uid));
    }
    return map;
  }
}
