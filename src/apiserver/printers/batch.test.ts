import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from '../../api/types.js';
import { type CronJob, cronJobPrinter, jobPrinter } from './batch.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (sec: number): string => new Date(NOW - sec * 1000).toISOString();
const template = { spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' } };
const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } };

function job(o: { completions?: number; parallelism?: number; succeeded?: number; start?: number; end?: number; conditions?: [string, string][]; deleting?: boolean }): Job {
  return {
    metadata: { name: 'pi', creationTimestamp: ago(600), ...(o.deleting ? { deletionTimestamp: ago(1) } : {}) },
    spec: { completions: o.completions, parallelism: o.parallelism, selector, template },
    status: {
      succeeded: o.succeeded,
      startTime: o.start !== undefined ? ago(o.start) : undefined,
      completionTime: o.end !== undefined ? ago(o.end) : undefined,
      conditions: o.conditions?.map(([type, status]) => ({ type, status })),
    },
  };
}

test('job STATUS, COMPLETIONS, DURATION', () => {
  const cases: [string, Job, string, string, string][] = [
    ['not started', job({ completions: 1 }), 'Running', '0/1', ''],
    ['running', job({ completions: 3, succeeded: 1, start: 90 }), 'Running', '1/3', '90s'],
    ['complete', job({ completions: 1, succeeded: 1, start: 300, end: 100, conditions: [['Complete', 'True']] }), 'Complete', '1/1', '3m20s'],
    ['failed', job({ completions: 1, start: 60, conditions: [['FailureTarget', 'True'], ['Failed', 'True']] }), 'Failed', '0/1', '60s'],
    ['terminating', job({ completions: 1, deleting: true, conditions: [['Suspended', 'True']] }), 'Terminating', '0/1', ''],
    ['suspended', job({ completions: 2, conditions: [['Suspended', 'True']] }), 'Suspended', '0/2', ''],
    ['failure target', job({ completions: 2, start: 10, conditions: [['FailureTarget', 'True']] }), 'FailureTarget', '0/2', '10s'],
    ['condition False ignored', job({ completions: 1, conditions: [['Complete', 'False']] }), 'Running', '0/1', ''],
    ['no completions', job({ succeeded: 2 }), 'Running', '2/1', ''],
    ['no completions, parallel', job({ parallelism: 4, succeeded: 2 }), 'Running', '2/1 of 4', ''],
    ['no completions, parallelism 1', job({ parallelism: 1 }), 'Running', '0/1', ''],
  ];
  for (const [name, j, status, completions, duration] of cases) {
    assert.deepEqual(jobPrinter.row(j, NOW), ['pi', status, completions, duration, '10m', 'pi', 'perl', 'batch.kubernetes.io/controller-uid=u1'], name);
  }
  assert.deepEqual(
    jobPrinter.columns.map((c) => `${c.name}:${c.priority}`),
    ['Name:0', 'Status:0', 'Completions:0', 'Duration:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1'],
  );
});

test('cronjobs', () => {
  const cj: CronJob = {
    metadata: { name: 'hello', creationTimestamp: ago(7200) },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } },
    status: {},
  };
  assert.deepEqual(cronJobPrinter.row(cj, NOW), ['hello', '*/5 * * * *', '<none>', 'False', 0, '<none>', '120m', 'pi', 'perl', '<none>']);
  cj.spec!.timeZone = 'Etc/UTC';
  cj.spec!.suspend = true;
  cj.status = { active: [{ name: 'hello-1' }], lastScheduleTime: ago(65) };
  assert.deepEqual(cronJobPrinter.row(cj, NOW).slice(0, 6), ['hello', '*/5 * * * *', 'Etc/UTC', 'True', 1, '65s']);
  assert.deepEqual(
    cronJobPrinter.columns.map((c) => `${c.name}:${c.type}`),
    ['Name:string', 'Schedule:string', 'Timezone:string', 'Suspend:boolean', 'Active:integer', 'Last Schedule:string', 'Age:string', 'Containers:string', 'Images:string', 'Selector:string'],
  );
});
