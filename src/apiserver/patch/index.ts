/**
 * PATCH bodies: dispatch on the request's Content-Type to JSON patch, JSON merge patch, strategic
 * merge patch or (given the field manager) server-side apply.
 */
import { ApiError, invalid } from '../../api/errors.js';
import type { StoredObject } from '../../api/types.js';
import { invalid as invalidField } from '../../api/field.js';
import { APPLY_PATCH_CONTENT_TYPE, applyServerSide } from './apply.js';
import { isMap } from './errors.js';
import { applyJsonPatch } from './json.js';
import { applyMergePatch } from './merge.js';
import { applyStrategicMergePatch } from './strategic.js';

export { applyJsonPatch } from './json.js';
export { applyMergePatch } from './merge.js';
export { applyStrategicMergePatch } from './strategic.js';
export { applyServerSide, APPLY_PATCH_CONTENT_TYPE } from './apply.js';

/** The patch media types (`types.PatchType` upstream). */
export const JSON_PATCH_CONTENT_TYPE = 'application/json-patch+json';
export const MERGE_PATCH_CONTENT_TYPE = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH_CONTENT_TYPE = 'application/strategic-merge-patch+json';

/** The patch media types kube-apiserver accepts on built-in resources, in its order. */
export const PATCH_CONTENT_TYPES = [
  JSON_PATCH_CONTENT_TYPE, MERGE_PATCH_CONTENT_TYPE, STRATEGIC_MERGE_PATCH_CONTENT_TYPE, APPLY_PATCH_CONTENT_TYPE,
] as const;

/** The media type of a Content-Type header, without parameters (`; charset=utf-8`). */
export function patchMediaType(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi > 0 ? contentType.slice(0, semi) : contentType).trim();
}

/** Upstream's 415 for a PATCH whose Content-Type is not a patch type (`negotiation.NewUnsupportedMediaTypeError`). */
export function unsupportedPatchType(): ApiError {
  return new ApiError(415, 'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${PATCH_CONTENT_TYPES.join(', ')}`);
}

/** What upstream's decoder answers when a patch turns the object into something that is not an object. */
function notAnObjectResult(result: unknown): ApiError {
  const what = Array.isArray(result) ? 'array' : result === null ? 'null' : typeof result === 'boolean' ? 'bool' : typeof result;
  const typeMeta = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';
  return invalid('', '', '', [invalidField('patch', JSON.stringify(result),
    `couldn't get version/kind; json parse error: json: cannot unmarshal ${what} into Go value of type ${typeMeta}`)]);
}

/**
 * Applies a PATCH body of the given Content-Type to `live` (an object of client-node model
 * `typeName`) and returns the patched object; inputs are not modified. An apply patch needs
 * `fieldManager` (the request's `?fieldManager=`; upstream answers 422 without one) and accepts an
 * undefined `live` (the object is then created). Unknown media types get upstream's 415.
 */
export function applyPatch(contentType: string, live: unknown, patchBody: unknown, typeName: string, fieldManager = ''): unknown {
  let out: unknown;
  switch (patchMediaType(contentType)) {
    case APPLY_PATCH_CONTENT_TYPE:
      return applyServerSide(isMap(live) ? (live as StoredObject) : undefined, patchBody, typeName, fieldManager);
    case JSON_PATCH_CONTENT_TYPE:
      out = applyJsonPatch(live, patchBody);
      break;
    case MERGE_PATCH_CONTENT_TYPE:
      out = applyMergePatch(live, patchBody);
      break;
    case STRATEGIC_MERGE_PATCH_CONTENT_TYPE:
      out = applyStrategicMergePatch(live, patchBody, typeName);
      break;
    default:
      throw unsupportedPatchType();
  }
  if (!isMap(out)) throw notAnObjectResult(out);
  return out;
}
