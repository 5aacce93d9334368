/**
 * Shared pieces of Pod validation: the validation options upstream derives from feature gates
 * and the old object (`PodValidationOptions`), and small field-error helpers for names, ports
 * and local paths used across the pod validators.
 */
import { type FieldError, Path, invalid } from '../../../api/field.js';
import type { ObjectMeta, PodSpec } from '../../../api/types.js';
import { isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, isRelaxedEnvVarName, isValidLabelValue, isValidPortName, isValidPortNum } from '../names.js';

/** Upstream `PodValidationOptions` (1.32 defaults: relaxed env var names on, everything else off). */
export interface PodValidationOptions {
  allowInvalidPodDeletionCost: boolean;
  allowInvalidLabelValueInSelector: boolean;
  allowIndivisibleHugePagesValues: boolean;
  allowInvalidTopologySpreadConstraintLabelSelector: boolean;
  allowNonLocalProjectedTokenPath: boolean;
  allowNamespacedSysctlsForHostNetAndHostIPC: boolean;
  /** The object being validated is a Pod, not a template embedded in another resource. */
  resourceIsPod: boolean;
  allowRelaxedEnvironmentVariableValidation: boolean;
  allowRelaxedDNSSearchValidation: boolean;
  allowPodLifecycleSleepActionZeroValue: boolean;
  allowOnlyRecursiveSELinuxChangePolicy: boolean;
  allowSidecarResizePolicy: boolean;
}

/** The options for a create with 1.32's default feature gates. */
export function defaultPodValidationOptions(resourceIsPod = false): PodValidationOptions {
  return {
    allowInvalidPodDeletionCost: false,
    allowInvalidLabelValueInSelector: false,
    allowIndivisibleHugePagesValues: false,
    allowInvalidTopologySpreadConstraintLabelSelector: false,
    allowNonLocalProjectedTokenPath: false,
    allowNamespacedSysctlsForHostNetAndHostIPC: false,
    resourceIsPod,
    allowRelaxedEnvironmentVariableValidation: true,
    allowRelaxedDNSSearchValidation: false,
    allowPodLifecycleSleepActionZeroValue: false,
    allowOnlyRecursiveSELinuxChangePolicy: true,
    allowSidecarResizePolicy: false,
  };
}

/**
 * Upstream `GetValidationOptionsFromPodSpecAndMeta`: on update, tolerate invalid data the old
 * object already carried (label values in affinity selectors, deletion cost, sleep 0, ...).
 */
export function podValidationOptions(
  oldSpec?: PodSpec,
  oldMeta?: ObjectMeta,
  resourceIsPod = false,
): PodValidationOptions {
  const opts = defaultPodValidationOptions(resourceIsPod);
  if (oldSpec) {
    const badValues = (sel: { matchExpressions?: { values?: string[] }[] } | undefined): boolean =>
      (sel?.matchExpressions ?? []).some((e) => (e.values ?? []).some((v) => isValidLabelValue(v).length > 0));
    const aff = oldSpec.affinity;
    const terms = [
      ...(aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
      ...(aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
      ...(aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => t.podAffinityTerm),
      ...(aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => t.podAffinityTerm),
    ];
    opts.allowInvalidLabelValueInSelector = terms.some((t) => badValues(t?.labelSelector) || badValues(t?.namespaceSelector));
    opts.allowInvalidTopologySpreadConstraintLabelSelector = (oldSpec.topologySpreadConstraints ?? []).some((c) =>
      badValues(c.labelSelector),
    );
    opts.allowNonLocalProjectedTokenPath = (oldSpec.volumes ?? []).some((v) =>
      (v.projected?.sources ?? []).some((s) => s.serviceAccountToken && validateLocalNonReservedPathMsgs(s.serviceAccountToken.path).length > 0),
    );
    opts.allowSidecarResizePolicy = (oldSpec.initContainers ?? []).some(
      (c) => c.restartPolicy === 'Always' && (c as { resizePolicy?: unknown }).resizePolicy !== undefined,
    );
  }
  if (oldMeta) opts.allowInvalidPodDeletionCost = !validDeletionCost(oldMeta.annotations);
  return opts;
}

/** Upstream `GetDeletionCostFromPodAnnotations` succeeding: absent, or a canonical 32-bit integer. */
export function validDeletionCost(annotations: Record<string, string> | undefined): boolean {
  const v = annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  if (v === undefined) return true;
  const firstOk = v.startsWith('-') || v === '0' || (v[0]! >= '1' && v[0]! <= '9');
  if (!firstOk || !/^-?[0-9]+$/.test(v)) return false;
  const n = Number(v);
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}

/** Upstream `fileModeErrorMsg`. */
export const FILE_MODE_ERROR_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';
/** Upstream `isNotPositiveErrorMsg`. */
export const IS_NOT_POSITIVE_ERROR_MSG = 'must be greater than zero';

/** Maps a list of upstream messages to Invalid errors on one field. */
export const invalids = (path: Path, value: unknown, msgs: string[]): FieldError[] => msgs.map((m) => invalid(path, value, m));

/** Upstream `ValidateDNS1123Label`. */
export const validateDNS1123Label = (value: string, path: Path): FieldError[] => invalids(path, value, isDNS1123Label(value));
/** Upstream `ValidateDNS1123Subdomain`. */
export const validateDNS1123Subdomain = (value: string, path: Path): FieldError[] => invalids(path, value, isDNS1123Subdomain(value));
/** Upstream `ValidateQualifiedName`. */
export const validateQualifiedName = (value: string, path: Path): FieldError[] => invalids(path, value, isQualifiedName(value));

/** Env var names and prefixes: relaxed (printable ASCII but '=') or strict per the options. */
export function validateEnvVarName(value: string, path: Path, opts: PodValidationOptions): FieldError[] {
  return invalids(path, value, opts.allowRelaxedEnvironmentVariableValidation ? isRelaxedEnvVarName(value) : isEnvVarName(value));
}

/** Upstream `ValidatePortNumOrName` for an IntOrString port. */
export function validatePortNumOrName(port: unknown, path: Path): FieldError[] {
  if (typeof port === 'number') return invalids(path, port, isValidPortNum(port));
  if (typeof port === 'string') return invalids(path, port, isValidPortName(port));
  return invalids(path, 0, isValidPortNum(0));
}

/** Upstream `validatePathNoBacksteps`: no `..` element. */
export function validatePathNoBacksteps(target: string, path: Path): FieldError[] {
  return target.split(/[\\/]/).includes('..') ? [invalid(path, target, "must not contain '..'")] : [];
}

/** Upstream `validateLocalDescendingPath`: relative and without `..` elements. */
export function validateLocalDescendingPath(target: string, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalid(path, target, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

/** Upstream `ValidateLocalNonReservedPath`: a local descending path that does not start with `..`. */
export function validateLocalNonReservedPath(target: string, path: Path): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(path, target, "must not start with '..'"));
  return errs;
}

function validateLocalNonReservedPathMsgs(target: string | undefined): FieldError[] {
  return validateLocalNonReservedPath(target ?? '', new Path(''));
}

/** A file mode must be within 0..0777. */
export function validateFileMode(mode: number | undefined | null, path: Path): FieldError[] {
  return typeof mode === 'number' && (mode > 0o777 || mode < 0) ? [invalid(path, mode, FILE_MODE_ERROR_MSG)] : [];
}
