/**
 * RFC 7386 JSON merge patch (`application/merge-patch+json`), following kube-apiserver (which uses
 * evanphx/json-patch v4 `MergePatch`): `null` deletes a key, objects merge recursively, anything
 * else replaces. Values placed where there was no object have their null-valued object keys
 * pruned (also inside arrays), as upstream does.
 */
import { badRequest } from '../../api/errors.js';
import { clone } from '../../api/meta.js';
import { isMap, type JsonMap } from './errors.js';

/** Drops null-valued keys from objects, recursing through objects and arrays (in place). */
function pruneNulls(v: unknown): void {
  if (Array.isArray(v)) {
    for (const item of v) pruneNulls(item);
  } else if (isMap(v)) {
    for (const [k, child] of Object.entries(v)) {
      if (child === null) delete v[k];
      else pruneNulls(child);
    }
  }
}

/** Merges `patch` into `doc` in place (both are private copies). */
function mergeInto(doc: JsonMap, patch: JsonMap): void {
  for (const [k, pv] of Object.entries(patch)) {
    if (pv === null) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (isMap(cur) && isMap(pv)) {
      mergeInto(cur, pv);
    } else {
      // evanphx prunes a placed value unless it replaces an object (a quirk kept for fidelity).
      if (!isMap(cur)) pruneNulls(pv);
      doc[k] = pv;
    }
  }
}

/**
 * Applies a JSON merge patch to `doc` and returns the result; neither input is modified. A patch
 * that is null or a scalar is upstream's 400 `Invalid JSON Patch`; an array patch replaces the
 * whole document (the caller rejects a non-object result, as upstream's decoder does).
 */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) {
    const out = clone(patch);
    pruneNulls(out);
    return out;
  }
  if (!isMap(patch)) throw badRequest('Invalid JSON Patch');
  const p = clone(patch);
  if (!isMap(doc)) {
    pruneNulls(p);
    return p;
  }
  const out = clone(doc);
  mergeInto(out, p);
  return out;
}
