/**
 * Delayed enqueueing that keeps the earliest deadline per key, as client-go's delaying queue
 * does: a key waiting 1 s (a slice-change sync) and then asked for in 10 ms (a pod change) is
 * queued after 10 ms. (`WorkQueue.addAfter` keeps the first timer even when a later request is
 * due sooner, which would hold pod-driven syncs behind slow ones.)
 */
import type { WorkQueue } from '../../client/workqueue.js';

export class Delayer {
  private pending = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private stopped = false;

  constructor(private queue: WorkQueue<string>) {}

  /** Queues `key` after `ms`, or sooner if it is already due sooner. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.queue.add(key);
      return;
    }
    const at = Date.now() + ms;
    const cur = this.pending.get(key);
    if (cur && cur.at <= at) return;
    if (cur) clearTimeout(cur.timer);
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.queue.add(key);
    }, ms);
    timer.unref();
    this.pending.set(key, { at, timer });
  }

  stop(): void {
    this.stopped = true;
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }
}
