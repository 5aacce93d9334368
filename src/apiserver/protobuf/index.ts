/**
 * Decoding of `application/vnd.kubernetes.protobuf` request bodies: the `k8s\0` magic, the `runtime.Unknown`
 * envelope, then the object itself, rendered as the JSON-shaped object the API would have received as JSON.
 */
import { badRequest } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { objectJson } from './convert.js';
import { messageForKind, supportedKinds, supportedKindsText } from './kinds.js';
import { messageType } from './root.js';

export { supportedKinds, supportedKindsText };

/** The media type of Kubernetes protobuf bodies. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** Whether a Content-Type header names the Kubernetes protobuf encoding (parameters ignored). */
export function isProtobufContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === PROTOBUF_MEDIA_TYPE;
}

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

function decodeError(what: string, err: unknown): never {
  const msg = err instanceof Error ? err.message : String(err);
  // protobufjs reports a short buffer as a RangeError "index out of range: ..."; Go says "unexpected EOF".
  const detail = /index out of range/.test(msg) ? `unexpected EOF (${msg})` : msg;
  throw badRequest(`unable to decode protobuf ${what}: ${detail}`);
}

function readEnvelope(body: Uint8Array): Envelope {
  if (body.length === 0) throw badRequest('empty data');
  if (body.length < MAGIC.length || !MAGIC.every((b, i) => body[i] === b)) {
    throw badRequest(`provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(' ')}]`);
  }
  if (body.length === MAGIC.length) throw badRequest('empty body');
  let m: Record<string, unknown>;
  try {
    m = messageType('runtime.Unknown').decode(body.subarray(MAGIC.length)) as unknown as Record<string, unknown>;
  } catch (err) {
    decodeError('envelope (runtime.Unknown)', err);
  }
  const typeMeta = (m.typeMeta ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return {
    apiVersion: str(typeMeta.apiVersion),
    kind: str(typeMeta.kind),
    raw: m.raw instanceof Uint8Array ? m.raw : new Uint8Array(0),
    contentEncoding: str(m.contentEncoding),
    contentType: str(m.contentType),
  };
}

function decodeJsonPayload(env: Envelope): KObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(env.raw).toString('utf8'));
  } catch (err) {
    throw badRequest(`unable to decode JSON payload of protobuf envelope: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('JSON payload of protobuf envelope is not an object');
  }
  return { apiVersion: env.apiVersion, kind: env.kind, ...(parsed as Record<string, unknown>) };
}

/**
 * Decodes a Kubernetes protobuf body (`k8s\0` + runtime.Unknown) into the object as the JSON API would see it,
 * with `apiVersion` and `kind` from the envelope. Throws `badRequest` for a bad magic, truncated or malformed
 * data, an unsupported content encoding, or an apiVersion/kind this decoder does not know.
 */
export function decodeProtobuf(body: Uint8Array): KObject {
  const env = readEnvelope(body);
  if (env.contentEncoding !== '') {
    throw badRequest(`unsupported content encoding ${JSON.stringify(env.contentEncoding)} in protobuf envelope`);
  }
  if (env.contentType !== '' && !isProtobufContentType(env.contentType)) {
    if (env.contentType.split(';')[0]!.trim() === 'application/json') return decodeJsonPayload(env);
    throw badRequest(`unsupported content type ${JSON.stringify(env.contentType)} in protobuf envelope`);
  }
  if (env.kind === '') throw badRequest('Object \'Kind\' is missing in protobuf envelope');
  const message = messageForKind(env.apiVersion, env.kind);
  if (!message) {
    throw badRequest(
      `no kind ${JSON.stringify(env.kind)} is registered for version ${JSON.stringify(env.apiVersion)}; ` +
        `protobuf request bodies are supported for ${supportedKindsText()}`,
    );
  }
  let decoded: Record<string, unknown>;
  try {
    decoded = messageType(message).decode(env.raw) as unknown as Record<string, unknown>;
  } catch (err) {
    decodeError(`${env.apiVersion}/${env.kind}`, err);
  }
  return { apiVersion: env.apiVersion, kind: env.kind, ...objectJson(message, decoded, decodeProtobuf) };
}
