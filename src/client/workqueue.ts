/**
 * A de-duplicating work queue with per-key exponential back-off, as client-go's rate-limited
 * workqueue: a key queued many times is processed once; a key being processed is not handed to
 * a second worker, and re-queued once it is done if it was added meanwhile.
 */

export interface WorkQueueOptions {
  /** First retry delay (ms); doubles per failure. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export class WorkQueue<K = string> {
  private queue: K[] = [];
  private queued = new Set<K>();
  private processing = new Set<K>();
  private dirty = new Set<K>();
  private failures = new Map<K, number>();
  private timers = new Map<K, { timer: NodeJS.Timeout; due: number }>();
  private waiters: (() => void)[] = [];
  private shuttingDown = false;
  private base: number;
  private max: number;

  constructor(opts: WorkQueueOptions = {}) {
    this.base = opts.baseDelayMs ?? 5;
    this.max = opts.maxDelayMs ?? 300_000;
  }

  get length(): number {
    return this.queue.length;
  }

  add(key: K): void {
    if (this.shuttingDown) return;
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.waiters.shift()?.();
  }

  /** Adds `key` after `ms`; a key already waiting keeps the earlier of the two times (as client-go). */
  addAfter(key: K, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    const due = Date.now() + ms;
    const existing = this.timers.get(key);
    if (existing) {
      if (existing.due <= due) return;
      clearTimeout(existing.timer);
    }
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, ms);
    timer.unref();
    this.timers.set(key, { timer, due });
  }

  addRateLimited(key: K): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(this.base * 2 ** n, this.max));
  }

  forget(key: K): void {
    this.failures.delete(key);
  }

  retries(key: K): number {
    return this.failures.get(key) ?? 0;
  }

  private async next(): Promise<K | undefined> {
    while (!this.queue.length) {
      if (this.shuttingDown) return undefined;
      await new Promise<void>((r) => this.waiters.push(r));
    }
    const key = this.queue.shift()!;
    this.queued.delete(key);
    this.processing.add(key);
    return key;
  }

  private done(key: K): void {
    this.processing.delete(key);
    if (this.dirty.delete(key)) this.add(key);
  }

  /**
   * Runs `workers` loops calling `handler(key)`. A thrown error re-queues the key with back-off
   * (until `maxRetries`); success forgets its failures.
   */
  run(workers: number, handler: (key: K) => Promise<void>, onError?: (key: K, err: unknown) => void, maxRetries = 15): Promise<void[]> {
    const loop = async (): Promise<void> => {
      for (;;) {
        const key = await this.next();
        if (key === undefined) return;
        try {
          await handler(key);
          this.forget(key);
        } catch (err) {
          onError?.(key, err);
          if (this.retries(key) < maxRetries) this.addRateLimited(key);
          else this.forget(key);
        } finally {
          this.done(key);
        }
      }
    };
    return Promise.all(Array.from({ length: workers }, loop));
  }

  shutdown(): void {
    this.shuttingDown = true;
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
    for (const w of this.waiters.splice(0)) w();
  }
}
