/**
 * Compute resource validation for containers and pods: resource names (standard, hugepages,
 * extended), quantity values, requests ≤ limits, hugepage rules and claim references, after
 * upstream `validateResourceRequirements` and its helpers.
 */
import { type FieldError, type Path, duplicate, forbidden, invalid, notFound, required } from '../../../api/field.js';
import { type Quantity, quantityFromJSON } from '../../../api/quantity.js';
import { isQualifiedName } from '../names.js';
import { type PodValidationOptions, IS_NOT_POSITIVE_ERROR_MSG, validateDNS1123Label } from './common.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set([
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

/** Resource names starting with `hugepages-`. */
export const isHugePageResourceName = (name: string): boolean => name.startsWith('hugepages-');
/** Unprefixed names and `kubernetes.io/` names are native. */
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
/** Native and not hugepages: requests may be below limits. */
export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name);

/** Upstream `IsExtendedResourceName`: a non-native, non-`requests.` qualified name. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** Upstream `IsStandardResourceName`. */
export const isStandardResourceName = (name: string): boolean =>
  STANDARD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');

const isIntegerResourceName = (name: string): boolean => INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);

/** Upstream `validateResourceName`: qualified, and standard unless fully qualified. */
export function validateResourceName(name: string, path: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length > 0) return errs;
  if (name.split('/').length === 1 && !isStandardResourceName(name)) {
    return [invalid(path, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

/** Upstream `validateContainerResourceName`. */
export function validateContainerResourceName(name: string, path: Path): FieldError[] {
  const errs = validateResourceName(name, path);
  if (name.split('/').length === 1) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResourceName(name)) {
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/**
 * Parses a quantity from a resource list or quantity field; a malformed one yields an Invalid
 * error with the parser's message (a real API server rejects it when decoding, with a 400).
 */
export function parseQuantityField(value: unknown, path: Path, errs: FieldError[]): Quantity | undefined {
  try {
    return quantityFromJSON(value);
  } catch (e) {
    errs.push(invalid(path, value, (e as Error).message));
    return undefined;
  }
}

/** Upstream `ValidateResourceQuantityValue`: non-negative, and integral for integer resources. */
export function validateResourceQuantityValue(resource: string, q: Quantity, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(invalid(path, q.toString(), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(resource) && q.scaledValue(-3) % 1000n !== 0n) errs.push(invalid(path, q.toString(), 'must be an integer'));
  return errs;
}

/** Upstream `ValidatePositiveQuantityValue`. */
export function validatePositiveQuantityValue(q: Quantity, path: Path): FieldError[] {
  return q.sign() <= 0 ? [invalid(path, q.toString(), IS_NOT_POSITIVE_ERROR_MSG)] : [];
}

function hugePageError(name: string, q: Quantity, opts: PodValidationOptions): string | undefined {
  if (!isHugePageResourceName(name) || opts.allowIndivisibleHugePagesValues) return undefined;
  let ok: boolean;
  try {
    const page = quantityFromJSON(name.slice('hugepages-'.length));
    ok = page.sign() > 0 && page.scaledValue(-3) % 1000n === 0n && q.scaledValue(0) % page.scaledValue(0) === 0n;
  } catch {
    ok = false;
  }
  return ok ? undefined : `${q.toString()} is not positive integer multiple of ${name}`;
}

interface Requirements {
  limits?: Record<string, string>;
  requests?: Record<string, string>;
  claims?: { name?: string; request?: string }[];
}

/** Upstream `ValidateContainerResourceRequirements` (also used for `spec.overhead`). */
export function validateContainerResourceRequirements(
  req: Requirements | undefined,
  podClaimNames: Set<string>,
  path: Path,
  opts: PodValidationOptions,
): FieldError[] {
  const errs: FieldError[] = [];
  const r = req ?? {};
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limits = new Map<string, Quantity>();
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, raw] of Object.entries(r.limits ?? {})) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = parseQuantityField(raw, p, errs);
    if (!q) continue;
    limits.set(name, q);
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePageResourceName(name)) {
      hugePages = true;
      const msg = hugePageError(name, q, opts);
      if (msg) errs.push(invalid(p, q.toString(), msg));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, raw] of Object.entries(r.requests ?? {})) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = parseQuantityField(raw, p, errs);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    const limit = limits.get(name);
    if (limit) {
      if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name) && !(name in (r.limits ?? {}))) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) {
      hugePages = true;
      const msg = hugePageError(name, q, opts);
      if (msg) errs.push(invalid(p, q.toString(), msg));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  errs.push(...validateResourceClaimNames(r.claims, podClaimNames, path.child('claims')));
  return errs;
}

/** Upstream `validateResourceClaimNames`: each claim refers to a `spec.resourceClaims` entry, once. */
function validateResourceClaimNames(
  claims: { name?: string; request?: string }[] | undefined,
  podClaimNames: Set<string>,
  path: Path,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (claims ?? []).forEach((claim, i) => {
    const name = claim.name ?? '';
    if (!name) {
      errs.push(required(path.index(i), ''));
      return;
    }
    if (names.has(name)) {
      errs.push(duplicate(path.index(i), name));
    } else {
      let key = name;
      if (claim.request) {
        errs.push(...validateDNS1123Label(claim.request, path.index(i).child('request')));
        key += `/${claim.request}`;
      }
      if (names.has(key)) errs.push(duplicate(path.index(i), key));
      else if (!claim.request) {
        for (const k of names) if (k.includes('/') && k.slice(0, k.indexOf('/')) === name) errs.push(duplicate(path.index(i), name));
      }
      names.add(key);
    }
    if (!podClaimNames.has(name)) {
      const e = notFound(path.index(i), name);
      const list = [...podClaimNames].sort();
      e.message += `: must be one of the names in pod.spec.resourceClaims${list.length === 0 ? ' which is empty' : `: ${list.join(', ')}`}`;
      errs.push(e);
    }
  });
  return errs;
}
