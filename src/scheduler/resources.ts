/**
 * Resource amounts as the scheduler counts them (upstream's framework.Resource): CPU in
 * millicores, memory and ephemeral storage in bytes, an allowed pod count, and "scalar"
 * resources (extended resources, hugepages, prefixed native and attachable-volume resources)
 * in whole units. Plain numbers keep the hot path cheap; quantities are parsed exactly first.
 */
import { isQualifiedName } from '../api/labels.js';
import { type Quantity, tryParseQuantity } from '../api/quantity.js';

/** One node's or pod's resource amounts. */
export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  allowedPodNumber = 0;
  scalars = new Map<string, number>();

  /** Builds a Resource from a ResourceList (node allocatable, or a computed pod request). */
  static from(list: ReadonlyMap<string, Quantity> | Record<string, string> | undefined): Resource {
    const r = new Resource();
    if (!list) return r;
    const entries = list instanceof Map ? [...list.entries()] : Object.entries(list).map(([k, v]) => [k, tryParseQuantity(String(v))] as const);
    for (const [name, q] of entries) {
      if (!q) continue;
      switch (name) {
        case 'cpu':
          r.milliCPU += q.milliValue();
          break;
        case 'memory':
          r.memory += q.value();
          break;
        case 'pods':
          r.allowedPodNumber += q.value();
          break;
        case 'ephemeral-storage':
          r.ephemeralStorage += q.value();
          break;
        default:
          if (isScalarResourceName(name)) r.scalars.set(name, (r.scalars.get(name) ?? 0) + q.value());
      }
    }
    return r;
  }

  /** Adds (sign 1) or subtracts (sign -1) another amount in place. */
  add(other: Resource, sign: 1 | -1 = 1): void {
    this.milliCPU += sign * other.milliCPU;
    this.memory += sign * other.memory;
    this.ephemeralStorage += sign * other.ephemeralStorage;
    this.allowedPodNumber += sign * other.allowedPodNumber;
    for (const [k, v] of other.scalars) this.scalars.set(k, (this.scalars.get(k) ?? 0) + sign * v);
  }

  /** True when nothing at all is requested (the pods-count check is then the only one). */
  isZero(): boolean {
    if (this.milliCPU !== 0 || this.memory !== 0 || this.ephemeralStorage !== 0) return false;
    for (const v of this.scalars.values()) if (v !== 0) return false;
    return true;
  }
}

const NATIVE_PREFIX = 'kubernetes.io/';
const REQUESTS_PREFIX = 'requests.';

/** v1helper.IsPrefixedNativeResource: the name contains `kubernetes.io/`. */
export function isPrefixedNativeResource(name: string): boolean {
  return name.includes(NATIVE_PREFIX);
}

/** v1helper.IsNativeResource: unprefixed, or in the kubernetes.io namespace. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || isPrefixedNativeResource(name);
}

/** v1helper.IsExtendedResourceName: a prefixed, non-native, quota-able name (`example.com/gpu`). */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(REQUESTS_PREFIX)) return false;
  return isQualifiedName(REQUESTS_PREFIX + name).length === 0;
}

/** schedutil.IsScalarResourceName: extended, hugepages-*, prefixed native or attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || name.startsWith('hugepages-') || isPrefixedNativeResource(name) || name.startsWith('attachable-volumes-');
}
