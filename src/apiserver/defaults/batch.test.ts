import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from '../../api/types.js';
import type { CronJob } from '../validation/cronjob.js';
import { defaultCronJob, defaultJob } from './batch.js';

const tmpl = () => ({ metadata: { labels: { app: 'pi' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5' }] } });

test('defaultJob: single-completion defaults', () => {
  const j: Job = { metadata: { name: 'pi' }, spec: { template: tmpl() } };
  defaultJob(j);
  const s = j.spec!;
  assert.equal(s.completions, 1);
  assert.equal(s.parallelism, 1);
  assert.equal(s.backoffLimit, 6);
  assert.equal(s.completionMode, 'NonIndexed');
  assert.equal(s.suspend, false);
  assert.equal(s.podReplacementPolicy, 'TerminatingOrFailed');
  assert.equal(s.manualSelector, false);
  assert.deepEqual(j.metadata!.labels, { app: 'pi' });
  assert.equal(s.template.spec!.terminationGracePeriodSeconds, 30);
});

test('defaultJob: parallelism only, per-index backoff, failure policy', () => {
  const j: Job = {
    metadata: { name: 'x', labels: { mine: 'yes' } },
    spec: {
      parallelism: 3,
      completionMode: 'Indexed',
      backoffLimitPerIndex: 1,
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' } as { type: string; status: string }] }] },
      template: tmpl(),
    },
  };
  defaultJob(j);
  const s = j.spec!;
  assert.equal(s.completions, undefined);
  assert.equal(s.parallelism, 3);
  assert.equal(s.backoffLimit, 2147483647);
  assert.equal(s.completionMode, 'Indexed');
  assert.equal(s.podReplacementPolicy, 'Failed');
  assert.equal(s.podFailurePolicy!.rules[0]!.onPodConditions![0]!.status, 'True');
  assert.deepEqual(j.metadata!.labels, { mine: 'yes' });
});

test('defaultCronJob: policy, suspend, history limits and pod defaults', () => {
  const cj: CronJob = { spec: { schedule: '@hourly', jobTemplate: { spec: { template: tmpl() } } } };
  defaultCronJob(cj);
  assert.equal(cj.spec!.concurrencyPolicy, 'Allow');
  assert.equal(cj.spec!.suspend, false);
  assert.equal(cj.spec!.successfulJobsHistoryLimit, 3);
  assert.equal(cj.spec!.failedJobsHistoryLimit, 1);
  assert.equal(cj.spec!.jobTemplate.spec!.template.spec!.dnsPolicy, 'ClusterFirst');
  assert.equal(cj.spec!.jobTemplate.spec!.backoffLimit, undefined);
});
