/**
 * Controller bookkeeping shared by the workload controllers: expectations (upstream
 * controller.ControllerExpectations — creations/deletions a controller waits to observe before it
 * acts again on a key) and a delayed enqueuer whose earliest request wins.
 */
import type { WorkQueue } from '../../client/workqueue.js';

/** How long unobserved expectations are trusted (upstream ExpectationsTimeout, 5 min). */
export const EXPECTATIONS_TTL_MS = 5 * 60_000;

interface Expectation {
  add: number;
  del: number;
  at: number;
}

/** Per-key counts of pod creations and deletions still to be seen through the informer. */
export class Expectations {
  private m = new Map<string, Expectation>();

  constructor(private ttlMs = EXPECTATIONS_TTL_MS) {}

  /** SetExpectations: replaces the key's expectations. */
  set(key: string, add: number, del: number): void {
    this.m.set(key, { add, del, at: Date.now() });
  }

  expectCreations(key: string, n: number): void {
    this.set(key, n, 0);
  }

  expectDeletions(key: string, n: number): void {
    this.set(key, 0, n);
  }

  /** LowerExpectations: fewer creations/deletions are expected (a request failed or was skipped). */
  lower(key: string, add: number, del: number): void {
    const e = this.m.get(key);
    if (e) {
      e.add -= add;
      e.del -= del;
    }
  }

  creationObserved(key: string): void {
    this.lower(key, 1, 0);
  }

  deletionObserved(key: string): void {
    this.lower(key, 0, 1);
  }

  /** SatisfiedExpectations: nothing pending, expired, or never set. */
  satisfied(key: string): boolean {
    const e = this.m.get(key);
    if (!e) return true;
    return (e.add <= 0 && e.del <= 0) || Date.now() - e.at > this.ttlMs;
  }

  delete(key: string): void {
    this.m.delete(key);
  }
}

/**
 * Enqueues keys after a delay; a key already waiting keeps the earlier of the two times (the
 * shared WorkQueue.addAfter keeps the first request even when a later one is sooner).
 */
export class DelayedEnqueuer {
  private timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();

  constructor(private queue: WorkQueue<string>) {}

  addAfter(key: string, ms: number): void {
    if (ms <= 0) {
      this.queue.add(key);
      return;
    }
    const at = Date.now() + ms;
    const cur = this.timers.get(key);
    if (cur && cur.at <= at) return;
    if (cur) clearTimeout(cur.timer);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.queue.add(key);
    }, ms);
    timer.unref();
    this.timers.set(key, { at, timer });
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
  }
}
