/**
 * Kubernetes strategic merge patch (`application/strategic-merge-patch+json`) as the API server
 * applies it (k8s.io/apimachinery/pkg/util/strategicpatch `StrategicMergeMapPatch`): maps merge,
 * `null` deletes, lists merge by merge key (or as sets of scalars) where the Go struct tags say
 * `patchStrategy:"merge"` and are replaced otherwise, and the directives `$patch`,
 * `$setElementOrder/<list>`, `$retainKeys` and `$deleteFromPrimitiveList/<list>` are honoured.
 */
import { badRequest } from '../../api/errors.js';
import { clone } from '../../api/meta.js';
import { goError, goValue, isMap, notAnObjectBody, type JsonMap } from './errors.js';
import {
  badArgType, dedupe, deleteFromSlice, DIRECTIVE_MARKER, elementKind, findByKey, noMergeKey, normalizeOrder, partition,
  validateSetOrder,
} from './lists.js';
import { applyMergePatch } from './merge.js';
import { isKnownType, kindName, lookupSlice, lookupStruct, otherStrategy, type Schema } from './tags.js';

const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

/** True for the keys that are strategic-merge directives rather than data. */
export function isDirectiveKey(k: string): boolean {
  return k === DIRECTIVE_MARKER || k === RETAIN_KEYS || k.startsWith(`${SET_ELEMENT_ORDER}/`) || k.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`);
}

/** Upstream `extractKey`: the list name after `$setElementOrder/` or `$deleteFromPrimitiveList/`. */
function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    throw badRequest(prefix === DELETE_FROM_PRIMITIVE_LIST ? 'invalid patch format of primitive list' : 'invalid patch format of setElementOrder list');
  }
  return s.slice(slash + 1);
}

/** Upstream `removeDirectives`: drops objects carrying `$patch` (returns keep=false for the value itself). */
function removeDirectives(v: unknown): [unknown, boolean] {
  if (isMap(v)) {
    if (Object.hasOwn(v, DIRECTIVE_MARKER)) return [undefined, false];
    for (const [k, child] of Object.entries(v)) {
      const [nv, keep] = removeDirectives(child);
      if (keep) v[k] = nv;
      else delete v[k];
    }
    return [v, true];
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const item of v) {
      const [nv, keep] = removeDirectives(item);
      if (keep) out.push(nv);
    }
    return [out, true];
  }
  return [v, true];
}

/** Upstream `discardNullValuesFromPatch`: drops null-valued object keys, recursively. */
function discardNulls(v: unknown): void {
  if (Array.isArray(v)) for (const item of v) discardNulls(item);
  else if (isMap(v)) {
    for (const [k, child] of Object.entries(v)) {
      if (child === null) delete v[k];
      else discardNulls(child);
    }
  }
}

/** Puts a patch value where there is nothing to merge with (upstream's "take the patch value"). */
function place(original: JsonMap, k: string, patchV: unknown): void {
  discardNulls(patchV);
  const [v, keep] = removeDirectives(patchV);
  if (keep) original[k] = v;
  else delete original[k];
}

/** Upstream `applyRetainKeysDirective`: clears the keys of `original` not listed in `$retainKeys`. */
function applyRetainKeys(original: JsonMap, patch: JsonMap): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw badRequest('invalid patch format of retainKeys');
  const retained = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!retained.has(k)) throw badRequest('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(original)) if (!retained.has(k)) delete original[k];
}

/**
 * Upstream `mergePatchIntoOriginal`: merges each list named by a `$setElementOrder/<list>` directive
 * and orders it as the directive says (server-only items interleaved by their live order).
 */
function mergeOrderedLists(original: JsonMap, patch: JsonMap, schema: Schema): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType('slice', order);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = Object.hasOwn(original, field);
    const foundPatch = Object.hasOwn(patch, field);
    let originalList: unknown[] = [];
    let patchList: unknown[] = [];
    if (foundOriginal) {
      const v = original[field];
      if (!Array.isArray(v)) throw badArgType('slice', v);
      originalList = v;
    }
    if (foundPatch) {
      const v = patch[field];
      if (!Array.isArray(v)) throw badArgType('slice', v);
      patchList = v;
    }
    const { sub, meta } = lookupSlice(schema, field);
    const strategy = otherStrategy(meta.strategies);
    validateSetOrder(patchList, order, meta.mergeKey);
    const liveOrder = [...originalList];
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList)[0] as unknown[];
    else if (foundOriginal && foundPatch) merged = mergeListField(originalList, patchList, sub, strategy, meta.mergeKey, false, liveOrder);
    else continue;
    if (liveOrder.length === 0 && patchList.length === 0) {
      // Upstream never sees an empty live list here (the typed object omits it); nothing to order.
      original[field] = merged;
      delete patch[field];
      continue;
    }
    const [patchItems, serverOnly] = partition(merged, order, meta.mergeKey);
    const maps = elementKind(liveOrder, patchList) === 'map';
    original[field] = normalizeOrder(patchItems, serverOnly, order, liveOrder, meta.mergeKey, maps);
    delete patch[field];
  }
}

/** Upstream `mergeSliceHandler`: merge lists (and deletion lists) merge; every other list is replaced. */
function mergeListField(
  original: unknown[], patch: unknown[], sub: Schema, strategy: string, mergeKey: string, isDeleteList: boolean, alias?: unknown[],
): unknown[] {
  return strategy === 'merge' || isDeleteList ? mergeSlice(original, patch, sub, mergeKey, isDeleteList, alias) : patch;
}

/**
 * The live list as Go's slice header sees it: deleting shifts items left inside `arr` (leaving a
 * stale copy at the end) and appending writes into the freed slots. Upstream later reads the live
 * list's original length of this array as "the live order", so the emulation keeps results equal.
 */
interface Backing {
  arr: unknown[];
  len: number;
}

/** Upstream `mergeSliceWithSpecialElements`: applies `$patch: delete|replace` items of a list patch. */
function specialElements(back: Backing, patch: JsonMap[], mergeKey: string): { original: unknown[]; plain: JsonMap[]; replace: boolean } {
  const plain: JsonMap[] = [];
  let replace = false;
  for (const v of patch) {
    if (!Object.hasOwn(v, DIRECTIVE_MARKER)) {
      plain.push(v);
      continue;
    }
    const directive = v[DIRECTIVE_MARKER];
    if (directive === 'delete') {
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
      for (;;) {
        const at = findByKey(back.arr.slice(0, back.len), mergeKey, v[mergeKey]);
        if (at < 0) break;
        back.arr.copyWithin(at, at + 1, back.len);
        back.len--;
      }
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw goError('merging lists cannot yet be specified in the patch');
    } else {
      throw goError(`unknown patch type: ${goValue(directive)} in map: ${goValue(v)}`);
    }
  }
  return replace ? { original: plain, plain: [], replace } : { original: back.arr.slice(0, back.len), plain, replace };
}

/**
 * Upstream `mergeSlice`: merges two lists of one element kind and restores upstream's order. When
 * `alias` is given it is a copy of `original` that receives Go's in-place edits (see Backing).
 */
function mergeSlice(original: unknown[], patch: unknown[], schema: Schema, mergeKey: string, isDeleteList: boolean, alias?: unknown[]): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let merged: unknown[];
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    merged = dedupe([...original, ...patch]);
  } else {
    if (!mergeKey) throw goError(`cannot merge lists without merge key for ${kindName(schema)}`);
    const back: Backing = { arr: alias ?? [...original], len: original.length };
    const special = specialElements(back, patch as JsonMap[], mergeKey);
    original = special.original;
    patch = special.plain;
    merged = [...original];
    for (const v of special.plain) {
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
      const at = findByKey(merged, mergeKey, v[mergeKey]);
      if (at >= 0) {
        merged[at] = mergeMap(merged[at] as JsonMap, v, schema);
      } else {
        merged.push(v);
        if (!special.replace && back.len < back.arr.length) back.arr[back.len++] = v;
      }
    }
  }
  const [patchItems, serverOnly] = partition(merged, patch, mergeKey);
  return normalizeOrder(patchItems, serverOnly, patch, original, mergeKey, kind === 'map');
}

/** Upstream `handleDirectiveInMergeMap`: `$patch` on an object. */
function mapDirective(directive: unknown, patch: JsonMap): JsonMap {
  if (directive === 'replace') {
    delete patch[DIRECTIVE_MARKER];
    return patch;
  }
  if (directive === 'delete') return {};
  throw goError(`unknown patch type: ${goValue(directive)} in map: ${goValue(patch)}`);
}

const shape = (v: unknown): 'map' | 'slice' | 'scalar' => (isMap(v) ? 'map' : Array.isArray(v) ? 'slice' : 'scalar');

/** Upstream `mergeMap` with the server-side options (parallel lists merged, unmatched nulls dropped). Works in place. */
function mergeMap(original: JsonMap, patch: JsonMap, schema: Schema): JsonMap {
  if (Object.hasOwn(patch, DIRECTIVE_MARKER)) return mapDirective(patch[DIRECTIVE_MARKER], patch);
  applyRetainKeys(original, patch);
  mergeOrderedLists(original, patch, schema);
  for (const key of Object.keys(patch)) {
    const patchV = patch[key];
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      const listKey = extractKey(key, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
      if (listKey) k = listKey;
    }
    if (patchV === null || patchV === undefined) {
      delete original[k];
      continue;
    }
    const cur = original[k];
    if (!Object.hasOwn(original, k) || (cur === null ? 'nil' : shape(cur)) !== shape(patchV)) {
      if (!isDeleteList) place(original, k, patchV);
      continue;
    }
    if (isMap(cur)) {
      const { sub, meta } = lookupStruct(schema, k);
      original[k] = otherStrategy(meta.strategies) === 'replace' ? patchV : mergeMap(cur, patchV as JsonMap, sub);
    } else if (Array.isArray(cur)) {
      const { sub, meta } = lookupSlice(schema, k);
      original[k] = mergeListField(cur, patchV as unknown[], sub, otherStrategy(meta.strategies), meta.mergeKey, isDeleteList);
    } else {
      original[k] = patchV;
    }
  }
  return original;
}

/**
 * Removes what a typed decode would not keep: null-valued keys and leftover directive keys (upstream
 * keeps them in the merged map and lets the conversion to the Go struct drop them). In place.
 */
function sanitize(v: unknown): unknown {
  if (Array.isArray(v)) v.forEach(sanitize);
  else if (isMap(v)) {
    for (const [k, child] of Object.entries(v)) {
      if (child === null || isDirectiveKey(k)) delete v[k];
      else sanitize(child);
    }
  }
  return v;
}

/**
 * Applies a strategic merge patch to `doc`, a `typeName` object (client-node model name, e.g.
 * `V1Deployment`), and returns the result; neither input is modified. A type the schema does not
 * know (a custom resource) gets JSON merge patch semantics instead. Failures are ApiErrors shaped as
 * kube-apiserver reports them: 400 for malformed directives, 422 for lists of lists, and a
 * reason-less 500 carrying the Go error text for the rest (e.g. a missing merge key).
 */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, typeName: string): unknown {
  if (patch === null || patch === undefined) return clone(doc);
  if (!isMap(patch)) throw notAnObjectBody(patch);
  if (!isKnownType(typeName)) return applyMergePatch(doc, patch);
  const original = isMap(doc) ? clone(doc) : {};
  return sanitize(mergeMap(original, clone(patch), { kind: 'object', name: typeName }));
}
