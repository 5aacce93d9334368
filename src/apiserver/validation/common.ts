/**
 * Small validation helpers shared by the non-Pod resources: Go-style semantic equality,
 * immutable-field checks, label selector matching, IntOrString percent handling and port
 * number-or-name checks, each producing upstream's messages.
 */
import type { FieldError, Path } from '../../api/field.js';
import { forbidden, invalid, notSupported, required } from '../../api/field.js';
import type { LabelSelector, PodTemplateSpec } from '../../api/types.js';
import { isQualifiedName, isValidLabelValue, isValidPercent, isValidPortName, isValidPortNum } from './names.js';
import { goIntOrString, invalidRepr } from './gorepr.js';

/** Upstream's `FieldImmutableErrorMsg`. */
export const FIELD_IMMUTABLE = 'field is immutable';

function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/**
 * Equality as `apiequality.Semantic.DeepEqual` sees decoded JSON: absent, null and zero values
 * are equal, and nil and empty slices or maps are equal.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  const aObj = typeof a === 'object' && a !== null;
  const bObj = typeof b === 'object' && b !== null;
  if (aObj || bObj) {
    const ao = (aObj ? a : {}) as Record<string, unknown>;
    const bo = (bObj ? b : {}) as Record<string, unknown>;
    if (!aObj && !isEmptyValue(a)) return false;
    if (!bObj && !isEmptyValue(b)) return false;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
    return true;
  }
  return a === b;
}

/**
 * `ValidateImmutableField`: when the values differ, `Invalid value: <new>: field is immutable`.
 * `repr` renders the new value Go-style when the default quoting does not fit.
 */
export function validateImmutable(
  newVal: unknown,
  oldVal: unknown,
  path: Path,
  repr?: (v: unknown) => string,
): FieldError[] {
  if (semanticEqual(newVal, oldVal)) return [];
  return [repr ? invalidRepr(path, repr(newVal), FIELD_IMMUTABLE) : invalid(path, newVal, FIELD_IMMUTABLE)];
}

/** A label selector converted for matching (`metav1.LabelSelectorAsSelector`). */
export interface Selector {
  /** False when conversion fails (bad operator, key or value). */
  ok: boolean;
  /** True for the "everything" selector (`{}`). */
  empty: boolean;
  matches(labels: Record<string, string> | undefined): boolean;
}

/** Converts a LabelSelector; nil selects nothing, `{}` selects everything. */
export function labelSelectorAsSelector(sel: LabelSelector | undefined | null): Selector {
  if (sel === undefined || sel === null) return { ok: true, empty: false, matches: () => false };
  const ml = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  let ok = true;
  for (const [k, v] of Object.entries(ml)) {
    if (isQualifiedName(k).length || isValidLabelValue(String(v)).length) ok = false;
  }
  for (const e of exprs) {
    const values = e.values ?? [];
    if (isQualifiedName(e.key ?? '').length) ok = false;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) ok = false;
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length !== 0) ok = false;
        break;
      default:
        ok = false;
    }
    for (const v of values) if (isValidLabelValue(v).length) ok = false;
  }
  const empty = Object.keys(ml).length === 0 && exprs.length === 0;
  const matches = (labels: Record<string, string> | undefined): boolean => {
    const l = labels ?? {};
    for (const [k, v] of Object.entries(ml)) if (l[k] !== v) return false;
    for (const e of exprs) {
      const has = Object.prototype.hasOwnProperty.call(l, e.key);
      const values = e.values ?? [];
      if (e.operator === 'In' && !(has && values.includes(l[e.key]!))) return false;
      if (e.operator === 'NotIn' && has && values.includes(l[e.key]!)) return false;
      if (e.operator === 'Exists' && !has) return false;
      if (e.operator === 'DoesNotExist' && has) return false;
    }
    return true;
  };
  return { ok, empty, matches };
}

/** True when every key/value of a map selector is present in `labels` (`labels.Set.AsSelector`). */
export function mapSelectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return Object.entries(selector ?? {}).every(([k, v]) => l[k] === v);
}

const PERCENT_RE = /^[0-9]+%$/;

/** `getIntOrPercentValue`: the number, or the percentage number for valid percent strings. */
export function intOrPercentValue(v: number | string | undefined): number {
  if (typeof v === 'string') {
    if (PERCENT_RE.test(v)) return Number(v.slice(0, -1));
    const n = Number(v);
    return Number.isInteger(n) && v.trim() !== '' ? n : 0;
  }
  return typeof v === 'number' ? v : 0;
}

/** `ValidatePositiveIntOrPercent`: ints must be >= 0, strings a valid percent. */
export function validatePositiveIntOrPercent(v: number | string | undefined, path: Path): FieldError[] {
  if (typeof v === 'string') {
    return isValidPercent(v).map((m) => invalidRepr(path, goIntOrString(v), m));
  }
  if (typeof v === 'number' && v < 0) return [invalid(path, v, 'must be greater than or equal to 0')];
  return [];
}

/** `IsNotMoreThan100Percent`. */
export function validateNotMoreThan100Percent(v: number | string | undefined, path: Path): FieldError[] {
  if (typeof v !== 'string' || !PERCENT_RE.test(v)) return [];
  return Number(v.slice(0, -1)) <= 100 ? [] : [invalidRepr(path, goIntOrString(v), 'must not be greater than 100%')];
}

/** `ValidatePortNumOrName`: a number in 1..65535 or an IANA service name. */
export function validatePortNumOrName(port: number | string | undefined, path: Path): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((m) => invalid(path, n, m));
}

/** Required-if-empty helper: `Required value` when the string is missing or empty. */
export function requireString(v: string | undefined | null, path: Path, detail?: string): FieldError[] {
  return v === undefined || v === null || v === '' ? [required(path, detail)] : [];
}

/** restartPolicy must be Always and activeDeadlineSeconds unset (`... in <kind> is not Supported`). */
export function validateRestartPolicyAlways(template: PodTemplateSpec, specPath: Path, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const rp = template.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(notSupported(specPath.child('restartPolicy'), rp, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec?.activeDeadlineSeconds !== null) {
    errs.push(forbidden(specPath.child('activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

