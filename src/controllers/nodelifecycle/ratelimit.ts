/**
 * The node controller's rate-limited tainting queue (upstream scheduler.RateLimitedTimedQueue
 * over a token bucket): nodes are queued once per unhealthy spell and tainted no faster than the
 * zone's limiter allows; a limiter of 0 QPS stops tainting in the zone.
 */

/** A token bucket (flowcontrol.NewTokenBucketRateLimiter): `qps` tokens a second, up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    readonly burst: number,
    now: number = Date.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes a token if one is available at `now`. A bucket with qps <= 0 never gives one. */
  tryAccept(now: number = Date.now()): boolean {
    if (this.qps <= 0) return false;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface Item {
  value: string;
  processAt: number;
}

/**
 * A unique queue of node names: a name stays "known" after it was processed successfully until
 * it is removed, so an unhealthy node is handled once per spell.
 */
export class RateLimitedTimedQueue {
  private queue: Item[] = [];
  private known = new Set<string>();

  constructor(private limiter: TokenBucket) {}

  /** Queues a node unless it is already known; returns whether it was added. */
  add(value: string, now: number = Date.now()): boolean {
    if (this.known.has(value)) return false;
    this.known.add(value);
    this.queue.push({ value, processAt: now });
    return true;
  }

  /** Forgets a node (it is healthy again); returns whether it was known. */
  remove(value: string): boolean {
    this.queue = this.queue.filter((i) => i.value !== value);
    return this.known.delete(value);
  }

  /** Whether the node is queued or was handled in this spell. */
  has(value: string): boolean {
    return this.known.has(value);
  }

  /** Replaces the limiter's rate (SwapLimiter), keeping the burst. */
  swapLimiter(qps: number, now: number = Date.now()): void {
    if (this.limiter.qps === qps) return;
    this.limiter = new TokenBucket(qps, this.limiter.burst, now);
  }

  get qps(): number {
    return this.limiter.qps;
  }

  /**
   * Processes due items in order while the limiter gives tokens. `fn` returns true when done
   * with the item, or a delay (ms) after which to retry it.
   */
  async try(fn: (value: string) => Promise<true | number>, now: number = Date.now()): Promise<void> {
    const due = this.queue.filter((i) => i.processAt <= now).sort((a, b) => a.processAt - b.processAt);
    for (const item of due) {
      if (!this.limiter.tryAccept(now)) return;
      if (!this.queue.includes(item)) continue;
      const r = await fn(item.value);
      const idx = this.queue.indexOf(item);
      if (idx < 0) continue;
      if (r === true) this.queue.splice(idx, 1);
      else item.processAt = Date.now() + r;
    }
  }
}
