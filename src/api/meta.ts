/**
 * Small helpers over object metadata used across components.
 */
import type { KObject, ObjectMeta, OwnerReference, StoredObject } from './types.js';

/** RFC 3339 with second precision, as metav1.Time marshals. */
export function rfc3339(d: Date | number = Date.now()): string {
  const ms = typeof d === 'number' ? d : d.getTime();
  const sec = Math.floor(ms / 1000);
  // Many timestamps of one second are formatted in a row (a pod's conditions, its events).
  if (sec !== lastSecond) {
    lastSecond = sec;
    lastFormatted = new Date(sec * 1000).toISOString().slice(0, 19) + 'Z';
  }
  return lastFormatted;
}
let lastSecond = Number.NaN;
let lastFormatted = '';

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

/**
 * Deep copy of an API object. Plain objects and arrays are copied by a recursive walk (several
 * times faster than structuredClone for JSON data, and copies of whole pods are on every write's
 * path); anything else (a Buffer, a Date) goes through structuredClone.
 */
export function clone<T>(obj: T): T {
  return copyValue(obj) as T;
}

function copyValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const n = v.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = copyValue(v[i]);
    return out;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copyValue((v as Record<string, unknown>)[k]);
  return out;
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
