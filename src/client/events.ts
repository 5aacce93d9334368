/**
 * Event recording as client-go's recorder and correlator do it: one core/v1 Event per distinct
 * (source, object, type, reason, message); a repeat within ten minutes bumps `count` and
 * `lastTimestamp` on the existing Event, so `kubectl describe` shows `(x6 over 2m3s)`.
 */
import { rfc3339 } from '../api/meta.js';
import type { Event, KObject } from '../api/types.js';
import { logger } from '../util/log.js';
import type { Client } from './client.js';
import { R } from './resources.js';

export type EventType = 'Normal' | 'Warning';

interface Seen {
  name: string;
  namespace: string;
  count: number;
  first: string;
  last: number;
}

const WINDOW_MS = 10 * 60 * 1000;
const MAX_KEYS = 4096;
const log = logger('events');

export class EventRecorder {
  private seen = new Map<string, Seen>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private client: Client,
    readonly component: string,
    readonly host?: string,
  ) {}

  /** Records an event about `obj`; `fieldPath` names a container (`spec.containers{web}`). */
  event(obj: KObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const m = obj.metadata ?? {};
    const namespace = m.namespace || 'default';
    const key = [this.component, this.host ?? '', obj.kind, namespace, m.name, m.uid, obj.apiVersion, fieldPath ?? '', type, reason, message].join('\u0000');
    const now = Date.now();
    // Writes for one recorder go out in order, so a repeat never races its own create.
    this.chain = this.chain.then(async () => {
      const prev = this.seen.get(key);
      try {
        if (prev && now - prev.last < WINDOW_MS) {
          prev.count++;
          prev.last = now;
          await this.client.patch(R.events, prev.namespace, prev.name, 'merge', { count: prev.count, lastTimestamp: rfc3339(now) });
          return;
        }
        const ts = rfc3339(now);
        const name = `${m.name}.${(BigInt(now) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000))).toString(16)}`;
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
          metadata: { name, namespace },
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
        await this.client.create(R.events, namespace, ev);
        this.seen.set(key, { name, namespace, count: 1, first: ts, last: now });
        if (this.seen.size > MAX_KEYS) this.seen.delete(this.seen.keys().next().value!);
      } catch (err) {
        log.debug({ err: (err as Error).message, reason }, 'could not record event');
        this.seen.delete(key);
      }
    });
  }

  /** Resolves when every event recorded so far has been written. */
  flush(): Promise<void> {
    return this.chain.then(() => undefined);
  }
}
