/**
 * Crash-loop restart back-off, as the kubelet's `doBackOff` (pkg/kubelet/kuberuntime) drives
 * client-go's `flowcontrol.Backoff` in v1.32: 10s doubling to 5m, no jitter, an entry forgotten
 * once a container finishes more than 2 × 5m after its last restart — plus upstream's messages.
 */

/** Upstream kubelet `backOffPeriod`: the first back-off. */
export const BACKOFF_INITIAL_MS = 10_000;
/** Upstream `MaxContainerBackOff`: the back-off ceiling. */
export const BACKOFF_MAX_MS = 300_000;

/** Options of a `RestartBackoff`. */
export interface RestartBackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** The clock, in epoch milliseconds (upstream's `Clock.Now`); a fake one in tests. */
  now?: () => number;
}

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

/** The outcome of `RestartBackoff.check` for an exited container. */
export type BackoffDecision =
  | { restart: true; backoffMs: number }
  | { restart: false; backoffMs: number; retryAt: number };

/**
 * The per-container back-off key. Upstream's `getStableKey` is `<name>_<namespace>_<uid>_<container>_<hash>`;
 * the container spec hash makes an edited container start over.
 */
export function backoffKey(pod: { name: string; namespace: string; uid: string }, container: string, specHash = ''): string {
  return `${pod.name}_${pod.namespace}_${pod.uid}_${container}_${specHash}`;
}

/**
 * Per-key exponential back-off (client-go `flowcontrol.Backoff` without jitter). Times are
 * epoch milliseconds; `finishedAt` is the finish time of the container's latest exit, the
 * event time upstream passes.
 */
export class RestartBackoff {
  private readonly entries = new Map<string, Entry>();
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly clock: () => number;

  constructor(opts: RestartBackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? BACKOFF_INITIAL_MS;
    this.maxMs = opts.maxMs ?? BACKOFF_MAX_MS;
    this.clock = opts.now ?? Date.now;
  }

  /** Upstream `hasExpired`: the event came more than 2 × max after the last update (a clean run). */
  private expired(eventTime: number, entry: Entry): boolean {
    return eventTime - entry.lastUpdate > 2 * this.maxMs;
  }

  /** The current back-off for `key` in ms (0 when there is none), upstream `Get`. */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /**
   * Upstream `IsInBackOffSince`: true while less than the current back-off has elapsed since
   * `finishedAt`, unless the entry expired because the container ran cleanly for over 2 × max.
   */
  inBackoff(key: string, finishedAt: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(finishedAt, entry)) return false;
    return this.clock() - finishedAt < entry.backoffMs;
  }

  /**
   * Upstream `Next`: starts a fresh entry at the initial back-off (none yet, or expired by a
   * clean run), else doubles it up to the max; records now as the last update. Returns the new back-off.
   */
  next(key: string, finishedAt: number): number {
    let entry = this.entries.get(key);
    if (!entry || this.expired(finishedAt, entry)) {
      entry = { backoffMs: this.initialMs, lastUpdate: 0 };
      this.entries.set(key, entry);
    } else {
      entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
    }
    entry.lastUpdate = this.clock();
    return entry.backoffMs;
  }

  /** Upstream `Reset`: forgets the key. */
  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Upstream `GC`: drops entries not updated for more than 2 × max. */
  gc(): void {
    const now = this.clock();
    for (const [key, entry] of this.entries) if (now - entry.lastUpdate > 2 * this.maxMs) this.entries.delete(key);
  }

  /**
   * Upstream `doBackOff` for a container that has exited: either it is still backing off (the
   * caller reports CrashLoopBackOff with `crashLoopBackOffMessage(backoffMs, …)` and retries at
   * `retryAt`), or it may restart now and the back-off advances for its next exit.
   */
  check(key: string, finishedAt: number): BackoffDecision {
    if (this.inBackoff(key, finishedAt)) {
      const backoffMs = this.get(key);
      return { restart: false, backoffMs, retryAt: finishedAt + backoffMs };
    }
    return { restart: true, backoffMs: this.next(key, finishedAt) };
  }
}

/** Go's `time.Duration.String()` for a millisecond count: `10s`, `1m20s`, `5m0s`, `1h0m0s`, `500ms`, `1.5s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(Math.round(ms));
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const whole = Math.floor(rest / 1000);
  const frac = rest % 1000;
  const secs = frac === 0 ? `${whole}` : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
  let out = `${secs}s`;
  if (h > 0 || m > 0) out = `${m}m${out}`;
  if (h > 0) out = `${h}h${out}`;
  return (neg ? '-' : '') + out;
}

/** Upstream `format.Pod`: `<name>_<namespace>(<uid>)`. */
export function formatPod(pod: { name: string; namespace: string; uid: string }): string {
  return `${pod.name}_${pod.namespace}(${pod.uid})`;
}

/** The CrashLoopBackOff waiting message: `back-off 10s restarting failed container=web pod=web_default(uid)`. */
export function crashLoopBackOffMessage(backoffMs: number, container: string, pod: { name: string; namespace: string; uid: string }): string {
  return `back-off ${formatGoDuration(backoffMs)} restarting failed container=${container} pod=${formatPod(pod)}`;
}

/** The Warning `BackOff` event message: `Back-off restarting failed container web in pod web_default(uid)`. */
export function backOffEventMessage(container: string, pod: { name: string; namespace: string; uid: string }): string {
  return `Back-off restarting failed container ${container} in pod ${formatPod(pod)}`;
}

/** Upstream's waiting reason and event reason for a container in restart back-off. */
export const CRASH_LOOP_BACK_OFF = 'CrashLoopBackOff';
export const BACK_OFF_EVENT_REASON = 'BackOff';
