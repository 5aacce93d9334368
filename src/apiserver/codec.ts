/**
 * Request body decoding (JSON, YAML, Kubernetes protobuf) and content negotiation of replies.
 */
import { parse as parseYaml } from 'yaml';
import * as errors from '../api/errors.js';
import type { KObject } from '../api/types.js';
import { decodeProtobuf } from './protobuf/index.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  switch (mediaType(contentType)) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+cbor':
      return 'apply';
    default:
      return undefined;
  }
}

/** Parses a JSON body, answering 400 with upstream-like wording when it is malformed. */
export function parseJson(body: Buffer, what = 'body'): unknown {
  const text = body.toString('utf8');
  if (!text.trim()) throw errors.badRequest(`the ${what} of the request is empty`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw errors.badRequest(`error decoding ${what}: invalid JSON: ${(err as Error).message}`);
  }
}

export function parseYamlBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (!text.trim()) throw errors.badRequest('the body of the request is empty');
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    throw errors.badRequest(`error converting YAML to JSON: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Decodes an object body by its content type (create / update). */
export function decodeObject(contentType: string | undefined, body: Buffer | undefined): KObject {
  if (!body || !body.length) throw errors.badRequest('the body of the request is empty');
  const mt = mediaType(contentType) || 'application/json';
  let value: unknown;
  switch (mt) {
    case 'application/json':
    case '*/*':
      value = parseJson(body);
      break;
    case 'application/yaml':
    case 'application/x-yaml':
    case 'text/yaml':
      value = parseYamlBody(body);
      break;
    case 'application/vnd.kubernetes.protobuf':
      value = decodeProtobuf(body);
      break;
    default:
      throw errors.unsupportedMediaType(contentType ?? '');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw errors.badRequest(`the body of the request must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : typeof value}`);
  }
  return value as KObject;
}

/** Decodes a patch body: JSON for json/merge/strategic, YAML (or JSON) for server-side apply. */
export function decodePatch(type: PatchType, body: Buffer | undefined): unknown {
  if (!body || !body.length) throw errors.badRequest('the body of the request is empty');
  if (type === 'apply') return parseYamlBody(body);
  return parseJson(body);
}

/** What representation the client asked for in `Accept`. */
export interface Negotiated {
  table: boolean;
  partialMetadata: boolean;
}

export function negotiate(accept: string | undefined): Negotiated {
  const out: Negotiated = { table: false, partialMetadata: false };
  if (!accept) return out;
  // The first acceptable entry wins; entries are comma-separated with ;-parameters.
  for (const entry of accept.split(',')) {
    const [type, ...params] = entry.split(';').map((s) => s.trim());
    const p = new Map(params.map((kv) => kv.split('=') as [string, string]));
    const as = p.get('as');
    if (type === 'application/json' || type === 'application/vnd.kubernetes.protobuf' || type === '*/*') {
      if (as === 'Table' && (p.get('g') ?? 'meta.k8s.io') === 'meta.k8s.io') {
        out.table = true;
        return out;
      }
      if ((as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') && (p.get('g') ?? 'meta.k8s.io') === 'meta.k8s.io') {
        out.partialMetadata = true;
        return out;
      }
      if (!as) return out;
    }
  }
  return out;
}
