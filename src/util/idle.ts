/**
 * Background work in one event loop. Upstream runs work nobody waits for (the event
 * broadcaster's writes) on goroutines of its own, so a burst of pod work never queues behind
 * it. Every skiff component shares one event loop, so such work instead waits for the loop to
 * be idle: `whenIdle(due)` resolves once the loop spent less than half of a short window
 * working, or at `due` (performance.now() ms) at the latest, so nothing waits unbounded.
 */

/** The window over which the loop's utilisation is sampled (ms). */
export const IDLE_WINDOW_MS = 10;
/** Below this share of the window spent working, the loop counts as idle. */
export const IDLE_UTILISATION = 0.5;

interface Waiter {
  due: number;
  resolve: () => void;
}

/** Measures the loop: the share of the time since the last reading that it spent working. */
export interface LoopMeter {
  utilisation(): number;
}

/** The event loop's own meter (`performance.eventLoopUtilization`). */
export function eventLoopMeter(): LoopMeter {
  let last = performance.eventLoopUtilization();
  return {
    utilisation: () => {
      const current = performance.eventLoopUtilization();
      const u = performance.eventLoopUtilization(current, last).utilization;
      last = current;
      return u;
    },
  };
}

export class IdleGate {
  private waiters: Waiter[] = [];
  private timer?: NodeJS.Timeout;
  /** While now < idleUntil, the last window was idle: callers go at once. */
  private idleUntil = 0;
  /** When the meter was last read. */
  private measuredAt: number;

  constructor(
    private readonly meter: LoopMeter = eventLoopMeter(),
    private readonly now: () => number = () => performance.now(),
  ) {
    this.measuredAt = this.now();
  }

  /** Resolves when the loop is idle, or at `due` (on the `now` clock) at the latest. */
  whenIdle(due: number): Promise<void> {
    const now = this.now();
    if (now < this.idleUntil || now >= due) return Promise.resolve();
    if (!this.timer) {
      // Nobody waits, so the meter has run since the last caller: if that was at least a window
      // ago and the loop was mostly idle since, go now; the next caller measures a fresh window.
      const long = now - this.measuredAt >= IDLE_WINDOW_MS;
      const idle = this.meter.utilisation() < IDLE_UTILISATION;
      this.measuredAt = now;
      if (long && idle) return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiters.push({ due, resolve });
      if (!this.timer) this.schedule();
    });
  }

  /** Waiters not yet released. */
  get waiting(): number {
    return this.waiters.length;
  }

  private schedule(): void {
    // Not unref'd: work waiting here keeps the process up until it may go (at most until due).
    this.timer = setTimeout(() => this.sample(), IDLE_WINDOW_MS);
  }

  private sample(): void {
    this.timer = undefined;
    const now = this.now();
    const idle = this.meter.utilisation() < IDLE_UTILISATION;
    this.measuredAt = now;
    if (idle) this.idleUntil = now + IDLE_WINDOW_MS;
    const released = this.waiters.filter((w) => idle || w.due <= now);
    this.waiters = idle ? [] : this.waiters.filter((w) => w.due > now);
    for (const w of released) w.resolve();
    if (this.waiters.length) this.schedule();
  }
}

/** The process's one gate. */
export const idleGate = new IdleGate();
