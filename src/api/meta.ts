/**
 * Small helpers over object metadata used across components.
 */
import type { KObject, ObjectMeta, OwnerReference, StoredObject } from './types.js';

/** RFC 3339 with second precision, as metav1.Time marshals. */
export function rfc3339(d: Date | number = Date.now()): string {
  const t = typeof d === 'number' ? new Date(d) : d;
  return t.toISOString().slice(0, 19) + 'Z';
}

/** RFC 3339 with microseconds, as metav1.MicroTime marshals. */
export function rfc3339Micro(d: Date | number = Date.now()): string {
  const t = typeof d === 'number' ? new Date(d) : d;
  return t.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function meta(obj: KObject): ObjectMeta {
  if (!obj.metadata) obj.metadata = {};
  return obj.metadata;
}

export function nsName(obj: { metadata?: ObjectMeta }): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : (m.name ?? '');
}

export function controllerRef(obj: { metadata?: ObjectMeta }): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

export function isTerminating(obj: { metadata?: ObjectMeta }): boolean {
  return !!obj.metadata?.deletionTimestamp;
}

/** Deep copy of a JSON object (API objects are plain JSON). */
export function clone<T>(obj: T): T {
  return structuredClone(obj);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

export function ownerRefFor(owner: StoredObject, controller = true): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller,
    blockOwnerDeletion: true,
  };
}
