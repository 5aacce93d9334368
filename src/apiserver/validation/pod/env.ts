/**
 * Container environment validation (`env`, `envFrom`, `valueFrom` sources) and the downward
 * API selectors shared with volumes, after upstream `ValidateEnv`, `ValidateEnvFrom`,
 * `validateObjectFieldSelector` and `validateContainerResourceFieldSelector`.
 */
import { type FieldError, type Path, invalid, notSupported, required } from '../../../api/field.js';
import type { Container } from '../../../api/types.js';
import { quantityFromJSON } from '../../../api/quantity.js';
import { isConfigMapKey, nameIsDNSSubdomain } from '../names.js';
import { type PodValidationOptions, invalids, validateEnvVarName, validateQualifiedName } from './common.js';

type Dict = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];
const CONVERTIBLE_LABELS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

/** Upstream `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['x']` → path and subscript. */
export function splitSubscriptedPath(fieldPath: string): { path: string; subscript: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return undefined;
  return { path: s.slice(0, i), subscript: s.slice(i + 2) };
}

/** Upstream `ConvertDownwardAPIFieldLabel`: the internal field path, or an error message. */
function convertFieldLabel(version: string, label: string): { path: string } | { error: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const sub = splitSubscriptedPath(label);
  if (sub) {
    return sub.path === 'metadata.annotations' || sub.path === 'metadata.labels'
      ? { path: label }
      : { error: `field label does not support subscript: ${label}` };
  }
  if (CONVERTIBLE_LABELS.has(label)) return { path: label };
  if (label === 'spec.host') return { path: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

/** Upstream `validateObjectFieldSelector` with the allowed expressions of the caller. */
export function validateObjectFieldSelector(fs: Dict, expressions: string[], path: Path): FieldError[] {
  if (!str(fs.apiVersion)) return [required(path.child('apiVersion'), '')];
  if (!str(fs.fieldPath)) return [required(path.child('fieldPath'), '')];
  const converted = convertFieldLabel(str(fs.apiVersion), str(fs.fieldPath));
  if ('error' in converted) return [invalid(path.child('fieldPath'), fs.fieldPath, `error converting fieldPath: ${converted.error}`)];
  const sub = splitSubscriptedPath(converted.path);
  if (sub) {
    if (sub.path === 'metadata.annotations') return validateQualifiedName(sub.subscript.toLowerCase(), path);
    if (sub.path === 'metadata.labels') return validateQualifiedName(sub.subscript, path);
    return [invalid(path, sub.path, 'does not support subscript')];
  }
  if (!expressions.includes(converted.path)) return [notSupported(path.child('fieldPath'), converted.path, [...expressions].sort())];
  return [];
}

const DIVISORS_BYTES = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const BYTES_LIST = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

/** Upstream `validateContainerResourceFieldSelector` (`volume` requires `containerName`). */
export function validateResourceFieldSelector(fs: Dict, path: Path, volume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const resource = str(fs.resource);
  const hugePrefix = resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-');
  if (volume && !str(fs.containerName)) errs.push(required(path.child('containerName'), ''));
  else if (!resource) errs.push(required(path.child('resource'), ''));
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !hugePrefix) {
    errs.push(notSupported(path.child('resource'), resource, RESOURCE_FIELD_PATHS));
  }
  let divisor: string;
  try {
    const q = quantityFromJSON(fs.divisor ?? '0');
    if (q.isZero()) return errs;
    divisor = q.toString();
  } catch (e) {
    errs.push(invalid(path.child('divisor'), fs.divisor, (e as Error).message));
    return errs;
  }
  const bad = (what: string): FieldError =>
    invalid(path.child('divisor'), resource, `only divisor's values ${BYTES_LIST} are supported with the ${what} resource`);
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    if (divisor !== '1m' && divisor !== '1') {
      errs.push(invalid(path.child('divisor'), resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
    }
  } else if ((resource === 'limits.memory' || resource === 'requests.memory') && !DIVISORS_BYTES.includes(divisor)) {
    errs.push(bad('memory'));
  } else if ((resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') && !DIVISORS_BYTES.includes(divisor)) {
    errs.push(bad('local ephemeral storage'));
  }
  if (hugePrefix && !DIVISORS_BYTES.includes(divisor)) errs.push(bad('hugepages'));
  return errs;
}

function validateKeySelector(s: Dict, path: Path): FieldError[] {
  const errs = invalids(path.child('name'), str(s.name), nameIsDNSSubdomain(str(s.name), false));
  if (!str(s.key)) errs.push(required(path.child('key'), ''));
  else errs.push(...invalids(path.child('key'), s.key, isConfigMapKey(str(s.key))));
  return errs;
}

/** Upstream `ValidateEnv`: names, and exactly one `valueFrom` source that excludes `value`. */
export function validateEnv(vars: Container['env'], path: Path, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const p = path.index(i);
    if (!ev.name) errs.push(required(p.child('name'), ''));
    else errs.push(...validateEnvVarName(ev.name, p.child('name'), opts));
    const from = ev.valueFrom as Dict | undefined;
    if (!from) return;
    const fp = p.child('valueFrom');
    let n = 0;
    if (from.fieldRef) {
      n++;
      errs.push(...validateObjectFieldSelector(from.fieldRef as Dict, ENV_FIELD_PATHS, fp.child('fieldRef')));
    }
    if (from.resourceFieldRef) {
      n++;
      errs.push(...validateResourceFieldSelector(from.resourceFieldRef as Dict, fp.child('resourceFieldRef'), false));
    }
    if (from.configMapKeyRef) {
      n++;
      errs.push(...validateKeySelector(from.configMapKeyRef as Dict, fp.child('configMapKeyRef')));
    }
    if (from.secretKeyRef) {
      n++;
      errs.push(...validateKeySelector(from.secretKeyRef as Dict, fp.child('secretKeyRef')));
    }
    if (n === 0) {
      errs.push(invalid(fp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    } else if (ev.value) {
      errs.push(invalid(fp, '', 'may not be specified when `value` is not empty'));
    } else if (n > 1) {
      errs.push(invalid(fp, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

/** Upstream `ValidateEnvFrom`: prefix syntax and exactly one of configMapRef/secretRef. */
export function validateEnvFrom(sources: Container['envFrom'], path: Path, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  (sources ?? []).forEach((ev, i) => {
    const p = path.index(i);
    if (ev.prefix) errs.push(...validateEnvVarName(ev.prefix, p.child('prefix'), opts));
    let n = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      const ref = ev[kind];
      if (!ref) continue;
      n++;
      if (!ref.name) errs.push(required(p.child(kind).child('name'), ''));
      else errs.push(...invalids(p.child(kind).child('name'), ref.name, nameIsDNSSubdomain(ref.name, true)));
    }
    if (n === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
