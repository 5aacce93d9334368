/**
 * Renders values the way Go's `%#v` prints them inside upstream field errors, for the cases
 * where the bad value is a map, a struct or an IntOrString (`map[string]string{"app":"web"}`,
 * `v1.LabelSelector{...}`, `intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}`), plus field
 * error constructors that take such a pre-rendered value.
 */
import type { FieldError, FieldErrorType, Path } from '../../api/field.js';

/** Go's `%q` quoting of a string (close enough: escapes quotes, backslashes and control bytes). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** `map[string]string{"a":"b", "c":"d"}` with sorted keys, or `map[string]string(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

/** `[]string{"a", "b"}` or `[]string(nil)`; `typeName` lets callers print e.g. `[]core.IPFamily`. */
export function goStringSlice(arr: readonly string[] | undefined | null, typeName = '[]string'): string {
  if (arr === undefined || arr === null) return `${typeName}(nil)`;
  return `${typeName}{${arr.map((s) => goQuote(String(s))).join(', ')}}`;
}

interface SelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key?: string; operator?: string; values?: string[] }[];
}

/** `v1.LabelSelector{MatchLabels:..., MatchExpressions:...}` as Go prints a dereferenced selector. */
export function goLabelSelector(sel: SelectorLike | undefined | null): string {
  if (sel === undefined || sel === null) return 'null';
  const exprs =
    sel.matchExpressions === undefined || sel.matchExpressions === null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${sel.matchExpressions
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`,
          )
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** `intstr.IntOrString{Type:0, IntVal:5, StrVal:""}` (Type 1 for strings). */
export function goIntOrString(v: number | string | undefined | null): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`;
}

/** A Go pointer as `%#v` shows it inside a struct: `(*apps.X)(nil)` or `(*apps.X)(0xc000...)`. */
export function goPointer(typeName: string, isNil: boolean): string {
  return isNil ? `(*${typeName})(nil)` : `(*${typeName})(0xc000010000)`;
}

const p = (path: Path | string): string => String(path);

function withValue(type: FieldErrorType, label: string, path: Path | string, repr: string, detail?: string): FieldError {
  return { type, field: p(path), message: `${label}: ${repr}${detail ? `: ${detail}` : ''}` };
}

/** `Invalid value: <repr>: detail`, for values already rendered Go-style. */
export const invalidRepr = (path: Path | string, repr: string, detail?: string): FieldError =>
  withValue('FieldValueInvalid', 'Invalid value', path, repr, detail);

/** `Duplicate value: <repr>` (with an optional detail, as some upstream callers add one). */
export const duplicateRepr = (path: Path | string, repr: string, detail?: string): FieldError =>
  withValue('FieldValueDuplicate', 'Duplicate value', path, repr, detail);

/** `Unsupported value: <repr>: supported values: "a", "b"`. */
export const notSupportedRepr = (path: Path | string, repr: string, valid: readonly string[]): FieldError =>
  withValue(
    'FieldValueNotSupported',
    'Unsupported value',
    path,
    repr,
    valid.length ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : undefined,
  );

/** Field error whose value upstream omits (`field.OmitValueType{}`): just the type and detail. */
export const invalidOmitValue = (path: Path | string, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field: p(path),
  message: `Invalid value: ${detail}`,
});
