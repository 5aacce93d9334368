/**
 * The Job controller's pure accounting (upstream pkg/controller/job: job_controller.go helpers,
 * backoff_utils.go, indexed_job_utils.go): which pods count as failed, how many pods should be
 * active, the pod-failure back-off, deadline and backoff-limit checks, Job conditions, and the
 * completion indexes of Indexed Jobs.
 */
import { rfc3339 } from '../../api/meta.js';
import type { Job, Pod } from '../../api/types.js';
import { timeOf } from '../nodelifecycle/podutil.js';

/** The finalizer that keeps a Job's pods until they are counted (batch.JobTrackingFinalizer). */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** Completion index annotation and label of Indexed Job pods. */
export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';

/** A JobCondition as it travels on the wire. */
export type JobCondition = NonNullable<NonNullable<Job['status']>['conditions']>[number];

/** Upstream's reason and message of a Job failed on backoffLimit. */
export const BACKOFF_LIMIT_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
/** Upstream's reason and message of SuccessCriteriaMet (copied to Complete) when completions are reached (JobSuccessPolicy, on since 1.31). */
export const COMPLETIONS_REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
/** Upstream's reason and message of a Job failed on activeDeadlineSeconds. */
export const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };

/** Whether the pod still carries the job-tracking finalizer (it is not counted yet). */
export const hasTrackingFinalizer = (p: Pod): boolean => (p.metadata?.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);

/** The condition of `type` with status True, if any. */
export function trueCondition(job: Job, type: string): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

/** IsJobFinished: Complete or Failed is True. */
export function isJobFinished(job: Job): boolean {
  return !!trueCondition(job, 'Complete') || !!trueCondition(job, 'Failed');
}

/** When a finished Job finished (the transition time of its Complete/Failed condition). */
export function jobFinishTime(job: Job): number | undefined {
  const c = trueCondition(job, 'Complete') ?? trueCondition(job, 'Failed');
  return timeOf(c?.lastTransitionTime);
}

/** onlyReplaceFailedPods: podReplacementPolicy Failed (or a podFailurePolicy). */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;
}

/** isPodFailed: phase Failed, or being deleted before succeeding (unless only failed pods are replaced). */
export function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

/** CountTerminatingPods: being deleted and not terminal. */
export function countTerminating(pods: readonly Pod[]): number {
  return pods.filter((p) => !!p.metadata?.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded').length;
}

/** How many pods should be active: parallelism, capped by the completions left. */
export function wantActive(job: Job, succeeded: number, active: number): number {
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  if (completions === undefined || completions === null) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(completions - succeeded, parallelism));
}

/** Whether the Job is done: enough successes (any success without completions) and nothing active. */
export function isComplete(job: Job, succeeded: number, active: number): boolean {
  const completions = job.spec?.completions;
  if (completions === undefined || completions === null) return succeeded > 0 && active === 0;
  return succeeded >= completions && active === 0;
}

/** pastBackoffLimitOnFailure: restartPolicy OnFailure and the live pods' restarts reach backoffLimit. */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += s.restartCount ?? 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** pastActiveDeadline: not suspended and active for activeDeadlineSeconds or more. */
export function pastActiveDeadline(job: Job, now: number): boolean {
  const ads = job.spec?.activeDeadlineSeconds;
  const start = timeOf(job.status?.startTime);
  if (ads === undefined || ads === null || start === undefined || job.spec?.suspend) return false;
  return now - start >= ads * 1000;
}

/** newCondition: a True/False condition with both times `now`. */
export function newCondition(type: string, status: string, reason: string, message: string, now: number): JobCondition {
  const ts = rfc3339(now);
  const c: JobCondition = { type, status, lastProbeTime: ts, lastTransitionTime: ts };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** ensureJobConditionStatus: sets or appends the condition (never appends a False one); returns whether the list changed. */
export function ensureCondition(list: JobCondition[], type: string, status: string, reason: string, message: string, now: number): boolean {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i];
    if (c.status === status && (c.reason ?? '') === reason && (c.message ?? '') === message) return false;
    list[i] = newCondition(type, status, reason, message, now);
    return true;
  }
  if (status === 'False') return false;
  list.push(newCondition(type, status, reason, message, now));
  return true;
}

// ---- pod-failure back-off (backoff_utils.go) ----

/** Failures since the last success and when the last one happened. */
export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

/** getFinishedTime: the latest container finish, else the Ready transition, else creation. */
export function podFinishedTime(p: Pod): number {
  let latest: number | undefined;
  for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
    const t = timeOf(s.state?.terminated?.finishedAt);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  if (latest !== undefined) return latest;
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
  return timeOf(ready?.lastTransitionTime) ?? timeOf(p.metadata?.deletionTimestamp) ?? timeOf(p.metadata?.creationTimestamp) ?? Date.now();
}

/** newBackoffRecord: a success resets the count to the failures after it; failures add up. */
export function nextBackoffRecord(prev: BackoffRecord | undefined, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
  const rec: BackoffRecord = prev ? { ...prev } : { failuresAfterLastSuccess: 0 };
  const failedTimes = newFailed.map(podFinishedTime).sort((a, b) => a - b);
  if (!newSucceeded.length) {
    if (!failedTimes.length) return rec;
    return { failuresAfterLastSuccess: rec.failuresAfterLastSuccess + failedTimes.length, lastFailureTime: failedTimes[failedTimes.length - 1] };
  }
  const lastSuccess = Math.max(...newSucceeded.map(podFinishedTime));
  const after = failedTimes.filter((t) => t > lastSuccess);
  return { failuresAfterLastSuccess: after.length, lastFailureTime: after.length ? after[after.length - 1] : undefined };
}

/** getRemainingTime: base·2^(failures-1) (capped) after the last failure, minus the time elapsed. */
export function backoffRemaining(rec: BackoffRecord, now: number, baseMs: number, maxMs: number): number {
  if (!rec.failuresAfterLastSuccess || rec.lastFailureTime === undefined) return 0;
  let d = baseMs;
  for (let i = 1; i < rec.failuresAfterLastSuccess; i++) {
    d *= 2;
    if (d >= maxMs) {
      d = maxMs;
      break;
    }
  }
  const elapsed = now - rec.lastFailureTime;
  return d < elapsed ? 0 : d - elapsed;
}

// ---- Indexed Jobs (indexed_job_utils.go) ----

/** getCompletionIndex: the pod's index annotation, or -1. */
export function completionIndex(p: Pod): number {
  const v = p.metadata?.annotations?.[COMPLETION_INDEX_KEY];
  if (v === undefined || !/^\d+$/.test(v)) return -1;
  const n = Number(v);
  return n <= 2147483647 ? n : -1;
}

/** parseIndexesFromString: "0,2-4" → [0,2,3,4] (only indexes below completions). */
export function parseIndexes(s: string | undefined, completions: number): number[] {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-');
    const lo = Number(a);
    const hi = b === undefined ? lo : Number(b);
    if (!Number.isInteger(lo) || !Number.isInteger(hi)) continue;
    for (let i = lo; i <= hi && i < completions; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

/** orderedIntervals.String: sorted indexes as "0,2-4". */
export function formatIndexes(indexes: readonly number[]): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** calculateSucceededIndexes: the indexes already recorded, and those plus uncounted succeeded pods'. */
export function succeededIndexes(job: Job, pods: readonly Pod[], tracked: (p: Pod) => boolean): { prev: number[]; all: number[] } {
  const completions = job.spec?.completions ?? 0;
  const prev = parseIndexes(job.status?.completedIndexes, completions);
  const add = pods.filter((p) => p.status?.phase === 'Succeeded' && tracked(p)).map(completionIndex).filter((ix) => ix >= 0 && ix < completions);
  return { prev, all: [...new Set([...prev, ...add])].sort((a, b) => a - b) };
}

/** firstPendingIndexes: the lowest indexes neither succeeded nor held by an active pod. */
export function firstPendingIndexes(active: readonly Pod[], succeeded: readonly number[], count: number, completions: number): number[] {
  const taken = new Set([...succeeded, ...active.map(completionIndex)]);
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}

/** appendDuplicatedIndexPodsForRemoval: pods with an invalid index, and all but the best of each duplicated index. */
export function duplicatedIndexPods(active: readonly Pod[], completions: number, order: (a: Pod, b: Pod) => number): { remove: Pod[]; keep: Pod[] } {
  const remove: Pod[] = [];
  const keep: Pod[] = [];
  const byIndex = new Map<number, Pod[]>();
  for (const p of active) {
    const ix = completionIndex(p);
    if (ix < 0 || ix >= completions) remove.push(p);
    else byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
  }
  for (const list of byIndex.values()) {
    list.sort(order);
    remove.push(...list.slice(0, -1));
    keep.push(list[list.length - 1]);
  }
  return { remove, keep };
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the prefix fits 58 characters. */
export function indexedGenerateName(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  return jobName.length + suffix.length > 58 ? jobName.slice(0, 58 - suffix.length) + suffix : jobName + suffix;
}
