/**
 * Event recording as client-go's recorder does it (tools/record): every event goes through an
 * EventCorrelator before it is written.
 *
 * - Aggregation: events of one source about one object with the same type and reason but more
 *   than 10 distinct messages within 10 minutes are folded into one event whose message reads
 *   `(combined from similar events): <latest message>`.
 * - De-duplication: an event seen before (same source, object, field path, type, reason and
 *   message) bumps `count` and `lastTimestamp` on the existing Event, so `kubectl describe`
 *   shows `(x6 over 2m3s)`.
 * - Spam filter: a token bucket per source and object (burst 25, one more every 5 minutes);
 *   events past it are dropped.
 */
import { isApiError } from '../api/errors.js';
import { rfc3339 } from '../api/meta.js';
import type { Event, KObject } from '../api/types.js';
import { logger } from '../util/log.js';
import type { Client } from './client.js';
import { R } from './resources.js';
import { idleGate } from '../util/idle.js';
import { Lru } from '../util/lru.js';

export type EventType = 'Normal' | 'Warning';

const log = logger('events');

/** Upstream `maxLruCacheEntries`. */
export const LRU_CACHE_ENTRIES = 4096;
/** Upstream `defaultAggregateMaxEvents`: distinct messages before aggregation. */
export const AGGREGATE_MAX_EVENTS = 10;
/** Upstream `defaultAggregateIntervalInSeconds`, in ms. */
export const AGGREGATE_INTERVAL_MS = 600_000;
/** Upstream `defaultSpamBurst`. */
export const SPAM_BURST = 25;
/** Upstream `defaultSpamQPS`: one event per 5 minutes. */
export const SPAM_QPS = 1 / 300;
/** The prefix upstream's `EventAggregatorByReasonMessageFunc` puts on an aggregate's message. */
export const AGGREGATE_MESSAGE_PREFIX = '(combined from similar events): ';

/**
 * A token bucket that starts full (client-go's `NewTokenBucketRateLimiterWithClock`): `tryAccept`
 * for the spam filter, `take` (waiting for a token) for a client's write rate.
 */
class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private qps: number,
    private burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  tryAccept(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  async take(now: () => number): Promise<void> {
    this.refill(now());
    if (this.tokens < 1) {
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.qps) * 1000)));
      this.refill(now());
    }
    this.tokens -= 1;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
  }
}

function sourceAndObject(e: Event): string[] {
  const o = e.involvedObject;
  return [e.source?.component ?? '', e.source?.host ?? '', o.kind ?? '', o.namespace ?? '', o.name ?? ''];
}

/** Upstream `getEventKey`: what makes two events the same event. */
export function eventKey(e: Event): string {
  const o = e.involvedObject;
  return [...sourceAndObject(e), o.fieldPath ?? '', o.uid ?? '', o.apiVersion ?? '', e.type ?? '', e.reason ?? '', e.message ?? ''].join('');
}

/** Upstream `getSpamKey`: the spam filter's bucket (source and object). */
export function spamKey(e: Event): string {
  const o = e.involvedObject;
  return [...sourceAndObject(e), o.uid ?? '', o.apiVersion ?? ''].join('');
}

/** Upstream `EventAggregatorByReasonFunc`: the aggregation group and the event's key inside it. */
export function aggregateKey(e: Event): { group: string; local: string } {
  const o = e.involvedObject;
  const group = [...sourceAndObject(e), o.uid ?? '', o.apiVersion ?? '', e.type ?? '', e.reason ?? '', e.reportingComponent ?? '', e.reportingInstance ?? ''].join('');
  return { group, local: e.message ?? '' };
}

/** What the correlator decided for one event. */
export interface CorrelateResult {
  /** The event to write (possibly an aggregate, with count and name from earlier occurrences). */
  event: Event;
  /** Set for a repeat: patch the existing Event with this (strategic merge) instead of creating one. */
  patch?: { count: number; lastTimestamp: string; message: string };
  /** The spam filter dropped it. */
  skip: boolean;
}

/** Upstream `maxQueuedEvents`: events waiting to be written beyond this are dropped. */
export const MAX_QUEUED_EVENTS = 1000;

/**
 * The rate the recorder writes at, as its client's rate limiter allows (client-go's token bucket,
 * waiting for a token): the kubelet's `eventRecordQPS` 50 and `eventBurst` 100 by default.
 */
export interface WriteLimit {
  qps: number;
  burst: number;
}

export interface CorrelatorOptions {
  /** The clock, epoch ms (tests). */
  now?: () => number;
  burst?: number;
  qps?: number;
  maxEvents?: number;
  maxIntervalMs?: number;
  cacheSize?: number;
}

export interface RecorderOptions extends CorrelatorOptions {
  /** Rate-limits the recorder's writes (none by default). */
  writeLimit?: WriteLimit;
  /** Resolves when a write due by then (performance.now() ms) may go: the process's idle gate by default. */
  gate?: (due: number) => Promise<void>;
}

/**
 * How long an event's write may wait for an idle loop (ms). Upstream writes events on a
 * goroutine of their own; here they share the loop with the work they describe, so a burst of
 * pod work goes first and its events follow, at most this much later.
 */
export const EVENT_MAX_DEFER_MS = 1000;

interface Observation {
  count: number;
  firstTimestamp: string;
  name: string;
}

/**
 * Upstream names events `<object name>.<unix nanoseconds in hex>`. The clock here has
 * milliseconds: a random tail keeps other processes' names apart, and the names one recorder
 * gives strictly increase, so they sort in the order its events happened, as upstream's do.
 */
class EventNamer {
  private last = 0n;

  suffix(now: number): string {
    let ns = BigInt(now) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000));
    if (ns <= this.last) ns = this.last + 1n;
    this.last = ns;
    return ns.toString(16);
  }
}

/** Upstream `EventCorrelator`: aggregate, then observe (count repeats), then filter spam. */
export class EventCorrelator {
  private readonly now: () => number;
  private readonly aggregates: Lru<{ locals: Set<string>; last: number }>;
  private readonly observed: Lru<Observation>;
  private readonly spam: Lru<TokenBucket>;
  private readonly o: Required<Omit<CorrelatorOptions, 'now'>>;
  /** Names this correlator's (and its recorder's) new Events. */
  readonly names = new EventNamer();

  constructor(opts: CorrelatorOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.o = {
      burst: opts.burst ?? SPAM_BURST,
      qps: opts.qps ?? SPAM_QPS,
      maxEvents: opts.maxEvents ?? AGGREGATE_MAX_EVENTS,
      maxIntervalMs: opts.maxIntervalMs ?? AGGREGATE_INTERVAL_MS,
      cacheSize: opts.cacheSize ?? LRU_CACHE_ENTRIES,
    };
    this.aggregates = new Lru(this.o.cacheSize);
    this.observed = new Lru(this.o.cacheSize);
    this.spam = new Lru(this.o.cacheSize);
  }

  /** `now`: when the event happened (default the correlator's clock). */
  correlate(event: Event, now = this.now()): CorrelateResult {
    const { event: aggregated, key } = this.aggregate(event, now);
    const { event: observed, patch } = this.observe(aggregated, key);
    return { event: observed, patch, skip: this.filter(observed, now) };
  }

  /** Upstream `updateState`: remember the Event as the server stored it. */
  updateState(stored: Event): void {
    this.observed.set(eventKey(stored), { count: stored.count ?? 1, firstTimestamp: stored.firstTimestamp ?? '', name: stored.metadata?.name ?? '' });
  }

  /** Upstream `EventAggregate`. */
  private aggregate(e: Event, now: number): { event: Event; key: string } {
    const { group, local } = aggregateKey(e);
    let rec = this.aggregates.get(group);
    if (!rec || now - rec.last > this.o.maxIntervalMs) rec = { locals: new Set(), last: now };
    rec.locals.add(local);
    rec.last = now;
    this.aggregates.set(group, rec);
    if (rec.locals.size < this.o.maxEvents) return { event: e, key: eventKey(e) };
    // Keep the set at its bound (upstream pops an arbitrary member).
    rec.locals.delete(rec.locals.values().next().value!);
    const ts = rfc3339(now);
    const agg: Event = {
      metadata: { name: `${e.involvedObject.name}.${this.names.suffix(now)}`, namespace: e.metadata?.namespace },
      count: 1,
      firstTimestamp: ts,
      involvedObject: e.involvedObject,
      lastTimestamp: ts,
      message: AGGREGATE_MESSAGE_PREFIX + (e.message ?? ''),
      type: e.type,
      reason: e.reason,
      source: e.source,
    };
    return { event: agg, key: group };
  }

  /** Upstream `eventObserve`: a repeat takes the first occurrence's name and firstTimestamp, count + 1. */
  private observe(e: Event, key: string): { event: Event; patch?: CorrelateResult['patch'] } {
    const last = this.observed.get(key);
    const out: Event = { ...e, metadata: { ...e.metadata } };
    let patch: CorrelateResult['patch'];
    if (last && last.count > 0) {
      out.metadata!.name = last.name;
      out.firstTimestamp = last.firstTimestamp;
      out.count = last.count + 1;
      patch = { count: out.count, lastTimestamp: out.lastTimestamp ?? '', message: out.message ?? '' };
    }
    this.observed.set(key, { count: out.count ?? 1, firstTimestamp: out.firstTimestamp ?? '', name: out.metadata!.name ?? '' });
    return { event: out, patch };
  }

  /** Upstream `EventSourceObjectSpamFilter.Filter`: true when the event must be dropped. */
  private filter(e: Event, now: number): boolean {
    const key = spamKey(e);
    let bucket = this.spam.get(key);
    if (!bucket) bucket = new TokenBucket(this.o.qps, this.o.burst, now);
    const drop = !bucket.tryAccept(now);
    this.spam.set(key, bucket);
    return drop;
  }
}

export class EventRecorder {
  private chain: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private readonly correlator: EventCorrelator;
  private readonly now: () => number;
  private readonly limiter: TokenBucket | undefined;
  private readonly gate: (due: number) => Promise<void>;

  constructor(
    private client: Client,
    readonly component: string,
    readonly host?: string,
    opts: RecorderOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.correlator = new EventCorrelator({ ...opts, now: this.now });
    this.limiter = opts.writeLimit && new TokenBucket(opts.writeLimit.qps, opts.writeLimit.burst, this.now());
    this.gate = opts.gate ?? ((due) => idleGate.whenIdle(due));
  }

  /** Records an event about `obj`; `fieldPath` names a container (`spec.containers{web}`). */
  event(obj: KObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const m = obj.metadata ?? {};
    const namespace = m.namespace || 'default';
    const now = this.now();
    const ts = rfc3339(now);
    const involvedObject: Event['involvedObject'] = {
      kind: obj.kind,
      namespace: m.namespace,
      name: m.name,
      uid: m.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: m.resourceVersion,
    };
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    const ev: Event = {
      metadata: { name: `${m.name}.${this.correlator.names.suffix(now)}`, namespace },
      involvedObject,
      reason,
      message,
      source: this.host ? { component: this.component, host: this.host } : { component: this.component },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      reportingComponent: this.component,
      reportingInstance: this.host ?? '',
    };
    // As upstream's broadcaster: one event at a time is correlated and written, in call order,
    // so a repeat never races its own create and counts only grow; with a full queue, dropped.
    if (this.queued >= MAX_QUEUED_EVENTS) {
      log.debug({ reason }, 'event queue full: event dropped');
      return;
    }
    this.queued++;
    const due = performance.now() + EVENT_MAX_DEFER_MS;
    this.chain = this.chain.then(async () => {
      try {
        const result = this.correlator.correlate(ev, now);
        if (result.skip) return;
        await this.limiter?.take(this.now);
        await this.gate(due);
        await this.write(result);
      } finally {
        this.queued--;
      }
    });
  }

  /** Upstream `recordEvent`: patch a repeat (or create it again if the Event is gone), create a new one. */
  private async write({ event, patch }: CorrelateResult): Promise<void> {
    const ns = event.metadata!.namespace!;
    try {
      let stored: Event | undefined;
      if (patch) {
        try {
          stored = await this.client.patch<Event>(R.events, ns, event.metadata!.name!, 'strategic', patch);
        } catch (err) {
          if (!isApiError(err, 'NotFound')) throw err;
        }
      }
      stored ??= await this.client.create<Event>(R.events, ns, { ...event, metadata: { name: event.metadata!.name, namespace: ns } });
      this.correlator.updateState(stored);
    } catch (err) {
      log.debug({ err: (err as Error).message, reason: event.reason }, 'could not record event');
    }
  }

  /** Resolves when every event recorded so far has been written. */
  flush(): Promise<void> {
    return this.chain.then(() => undefined);
  }
}
