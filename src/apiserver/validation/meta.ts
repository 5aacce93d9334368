/**
 * Validation of `metadata` and label selectors, after upstream's `ValidateObjectMeta`,
 * `ValidateObjectMetaUpdate` (apimachinery `pkg/api/validation` plus the core-API finalizer
 * check) and `metav1validation.ValidateLabelSelector`, with upstream's paths and messages.
 */
import { type FieldError, type Path, forbidden, invalid, required, tooLong } from '../../api/field.js';
import type { LabelSelector, ObjectMeta, OwnerReference } from '../../api/types.js';
import { goPointer, goQuote, goStringSlice, invalidRepr } from './gorepr.js';
import { type NameFn, isQualifiedName, isValidLabelValue, nameIsDNSLabel } from './names.js';

/** Upstream `FieldImmutableErrorMsg`. */
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';
/** Upstream `IsNegativeErrorMsg`. */
export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
/** Upstream `TotalAnnotationSizeLimitB`: 256 KiB over all keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

/** Namespace names must be DNS-1123 labels (upstream `ValidateNamespaceName`). */
export const validateNamespaceName: NameFn = nameIsDNSLabel;

const byteLen = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Upstream `ValidateNonnegativeField`: `must be greater than or equal to 0`. */
export function validateNonnegativeField(value: number | undefined | null, path: Path): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(path, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

/** Go's `time.Time.String()` for an RFC 3339 timestamp (`2022-05-06 07:48:34 +0000 UTC`). */
export function goTimeString(ts: string): string {
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) return goQuote(ts);
  const d = new Date(ms);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const frac = ts.match(/\.(\d+)/)?.[1]?.replace(/0+$/, '');
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac ? `.${frac}` : ''} +0000 UTC`
  );
}

/** Structural equality with upstream's semantic rules: absent, null, `[]` and `{}` are all "empty". */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown): boolean =>
    v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);
  if (empty(a) && empty(b)) return true;
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Upstream `ValidateImmutableField` for scalar fields: `Invalid value: <new>: field is immutable`. */
export function validateImmutableField(newVal: unknown, oldVal: unknown, path: Path): FieldError[] {
  return semanticEqual(newVal, oldVal) ? [] : [invalid(path, newVal, FIELD_IMMUTABLE_ERROR_MSG)];
}

/** Upstream `ValidateLabelName`: a label key must be a qualified name. */
export function validateLabelName(key: string, path: Path): FieldError[] {
  return isQualifiedName(key).map((m) => invalid(path, key, m));
}

/** Upstream `ValidateLabels`: keys are qualified names and values valid label values (errors on the map's path). */
export function validateLabels(labels: Record<string, string> | undefined | null, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, path));
    errs.push(...isValidLabelValue(String(v)).map((m) => invalid(path, v, m)));
  }
  return errs;
}

/** Upstream `ValidateAnnotations`: case-insensitive qualified-name keys and a 256 KiB total size. */
export function validateAnnotations(annotations: Record<string, string> | undefined | null, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    errs.push(...isQualifiedName(k.toLowerCase()).map((m) => invalid(path, k, m)));
    total += byteLen(k) + byteLen(String(v ?? ''));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** Parses `group/version` as upstream `schema.ParseGroupVersion`; null when malformed. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } | null {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0]! };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  return null;
}

function goOwnerReference(r: OwnerReference): string {
  return (
    `v1.OwnerReference{APIVersion:${goQuote(r.apiVersion ?? '')}, Kind:${goQuote(r.kind ?? '')}, ` +
    `Name:${goQuote(r.name ?? '')}, UID:${goQuote(r.uid ?? '')}, ` +
    `Controller:${goPointer('bool', r.controller === undefined || r.controller === null)}, ` +
    `BlockOwnerDeletion:${goPointer('bool', r.blockOwnerDeletion === undefined || r.blockOwnerDeletion === null)}}`
  );
}

/** Upstream `ValidateOwnerReferences`: required parts, banned owners, at most one controller. */
export function validateOwnerReferences(refs: OwnerReference[] | undefined | null, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const gv = parseGroupVersion(ref.apiVersion ?? '') ?? { group: '', version: '' };
    if (gv.version === '') errs.push(invalid(path.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(path.child('kind'), ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(path.child('name'), ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(path.child('uid'), ref.uid ?? '', 'uid must not be empty'));
    if (gv.group === '' && gv.version === 'v1' && ref.kind === 'Event') {
      errs.push(invalidRepr(path, goOwnerReference(ref), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const cur = `${ref.kind ?? ''}/${ref.name ?? ''}`;
      if (firstController !== '') {
        errs.push(
          invalidRepr(
            path,
            `[]v1.OwnerReference{${(refs ?? []).map(goOwnerReference).join(', ')}}`,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
          ),
        );
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** Upstream `ValidateFinalizers`: qualified names, not both `orphan` and `foregroundDeletion`. */
export function validateFinalizers(finalizers: string[] | undefined | null, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list) errs.push(...isQualifiedName(f).map((m) => invalid(path, f, m)));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalidRepr(path, goStringSlice(list), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** The core API's extra finalizer rule: an unqualified name must be a standard one. */
export function validateKubeFinalizerName(name: string, path: Path): FieldError[] {
  if (name.split('/').length === 1 && !STANDARD_FINALIZERS.has(name)) {
    return [invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

interface ManagedFieldsLike {
  operation?: string;
  fieldsType?: string;
  manager?: string;
  subresource?: string;
}

/** Upstream `ValidateManagedFields`: operation, fieldsType, manager and subresource shape. */
export function validateManagedFields(entries: ManagedFieldsLike[] | undefined | null, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (entries ?? []).forEach((e, i) => {
    const p = path.index(i);
    if (e.operation !== 'Apply' && e.operation !== 'Update') {
      errs.push(invalid(p.child('operation'), e.operation ?? '', 'must be `Apply` or `Update`'));
    }
    if (e.fieldsType && e.fieldsType !== 'FieldsV1') errs.push(invalid(p.child('fieldsType'), e.fieldsType, 'must be `FieldsV1`'));
    const manager = e.manager ?? '';
    if (byteLen(manager) > 128) errs.push(tooLong(p.child('manager'), '', 128));
    let pos = 0;
    for (const ch of manager) {
      const c = ch.codePointAt(0)!;
      if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
        const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
        errs.push(invalid(p.child('manager'), manager, `invalid character ${hex} (at position ${pos})`));
      }
      pos += byteLen(ch);
    }
    if (byteLen(e.subresource ?? '') > 256) errs.push(tooLong(p.child('subresource'), '', 256));
  });
  return errs;
}

/** Options of `validateObjectMeta`: the resource's scope and its name rule. */
export interface ObjectMetaOptions {
  namespaced: boolean;
  nameFn: NameFn;
}

/** Upstream core `ValidateObjectMeta` for a create: name/generateName, namespace by scope, labels, annotations, owners, finalizers. */
export function validateObjectMeta(meta: ObjectMeta | undefined, opts: ObjectMetaOptions, path: Path): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    errs.push(...opts.nameFn(m.generateName, true).map((msg) => invalid(path.child('generateName'), m.generateName, msg)));
  }
  if (!m.name) errs.push(required(path.child('name'), 'name or generateName is required'));
  else errs.push(...opts.nameFn(m.name, false).map((msg) => invalid(path.child('name'), m.name, msg)));
  if (opts.namespaced) {
    if (!m.namespace) errs.push(required(path.child('namespace'), ''));
    else errs.push(...validateNamespaceName(m.namespace, false).map((msg) => invalid(path.child('namespace'), m.namespace, msg)));
  } else if (m.namespace) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegativeField(m.generation, path.child('generation')));
  errs.push(...validateCommonMeta(m, path));
  errs.push(...validateFinalizers(m.finalizers, path.child('finalizers')));
  errs.push(...validateManagedFields(m.managedFields, path.child('managedFields')));
  (m.finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, path.child('finalizers').index(i))));
  return errs;
}

function validateCommonMeta(m: ObjectMeta, path: Path): FieldError[] {
  return [
    ...validateLabels(m.labels, path.child('labels')),
    ...validateAnnotations(m.annotations, path.child('annotations')),
    ...validateOwnerReferences(m.ownerReferences, path.child('ownerReferences')),
  ];
}

const sameInstant = (a: string | undefined | null, b: string | undefined | null): boolean =>
  (a ?? '') === (b ?? '') || (!!a && !!b && Date.parse(a) === Date.parse(b));

/** Upstream core `ValidateObjectMetaUpdate`: identity fields immutable, RV present, generation not decremented. */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, path: Path): FieldError[] {
  const m = meta ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const extra = [...new Set(m.finalizers ?? [])].filter((f) => !(o.finalizers ?? []).includes(f)).sort();
    if (extra.length > 0) {
      errs.push(
        forbidden(
          path.child('finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`,
        ),
      );
    }
  }
  if (!m.resourceVersion) errs.push(invalid(path.child('resourceVersion'), m.resourceVersion ?? '', 'must be specified for an update'));
  if ((m.generation ?? 0) < (o.generation ?? 0)) {
    errs.push(invalid(path.child('generation'), m.generation ?? 0, 'must not be decremented'));
  }
  errs.push(...validateImmutableField(m.name ?? '', o.name ?? '', path.child('name')));
  errs.push(...validateImmutableField(m.namespace ?? '', o.namespace ?? '', path.child('namespace')));
  errs.push(...validateImmutableField(m.uid ?? '', o.uid ?? '', path.child('uid')));
  if (!sameInstant(m.creationTimestamp, o.creationTimestamp)) {
    const repr = m.creationTimestamp ? goTimeString(m.creationTimestamp) : '0001-01-01 00:00:00 +0000 UTC';
    errs.push(invalidRepr(path.child('creationTimestamp'), repr, FIELD_IMMUTABLE_ERROR_MSG));
  }
  if (!sameInstant(m.deletionTimestamp, o.deletionTimestamp)) {
    errs.push(invalidRepr(path.child('deletionTimestamp'), m.deletionTimestamp ? goTimeString(m.deletionTimestamp) : 'null', FIELD_IMMUTABLE_ERROR_MSG));
  }
  if ((m.deletionGracePeriodSeconds ?? null) !== (o.deletionGracePeriodSeconds ?? null)) {
    errs.push(invalid(path.child('deletionGracePeriodSeconds'), m.deletionGracePeriodSeconds ?? null, FIELD_IMMUTABLE_ERROR_MSG));
  }
  errs.push(...validateCommonMeta(m, path));
  errs.push(...validateManagedFields(m.managedFields, path.child('managedFields')));
  (m.finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, path.child('finalizers').index(i))));
  return errs;
}

/** Upstream `ValidateTemplateObjectMeta`: only labels and annotations may be set. */
export function validateTemplateObjectMeta(meta: ObjectMeta | undefined, path: Path): FieldError[] {
  const m = meta ?? {};
  const errs = [...validateAnnotations(m.annotations, path.child('annotations')), ...validateLabels(m.labels, path.child('labels'))];
  for (const [k, v] of Object.entries(m)) {
    if (k === 'labels' || k === 'annotations' || semanticEqual(v, undefined) || v === '' || v === 0) continue;
    errs.push(forbidden(path.child(k), 'cannot be set'));
  }
  return errs;
}

/** Options of `validateLabelSelector` (upstream `LabelSelectorValidationOptions`). */
export interface LabelSelectorOptions {
  allowInvalidLabelValueInSelector?: boolean;
  allowUnknownOperatorInRequirement?: boolean;
}

type SelectorRequirement = NonNullable<LabelSelector['matchExpressions']>[number];

/** Upstream `ValidateLabelSelectorRequirement`: operator/values consistency, key and values syntax. */
export function validateLabelSelectorRequirement(
  req: SelectorRequirement,
  opts: LabelSelectorOptions,
  path: Path,
): FieldError[] {
  const errs: FieldError[] = [];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    default:
      if (!opts.allowUnknownOperatorInRequirement) {
        errs.push(invalid(path.child('operator'), req.operator ?? '', 'not a valid selector operator'));
      }
  }
  errs.push(...validateLabelName(req.key ?? '', path.child('key')));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => errs.push(...isValidLabelValue(v).map((m) => invalid(path.child('values').index(i), v, m))));
  }
  return errs;
}

/** Upstream `metav1validation.ValidateLabelSelector`: matchLabels and each matchExpressions entry. */
export function validateLabelSelector(
  sel: LabelSelector | undefined | null,
  path: Path,
  opts: LabelSelectorOptions = {},
): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, path.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((e, i) =>
    errs.push(...validateLabelSelectorRequirement(e, opts, path.child('matchExpressions').index(i))),
  );
  return errs;
}
