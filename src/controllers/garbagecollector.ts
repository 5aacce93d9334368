/**
 * Garbage collector over ownerReferences, as kube-controller-manager's:
 * - background: an object whose owners are all gone is deleted;
 * - foreground: an owner with the `foregroundDeletion` finalizer has its dependents deleted and
 *   keeps the finalizer until no dependent with blockOwnerDeletion is left;
 * - orphan: an owner with the `orphan` finalizer has itself removed from its dependents'
 *   ownerReferences, then the finalizer goes.
 * It keeps a graph of uids from shared informers and checks a missing owner with a live GET
 * before deleting anything (an informer may simply not have seen the owner yet).
 */
import { isApiError } from '../api/errors.js';
import type { KObject, OwnerReference } from '../api/types.js';
import type { Client } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import { apiVersion, type ResourceRef } from '../client/resources.js';
import { WorkQueue } from '../client/workqueue.js';
import { logger } from '../util/log.js';

const log = logger('garbage-collector');

interface GraphNode {
  uid: string;
  ref: ResourceRef;
  namespace: string;
  name: string;
  owners: OwnerReference[];
  deleting: boolean;
  finalizers: string[];
}

export class GarbageCollector {
  private nodes = new Map<string, GraphNode>();
  private dependents = new Map<string, Set<string>>();
  private queue = new WorkQueue<string>({ baseDelayMs: 100, maxDelayMs: 30_000 });
  private refsByKind = new Map<string, ResourceRef>();

  constructor(
    private client: Client,
    informers: Informer<KObject>[],
  ) {
    for (const inf of informers) {
      this.refsByKind.set(`${apiVersion(inf.ref)}/${inf.ref.kind}`, inf.ref);
      inf.on({
        add: (o) => this.upsert(inf.ref, o),
        update: (_old, o) => this.upsert(inf.ref, o),
        delete: (o) => this.remove(o),
      });
    }
  }

  run(): void {
    void this.queue.run(4, (uid) => this.sync(uid), (uid, err) => log.debug({ uid, err: (err as Error).message }, 'sync failed'));
  }

  stop(): void {
    this.queue.shutdown();
  }

  private upsert(ref: ResourceRef, o: KObject): void {
    const m = o.metadata ?? {};
    if (!m.uid) return;
    const prev = this.nodes.get(m.uid);
    const node: GraphNode = {
      uid: m.uid,
      ref,
      namespace: m.namespace ?? '',
      name: m.name ?? '',
      owners: m.ownerReferences ?? [],
      deleting: !!m.deletionTimestamp,
      finalizers: m.finalizers ?? [],
    };
    if (prev) for (const o2 of prev.owners) this.dependents.get(o2.uid)?.delete(m.uid);
    for (const o2 of node.owners) {
      let s = this.dependents.get(o2.uid);
      if (!s) this.dependents.set(o2.uid, (s = new Set()));
      s.add(m.uid);
    }
    this.nodes.set(m.uid, node);
    const gcFinalizer = node.deleting && (node.finalizers.includes('orphan') || node.finalizers.includes('foregroundDeletion'));
    const ownersChanged = !prev || JSON.stringify(prev.owners) !== JSON.stringify(node.owners);
    if (gcFinalizer || (node.owners.length && ownersChanged)) this.queue.add(m.uid);
  }

  private remove(o: KObject): void {
    const uid = o.metadata?.uid;
    if (!uid) return;
    const node = this.nodes.get(uid);
    this.nodes.delete(uid);
    for (const dep of this.dependents.get(uid) ?? []) this.queue.add(dep);
    if (node) {
      for (const owner of node.owners) {
        this.dependents.get(owner.uid)?.delete(uid);
        const on = this.nodes.get(owner.uid);
        if (on?.deleting && on.finalizers.includes('foregroundDeletion')) this.queue.add(owner.uid);
      }
    }
  }

  async sync(uid: string): Promise<void> {
    const node = this.nodes.get(uid);
    if (!node) return;
    if (node.deleting && node.finalizers.includes('orphan')) return this.orphan(node);
    if (node.deleting && node.finalizers.includes('foregroundDeletion')) return this.foreground(node);
    if (!node.owners.length || node.deleting) return;
    let absent = 0;
    let waitingForeground = false;
    const dangling: string[] = [];
    for (const owner of node.owners) {
      const on = this.nodes.get(owner.uid);
      if (on) {
        if (on.deleting && on.finalizers.includes('foregroundDeletion') && owner.blockOwnerDeletion) waitingForeground = true;
        continue;
      }
      if (await this.ownerExists(node, owner)) continue;
      absent++;
      dangling.push(owner.uid);
    }
    if (absent === node.owners.length) {
      await this.deleteObject(node, 'Background');
    } else if (waitingForeground && absent + 1 >= node.owners.length) {
      await this.deleteObject(node, 'Foreground');
    } else if (dangling.length) {
      await this.client.patch(node.ref, node.namespace, node.name, 'strategic', {
        metadata: { ownerReferences: dangling.map((u) => ({ $patch: 'delete', uid: u })) },
      });
    }
  }

  /** A live check, so a just-created owner the informer has not seen is not taken for gone. */
  private async ownerExists(node: GraphNode, owner: OwnerReference): Promise<boolean> {
    const ref = this.refsByKind.get(`${owner.apiVersion}/${owner.kind}`);
    if (!ref) return true; // an owner kind we do not know: leave the dependent alone
    const o = await this.client.tryGet(ref, ref.namespaced ? node.namespace : '', owner.name);
    return !!o && o.metadata?.uid === owner.uid;
  }

  private async deleteObject(node: GraphNode, policy: 'Background' | 'Foreground'): Promise<void> {
    try {
      await this.client.delete(node.ref, node.namespace, node.name, { propagationPolicy: policy, preconditions: { uid: node.uid } });
    } catch (err) {
      if (!isApiError(err, 'NotFound') && !isApiError(err, 'Conflict')) throw err;
    }
  }

  private async orphan(node: GraphNode): Promise<void> {
    for (const depUid of [...(this.dependents.get(node.uid) ?? [])]) {
      const dep = this.nodes.get(depUid);
      if (!dep) continue;
      try {
        await this.client.patch(dep.ref, dep.namespace, dep.name, 'strategic', {
          metadata: { ownerReferences: [{ $patch: 'delete', uid: node.uid }] },
        });
      } catch (err) {
        if (!isApiError(err, 'NotFound')) throw err;
      }
    }
    await this.removeFinalizer(node, 'orphan');
  }

  private async foreground(node: GraphNode): Promise<void> {
    let blocking = 0;
    for (const depUid of [...(this.dependents.get(node.uid) ?? [])]) {
      const dep = this.nodes.get(depUid);
      if (!dep) continue;
      const ref = dep.owners.find((o) => o.uid === node.uid);
      if (ref?.blockOwnerDeletion) blocking++;
      if (!dep.deleting) await this.deleteObject(dep, ref?.blockOwnerDeletion ? 'Foreground' : 'Background');
    }
    if (blocking === 0) await this.removeFinalizer(node, 'foregroundDeletion');
  }

  private async removeFinalizer(node: GraphNode, finalizer: string): Promise<void> {
    for (let i = 0; i < 10; i++) {
      const cur = await this.client.tryGet(node.ref, node.namespace, node.name);
      if (!cur || cur.metadata?.uid !== node.uid) return;
      const fins = (cur.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
      if (fins.length === (cur.metadata?.finalizers ?? []).length) return;
      try {
        await this.client.update(node.ref, node.namespace, { ...cur, metadata: { ...cur.metadata, finalizers: fins } });
        return;
      } catch (err) {
        if (isApiError(err, 'NotFound')) return;
        if (!isApiError(err, 'Conflict')) throw err;
      }
    }
  }
}
