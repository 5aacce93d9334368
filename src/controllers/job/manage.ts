/**
 * manageJob (upstream job_controller.go): brings the number of active pods to what the Job wants —
 * deleting the pods ranked first by activePodsOrder (and, for Indexed Jobs, duplicated or invalid
 * indexes) when there are too many or the Job is suspended; otherwise creating pods in slow-start
 * batches once the pod-failure back-off has passed, each with the tracking finalizer and, for
 * Indexed Jobs, its completion index (annotation, label, hostname, JOB_COMPLETION_INDEX).
 */
import { isApiError } from '../../api/errors.js';
import { clone } from '../../api/meta.js';
import type { Container, Job, Pod, PodTemplateSpec } from '../../api/types.js';
import { isPodReady } from '../nodelifecycle/podutil.js';
import * as A from './accounting.js';
import type { Expectations } from './expectations.js';
import { type PodControl, activePodsOrder, controllerRefTo, podFromTemplate } from './podcontrol.js';
import type { SyncCtx } from './tracking.js';

/** What manageJob needs from the controller. */
export interface ManageIO {
  expectations: Expectations;
  podControl: PodControl;
  jobObj(job: Job): Job;
  requeueAfter(key: string, ms: number): void;
  /** Removes the tracking finalizer (resolves true when gone). */
  removeFinalizer(pod: Pod): Promise<boolean>;
}

/** Most pods created or deleted in one sync (MaxPodCreateDeletePerSync). */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

/** The env var exposing the index to Indexed Job containers. */
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the index annotation, in every container lacking it. */
export function addCompletionIndexEnv(template: PodTemplateSpec): void {
  const add = (c: Container) => {
    if ((c.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV)) return;
    c.env = [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${A.COMPLETION_INDEX_KEY}']` } } }];
  };
  for (const c of template.spec?.initContainers ?? []) add(c);
  for (const c of template.spec?.containers ?? []) add(c);
}

/** The pod for `index` (-1 for NonIndexed) of the Job. */
export function jobPod(job: Job, template: PodTemplateSpec, index: number): Pod {
  const pod = podFromTemplate(template, job.metadata?.name ?? '', controllerRefTo(job, 'batch/v1', 'Job'));
  if (index >= 0) {
    const meta = pod.metadata!;
    meta.annotations = { ...(meta.annotations ?? {}), [A.COMPLETION_INDEX_KEY]: String(index) };
    meta.labels = { ...(meta.labels ?? {}), [A.COMPLETION_INDEX_KEY]: String(index) };
    meta.generateName = A.indexedGenerateName(job.metadata?.name ?? '', index);
    pod.spec!.hostname = `${job.metadata?.name}-${index}`;
  }
  return pod;
}

/** deleteJobPods: pods removed by the controller (excess, suspend) lose the tracking finalizer first, so they never count as failed. */
async function deletePods(io: ManageIO, ctx: SyncCtx, pods: Pod[]): Promise<{ removed: number; removedReady: number; err?: unknown }> {
  const job = ctx.job;
  let removed = pods.length;
  let removedReady = 0;
  let err: unknown;
  await Promise.all(
    pods.map(async (p) => {
      try {
        if (A.hasTrackingFinalizer(p)) await io.removeFinalizer(p);
        await io.podControl.delete(job.metadata!.namespace!, p.metadata!.name!, io.jobObj(job));
      } catch (e) {
        io.expectations.deletionObserved(ctx.key);
        if (!isApiError(e, 'NotFound')) {
          removed--;
          err ??= e;
        }
      }
      if (isPodReady(p)) removedReady++;
    }),
  );
  return { removed, removedReady, err };
}

/** manageJob: returns the number of active pods afterwards; throws the first write error. */
export async function manageJob(io: ManageIO, ctx: SyncCtx, o: { podFailureBackoffMs: number; maxPodFailureBackoffMs: number }, now: number): Promise<number> {
  const job = ctx.job;
  let active = ctx.active.length;
  const indexed = job.spec?.completionMode === 'Indexed';
  const completions = job.spec?.completions ?? 0;
  const removeSome = async (pods: Pod[]): Promise<number> => {
    io.expectations.expectDeletions(ctx.key, pods.length);
    const r = await deletePods(io, ctx, pods);
    active -= r.removed;
    ctx.terminating += r.removed;
    ctx.ready -= r.removedReady;
    if (r.err) throw r.err;
    return active;
  };
  if (job.spec?.suspend) return removeSome([...ctx.active].sort(activePodsOrder));

  const want = A.wantActive(job, ctx.succeeded, active);
  const rmAtLeast = Math.max(0, active - want);
  let rm: Pod[] = [];
  let left: Pod[] = [...ctx.active];
  if (indexed) ({ remove: rm, keep: left } = A.duplicatedIndexPods(ctx.active, completions, activePodsOrder));
  if (rm.length < rmAtLeast) rm = [...rm, ...[...left].sort(activePodsOrder).slice(0, rmAtLeast - rm.length)];
  if (rm.length) return removeSome(rm.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC));

  const terminating = A.onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  let diff = want - terminating - active;
  if (diff <= 0) return active;
  const wait = A.backoffRemaining(ctx.backoff, now, o.podFailureBackoffMs, o.maxPodFailureBackoffMs);
  if (wait > 0) {
    io.requeueAfter(ctx.key, wait);
    return active;
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let indexes: number[] = [];
  if (indexed) {
    indexes = A.firstPendingIndexes(ctx.active, ctx.indexes, diff, completions);
    diff = indexes.length;
  }
  if (diff <= 0) return active;
  io.expectations.expectCreations(ctx.key, diff);
  const template = clone(job.spec?.template ?? {});
  if (indexed) addCompletionIndexEnv(template);
  const meta = (template.metadata ??= {});
  if (!(meta.finalizers ?? []).includes(A.JOB_TRACKING_FINALIZER)) meta.finalizers = [...(meta.finalizers ?? []), A.JOB_TRACKING_FINALIZER];
  active += diff;
  let err: unknown;
  // Slow start: 1, 2, 4... pods per batch; a failing batch skips the rest until the next sync.
  for (let batch = Math.min(diff, 1), done = 0; done < diff; batch = Math.min(2 * batch, diff - done)) {
    const before = err;
    await Promise.all(
      Array.from({ length: batch }, async (_, i) => {
        const pod = jobPod(job, template, indexed ? indexes[done + i] : -1);
        try {
          await io.podControl.create(job.metadata!.namespace!, pod, io.jobObj(job));
        } catch (e) {
          if (isApiError(e, 'Forbidden') && /namespace .* is being terminated|because it is being terminated/.test((e as Error).message)) return;
          io.expectations.creationObserved(ctx.key);
          active--;
          err ??= e;
        }
      }),
    );
    done += batch;
    if (err && !before && done < diff) {
      const skipped = diff - done;
      active -= skipped;
      io.expectations.lower(ctx.key, skipped, 0);
      break;
    }
  }
  if (err) throw err;
  return active;
}
