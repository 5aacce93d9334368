/**
 * RFC 6902 JSON patch (`application/json-patch+json`) with kube-apiserver's semantics. Upstream
 * applies these with evanphx/json-patch v4, whose rules differ from a strict RFC reading in a few
 * places users rely on (a `replace` of a missing object key adds it, negative array indices count
 * from the end, `test` of a missing key against null passes); those resolution rules are reproduced
 * here, while the edits themselves and value equality are done by `fast-json-patch`.
 */
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { ApiError, badRequest } from '../../api/errors.js';
import { clone } from '../../api/meta.js';
import { isMap, jsonKind, rejected, type JsonMap } from './errors.js';

/** Upstream's cap on the number of operations in one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

type Container = JsonMap | unknown[];

/** Where an operation's path lands: the container holding the last token, and that token. */
interface Target {
  container: Container;
  key: string;
  /** Concrete pointer tokens (array indices normalised) of the container. */
  tokens: string[];
}

/** An operation failure, carrying evanphx/json-patch's error text. */
class OpError extends Error {}

const decodeToken = (t: string): string => t.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
const pointer = (tokens: string[]): string => tokens.map((t) => '/' + jsonpatch.escapePathComponent(t)).join('');
const invalidIndex = (idx: number): string => `Unable to access invalid index: ${idx}: invalid index referenced`;

/** Parses an array index as Go's strconv.Atoi does and bounds-checks it (negative counts from the end). */
function arrayIndex(key: string, size: number): number | string {
  if (!/^[+-]?\d+$/.test(key)) return `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
  const idx = Number(key);
  if (idx < 0) return idx < -size ? invalidIndex(idx) : idx + size;
  return idx >= size ? invalidIndex(idx) : idx;
}

/** evanphx `findObject`: walks every token but the last; undefined when a step is missing or not a container. */
function findObject(doc: unknown, path: string): Target | undefined {
  const split = path.split('/');
  if (split.length < 2 || (!isMap(doc) && !Array.isArray(doc))) return undefined;
  let cur: Container = doc;
  const tokens: string[] = [];
  for (const raw of split.slice(1, -1)) {
    const part = decodeToken(raw);
    let next: unknown;
    let token = part;
    if (Array.isArray(cur)) {
      const idx = arrayIndex(part, cur.length);
      if (typeof idx === 'string') return undefined;
      next = cur[idx];
      token = String(idx);
    } else {
      next = Object.hasOwn(cur, part) ? cur[part] : undefined;
    }
    if (next === undefined || next === null || typeof next !== 'object') return undefined;
    cur = next as Container;
    tokens.push(token);
  }
  return { container: cur, key: decodeToken(split[split.length - 1]!), tokens };
}

/** Reads the target value: undefined for a missing object key, an error text for a bad array index. */
function getAt(t: Target): { value: unknown; token: string } | string {
  if (Array.isArray(t.container)) {
    const idx = arrayIndex(t.key, t.container.length);
    return typeof idx === 'string' ? idx : { value: t.container[idx], token: String(idx) };
  }
  return { value: Object.hasOwn(t.container, t.key) ? t.container[t.key] : undefined, token: t.key };
}

function stringField(op: JsonMap, name: 'path' | 'from'): string | undefined {
  const v = op[name];
  return typeof v === 'string' ? v : undefined;
}

function missingField(op: JsonMap, name: 'path' | 'from'): string {
  const v = op[name];
  if (v === undefined || v === null) return name === 'path' ? 'operation missing path field: missing value' : 'operation, missing from field: missing value';
  return `json: cannot unmarshal ${jsonKind(v)} into Go value of type string`;
}

function apply(doc: unknown, op: Operation): unknown {
  return jsonpatch.applyOperation(doc, op, false, true).newDocument;
}

/** evanphx `add`: the parent must exist; arrays take `-`, 0..len, or a negative index. */
function addAt(doc: unknown, t: Target, value: unknown, path: string, wrap: (e: string) => string): unknown {
  if (Array.isArray(t.container)) {
    let idx: number | string;
    if (t.key === '-') idx = t.container.length;
    else if (!/^[+-]?\d+$/.test(t.key)) {
      idx = `value was not a proper array index: '${t.key}': strconv.Atoi: parsing ${JSON.stringify(t.key)}: invalid syntax`;
    } else idx = arrayIndex(t.key, t.container.length + 1);
    if (typeof idx === 'string') throw new OpError(wrap(idx));
    return apply(doc, { op: 'add', path: pointer([...t.tokens, String(idx)]), value });
  }
  return apply(doc, { op: 'add', path: pointer([...t.tokens, t.key]), value });
}

/** evanphx `remove` on a located target; returns the new document and the removed value. */
function removeAt(doc: unknown, t: Target, wrap: (e: string) => string): { doc: unknown; removed: unknown } {
  if (Array.isArray(t.container)) {
    const idx = arrayIndex(t.key, t.container.length);
    if (typeof idx === 'string') throw new OpError(wrap(idx));
    const removed = t.container[idx];
    return { doc: apply(doc, { op: 'remove', path: pointer([...t.tokens, String(idx)]) }), removed };
  }
  if (!Object.hasOwn(t.container, t.key)) throw new OpError(wrap(`Unable to remove nonexistent key: ${t.key}: missing value`));
  const removed = t.container[t.key];
  return { doc: apply(doc, { op: 'remove', path: pointer([...t.tokens, t.key]) }), removed };
}

function applyOne(doc: unknown, op: JsonMap): unknown {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  const path = stringField(op, 'path');
  const hasValue = Object.hasOwn(op, 'value') && op.value !== undefined;
  const value = hasValue ? clone(op.value) : null;
  switch (kind) {
    case 'add': {
      if (path === undefined) throw new OpError('add operation failed to decode path: missing value');
      const t = findObject(doc, path);
      if (!t) throw new OpError(`add operation does not apply: doc is missing path: "${path}": missing value`);
      return addAt(doc, t, value, path, (e) => `error in add for path: '${path}': ${e}`);
    }
    case 'remove': {
      if (path === undefined) throw new OpError('remove operation failed to decode path: missing value');
      const t = findObject(doc, path);
      if (!t) throw new OpError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
      return removeAt(doc, t, (e) => `error in remove for path: '${path}': ${e}`).doc;
    }
    case 'replace': {
      if (path === undefined) throw new OpError(`replace operation failed to decode path: ${missingField(op, 'path')}`);
      if (path === '') {
        if (!isMap(value) && !Array.isArray(value)) throw new OpError('replace operation value must be object or array: %!w(<nil>)');
        return value;
      }
      const t = findObject(doc, path);
      if (!t) throw new OpError(`replace operation does not apply: doc is missing path: ${path}: missing value`);
      const got = getAt(t);
      if (typeof got === 'string') throw new OpError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
      return apply(doc, { op: 'replace', path: pointer([...t.tokens, got.token]), value });
    }
    case 'move': {
      const from = stringField(op, 'from');
      if (from === undefined) throw new OpError(`move operation failed to decode from: ${missingField(op, 'from')}`);
      const src = findObject(doc, from);
      if (!src) throw new OpError(`move operation does not apply: doc is missing from path: ${from}: missing value`);
      const got = getAt(src);
      if (typeof got === 'string') throw new OpError(`error in move for path: '${src.key}': ${got}`);
      const { doc: without, removed } = removeAt(doc, src, (e) => `error in move for path: '${src.key}': ${e}`);
      if (path === undefined) throw new OpError(`move operation failed to decode path: ${missingField(op, 'path')}`);
      const dst = findObject(without, path);
      if (!dst) throw new OpError(`move operation does not apply: doc is missing destination path: ${path}: missing value`);
      return addAt(without, dst, removed ?? null, path, (e) => `error in move for path: '${path}': ${e}`);
    }
    case 'copy': {
      const from = stringField(op, 'from');
      if (from === undefined) throw new OpError(`copy operation failed to decode from: ${missingField(op, 'from')}`);
      const src = findObject(doc, from);
      if (!src) throw new OpError(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
      const got = getAt(src);
      if (typeof got === 'string') throw new OpError(`error in copy for from: '${from}': ${got}`);
      if (path === undefined) throw new OpError('copy operation failed to decode path: missing value');
      const dst = findObject(doc, path);
      if (!dst) throw new OpError(`copy operation does not apply: doc is missing destination path: ${path}: missing value`);
      return addAt(doc, dst, clone(got.value ?? null), path, (e) => `error while adding value during copy: ${e}`);
    }
    case 'test': {
      if (path === undefined) throw new OpError(`test operation failed to decode path: ${missingField(op, 'path')}`);
      const failed = new OpError(`testing value ${path} failed: test failed`);
      if (path === '') {
        if (!jsonpatch._areEquals(doc, value)) throw failed;
        return doc;
      }
      const t = findObject(doc, path);
      if (!t) throw new OpError(`test operation does not apply: is missing path: ${path}: missing value`);
      const got = getAt(t);
      if (typeof got === 'string') throw new OpError(`error in test for path: '${path}': ${got}`);
      if (got.value === undefined || got.value === null) {
        if (value !== null) throw failed;
      } else if (!hasValue || !jsonpatch._areEquals(got.value, value)) {
        throw failed;
      }
      return doc;
    }
    default:
      throw new OpError(`Unexpected kind: ${kind}`);
  }
}

/**
 * Applies an RFC 6902 patch (the decoded request body) to `doc` and returns the patched copy;
 * neither input is modified. A body that is not a list of operations is a 400; an operation that
 * does not apply is upstream's generic 422 (the specific reason is kept in the error's `cause`).
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  if (ops === null || ops === undefined) return clone(doc);
  if (!Array.isArray(ops)) throw badRequest(`json: cannot unmarshal ${jsonKind(ops)} into Go value of type jsonpatch.Patch`);
  for (const op of ops) {
    if (op !== null && !isMap(op)) throw badRequest(`json: cannot unmarshal ${jsonKind(op)} into Go value of type jsonpatch.Operation`);
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new ApiError(413, 'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`);
  }
  let out = clone(doc);
  for (const op of ops as (JsonMap | null)[]) {
    try {
      out = applyOne(out, op ?? {});
    } catch (err) {
      if (err instanceof OpError) throw rejected(err.message);
      throw rejected(err instanceof Error ? err.message : String(err));
    }
  }
  return out;
}
