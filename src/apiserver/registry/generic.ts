/**
 * The generic registry: create, get, list, update, delete of any resource on the store, with
 * upstream's object semantics (uid, generateName, generation, resourceVersion and optimistic
 * concurrency, finalizers, graceful and propagated deletion). Per-resource rules come from the
 * resource's Strategy; side effects such as allocating service IPs come from Hooks.
 */
import { randomUUID } from 'node:crypto';
import * as errors from '../../api/errors.js';
import { type ApiError, OBJECT_MODIFIED } from '../../api/errors.js';
import type { FieldError } from '../../api/field.js';
import { clone, deepEqual, rfc3339 } from '../../api/meta.js';
import type { DeleteOptions, KList, StoredObject } from '../../api/types.js';
import {
  KeyExistsError,
  KeyNotFoundError,
  RevisionMismatchError,
  type KeyValue,
  type Store,
} from '../../store/types.js';
import type { UserInfo } from '../request.js';
import type { ResourceDef, StrategyContext } from './types.js';
import { modelName } from '../../api/schema.js';
import { normalizeObject } from '../typed/index.js';
import { type ListQuery, matcherFor } from './filter.js';

export interface WriteOptions {
  user: UserInfo;
  dryRun?: boolean;
  fieldManager?: string;
  /** For update/patch: the subresource written (`status`), or '' for the main resource. */
  subresource?: string;
}

/** Side effects around writes, e.g. allocating and releasing service cluster IPs. */
export interface Hooks<T extends StoredObject = StoredObject> {
  /**
   * Mutating admission and allocation before an object is stored. Returns an undo function,
   * called if the write does not happen.
   */
  admit?(op: 'create' | 'update', obj: T, old: T | undefined, ctx: StrategyContext, opts: WriteOptions): Promise<(() => void) | void> | (() => void) | void;
  /** After the object was removed from the store. */
  afterDelete?(obj: T): void;
  /** After an update was stored (e.g. release what the old object held). */
  afterUpdate?(obj: T, old: T): void;
  /**
   * Graceful deletion: the grace period to wait before the object goes, or 0 to remove it now.
   * Only pods have it.
   */
  gracePeriod?(obj: T, options: DeleteOptions): number;
  /** True while something other than metadata.finalizers holds a deleting object (namespaces' spec.finalizers). */
  held?(obj: T): boolean;
  /** Called when an object starts deleting but stays (e.g. a namespace turns Terminating). */
  markDeleting?(obj: T): void;
}

export interface DeleteResult {
  obj: StoredObject;
  /** True when the object is gone from the store; false when it only got a deletionTimestamp. */
  deleted: boolean;
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_RETRIES = 20;

export function generateSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
  return s;
}

export function apiVersionOf(def: ResourceDef): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export function groupResource(def: ResourceDef): errors.GroupResource {
  return { group: def.group, resource: def.plural };
}

export class Registry {
  private hooks = new Map<ResourceDef, Hooks>();
  /** Namespaces that always accept creates, as upstream's NamespaceLifecycle admission. */
  static readonly immortalNamespaces = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
  namespaceDef?: ResourceDef;

  constructor(readonly store: Store) {}

  setHooks<T extends StoredObject>(def: ResourceDef<T>, hooks: Hooks<T>): void {
    this.hooks.set(def as unknown as ResourceDef, hooks as unknown as Hooks);
  }

  // ---- keys and codec -------------------------------------------------------------------

  storagePrefix(def: ResourceDef, namespace: string): string {
    const group = def.storage ? def.storage.group : def.group;
    const plural = def.storage ? def.storage.plural : def.plural;
    const base = `/registry/${group || 'core'}/${plural}/`;
    return def.namespaced && namespace ? `${base}${namespace}/` : base;
  }

  key(def: ResourceDef, namespace: string, name: string): string {
    return this.storagePrefix(def, def.namespaced ? namespace : '') + name;
  }

  encode(def: ResourceDef, obj: StoredObject): string {
    const o = def.storage ? def.storage.toStorage(obj) : obj;
    const rv = o.metadata.resourceVersion;
    delete o.metadata.resourceVersion;
    const s = JSON.stringify(o);
    if (rv !== undefined) o.metadata.resourceVersion = rv;
    return s;
  }

  /**
   * Decoded objects by key, valid while the key's modRevision is unchanged: repeated reads and
   * lists of unchanged objects skip JSON parsing. Objects handed out are shared: never mutate
   * them (the registry clones before changing anything).
   */
  private decoded = new Map<string, { rev: number; def: ResourceDef; obj: StoredObject }>();
  static readonly DECODE_CACHE_MAX = 50_000;

  decode(def: ResourceDef, kv: KeyValue): StoredObject {
    const hit = this.decoded.get(kv.key);
    if (hit && hit.rev === kv.modRevision && hit.def === def) return hit.obj;
    const obj = this.decodeFresh(def, kv);
    if (hit) this.decoded.delete(kv.key);
    else if (this.decoded.size >= Registry.DECODE_CACHE_MAX) this.decoded.delete(this.decoded.keys().next().value!);
    this.decoded.set(kv.key, { rev: kv.modRevision, def, obj });
    return obj;
  }

  private decodeFresh(def: ResourceDef, kv: KeyValue): StoredObject {
    let obj = JSON.parse(kv.value) as StoredObject;
    obj.metadata.resourceVersion = String(kv.modRevision);
    if (def.storage) obj = def.storage.fromStorage(obj);
    obj.apiVersion = apiVersionOf(def);
    obj.kind = def.kind;
    return obj;
  }

  context(namespace: string, user: UserInfo): StrategyContext {
    return { namespace, user: user.name, now: rfc3339() };
  }

  // ---- reads -----------------------------------------------------------------------------

  async get(def: ResourceDef, namespace: string, name: string): Promise<StoredObject> {
    const kv = await this.store.get(this.key(def, namespace, name));
    if (!kv) throw errors.notFound(groupResource(def), name);
    return this.decode(def, kv);
  }

  async tryGet(def: ResourceDef, namespace: string, name: string): Promise<StoredObject | undefined> {
    const kv = await this.store.get(this.key(def, namespace, name));
    return kv && this.decode(def, kv);
  }

  /** Lists with selectors and paging; `continue` tokens carry the last key scanned. */
  async list(def: ResourceDef, namespace: string, q: ListQuery = {}): Promise<KList<StoredObject>> {
    const prefix = this.storagePrefix(def, namespace);
    const match = matcherFor(def, q);
    let after: string | undefined;
    if (q.continue) after = decodeContinue(q.continue, prefix);
    const limit = q.limit && q.limit > 0 ? q.limit : 0;
    const items: StoredObject[] = [];
    let revision: number;
    let more = false;
    let remaining = 0;
    let lastKey: string | undefined;
    // Page through the store until `limit` matching objects are found or the range ends.
    for (;;) {
      const batch = limit ? Math.max(limit - items.length, 100) : 0;
      const res = await this.store.list(prefix, { after, limit: batch });
      revision = res.revision;
      for (const kv of res.kvs) {
        lastKey = kv.key;
        const obj = this.decode(def, kv);
        if (match && !match(obj)) continue;
        items.push(obj);
        if (limit && items.length >= limit) break;
      }
      const cutShort = limit > 0 && items.length >= limit && lastKey !== res.kvs[res.kvs.length - 1]?.key;
      if (cutShort || (limit && items.length >= limit)) {
        more = cutShort || res.more;
        remaining = match ? 0 : res.remaining + (cutShort ? res.kvs.length - 1 - res.kvs.findIndex((k) => k.key === lastKey) : 0);
        break;
      }
      if (!res.more) break;
      after = res.kvs[res.kvs.length - 1]!.key;
    }
    const list: KList<StoredObject> = {
      apiVersion: apiVersionOf(def),
      kind: `${def.kind}List`,
      metadata: { resourceVersion: String(revision) },
      items,
    };
    if (more && lastKey) {
      list.metadata.continue = encodeContinue(lastKey, revision);
      if (remaining > 0) list.metadata.remainingItemCount = remaining;
    }
    return list;
  }

  // ---- create ----------------------------------------------------------------------------

  /** Creates `obj` (which the registry takes over and fills in). */
  async create(def: ResourceDef, namespace: string, obj: StoredObject, opts: WriteOptions): Promise<StoredObject> {
    const ctx = this.context(namespace, opts.user);
    checkTypeMeta(def, obj);
    normalize(def, obj);
    const m = obj.metadata ?? (obj.metadata = {});
    if (def.namespaced) {
      if (m.namespace && namespace && m.namespace !== namespace) {
        throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      m.namespace = namespace || m.namespace;
    } else {
      delete m.namespace;
    }
    if (!m.name && m.generateName) m.name = m.generateName + generateSuffix();
    m.uid = randomUUID();
    m.creationTimestamp = ctx.now;
    delete m.resourceVersion;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    delete m.selfLink;
    if (def.strategy.generation) m.generation = 1;
    else delete m.generation;
    def.strategy.defaults?.(obj);
    def.strategy.prepareForCreate?.(obj, ctx);
    pruneEmptyMeta(m);
    if (def.namespaced) await this.checkNamespace(m.namespace ?? '');
    // Mutating admission and allocations come before validation, as upstream; undone on failure.
    const undo = await this.hooks.get(def)?.admit?.('create', obj, undefined, ctx, opts);
    try {
      this.throwIfInvalid(def, obj, def.strategy.validate?.(obj, ctx));
      if (opts.dryRun) {
        undo?.();
        return obj;
      }
      const kv = await this.store.create(this.key(def, m.namespace ?? '', m.name!), this.encode(def, obj));
      obj.metadata.resourceVersion = String(kv.modRevision);
      return obj;
    } catch (err) {
      undo?.();
      if (err instanceof KeyExistsError) throw errors.alreadyExists(groupResource(def), m.name!);
      throw err;
    }
  }

  // ---- update ----------------------------------------------------------------------------

  /**
   * Replaces an object (PUT). `input.metadata.resourceVersion`, when set, must match the
   * stored one. Returns the stored object and whether it was created.
   */
  async update(
    def: ResourceDef,
    namespace: string,
    name: string,
    input: StoredObject,
    opts: WriteOptions,
  ): Promise<{ obj: StoredObject; created: boolean }> {
    checkTypeMeta(def, input);
    const inMeta = input.metadata ?? {};
    if (inMeta.name && inMeta.name !== name) {
      throw errors.badRequest(`the name of the object (${inMeta.name}) does not match the name on the URL (${name})`);
    }
    if (def.namespaced && inMeta.namespace && namespace && inMeta.namespace !== namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const existing = await this.tryGetKv(def, namespace, name);
    if (!existing) {
      if (!def.strategy.allowCreateOnUpdate || opts.subresource) throw errors.notFound(groupResource(def), name);
      const obj = clone(input);
      obj.metadata = { ...inMeta, name };
      delete obj.metadata.resourceVersion;
      return { obj: await this.create(def, namespace, obj, opts), created: true };
    }
    const rv = inMeta.resourceVersion;
    if (rv && rv !== String(existing.modRevision)) {
      throw errors.conflict(groupResource(def), name, OBJECT_MODIFIED);
    }
    const obj = await this.guaranteedUpdate(def, namespace, name, opts, () => clone(input), rv ? existing : undefined);
    return { obj, created: false };
  }

  /**
   * Reads the current object, applies `mutate`, and writes with compare-and-swap, retrying on
   * a concurrent write unless `pinned` (the caller's precondition) was given.
   */
  async guaranteedUpdate(
    def: ResourceDef,
    namespace: string,
    name: string,
    opts: WriteOptions,
    mutate: (current: StoredObject) => StoredObject | Promise<StoredObject>,
    pinned?: KeyValue,
  ): Promise<StoredObject> {
    const key = this.key(def, namespace, name);
    for (let attempt = 0; ; attempt++) {
      const kv = pinned ?? (await this.store.get(key));
      if (!kv) throw errors.notFound(groupResource(def), name);
      const old = this.decode(def, kv);
      const next = await mutate(clone(old));
      const hooks = this.hooks.get(def);
      const { obj, undo } = await this.prepareUpdate(def, namespace, next, old, opts);
      if (obj === old) return old;
      if (opts.dryRun) {
        undo?.();
        return obj;
      }
      try {
        if (shouldDeleteNow(obj) && !hooks?.held?.(obj)) {
          await this.store.delete(key, kv.modRevision);
          this.decoded.delete(key);
          hooks?.afterDelete?.(obj);
          return obj;
        }
        const nkv = await this.store.update(key, this.encode(def, obj), kv.modRevision);
        obj.metadata.resourceVersion = String(nkv.modRevision);
        hooks?.afterUpdate?.(obj, old);
        return obj;
      } catch (err) {
        undo?.();
        if (err instanceof RevisionMismatchError) {
          if (pinned || attempt >= MAX_RETRIES) throw errors.conflict(groupResource(def), name, OBJECT_MODIFIED);
          continue;
        }
        if (err instanceof KeyNotFoundError) throw errors.notFound(groupResource(def), name);
        throw err;
      }
    }
  }

  /**
   * Applies the update rules to `obj` (the new state) given `old`: strategy, defaults, admission
   * hooks, validation. Returns `old` itself when nothing changed, and the admission's undo.
   */
  private async prepareUpdate(
    def: ResourceDef,
    namespace: string,
    obj: StoredObject,
    old: StoredObject,
    opts: WriteOptions,
  ): Promise<{ obj: StoredObject; undo?: () => void }> {
    const ctx = this.context(namespace, opts.user);
    checkTypeMeta(def, obj);
    normalize(def, obj);
    obj.apiVersion = old.apiVersion;
    obj.kind = old.kind;
    const m = (obj.metadata ??= {});
    const om = old.metadata;
    if (m.uid && m.uid !== om.uid) {
      throw errors.conflict(groupResource(def), om.name ?? '', `Precondition failed: UID in precondition: ${m.uid}, UID in object meta: ${om.uid}`);
    }
    // System-owned metadata always carries over.
    m.name = om.name;
    if (def.namespaced) m.namespace = om.namespace;
    m.uid = om.uid;
    m.creationTimestamp = om.creationTimestamp;
    m.resourceVersion = om.resourceVersion;
    if (om.deletionTimestamp) m.deletionTimestamp = om.deletionTimestamp;
    else delete m.deletionTimestamp;
    if (om.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    else delete m.deletionGracePeriodSeconds;
    if (om.generation !== undefined) m.generation = om.generation;
    else delete m.generation;
    delete m.selfLink;
    if (om.managedFields && !m.managedFields) m.managedFields = om.managedFields;
    pruneEmptyMeta(m);
    const sub = opts.subresource ?? '';
    let errs: FieldError[] | undefined;
    let undo: (() => void) | void = undefined;
    if (sub !== '' && sub !== 'status') {
      // Internal subresource writes (binding, finalize) were already checked by their handler.
    } else if (sub === 'status') {
      def.strategy.defaults?.(obj);
      if (def.strategy.prepareForStatusUpdate) def.strategy.prepareForStatusUpdate(obj, old, ctx);
      else defaultStatusPrepare(obj, old);
      errs = def.strategy.validateStatusUpdate?.(obj, old, ctx);
    } else {
      def.strategy.defaults?.(obj);
      def.strategy.prepareForUpdate?.(obj, old, ctx);
      if (def.strategy.generation && !deepEqual(generationFields(def, obj), generationFields(def, old))) m.generation = (om.generation ?? 0) + 1;
      undo = await this.hooks.get(def)?.admit?.('update', obj, old, ctx, opts);
      errs = def.strategy.validateUpdate?.(obj, old, ctx);
    }
    try {
      this.throwIfInvalid(def, obj, errs);
      if (om.deletionTimestamp && (m.finalizers ?? []).some((f) => !(om.finalizers ?? []).includes(f))) {
        throw errors.invalid(def.group, def.kind, om.name ?? '', [
          { type: 'FieldValueForbidden', field: 'metadata.finalizers', message: 'Forbidden: no new finalizers can be added if the object is being deleted' },
        ]);
      }
    } catch (err) {
      undo?.();
      throw err;
    }
    if (deepEqual(obj, old)) {
      undo?.();
      return { obj: old };
    }
    return { obj, undo: undo ?? undefined };
  }

  // ---- delete ----------------------------------------------------------------------------

  async delete(def: ResourceDef, namespace: string, name: string, options: DeleteOptions, opts: WriteOptions): Promise<DeleteResult> {
    const key = this.key(def, namespace, name);
    const hooks = this.hooks.get(def);
    for (let attempt = 0; ; attempt++) {
      const kv = await this.store.get(key);
      if (!kv) throw errors.notFound(groupResource(def), name);
      const obj = this.decode(def, kv);
      const m = obj.metadata;
      const pre = options.preconditions;
      if (pre?.uid && pre.uid !== m.uid) {
        throw errors.conflict(groupResource(def), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${m.uid}`);
      }
      if (pre?.resourceVersion && pre.resourceVersion !== m.resourceVersion) {
        throw errors.conflict(
          groupResource(def),
          name,
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${m.resourceVersion}`,
        );
      }
      if (options.propagationPolicy && !['Background', 'Foreground', 'Orphan'].includes(options.propagationPolicy)) {
        throw errors.invalid('meta.k8s.io', 'DeleteOptions', '', [
          { type: 'FieldValueNotSupported', field: 'propagationPolicy', message: `Unsupported value: "${options.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"` },
        ]);
      }
      const policy = options.propagationPolicy ?? (options.orphanDependents === true ? 'Orphan' : options.orphanDependents === false ? 'Background' : def.strategy.defaultPropagation ?? 'Background');
      const next = clone(obj);
      const nm = next.metadata;
      // 1. Finalizers for garbage collection, as the propagation policy asks.
      const fins = (nm.finalizers ?? []).filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
      if (policy === 'Orphan') fins.push('orphan');
      if (policy === 'Foreground') fins.push('foregroundDeletion');
      if (!deepEqual(fins, nm.finalizers ?? [])) {
        if (fins.length) nm.finalizers = fins;
        else delete nm.finalizers;
      }
      // 2. Graceful deletion (pods): set or shorten the deadline; the node agent removes the object.
      const grace = hooks?.gracePeriod ? hooks.gracePeriod(obj, options) : 0;
      if (grace > 0) {
        const deadline = rfc3339(Date.now() + grace * 1000);
        if (!nm.deletionTimestamp || deadline < nm.deletionTimestamp) {
          nm.deletionTimestamp = deadline;
          nm.deletionGracePeriodSeconds = grace;
        }
      }
      const held = fins.length > 0 || !!hooks?.held?.(next);
      if (grace === 0 && held) {
        // 3. Finalizers hold the object: mark it deleting; the last finalizer's removal deletes it.
        if (!nm.deletionTimestamp) nm.deletionTimestamp = rfc3339();
        nm.deletionGracePeriodSeconds = 0;
        hooks?.markDeleting?.(next);
      }
      try {
        if (grace === 0 && !held) {
          if (opts.dryRun) return { obj, deleted: true };
          const gone = await this.store.delete(key, kv.modRevision);
          this.decoded.delete(key);
          hooks?.afterDelete?.(obj);
          return { obj: this.decode(def, gone), deleted: true };
        }
        if (deepEqual(next, obj)) return { obj, deleted: false };
        if (opts.dryRun) return { obj: next, deleted: false };
        const nkv = await this.store.update(key, this.encode(def, next), kv.modRevision);
        next.metadata.resourceVersion = String(nkv.modRevision);
        return { obj: next, deleted: false };
      } catch (err) {
        if (err instanceof KeyNotFoundError) throw errors.notFound(groupResource(def), name);
        if (err instanceof RevisionMismatchError && attempt < MAX_RETRIES) continue;
        throw err;
      }
    }
  }

  /** DELETE on a collection: deletes every object matching the selectors. */
  async deleteCollection(def: ResourceDef, namespace: string, q: ListQuery, options: DeleteOptions, opts: WriteOptions): Promise<KList<StoredObject>> {
    const list = await this.list(def, namespace, { labelSelector: q.labelSelector, fieldSelector: q.fieldSelector });
    const items: StoredObject[] = [];
    for (const o of list.items) {
      try {
        const r = await this.delete(def, o.metadata.namespace ?? '', o.metadata.name!, options, opts);
        items.push(r.obj);
      } catch (err) {
        if (!errors.isApiError(err, 'NotFound')) throw err;
      }
    }
    return { ...list, items };
  }

  // ---- helpers ---------------------------------------------------------------------------

  private async tryGetKv(def: ResourceDef, namespace: string, name: string): Promise<KeyValue | undefined> {
    return this.store.get(this.key(def, namespace, name));
  }

  private throwIfInvalid(def: ResourceDef, obj: StoredObject, errs: FieldError[] | undefined): void {
    if (errs && errs.length) throw errors.invalid(def.group, def.kind, obj.metadata?.name ?? '', errs);
  }

  /**
   * Keeps a cache of namespace states from the store's watch, so creates need not read the
   * namespace (upstream's NamespaceLifecycle admission uses an informer the same way).
   */
  private namespaces?: Map<string, boolean>;

  private namespaceTerminating(ns: string): Promise<boolean | undefined> | boolean | undefined {
    const def = this.namespaceDef;
    if (!def) return false;
    if (!this.namespaces) {
      const cache = new Map<string, boolean>();
      this.namespaces = cache;
      const prefix = this.storagePrefix(def, '');
      const terminating = (v: string) => {
        const o = JSON.parse(v) as { metadata?: { deletionTimestamp?: string }; status?: { phase?: string } };
        return !!o.metadata?.deletionTimestamp || o.status?.phase === 'Terminating';
      };
      this.store.watch(prefix, this.store.currentRevision(), {
        onEvent: (ev) => {
          const name = ev.kv.key.slice(prefix.length);
          if (ev.type === 'delete') cache.delete(name);
          else cache.set(name, terminating(ev.kv.value));
        },
        onError: () => (this.namespaces = undefined),
      });
      void this.store.list(prefix).then((l) => {
        for (const kv of l.kvs) if (!cache.has(kv.key.slice(prefix.length))) cache.set(kv.key.slice(prefix.length), terminating(kv.value));
      });
    }
    const known = this.namespaces.get(ns);
    if (known !== undefined) return known;
    // Not (yet) in the cache: ask the store.
    return this.tryGet(def, '', ns).then((o) =>
      o ? !!o.metadata.deletionTimestamp || (o.status as { phase?: string } | undefined)?.phase === 'Terminating' : undefined,
    );
  }

  private async checkNamespace(ns: string): Promise<void> {
    if (!ns) throw errors.badRequest('the server could not find the requested resource: a namespace is required');
    const def = this.namespaceDef;
    if (!def) return;
    const terminating = await this.namespaceTerminating(ns);
    if (terminating === undefined) {
      if (Registry.immortalNamespaces.has(ns)) return;
      throw errors.notFound({ group: '', resource: 'namespaces' }, ns);
    }
    if (terminating) {
      const e = errors.forbidden({ group: '', resource: def.plural }, '', `unable to create new content in namespace ${ns} because it is being terminated`);
      e.details!.causes = [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }];
      throw e;
    }
  }
}

/** Empty metadata lists and maps are omitted, as Go's `omitempty` serializes ObjectMeta. */
function pruneEmptyMeta(m: StoredObject['metadata']): void {
  for (const k of ['labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'] as const) {
    const v = m[k];
    if (v !== undefined && (Array.isArray(v) ? v.length === 0 : v === null || Object.keys(v).length === 0)) delete m[k];
  }
}

/** An object whose deletion was requested with no grace left and no finalizers goes now. */
function shouldDeleteNow(obj: StoredObject): boolean {
  const m = obj.metadata;
  return !!m.deletionTimestamp && !(m.finalizers ?? []).length && (m.deletionGracePeriodSeconds ?? 0) === 0;
}

/** What bumps `generation`: the resource's own choice, or everything except metadata and status. */
function generationFields(def: ResourceDef, obj: StoredObject): unknown {
  return typeof def.strategy.generation === 'function' ? def.strategy.generation(obj) : specOf(obj);
}

/** Everything except metadata and status. */
function specOf(obj: StoredObject): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind') rest[k] = v;
  return rest;
}

/**
 * Status writes change status (and annotations, as upstream's status strategies allow: the
 * deployment controller records its revision annotation that way), nothing else the main
 * resource owns.
 */
function defaultStatusPrepare(obj: StoredObject, old: StoredObject): void {
  const status = obj.status;
  const annotations = obj.metadata.annotations;
  for (const k of Object.keys(obj)) if (k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') delete obj[k];
  for (const [k, v] of Object.entries(old)) if (k !== 'status' && k !== 'metadata') obj[k] = clone(v);
  obj.metadata = { ...clone(old.metadata), resourceVersion: obj.metadata.resourceVersion };
  if (annotations) obj.metadata.annotations = annotations;
  else delete obj.metadata.annotations;
  if (status === undefined) delete obj.status;
  else obj.status = status;
}

/**
 * Every write stores what upstream's typed decoding would keep of the object, whichever path it came
 * by (create, update, any patch, a subresource, an in-process client): fields its type does not have
 * are dropped and quantities are canonical. Runs before the strategy, validation and the no-change check.
 */
function normalize(def: ResourceDef, obj: StoredObject): void {
  normalizeObject(obj, modelName(def.group, def.version, def.kind));
}

function checkTypeMeta(def: ResourceDef, obj: StoredObject): void {
  const av = apiVersionOf(def);
  if (obj.kind !== undefined && obj.kind !== def.kind) {
    throw errors.badRequest(`the API version in the data (${obj.apiVersion ?? ''}) does not match the expected API version (${av}) or the kind in the data (${obj.kind}) does not match the expected kind (${def.kind})`);
  }
  if (obj.apiVersion !== undefined && obj.apiVersion !== av) {
    throw errors.badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${av})`);
  }
  obj.apiVersion = av;
  obj.kind = def.kind;
  if (!obj.metadata || typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) obj.metadata = {};
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

export function encodeContinue(lastKey: string, rv: number): string {
  const t: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: lastKey };
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeContinue(token: string, prefix: string): string {
  let t: ContinueToken;
  try {
    t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
  } catch {
    throw errors.badRequest('continue key is not valid: illegal base64 data at input byte 0');
  }
  if (t.v !== 'meta.k8s.io/v1' || typeof t.start !== 'string') throw errors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (!t.start.startsWith(prefix)) throw errors.badRequest('continue key is not valid: the continue token does not belong to this list');
  return t.start;
}

export type { ApiError };
