import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from '../../api/types.js';
import { generateJobSelector, validateCronJob, validateCronJobUpdate, validateJob, validateJobUpdate } from './batch.js';
import type { CronJob } from './cronjob.js';
import { defaultCronJob, defaultJob } from '../defaults/batch.js';
import { lines, runCases } from './testutil.js';

const UID = '0b7a3c1e-1111-2222-3333-444455556666';

const job = (): Job => {
  const j: Job = {
    metadata: { name: 'pi', namespace: 'default', uid: UID, resourceVersion: '1' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
  };
  generateJobSelector(j);
  defaultJob(j);
  return j;
};
const SEL = `v1.LabelSelector{MatchLabels:map[string]string{"batch.kubernetes.io/controller-uid":"${UID}"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;

test('generateJobSelector: labels the template and selects the controller uid', () => {
  const j = job();
  assert.deepEqual(j.spec!.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
  assert.deepEqual(j.spec!.template.metadata!.labels, {
    'batch.kubernetes.io/controller-uid': UID,
    'batch.kubernetes.io/job-name': 'pi',
    'controller-uid': UID,
    'job-name': 'pi',
  });
  // SetDefaults_Job copies the template labels onto the Job.
  assert.deepEqual(j.metadata!.labels, j.spec!.template.metadata!.labels);
});

test('generateJobSelector: keeps user labels and does nothing with manualSelector', () => {
  const j: Job = { metadata: { name: 'x', uid: 'u' }, spec: { template: { metadata: { labels: { 'job-name': 'mine' } } } } };
  generateJobSelector(j);
  assert.equal(j.spec!.template.metadata!.labels!['job-name'], 'mine');
  const manual: Job = { metadata: { name: 'x', uid: 'u' }, spec: { manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: {} } };
  generateJobSelector(manual);
  assert.deepEqual(manual.spec!.selector, { matchLabels: { a: 'b' } });
  assert.equal(manual.spec!.template.metadata, undefined);
});

const tmplSpec = (j: Job) => j.spec!.template.spec!;

runCases('validateJob', job, validateJob, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'parallelism non-negative', mutate: (j) => { j.spec!.parallelism = -1; }, want: ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'completions non-negative', mutate: (j) => { j.spec!.completions = -1; }, want: ['spec.completions: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'backoffLimit non-negative', mutate: (j) => { j.spec!.backoffLimit = -1; }, want: ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'activeDeadlineSeconds non-negative', mutate: (j) => { j.spec!.activeDeadlineSeconds = -1; }, want: ['spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'ttlSecondsAfterFinished non-negative', mutate: (j) => { j.spec!.ttlSecondsAfterFinished = -1; }, want: ['spec.ttlSecondsAfterFinished: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'restartPolicy Always is rejected', mutate: (j) => { tmplSpec(j).restartPolicy = 'Always'; }, want: ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'] },
  { name: 'OnFailure is fine', mutate: (j) => { tmplSpec(j).restartPolicy = 'OnFailure'; }, want: [] },
  { name: 'completionMode values', mutate: (j) => { j.spec!.completionMode = 'Ordered'; }, want: ['spec.completionMode: Unsupported value: "Ordered": supported values: "NonIndexed", "Indexed"'] },
  { name: 'Indexed needs completions', mutate: (j) => { j.spec!.completionMode = 'Indexed'; delete j.spec!.completions; }, want: ['spec.completions: Required value: when completion mode is Indexed'] },
  { name: 'Indexed pod hostnames must be DNS labels', mutate: (j) => { j.spec!.completionMode = 'Indexed'; j.spec!.completions = 3; j.metadata!.name = 'a'.repeat(62); j.spec!.template.metadata!.labels!['job-name'] = j.metadata!.name; j.spec!.template.metadata!.labels!['batch.kubernetes.io/job-name'] = j.metadata!.name; }, want: [`metadata.name: Invalid value: "${'a'.repeat(62)}": will not able to create pod with invalid DNS label: ${'a'.repeat(62)}-2`] },
  { name: 'backoffLimitPerIndex needs Indexed', mutate: (j) => { j.spec!.backoffLimitPerIndex = 1; }, want: ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode'] },
  { name: 'maxFailedIndexes needs backoffLimitPerIndex', mutate: (j) => { j.spec!.maxFailedIndexes = 1; }, want: ['spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified', 'spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode'] },
  { name: 'selector required', mutate: (j) => { delete j.spec!.selector; }, want: ['spec.selector: Required value', `spec.template.metadata.labels: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${UID}", "batch.kubernetes.io/job-name":"pi", "controller-uid":"${UID}", "job-name":"pi"}: \`selector\` does not match template \`labels\``] },
  { name: 'generated selector cannot be replaced', mutate: (j) => { j.spec!.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'other' } }; }, want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"batch.kubernetes.io/controller-uid":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated', 'spec.template.metadata.labels: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"0b7a3c1e-1111-2222-3333-444455556666", "batch.kubernetes.io/job-name":"pi", "controller-uid":"0b7a3c1e-1111-2222-3333-444455556666", "job-name":"pi"}: `selector` does not match template `labels`'] },
  { name: 'generated labels must carry the uid', mutate: (j) => { j.spec!.template.metadata!.labels!['controller-uid'] = 'x'; }, want: [`spec.template.metadata.labels[controller-uid]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${UID}", "batch.kubernetes.io/job-name":"pi", "controller-uid":"x", "job-name":"pi"}: must be '${UID}'`] },
  { name: 'uid required for generated selectors', mutate: (j) => { delete j.metadata!.uid; }, want: ["metadata.uid: Required value", `spec.template.metadata.labels[controller-uid]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${UID}", "batch.kubernetes.io/job-name":"pi", "controller-uid":"${UID}", "job-name":"pi"}: must be ''`, `spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${UID}", "batch.kubernetes.io/job-name":"pi", "controller-uid":"${UID}", "job-name":"pi"}: must be ''`, `spec.selector: Invalid value: ${SEL}: \`selector\` not auto-generated`] },
  { name: 'manual selectors are only matched against the template', mutate: (j) => { j.spec!.manualSelector = true; j.spec!.selector = { matchLabels: { app: 'pi' } }; j.spec!.template.metadata!.labels = { app: 'pi' }; }, want: [] },
  { name: 'podReplacementPolicy values', mutate: (j) => { j.spec!.podReplacementPolicy = 'Always'; }, want: ['spec.podReplacementPolicy: Unsupported value: "Always": supported values: "Failed", "TerminatingOrFailed"'] },
  {
    name: 'podFailurePolicy needs Never and one requirement per rule',
    mutate: (j) => { tmplSpec(j).restartPolicy = 'OnFailure'; j.spec!.podReplacementPolicy = 'Failed'; j.spec!.podFailurePolicy = { rules: [{ action: 'FailJob' }] }; },
    want: ['spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required', 'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified'],
  },
  {
    name: 'podFailurePolicy exit codes',
    mutate: (j) => { j.spec!.podReplacementPolicy = 'Failed'; j.spec!.podFailurePolicy = { rules: [{ action: 'Explode', onExitCodes: { operator: 'In', values: [3, 0, 3], containerName: 'nope' } }] }; },
    want: [
      'spec.podFailurePolicy.rules[0].action: Unsupported value: "Explode": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "nope": must be one of the container or initContainer names in the pod template',
      'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator',
      'spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 3',
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 0, 3}: must be ordered',
    ],
  },
  { name: 'podFailurePolicy with a pod failure policy needs Failed replacement', mutate: (j) => { j.spec!.podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }; }, want: ['spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"'] },
  { name: 'successPolicy requires Indexed', mutate: (j) => { j.spec!.successPolicy = { rules: [{ succeededCount: 1 }] }; }, want: ['spec.successPolicy: Invalid value: batch.SuccessPolicy{...}: requires indexed completion mode'] },
  { name: 'successPolicy indexes', mutate: (j) => { j.spec!.completionMode = 'Indexed'; j.spec!.completions = 3; j.spec!.successPolicy = { rules: [{ succeededIndexes: '0-5' }] }; }, want: ['spec.successPolicy.rules[0].succeededIndexes: Invalid value: "0-5": error parsing succeededIndexes: too large index: "5"'] },
  { name: 'managedBy must be domain-prefixed', mutate: (j) => { j.spec!.managedBy = 'kueue'; }, want: ['spec.managedBy: Invalid value: "kueue": must be a domain-prefixed path (such as "acme.io/foo")'] },
  { name: 'pod template validated', mutate: (j) => { delete tmplSpec(j).containers[0]!.image; }, want: ['spec.template.spec.containers[0].image: Required value'] },
]);

runCases('validateJobUpdate', job, (j) => validateJobUpdate(j, job()), [
  { name: 'parallelism may change', mutate: (j) => { j.spec!.parallelism = 3; }, want: [] },
  { name: 'completions immutable for NonIndexed', mutate: (j) => { j.spec!.completions = 2; }, want: ['spec.completions: Invalid value: 2: field is immutable'] },
  { name: 'template immutable', mutate: (j) => { tmplSpec(j).containers[0]!.image = 'perl:2'; }, want: ['spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable'] },
  { name: 'spec errors are reported by both passes (as upstream)', mutate: (j) => { j.spec!.backoffLimit = -1; }, want: ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0', 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'completionMode immutable', mutate: (j) => { j.spec!.completionMode = 'Indexed'; }, want: ['spec.completionMode: Invalid value: "Indexed": field is immutable'] },
]);

test('validateJobUpdate: suspended, never-started jobs may change scheduling directives', () => {
  const old = job();
  old.spec!.suspend = true;
  const next = job();
  next.spec!.suspend = true;
  next.spec!.template.spec!.nodeSelector = { disk: 'ssd' };
  assert.deepEqual(lines(validateJobUpdate(next, old)), []);
  old.status = { startTime: '2024-01-01T00:00:00Z' };
  assert.deepEqual(lines(validateJobUpdate(next, old)), ['spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable']);
});

test('validateJobUpdate: Indexed completions change only in tandem with parallelism', () => {
  const old = job();
  old.spec!.completionMode = 'Indexed';
  old.spec!.completions = 2;
  old.spec!.parallelism = 2;
  const next = JSON.parse(JSON.stringify(old)) as Job;
  next.spec!.completions = 4;
  next.spec!.parallelism = 4;
  assert.deepEqual(lines(validateJobUpdate(next, old)), []);
  next.spec!.parallelism = 2;
  assert.deepEqual(lines(validateJobUpdate(next, old)), ['spec.completions: Invalid value: 4: can only be modified in tandem with spec.parallelism']);
});

const cronJob = (): CronJob => {
  const cj: CronJob = {
    metadata: { name: 'hello', namespace: 'default', resourceVersion: '1' },
    spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } },
  };
  defaultCronJob(cj);
  return cj;
};
const jt = (c: CronJob) => c.spec!.jobTemplate.spec!;

runCases('validateCronJob', cronJob, validateCronJob, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'schedule required', mutate: (c) => { c.spec!.schedule = ''; }, want: ['spec.schedule: Required value'] },
  { name: 'schedule syntax', mutate: (c) => { c.spec!.schedule = 'every minute'; }, want: ['spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]'] },
  { name: 'TZ in schedule', mutate: (c) => { c.spec!.schedule = 'TZ=UTC 0 * * * *'; }, want: ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'] },
  { name: 'timeZone must exist', mutate: (c) => { c.spec!.timeZone = 'Mars/Olympus'; }, want: ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'] },
  { name: 'timeZone ok', mutate: (c) => { c.spec!.timeZone = 'Europe/Paris'; }, want: [] },
  { name: 'timeZone Local', mutate: (c) => { c.spec!.timeZone = 'Local'; }, want: ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'] },
  { name: 'concurrencyPolicy values', mutate: (c) => { c.spec!.concurrencyPolicy = 'Queue'; }, want: ['spec.concurrencyPolicy: Unsupported value: "Queue": supported values: "Allow", "Forbid", "Replace"'] },
  { name: 'history limits non-negative', mutate: (c) => { c.spec!.successfulJobsHistoryLimit = -1; }, want: ['spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'job template restartPolicy', mutate: (c) => { jt(c).template.spec!.restartPolicy = 'Always'; }, want: ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'] },
  { name: 'job template selector is generated', mutate: (c) => { jt(c).selector = { matchLabels: { a: 'b' } }; }, want: ['spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated'] },
  { name: 'manualSelector not allowed', mutate: (c) => { jt(c).manualSelector = true; }, want: ['spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"'] },
  { name: 'name at most 52 characters', mutate: (c) => { c.metadata!.name = 'a'.repeat(53); }, want: [`metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`] },
]);

runCases('validateCronJobUpdate', cronJob, (c) => validateCronJobUpdate(c, cronJob()), [
  { name: 'schedule may change', mutate: (c) => { c.spec!.schedule = '@daily'; }, want: [] },
  { name: 'long names are tolerated on update', mutate: (c) => { c.metadata!.name = 'hello'; }, want: [] },
]);
