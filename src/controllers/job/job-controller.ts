/**
 * The Job controller (upstream pkg/controller/job, 1.32 defaults): runs `parallelism` pods at a
 * time until `completions` succeed (NonIndexed or Indexed), replaces failed pods after an
 * exponential back-off, fails the Job on `backoffLimit` (BackoffLimitExceeded, "Job has reached
 * the specified backoff limit") or `activeDeadlineSeconds` (DeadlineExceeded), supports suspend,
 * tracks pods with the `batch.kubernetes.io/job-tracking` finalizer (tracking.ts), and reports
 * active/ready/terminating/succeeded/failed, startTime and completionTime. Finishing goes through
 * the interim FailureTarget / SuccessCriteriaMet (CompletionsReached) conditions before Failed /
 * Complete. Events:
 * SuccessfulCreate, SuccessfulDelete, Completed, BackoffLimitExceeded, DeadlineExceeded,
 * Suspended, Resumed. podFailurePolicy, successPolicy and backoffLimitPerIndex are not handled.
 */
import { isApiError } from '../../api/errors.js';
import { selectorFromLabelSelector } from '../../api/labels.js';
import { clone, controllerRef, deepEqual, rfc3339 } from '../../api/meta.js';
import type { Job, Pod } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import { EventRecorder } from '../../client/events.js';
import type { Informer, InformerFactory } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue } from '../../client/workqueue.js';
import { logger } from '../../util/log.js';
import { isPodActive, isPodReady, podKey, timeOf } from '../nodelifecycle/podutil.js';
import * as A from './accounting.js';
import { DelayedEnqueuer, Expectations } from './expectations.js';
import { manageJob } from './manage.js';
import { PodControl, claimPods, controllerRefTo, recheckDeletion } from './podcontrol.js';
import { type SyncCtx, trackStatusAndRemoveFinalizers } from './tracking.js';

const log = logger('job-controller');

/** Timings of the Job controller; the defaults are upstream's. */
export interface JobControllerOptions {
  workers?: number;
  /** Delay batching pod-triggered syncs of a Job (upstream syncJobBatchPeriod, 1 s). */
  syncBatchPeriodMs?: number;
  /** First delay before replacing a failed pod (DefaultJobPodFailureBackOff, 10 s), doubling. */
  podFailureBackoffMs?: number;
  /** Longest such delay (MaxJobPodFailureBackOff, 10 min). */
  maxPodFailureBackoffMs?: number;
}

const keyOf = (o: { metadata?: { namespace?: string; name?: string } }): string => `${o.metadata?.namespace}/${o.metadata?.name}`;
const JOB_CONTROLLER_NAME = 'kubernetes.io/job-controller';

/** The Job controller: `run()` to start, `stop()` to halt. */
export class JobController {
  private queue = new WorkQueue<string>({ baseDelayMs: 1000, maxDelayMs: 60_000 });
  private orphanQueue = new WorkQueue<string>({ baseDelayMs: 1000, maxDelayMs: 60_000 });
  private delayed = new DelayedEnqueuer(this.queue);
  private expectations = new Expectations();
  private finalizerExpectations = new Map<string, Set<string>>();
  private backoff = new Map<string, A.BackoffRecord>();
  private jobs: Informer<Job>;
  private pods: Informer<Pod>;
  private recorder: EventRecorder;
  private podControl: PodControl;
  private o: Required<JobControllerOptions>;
  private stopped = false;

  constructor(
    private client: Client,
    informers: InformerFactory,
    opts: JobControllerOptions = {},
  ) {
    this.o = {
      workers: opts.workers ?? 2,
      syncBatchPeriodMs: opts.syncBatchPeriodMs ?? 1000,
      podFailureBackoffMs: opts.podFailureBackoffMs ?? 10_000,
      maxPodFailureBackoffMs: opts.maxPodFailureBackoffMs ?? 600_000,
    };
    this.recorder = new EventRecorder(client, 'job-controller');
    this.podControl = new PodControl(client, this.recorder);
    this.jobs = informers.for<Job>(R.jobs);
    this.pods = informers.for<Pod>(R.pods);
    this.jobs.on({ add: (j) => this.queue.add(keyOf(j)), update: (o, j) => this.jobUpdated(o, j), delete: (j) => this.jobDeleted(j) });
    this.pods.on({ add: (p) => this.podAdded(p), update: (o, p) => this.podUpdated(o, p), delete: (p) => this.podDeleted(p, true) });
  }

  run(): void {
    void (async () => {
      await Promise.all([this.jobs.waitForSync(), this.pods.waitForSync()]);
      if (this.stopped) return;
      void this.queue.run(this.o.workers, (k) => this.sync(k), (k, err) => log.warn({ job: k, err: (err as Error).message }, 'sync failed'));
      void this.orphanQueue.run(1, (k) => this.syncOrphanPod(k), (k, err) => log.warn({ pod: k, err: (err as Error).message }, 'orphan pod sync failed'));
    })();
  }

  stop(): void {
    this.stopped = true;
    this.queue.shutdown();
    this.orphanQueue.shutdown();
    this.delayed.stop();
  }

  /** Resolves when recorded events are written (tests). */
  flush(): Promise<void> {
    return this.recorder.flush();
  }

  // ---- event handlers: they only compute keys and enqueue ----

  private batched(job: Job): void {
    this.delayed.addAfter(keyOf(job), this.o.syncBatchPeriodMs);
  }

  private owner(pod: Pod): Job | undefined {
    const ref = controllerRef(pod);
    if (ref?.kind !== 'Job') return undefined;
    const job = this.jobs.get(pod.metadata?.namespace ?? '', ref.name);
    return job?.metadata?.uid === ref.uid ? job : undefined;
  }

  private matchingJobs(pod: Pod): Job[] {
    return this.jobs.list(pod.metadata?.namespace).filter((j) => {
      try {
        return selectorFromLabelSelector(j.spec?.selector).matches(pod.metadata?.labels);
      } catch {
        return false;
      }
    });
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) return this.podDeleted(pod, false);
    const job = this.owner(pod);
    if (job) {
      this.expectations.creationObserved(keyOf(job));
      this.batched(job);
      return;
    }
    if (controllerRef(pod)) return;
    if (A.hasTrackingFinalizer(pod)) this.orphanQueue.add(podKey(pod));
    for (const j of this.matchingJobs(pod)) this.batched(j);
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if (pod.metadata?.resourceVersion === old.metadata?.resourceVersion) return;
    if (pod.metadata?.deletionTimestamp) return this.podDeleted(pod, false);
    const removed = !A.hasTrackingFinalizer(pod);
    const oldJob = this.owner(old);
    const job = this.owner(pod);
    if (oldJob && oldJob !== job) {
      if (removed) this.finalizerRemovalObserved(keyOf(oldJob), pod.metadata?.uid);
      this.batched(oldJob);
    }
    if (job) {
      if (removed) this.finalizerRemovalObserved(keyOf(job), pod.metadata?.uid);
      this.batched(job);
      return;
    }
    if (controllerRef(pod)) return;
    if (A.hasTrackingFinalizer(pod)) this.orphanQueue.add(podKey(pod));
    if (!deepEqual(old.metadata?.labels, pod.metadata?.labels) || !deepEqual(controllerRef(old), controllerRef(pod))) for (const j of this.matchingJobs(pod)) this.batched(j);
  }

  private podDeleted(pod: Pod, final: boolean): void {
    const hasFinalizer = A.hasTrackingFinalizer(pod);
    const job = this.owner(pod);
    if (!job || A.isJobFinished(job)) {
      if (hasFinalizer) this.orphanQueue.add(podKey(pod));
      return;
    }
    const key = keyOf(job);
    this.expectations.deletionObserved(key);
    if (final || !hasFinalizer) this.finalizerRemovalObserved(key, pod.metadata?.uid);
    this.batched(job);
  }

  private jobUpdated(old: Job, job: Job): void {
    if (old.metadata?.generation === job.metadata?.generation) this.batched(job);
    else this.queue.add(keyOf(job));
    if (A.isJobFinished(job)) this.cleanupPodFinalizers(job);
    const ads = job.spec?.activeDeadlineSeconds;
    const start = timeOf(job.status?.startTime);
    if (start !== undefined && ads !== undefined && ads !== null && ads !== old.spec?.activeDeadlineSeconds) this.delayed.addAfter(keyOf(job), start + ads * 1000 - Date.now());
  }

  private jobDeleted(job: Job): void {
    this.queue.add(keyOf(job));
    this.cleanupPodFinalizers(job);
  }

  private cleanupPodFinalizers(job: Job): void {
    for (const p of this.pods.list(job.metadata?.namespace)) {
      if (controllerRef(p)?.uid === job.metadata?.uid && A.hasTrackingFinalizer(p)) this.orphanQueue.add(podKey(p));
    }
  }

  private finalizerRemovalObserved(key: string, uid: string | undefined): void {
    if (uid) this.finalizerExpectations.get(key)?.delete(uid);
  }

  // ---- sync ----

  /** syncOrphanPod: removes the tracking finalizer from a pod no unfinished Job owns. */
  private async syncOrphanPod(key: string): Promise<void> {
    const i = key.indexOf('/');
    const pod = this.pods.get(key.slice(0, i), key.slice(i + 1));
    if (!pod || !A.hasTrackingFinalizer(pod)) return;
    const ref = controllerRef(pod);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = this.owner(pod);
      if (job && job.spec?.managedBy && job.spec.managedBy !== JOB_CONTROLLER_NAME) return;
      if (job && !A.isJobFinished(job)) return;
    }
    await this.removeFinalizer(pod);
  }

  private async removeFinalizer(pod: Pod): Promise<boolean> {
    try {
      await this.client.patch(R.pods, pod.metadata!.namespace!, pod.metadata!.name!, 'strategic', { metadata: { [`$deleteFromPrimitiveList/finalizers`]: [A.JOB_TRACKING_FINALIZER] } });
      return true;
    } catch (err) {
      if (isApiError(err, 'NotFound')) return true;
      throw err;
    }
  }

  private async sync(key: string): Promise<void> {
    const i = key.indexOf('/');
    const shared = this.jobs.get(key.slice(0, i), key.slice(i + 1));
    if (!shared) {
      this.expectations.delete(key);
      this.finalizerExpectations.delete(key);
      this.backoff.delete(key);
      return;
    }
    if (shared.spec?.managedBy && shared.spec.managedBy !== JOB_CONTROLLER_NAME) return;
    if (A.isJobFinished(shared)) {
      this.backoff.delete(key);
      return;
    }
    const mode = shared.spec?.completionMode;
    if (mode && mode !== 'NonIndexed' && mode !== 'Indexed') {
      this.recorder.event(this.jobObj(shared), 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
      return;
    }
    const job = clone(shared);
    const status = (job.status ??= {});
    const uncounted = (status.uncountedTerminatedPods ??= {});
    const satisfied = this.expectations.satisfied(key);
    const pods = await claimPods(this.client, this.pods.list(job.metadata?.namespace), {
      owner: job,
      ref: controllerRefTo(job, 'batch/v1', 'Job'),
      selector: selectorFromLabelSelector(job.spec?.selector),
      finalizers: [A.JOB_TRACKING_FINALIZER],
      canAdopt: recheckDeletion(this.client, R.jobs, job),
    });
    const now = Date.now();
    const active = pods.filter(isPodActive);
    const ctx: SyncCtx = {
      key,
      job,
      pods,
      active,
      succeeded: 0,
      failed: 0,
      prevIndexes: [],
      indexes: [],
      backoff: { failuresAfterLastSuccess: 0 },
      expectedRm: new Set(this.finalizerExpectations.get(key) ?? []),
      uncountedSucceeded: new Set(uncounted.succeeded ?? []),
      uncountedFailed: new Set(uncounted.failed ?? []),
      terminating: A.countTerminating(pods),
      ready: active.filter(isPodReady).length,
    };
    const tracked = (p: Pod, counted: Set<string>) => A.hasTrackingFinalizer(p) && !counted.has(p.metadata?.uid ?? '') && !ctx.expectedRm.has(p.metadata?.uid ?? '');
    const indexed = job.spec?.completionMode === 'Indexed';
    const validIndex = (p: Pod) => !indexed || (A.completionIndex(p) >= 0 && A.completionIndex(p) < (job.spec?.completions ?? 0));
    const newSucceeded = pods.filter((p) => tracked(p, ctx.uncountedSucceeded) && validIndex(p) && p.status?.phase === 'Succeeded');
    const newFailed = pods.filter((p) => tracked(p, ctx.uncountedFailed) && validIndex(p) && A.isPodFailed(p, job));
    ctx.succeeded = (status.succeeded ?? 0) + newSucceeded.length + ctx.uncountedSucceeded.size;
    ctx.failed = (status.failed ?? 0) + newFailed.length + ctx.uncountedFailed.size;
    if (!status.startTime && !job.spec?.suspend) status.startTime = rfc3339(now);
    ctx.backoff = A.nextBackoffRecord(this.backoff.get(key), newSucceeded, newFailed);

    ctx.finished = A.trueCondition(job, 'SuccessCriteriaMet');
    if (!ctx.finished) {
      const target = A.trueCondition(job, 'FailureTarget');
      if (target) ctx.finished = A.newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', now);
    }
    if (!ctx.finished) {
      if (ctx.failed > (job.spec?.backoffLimit ?? 6) || A.pastBackoffLimitOnFailure(job, pods)) {
        ctx.finished = A.newCondition('FailureTarget', 'True', A.BACKOFF_LIMIT_EXCEEDED.reason, A.BACKOFF_LIMIT_EXCEEDED.message, now);
      } else if (A.pastActiveDeadline(job, now)) {
        ctx.finished = A.newCondition('FailureTarget', 'True', A.DEADLINE_EXCEEDED.reason, A.DEADLINE_EXCEEDED.message, now);
      } else if (job.spec?.activeDeadlineSeconds != null && !job.spec.suspend) {
        this.delayed.addAfter(key, (timeOf(status.startTime) ?? now) + job.spec.activeDeadlineSeconds * 1000 - now);
      }
    }
    if (indexed) {
      const { prev, all } = A.succeededIndexes(job, pods, (p) => A.hasTrackingFinalizer(p));
      ctx.prevIndexes = prev;
      ctx.indexes = all;
      ctx.succeeded = all.length;
    }

    let activeCount = active.length;
    let manageErr: unknown;
    let suspendChanged = false;
    if (ctx.finished) {
      // Delete active pods (finalizers stay until tracking removes them).
      const results = await Promise.allSettled(active.map((p) => this.podControl.delete(job.metadata!.namespace!, p.metadata!.name!, this.jobObj(job))));
      let deleted = 0;
      results.forEach((r, idx) => {
        if (r.status === 'fulfilled' || isApiError(r.reason, 'NotFound')) {
          deleted++;
          if (isPodReady(active[idx])) ctx.ready--;
        } else manageErr ??= r.reason;
      });
      if (deleted !== active.length || !satisfied) ctx.finished = undefined;
      activeCount -= deleted;
      ctx.terminating += deleted;
    } else {
      let called = false;
      if (satisfied && !job.metadata?.deletionTimestamp) {
        try {
          activeCount = await manageJob(this.manageIO(), ctx, this.o, now);
        } catch (err) {
          manageErr = err;
        }
        called = true;
      }
      if (A.isComplete(job, ctx.succeeded, activeCount)) {
        ctx.finished = A.newCondition('SuccessCriteriaMet', 'True', A.COMPLETIONS_REACHED.reason, A.COMPLETIONS_REACHED.message, now);
      } else if (called) {
        const conds = (status.conditions ??= []);
        if (job.spec?.suspend) {
          if (A.ensureCondition(conds, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)) {
            suspendChanged = true;
            this.recorder.event(this.jobObj(job), 'Normal', 'Suspended', 'Job suspended');
          }
        } else if (A.ensureCondition(conds, 'Suspended', 'False', 'JobResumed', 'Job resumed', now)) {
          suspendChanged = true;
          this.recorder.event(this.jobObj(job), 'Normal', 'Resumed', 'Job resumed');
          status.startTime = rfc3339(now);
        }
      }
    }
    const needsUpdate = suspendChanged || activeCount !== (status.active ?? 0) || ctx.ready !== status.ready || ctx.terminating !== status.terminating;
    status.active = activeCount;
    status.ready = ctx.ready;
    status.terminating = ctx.terminating;
    await trackStatusAndRemoveFinalizers(ctx, this.trackingIO(), needsUpdate, now);
    if (manageErr) throw manageErr;
  }

  private jobObj(job: Job): Job {
    return { ...job, kind: 'Job', apiVersion: 'batch/v1' };
  }

  private manageIO(): Parameters<typeof manageJob>[0] {
    return {
      expectations: this.expectations,
      podControl: this.podControl,
      jobObj: (j) => this.jobObj(j),
      requeueAfter: (key, ms) => this.delayed.addAfter(key, Math.max(ms, this.o.syncBatchPeriodMs)),
      removeFinalizer: (pod) => this.removeFinalizer(pod),
    };
  }

  private trackingIO(): Parameters<typeof trackStatusAndRemoveFinalizers>[1] {
    return {
      updateStatus: (job) => this.client.updateStatus<Job>(R.jobs, job.metadata!.namespace!, job),
      removeFinalizer: (pod) => this.removeFinalizer(pod),
      expectFinalizersRemoved: (key, uids) => {
        const s = this.finalizerExpectations.get(key) ?? new Set<string>();
        for (const u of uids) s.add(u);
        this.finalizerExpectations.set(key, s);
      },
      saveBackoff: (key, rec) => this.backoff.set(key, rec),
      recordFinished: (job, cond) => {
        const obj = this.jobObj(job);
        if (cond.type === 'Complete') {
          const c = job.spec?.completions;
          if (c !== undefined && c !== null && (job.status?.succeeded ?? 0) > c) this.recorder.event(obj, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
          this.recorder.event(obj, 'Normal', 'Completed', 'Job completed');
        } else {
          this.recorder.event(obj, 'Warning', cond.reason ?? '', cond.message ?? '');
        }
      },
    };
  }
}
