/**
 * Error shapes and Go-style value formatting shared by the patch appliers. Upstream's patch code
 * reports many failures as plain Go errors (which the API server turns into a 500 Status with no
 * reason) and prints values with `%v`, so both are reproduced here.
 */
import { ApiError, badRequest } from '../../api/errors.js';

/** A JSON object as decoded from a request body. */
export type JsonMap = Record<string, unknown>;

/** True for a JSON object (not null, not an array). */
export function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A plain (non-Status) Go error surfacing from the handler: kube-apiserver's `ErrorToAPIStatus`
 * answers it with code 500, reason Unknown (empty) and the error text as the message.
 */
export function goError(message: string): ApiError {
  return new ApiError(500, '', message);
}

/**
 * `NewGenericServerResponse(422, ...)`: the generic "rejected" Status kube-apiserver sends for a JSON
 * patch that does not apply (and a few strategic-merge failures). Upstream drops the specific
 * error text from the reply; it is kept here as `cause` for logs.
 */
export function rejected(cause: string): ApiError {
  const err = new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
  err.cause = cause;
  return err;
}

/** `json.Unmarshal` of a non-object body into `map[string]interface{}`, as a 400. */
export function notAnObjectBody(body: unknown, goType = 'map[string]interface {}'): ApiError {
  return badRequest(`json: cannot unmarshal ${jsonKind(body)} into Go value of type ${goType}`);
}

/** The JSON kind name encoding/json uses in its type errors. */
export function jsonKind(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string | number | object
}

/** Go's `reflect.TypeOf(v)` printed with `%s`, for a value decoded from JSON into interface{}. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'map[string]interface {}';
}

/** A float64 as Go's `%v` prints it (shortest digits, exponent from 1e+06 and below 1e-04). */
export function goFloat(f: number): string {
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : f < 0 ? '-Inf' : 'NaN';
  const [mant, expStr] = f.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(f);
}

/** A JSON-decoded value printed as Go's `fmt` `%v` prints it (maps with sorted keys). */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isMap(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

