/**
 * In-process fan-out of committed events to watchers. Each subscription has its own queue,
 * drained in a microtask, so delivery is always in revision order, never re-entrant, and a
 * replayed backlog joins the live stream with no gap and no duplicate.
 */
import type { StoreEvent, WatchOptions, Watcher } from './types.js';

interface Subscription {
  prefix: string;
  opts: WatchOptions;
  /** Revision of the last event queued or delivered. */
  last: number;
  queue: StoreEvent[];
  scheduled: boolean;
  stopped: boolean;
}

export class WatchHub {
  private subs = new Set<Subscription>();

  get size(): number {
    return this.subs.size;
  }

  /**
   * Registers a watcher. `backlog` holds the stored events after `after`, read in the same
   * synchronous step as this call so that nothing committed in between is missed.
   */
  subscribe(prefix: string, after: number, opts: WatchOptions, backlog: StoreEvent[] = []): Watcher {
    const sub: Subscription = { prefix, opts, last: after, queue: [], scheduled: false, stopped: false };
    for (const ev of backlog) this.enqueue(sub, ev);
    this.subs.add(sub);
    return {
      stop: () => {
        sub.stopped = true;
        sub.queue.length = 0;
        this.subs.delete(sub);
      },
    };
  }

  /** Queues committed events (in revision order) for every matching watcher. */
  publish(events: readonly StoreEvent[]): void {
    if (!this.subs.size) return;
    for (const ev of events) {
      for (const sub of this.subs) if (ev.kv.key.startsWith(sub.prefix)) this.enqueue(sub, ev);
    }
  }

  closeAll(err: Error): void {
    for (const sub of this.subs) {
      sub.stopped = true;
      sub.opts.onError?.(err);
    }
    this.subs.clear();
  }

  private enqueue(sub: Subscription, ev: StoreEvent): void {
    if (ev.revision <= sub.last) return;
    sub.last = ev.revision;
    sub.queue.push(ev);
    if (!sub.scheduled) {
      sub.scheduled = true;
      queueMicrotask(() => this.drain(sub));
    }
  }

  private drain(sub: Subscription): void {
    sub.scheduled = false;
    const q = sub.queue;
    sub.queue = [];
    for (const ev of q) {
      if (sub.stopped) return;
      try {
        sub.opts.onEvent(ev);
      } catch (err) {
        sub.opts.onError?.(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }
}
