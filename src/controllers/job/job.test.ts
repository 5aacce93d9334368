/**
 * Integration tests: the Job and TTL-after-finished controllers on the in-process API server;
 * the test plays the node agent by setting pod phases.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job, Pod } from '../../api/types.js';
import { R } from '../../client/resources.js';
import { type TestEnv, eventsFor, setPodPhase, setPodRunning, sleep, startEnv, waitFor } from '../nodelifecycle/testenv.js';
import { JOB_TRACKING_FINALIZER } from './accounting.js';
import { JobController, type JobControllerOptions } from './job-controller.js';
import { TTLAfterFinishedController } from './ttl-after-finished.js';

const makeJob = (name: string, spec: Partial<NonNullable<Job['spec']>>): Job => ({
  metadata: { name, namespace: 'default' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } }, ...spec },
});

const jobPods = async (env: TestEnv, name: string) => (await env.client.list<Pod>(R.pods, 'default', { labelSelector: `job-name=${name}` })).items;
const getJob = (env: TestEnv, name: string) => env.client.get<Job>(R.jobs, 'default', name);
const cond = (j: Job, type: string) => j.status?.conditions?.find((c) => c.type === type && c.status === 'True');
const running = (pods: Pod[]) => pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');

async function withController(fn: (env: TestEnv, ctrl: JobController) => Promise<void>, opts: JobControllerOptions = {}): Promise<void> {
  const env = await startEnv();
  const ctrl = new JobController(env.client, env.informers, { syncBatchPeriodMs: 30, podFailureBackoffMs: 200, ...opts });
  try {
    env.informers.start();
    ctrl.run();
    await fn(env, ctrl);
  } finally {
    ctrl.stop();
    await env.close();
  }
}

test('a Job with completions 3 and parallelism 2 runs at most 2 pods and completes', () =>
  withController(async (env, ctrl) => {
    await env.client.create(R.jobs, 'default', makeJob('pi', { completions: 3, parallelism: 2 }));
    let maxActive = 0;
    const first = await waitFor('2 pods', async () => {
      const ps = running(await jobPods(env, 'pi'));
      maxActive = Math.max(maxActive, ps.length);
      return ps.length === 2 ? ps : undefined;
    });
    for (const p of first) {
      assert.ok(p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER), 'pods carry the tracking finalizer');
      assert.equal(p.metadata?.ownerReferences?.[0]?.kind, 'Job');
      assert.match(p.metadata?.name ?? '', /^pi-[a-z0-9]{5}$/);
    }
    await setPodRunning(env.client, 'default', first[0].metadata!.name!);
    await waitFor('active 2 ready 1', async () => {
      const j = await getJob(env, 'pi');
      return j.status?.active === 2 && j.status.ready === 1 && j.status.startTime ? j : undefined;
    });
    for (const p of first) await setPodPhase(env.client, 'default', p.metadata!.name!, 'Succeeded');
    const third = await waitFor('third pod', async () => {
      const ps = running(await jobPods(env, 'pi'));
      maxActive = Math.max(maxActive, ps.length);
      return ps.length === 1 ? ps[0] : undefined;
    });
    const mid = await waitFor('2 succeeded', async () => ((await getJob(env, 'pi')).status?.succeeded === 2 ? getJob(env, 'pi') : undefined));
    assert.equal(mid.status?.active, 1);
    await setPodPhase(env.client, 'default', third.metadata!.name!, 'Succeeded');
    const done = await waitFor('Complete', async () => {
      const j = await getJob(env, 'pi');
      return cond(j, 'Complete') ? j : undefined;
    });
    assert.ok(maxActive <= 2, `never more than parallelism pods (${maxActive})`);
    assert.equal(done.status?.succeeded, 3);
    assert.equal(done.status?.failed ?? 0, 0);
    assert.equal(done.status?.active ?? 0, 0);
    assert.ok(done.status?.completionTime);
    assert.ok(cond(done, 'SuccessCriteriaMet'), 'the interim SuccessCriteriaMet condition precedes Complete');
    for (const type of ['SuccessCriteriaMet', 'Complete']) {
      assert.equal(cond(done, type)?.reason, 'CompletionsReached');
      assert.equal(cond(done, type)?.message, 'Reached expected number of succeeded pods');
    }
    assert.deepEqual(done.status?.conditions?.map((c) => c.type), ['SuccessCriteriaMet', 'Complete']);
    assert.deepEqual(done.status?.uncountedTerminatedPods, {}, 'nothing left uncounted');
    await waitFor('finalizers removed', async () => (await jobPods(env, 'pi')).every((p) => !p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER)));
    await ctrl.flush();
    assert.equal((await eventsFor(env.client, 'default', 'pi', 'SuccessfulCreate')).filter((e) => /^Created pod: pi-/.test(e.message ?? '')).length, 3);
    assert.ok((await eventsFor(env.client, 'default', 'pi', 'Completed')).some((e) => e.message === 'Job completed'));
  }));

test('a failing Job is retried after back-off and fails with BackoffLimitExceeded', () =>
  withController(async (env, ctrl) => {
    // Failure times have second precision (container finishedAt), so the 2 s back-off lasts 1-2 s.
    await env.client.create(R.jobs, 'default', makeJob('fail', { backoffLimit: 1 }));
    const failAt: number[] = [];
    for (let i = 0; i < 2; i++) {
      const p = await waitFor(`attempt ${i + 1}`, async () => running(await jobPods(env, 'fail'))[0]);
      if (failAt.length) assert.ok(Date.now() - failAt[failAt.length - 1] >= 900, 'the replacement waits for the back-off');
      await setPodPhase(env.client, 'default', p.metadata!.name!, 'Failed');
      failAt.push(Date.now());
    }
    const failed = await waitFor('Failed', async () => {
      const j = await getJob(env, 'fail');
      return cond(j, 'Failed') ? j : undefined;
    });
    const c = cond(failed, 'Failed')!;
    assert.equal(c.reason, 'BackoffLimitExceeded');
    assert.equal(c.message, 'Job has reached the specified backoff limit');
    assert.equal(cond(failed, 'FailureTarget')?.reason, 'BackoffLimitExceeded');
    assert.equal(failed.status?.failed, 2);
    assert.equal(cond(failed, 'Complete'), undefined);
    await sleep(300);
    assert.equal(running(await jobPods(env, 'fail')).length, 0, 'no more pods');
    await ctrl.flush();
    const ev = await eventsFor(env.client, 'default', 'fail', 'BackoffLimitExceeded');
    assert.ok(ev.some((e) => e.type === 'Warning' && e.message === 'Job has reached the specified backoff limit'));
  }, { podFailureBackoffMs: 2000 }));

test('activeDeadlineSeconds ends the Job with DeadlineExceeded and deletes its pods', () =>
  withController(async (env) => {
    await env.client.create(R.jobs, 'default', makeJob('slow', { activeDeadlineSeconds: 1, template: { spec: { restartPolicy: 'Never', nodeName: 'n1', containers: [{ name: 'c', image: 'x' }] } } }));
    const p = await waitFor('pod', async () => running(await jobPods(env, 'slow'))[0]);
    await setPodRunning(env.client, 'default', p.metadata!.name!);
    await waitFor('pod deleted', async () => !!(await env.client.get<Pod>(R.pods, 'default', p.metadata!.name!)).metadata?.deletionTimestamp, 3000);
    await sleep(100);
    const j = await getJob(env, 'slow');
    assert.equal(cond(j, 'FailureTarget')?.reason, 'DeadlineExceeded');
    assert.equal(cond(j, 'Failed'), undefined, 'Failed waits until the terminating pod is gone');
    assert.equal(j.status?.terminating, 1);
    // The node agent finishes the pod.
    await setPodPhase(env.client, 'default', p.metadata!.name!, 'Failed');
    await env.client.delete(R.pods, 'default', p.metadata!.name!, { gracePeriodSeconds: 0 });
    const failed = await waitFor('Failed', async () => {
      const x = await getJob(env, 'slow');
      return cond(x, 'Failed') ? x : undefined;
    });
    assert.equal(cond(failed, 'Failed')?.message, 'Job was active longer than specified deadline');
  }));

test('an Indexed Job runs one pod per index and records completed indexes', () =>
  withController(async (env) => {
    await env.client.create(R.jobs, 'default', makeJob('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    const pods = await waitFor('3 pods', async () => {
      const ps = running(await jobPods(env, 'idx'));
      return ps.length === 3 ? ps : undefined;
    });
    const byIndex = new Map(pods.map((p) => [p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'], p]));
    assert.deepEqual([...byIndex.keys()].sort(), ['0', '1', '2']);
    assert.equal(byIndex.get('1')?.spec?.hostname, 'idx-1');
    await setPodPhase(env.client, 'default', byIndex.get('1')!.metadata!.name!, 'Succeeded');
    await waitFor('index 1 completed', async () => (await getJob(env, 'idx')).status?.completedIndexes === '1');
    // A failed index is retried with the same index.
    await setPodPhase(env.client, 'default', byIndex.get('0')!.metadata!.name!, 'Failed');
    const retry = await waitFor('index 0 retried', async () => running(await jobPods(env, 'idx')).find((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'] === '0'));
    await setPodPhase(env.client, 'default', retry.metadata!.name!, 'Succeeded');
    await setPodPhase(env.client, 'default', byIndex.get('2')!.metadata!.name!, 'Succeeded');
    const done = await waitFor('Complete', async () => {
      const j = await getJob(env, 'idx');
      return cond(j, 'Complete') ? j : undefined;
    });
    assert.equal(done.status?.completedIndexes, '0-2');
    assert.equal(done.status?.succeeded, 3);
    assert.equal(done.status?.failed, 1);
  }));

test('ttlSecondsAfterFinished deletes the finished Job', async () => {
  const env = await startEnv();
  const ctrl = new JobController(env.client, env.informers, { syncBatchPeriodMs: 30 });
  const ttl = new TTLAfterFinishedController(env.client, env.informers);
  try {
    env.informers.start();
    ctrl.run();
    ttl.run();
    await env.client.create(R.jobs, 'default', makeJob('short', { ttlSecondsAfterFinished: 1 }));
    const p = await waitFor('pod', async () => running(await jobPods(env, 'short'))[0]);
    await setPodPhase(env.client, 'default', p.metadata!.name!, 'Succeeded');
    await waitFor('Complete', async () => !!cond(await getJob(env, 'short'), 'Complete'));
    const completedAt = Date.now();
    // Deleted in the foreground: without a garbage collector running here it stays with a deletionTimestamp.
    await waitFor('job deleted', async () => {
      const j = await env.client.tryGet<Job>(R.jobs, 'default', 'short');
      return !j || (!!j.metadata?.deletionTimestamp && j.metadata.finalizers?.includes('foregroundDeletion'));
    }, 5000);
    assert.ok(Date.now() - completedAt >= 300, 'not before its TTL');
  } finally {
    ttl.stop();
    ctrl.stop();
    await env.close();
  }
});
