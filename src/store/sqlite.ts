/**
 * The default store: SQLite through better-sqlite3, in WAL mode.
 *
 * Two tables: `kv` holds the current value of every key, `log` every committed event (the
 * revision is the log's primary key), which is what watches replay from. Writes are queued and
 * committed together in one transaction per turn of the event loop (group commit). A write is
 * acknowledged only after its transaction has committed to the WAL, so it survives a SIGKILL of
 * the server. With `durability: 'power'` (synchronous=FULL) each commit is also fsynced, which
 * survives an OS crash or power cut but blocks the event loop for the fsync; the default,
 * `process` (synchronous=NORMAL), fsyncs at checkpoints only. Checkpoints (copying the WAL into
 * the database, with their fsync) run on a worker thread with its own connection, so they never
 * stall request handling.
 */

/** The checkpointer: a worker thread that checkpoints the WAL every `ms` milliseconds. */
const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, workerData.ms);
parentPort.on('message', () => { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); parentPort.postMessage('closed'); });
`;
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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
  type StoreEventType,
  type WatchOptions,
  type Watcher,
} from './types.js';

const TYPES: StoreEventType[] = ['create', 'update', 'delete'];

type Op =
  | { op: 'create'; key: string; value: string }
  | { op: 'update'; key: string; value: string; expected: number }
  | { op: 'delete'; key: string; expected?: number };

interface Pending {
  op: Op;
  resolve: (kv: KeyValue) => void;
  reject: (err: Error) => void;
}

interface KvRow {
  key: string;
  value: string;
  create_rev: number;
  mod_rev: number;
}

interface LogRow {
  rev: number;
  key: string;
  type: number;
  value: string;
  create_rev: number;
  prev_rev: number | null;
  prev_value: string | null;
  prev_create_rev: number | null;
}

/** The smallest string greater than every string starting with `prefix`. */
export function prefixEnd(prefix: string): string {
  return prefix + '\uffff';
}

const toKv = (r: KvRow): KeyValue => ({ key: r.key, value: r.value, createRevision: r.create_rev, modRevision: r.mod_rev });

export interface SqliteStoreOptions {
  /** Database file path. */
  path: string;
  /** `process` (default): survives the server being killed; `power`: also an OS crash or power cut. */
  durability?: 'process' | 'power';
  /** Checkpoint interval of the background checkpointer (ms; 0 = SQLite's own, in-line, checkpoints). */
  checkpointMs?: number;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private db: Database.Database;
  private rev: number;
  private compacted: number;
  private hub = new WatchHub();
  private pending: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private s: Record<string, Database.Statement>;
  private checkpointer?: Worker;

  constructor(opts: SqliteStoreOptions) {
    this.db = new Database(opts.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(opts.durability === 'power' ? 'synchronous = FULL' : 'synchronous = NORMAL');
    this.db.pragma('cache_size = -65536');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS log (rev INTEGER PRIMARY KEY, key TEXT NOT NULL, type INTEGER NOT NULL, value TEXT NOT NULL, create_rev INTEGER NOT NULL, prev_rev INTEGER);
      CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      INSERT OR IGNORE INTO meta VALUES ('revision', 0), ('compacted', 0);
    `);
    this.s = {
      get: this.db.prepare('SELECT key, value, create_rev, mod_rev FROM kv WHERE key = ?'),
      list: this.db.prepare('SELECT key, value, create_rev, mod_rev FROM kv WHERE key >= ? AND key < ? ORDER BY key LIMIT ?'),
      listAfter: this.db.prepare('SELECT key, value, create_rev, mod_rev FROM kv WHERE key > ? AND key < ? ORDER BY key LIMIT ?'),
      count: this.db.prepare('SELECT count(*) AS n FROM kv WHERE key >= ? AND key < ?'),
      countAfter: this.db.prepare('SELECT count(*) AS n FROM kv WHERE key > ? AND key < ?'),
      insertKv: this.db.prepare('INSERT INTO kv (key, value, create_rev, mod_rev) VALUES (?, ?, ?, ?)'),
      updateKv: this.db.prepare('UPDATE kv SET value = ?, mod_rev = ? WHERE key = ?'),
      deleteKv: this.db.prepare('DELETE FROM kv WHERE key = ?'),
      insertLog: this.db.prepare('INSERT INTO log (rev, key, type, value, create_rev, prev_rev) VALUES (?, ?, ?, ?, ?, ?)'),
      history: this.db.prepare(
        `SELECT l.rev, l.key, l.type, l.value, l.create_rev, l.prev_rev, p.value AS prev_value, p.create_rev AS prev_create_rev
         FROM log l LEFT JOIN log p ON p.rev = l.prev_rev
         WHERE l.rev > ? AND l.key >= ? AND l.key < ? ORDER BY l.rev`,
      ),
      setMeta: this.db.prepare('UPDATE meta SET value = ? WHERE name = ?'),
      getMeta: this.db.prepare('SELECT value FROM meta WHERE name = ?'),
      compact: this.db.prepare('DELETE FROM log WHERE rev <= ?'),
    };
    this.rev = (this.s.getMeta!.get('revision') as { value: number }).value;
    this.compacted = (this.s.getMeta!.get('compacted') as { value: number }).value;
    const ms = opts.checkpointMs ?? 1000;
    if (ms > 0) {
      this.db.pragma('wal_autocheckpoint = 0');
      const module = createRequire(import.meta.url).resolve('better-sqlite3');
      this.checkpointer = new Worker(CHECKPOINTER, { eval: true, workerData: { module, path: opts.path, ms } });
      this.checkpointer.unref();
      this.checkpointer.on('error', () => {
        // Fall back to SQLite's own checkpoints if the worker dies.
        this.checkpointer = undefined;
        if (!this.closed) this.db.pragma('wal_autocheckpoint = 1000');
      });
    }
  }

  currentRevision(): number {
    return this.rev;
  }

  compactedRevision(): number {
    return this.compacted;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.check();
    const r = this.s.get!.get(key) as KvRow | undefined;
    return r && toKv(r);
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.check();
    const end = prefixEnd(prefix);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : -1;
    const paging = opts.after !== undefined && opts.after >= prefix;
    const rows = (paging ? this.s.listAfter!.all(opts.after, end, limit) : this.s.list!.all(prefix, end, limit)) as KvRow[];
    let remaining = 0;
    if (limit > 0 && rows.length === limit) {
      remaining = (this.s.countAfter!.get(rows[rows.length - 1]!.key, end) as { n: number }).n;
    }
    return { kvs: rows.map(toKv), revision: this.rev, more: remaining > 0, remaining };
  }

  async count(prefix: string): Promise<number> {
    this.check();
    return (this.s.count!.get(prefix, prefixEnd(prefix)) as { n: number }).n;
  }

  create(key: string, value: string): Promise<KeyValue> {
    return this.enqueue({ op: 'create', key, value });
  }

  update(key: string, value: string, expectedRevision: number): Promise<KeyValue> {
    return this.enqueue({ op: 'update', key, value, expected: expectedRevision });
  }

  delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    return this.enqueue({ op: 'delete', key, expected: expectedRevision });
  }

  watch(prefix: string, afterRevision: number, opts: WatchOptions): Watcher {
    this.check();
    if (afterRevision < this.compacted) throw new CompactedError(afterRevision, this.compacted);
    // Reading the backlog and subscribing happen in one synchronous step: no write can land between.
    const rows = afterRevision < this.rev ? (this.s.history!.all(afterRevision, prefix, prefixEnd(prefix)) as LogRow[]) : [];
    const backlog: StoreEvent[] = rows.map((r) => {
      const ev: StoreEvent = {
        type: TYPES[r.type]!,
        revision: r.rev,
        kv: { key: r.key, value: r.value, createRevision: r.create_rev, modRevision: r.rev },
      };
      if (r.prev_rev !== null && r.prev_value !== null) {
        ev.prev = { key: r.key, value: r.prev_value, createRevision: r.prev_create_rev!, modRevision: r.prev_rev };
      }
      return ev;
    });
    return this.hub.subscribe(prefix, afterRevision, opts, backlog);
  }

  async compact(revision: number): Promise<void> {
    this.check();
    const target = Math.min(revision, this.rev);
    if (target <= this.compacted) return;
    this.db.transaction(() => {
      this.s.compact!.run(target);
      this.s.setMeta!.run(target, 'compacted');
    })();
    this.compacted = target;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.hub.closeAll(new StoreClosedError());
    const w = this.checkpointer;
    if (w) {
      this.checkpointer = undefined;
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => void w.terminate().then(() => resolve()), 2000);
        w.once('message', () => {
          clearTimeout(t);
          void w.terminate().then(() => resolve());
        });
        w.once('exit', () => resolve());
        w.postMessage('close');
      });
    }
    this.db.close();
  }

  private enqueue(op: Op): Promise<KeyValue> {
    try {
      this.check();
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ op, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued write in one transaction, then acknowledges them and publishes events. */
  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length || this.closed) return;
    const startRev = this.rev;
    const results: (KeyValue | Error)[] = [];
    const events: StoreEvent[] = [];
    try {
      this.db.transaction(() => {
        for (const p of batch) {
          try {
            results.push(this.apply(p.op, events));
          } catch (err) {
            if (!(err instanceof KeyExistsError || err instanceof KeyNotFoundError || err instanceof RevisionMismatchError)) throw err;
            results.push(err);
          }
        }
        if (this.rev !== startRev) this.s.setMeta!.run(this.rev, 'revision');
      })();
    } catch (err) {
      this.rev = startRev;
      for (const p of batch) p.reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i]!;
      if (r instanceof Error) p.reject(r);
      else p.resolve(r);
    });
    this.hub.publish(events);
  }

  private apply(op: Op, events: StoreEvent[]): KeyValue {
    const cur = this.s.get!.get(op.key) as KvRow | undefined;
    switch (op.op) {
      case 'create': {
        if (cur) throw new KeyExistsError(op.key);
        const rev = ++this.rev;
        this.s.insertKv!.run(op.key, op.value, rev, rev);
        this.s.insertLog!.run(rev, op.key, 0, op.value, rev, null);
        const kv = { key: op.key, value: op.value, createRevision: rev, modRevision: rev };
        events.push({ type: 'create', kv, revision: rev });
        return kv;
      }
      case 'update': {
        if (!cur) throw new KeyNotFoundError(op.key);
        if (cur.mod_rev !== op.expected) throw new RevisionMismatchError(op.key, toKv(cur));
        const rev = ++this.rev;
        this.s.updateKv!.run(op.value, rev, op.key);
        this.s.insertLog!.run(rev, op.key, 1, op.value, cur.create_rev, cur.mod_rev);
        const kv = { key: op.key, value: op.value, createRevision: cur.create_rev, modRevision: rev };
        events.push({ type: 'update', kv, prev: toKv(cur), revision: rev });
        return kv;
      }
      case 'delete': {
        if (!cur) throw new KeyNotFoundError(op.key);
        if (op.expected !== undefined && cur.mod_rev !== op.expected) throw new RevisionMismatchError(op.key, toKv(cur));
        const rev = ++this.rev;
        this.s.deleteKv!.run(op.key);
        this.s.insertLog!.run(rev, op.key, 2, cur.value, cur.create_rev, cur.mod_rev);
        const prev = toKv(cur);
        events.push({ type: 'delete', kv: { ...prev, modRevision: rev }, prev, revision: rev });
        return prev;
      }
    }
  }

  private check(): void {
    if (this.closed) throw new StoreClosedError();
  }
}
