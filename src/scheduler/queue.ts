/**
 * The scheduling queue (upstream's PriorityQueue): an active queue ordered by priority then age,
 * a back-off queue (1s doubling to 10s per attempt), and a parking lot for unschedulable pods
 * that cluster events (a node added or changed, a pod deleted) move back, with a periodic flush
 * of pods parked too long. Pods with scheduling gates wait outside until the gates are removed.
 */
import { deepEqual } from '../api/meta.js';
import type { Pod } from '../api/types.js';
import { Heap } from './heap.js';
import { type PodInfo, podInfoOf, podKey } from './pod-info.js';

/** A pod in the queue, with its scheduling history. */
export interface QueuedPod {
  key: string;
  info: PodInfo;
  /** When the pod was last (re)queued; back-off counts from here. */
  timestamp: number;
  attempts: number;
  initialAttempt?: number;
  /** The scheduling cycle that popped it last. */
  cycle: number;
}

/** Timings of the queue (upstream: 1s initial and 10s maximum back-off). */
export interface QueueOptions {
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a pod may stay parked as unschedulable before a flush retries it. */
  maxUnschedulableMs?: number;
  /** How often parked pods are checked against `maxUnschedulableMs`. */
  flushIntervalMs?: number;
  now?: () => number;
  /**
   * Called when a new pod becomes active while the consumer waits in pop(); returns true if the
   * consumer took the pods synchronously (saving an async hop behind other in-process work).
   */
  onReady?: () => boolean;
}

type Where = 'active' | 'backoff' | 'unschedulable' | 'inflight' | 'gated';

/** A heap entry; sort keys are frozen at push time so later changes to the pod cannot corrupt the heap. */
interface Entry {
  qp: QueuedPod;
  gen: number;
  /** Active queue: priority; back-off queue: expiry time. */
  k1: number;
  /** Active queue: queued-at time. */
  k2: number;
}

/** Whether the pod waits on scheduling gates (the SchedulingGates PreEnqueue plugin). */
export function isGated(pod: Pod): boolean {
  return (pod.spec?.schedulingGates ?? []).length > 0;
}

/** isPodUpdated: a change other than status, resourceVersion, generation or managed fields. */
export function isPodUpdated(oldPod: Pod, newPod: Pod): boolean {
  const strip = (p: Pod): unknown => {
    const { resourceVersion: _rv, generation: _g, managedFields: _mf, ...meta } = p.metadata ?? {};
    return { metadata: meta, spec: p.spec };
  };
  return !deepEqual(strip(oldPod), strip(newPod));
}

/** The queue of pods waiting to be scheduled, with back-off and parking of unschedulable pods. */
export class SchedulingQueue {
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxUnschedulable: number;
  private readonly now: () => number;
  private readonly onReady?: () => boolean;
  private active = new Heap<Entry>((a, b) => (a.k1 !== b.k1 ? a.k1 > b.k1 : a.k2 !== b.k2 ? a.k2 < b.k2 : a.gen < b.gen));
  private backoff = new Heap<Entry>((a, b) => a.k1 < b.k1);
  private unschedulable = new Map<string, QueuedPod>();
  private gated = new Map<string, QueuedPod>();
  private where = new Map<string, { at: Where; gen: number; qp: QueuedPod; updatedInFlight?: boolean }>();
  private gen = 0;
  private cycle = 0;
  private moveRequestCycle = -1;
  private waiters: ((qp: QueuedPod | undefined) => void)[] = [];
  private backoffTimer?: NodeJS.Timeout;
  private backoffTimerAt = Infinity;
  private flushTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(opts: QueueOptions = {}) {
    this.initialBackoff = opts.initialBackoffMs ?? 1000;
    this.maxBackoff = opts.maxBackoffMs ?? 10_000;
    this.maxUnschedulable = opts.maxUnschedulableMs ?? 60_000;
    this.now = opts.now ?? Date.now;
    this.onReady = opts.onReady;
    this.flushTimer = setInterval(() => this.flushUnschedulable(), opts.flushIntervalMs ?? 15_000);
    this.flushTimer.unref();
  }

  /** Counts per sub-queue (for tests and diagnostics). */
  stats(): Record<Where, number> {
    const out: Record<Where, number> = { active: 0, backoff: 0, unschedulable: 0, inflight: 0, gated: 0 };
    for (const w of this.where.values()) out[w.at]++;
    return out;
  }

  has(key: string): boolean {
    return this.where.has(key);
  }

  /** A new pending pod (or one seen again): into the active queue unless gated. */
  add(pod: Pod): void {
    const key = podKey(pod);
    if (this.closed || this.where.has(key)) return;
    const qp: QueuedPod = { key, info: podInfoOf(pod), timestamp: this.now(), attempts: 0, cycle: 0 };
    if (isGated(pod)) this.park(qp, 'gated');
    else this.toActive(qp, true);
  }

  /** The pod changed: refresh it where it waits and retry it if the change may help. */
  update(oldPod: Pod, newPod: Pod): void {
    const key = podKey(newPod);
    const w = this.where.get(key);
    if (!w) return this.add(newPod);
    const updated = isPodUpdated(oldPod, newPod);
    if (updated || w.qp.info.pod !== newPod) w.qp.info = podInfoOf(newPod);
    switch (w.at) {
      case 'inflight':
        if (updated) w.updatedInFlight = true;
        return;
      case 'active':
      case 'backoff':
        if (w.at === 'active' && updated) this.toActive(w.qp); // re-push: priority may have changed
        return;
      case 'gated':
        if (!isGated(newPod)) {
          this.gated.delete(key);
          this.toActive(w.qp, true);
        }
        return;
      case 'unschedulable':
        if (!updated) return;
        this.unschedulable.delete(key);
        this.requeue(w.qp);
    }
  }

  /** Drops a pod (deleted, bound elsewhere, no longer ours). */
  delete(key: string): void {
    const w = this.where.get(key);
    if (!w) return;
    this.where.delete(key);
    this.unschedulable.delete(key);
    this.gated.delete(key);
  }

  /** Waits for the next pod to schedule; undefined once closed. */
  pop(): Promise<QueuedPod | undefined> {
    const qp = this.take();
    if (qp || this.closed) return Promise.resolve(qp);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Returns the next active pod without waiting, marking it in flight. */
  take(): QueuedPod | undefined {
    for (;;) {
      const e = this.active.pop();
      if (!e) return undefined;
      const w = this.where.get(e.qp.key);
      if (!w || w.at !== 'active' || w.gen !== e.gen) continue;
      this.cycle++;
      w.at = 'inflight';
      w.updatedInFlight = false;
      e.qp.attempts++;
      e.qp.cycle = this.cycle;
      e.qp.initialAttempt ??= this.now();
      return e.qp;
    }
  }

  /** The attempt failed as unschedulable: park the pod, or back it off if something changed meanwhile. */
  addUnschedulable(qp: QueuedPod): void {
    const w = this.where.get(qp.key);
    if (!w || w.at !== 'inflight' || w.qp !== qp) return;
    qp.timestamp = this.now();
    if (this.moveRequestCycle >= qp.cycle || w.updatedInFlight) this.toBackoff(qp);
    else this.park(qp, 'unschedulable');
  }

  /** The attempt failed with an error (API trouble): retry after back-off. */
  addBackoff(qp: QueuedPod): void {
    const w = this.where.get(qp.key);
    if (!w || w.at !== 'inflight' || w.qp !== qp) return;
    qp.timestamp = this.now();
    this.toBackoff(qp);
  }

  /** The attempt is over for good (bound, or given up on): forget the pod. */
  done(qp: QueuedPod): void {
    const w = this.where.get(qp.key);
    if (w?.at === 'inflight' && w.qp === qp) this.where.delete(qp.key);
  }

  /** A cluster event that may make parked pods schedulable: retry them (respecting back-off). */
  moveAll(filter?: (qp: QueuedPod) => boolean): void {
    this.moveRequestCycle = this.cycle;
    for (const [key, qp] of [...this.unschedulable]) {
      if (filter && !filter(qp)) continue;
      this.unschedulable.delete(key);
      this.requeue(qp);
    }
  }

  /** The back-off a pod owes: 1s × 2^(attempts−1), capped at 10s; none before its first attempt. */
  backoffDuration(qp: QueuedPod): number {
    if (qp.attempts === 0) return 0;
    let d = this.initialBackoff;
    for (let i = 1; i < qp.attempts; i++) {
      if (d > this.maxBackoff - d) return this.maxBackoff;
      d += d;
    }
    return Math.min(d, this.maxBackoff);
  }

  /** Moves parked pods that waited longer than the limit (flushUnschedulablePodsLeftover). */
  flushUnschedulable(): void {
    const now = this.now();
    for (const [key, qp] of [...this.unschedulable]) {
      if (now - qp.timestamp < this.maxUnschedulable) continue;
      this.unschedulable.delete(key);
      this.requeue(qp);
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.flushTimer);
    clearTimeout(this.backoffTimer);
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  private backoffExpiry(qp: QueuedPod): number {
    return qp.timestamp + this.backoffDuration(qp);
  }

  private requeue(qp: QueuedPod): void {
    if (this.backoffExpiry(qp) > this.now()) this.toBackoff(qp);
    else this.toActive(qp);
  }

  private mark(qp: QueuedPod, at: Where): number {
    const gen = ++this.gen;
    this.where.set(qp.key, { at, gen, qp });
    return gen;
  }

  private park(qp: QueuedPod, at: 'unschedulable' | 'gated'): void {
    this.mark(qp, at);
    (at === 'gated' ? this.gated : this.unschedulable).set(qp.key, qp);
  }

  private toActive(qp: QueuedPod, fresh = false): void {
    const gen = this.mark(qp, 'active');
    this.active.push({ qp, gen, k1: qp.info.priority, k2: qp.timestamp });
    if (fresh && this.waiters.length && this.onReady?.()) return;
    if (!this.waiters.length) return;
    // Wake a waiter only with a pod: `undefined` tells the consumer the queue is closed.
    const next = this.take();
    if (next) this.waiters.shift()!(next);
  }

  private toBackoff(qp: QueuedPod): void {
    const gen = this.mark(qp, 'backoff');
    this.backoff.push({ qp, gen, k1: this.backoffExpiry(qp), k2: 0 });
    this.armBackoffTimer();
  }

  private armBackoffTimer(): void {
    const top = this.peekBackoff();
    if (!top || this.closed) return;
    const at = top.k1;
    if (this.backoffTimer && at >= this.backoffTimerAt) return;
    clearTimeout(this.backoffTimer);
    this.backoffTimerAt = at;
    this.backoffTimer = setTimeout(() => this.flushBackoff(), Math.max(0, at - this.now()));
    this.backoffTimer.unref();
  }

  private peekBackoff(): Entry | undefined {
    for (;;) {
      const e = this.backoff.peek();
      if (!e) return undefined;
      const w = this.where.get(e.qp.key);
      if (w && w.at === 'backoff' && w.gen === e.gen) return e;
      this.backoff.pop();
    }
  }

  /** flushBackoffQCompleted: pods whose back-off expired go to the active queue. */
  private flushBackoff(): void {
    this.backoffTimer = undefined;
    this.backoffTimerAt = Infinity;
    const now = this.now();
    for (;;) {
      const e = this.peekBackoff();
      if (!e || e.k1 > now) break;
      this.backoff.pop();
      this.toActive(e.qp);
    }
    this.armBackoffTimer();
  }
}
