/**
 * Delayed re-queueing with client-go's AddAfter semantics: a key waiting for a later time is
 * moved up when asked for an earlier one (skiff's WorkQueue.addAfter keeps the first timer).
 */
import type { WorkQueue } from '../../client/workqueue.js';

export class DelayedRequeue {
  private timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private stopped = false;

  constructor(private queue: WorkQueue<string>) {}

  /** Adds `key` to the queue after `ms` (at once when ms <= 0), unless an earlier add is pending. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
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

  /** Cancels every pending add. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
  }
}
