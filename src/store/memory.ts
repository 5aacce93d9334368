/**
 * In-memory store for unit tests: the same contract as the SQLite store, nothing durable.
 */
import { WatchHub } from './hub.js';
import {
  CompactedError,
  KeyExistsError,
  KeyNotFoundError,
  RevisionMismatchError,
  StoreClosedError,
  type KeyValue,
  type ListOptions,
  type ListResult,
  type Store,
  type StoreEvent,
  type WatchOptions,
  type Watcher,
} from './types.js';
import { listSorted } from './range.js';

export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private data = new Map<string, KeyValue>();
  private log: StoreEvent[] = [];
  private rev = 0;
  private compacted = 0;
  private hub = new WatchHub();
  private closed = false;

  currentRevision(): number {
    return this.rev;
  }

  compactedRevision(): number {
    return this.compacted;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.check();
    return this.data.get(key);
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.check();
    const keys = [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
    return listSorted(keys, (k) => this.data.get(k)!, this.rev, opts);
  }

  async count(prefix: string): Promise<number> {
    this.check();
    let n = 0;
    for (const k of this.data.keys()) if (k.startsWith(prefix)) n++;
    return n;
  }

  async create(key: string, value: string): Promise<KeyValue> {
    this.check();
    if (this.data.has(key)) throw new KeyExistsError(key);
    const rev = ++this.rev;
    const kv: KeyValue = { key, value, createRevision: rev, modRevision: rev };
    this.data.set(key, kv);
    this.commit({ type: 'create', kv, revision: rev });
    return kv;
  }

  async update(key: string, value: string, expectedRevision: number): Promise<KeyValue> {
    this.check();
    const prev = this.data.get(key);
    if (!prev) throw new KeyNotFoundError(key);
    if (prev.modRevision !== expectedRevision) throw new RevisionMismatchError(key, prev);
    const rev = ++this.rev;
    const kv: KeyValue = { key, value, createRevision: prev.createRevision, modRevision: rev };
    this.data.set(key, kv);
    this.commit({ type: 'update', kv, prev, revision: rev });
    return kv;
  }

  async delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    this.check();
    const prev = this.data.get(key);
    if (!prev) throw new KeyNotFoundError(key);
    if (expectedRevision !== undefined && prev.modRevision !== expectedRevision) throw new RevisionMismatchError(key, prev);
    const rev = ++this.rev;
    this.data.delete(key);
    const kv: KeyValue = { ...prev, modRevision: rev };
    this.commit({ type: 'delete', kv, prev, revision: rev });
    return prev;
  }

  watch(prefix: string, afterRevision: number, opts: WatchOptions): Watcher {
    this.check();
    if (afterRevision < this.compacted) throw new CompactedError(afterRevision, this.compacted);
    const backlog = this.log.filter((e) => e.revision > afterRevision && e.kv.key.startsWith(prefix));
    return this.hub.subscribe(prefix, afterRevision, opts, backlog);
  }

  async compact(revision: number): Promise<void> {
    this.check();
    if (revision <= this.compacted) return;
    this.compacted = Math.min(revision, this.rev);
    this.log = this.log.filter((e) => e.revision > this.compacted);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.hub.closeAll(new StoreClosedError());
  }

  private commit(ev: StoreEvent): void {
    this.log.push(ev);
    this.hub.publish([ev]);
  }

  private check(): void {
    if (this.closed) throw new StoreClosedError();
  }
}
