/**
 * Turns a decoded protobufjs message into the JSON shape the Kubernetes JSON API uses for the same object:
 * only present fields, Go `omitempty` for zero scalars, and the apimachinery special types (Time, MicroTime,
 * Duration, IntOrString, Quantity, RawExtension, FieldsV1) rendered as their JSON forms.
 */
import { type FieldSpec } from './spec.js';
import { messageSpec } from './root.js';
import { formatDuration, formatMicroTime, formatTime } from './gotime.js';

/** A decoded protobufjs message viewed as plain data. */
type Decoded = Record<string, unknown>;

/** Decodes a nested `k8s\0`-prefixed object found inside a RawExtension (supplied by the envelope decoder). */
export type NestedDecoder = (body: Uint8Array) => Record<string, unknown>;

function has(m: Decoded, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

function isLongLike(v: unknown): v is { toString(): string; toNumber(): number } {
  return typeof v === 'object' && v !== null && typeof (v as { toNumber?: unknown }).toNumber === 'function';
}

/** An int64 as a JS number (protobufjs yields a Long when long.js is available). */
function int64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (isLongLike(v)) return v.toNumber();
  return Number(v);
}

function int64Big(v: unknown): bigint {
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (isLongLike(v)) return BigInt(v.toString());
  return 0n;
}

function bytes(v: unknown): Uint8Array {
  return v instanceof Uint8Array ? v : new Uint8Array(0);
}

function base64(v: unknown): string {
  const b = bytes(v);
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
}

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** A RawExtension's bytes: a nested protobuf object, parsed JSON, or (if neither) base64 text. */
function rawJson(raw: Uint8Array, nested: NestedDecoder): unknown {
  if (raw.length >= 4 && MAGIC.every((b, i) => raw[i] === b)) return nested(raw);
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return base64(raw);
  }
}

function scalarJson(type: string, v: unknown): unknown {
  switch (type) {
    case 'int64':
      return int64(v);
    case 'bytes':
      return base64(v);
    default:
      return v;
  }
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

/**
 * The JSON value of a message of the given type; `undefined` when Go would render it as `null`
 * (a zero Time/MicroTime, an empty RawExtension).
 */
function messageJson(type: string, m: Decoded, nested: NestedDecoder): unknown {
  switch (type) {
    case 'meta.v1.Time':
      return has(m, 'seconds') || has(m, 'nanos') ? formatTime(int64(m.seconds ?? 0)) : undefined;
    case 'meta.v1.MicroTime':
      return has(m, 'seconds') || has(m, 'nanos')
        ? formatMicroTime(int64(m.seconds ?? 0), Number(m.nanos ?? 0))
        : undefined;
    case 'meta.v1.Duration':
      return formatDuration(int64Big(m.duration ?? 0));
    case 'intstr.IntOrString':
      return int64(m.type ?? 0) === 1 ? String(m.strVal ?? '') : Number(m.intVal ?? 0);
    case 'resource.Quantity':
      return typeof m.string === 'string' && m.string !== '' ? m.string : '0';
    case 'runtime.RawExtension':
      return has(m, 'raw') && bytes(m.raw).length > 0 ? rawJson(bytes(m.raw), nested) : undefined;
    case 'meta.v1.FieldsV1':
      return has(m, 'Raw') && bytes(m.Raw).length > 0 ? rawJson(bytes(m.Raw), nested) : undefined;
    default:
      return objectJson(type, m, nested);
  }
}

function elementJson(f: FieldSpec, v: unknown, nested: NestedDecoder): unknown {
  if (f.scalar) return scalarJson(f.type, v);
  return messageJson(f.type, v as Decoded, nested) ?? null;
}

/** The JSON object for a decoded message of the fully qualified type `type` (e.g. `core.v1.Pod`). */
export function objectJson(type: string, m: Decoded, nested: NestedDecoder): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of messageSpec(type).fields) {
    if (!has(m, f.name)) continue;
    const v = m[f.name];
    if (f.map) {
      const entries = Object.entries(v as Decoded);
      if (entries.length > 0) out[f.json] = Object.fromEntries(entries.map(([k, x]) => [k, elementJson(f, x, nested)]));
    } else if (f.repeated) {
      const items = v as unknown[];
      if (items.length > 0) out[f.json] = items.map((x) => elementJson(f, x, nested));
    } else if (f.scalar) {
      const j = scalarJson(f.type, v);
      if (f.keepZero || !isZero(j)) out[f.json] = j;
    } else {
      const j = messageJson(f.type, v as Decoded, nested);
      if (j === undefined) continue;
      if (f.inline && typeof j === 'object' && j !== null) Object.assign(out, j);
      else out[f.json] = j;
    }
  }
  return out;
}
