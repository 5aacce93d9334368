/**
 * List helpers of the strategic merge patch: element typing, merge-key lookups, partitioning and the
 * ordering rules (patch order first, then live order for server-only items) of
 * k8s.io/apimachinery/pkg/util/strategicpatch, with upstream's error texts.
 */
import { goError, goTypeName, goValue, isMap, rejected, type JsonMap } from './errors.js';

/** The key of the `$patch: replace|delete` directive. */
export const DIRECTIVE_MARKER = '$patch';

/** `ErrNoMergeKey`: a list item lacks the list's merge key. */
export function noMergeKey(m: JsonMap, key: string): Error {
  return goError(`map: ${goValue(m)} does not contain declared merge key: ${key}`);
}

/** `ErrBadArgType`: a value is not of the Go type the algorithm expects. */
export function badArgType(expected: 'map' | 'slice', actual: unknown): Error {
  const want = expected === 'map' ? 'map[string]interface {}' : '[]interface {}';
  return goError(`expected a ${want}, but received a ${goTypeName(actual)}`);
}

function goKind(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (isMap(v)) return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** Upstream `sliceElementType`: the common element kind of the lists ('map' for objects). */
export function elementKind(...lists: unknown[][]): string {
  let prev: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const kind = goKind(v);
      if (prev === undefined) {
        if (kind === 'nil') throw goError('runtime error: invalid memory address or nil pointer dereference');
        if (kind === 'slice') throw rejected('lists of lists are not supported');
        prev = kind;
      } else if (kind !== prev) {
        throw goError(`list element types are not identical: ${goValue(lists)}`);
      }
    }
  }
  if (prev === undefined) throw goError('no elements in any of the given slices');
  return prev;
}

/** Upstream `findMapInSliceBasedOnKeyValue`: the first item whose merge key equals `value`. */
export function findByKey(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isMap(item)) throw goError(`value for key ${i} is not a map`);
    if (Object.hasOwn(item, key) && item[key] === value) return i;
  }
  return -1;
}

/** Upstream `validateMergeKeyInLists`: every item is an object carrying the merge key. */
function validateMergeKeys(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isMap(item)) throw badArgType('map', item);
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
  }
}

/** Upstream `extractToDeleteItems`: splits off the `$patch: delete` items. */
export function splitDeleteItems(list: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of list) {
    if (!isMap(v)) throw badArgType('map', v);
    (v[DIRECTIVE_MARKER] === 'delete' ? del : keep).push(v);
  }
  return [keep, del];
}

/** The value `index()` compares: the merge key of an object item, or the item itself for scalars. */
function orderValue(item: unknown, mergeKey: string, maps: boolean): unknown {
  if (!maps) return item;
  return isMap(item) ? (item[mergeKey] ?? null) : null;
}

/** A first-occurrence position lookup over `list` (upstream `index()`), -1 when absent. */
function positions(list: unknown[], mergeKey: string, maps: boolean): (item: unknown) => number {
  const at = new Map<unknown, number>();
  list.forEach((item, i) => {
    const v = orderValue(item, mergeKey, maps);
    if (!at.has(v)) at.set(v, i);
  });
  return (item) => at.get(orderValue(item, mergeKey, maps)) ?? -1;
}

/** Upstream `normalizeSliceOrder`: sorts by position in `order` (Go's insertion sort), deletions last. */
function sortByOrder(toSort: unknown[], order: unknown[], mergeKey: string, maps: boolean): unknown[] {
  let items = toSort;
  let del: unknown[] = [];
  if (maps) {
    validateMergeKeys(mergeKey, toSort, order);
    [items, del] = splitDeleteItems(toSort);
  }
  const pos = positions(order, mergeKey, maps);
  const less = (a: unknown, b: unknown): boolean => {
    const ia = pos(a);
    const ib = pos(b);
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  };
  const out = [...items];
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && less(out[j], out[j - 1]); j--) [out[j], out[j - 1]] = [out[j - 1], out[j]];
  }
  return [...out, ...del];
}

/**
 * Upstream `mergeSortedSlice`: interleaves server-only items (`left`) into the patch items
 * (`right`), keeping both relative orders and using the live order where both are known.
 */
function mergeSorted(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, maps: boolean): unknown[] {
  const pos = positions(serverOrder, mergeKey, maps);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = pos(left[i]);
      const ri = pos(right[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Upstream `normalizeElementOrder`: the final order of a merged list. */
export function normalizeOrder(
  patchItems: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, maps: boolean,
): unknown[] {
  const p = sortByOrder(patchItems, patchOrder, mergeKey, maps);
  const s = sortByOrder(serverOnly, serverOrder, mergeKey, maps);
  return mergeSorted(s, p, serverOrder, mergeKey, maps);
}

/** Upstream `partitionPrimitivesByPresentInList` / `partitionMapsByPresentInList`. */
export function partition(merged: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  if (!mergeKey) {
    const present = new Set(by);
    for (const v of merged) (present.has(v) ? inPatch : serverOnly).push(v);
    return [inPatch, serverOnly];
  }
  for (const v of merged) {
    if (!isMap(v)) throw badArgType('map', v);
    if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
    (findByKey(by, mergeKey, v[mergeKey]) >= 0 ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

/** Union of two scalar lists without duplicates (first occurrence kept). */
export function dedupe(list: unknown[]): unknown[] {
  return [...new Set(list)];
}

/** Upstream `deleteFromSlice`: drops every scalar listed in `toDelete`. */
export function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const gone = new Set(toDelete);
  return current.filter((v) => !gone.has(v));
}

/**
 * Upstream `validatePatchWithSetOrderList`: the patch's items (deletions and directive items aside)
 * must appear in the `$setElementOrder` list, in the same relative order.
 */
export function validateSetOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? splitDeleteItems(patchList)[0] : patchList;
  let pi = 0;
  let si = 0;
  while (pi < items.length && si < order.length) {
    const item = items[pi];
    if (isMap(item) && Object.hasOwn(item, DIRECTIVE_MARKER)) {
      pi++;
      continue;
    }
    if (keyEqual(item, order[si], mergeKey)) pi++;
    si++;
  }
  if (pi < items.length && si >= order.length) {
    throw goError(`The order in patch list:\n${goValue(patchList)}\n doesn't match $setElementOrder list:\n${goValue(order)}\n`);
  }
}

function keyEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isMap(left)) throw badArgType('map', left);
  if (!isMap(right)) throw badArgType('map', right);
  if (!Object.hasOwn(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}
