/**
 * Watch: a stream of ADDED / MODIFIED / DELETED events for one resource, from a resource
 * version or (for resourceVersion 0 / unset) starting with the current objects as ADDED, as
 * kube-apiserver does. Selector changes turn into ADDED/DELETED for the watcher, as upstream.
 */
import * as errors from '../../api/errors.js';
import type { Status, StoredObject } from '../../api/types.js';
import { CompactedError, type StoreEvent, type Watcher } from '../../store/types.js';
import type { Registry } from './generic.js';
import { type ListQuery, matcherFor } from './filter.js';
import type { ResourceDef } from './types.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchSink {
  send(type: WatchEventType, obj: StoredObject | Status): void;
  /** The watch can no longer continue (store closed); the sink should end its stream. */
  end?(err?: Error): void;
}

export interface WatchParams {
  resourceVersion?: string;
  query: ListQuery;
  allowBookmarks?: boolean;
  sendInitialEvents?: boolean;
  /** Interval between bookmarks (ms); upstream sends one about every minute. */
  bookmarkIntervalMs?: number;
}

const decoded = new WeakMap<StoreEvent, { obj: StoredObject; prev?: StoredObject; def: ResourceDef }>();

/** Decodes a store event once for all watchers of the same resource. */
function decodeEvent(reg: Registry, def: ResourceDef, ev: StoreEvent): { obj: StoredObject; prev?: StoredObject } {
  let d = decoded.get(ev);
  if (!d || d.def !== def) {
    const obj = reg.decode(def, ev.type === 'delete' ? { ...ev.kv, modRevision: ev.revision } : ev.kv);
    d = { obj, def };
    decoded.set(ev, d);
  }
  if (ev.prev && !d.prev) d.prev = reg.decode(def, ev.prev);
  return d;
}

export function bookmark(def: ResourceDef, rv: number, initialEventsEnd = false): StoredObject {
  const metadata: StoredObject['metadata'] = { resourceVersion: String(rv) };
  if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  return { apiVersion: def.group ? `${def.group}/${def.version}` : def.version, kind: def.kind, metadata };
}

/** Starts a watch; returns a handle to stop it. Errors before the stream starts are thrown. */
export async function startWatch(reg: Registry, def: ResourceDef, namespace: string, p: WatchParams, sink: WatchSink): Promise<Watcher> {
  const match = matcherFor(def, p.query);
  const rvParam = p.resourceVersion ?? '';
  let from: number;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const initial = rvParam === '' || rvParam === '0' || p.sendInitialEvents === true;
  if (!initial) {
    from = Number(rvParam);
    if (!Number.isInteger(from) || from < 0) throw errors.badRequest(`invalid resource version: ${rvParam}`);
  } else {
    const list = await reg.list(def, namespace, { labelSelector: p.query.labelSelector, fieldSelector: p.query.fieldSelector });
    from = Number(list.metadata.resourceVersion);
    for (const o of list.items) sink.send('ADDED', o);
    if (p.sendInitialEvents && p.allowBookmarks) sink.send('BOOKMARK', bookmark(def, from, true));
  }
  const prefix = reg.storagePrefix(def, namespace);
  let last = from;
  let w: Watcher;
  try {
    w = reg.store.watch(prefix, from, {
      onEvent: (ev) => {
        if (stopped) return;
        last = ev.revision;
        const { obj, prev } = decodeEvent(reg, def, ev);
        if (!match) {
          sink.send(ev.type === 'create' ? 'ADDED' : ev.type === 'update' ? 'MODIFIED' : 'DELETED', obj);
          return;
        }
        const now = ev.type !== 'delete' && match(obj);
        const before = ev.type === 'create' ? false : ev.type === 'delete' ? match(obj) : prev ? match(prev) : now;
        if (now && before) sink.send('MODIFIED', obj);
        else if (now) sink.send('ADDED', obj);
        else if (before) sink.send('DELETED', obj);
      },
      onError: (err) => sink.end?.(err),
    });
  } catch (err) {
    if (err instanceof CompactedError) {
      // As the watch cache does: the stream opens, then a 410 Expired error event.
      const e = errors.gone(`too old resource version: ${from} (${reg.store.compactedRevision() + 1})`);
      queueMicrotask(() => {
        sink.send('ERROR', e.toStatus());
        sink.end?.();
      });
      return { stop: () => {} };
    }
    throw err;
  }
  if (p.allowBookmarks) {
    timer = setInterval(() => {
      const rv = Math.max(last, reg.store.currentRevision());
      sink.send('BOOKMARK', bookmark(def, rv));
    }, p.bookmarkIntervalMs ?? 60_000);
    timer.unref();
  }
  return {
    stop: () => {
      stopped = true;
      if (timer) clearInterval(timer);
      w.stop();
    },
  };
}
