/**
 * Defaulting of batch/v1 Jobs and CronJobs as upstream's pkg/apis/batch/v1/defaults.go (with
 * the JobPodReplacementPolicy feature on, as in 1.32), plus their pod template defaults.
 */
import type { Job } from '../../api/types.js';
import type { CronJob } from '../validation/cronjob.js';
import { defaultPodTemplateSpec } from './pod.js';

const MAX_INT32 = 2147483647;

/**
 * `SetDefaults_Job`: completions and parallelism 1 when both unset (parallelism 1 otherwise),
 * backoffLimit 6 (MaxInt32 with backoffLimitPerIndex), metadata.labels from the template when
 * empty, completionMode NonIndexed, suspend false, podReplacementPolicy TerminatingOrFailed
 * (Failed with a podFailurePolicy), manualSelector false, and pod-condition patterns' status True.
 */
export function defaultJob(job: Job): void {
  const spec = (job.spec ??= { template: {} });
  const unset = (v: unknown) => v === undefined || v === null;
  if (unset(spec.completions) && unset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (unset(spec.parallelism)) spec.parallelism = 1;
  if (unset(spec.backoffLimit)) spec.backoffLimit = unset(spec.backoffLimitPerIndex) ? 6 : MAX_INT32;
  const labels = spec.template?.metadata?.labels;
  if (labels && Object.keys(job.metadata?.labels ?? {}).length === 0) {
    job.metadata ??= {};
    job.metadata.labels = { ...labels };
  }
  if (unset(spec.completionMode)) spec.completionMode = 'NonIndexed';
  if (unset(spec.suspend)) spec.suspend = false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) if (!pattern.status) pattern.status = 'True';
  }
  if (unset(spec.podReplacementPolicy)) spec.podReplacementPolicy = spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  if (unset(spec.manualSelector)) spec.manualSelector = false;
  defaultPodTemplateSpec((spec.template ??= {}));
}

/**
 * `SetDefaults_CronJob`: concurrencyPolicy Allow, suspend false, successfulJobsHistoryLimit 3,
 * failedJobsHistoryLimit 1; the job template's pod template gets pod defaults (the Job
 * defaults themselves apply when the Job is created).
 */
export function defaultCronJob(cj: CronJob): void {
  const spec = (cj.spec ??= { schedule: '', jobTemplate: {} });
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  if (spec.suspend === undefined || spec.suspend === null) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit === undefined || spec.successfulJobsHistoryLimit === null) spec.successfulJobsHistoryLimit = 3;
  if (spec.failedJobsHistoryLimit === undefined || spec.failedJobsHistoryLimit === null) spec.failedJobsHistoryLimit = 1;
  const jobSpec = ((spec.jobTemplate ??= {}).spec ??= { template: {} });
  defaultPodTemplateSpec((jobSpec.template ??= {}));
}
