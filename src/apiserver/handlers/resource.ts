/**
 * Serves one resource request (get, list, watch, create, update, patch, delete,
 * deletecollection and the status / scale / binding / eviction / finalize subresources)
 * on top of the generic registry.
 */
import { PassThrough } from 'node:stream';
import * as errors from '../../api/errors.js';
import { parseFieldSelector } from '../../api/fields.js';
import { parseSelector } from '../../api/labels.js';
import type { DeleteOptions, KObject, Status, StoredObject } from '../../api/types.js';
import { decodeObject, decodePatch, mediaType, negotiate, patchTypeOf } from '../codec.js';
import {
  duplicateFieldError,
  findDuplicateFields,
  findUnknownFields,
  strictDecodingError,
  strictDecodingErrors,
  strictDecodingMessage,
  unknownFieldError,
} from '../openapi/index.js';
import { invalid as invalidField } from '../../api/field.js';
import { applyPatch, unsupportedPatchType } from '../patch/index.js';
import { goValue } from '../patch/errors.js';
import { modelName } from '../../api/schema.js';
import { type ListQuery, checkFieldSelector, type FieldMatcher, type LabelMatcher } from '../registry/filter.js';
import { type Registry, type WriteOptions, apiVersionOf, groupResource } from '../registry/generic.js';
import { type BodyTarget, bodyTypeError, patchTypeError } from '../typed/index.js';
import type { ResourceDef } from '../registry/types.js';
import { startWatch, type WatchEventType } from '../registry/watch.js';
import type { ApiRequest, ApiResponse, RequestInfo } from '../request.js';
import { partialMetadata, tableOptions, toTable } from '../table.js';
import { successStatus } from '../../api/errors.js';

/** Subresource handlers supplied by other parts of the server (scale, binding, logs...). */
export interface SubresourceHandler {
  (req: ApiRequest, info: RequestInfo, def: ResourceDef): Promise<ApiResponse>;
}

export interface ResourceHandlerDeps {
  registry: Registry;
  subresources: Map<string, SubresourceHandler>;
}

export function labelMatcher(s: string | null): LabelMatcher | undefined {
  if (!s) return undefined;
  try {
    return parseSelector(s);
  } catch (err) {
    throw errors.badRequest((err as Error).message);
  }
}

export function fieldMatcher(s: string | null): FieldMatcher | undefined {
  if (!s) return undefined;
  try {
    const sel = parseFieldSelector(s);
    return {
      empty: sel.empty,
      matches: (f) => sel.matches(f),
      fieldNames: () => sel.requirements.map((r) => r.field),
    };
  } catch (err) {
    throw errors.badRequest((err as Error).message);
  }
}

export function listQuery(def: ResourceDef, q: URLSearchParams): ListQuery {
  const out: ListQuery = {
    labelSelector: labelMatcher(q.get('labelSelector')),
    fieldSelector: fieldMatcher(q.get('fieldSelector')),
  };
  checkFieldSelector(def, out.fieldSelector, { metadata: {} });
  const limit = q.get('limit');
  if (limit) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 0) throw errors.badRequest(`invalid limit: ${limit}`);
    out.limit = n;
  }
  const cont = q.get('continue');
  if (cont) out.continue = cont;
  return out;
}

export function writeOptions(req: ApiRequest, info: RequestInfo): WriteOptions {
  const dryRun = req.query.getAll('dryRun');
  for (const d of dryRun) if (d !== 'All') throw errors.badRequest(`Invalid dry run value: ${d}: supported values: "All"`);
  return {
    user: req.user,
    dryRun: dryRun.length > 0,
    fieldManager: req.query.get('fieldManager') ?? undefined,
    subresource: info.subresource,
  };
}

type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

function fieldValidation(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation');
  if (!v) return 'Warn';
  if (v !== 'Strict' && v !== 'Warn' && v !== 'Ignore') {
    throw errors.badRequest(`fieldValidation parameter unsupported: ${v}. Supported values are Ignore, Warn, Strict`);
  }
  return v;
}

/**
 * Strict decoding of a create/update body: unknown and duplicate fields. Strict → 400 as
 * upstream words it; Warn → the problems become Warning headers; Ignore → nothing.
 */
function checkBodyFields(def: ResourceDef, req: ApiRequest, obj: unknown, mode: FieldValidation): string[] {
  if (mode === 'Ignore') return [];
  const ct = mediaType(req.headers['content-type']);
  if (ct === 'application/vnd.kubernetes.protobuf') return [];
  const typeName = modelName(def.group, def.version, def.kind);
  const problems =
    ct === 'application/json' || ct === ''
      ? strictDecodingErrors(req.body!.toString('utf8'), typeName)
      : findUnknownFields(obj, typeName).map(unknownFieldError);
  if (!problems.length || mode === 'Warn') return problems;
  throw errors.badRequest(strictDecodingMessage(def.kind, def.version, problems));
}

/**
 * Type checking of a create/update body as upstream's decoder does it (400 on a field of the wrong
 * type). Protobuf bodies are typed by their encoding.
 */
export function checkBodyTypes(req: ApiRequest, obj: KObject, target: BodyTarget): void {
  if (mediaType(req.headers['content-type']) === 'application/vnd.kubernetes.protobuf') return;
  const err = bodyTypeError(req.body!, obj as Record<string, unknown>, target);
  if (err) throw err;
}

function bodyTarget(def: ResourceDef): BodyTarget {
  return { kind: def.kind, version: def.version, apiVersion: apiVersionOf(def), model: modelName(def.group, def.version, def.kind) };
}

/**
 * Strict checking of a patch: duplicate keys in the body, unknown fields in the patched object (422 on
 * `patch`, whose bad value upstream prints as the patched JSON, or the patch itself for a strategic merge patch).
 */
function patchFieldProblems(mode: FieldValidation, problems: string[], badValue: () => string): string[] {
  if (mode === 'Ignore' || !problems.length || mode === 'Warn') return mode === 'Ignore' ? [] : problems;
  throw errors.invalid('', '', '', [invalidField('patch', badValue(), strictDecodingError(problems))]);
}

function ok(status: number, body: unknown, warnings?: string[]): ApiResponse {
  return warnings && warnings.length ? { status, body, warnings } : { status, body };
}

/** Renders an object (or list) as the client asked: plain, Table or PartialObjectMetadata. */
function render(def: ResourceDef, req: ApiRequest, obj: StoredObject, status = 200, warnings?: string[]): ApiResponse {
  const n = negotiate(req.headers.accept);
  if (n.table) return ok(status, toTable(def, [obj], tableOptions(req.query), { resourceVersion: obj.metadata.resourceVersion }), warnings);
  if (n.partialMetadata) return ok(status, partialMetadata(obj), warnings);
  return ok(status, obj, warnings);
}

function decodeDeleteOptions(req: ApiRequest): DeleteOptions {
  let opts: DeleteOptions = {};
  if (req.body && req.body.length) {
    const o = decodeObject(req.headers['content-type'], req.body) as DeleteOptions & KObject;
    if (o.kind && o.kind !== 'DeleteOptions') throw errors.badRequest(`expected a DeleteOptions body, got kind ${o.kind}`);
    opts = o;
  }
  const q = req.query;
  const grace = q.get('gracePeriodSeconds');
  if (grace !== null) {
    const n = Number(grace);
    if (!Number.isInteger(n)) throw errors.badRequest(`invalid gracePeriodSeconds: ${grace}`);
    opts.gracePeriodSeconds = n;
  }
  const pp = q.get('propagationPolicy');
  if (pp) opts.propagationPolicy = pp;
  const orphan = q.get('orphanDependents');
  if (orphan) opts.orphanDependents = orphan === 'true';
  if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds < 0) opts.gracePeriodSeconds = 1;
  return opts;
}

export async function handleResource(deps: ResourceHandlerDeps, req: ApiRequest, info: RequestInfo, def: ResourceDef): Promise<ApiResponse> {
  const reg = deps.registry;
  const ns = def.namespaced ? info.namespace : '';
  if (def.namespaced && !ns && info.name) throw errors.notFound(groupResource(def), info.name);
  if (info.subresource && info.subresource !== 'status') {
    const h = deps.subresources.get(`${def.plural}/${info.subresource}`) ?? deps.subresources.get(`*/${info.subresource}`);
    if (!h || !(def.subresources ?? []).includes(info.subresource as never)) {
      throw new errors.ApiError(404, 'NotFound', 'the server could not find the requested resource');
    }
    return h(req, info, def);
  }
  if (info.subresource === 'status' && !(def.subresources ?? []).includes('status')) {
    throw new errors.ApiError(404, 'NotFound', 'the server could not find the requested resource');
  }
  const verbs = def.verbs;
  if (verbs && !verbs.includes(info.verb) && !info.subresource) {
    throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
  switch (info.verb) {
    case 'get':
      return render(def, req, await reg.get(def, ns, info.name));
    case 'list': {
      const q = listQuery(def, req.query);
      const list = await reg.list(def, ns, q);
      const n = negotiate(req.headers.accept);
      if (n.table) return ok(200, toTable(def, list.items, tableOptions(req.query), list.metadata));
      if (n.partialMetadata) {
        return ok(200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: list.metadata, items: list.items.map(partialMetadata) });
      }
      // Items are serialised once per object version and spliced in (see jsonOf).
      const head = JSON.stringify({ kind: list.kind, apiVersion: list.apiVersion, metadata: list.metadata });
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(`${head.slice(0, -1)},"items":[${list.items.map(jsonOf).join(',')}]}`),
      };
    }
    case 'watch':
      return watchResponse(reg, req, info, def, ns);
    case 'create': {
      if (info.name) throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
      const mode = fieldValidation(req.query);
      const obj = decodeObject(req.headers['content-type'], req.body);
      checkBodyTypes(req, obj, bodyTarget(def));
      const warnings = checkBodyFields(def, req, obj, mode);
      const created = await reg.create(def, ns, obj as StoredObject, writeOptions(req, info));
      return render(def, req, created, 201, warnings);
    }
    case 'update': {
      const mode = fieldValidation(req.query);
      const obj = decodeObject(req.headers['content-type'], req.body);
      checkBodyTypes(req, obj, bodyTarget(def));
      const warnings = checkBodyFields(def, req, obj, mode);
      const r = await reg.update(def, ns, info.name, obj as StoredObject, writeOptions(req, info));
      return render(def, req, r.obj, r.created ? 201 : 200, warnings);
    }
    case 'patch':
      return patchResponse(reg, req, info, def, ns);
    case 'delete': {
      const r = await reg.delete(def, ns, info.name, decodeDeleteOptions(req), writeOptions(req, info));
      if (!r.deleted || def.returnDeletedObject) return render(def, req, r.obj, 200);
      const details: errors.StatusDetails = { name: info.name, kind: def.plural, uid: r.obj.metadata.uid };
      if (def.group) details.group = def.group;
      return ok(200, successStatus(details));
    }
    case 'deletecollection': {
      const q = listQuery(def, req.query);
      const list = await reg.deleteCollection(def, ns, q, decodeDeleteOptions(req), writeOptions(req, info));
      return ok(200, list);
    }
    default:
      throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
}

async function patchResponse(reg: Registry, req: ApiRequest, info: RequestInfo, def: ResourceDef, ns: string): Promise<ApiResponse> {
  const contentType = req.headers['content-type'] ?? '';
  const type = patchTypeOf(contentType);
  if (!type) throw unsupportedPatchType();
  const patch = decodePatch(type, req.body);
  const mode = fieldValidation(req.query);
  const opts = writeOptions(req, info);
  const typeName = modelName(def.group, def.version, def.kind);
  const bodyProblems = type === 'apply' || mode === 'Ignore' ? [] : findDuplicateFields(req.body!.toString('utf8')).map(duplicateFieldError);
  let warnings: string[] = [];
  const patched = (cur: StoredObject | undefined): StoredObject => {
    const out = applyPatch(contentType, cur, patch, typeName, opts.fieldManager ?? '') as StoredObject;
    // Upstream decodes the patched object into its type: a wrong type fails the patch.
    const typeErr = patchTypeError(type, out, patch, typeName);
    if (typeErr) throw typeErr;
    if (mode !== 'Ignore') {
      const badValue = () => (type === 'strategic' ? goValue(patch) : JSON.stringify(type === 'apply' ? patch : out));
      warnings = patchFieldProblems(mode, [...bodyProblems, ...findUnknownFields(out, typeName).map(unknownFieldError)], badValue);
    }
    return out;
  };
  if (type === 'apply' && !(await reg.tryGet(def, ns, info.name))) {
    const obj = patched(undefined);
    obj.metadata = { ...obj.metadata, name: info.name };
    return render(def, req, await reg.create(def, ns, obj, opts), 201, warnings);
  }
  const pinnedRv = type === 'merge' || type === 'strategic' ? ((patch as KObject | null)?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion : undefined;
  const updated = await reg.guaranteedUpdate(def, ns, info.name, opts, (cur) => {
    if (pinnedRv && pinnedRv !== cur.metadata.resourceVersion) throw errors.conflict(groupResource(def), info.name, errors.OBJECT_MODIFIED);
    return patched(cur);
  });
  return render(def, req, updated, 200, warnings);
}

/**
 * Watch events share one decoded object per store event across all watchers; serialise it once
 * too (100 watchers of one resource would otherwise stringify every event 100 times).
 */
const serialized = new WeakMap<object, string>();
function jsonOf(o: StoredObject): string {
  let s = serialized.get(o);
  if (s === undefined) {
    s = JSON.stringify(o);
    serialized.set(o, s);
  }
  return s;
}

/** A chunked stream of newline-delimited watch events, with headers flushed at once. */
async function watchResponse(reg: Registry, req: ApiRequest, info: RequestInfo, def: ResourceDef, ns: string): Promise<ApiResponse> {
  const q = listQuery(def, req.query);
  if (info.name) {
    q.fieldSelector = fieldMatcher(`metadata.name=${info.name}`);
  }
  const n = negotiate(req.headers.accept);
  const topts = tableOptions(req.query);
  const stream = new PassThrough();
  let headersSent = false;
  const encode = (type: WatchEventType, obj: StoredObject | Status): string => {
    let object: unknown = obj;
    if (type !== 'ERROR' && type !== 'BOOKMARK') {
      const o = obj as StoredObject;
      if (!n.table && !n.partialMetadata) return `{"type":"${type}","object":${jsonOf(o)}}\n`;
      if (n.table) {
        object = toTable(def, [o], { ...topts, noHeaders: topts.noHeaders || headersSent }, { resourceVersion: o.metadata.resourceVersion });
        headersSent = true;
      } else if (n.partialMetadata) object = partialMetadata(o);
    }
    return JSON.stringify({ type, object }) + '\n';
  };
  const timeoutSeconds = Number(req.query.get('timeoutSeconds') ?? '0');
  let pending: string[] = [];
  const flush = () => {
    const chunk = pending.length === 1 ? pending[0]! : pending.join('');
    pending = [];
    if (!stream.writableEnded) stream.write(chunk);
  };
  const w = await startWatch(
    reg,
    def,
    ns,
    {
      resourceVersion: req.query.get('resourceVersion') ?? undefined,
      query: q,
      allowBookmarks: req.query.get('allowWatchBookmarks') === 'true',
      sendInitialEvents: req.query.get('sendInitialEvents') === 'true',
      deadline: timeoutSeconds > 0 ? Date.now() + timeoutSeconds * 1000 : undefined,
    },
    {
      send: (type, obj) => {
        if (stream.writableEnded) return;
        // Events of one store commit arrive together: write them in one chunk (one TLS record).
        pending.push(encode(type, obj));
        if (pending.length === 1) queueMicrotask(flush);
      },
      end: () => {
        if (pending.length) flush();
        stream.end();
      },
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const finish = () => {
    w.stop();
    if (timer) clearTimeout(timer);
    if (!stream.writableEnded) stream.end();
  };
  if (timeoutSeconds > 0) timer = setTimeout(finish, timeoutSeconds * 1000);
  req.signal.addEventListener('abort', finish, { once: true });
  stream.on('close', finish);
  return { status: 200, headers: { 'content-type': 'application/json' }, stream };
}

export type { Status };
