/**
 * A counting semaphore whose waiters are served in arrival order. Callers hold a permit only
 * across the work it guards and release it in a `finally`.
 */
export class Semaphore {
  private waiters: (() => void)[] = [];
  private head = 0;

  constructor(private permits: number) {
    if (!Number.isInteger(permits) || permits < 1) throw new Error(`a semaphore needs at least one permit, got ${permits}`);
  }

  /** Resolves once a permit is held. */
  acquire(): Promise<void> {
    if (this.permits > 0) {
      this.permits--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters[this.head];
    if (next) {
      this.waiters[this.head++] = undefined as never;
      if (this.head > 1024 && this.head * 2 > this.waiters.length) {
        this.waiters = this.waiters.slice(this.head);
        this.head = 0;
      }
      next();
      return;
    }
    this.permits++;
  }

  /** Waiters not yet served. */
  get waiting(): number {
    return this.waiters.length - this.head;
  }
}
