/**
 * The `pod-template-hash` label, as upstream's `controller.ComputeHash`: FNV-32a over the pod
 * template (plus the deployment's collisionCount as 8 little-endian bytes), printed in decimal
 * and re-encoded with apimachinery's `rand.SafeEncodeString` alphabet (no vowels, no 0/1/3), so
 * ReplicaSet names look like upstream's (`web-7d9f8c5b6`). Upstream hashes go-spew's dump of the
 * Go struct; skiff hashes a canonical key-sorted JSON of the template instead, so the values are
 * stable and well distributed but not byte-identical to upstream's. Also `equalIgnoreHash`.
 */
import type { PodTemplateSpec } from '../../api/types.js';
import { tryParseQuantity } from '../../api/quantity.js';

/** The label and selector key (apps/v1 DefaultDeploymentUniqueLabelKey). */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over bytes, continuing from `hash`. */
export function fnv32a(bytes: Uint8Array, hash = FNV32_OFFSET): number {
  let h = hash >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** apimachinery rand's alphanums: consonants and digits that cannot spell words. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: each byte maps to SAFE_ALPHABET[byte % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += SAFE_ALPHABET[b % SAFE_ALPHABET.length];
  return out;
}

/** A canonical text of a JSON value: object keys sorted, null/undefined members dropped. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined && o[k] !== null)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** ComputeHash(template, collisionCount): the pod-template-hash value. */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number | null): string {
  let h = fnv32a(Buffer.from(canonicalJson(template ?? {}), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}

const QUANTITY_MAPS = new Set(['limits', 'requests', 'overhead', 'capacity', 'allocatable']);

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).every((k) => (v as Record<string, unknown>)[k] === undefined);
}

/**
 * apiequality.Semantic.DeepEqual over JSON: empty and missing maps/lists are equal, and resource
 * quantities compare by value (`1000m` equals `1`).
 */
export function semanticEqual(a: unknown, b: unknown, key = ''): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') {
    if (key !== 'sizeLimit' && key !== '@quantity') return false;
    const qa = tryParseQuantity(a);
    const qb = tryParseQuantity(b);
    return !!qa && !!qb && qa.cmp(qb) === 0;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const childKey = (k: string): string => (QUANTITY_MAPS.has(key) ? '@quantity' : k);
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) if (!semanticEqual(ao[k], bo[k], childKey(k))) return false;
  return true;
}

/** A copy of the template without the pod-template-hash label. */
export function withoutHashLabel(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const c = structuredClone(t ?? {});
  if (c.metadata?.labels) {
    delete c.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  }
  return c;
}

/** EqualIgnoreHash: two templates are semantically equal once the hash label is ignored. */
export function equalIgnoreHash(t1: PodTemplateSpec | undefined, t2: PodTemplateSpec | undefined): boolean {
  return semanticEqual(withoutHashLabel(t1), withoutHashLabel(t2));
}
