/**
 * The TTL-after-finished controller (upstream pkg/controller/ttlafterfinished): a finished Job
 * with `spec.ttlSecondsAfterFinished` is deleted (foreground propagation, so its pods go first)
 * that many seconds after its Complete/Failed condition turned True.
 */
import { isApiError } from '../../api/errors.js';
import type { Job } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import type { Informer, InformerFactory } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue } from '../../client/workqueue.js';
import { logger } from '../../util/log.js';
import { isJobFinished, jobFinishTime } from './accounting.js';
import { DelayedEnqueuer } from './expectations.js';

const log = logger('ttl-after-finished-controller');

/** Milliseconds until a finished Job with a TTL expires (<= 0: now); undefined when it has none or is not finished. */
export function ttlRemaining(job: Job, now: number): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null || job.metadata?.deletionTimestamp || !isJobFinished(job)) return undefined;
  const finished = jobFinishTime(job);
  if (finished === undefined) return undefined;
  return finished + ttl * 1000 - now;
}

const keyOf = (j: Job): string => `${j.metadata?.namespace}/${j.metadata?.name}`;

/** The TTL-after-finished controller: `run()` to start, `stop()` to halt. */
export class TTLAfterFinishedController {
  private queue = new WorkQueue<string>({ baseDelayMs: 500, maxDelayMs: 60_000 });
  private delayed = new DelayedEnqueuer(this.queue);
  private jobs: Informer<Job>;
  private stopped = false;

  constructor(
    private client: Client,
    informers: InformerFactory,
  ) {
    this.jobs = informers.for<Job>(R.jobs);
    const enqueue = (j: Job) => {
      if (ttlRemaining(j, Date.now()) !== undefined) this.queue.add(keyOf(j));
    };
    this.jobs.on({ add: enqueue, update: (_o, j) => enqueue(j) });
  }

  run(): void {
    void (async () => {
      await this.jobs.waitForSync();
      if (this.stopped) return;
      void this.queue.run(1, (k) => this.sync(k), (k, err) => log.warn({ job: k, err: (err as Error).message }, 'sync failed'));
    })();
  }

  stop(): void {
    this.stopped = true;
    this.queue.shutdown();
    this.delayed.stop();
  }

  private async sync(key: string): Promise<void> {
    const i = key.indexOf('/');
    const ns = key.slice(0, i);
    const name = key.slice(i + 1);
    const cached = this.jobs.get(ns, name);
    if (!cached) return;
    const left = ttlRemaining(cached, Date.now());
    if (left === undefined) return;
    if (left > 0) {
      this.delayed.addAfter(key, left);
      return;
    }
    // The TTL may have been changed since: check a fresh copy before deleting.
    const fresh = await this.client.tryGet<Job>(R.jobs, ns, name);
    if (!fresh) return;
    const freshLeft = ttlRemaining(fresh, Date.now());
    if (freshLeft === undefined) return;
    if (freshLeft > 0) {
      this.delayed.addAfter(key, freshLeft);
      return;
    }
    log.info({ job: key }, 'cleaning up finished job');
    try {
      await this.client.delete(R.jobs, ns, name, { propagationPolicy: 'Foreground', preconditions: { uid: fresh.metadata?.uid } });
    } catch (err) {
      if (!isApiError(err, 'NotFound')) throw err;
    }
  }
}
