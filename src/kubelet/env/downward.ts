/**
 * Downward API values for environment variables: `fieldRef` (upstream `podFieldSelectorRuntimeValue`,
 * `ConvertDownwardAPIFieldLabel`, `fieldpath.ExtractFieldPathAsString`) and `resourceFieldRef`
 * (pkg/api/v1/resource `ExtractContainerResourceValue`, with node-allocatable defaults for unset limits).
 */
import { parseQuantity, type Quantity } from '../../api/quantity.js';
import type { Container, Pod } from '../../api/types.js';

/** What the node knows about the pod's addresses, needed by `status.*` field paths. */
export interface DownwardContext {
  podIP: string;
  /** Pod IPs, primary family first. */
  podIPs: readonly string[];
  hostIP: string;
  /** Node IPs (`status.hostIPs`); defaults to `[hostIP]`. */
  hostIPs?: readonly string[];
  nodeName: string;
  /** The node's `status.allocatable`, the default for unset cpu / memory / ephemeral-storage limits. */
  nodeAllocatable: Readonly<Record<string, string>>;
}

/** Field paths `ConvertDownwardAPIFieldLabel` accepts for pods (v1). */
const POD_FIELD_LABELS = new Set([
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

/** Upstream `SplitMaybeSubscriptedPath`: `metadata.labels['k']` → [`metadata.labels`, `k`]. */
export function splitSubscriptedPath(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return undefined;
  return [s.slice(0, i), s.slice(i + 2)];
}

/** Go's `strconv.Quote` for the common cases (escapes quotes, backslashes and control characters). */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** Upstream `fieldpath.FormatMap`: `k="v"` lines in key order. */
export function formatMap(m: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${goQuote(m![k]!)}`)
    .join('\n');
}

/** A kubelet-side failure to compute an env value; the message is upstream's error text. */
export class EnvValueError extends Error {
  /** The container waiting reason the kubelet reports for it. */
  readonly reason = 'CreateContainerConfigError';
}

/** The runtime value of a `fieldRef` (upstream `podFieldSelectorRuntimeValue`). */
export function fieldRefValue(fieldRef: { apiVersion?: string; fieldPath: string }, pod: Pod, ctx: DownwardContext): string {
  const version = fieldRef.apiVersion || 'v1';
  if (version !== 'v1') throw new EnvValueError(`unsupported pod version: ${version}`);
  let path = fieldRef.fieldPath;
  const sub = splitSubscriptedPath(path);
  if (sub) {
    if (sub[0] !== 'metadata.annotations' && sub[0] !== 'metadata.labels') {
      throw new EnvValueError(`field label does not support subscript: ${path}`);
    }
  } else if (path === 'spec.host') {
    path = 'spec.nodeName';
  } else if (!POD_FIELD_LABELS.has(path)) {
    throw new EnvValueError(`field label not supported: ${path}`);
  }
  const podIPs = ctx.podIPs.length > 0 ? ctx.podIPs : ctx.podIP ? [ctx.podIP] : [];
  switch (path) {
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return ctx.hostIPs?.[0] ?? ctx.hostIP;
    case 'status.hostIPs':
      return (ctx.hostIPs ?? [ctx.hostIP]).join(',');
    case 'status.podIP':
      return podIPs[0] ?? '';
    case 'status.podIPs':
      return podIPs.join(',');
  }
  return extractFieldPath(pod, path);
}

/** Upstream `fieldpath.ExtractFieldPathAsString` over a pod's metadata. */
function extractFieldPath(pod: Pod, path: string): string {
  const md = pod.metadata ?? {};
  const sub = splitSubscriptedPath(path);
  if (sub) {
    const [base, key] = sub;
    if (base === 'metadata.annotations') return md.annotations?.[key] ?? '';
    if (base === 'metadata.labels') return md.labels?.[key] ?? '';
    throw new EnvValueError(`fieldPath "${path}" does not support subscript`);
  }
  switch (path) {
    case 'metadata.annotations':
      return formatMap(md.annotations);
    case 'metadata.labels':
      return formatMap(md.labels);
    case 'metadata.name':
      return md.name ?? '';
    case 'metadata.namespace':
      return md.namespace ?? '';
    case 'metadata.uid':
      return md.uid ?? '';
  }
  throw new EnvValueError(`unsupported fieldPath: ${path}`);
}

/** The limits the kubelet fills from node allocatable for the downward API (upstream `MergeContainerResourceLimits`). */
const DEFAULTED_LIMITS = ['cpu', 'memory', 'ephemeral-storage'];

/** A copy of the container whose unset or zero cpu / memory / ephemeral-storage limits are node allocatable. */
export function withAllocatableLimits(container: Container, allocatable: Readonly<Record<string, string>>): Container {
  const limits: Record<string, string> = { ...(container.resources?.limits ?? {}) };
  for (const r of DEFAULTED_LIMITS) {
    const have = limits[r];
    if ((have === undefined || parseQuantity(have).isZero()) && allocatable[r] !== undefined) limits[r] = allocatable[r]!;
  }
  return { ...container, resources: { ...(container.resources ?? {}), limits } };
}

function quantityOf(list: Readonly<Record<string, string>> | undefined, name: string): Quantity {
  return parseQuantity(list?.[name] ?? '0');
}

/** Upstream `convertResource*ToString`: the value over the divisor, rounded up. */
function ratio(q: Quantity, divisor: Quantity, milli: boolean): string {
  const v = milli ? q.milliValue() / divisor.milliValue() : q.value() / divisor.value();
  return String(Math.ceil(v));
}

/**
 * Upstream `ExtractContainerResourceValue`: `limits.cpu`, `requests.memory`, … of a container,
 * divided by the divisor (default 1) and rounded up; CPU is compared in millicores.
 */
export function containerResourceValue(selector: { resource: string; divisor?: string }, container: Container): string {
  const divisor = selector.divisor && !parseQuantity(selector.divisor).isZero() ? parseQuantity(selector.divisor) : parseQuantity('1');
  const [kind, ...rest] = selector.resource.split('.');
  const name = rest.join('.');
  const list = kind === 'limits' ? container.resources?.limits : kind === 'requests' ? container.resources?.requests : undefined;
  if (kind === 'limits' || kind === 'requests') {
    if (name === 'cpu') return ratio(quantityOf(list, 'cpu'), divisor, true);
    if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) {
      return ratio(quantityOf(list, name), divisor, false);
    }
  }
  throw new EnvValueError(`Unsupported container resource : ${selector.resource}`);
}

/**
 * The runtime value of a `resourceFieldRef` (upstream `containerResourceRuntimeValue` after
 * `defaultPodLimitsForDownwardAPI`): the named container (regular first, then init) or this one.
 */
export function resourceFieldRefValue(
  selector: { containerName?: string; resource: string; divisor?: string },
  pod: Pod,
  container: Container,
  allocatable: Readonly<Record<string, string>>,
): string {
  if (!selector.containerName) return containerResourceValue(selector, withAllocatableLimits(container, allocatable));
  const regular = pod.spec?.containers?.find((c) => c.name === selector.containerName);
  if (regular) return containerResourceValue(selector, withAllocatableLimits(regular, allocatable));
  const init = pod.spec?.initContainers?.find((c) => c.name === selector.containerName);
  if (init) return containerResourceValue(selector, init);
  throw new EnvValueError(`container ${selector.containerName} not found`);
}
