/**
 * A counting semaphore. Callers hold a permit only across the work it guards and release it in
 * a `finally`. A released permit goes to the oldest waiter that is urgent at that moment (its
 * `urgent` callback says so), else to the oldest waiter; a waiter passed over for `maxWaitMs`
 * is served next whatever the others say, so no one waits unbounded.
 */

interface Waiter {
  resolve: () => void;
  urgent?: () => boolean;
  since: number;
}

export class Semaphore {
  private waiters: Waiter[] = [];

  constructor(
    private permits: number,
    private readonly maxWaitMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(permits) || permits < 1) throw new Error(`a semaphore needs at least one permit, got ${permits}`);
  }

  /** Resolves once a permit is held; `urgent` is asked at each release while this waits. */
  acquire(urgent?: () => boolean): Promise<void> {
    if (this.permits > 0) {
      this.permits--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ resolve, urgent, since: this.now() }));
  }

  /**
   * Hands a held permit to whoever is next, this caller among them (as a new waiter): resolves
   * when it holds one again. A holder with more to do competes with the waiters for it rather
   * than releasing first and queueing behind them, or keeping it.
   */
  requeue(urgent?: () => boolean): Promise<void> {
    const held = new Promise<void>((resolve) => this.waiters.push({ resolve, urgent, since: this.now() }));
    this.release();
    return held;
  }

  release(): void {
    if (!this.waiters.length) {
      this.permits++;
      return;
    }
    this.waiters.splice(this.next(), 1)[0]!.resolve();
  }

  /** Waiters not yet served. */
  get waiting(): number {
    return this.waiters.length;
  }

  private next(): number {
    if (this.now() - this.waiters[0]!.since >= this.maxWaitMs) return 0;
    const i = this.waiters.findIndex((w) => w.urgent?.());
    return i < 0 ? 0 : i;
  }
}
