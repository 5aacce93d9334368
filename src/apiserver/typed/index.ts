/**
 * Typed decoding of request bodies as upstream does it: the errors a body (or a patched object) of
 * the wrong shape gets, in upstream's words and status codes, and the normalization (unknown fields
 * dropped, canonical quantities) of every object before it is stored.
 */
import { ApiError, badRequest, invalid } from '../../api/errors.js';
import { invalid as invalidField } from '../../api/field.js';
import type { PatchType } from '../codec.js';
import { goError, goValue } from '../patch/errors.js';
import { goDecodeError, typeMetaError } from './decode.js';
import { applyValidationErrors, formatValidationErrors } from './ssa.js';
import { fromUnstructuredError } from './unstructured.js';

export { normalizeObject } from './normalize.js';
export { goDecodeError, typeMetaError } from './decode.js';
export { fromUnstructuredError } from './unstructured.js';
export { applyValidationErrors, formatValidationErrors } from './ssa.js';
export { structNode, goStructName, goPackage } from './plan.js';

/** What a create or update body is decoded into. */
export interface BodyTarget {
  kind: string;
  version: string;
  /** `group/version` (or `version` for the core group). */
  apiVersion: string;
  /** The client-node model. */
  model: string;
}

/** `summarizeData(body, 30)` of upstream's `transformDecodeError`: JSON text, anything else in hex. */
function summarize(body: Buffer): string {
  if (!body.length) return '<empty>';
  const text = body[0] === 0x7b;
  const head = body.subarray(0, 30);
  const s = text ? head.toString('utf8') : head.toString('hex');
  return body.length > 30 ? `${s} ...` : s;
}

/**
 * The 400 a create or update body gets when it does not decode into its type: apiVersion or kind
 * that are not strings (`the object provided is unrecognized (must be of type ConfigMap): ...`), or a
 * field of the wrong type (`ConfigMap in version "v1" cannot be handled as a ConfigMap: json: ...`).
 * Bodies of another kind or version are left to the registry's checks.
 */
export function bodyTypeError(body: Buffer, obj: Record<string, unknown>, t: BodyTarget): ApiError | undefined {
  const meta = typeMetaError(obj);
  if (meta) return badRequest(`the object provided is unrecognized (must be of type ${t.kind}): ${meta} (${summarize(body)})`);
  if ((typeof obj.kind === 'string' && obj.kind !== '' && obj.kind !== t.kind) || (typeof obj.apiVersion === 'string' && obj.apiVersion !== '' && obj.apiVersion !== t.apiVersion)) return undefined;
  const err = goDecodeError(obj, t.model);
  return err ? badRequest(`${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: ${err.message}`) : undefined;
}

/** `<ns>/<name>; <group>/<version>, Kind=<kind>` of an apply body (upstream `objectGVKNN`). */
function gvknn(body: Record<string, unknown>): string {
  const meta = (typeof body.metadata === 'object' && body.metadata !== null ? body.metadata : {}) as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const av = str(body.apiVersion);
  const slash = av.indexOf('/');
  const group = slash >= 0 ? av.slice(0, slash) : '';
  const version = slash >= 0 ? av.slice(slash + 1) : av;
  return `${str(meta.namespace)}/${str(meta.name)}; ${group}/${version}, Kind=${str(body.kind)}`;
}

/**
 * The error a patch gets when its result (or, for apply, its body) does not fit the type: JSON and
 * merge patches are decoded like a body (422, the patched object as the bad value), strategic merge
 * patches converted from unstructured (422, the patch as Go prints it), apply bodies validated by
 * structured-merge-diff (a plain error upstream, so 500).
 */
export function patchTypeError(type: PatchType, patched: Record<string, unknown>, patch: unknown, model: string): ApiError | undefined {
  switch (type) {
    case 'json':
    case 'merge': {
      const err = goDecodeError(patched, model);
      return err ? invalid('', '', '', [invalidField('patch', JSON.stringify(patched), err.message)]) : undefined;
    }
    case 'strategic': {
      const err = fromUnstructuredError(patched, model);
      return err ? invalid('', '', '', [invalidField('patch', goValue(patch), err)]) : undefined;
    }
    case 'apply': {
      const errs = applyValidationErrors(patch, model);
      if (!errs.length) return undefined;
      return goError(`failed to create typed patch object (${gvknn(patch as Record<string, unknown>)}): ${formatValidationErrors(errs)}`);
    }
  }
}
