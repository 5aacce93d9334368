/**
 * Controller references, as upstream's `ControllerRefManager`: informer indexes that find the
 * objects a controller owns (by its uid) and the orphans of a namespace without scanning, and
 * `claimObjects`, which adopts matching orphans and releases owned objects that stopped matching.
 */
import { isApiError } from '../../api/errors.js';
import { controllerRef } from '../../api/meta.js';
import type { KObject, OwnerReference } from '../../api/types.js';
import type { Informer } from '../../client/informer.js';

/** Index: uid of the object's controller. */
export const CONTROLLER_UID_INDEX = 'skiff/controller-uid';
/** Index: namespace of objects that have no controller. */
export const ORPHAN_INDEX = 'skiff/orphans';

const indexed = new WeakSet<object>();

/** Adds the controller-uid and orphan indexes to a shared informer (once). */
export function ensureOwnerIndexes<T extends KObject>(inf: Informer<T>): void {
  if (indexed.has(inf)) return;
  indexed.add(inf);
  inf.addIndex(CONTROLLER_UID_INDEX, (o) => {
    const ref = controllerRef(o);
    return ref?.uid ? [ref.uid] : [];
  });
  inf.addIndex(ORPHAN_INDEX, (o) => (controllerRef(o) ? [] : [o.metadata?.namespace ?? '']));
}

/** The objects controlled by `uid`, plus the orphans of `namespace` (every object a claim can take). */
export function claimCandidates<T extends KObject>(inf: Informer<T>, uid: string, namespace: string): T[] {
  return [...inf.byIndex(CONTROLLER_UID_INDEX, uid), ...inf.byIndex(ORPHAN_INDEX, namespace)];
}

/** The controller side of a claim. */
export interface Claimer<T> {
  uid: string;
  namespace: string;
  /** The controller is being deleted: it neither adopts nor releases. */
  deleting: boolean;
  match(obj: T): boolean;
  /** A live re-check before the first adoption (upstream's CanAdopt / RecheckDeletionTimestamp). */
  canAdopt(): Promise<void>;
  adopt(obj: T): Promise<void>;
  release(obj: T): Promise<void>;
}

/**
 * ClaimObject over a list: returns the objects the controller owns after adopting and releasing.
 * Errors (other than NotFound) are collected; the first is thrown after all objects were tried.
 */
export async function claimObjects<T extends KObject>(c: Claimer<T>, objs: readonly T[]): Promise<T[]> {
  const claimed: T[] = [];
  const errors: unknown[] = [];
  let adoptCheck: Promise<void> | undefined;
  for (const obj of objs) {
    const ref = controllerRef(obj);
    try {
      if (ref) {
        if (ref.uid !== c.uid) continue;
        if (c.match(obj)) {
          claimed.push(obj);
          continue;
        }
        if (c.deleting) continue;
        await c.release(obj);
        continue;
      }
      if (c.deleting || !c.match(obj) || obj.metadata?.deletionTimestamp) continue;
      if (c.namespace && c.namespace !== obj.metadata?.namespace) continue;
      adoptCheck ??= c.canAdopt();
      await adoptCheck;
      await c.adopt(obj);
      claimed.push(obj);
    } catch (err) {
      if (isApiError(err, 'NotFound')) continue;
      errors.push(err);
    }
  }
  if (errors.length) throw errors[0];
  return claimed;
}

/** The strategic merge patch that adopts an object (upstream's ownerRefControllerPatch). */
export function adoptPatch(owner: OwnerReference, uid: string): unknown {
  return { metadata: { ownerReferences: [owner], uid } };
}

/** The strategic merge patch that removes the controller's ownerReference (upstream's release). */
export function releasePatch(ownerUid: string, uid: string): unknown {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid } };
}

/** Release ignores objects that are gone or were recreated (NotFound / Invalid), as upstream does. */
export function ignoreReleaseError(err: unknown): void {
  if (isApiError(err, 'NotFound') || isApiError(err, 'Invalid')) return;
  throw err;
}
