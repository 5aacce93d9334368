/**
 * The store contract, modelled on etcd (and kine's small Backend): keys map to opaque values,
 * every write gets the next cluster-wide revision, and watches replay every event after a revision.
 * The API server turns revisions into `resourceVersion`s.
 */

/** One stored key with the revision that created it and the revision of its last write. */
export interface KeyValue {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
}

export type StoreEventType = 'create' | 'update' | 'delete';

/** A committed change. `revision` is the revision of this write; for deletes `kv` is the last value. */
export interface StoreEvent {
  type: StoreEventType;
  kv: KeyValue;
  prev?: KeyValue;
  revision: number;
}

export interface ListOptions {
  /** Return at most this many keys (0 or undefined: all). */
  limit?: number;
  /** Start after this key (exclusive), for paging. */
  after?: string;
}

export interface ListResult {
  kvs: KeyValue[];
  /** The store revision the list was read at. */
  revision: number;
  /** True when `limit` cut the result short. */
  more: boolean;
  /** How many keys remain after the last one returned (only when `more`). */
  remaining: number;
}

export interface Watcher {
  /** Stops delivery; no event is delivered after this returns. */
  stop(): void;
}

export interface WatchOptions {
  /** Called once per event, in revision order, never twice for one revision. */
  onEvent: (ev: StoreEvent) => void;
  /** Called if the watch can no longer continue (e.g. the store closed). */
  onError?: (err: Error) => void;
}

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'etcd';
  /** The revision of the newest write. */
  currentRevision(): number;
  /** The newest compacted revision: watches from below it fail with CompactedError. */
  compactedRevision(): number;
  get(key: string): Promise<KeyValue | undefined>;
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  count(prefix: string): Promise<number>;
  /** Creates `key`; throws KeyExistsError when it exists. */
  create(key: string, value: string): Promise<KeyValue>;
  /** Replaces `key` if its modRevision equals `expectedRevision`; throws RevisionMismatchError or KeyNotFoundError. */
  update(key: string, value: string, expectedRevision: number): Promise<KeyValue>;
  /** Deletes `key` (if `expectedRevision` is given, only at that revision); returns the deleted value. */
  delete(key: string, expectedRevision?: number): Promise<KeyValue>;
  /** Streams every event for keys under `prefix` with revision > `afterRevision`. */
  watch(prefix: string, afterRevision: number, opts: WatchOptions): Watcher;
  /** Forgets history at and below `revision`. */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export class KeyExistsError extends StoreError {
  constructor(readonly key: string) {
    super('STORE_KEY_EXISTS', `key exists: ${key}`);
  }
}

export class KeyNotFoundError extends StoreError {
  constructor(readonly key: string) {
    super('STORE_KEY_NOT_FOUND', `key not found: ${key}`);
  }
}

export class RevisionMismatchError extends StoreError {
  constructor(
    readonly key: string,
    readonly current: KeyValue,
  ) {
    super('STORE_REVISION_MISMATCH', `revision mismatch for ${key}: now at ${current.modRevision}`);
  }
}

export class CompactedError extends StoreError {
  constructor(
    readonly requested: number,
    readonly compacted: number,
  ) {
    super('STORE_COMPACTED', `too old resource version: ${requested} (${compacted})`);
  }
}

export class StoreClosedError extends StoreError {
  constructor() {
    super('STORE_CLOSED', 'the store is closed');
  }
}
