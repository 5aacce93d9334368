import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job, Pod } from '../../api/types.js';
import * as A from './accounting.js';
import { cleanUncounted } from './tracking.js';
import { activePodsOrder } from './podcontrol.js';
import { addCompletionIndexEnv, jobPod } from './manage.js';

const T = Date.parse('2024-05-01T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';

function job(spec: Partial<NonNullable<Job['spec']>> = {}, status: Job['status'] = {}): Job {
  return { metadata: { name: 'pi', namespace: 'default', uid: 'job-uid' }, spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } }, ...spec }, status };
}

function pod(name: string, phase: string, extra: { finishedAt?: number; deleting?: boolean; ready?: boolean; node?: string; index?: number; created?: number } = {}): Pod {
  return {
    metadata: {
      name,
      uid: `uid-${name}`,
      creationTimestamp: iso(extra.created ?? T - 100_000),
      deletionTimestamp: extra.deleting ? iso(T) : undefined,
      finalizers: [A.JOB_TRACKING_FINALIZER],
      annotations: extra.index !== undefined ? { [A.COMPLETION_INDEX_KEY]: String(extra.index) } : undefined,
    },
    spec: { containers: [], nodeName: extra.node },
    status: {
      phase,
      conditions: extra.ready !== undefined ? [{ type: 'Ready', status: extra.ready ? 'True' : 'False', lastTransitionTime: iso(T - 50_000) }] : undefined,
      containerStatuses: extra.finishedAt ? [{ name: 'c', image: 'x', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, finishedAt: iso(extra.finishedAt) } } }] : undefined,
    },
  };
}

test('how many pods a Job wants active, and when it is complete', () => {
  assert.equal(A.wantActive(job({ completions: 3, parallelism: 2 }), 0, 0), 2);
  assert.equal(A.wantActive(job({ completions: 3, parallelism: 2 }), 2, 1), 1, 'capped by completions left');
  assert.equal(A.wantActive(job({ completions: 3, parallelism: 2 }), 3, 0), 0);
  assert.equal(A.wantActive(job({ parallelism: 4 }), 0, 1), 4, 'work queue: parallelism until a success');
  assert.equal(A.wantActive(job({ parallelism: 4 }), 1, 3), 3, 'then leave the running ones');
  assert.equal(A.isComplete(job({ completions: 3 }), 3, 0), true);
  assert.equal(A.isComplete(job({ completions: 3 }), 3, 1), false);
  assert.equal(A.isComplete(job({}), 1, 0), true);
});

test('failed pods: phase Failed, or deleted before success unless only failed pods are replaced', () => {
  assert.equal(A.isPodFailed(pod('a', 'Failed'), job()), true);
  assert.equal(A.isPodFailed(pod('b', 'Running', { deleting: true }), job()), true);
  assert.equal(A.isPodFailed(pod('b', 'Running', { deleting: true }), job({ podReplacementPolicy: 'Failed' })), false);
  assert.equal(A.isPodFailed(pod('c', 'Succeeded', { deleting: true }), job()), false);
  assert.equal(A.countTerminating([pod('x', 'Running', { deleting: true }), pod('y', 'Failed', { deleting: true }), pod('z', 'Running')]), 1);
});

test('deadline and OnFailure restart limits', () => {
  const j = job({ activeDeadlineSeconds: 10 }, { startTime: iso(T) });
  assert.equal(A.pastActiveDeadline(j, T + 9_999), false);
  assert.equal(A.pastActiveDeadline(j, T + 10_000), true);
  assert.equal(A.pastActiveDeadline(job({ activeDeadlineSeconds: 10, suspend: true }, { startTime: iso(T) }), T + 60_000), false);
  const onFailure = job({ backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [] } } });
  const restarting = pod('r', 'Running');
  restarting.status!.containerStatuses = [{ name: 'c', image: 'x', imageID: '', ready: true, restartCount: 2 }];
  assert.equal(A.pastBackoffLimitOnFailure(onFailure, [restarting]), true);
  assert.equal(A.pastBackoffLimitOnFailure(job({ backoffLimit: 2 }), [restarting]), false, 'only for restartPolicy OnFailure');
});

test('pod failure back-off: 10 s, doubling per failure since the last success, capped', () => {
  const r1 = A.nextBackoffRecord(undefined, [], [pod('f1', 'Failed', { finishedAt: T })]);
  assert.deepEqual(r1, { failuresAfterLastSuccess: 1, lastFailureTime: T });
  assert.equal(A.backoffRemaining(r1, T + 4000, 10_000, 600_000), 6000);
  const r2 = A.nextBackoffRecord(r1, [], [pod('f2', 'Failed', { finishedAt: T + 1000 })]);
  assert.equal(r2.failuresAfterLastSuccess, 2);
  assert.equal(A.backoffRemaining(r2, T + 1000, 10_000, 600_000), 20_000);
  const r3 = A.nextBackoffRecord(r2, [pod('s', 'Succeeded', { finishedAt: T + 5000 })], [pod('f3', 'Failed', { finishedAt: T + 6000 }), pod('f0', 'Failed', { finishedAt: T + 2000 })]);
  assert.deepEqual(r3, { failuresAfterLastSuccess: 1, lastFailureTime: T + 6000 }, 'a success resets; only later failures count');
  assert.equal(A.backoffRemaining({ failuresAfterLastSuccess: 20, lastFailureTime: T }, T, 10_000, 600_000), 600_000);
  assert.equal(A.backoffRemaining({ failuresAfterLastSuccess: 0 }, T, 10_000, 600_000), 0);
});

test('job conditions: set, update, never append a False one', () => {
  const list: A.JobCondition[] = [];
  assert.equal(A.ensureCondition(list, 'Suspended', 'False', 'JobResumed', 'Job resumed', T), false);
  assert.equal(A.ensureCondition(list, 'Suspended', 'True', 'JobSuspended', 'Job suspended', T), true);
  assert.equal(A.ensureCondition(list, 'Suspended', 'True', 'JobSuspended', 'Job suspended', T + 1), false);
  assert.equal(A.ensureCondition(list, 'Suspended', 'False', 'JobResumed', 'Job resumed', T + 2), true);
  assert.deepEqual(list, [{ type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed', lastProbeTime: iso(T + 2), lastTransitionTime: iso(T + 2) }]);
  const finished = job({}, { conditions: [{ type: 'Failed', status: 'True', lastTransitionTime: iso(T) }] });
  assert.equal(A.isJobFinished(finished), true);
  assert.equal(A.jobFinishTime(finished), T);
  assert.equal(A.isJobFinished(job({}, { conditions: [{ type: 'FailureTarget', status: 'True' }] })), false, 'the interim condition is not finished');
});

test('uncounted pods move into the counters once their finalizer is gone', () => {
  const j = job({}, { succeeded: 1, failed: 0, uncountedTerminatedPods: { succeeded: ['a', 'b'], failed: ['c'] } });
  assert.equal(cleanUncounted(j, new Set(['b'])), true);
  assert.equal(j.status?.succeeded, 2);
  assert.equal(j.status?.failed, 1);
  assert.deepEqual(j.status?.uncountedTerminatedPods, { succeeded: ['b'] });
  assert.equal(cleanUncounted(j, new Set(['b'])), false);
});

test('indexed jobs: index strings, pending indexes, duplicates, pod identity', () => {
  assert.equal(A.formatIndexes([0, 1, 2, 4, 6, 7]), '0-2,4,6-7');
  assert.deepEqual(A.parseIndexes('0-2,4,9', 5), [0, 1, 2, 4]);
  assert.deepEqual(A.firstPendingIndexes([pod('a', 'Running', { index: 1 })], [0, 3], 2, 5), [2, 4]);
  const dupA = pod('a', 'Running', { index: 1, ready: true, node: 'n' });
  const dupB = pod('b', 'Pending', { index: 1 });
  const bad = pod('c', 'Running', { index: 9 });
  const { remove, keep } = A.duplicatedIndexPods([dupA, dupB, bad], 5, activePodsOrder);
  assert.deepEqual(remove.map((p) => p.metadata?.name).sort(), ['b', 'c']);
  assert.deepEqual(keep.map((p) => p.metadata?.name), ['a']);
  const j = job({ completionMode: 'Indexed', completions: 3 });
  const t = structuredClone(j.spec!.template);
  addCompletionIndexEnv(t);
  const p = jobPod(j, t, 2);
  assert.equal(p.metadata?.generateName, 'pi-2-');
  assert.equal(p.spec?.hostname, 'pi-2');
  assert.equal(p.metadata?.annotations?.[A.COMPLETION_INDEX_KEY], '2');
  assert.equal(p.metadata?.labels?.[A.COMPLETION_INDEX_KEY], '2');
  assert.deepEqual(p.spec?.containers[0].env, [{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }]);
  assert.equal(jobPod(j, t, -1).metadata?.generateName, 'pi-');
  const { prev, all } = A.succeededIndexes({ ...j, status: { completedIndexes: '0' } }, [pod('s', 'Succeeded', { index: 2 }), pod('r', 'Running', { index: 1 })], A.hasTrackingFinalizer);
  assert.deepEqual(prev, [0]);
  assert.deepEqual(all, [0, 2]);
});

test('active pods are removed unscheduled first, then pending, not ready, newest', () => {
  const pods = [
    pod('ready-old', 'Running', { ready: true, node: 'n', created: T - 9000 }),
    pod('unscheduled', 'Pending'),
    pod('pending', 'Pending', { node: 'n' }),
    pod('notready', 'Running', { ready: false, node: 'n' }),
  ];
  assert.deepEqual(pods.sort(activePodsOrder).map((p) => p.metadata?.name), ['unscheduled', 'pending', 'notready', 'ready-old']);
});
