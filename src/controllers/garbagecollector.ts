/**
 * Garbage collector over ownerReferences, after kube-controller-manager's
 * (pkg/controller/garbagecollector).
 *
 * A graph builder keeps one node per uid from shared informers: the object's identity
 * (apiVersion, kind, namespace, name, uid), its ownerReferences and its dependents. An owner that
 * is only referenced so far is a virtual node, verified against the API server. Two queues do the
 * work:
 * - attempt-to-delete gets a dependent whose owner went away or whose references look wrong, a
 *   virtual node to verify, and an owner in foreground deletion together with all its
 *   dependents. The item's live object is read, and each of its owner references is classified
 *   by a live lookup of the owner, uid compared: solid (it exists), dangling (absent, or another
 *   uid under that name) or waiting for dependents deletion (being deleted with the
 *   `foregroundDeletion` finalizer). An item with a solid owner stays and loses its dangling and
 *   waiting references (a patch); one with waiting owners and dependents of its own is deleted in
 *   the foreground; any other is deleted with the policy its own finalizers ask for (orphan,
 *   foreground), else in the background. An owner in foreground deletion loses the finalizer once
 *   no dependent with blockOwnerDeletion is left.
 * - attempt-to-orphan gets an owner being deleted with the `orphan` finalizer: its reference is
 *   removed from every dependent, then the finalizer.
 */
import { isApiError } from '../api/errors.js';
import { deepEqual } from '../api/meta.js';
import type { KObject, OwnerReference } from '../api/types.js';
import type { Client } from '../client/client.js';
import { EventRecorder } from '../client/events.js';
import type { Informer } from '../client/informer.js';
import { apiVersion, type ResourceRef } from '../client/resources.js';
import { WorkQueue } from '../client/workqueue.js';
import { logger } from '../util/log.js';
import { Lru } from '../util/lru.js';

const log = logger('garbage-collector');

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';
/** Upstream's absent-owner cache holds this many identities. */
const ABSENT_CACHE_SIZE = 500;

type Policy = 'Background' | 'Foreground' | 'Orphan';

/** An object's coordinates: the fields of an owner reference, plus the namespace looked in. */
export interface Identity {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  /** '' for a cluster-scoped object (or a virtual owner of a kind known to be cluster-scoped). */
  namespace: string;
}

interface GraphNode {
  identity: Identity;
  owners: OwnerReference[];
  /** uids of the nodes whose ownerReferences name this one. */
  dependents: Set<string>;
  /** Seen through an informer; a virtual node is an owner known only from references. */
  observed: boolean;
  beingDeleted: boolean;
  deletingDependents: boolean;
  /** Times re-queued while virtual (for the back-off). */
  requeues: number;
}

export interface GarbageCollectorOptions {
  /** Workers per queue (upstream's --concurrent-gc-syncs; 4 here). */
  workers?: number;
  /** Kinds owner references may name besides the watched ones: resolved and looked up, not watched. */
  resources?: ResourceRef[];
  /** How long run() waits for the informers' first lists before working anyway (upstream: initialSyncTimeout). */
  initialSyncTimeoutMs?: number;
}

/** A reference to a kind the API does not serve: retried (it may yet appear), never acted on. */
class RestMappingError extends Error {
  constructor(apiVersion: string, kind: string) {
    super(`unable to get REST mapping for ${kind}.${apiVersion}`);
  }
}

/** A cluster-scoped object naming a namespaced owner: invalid, and no retry will fix it. */
class NamespacedOwnerOfClusterScopedObjectError extends Error {
  constructor() {
    super('cluster-scoped objects cannot refer to namespaced owners');
  }
}

const idKey = (id: Identity): string => [id.apiVersion, id.kind, id.namespace, id.name, id.uid].join('\u0000');
/** Order of alternate identities, as upstream's referenceLessThan: kind, apiVersion, namespace, name, uid. */
const sortKey = (id: Identity): string => [id.kind, id.apiVersion, id.namespace, id.name, id.uid].join('\u0000');
const showIdentity = (id: Identity): string => `[${id.apiVersion}/${id.kind}, namespace: ${id.namespace}, name: ${id.name}, uid: ${id.uid}]`;

function matchesCoordinates(ref: OwnerReference, id: Identity): boolean {
  return ref.uid === id.uid && ref.name === id.name && ref.kind === id.kind && ref.apiVersion === id.apiVersion;
}

function hasFinalizer(o: KObject | undefined, f: string): boolean {
  return !!o?.metadata?.finalizers?.includes(f);
}

/** The object is (now) being deleted with finalizer `f`, and was not before. */
function deletionStartsWith(old: KObject | undefined, cur: KObject, f: string): boolean {
  if (!cur.metadata?.deletionTimestamp || !hasFinalizer(cur, f)) return false;
  return !old || !old.metadata?.deletionTimestamp || !hasFinalizer(old, f);
}

/** References added, removed and changed between two ownerReferences lists, matched by uid. */
function referencesDiff(old: OwnerReference[], cur: OwnerReference[]) {
  const byUid = new Map(old.map((r) => [r.uid, r]));
  const added: OwnerReference[] = [];
  const changed: { old: OwnerReference; cur: OwnerReference }[] = [];
  for (const r of cur) {
    const o = byUid.get(r.uid);
    if (!o) added.push(r);
    else {
      if (!deepEqual(o, r)) changed.push({ old: o, cur: r });
      byUid.delete(r.uid);
    }
  }
  return { added, removed: [...byUid.values()], changed };
}

/** A small LRU set of identity keys. */
export class GarbageCollector {
  private nodes = new Map<string, GraphNode>();
  private deleteQueue = new WorkQueue<string>({ baseDelayMs: 100, maxDelayMs: 30_000 });
  private orphanQueue = new WorkQueue<string>({ baseDelayMs: 100, maxDelayMs: 30_000 });
  private refsByKind = new Map<string, ResourceRef>();
  /** Owners verified absent (upstream's absentOwnerCache): by identity, least recently used out. */
  private absent = new Lru<true>(ABSENT_CACHE_SIZE);
  private recorder: EventRecorder;
  private stopped = false;
  private syncTimer?: NodeJS.Timeout;
  private workers: Promise<unknown>[] = [];

  constructor(
    private client: Client,
    private informers: Informer<KObject>[],
    private opts: GarbageCollectorOptions = {},
  ) {
    this.recorder = new EventRecorder(client, 'garbage-collector-controller');
    for (const ref of opts.resources ?? []) this.refsByKind.set(`${apiVersion(ref)}/${ref.kind}`, ref);
    for (const inf of informers) {
      this.refsByKind.set(`${apiVersion(inf.ref)}/${inf.ref.kind}`, inf.ref);
      inf.on({
        add: (o) => this.observe(inf.ref, o),
        update: (old, o) => this.observe(inf.ref, o, old),
        delete: (o) => this.observeDelete(inf.ref, o),
      });
    }
  }

  /** Starts the workers once every informer has listed (or the initial sync timeout passed), as upstream. */
  run(): void {
    const workers = this.opts.workers ?? 4;
    let started = false;
    const start = () => {
      if (started || this.stopped) return;
      started = true;
      clearTimeout(this.syncTimer);
      const onError = (uid: string, err: unknown) => log.debug({ uid, err: (err as Error).message }, 'sync failed');
      this.workers.push(
        this.deleteQueue.run(workers, (uid) => this.attemptToDelete(uid), onError, Infinity),
        this.orphanQueue.run(workers, (uid) => this.attemptToOrphan(uid), onError, Infinity),
      );
    };
    this.syncTimer = setTimeout(() => {
      log.info('not all informers synced; collecting garbage anyway');
      start();
    }, this.opts.initialSyncTimeoutMs ?? 30_000);
    this.syncTimer.unref();
    void Promise.all(this.informers.map((i) => i.waitForSync())).then(start);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.syncTimer);
    this.deleteQueue.shutdown();
    this.orphanQueue.shutdown();
  }

  /** Resolves once the workers have finished after stop(), and recorded events are written. */
  async settled(): Promise<void> {
    await Promise.all(this.workers);
    await this.recorder.flush();
  }

  // ---- graph builder -------------------------------------------------------------------

  private resolve(apiVer: string, kind: string): ResourceRef | undefined {
    return this.refsByKind.get(`${apiVer}/${kind}`);
  }

  private identityOf(ref: ResourceRef, o: KObject): Identity {
    const m = o.metadata ?? {};
    return { apiVersion: apiVersion(ref), kind: ref.kind, name: m.name ?? '', uid: m.uid ?? '', namespace: m.namespace ?? '' };
  }

  private observe(ref: ResourceRef, obj: KObject, old?: KObject): void {
    const m = obj.metadata ?? {};
    if (!m.uid) return;
    const identity = this.identityOf(ref, obj);
    const owners = m.ownerReferences ?? [];
    let node = this.nodes.get(m.uid);
    if (node && !node.observed) {
      // A virtual node is seen for real: its dependents that named it by other coordinates
      // (another namespace, name or kind) are checked again.
      if (idKey(node.identity) !== idKey(identity)) {
        const { nonmatching } = this.partitionDependents(node, identity);
        for (const dep of nonmatching) {
          if (identity.namespace && dep.identity.namespace !== identity.namespace) this.reportInvalidNamespaceOwnerRef(dep, identity.uid);
          this.deleteQueue.add(dep.identity.uid);
        }
        node.identity = identity;
      }
      node.observed = true;
    }
    if (!node) {
      node = {
        identity,
        owners,
        dependents: new Set(),
        observed: true,
        beingDeleted: !!m.deletionTimestamp,
        deletingDependents: !!m.deletionTimestamp && hasFinalizer(obj, FOREGROUND),
        requeues: 0,
      };
      this.nodes.set(m.uid, node);
      this.addDependentToOwners(node, owners);
    } else {
      const { added, removed, changed } = referencesDiff(node.owners, owners);
      if (added.length || removed.length || changed.length) {
        this.enqueueUnblockedOwners(removed, changed);
        node.owners = owners;
        this.addDependentToOwners(node, added);
        this.removeDependentFromOwners(node, removed);
      }
      if (m.deletionTimestamp) node.beingDeleted = true;
    }
    this.processTransitions(old, obj, node);
  }

  private observeDelete(ref: ResourceRef, obj: KObject): void {
    const uid = obj.metadata?.uid;
    const node = uid ? this.nodes.get(uid) : undefined;
    if (node) this.removeNode(node, this.identityOf(ref, obj));
  }

  /** Links `node` under each owner, making virtual nodes (to verify) for owners not in the graph. */
  private addDependentToOwners(node: GraphNode, refs: OwnerReference[]): void {
    let suspicious = false;
    for (const ref of refs) {
      const owner = this.nodes.get(ref.uid);
      if (!owner) {
        const kind = this.resolve(ref.apiVersion, ref.kind);
        const virtual: GraphNode = {
          identity: {
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            name: ref.name,
            uid: ref.uid,
            namespace: kind && !kind.namespaced ? '' : node.identity.namespace,
          },
          owners: [],
          dependents: new Set([node.identity.uid]),
          observed: false,
          beingDeleted: false,
          deletingDependents: false,
          requeues: 0,
        };
        this.nodes.set(ref.uid, virtual);
        this.deleteQueue.add(ref.uid);
        continue;
      }
      owner.dependents.add(node.identity.uid);
      if (suspicious) continue;
      const ownerNs = owner.identity.namespace;
      if (ownerNs && ownerNs !== node.identity.namespace) {
        // A namespaced owner in another namespace: the reference cannot be satisfied.
        if (owner.observed) this.reportInvalidNamespaceOwnerRef(node, ref.uid);
        suspicious = true;
      } else if (!matchesCoordinates(ref, owner.identity)) {
        suspicious = true;
      } else if (!ownerNs && !owner.observed && node.identity.namespace) {
        // A virtual owner first named by a cluster-scoped object: maybe a namespaced kind.
        const kind = this.resolve(ref.apiVersion, ref.kind);
        if (!kind || kind.namespaced) suspicious = true;
      }
    }
    if (suspicious) this.deleteQueue.add(node.identity.uid);
  }

  private removeDependentFromOwners(node: GraphNode, refs: OwnerReference[]): void {
    for (const ref of refs) this.nodes.get(ref.uid)?.dependents.delete(node.identity.uid);
  }

  /** A blocking reference removed or made non-blocking may let an owner in foreground deletion go. */
  private enqueueUnblockedOwners(removed: OwnerReference[], changed: { old: OwnerReference; cur: OwnerReference }[]): void {
    for (const r of removed) if (r.blockOwnerDeletion === true && this.nodes.has(r.uid)) this.deleteQueue.add(r.uid);
    for (const c of changed) {
      if (c.old.blockOwnerDeletion === true && c.cur.blockOwnerDeletion !== true && this.nodes.has(c.cur.uid)) this.deleteQueue.add(c.cur.uid);
    }
  }

  private processTransitions(old: KObject | undefined, obj: KObject, node: GraphNode): void {
    if (deletionStartsWith(old, obj, ORPHAN)) {
      this.orphanQueue.add(node.identity.uid);
      return;
    }
    if (deletionStartsWith(old, obj, FOREGROUND)) {
      node.deletingDependents = true;
      for (const dep of node.dependents) this.deleteQueue.add(dep);
      this.deleteQueue.add(node.identity.uid);
    }
  }

  /** Drops a node that is gone: its dependents are checked, and owners waiting on it told. */
  private removeNode(node: GraphNode, identity: Identity): void {
    this.nodes.delete(node.identity.uid);
    this.removeDependentFromOwners(node, node.owners);
    if (node.dependents.size) this.absent.set(idKey(identity), true);
    for (const dep of node.dependents) this.deleteQueue.add(dep);
    for (const ref of node.owners) {
      if (this.nodes.get(ref.uid)?.deletingDependents) this.deleteQueue.add(ref.uid);
    }
  }

  /**
   * The API server says `identity` does not exist (upstream's virtual delete event). A virtual
   * node some dependents name by other coordinates stays, under one of those; an observed node is
   * only dropped when the identity is its own.
   */
  private virtualDelete(identity: Identity): void {
    const node = this.nodes.get(identity.uid);
    if (!node) return;
    const same = idKey(node.identity) === idKey(identity);
    if (!node.observed) {
      const { matching, nonmatching } = this.partitionDependents(node, identity);
      if (nonmatching.length) {
        if (matching.length) {
          this.absent.set(idKey(identity), true);
          for (const dep of matching) this.deleteQueue.add(dep.identity.uid);
        }
        if (same) {
          const alt = this.alternateIdentity(nonmatching, identity);
          if (alt) {
            node.identity = alt;
            this.requeueLater(node);
          }
        }
        return;
      }
    } else if (!same) {
      const { matching } = this.partitionDependents(node, identity);
      if (matching.length) {
        this.absent.set(idKey(identity), true);
        for (const dep of matching) this.deleteQueue.add(dep.identity.uid);
      }
      return;
    }
    this.removeNode(node, identity);
  }

  /** Dependents whose reference to the owner matches `id`, and those that name it otherwise. */
  private partitionDependents(owner: GraphNode, id: Identity): { matching: GraphNode[]; nonmatching: GraphNode[] } {
    const matching: GraphNode[] = [];
    const nonmatching: GraphNode[] = [];
    for (const uid of owner.dependents) {
      const dep = this.nodes.get(uid);
      if (!dep) continue;
      let match = false;
      let mismatch = false;
      if (id.namespace && dep.identity.namespace !== id.namespace) mismatch = true;
      else {
        for (const ref of dep.owners) {
          if (ref.uid !== id.uid) continue;
          if (matchesCoordinates(ref, id)) match = true;
          else mismatch = true;
        }
      }
      if (match) matching.push(dep);
      if (mismatch) nonmatching.push(dep);
    }
    return { matching, nonmatching };
  }

  /** The next identity (in upstream's order, wrapping) by which `deps` name the absent owner's uid. */
  private alternateIdentity(deps: GraphNode[], absent: Identity): Identity | undefined {
    const seen = new Set([idKey(absent)]);
    const alts: Identity[] = [];
    for (const dep of deps) {
      for (const ref of dep.owners) {
        if (ref.uid !== absent.uid) continue;
        if (matchesCoordinates(ref, absent) && (!absent.namespace || absent.namespace === dep.identity.namespace)) continue;
        const kind = this.resolve(ref.apiVersion, ref.kind);
        const clusterScoped = (kind && !kind.namespaced) || (!absent.namespace && ref.apiVersion === absent.apiVersion && ref.kind === absent.kind);
        const id: Identity = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace: clusterScoped ? '' : dep.identity.namespace };
        if (seen.has(idKey(id))) continue;
        seen.add(idKey(id));
        alts.push(id);
      }
    }
    alts.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    return alts.find((a) => sortKey(a) > sortKey(absent)) ?? alts[0];
  }

  private requeueLater(node: GraphNode): void {
    const ms = Math.min(100 * 2 ** node.requeues, 30_000);
    node.requeues++;
    this.deleteQueue.addAfter(node.identity.uid, ms);
  }

  private reportInvalidNamespaceOwnerRef(dep: GraphNode, ownerUid: string): void {
    const ref = dep.owners.find((r) => r.uid === ownerUid);
    if (!ref) return;
    const d = dep.identity;
    const invalid: Identity = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace: d.namespace };
    this.recorder.event(
      { apiVersion: d.apiVersion, kind: d.kind, metadata: { name: d.name, namespace: d.namespace, uid: d.uid } },
      'Warning',
      'OwnerRefInvalidNamespace',
      `ownerRef ${showIdentity(invalid)} does not exist in namespace "${d.namespace}"`,
    );
  }

  // ---- attempt to delete -----------------------------------------------------------------

  private async attemptToDelete(uid: string): Promise<void> {
    const node = this.nodes.get(uid);
    if (!node) return;
    try {
      const gone = await this.attemptToDeleteItem(node, { ...node.identity });
      if (gone) return;
    } catch (err) {
      if (err instanceof NamespacedOwnerOfClusterScopedObjectError) {
        log.info({ item: showIdentity(node.identity) }, err.message);
        return;
      }
      throw err;
    }
    // A virtual node whose object exists is checked again until an informer reports it
    // (upstream issue 56121: one added and removed while a watch was down would stay forever).
    if (!node.observed && this.nodes.get(uid) === node) this.requeueLater(node);
  }

  /** Upstream's attemptToDeleteItem. True when the item turned out to be gone. */
  private async attemptToDeleteItem(node: GraphNode, identity: Identity): Promise<boolean> {
    // Being deleted is a one-way trip: its dependents are seen to when it is gone.
    if (node.beingDeleted && !node.deletingDependents) return false;
    const ref = this.resolve(identity.apiVersion, identity.kind);
    if (!ref) throw new RestMappingError(identity.apiVersion, identity.kind);
    // A virtual owner of a namespaced kind named by a cluster-scoped object: nowhere to look.
    if (ref.namespaced && !identity.namespace) throw new NamespacedOwnerOfClusterScopedObjectError();
    const latest = await this.client.tryGet(ref, ref.namespaced ? identity.namespace : '', identity.name);
    if (!latest || latest.metadata?.uid !== identity.uid) {
      this.virtualDelete(identity);
      return true;
    }
    if (node.deletingDependents) {
      await this.processDeletingDependents(node, identity);
      return false;
    }
    const owners = latest.metadata?.ownerReferences ?? [];
    if (!owners.length) return false;
    const { solid, dangling, waiting } = await this.classifyReferences(identity, owners);
    if (solid.length) {
      if (!dangling.length && !waiting.length) return false;
      // Waiting references go too, or their owners would wait for this dependent forever.
      const uids = [...dangling, ...waiting].map((r) => r.uid);
      await this.patchOwnerReferences(ref, identity, uids.map((u) => ({ $patch: 'delete', uid: u })));
      return false;
    }
    let policy: Policy;
    if (waiting.length && node.dependents.size) {
      for (const depUid of node.dependents) {
        if (!this.nodes.get(depUid)?.deletingDependents) continue;
        // An owner and a dependent both waiting on dependents: maybe a cycle. This item stops
        // blocking its owners before it is deleted in the foreground.
        const unblock = node.owners.filter((o) => o.blockOwnerDeletion === true).map((o) => ({ ...o, blockOwnerDeletion: false }));
        if (unblock.length) await this.patchOwnerReferences(ref, identity, unblock);
        break;
      }
      policy = 'Foreground';
    } else if (hasFinalizer(latest, ORPHAN)) policy = 'Orphan';
    else if (hasFinalizer(latest, FOREGROUND)) policy = 'Foreground';
    else policy = 'Background';
    try {
      await this.deleteObject(ref, identity, latest, policy);
    } catch (err) {
      if (!isApiError(err, 'NotFound')) throw err;
      this.virtualDelete(identity);
      return true;
    }
    return false;
  }

  private async classifyReferences(item: Identity, refs: OwnerReference[]) {
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = await this.ownerOf(ref, item);
      if (!owner) dangling.push(ref);
      else if (owner.metadata?.deletionTimestamp && hasFinalizer(owner, FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    return { solid, dangling, waiting };
  }

  /** The live owner `ref` names (upstream's isDangling), or undefined when absent or another uid. */
  private async ownerOf(ref: OwnerReference, item: Identity): Promise<KObject | undefined> {
    const coords: Identity = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace: '' };
    if (this.absent.get(idKey(coords)) || this.absent.get(idKey({ ...coords, namespace: item.namespace }))) return undefined;
    const kind = this.resolve(ref.apiVersion, ref.kind);
    if (!kind) throw new RestMappingError(ref.apiVersion, ref.kind);
    if (kind.namespaced && !item.namespace) throw new NamespacedOwnerOfClusterScopedObjectError();
    const key = kind.namespaced ? { ...coords, namespace: item.namespace } : coords;
    const owner = await this.client.tryGet(kind, key.namespace, ref.name);
    if (!owner || owner.metadata?.uid !== ref.uid) {
      this.absent.set(idKey(key), true);
      return undefined;
    }
    return owner;
  }

  /**
   * Deletes with uid and resourceVersion preconditions; when only the resourceVersion moved and
   * the ownerReferences the decision was made on are unchanged, once more with the uid alone.
   */
  private async deleteObject(ref: ResourceRef, id: Identity, latest: KObject, policy: Policy): Promise<void> {
    const ns = ref.namespaced ? id.namespace : '';
    const rv = latest.metadata?.resourceVersion;
    try {
      await this.client.delete(ref, ns, id.name, { propagationPolicy: policy, preconditions: { uid: id.uid, ...(rv ? { resourceVersion: rv } : {}) } });
    } catch (err) {
      if (!rv || !isApiError(err, 'Conflict')) throw err;
      const live = await this.client.get(ref, ns, id.name);
      const lm = live.metadata ?? {};
      if (lm.uid !== id.uid || lm.resourceVersion === rv || !deepEqual(lm.ownerReferences ?? [], latest.metadata?.ownerReferences ?? [])) throw err;
      await this.client.delete(ref, ns, id.name, { propagationPolicy: policy, preconditions: { uid: id.uid } });
    }
  }

  /** A strategic merge patch of the item's ownerReferences (merge key uid), the item's uid as precondition. */
  private async patchOwnerReferences(ref: ResourceRef, id: Identity, entries: Record<string, unknown>[]): Promise<void> {
    await this.client.patch(ref, ref.namespaced ? id.namespace : '', id.name, 'strategic', { metadata: { uid: id.uid, ownerReferences: entries } });
  }

  /** Upstream's processDeletingDependentsItem: blocking dependents first, then the finalizer goes. */
  private async processDeletingDependents(node: GraphNode, identity: Identity): Promise<void> {
    const blocking: GraphNode[] = [];
    for (const uid of node.dependents) {
      const dep = this.nodes.get(uid);
      if (dep?.owners.some((o) => o.uid === identity.uid && o.blockOwnerDeletion === true)) blocking.push(dep);
    }
    if (!blocking.length) return this.removeFinalizer(identity, FOREGROUND);
    for (const dep of blocking) if (!dep.deletingDependents) this.deleteQueue.add(dep.identity.uid);
  }

  // ---- attempt to orphan -----------------------------------------------------------------

  private async attemptToOrphan(uid: string): Promise<void> {
    const node = this.nodes.get(uid);
    if (!node) return;
    const identity = { ...node.identity };
    const failures: string[] = [];
    await Promise.all(
      [...node.dependents].map(async (depUid) => {
        const dep = this.nodes.get(depUid);
        const ref = dep && this.resolve(dep.identity.apiVersion, dep.identity.kind);
        if (!dep || !ref) return;
        try {
          await this.patchOwnerReferences(ref, dep.identity, [{ $patch: 'delete', uid: identity.uid }]);
        } catch (err) {
          if (!isApiError(err, 'NotFound')) failures.push(`${showIdentity(dep.identity)}: ${(err as Error).message}`);
        }
      }),
    );
    if (failures.length) throw new Error(`failed to orphan dependents of ${showIdentity(identity)}: ${failures.join('; ')}`);
    await this.removeFinalizer(identity, ORPHAN);
  }

  /** Removes `finalizer` with a merge patch pinned to the object's uid and resourceVersion. */
  private async removeFinalizer(id: Identity, finalizer: string): Promise<void> {
    const ref = this.resolve(id.apiVersion, id.kind);
    if (!ref) throw new RestMappingError(id.apiVersion, id.kind);
    const ns = ref.namespaced ? id.namespace : '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const cur = await this.client.tryGet(ref, ns, id.name);
      if (!cur || cur.metadata?.uid !== id.uid) return;
      const fins = cur.metadata?.finalizers ?? [];
      if (!fins.includes(finalizer)) return;
      const rest = fins.filter((f) => f !== finalizer);
      try {
        await this.client.patch(ref, ns, id.name, 'merge', {
          metadata: { uid: id.uid, resourceVersion: cur.metadata?.resourceVersion, finalizers: rest.length ? rest : null },
        });
        return;
      } catch (err) {
        if (isApiError(err, 'NotFound')) return;
        if (!isApiError(err, 'Conflict')) throw err;
      }
    }
    throw new Error(`removing the ${finalizer} finalizer of ${showIdentity(id)}: too many conflicts; will retry`);
  }
}
