/**
 * Type errors of a JSON body decoded into a typed API object, as upstream's decoder reports them
 * (sigs.k8s.io/json, a fork of encoding/json, behind k8s.io/apimachinery's JSON serializer):
 * `json: cannot unmarshal number into Go struct field ConfigMap.data of type string`.
 *
 * What the decoder does and this reproduces: the first plain type mismatch is remembered and
 * decoding goes on; an error returned by a type's own UnmarshalJSON (Quantity, IntOrString, Time,
 * Duration) ends decoding and wins. Type mismatches carry the innermost struct and the JSON field
 * path (array indices and map keys are not part of it); other errors (a malformed quantity or time,
 * bad base64) are reported bare. `null` decodes into anything. Unknown fields are skipped (strict
 * field validation reports them separately).
 */
import { QuantityParseError, parseQuantity } from '../../api/quantity.js';
import { isMap, jsonKind } from '../patch/errors.js';
import { base64DecodeError, durationParseError, RFC3339, RFC3339_MICRO, timeParseError } from './gostd.js';
import { type Node, structNode } from './plan.js';

/** A decoding failure: the error text, and whether it came from reading apiVersion/kind (`meta.Interpret`). */
export interface DecodeError {
  message: string;
  typeMeta: boolean;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * What the UnmarshalJSON of a Quantity (given the raw JSON text, or a string's content), a Time, a
 * MicroTime or a Duration (given the string) fails with, or undefined.
 */
export function textParseError(k: 'quantity' | 'time' | 'microtime' | 'duration', text: string): string | undefined {
  switch (k) {
    case 'quantity':
      try {
        parseQuantity(text.trim());
        return undefined;
      } catch (err) {
        if (err instanceof QuantityParseError) return err.message;
        throw err;
      }
    case 'duration':
      return durationParseError(text);
    default:
      if (isCanonicalTime(text, k === 'microtime')) return undefined;
      return timeParseError(k === 'time' ? RFC3339 : RFC3339_MICRO, text);
  }
}

const CANONICAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const CANONICAL_MICROTIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

/**
 * The fast path for what nearly every timestamp is, the form metav1.Time (or MicroTime) itself
 * writes, in UTC, with every field in range; anything else goes through Go's parser emulation.
 */
function isCanonicalTime(text: string, micro: boolean): boolean {
  const m = (micro ? CANONICAL_MICROTIME : CANONICAL_TIME).exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** An error returned from an UnmarshalJSON: it ends decoding. */
class Fatal {
  constructor(readonly message: string) {}
}

class Decoder {
  saved: string | undefined;
  private readonly fields: string[] = [];
  private struct = '';

  /** `json: cannot unmarshal <what> into Go struct field <Struct>.<path> of type <goType>`. */
  typeMessage(what: string, goType: string): string {
    return `json: cannot unmarshal ${what} into Go struct field ${this.struct}.${this.fields.join('.')} of type ${goType}`;
  }

  mismatch(what: string, goType: string): void {
    this.saved ??= this.typeMessage(what, goType);
  }

  value(v: unknown, node: Node): void {
    if (v === null || v === undefined) return;
    switch (node.k) {
      case 'struct': {
        if (!isMap(v)) return this.mismatch(jsonKind(v), node.goType);
        const fields = node.fields;
        const outer = this.struct;
        for (const key in v) {
          const f = fields.get(key);
          if (f === undefined) continue;
          const child = v[key];
          if (child === null) continue;
          this.fields.push(key);
          this.struct = node.goName;
          this.value(child, f.node);
          this.fields.pop();
          this.struct = outer;
        }
        return;
      }
      case 'slice':
        if (Array.isArray(v)) {
          for (const item of v) this.value(item, node.elem);
        } else this.mismatch(jsonKind(v), node.goType);
        return;
      case 'map':
        if (isMap(v)) {
          for (const key in v) this.value(v[key], node.elem);
        } else this.mismatch(jsonKind(v), node.goType);
        return;
      case 'string':
        if (typeof v !== 'string') this.mismatch(jsonKind(v), node.goType);
        return;
      case 'bool':
        if (typeof v !== 'boolean') this.mismatch(jsonKind(v), node.goType);
        return;
      case 'int32':
      case 'int64':
        if (typeof v !== 'number') this.mismatch(jsonKind(v), node.goType);
        else if (!fitsInt(v, node.k)) this.mismatch(`number ${String(v)}`, node.goType);
        return;
      case 'float':
        if (typeof v !== 'number') this.mismatch(jsonKind(v), node.goType);
        return;
      case 'bytes':
        if (typeof v === 'string') {
          const err = base64DecodeError(v);
          if (err) this.saved ??= err;
        } else if (Array.isArray(v)) {
          // A JSON array decodes into []byte element by element.
          for (const b of v) {
            if (b === null) continue;
            if (typeof b !== 'number') this.mismatch(jsonKind(b), 'uint8');
            else if (!Number.isInteger(b) || b < 0 || b > 255) this.mismatch(`number ${String(b)}`, 'uint8');
          }
        } else this.mismatch(jsonKind(v), node.goType);
        return;
      case 'intstr':
        // IntOrString.UnmarshalJSON: a string, else json.Unmarshal into its int32.
        if (typeof v === 'string') return;
        if (typeof v !== 'number') throw new Fatal(this.typeMessage(jsonKind(v), 'int32'));
        if (!fitsInt(v, 'int32')) throw new Fatal(this.typeMessage(`number ${String(v)}`, 'int32'));
        return;
      case 'quantity': {
        // Quantity.UnmarshalJSON parses the raw text, quotes stripped and trimmed.
        const err = textParseError('quantity', typeof v === 'string' ? v : JSON.stringify(v));
        if (err) throw new Fatal(err);
        return;
      }
      case 'time':
      case 'microtime':
      case 'duration': {
        // Time, MicroTime and Duration unmarshal a JSON string, then parse it.
        if (typeof v !== 'string') throw new Fatal(this.typeMessage(jsonKind(v), 'string'));
        const err = textParseError(node.k, v);
        if (err) throw new Fatal(err);
        return;
      }
      case 'raw':
        return;
    }
  }
}

function fitsInt(v: number, k: 'int32' | 'int64'): boolean {
  if (!Number.isInteger(v)) return false;
  return k === 'int32' ? v >= INT32_MIN && v <= INT32_MAX : Number.isSafeInteger(v) || Math.abs(v) < 2 ** 63;
}

/**
 * `meta.Interpret`: apiVersion and kind read with encoding/json (field names matched without regard
 * to case) into an anonymous struct, before anything else.
 */
export function typeMetaError(obj: Record<string, unknown>): string | undefined {
  for (const key in obj) {
    const lower = key.toLowerCase();
    if (lower !== 'apiversion' && lower !== 'kind') continue;
    const v = obj[key];
    if (v === null || typeof v === 'string') continue;
    const field = lower === 'kind' ? 'kind' : 'apiVersion';
    return `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonKind(v)} into Go struct field .${field} of type string`;
  }
  return undefined;
}

/**
 * The error upstream's JSON decoding of `obj` (a JSON object, as parsed from the body) into the Go type
 * of client-node model `model` fails with, or undefined when it decodes. Unknown models decode.
 */
export function goDecodeError(obj: Record<string, unknown>, model: string): DecodeError | undefined {
  const meta = typeMetaError(obj);
  if (meta) return { message: meta, typeMeta: true };
  const node = structNode(model);
  if (!node) return undefined;
  const d = new Decoder();
  try {
    d.value(obj, node);
  } catch (err) {
    if (err instanceof Fatal) return { message: err.message, typeMeta: false };
    throw err;
  }
  return d.saved === undefined ? undefined : { message: d.saved, typeMeta: false };
}
