/**
 * Pod and Service helpers shared by the Endpoints, EndpointSlice and mirroring controllers, as
 * upstream's k8s.io/endpointslice/util: readiness, which pods belong in endpoints, named
 * targetPort resolution, hostnames, and which pod changes can move endpoints.
 */
import { sameLabels } from '../../api/labels.js';
import type { Pod, Service, ServicePort } from '../../api/types.js';

/** Label marking Endpoints / EndpointSlices of Services without a cluster IP. */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
/** Annotation with the time of the change that caused the last endpoints write. */
export const ANNOTATION_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

/** True when the pod's Ready condition is True (`podutil.IsPodReady`). */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** Succeeded or Failed: the containers are done and will never run again. */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** The pod's IPs: `status.podIPs`, or the single `status.podIP` when the list is empty. */
export function podIPs(pod: Pod): string[] {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => !!ip);
  if (ips.length) return ips;
  return pod.status?.podIP ? [pod.status.podIP] : [];
}

/**
 * `ShouldPodBeInEndpoints`: terminal pods and pods without an IP never are; terminating pods
 * (deletionTimestamp set) only when `includeTerminating`.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (podIPs(pod).length === 0) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** `ShouldSetHostname`: the pod names a hostname and its subdomain is this Service. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec?.subdomain === svc.metadata?.name && svc.metadata?.namespace === pod.metadata?.namespace;
}

/**
 * `FindPort`: a numeric targetPort is used as is; a named one is looked up among the ports of
 * the pod's containers (and restartable init containers, i.e. sidecars) with the same protocol.
 * Undefined when the pod has no such named port.
 */
export function findPort(pod: Pod, svcPort: ServicePort): number | undefined {
  const target = svcPort.targetPort;
  if (target === undefined || target === null || target === '') return svcPort.port;
  if (typeof target === 'number') return target;
  const proto = svcPort.protocol || 'TCP';
  const match = (ports: { name?: string; containerPort: number; protocol?: string }[] | undefined): number | undefined =>
    ports?.find((p) => p.name === target && (p.protocol || 'TCP') === proto)?.containerPort;
  for (const c of pod.spec?.containers ?? []) {
    const n = match(c.ports);
    if (n !== undefined) return n;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    const n = match(c.ports);
    if (n !== undefined) return n;
  }
  return undefined;
}

/**
 * Whether a Service selects pods at all. A missing selector matches nothing; an empty map does
 * not survive storage upstream (it reads back as missing), so it counts as no selector too.
 */
export function hasSelector(svc: Service): boolean {
  const sel = svc.spec?.selector;
  return !!sel && Object.keys(sel).length > 0;
}

/** The `namespace/name` key of an object. */
export function keyOf(obj: { metadata?: { namespace?: string; name?: string } }): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

/** Splits a `namespace/name` key. */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

/**
 * `podEndpointsChanged`: [podChanged, labelsChanged]. The pod changed for endpoints when its
 * deletion timestamp, readiness, IPs or terminal phase changed; "labels" changed when its labels,
 * hostname or subdomain did (which may change the Services it belongs to).
 */
export function podEndpointsChanged(oldPod: Pod, newPod: Pod): [boolean, boolean] {
  const labelsChanged =
    !sameLabels(oldPod.metadata?.labels, newPod.metadata?.labels) ||
    (oldPod.spec?.hostname ?? '') !== (newPod.spec?.hostname ?? '') ||
    (oldPod.spec?.subdomain ?? '') !== (newPod.spec?.subdomain ?? '');
  if ((oldPod.metadata?.deletionTimestamp ?? '') !== (newPod.metadata?.deletionTimestamp ?? '')) return [true, labelsChanged];
  if (isPodReady(oldPod) !== isPodReady(newPod)) return [true, labelsChanged];
  // Upstream relies on the Ready condition dropping with the phase; a terminal phase with an
  // unchanged (already false) condition must still take the pod out, so it counts too.
  if (isPodTerminal(oldPod) !== isPodTerminal(newPod)) return [true, labelsChanged];
  const a = podIPs(oldPod);
  const b = podIPs(newPod);
  if (a.length !== b.length || a.some((ip, i) => ip !== b[i])) return [true, labelsChanged];
  return [false, labelsChanged];
}

/**
 * `determineNeededServiceUpdates`: when the pod itself changed every old and new Service needs a
 * sync; when only its labels did, just the Services it joined or left.
 */
export function servicesToSync(oldServices: Set<string>, newServices: Set<string>, podChanged: boolean): Set<string> {
  if (podChanged) return new Set([...oldServices, ...newServices]);
  const out = new Set<string>();
  for (const s of newServices) if (!oldServices.has(s)) out.add(s);
  for (const s of oldServices) if (!newServices.has(s)) out.add(s);
  return out;
}

/** `IsServiceIPSet`: the Service has a cluster IP (neither empty nor `None`). */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

/** Formats a trigger time as Go's RFC3339Nano in UTC does (fraction without trailing zeros). */
export function formatTriggerTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2024-01-02T03:04:05.678Z
  const [head, frac] = iso.slice(0, -1).split('.');
  const f = (frac ?? '').replace(/0+$/, '');
  return f ? `${head}.${f}Z` : `${head}Z`;
}
