/**
 * batch/v1 Tables: jobs (STATUS, COMPLETIONS, DURATION) and cronjobs (upstream printJob,
 * printCronJob).
 */
import type * as k from '@kubernetes/client-node';
import type { Job, Wire } from '../../api/types.js';
import { formatLabelSelector } from '../../api/labels.js';
import { humanDuration, parseTimestamp, timeSince } from '../../util/duration.js';
import { ageColumn, ageOf, column, containerCells, containersColumn, imagesColumn, nameColumn, nameOf } from './common.js';
import type { Cell, TablePrinter } from './types.js';

export type CronJob = Wire<k.V1CronJob>;

const selectorColumn = (): ReturnType<typeof column> => column('Selector', 'string', 'Label selector matching the pods of the job.', 1);

/** hasJobCondition: the first condition of that type decides. */
const jobCondition = (job: Job, type: string): boolean => job.status?.conditions?.find((c) => c.type === type)?.status === 'True';

/** Job STATUS: Complete, Failed, Terminating, Suspended, FailureTarget or Running, first match wins. */
export function jobStatus(job: Job): string {
  if (jobCondition(job, 'Complete')) return 'Complete';
  if (jobCondition(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (jobCondition(job, 'Suspended')) return 'Suspended';
  if (jobCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** Job COMPLETIONS: `succeeded/completions`, or `succeeded/1` (`of <parallelism>` when > 1) without completions. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Job DURATION: from startTime to completionTime (or to now while running); empty before it starts. */
export function jobDuration(job: Job, now: number): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTimestamp(job.status?.completionTime);
  return humanDuration((end ?? now) - start);
}

/** Jobs: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. */
export const jobPrinter: TablePrinter<Job> = {
  columns: [
    nameColumn(),
    column('Status', 'string', 'Overall state of the job.'),
    column('Completions', 'string', 'Succeeded pods out of the completions the job needs.'),
    column('Duration', 'string', 'How long the job ran, or has been running.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn(),
  ],
  row(job: Job, now: number): Cell[] {
    const [names, images] = containerCells(job.spec?.template?.spec?.containers);
    return [
      nameOf(job.metadata),
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, now),
      ageOf(job.metadata, now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
};

/** printBoolPtr on a defaulted object: suspend defaults to false. */
const printBool = (v: boolean | undefined | null): string => (v ? 'True' : 'False');

/** CronJobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide CONTAINERS IMAGES SELECTOR. */
export const cronJobPrinter: TablePrinter<CronJob> = {
  columns: [
    nameColumn(),
    column('Schedule', 'string', 'Cron expression that triggers new jobs.'),
    column('Timezone', 'string', 'Time zone the schedule is evaluated in.'),
    column('Suspend', 'boolean', 'Whether new runs are suspended.'),
    column('Active', 'integer', 'Number of jobs currently running.'),
    column('Last Schedule', 'string', 'Time since a job was last scheduled.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn(),
  ],
  row(cj: CronJob, now: number): Cell[] {
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [names, images] = containerCells(jobSpec?.template?.spec?.containers);
    const last = cj.status?.lastScheduleTime;
    return [
      nameOf(cj.metadata),
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      printBool(cj.spec?.suspend),
      cj.status?.active?.length ?? 0,
      last ? timeSince(last, now) : '<none>',
      ageOf(cj.metadata, now),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};
