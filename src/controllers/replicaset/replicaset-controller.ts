/**
 * ReplicaSet controller, as upstream's `pkg/controller/replicaset`: keeps `spec.replicas` active
 * pods that match a ReplicaSet's selector, adopting orphans and releasing pods that stopped
 * matching, creating in slow-start batches and deleting the least valuable pods first, with
 * expectations so it never acts on a count its own writes have not reached yet; then writes
 * the status. Event handlers only enqueue; `sync` reads the informer caches.
 */
import { isApiError } from '../../api/errors.js';
import { controllerRef } from '../../api/meta.js';
import { type Selector, selectorFromLabelSelector } from '../../api/labels.js';
import type { OwnerReference, Pod, ReplicaSet } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import { EventRecorder } from '../../client/events.js';
import { type Informer, type InformerFactory, objectKey } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue } from '../../client/workqueue.js';
import { logger } from '../../util/log.js';
import { ControllerExpectations } from './expectations.js';
import { DelayedRequeue } from './requeue.js';
import { adoptPatch, claimCandidates, claimObjects, CONTROLLER_UID_INDEX, ensureOwnerIndexes, ignoreReleaseError, releasePatch } from './owners.js';
import { podsToDelete } from './pod-ranking.js';
import { newControllerRef, podFromTemplate } from './pod-template.js';
import { isPodActive, isPodReady, podKey } from './pod-utils.js';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './slow-start.js';
import { calculateReplicaSetStatus, compactReplicaSetStatus, errorMessage, replicaSetStatusNeedsUpdate, specReplicas, type ReplicaSetStatus } from './status.js';

const log = logger('replicaset-controller');

/** Upstream's BurstReplicas: at most this many creates or deletes per sync. */
export const BURST_REPLICAS = 500;

/** Options of the ReplicaSet controller. */
export interface ReplicaSetControllerOptions {
  /** Creates/deletes per sync (default 500). */
  burstReplicas?: number;
  /** Event recorder (default: component `replicaset-controller`). */
  recorder?: EventRecorder;
}

function hasNamespaceTerminatingCause(err: unknown): boolean {
  return isApiError(err) && (err.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');
}

export class ReplicaSetController {
  readonly expectations = new ControllerExpectations();
  private queue = new WorkQueue<string>({ baseDelayMs: 5, maxDelayMs: 60_000 });
  private delayed = new DelayedRequeue(this.queue);
  private rsInf: Informer<ReplicaSet>;
  private podInf: Informer<Pod>;
  private recorder: EventRecorder;
  private burst: number;
  private workers?: Promise<unknown>;

  constructor(
    private client: Client,
    informers: InformerFactory,
    opts: ReplicaSetControllerOptions = {},
  ) {
    this.rsInf = informers.for<ReplicaSet>(R.replicasets);
    this.podInf = informers.for<Pod>(R.pods);
    ensureOwnerIndexes(this.rsInf);
    ensureOwnerIndexes(this.podInf);
    this.recorder = opts.recorder ?? new EventRecorder(client, 'replicaset-controller');
    this.burst = opts.burstReplicas ?? BURST_REPLICAS;
    this.rsInf.on({
      add: (rs) => this.queue.add(objectKey(rs)),
      update: (old, cur) => {
        if (old.metadata?.uid !== cur.metadata?.uid) this.expectations.delete(objectKey(old));
        this.queue.add(objectKey(cur));
      },
      delete: (rs) => {
        this.expectations.delete(objectKey(rs));
        this.queue.add(objectKey(rs));
      },
    });
    this.podInf.on({
      add: (p) => this.addPod(p),
      update: (o, p) => this.updatePod(o, p),
      delete: (p) => this.deletePod(p),
    });
  }

  run(workers = 5): void {
    const start = async (): Promise<void> => {
      await Promise.all([this.rsInf.waitForSync(), this.podInf.waitForSync()]);
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

  // ---- event handlers: compute keys and enqueue ----------------------------------------

  private resolve(namespace: string, ref: OwnerReference): ReplicaSet | undefined {
    if (ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.rsInf.get(namespace, ref.name);
    return rs && rs.metadata?.uid === ref.uid ? rs : undefined;
  }

  /** ReplicaSets in the pod's namespace whose (non-empty) selector matches its labels. */
  private replicaSetsForPod(pod: Pod): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const rs of this.rsInf.list(pod.metadata?.namespace ?? '')) {
      let sel: Selector;
      try {
        sel = selectorFromLabelSelector(rs.spec?.selector);
      } catch {
        continue;
      }
      if (!sel.empty && sel.matches(pod.metadata?.labels)) out.push(rs);
    }
    return out;
  }

  private addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) return this.deletePod(pod);
    const ref = controllerRef(pod);
    if (ref) {
      const rs = this.resolve(pod.metadata?.namespace ?? '', ref);
      if (!rs) return;
      const key = objectKey(rs);
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    for (const rs of this.replicaSetsForPod(pod)) this.queue.add(objectKey(rs));
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelChanged = JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {});
    if (cur.metadata?.deletionTimestamp) {
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = controllerRef(cur);
    const oldRef = controllerRef(old);
    const refChanged = JSON.stringify(curRef ?? null) !== JSON.stringify(oldRef ?? null);
    const ns = cur.metadata?.namespace ?? '';
    if (refChanged && oldRef) {
      const rs = this.resolve(ns, oldRef);
      if (rs) this.queue.add(objectKey(rs));
    }
    if (curRef) {
      const rs = this.resolve(ns, curRef);
      if (!rs) return;
      this.queue.add(objectKey(rs));
      const minReady = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.delayed.addAfter(objectKey(rs), minReady * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.replicaSetsForPod(cur)) this.queue.add(objectKey(rs));
  }

  private deletePod(pod: Pod): void {
    const ref = controllerRef(pod);
    if (!ref) return;
    const rs = this.resolve(pod.metadata?.namespace ?? '', ref);
    if (!rs) return;
    const key = objectKey(rs);
    this.expectations.deletionObserved(key, podKey(pod));
    this.queue.add(key);
  }

  // ---- sync ------------------------------------------------------------------------------

  /** syncReplicaSet: claim pods, create/delete when expectations allow, write the status. */
  async sync(key: string): Promise<void> {
    const rs = this.rsInf.getByKey(key);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    let selector: Selector;
    try {
      selector = selectorFromLabelSelector(rs.spec?.selector);
    } catch (err) {
      log.warn({ key, err: errorMessage(err) }, 'invalid selector');
      return;
    }
    const ns = rs.metadata?.namespace ?? '';
    const candidates = claimCandidates(this.podInf, rs.metadata?.uid ?? '', ns).filter(isPodActive);
    const pods = await this.claimPods(rs, selector, candidates);
    let manageErr: unknown;
    if (needsSync && !rs.metadata?.deletionTimestamp) {
      try {
        await this.manageReplicas(key, pods, rs);
      } catch (err) {
        manageErr = err;
      }
    }
    const status = calculateReplicaSetStatus(rs, pods, manageErr);
    const updated = await this.updateStatus(rs, status);
    const replicas = specReplicas(updated);
    const minReady = updated.spec?.minReadySeconds ?? 0;
    if (manageErr === undefined && minReady > 0 && updated.status?.readyReplicas === replicas && updated.status?.availableReplicas !== replicas) {
      this.delayed.addAfter(key, minReady * 1000);
    }
    if (manageErr !== undefined) throw manageErr;
  }

  private claimPods(rs: ReplicaSet, selector: Selector, pods: Pod[]): Promise<Pod[]> {
    const m = rs.metadata!;
    const ref = newControllerRef('apps/v1', 'ReplicaSet', m.name!, m.uid!);
    return claimObjects<Pod>(
      {
        uid: m.uid!,
        namespace: m.namespace ?? '',
        deleting: !!m.deletionTimestamp,
        match: (p) => selector.matches(p.metadata?.labels),
        canAdopt: async () => {
          const fresh = await this.client.get<ReplicaSet>(R.replicasets, m.namespace!, m.name!);
          if (fresh.metadata?.uid !== m.uid) throw new Error(`original ReplicaSet ${m.namespace}/${m.name} is gone: got uid ${fresh.metadata?.uid}, wanted ${m.uid}`);
          if (fresh.metadata?.deletionTimestamp) throw new Error(`${m.namespace}/${m.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
        },
        adopt: async (p) => {
          await this.client.patch(R.pods, p.metadata!.namespace!, p.metadata!.name!, 'strategic', adoptPatch(ref, p.metadata!.uid!));
        },
        release: (p) =>
          this.client
            .patch(R.pods, p.metadata!.namespace!, p.metadata!.name!, 'strategic', releasePatch(m.uid!, p.metadata!.uid!))
            .then(() => undefined, ignoreReleaseError),
      },
      pods,
    );
  }

  /** manageReplicas: creates or deletes up to burstReplicas pods to reach spec.replicas. */
  private async manageReplicas(key: string, pods: Pod[], rs: ReplicaSet): Promise<void> {
    let diff = pods.length - specReplicas(rs);
    if (diff < 0) {
      diff = Math.min(-diff, this.burst);
      this.expectations.expectCreations(key, diff);
      const m = rs.metadata!;
      const ref = newControllerRef('apps/v1', 'ReplicaSet', m.name!, m.uid!);
      const res = await slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(rs, ref));
      for (let i = res.successes; i < diff; i++) this.expectations.creationObserved(key);
      if (res.error !== undefined) throw res.error;
    } else if (diff > 0) {
      diff = Math.min(diff, this.burst);
      const victims = podsToDelete(pods, this.relatedPods(rs), diff);
      this.expectations.expectDeletions(key, victims.map(podKey));
      const results = await Promise.all(victims.map((p) => this.deletePodOf(rs, p).then(() => undefined, (err: unknown) => {
        this.expectations.deletionObserved(key, podKey(p));
        return isApiError(err, 'NotFound') ? undefined : err;
      })));
      const first = results.find((e) => e !== undefined);
      if (first !== undefined) throw first;
    }
  }

  private async createPod(rs: ReplicaSet, ref: OwnerReference): Promise<void> {
    const ns = rs.metadata?.namespace ?? '';
    const pod = podFromTemplate(rs.spec?.template, rs.metadata?.name ?? '', ns, ref);
    if (!pod.metadata?.labels) throw new Error('unable to create pods, no labels');
    let created: Pod;
    try {
      created = await this.client.create(R.pods, ns, pod);
    } catch (err) {
      if (hasNamespaceTerminatingCause(err)) return;
      this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
      throw err;
    }
    this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
  }

  private async deletePodOf(rs: ReplicaSet, pod: Pod): Promise<void> {
    const name = pod.metadata?.name ?? '';
    try {
      await this.client.delete(R.pods, rs.metadata?.namespace ?? '', name);
    } catch (err) {
      if (isApiError(err, 'NotFound')) throw err;
      this.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(err)}`);
      throw new Error(`unable to delete pods: ${errorMessage(err)}`, { cause: err });
    }
    this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
  }

  /** getIndirectlyRelatedPods: the pods of every ReplicaSet that shares this one's controller. */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const ref = controllerRef(rs);
    if (!ref) return [];
    const seen = new Set<string>();
    const out: Pod[] = [];
    for (const sibling of this.rsInf.byIndex(CONTROLLER_UID_INDEX, ref.uid)) {
      for (const p of this.podInf.byIndex(CONTROLLER_UID_INDEX, sibling.metadata?.uid ?? '')) {
        const uid = p.metadata?.uid ?? '';
        if (seen.has(uid)) continue;
        seen.add(uid);
        out.push(p);
      }
    }
    return out;
  }

  /** updateReplicaSetStatus: PUT /status when something changed, with one GET-and-retry on conflict. */
  private async updateStatus(rs: ReplicaSet, status: ReplicaSetStatus): Promise<ReplicaSet> {
    if (!replicaSetStatusNeedsUpdate(rs, status)) return rs;
    status.observedGeneration = rs.metadata?.generation;
    let cur = rs;
    for (let i = 0; ; i++) {
      const next: ReplicaSet = { ...cur, status: compactReplicaSetStatus(status) };
      try {
        return await this.client.updateStatus(R.replicasets, cur.metadata?.namespace ?? '', next);
      } catch (err) {
        if (i >= 1) throw err;
        cur = await this.client.get<ReplicaSet>(R.replicasets, rs.metadata?.namespace ?? '', rs.metadata?.name ?? '');
      }
    }
  }
}
