/**
 * batch/v1 CronJob validation as upstream's `ValidateCronJobCreate` / `ValidateCronJobUpdate`:
 * schedule syntax (robfig/cron messages), time zone, concurrency policy, history limits and
 * the job template (whose selector is always generated).
 */
import type * as k from '@kubernetes/client-node';
import type { FieldError, Path } from '../../api/field.js';
import { invalid, notSupported, required, root } from '../../api/field.js';
import type { Wire } from '../../api/types.js';
import { validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { goLabelSelector, invalidRepr } from './gorepr.js';
import { cronScheduleError } from './cron.js';
import { validateJobSpecFields } from './batch.js';

/** A batch/v1 CronJob on the wire. */
export type CronJob = Wire<k.V1CronJob>;
type Spec = NonNullable<CronJob['spec']>;

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];
const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(tz: string | undefined | null, path: Path): FieldError[] {
  if (tz === undefined || tz === null) return [];
  if (tz === '') return [invalid(path, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_PART.test(part)) {
      return [invalid(path, tz, `unknown time zone ${tz}`)];
    }
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') {
    errs.push(invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  // Go's time.LoadLocation knows "Local" (and "UTC"); anything else must be in the tz database.
  if (tz !== 'Local') {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
    } catch {
      errs.push(invalid(path, tz, `unknown time zone ${tz}`));
    }
  }
  return errs;
}

function validateSpec(spec: Spec, old: Spec | undefined): FieldError[] {
  const path = root('spec');
  const errs: FieldError[] = [];
  const schedule = spec.schedule ?? '';
  if (schedule === '') {
    errs.push(required(path.child('schedule')));
  } else {
    const err = cronScheduleError(schedule);
    if (err) errs.push(invalid(path.child('schedule'), schedule, err));
    const allowTZ = old !== undefined && (old.schedule ?? '').includes('TZ');
    if (allowTZ && schedule.includes('TZ') && spec.timeZone !== undefined && spec.timeZone !== null) {
      errs.push(invalid(path.child('schedule'), schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    } else if (!allowTZ && schedule.includes('TZ')) {
      errs.push(invalid(path.child('schedule'), schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  if (spec.startingDeadlineSeconds !== undefined && spec.startingDeadlineSeconds !== null) {
    errs.push(...validateNonnegativeField(spec.startingDeadlineSeconds, path.child('startingDeadlineSeconds')));
  }
  if (old === undefined || (old.timeZone ?? null) !== (spec.timeZone ?? null)) {
    errs.push(...validateTimeZone(spec.timeZone, path.child('timeZone')));
  }
  const cp = spec.concurrencyPolicy ?? '';
  if (cp === '') errs.push(required(path.child('concurrencyPolicy')));
  else if (!CONCURRENCY.includes(cp)) errs.push(notSupported(path.child('concurrencyPolicy'), cp, CONCURRENCY));
  const tmplPath = path.child('jobTemplate');
  const jobSpec = spec.jobTemplate?.spec ?? ({ template: {} } as NonNullable<Spec['jobTemplate']['spec']>);
  errs.push(...validateJobSpecFields(jobSpec, tmplPath.child('spec')));
  if (jobSpec.selector) {
    errs.push(invalidRepr(tmplPath.child('spec').child('selector'), goLabelSelector(jobSpec.selector), '`selector` will be auto-generated'));
  }
  if (jobSpec.manualSelector === true) errs.push(notSupported(tmplPath.child('spec').child('manualSelector'), true, ['nil', 'false']));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) {
    const v = spec[f];
    if (v !== undefined && v !== null) errs.push(...validateNonnegativeField(v, path.child(f)));
  }
  return errs;
}

/** `ValidateCronJobCreate`: metadata, spec, and names of at most 52 characters. */
export function validateCronJob(cj: CronJob): FieldError[] {
  const errs = validateObjectMeta(cj.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, root('metadata'));
  errs.push(...validateSpec(cj.spec ?? ({} as Spec), undefined));
  const name = cj.metadata?.name ?? '';
  if (name.length > 52) errs.push(invalid(root('metadata', 'name'), name, 'must be no more than 52 characters'));
  return errs;
}

/** `ValidateCronJobUpdate`: metadata update rules and the spec (TZ kept if it was there). */
export function validateCronJobUpdate(cj: CronJob, old: CronJob): FieldError[] {
  const errs = validateObjectMetaUpdate(cj.metadata ?? {}, old.metadata ?? {}, root('metadata'));
  errs.push(...validateSpec(cj.spec ?? ({} as Spec), old.spec ?? ({} as Spec)));
  return errs;
}
