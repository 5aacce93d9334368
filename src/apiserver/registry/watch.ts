/**
 * Watch: a stream of ADDED / MODIFIED / DELETED events for one resource, from a resource
 * version or (for resourceVersion 0 / unset) starting with the current objects as ADDED, as
 * kube-apiserver does. Selector changes turn into ADDED/DELETED for the watcher, as upstream.
 */
import * as errors from '../../api/errors.js';
import type { Status, StoredObject } from '../../api/types.js';
import { CompactedError, type StoreEvent, type Watcher } from '../../store/types.js';
import { tooLargeResourceVersion, waitForRevision } from './freshness.js';
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
  /**
   * When the watch will end (epoch ms, from timeoutSeconds). As the watch cache does, a bookmark
   * is also sent 2 s before it, so that a client resuming after the timeout starts from a recent
   * resourceVersion.
   */
  deadline?: number;
}

/** How long before a watch's deadline its last bookmark goes out (upstream: 2 s). */
export const PRE_TIMEOUT_BOOKMARK_MS = 2_000;

/**
 * When the next bookmark is due (epoch ms), or undefined when none is: about every interval, but
 * never later than 2 s before the deadline, and none once that moment has passed.
 */
export function nextBookmarkTime(now: number, intervalMs: number, deadline?: number): number | undefined {
  let at = now + intervalMs;
  if (deadline !== undefined) at = Math.min(at, deadline - PRE_TIMEOUT_BOOKMARK_MS);
  return at < now ? undefined : at;
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

/**
 * What a watcher sees when an update moves an object out of its selection: as the watch cache
 * sends it, the object as it was (what the watcher had), at the update's resourceVersion.
 * Shared by every watcher of the event.
 */
const leaving = new WeakMap<StoredObject, StoredObject>();
function leftSelection(ev: StoreEvent, prev: StoredObject): StoredObject {
  let o = leaving.get(prev);
  if (!o) leaving.set(prev, (o = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(ev.revision) } }));
  return o;
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
    // A watch-list "not older than" a revision the store has not reached waits for it, as the
    // watch cache does; after 3 s the stream opens with a 504 Too large resource version ERROR.
    const min = p.sendInitialEvents && /^\d+$/.test(rvParam) ? Number(rvParam) : 0;
    if (min > 0 && !(await waitForRevision(reg.store, min))) return failWith(sink, tooLargeResourceVersion(min, reg.store.currentRevision()));
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
        else if (before) sink.send('DELETED', ev.type === 'delete' || !prev ? obj : leftSelection(ev, prev));
      },
      onError: (err) => sink.end?.(err),
    });
  } catch (err) {
    if (err instanceof CompactedError) {
      // As the watch cache does: the stream opens, then a 410 Expired error event naming the
      // oldest resourceVersion a watch can still start from.
      return failWith(sink, errors.gone(`too old resource version: ${from} (${reg.store.compactedRevision()})`));
    }
    throw err;
  }
  if (p.allowBookmarks) {
    const interval = p.bookmarkIntervalMs ?? 60_000;
    const schedule = () => {
      const at = nextBookmarkTime(Date.now(), interval, p.deadline);
      if (at === undefined || stopped) return;
      // The one 2 s before the deadline is the last (the timer may fire in that very millisecond).
      const final = p.deadline !== undefined && at === p.deadline - PRE_TIMEOUT_BOOKMARK_MS;
      timer = setTimeout(() => {
        if (stopped) return;
        sink.send('BOOKMARK', bookmark(def, Math.max(last, reg.store.currentRevision())));
        if (!final) schedule();
      }, at - Date.now());
      timer.unref();
    };
    schedule();
  }
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      w.stop();
    },
  };
}

/** A watch that fails once its stream is open: one ERROR event with the Status, then the end. */
function failWith(sink: WatchSink, err: errors.ApiError): Watcher {
  queueMicrotask(() => {
    sink.send('ERROR', err.toStatus());
    sink.end?.();
  });
  return { stop: () => {} };
}
