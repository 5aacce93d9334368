/**
 * Field errors: the building block of a 422 Invalid answer, with upstream's messages
 * (`k8s.io/apimachinery/pkg/util/validation/field`).
 */

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound'
  | 'FieldValueTypeInvalid'
  | 'InternalError';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The message without the field path, e.g. `Required value` or `Invalid value: "x": must be ...`. */
  message: string;
}

/** A field path being built while walking an object: `spec.containers[0].image`. */
export class Path {
  constructor(readonly value: string = '') {}
  child(name: string): Path {
    return new Path(this.value ? `${this.value}.${name}` : name);
  }
  index(i: number): Path {
    return new Path(`${this.value}[${i}]`);
  }
  key(k: string): Path {
    return new Path(`${this.value}[${k}]`);
  }
  toString(): string {
    return this.value;
  }
}

export function root(...names: string[]): Path {
  let p = new Path();
  for (const n of names) p = p.child(n);
  return p;
}

/** Formats a bad value as upstream's field errors do (strings quoted, numbers bare). */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[]${typeof value[0] === 'string' ? 'string' : 'interface {}'}{${value.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ')}}`;
  return JSON.stringify(value);
}

const p = (path: Path | string): string => String(path);
const withDetail = (base: string, detail?: string): string => (detail ? `${base}: ${detail}` : base);

export const required = (path: Path | string, detail?: string): FieldError => ({
  type: 'FieldValueRequired',
  field: p(path),
  message: withDetail('Required value', detail),
});

export const invalid = (path: Path | string, value: unknown, detail?: string): FieldError => ({
  type: 'FieldValueInvalid',
  field: p(path),
  message: withDetail(`Invalid value: ${formatValue(value)}`, detail),
});

export const notSupported = (path: Path | string, value: unknown, valid: readonly string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field: p(path),
  message:
    `Unsupported value: ${formatValue(value)}` +
    (valid.length ? `: supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : ''),
});

export const duplicate = (path: Path | string, value: unknown): FieldError => ({
  type: 'FieldValueDuplicate',
  field: p(path),
  message: `Duplicate value: ${formatValue(value)}`,
});

export const forbidden = (path: Path | string, detail?: string): FieldError => ({
  type: 'FieldValueForbidden',
  field: p(path),
  message: withDetail('Forbidden', detail),
});

export const tooLong = (path: Path | string, _value: unknown, max: number): FieldError => ({
  type: 'FieldValueTooLong',
  field: p(path),
  message: `Too long: may not be more than ${max} bytes`,
});

export const tooMany = (path: Path | string, actual: number, max: number): FieldError => ({
  type: 'FieldValueTooMany',
  field: p(path),
  message: `Too many: ${actual}: must have at most ${max} items`,
});

export const notFound = (path: Path | string, value: unknown): FieldError => ({
  type: 'FieldValueNotFound',
  field: p(path),
  message: `Not found: ${formatValue(value)}`,
});

export const typeInvalid = (path: Path | string, value: unknown, detail: string): FieldError => ({
  type: 'FieldValueTypeInvalid',
  field: p(path),
  message: `Invalid value: ${formatValue(value)}: ${detail}`,
});

export const internal = (path: Path | string, detail: string): FieldError => ({
  type: 'InternalError',
  field: p(path),
  message: `Internal error: ${detail}`,
});

export function errorString(e: FieldError): string {
  return e.field ? `${e.field}: ${e.message}` : e.message;
}
