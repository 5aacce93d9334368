/**
 * Shared informer: lists a resource, then watches it from the list's resourceVersion, keeping a
 * local cache with indexes and telling handlers about adds, updates and deletes. Re-watches when
 * a stream ends and re-lists after `410 Gone`, as client-go's reflector does. Cached objects are
 * shared: handlers must not mutate them (clone first).
 */
import { isApiError } from '../api/errors.js';
import type { KObject } from '../api/types.js';
import type { Logger } from '../util/log.js';
import { logger } from '../util/log.js';
import type { Client, ListOptions } from './client.js';
import type { ResourceRef } from './resources.js';
import type { WatchHandle } from './transport.js';

export interface EventHandlers<T> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T): void;
}

export type IndexFunc<T> = (obj: T) => string[];

export function objectKey(obj: KObject): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : (m.name ?? '');
}

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export class Informer<T extends KObject = KObject> {
  private cache = new Map<string, T>();
  private handlers: EventHandlers<T>[] = [];
  private indexers = new Map<string, IndexFunc<T>>();
  private indexes = new Map<string, Map<string, Set<string>>>();
  private watch?: WatchHandle;
  private stopped = false;
  private running = false;
  private rv = '';
  private syncedFlag = false;
  private syncWaiters: (() => void)[] = [];
  private retryDelay = 100;
  private log: Logger;

  constructor(
    private client: Client,
    readonly ref: ResourceRef,
    private opts: InformerOptions = {},
  ) {
    this.log = logger(`informer/${ref.plural}`);
    this.addIndex('namespace', (o) => [o.metadata?.namespace ?? '']);
  }

  on(h: EventHandlers<T>): this {
    this.handlers.push(h);
    if (this.syncedFlag) for (const o of this.cache.values()) h.add?.(o);
    return this;
  }

  addIndex(name: string, fn: IndexFunc<T>): void {
    this.indexers.set(name, fn);
    const idx = new Map<string, Set<string>>();
    this.indexes.set(name, idx);
    for (const [k, o] of this.cache) for (const v of fn(o)) addTo(idx, v, k);
  }

  get synced(): boolean {
    return this.syncedFlag;
  }

  waitForSync(): Promise<void> {
    if (this.syncedFlag) return Promise.resolve();
    return new Promise((r) => this.syncWaiters.push(r));
  }

  get(namespace: string, name: string): T | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: string): T | undefined {
    return this.cache.get(key);
  }

  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.cache.values()];
    return this.byIndex('namespace', namespace);
  }

  byIndex(index: string, value: string): T[] {
    const keys = this.indexes.get(index)?.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) {
      const o = this.cache.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  keys(): string[] {
    return [...this.cache.keys()];
  }

  get size(): number {
    return this.cache.size;
  }

  start(): this {
    if (this.running) return this;
    this.running = true;
    void this.run();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.relist();
        this.retryDelay = 100;
        await this.watchLoop();
      } catch (err) {
        if (this.stopped) return;
        this.log.debug({ err: (err as Error).message }, 'list/watch failed; retrying');
        await new Promise((r) => setTimeout(r, this.retryDelay));
        this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
      }
    }
  }

  private listOptions(): ListOptions {
    return { labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector };
  }

  private async relist(): Promise<void> {
    const list = await this.client.list<T>(this.ref, this.opts.namespace, this.listOptions());
    this.rv = list.metadata.resourceVersion ?? '';
    const seen = new Set<string>();
    for (const item of list.items) {
      item.apiVersion ??= this.ref.group ? `${this.ref.group}/${this.ref.version}` : this.ref.version;
      item.kind ??= this.ref.kind;
      const k = objectKey(item);
      seen.add(k);
      this.upsert(k, item);
    }
    for (const k of [...this.cache.keys()]) if (!seen.has(k)) this.remove(k, this.cache.get(k)!);
    if (!this.syncedFlag) {
      this.syncedFlag = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  /** Watches until the stream ends; returns normally to re-list (after 410) or re-watch. */
  private async watchLoop(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      let gone = false;
      const ended = new Promise<Error | undefined>((resolve) => {
        void this.client
          .watch(this.ref, this.opts.namespace, { ...this.listOptions(), resourceVersion: this.rv, allowWatchBookmarks: true }, {
            event: (type, obj) => {
              if (type === 'ERROR') {
                const code = (obj as { code?: number }).code;
                if (code === 410) gone = true;
                return;
              }
              const rv = obj.metadata?.resourceVersion;
              if (rv) this.rv = rv;
              if (type === 'BOOKMARK') return;
              const o = obj as T;
              const k = objectKey(o);
              if (type === 'DELETED') this.remove(k, o);
              else this.upsert(k, o);
            },
            end: (err) => resolve(err),
          })
          .then(
            (h) => {
              this.watch = h;
              if (this.stopped) h.stop();
            },
            (err) => resolve(err as Error),
          );
      });
      const err = await ended;
      if (this.stopped) return;
      if (gone || (err && isApiError(err, 'Expired')) || (err && isApiError(err, 'Gone'))) return; // re-list
      if (err) throw err;
    }
  }

  private upsert(k: string, obj: T): void {
    const old = this.cache.get(k);
    if (old && old.metadata?.resourceVersion === obj.metadata?.resourceVersion) return;
    this.cache.set(k, obj);
    for (const [name, fn] of this.indexers) {
      const idx = this.indexes.get(name)!;
      if (old) for (const v of fn(old)) removeFrom(idx, v, k);
      for (const v of fn(obj)) addTo(idx, v, k);
    }
    for (const h of this.handlers) {
      try {
        if (old) h.update?.(old, obj);
        else h.add?.(obj);
      } catch (err) {
        this.log.error({ err }, 'event handler failed');
      }
    }
  }

  private remove(k: string, obj: T): void {
    const old = this.cache.get(k);
    if (!old) return;
    this.cache.delete(k);
    for (const [name, fn] of this.indexers) {
      const idx = this.indexes.get(name)!;
      for (const v of fn(old)) removeFrom(idx, v, k);
    }
    for (const h of this.handlers) {
      try {
        h.delete?.(obj);
      } catch (err) {
        this.log.error({ err }, 'event handler failed');
      }
    }
  }
}

function addTo(idx: Map<string, Set<string>>, v: string, k: string): void {
  let s = idx.get(v);
  if (!s) idx.set(v, (s = new Set()));
  s.add(k);
}

function removeFrom(idx: Map<string, Set<string>>, v: string, k: string): void {
  const s = idx.get(v);
  if (!s) return;
  s.delete(k);
  if (!s.size) idx.delete(v);
}

/** Informers shared by every component in one process: one list+watch per resource. */
export class InformerFactory {
  private informers = new Map<string, Informer<KObject>>();

  constructor(readonly client: Client) {}

  for<T extends KObject>(ref: ResourceRef, opts: InformerOptions = {}): Informer<T> {
    const key = `${ref.group}/${ref.plural}/${opts.namespace ?? ''}/${opts.labelSelector ?? ''}/${opts.fieldSelector ?? ''}`;
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer(this.client, ref, opts);
      this.informers.set(key, inf);
    }
    return inf as unknown as Informer<T>;
  }

  start(): void {
    for (const i of this.informers.values()) i.start();
  }

  async waitForSync(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync()));
  }

  stop(): void {
    for (const i of this.informers.values()) i.stop();
  }
}
