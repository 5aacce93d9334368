/**
 * Job status tracking with finalizers (upstream trackJobStatusAndRemoveFinalizers and helpers):
 * finished pods are first recorded by uid in `status.uncountedTerminatedPods`, their
 * `batch.kubernetes.io/job-tracking` finalizer is then removed, and only then are they added to
 * `status.succeeded` / `status.failed` — so no pod is counted twice or lost across restarts. The
 * interim `FailureTarget` / `SuccessCriteriaMet` conditions are written first; `Failed` /
 * `Complete` follow once nothing is uncounted or terminating.
 */
import type { Job, Pod } from '../../api/types.js';
import { type BackoffRecord, type JobCondition, completionIndex, ensureCondition, formatIndexes, hasTrackingFinalizer, isPodFailed, newCondition, trueCondition } from './accounting.js';

/** Everything one Job sync works with. */
export interface SyncCtx {
  key: string;
  /** A private copy of the Job; its status is rewritten here. */
  job: Job;
  pods: Pod[];
  active: Pod[];
  finished?: JobCondition;
  succeeded: number;
  failed: number;
  prevIndexes: number[];
  indexes: number[];
  backoff: BackoffRecord;
  expectedRm: Set<string>;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  terminating: number;
  ready: number;
}

/** The writes tracking needs from the controller. */
export interface TrackingIO {
  updateStatus(job: Job): Promise<Job>;
  /** Removes the tracking finalizer; resolves to whether it is gone (NotFound counts as gone). */
  removeFinalizer(pod: Pod): Promise<boolean>;
  expectFinalizersRemoved(key: string, uids: string[]): void;
  saveBackoff(key: string, rec: BackoffRecord): void;
  recordFinished(job: Job, cond: JobCondition): void;
}

/** Most uids kept in uncountedTerminatedPods at once (MaxUncountedPods). */
export const MAX_UNCOUNTED = 500;

const isIndexed = (job: Job): boolean => job.spec?.completionMode === 'Indexed';

/**
 * cleanUncountedPodsWithoutFinalizers: uncounted uids whose finalizer is gone move into the
 * counters. Empty lists are dropped, as upstream's omitempty fields are.
 */
export function cleanUncounted(job: Job, withFinalizer: ReadonlySet<string>): boolean {
  const status = job.status!;
  const u = (status.uncountedTerminatedPods ??= {});
  let changed = false;
  for (const kind of ['succeeded', 'failed'] as const) {
    const list = u[kind] ?? [];
    const keep = list.filter((x) => withFinalizer.has(x));
    if (keep.length !== list.length) {
      status[kind] = (status[kind] ?? 0) + list.length - keep.length;
      changed = true;
    }
    if (keep.length) u[kind] = keep;
    else delete u[kind];
  }
  return changed;
}

/** canRemoveFinalizer (no backoffLimitPerIndex): the Job is going or finishing, or the pod is done. */
function canRemoveFinalizer(ctx: SyncCtx, pod: Pod, failed: boolean): boolean {
  return !!ctx.job.metadata?.deletionTimestamp || !!ctx.finished || pod.status?.phase === 'Succeeded' || failed;
}

/** trackJobStatusAndRemoveFinalizers. */
export async function trackStatusAndRemoveFinalizers(ctx: SyncCtx, io: TrackingIO, needsFlushIn: boolean, now: number): Promise<void> {
  let needsFlush = needsFlushIn;
  const job = ctx.job;
  const status = job.status!;
  const uncounted = (status.uncountedTerminatedPods ??= {});
  const completions = job.spec?.completions ?? 0;
  const withFinalizer = new Set(ctx.pods.filter((p) => hasTrackingFinalizer(p) && !ctx.expectedRm.has(p.metadata?.uid ?? '')).map((p) => p.metadata!.uid!));
  if (cleanUncounted(job, withFinalizer)) needsFlush = true;
  const toRemove: Pod[] = [];
  const newIndexes: number[] = [];
  let reachedMax = false;
  const pods = isIndexed(job) ? [...ctx.pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : ctx.pods;
  for (const pod of pods) {
    const uid = pod.metadata?.uid ?? '';
    if (!hasTrackingFinalizer(pod) || ctx.expectedRm.has(uid)) continue;
    const failed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(ctx, pod, failed)) continue;
    toRemove.push(pod);
    if (pod.status?.phase === 'Succeeded' && !ctx.uncountedFailed.has(uid)) {
      if (isIndexed(job)) {
        const ix = completionIndex(pod);
        if (ix >= 0 && ix < completions && !ctx.prevIndexes.includes(ix)) {
          newIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!ctx.uncountedSucceeded.has(uid)) {
        (uncounted.succeeded ??= []).push(uid);
        needsFlush = true;
      }
    } else if (failed || (ctx.finished && ctx.finished.type !== 'SuccessCriteriaMet')) {
      const ix = completionIndex(pod);
      if (!ctx.uncountedFailed.has(uid) && (!isIndexed(job) || (ix >= 0 && ix < completions))) {
        (uncounted.failed ??= []).push(uid);
        needsFlush = true;
      }
    }
    if (newIndexes.length + (uncounted.succeeded ?? []).length + (uncounted.failed ?? []).length >= MAX_UNCOUNTED) {
      reachedMax = true;
      break;
    }
  }
  if (isIndexed(job)) {
    ctx.indexes = [...new Set([...ctx.indexes, ...newIndexes])].sort((a, b) => a - b);
    const s = formatIndexes(ctx.indexes);
    if (s !== (status.completedIndexes ?? '')) needsFlush = true;
    status.succeeded = ctx.indexes.length;
    status.completedIndexes = s;
  }
  let finished = ctx.finished;
  if (finished?.type === 'FailureTarget') {
    (status.conditions ??= []).push(finished);
    needsFlush = true;
    finished = newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', now);
  }
  if (finished?.type === 'SuccessCriteriaMet') {
    if (!trueCondition(job, 'SuccessCriteriaMet')) {
      (status.conditions ??= []).push(finished);
      needsFlush = true;
    }
    finished = newCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', now);
  }

  // flushUncountedAndRemoveFinalizers
  let current = job;
  if (needsFlush) {
    current = await io.updateStatus(current);
    io.saveBackoff(ctx.key, ctx.backoff);
    needsFlush = false;
  }
  let rmErr: unknown;
  if (toRemove.length) {
    io.expectFinalizersRemoved(ctx.key, toRemove.map((p) => p.metadata!.uid!));
    const results = await Promise.allSettled(toRemove.map((p) => io.removeFinalizer(p)));
    results.forEach((r, i) => {
      if (r.status === 'fulfilled' && r.value) withFinalizer.delete(toRemove[i].metadata!.uid!);
      else if (r.status === 'rejected') rmErr ??= r.reason;
    });
  }
  if (cleanUncounted(current, withFinalizer)) needsFlush = true;
  if (rmErr) {
    if (needsFlush) await io.updateStatus(current);
    throw rmErr;
  }
  // enactJobFinished
  let jobFinished = false;
  if (!reachedMax && finished) {
    const u = current.status!.uncountedTerminatedPods ?? {};
    if (!(u.succeeded ?? []).length && !(u.failed ?? []).length && ctx.terminating === 0) {
      const conds = (current.status!.conditions ??= []);
      ensureCondition(conds, finished.type, 'True', finished.reason ?? '', finished.message ?? '', now);
      if (finished.type === 'Complete') current.status!.completionTime = conds.find((c) => c.type === 'Complete')?.lastTransitionTime;
      jobFinished = true;
      needsFlush = true;
    }
  }
  if (needsFlush) {
    const written = await io.updateStatus(current);
    if (jobFinished && finished) io.recordFinished(written, finished);
  }
}
