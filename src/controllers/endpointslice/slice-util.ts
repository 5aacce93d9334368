/**
 * Building blocks of the EndpointSlice reconciler, as upstream's k8s.io/endpointslice utils:
 * a pod as an endpoint, a Service's ports resolved for a pod, a new slice for a Service, the
 * labels a slice carries, and which slice to top up.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { EndpointSlice, Node, Pod, Service } from '../../api/types.js';
import type { Endpoint, EndpointPort } from './endpoint-set.js';
import { findPort, isPodReady, isServiceIPSet, LABEL_HEADLESS, podIPs, shouldSetHostname } from './pod-util.js';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
/** The managed-by value of slices the EndpointSlice controller owns. */
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const ANNOTATION_TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
export const ANNOTATION_TOPOLOGY_AWARE_HINTS = 'service.kubernetes.io/topology-aware-hints';

export type AddressType = 'IPv4' | 'IPv6';

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** An IPv4 address already in canonical form (the common case, checked first). */
const CANONICAL_V4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/** Re-formats an IP the way Go's `net.IP.String()` would (IPv4-mapped IPv6 becomes IPv4). */
export function normalizeIP(ip: string): { ip: string; family: AddressType } | undefined {
  if (CANONICAL_V4.test(ip)) return { ip, family: 'IPv4' };
  if (isIPv4(ip)) return { ip: ip.split('.').map((o) => String(Number(o))).join('.'), family: 'IPv4' };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    const octets = ip.split('.').map(Number); // leading zeros, read as decimal (ParseIPSloppy)
    return octets.every((o) => o <= 255) ? { ip: octets.join('.'), family: 'IPv4' } : undefined;
  }
  if (!isIPv6(ip)) return undefined;
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return { ip: mapped[1], family: 'IPv4' };
  return { ip: new URL(`http://[${ip}]/`).hostname.slice(1, -1), family: 'IPv6' };
}

/** `getEndpointAddresses`: the pod's IPs of one family, normalized. */
export function endpointAddresses(pod: Pod, addressType: AddressType): string[] {
  const out: string[] = [];
  for (const raw of podIPs(pod)) {
    const n = normalizeIP(raw);
    if (n && n.family === addressType) out.push(n.ip);
  }
  return out;
}

/**
 * `podToEndpoint`: serving follows readiness; a terminating pod is never ready unless the
 * Service publishes not-ready addresses; node name, zone (from the node's label), target and
 * hostname filled in.
 */
export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service, addressType: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  // Field order as upstream's Endpoint struct: addresses, conditions, hostname, targetRef, nodeName, zone.
  const ep: Endpoint = { addresses: endpointAddresses(pod, addressType), conditions: { ready, serving, terminating } };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec!.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata?.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) ep.zone = zone;
  return ep;
}

/** `getEndpointPorts`: the Service's ports with targetPort resolved for this pod (unresolvable ones left out). */
export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const ports = svc.spec?.ports ?? [];
  const out: EndpointPort[] = [];
  for (const sp of ports) {
    const num = findPort(pod, sp);
    if (num === undefined) continue;
    const p: EndpointPort = { name: sp.name ?? '', port: num, protocol: sp.protocol || 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/** `getAddressTypesForService`: from ipFamilies, else the cluster IP's family, else both. */
export function addressTypesForService(svc: Service): AddressType[] {
  const out = new Set<AddressType>();
  for (const f of svc.spec?.ipFamilies ?? []) {
    if (f === 'IPv4') out.add('IPv4');
    if (f === 'IPv6') out.add('IPv6');
  }
  if (out.size) return [...out];
  if (isServiceIPSet(svc)) return [svc.spec!.clusterIP!.includes(':') ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

function isReservedLabel(key: string): boolean {
  return key === LABEL_SERVICE_NAME || key === LABEL_MANAGED_BY || key === LABEL_HEADLESS;
}

/**
 * `setEndpointSliceLabels`: a slice carries the Service's labels (reserved keys excepted), the
 * headless marker when the Service has no cluster IP, and the service-name / managed-by labels.
 * Returns the labels and whether the non-reserved ones differ from the slice's.
 */
export function sliceLabels(slice: EndpointSlice, svc: Service, controllerName: string): [Record<string, string>, boolean] {
  const mine: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice.metadata?.labels ?? {})) if (!isReservedLabel(k)) mine[k] = v;
  const want: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {})) if (!isReservedLabel(k)) want[k] = v;
  const changed = Object.keys(mine).length !== Object.keys(want).length || Object.entries(want).some(([k, v]) => mine[k] !== v);
  if (!isServiceIPSet(svc)) want[LABEL_HEADLESS] = '';
  want[LABEL_SERVICE_NAME] = svc.metadata?.name ?? '';
  want[LABEL_MANAGED_BY] = controllerName;
  return [want, changed];
}

/** `newEndpointSlice`: an empty slice for a Service, named `<service>-<random>`, owned by it. */
export function newEndpointSlice(svc: Service, ports: EndpointPort[], addressType: AddressType, controllerName: string): EndpointSlice {
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${svc.metadata?.name ?? ''}-`,
      namespace: svc.metadata?.namespace,
      labels: {},
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Service', name: svc.metadata?.name ?? '', uid: svc.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    addressType,
    endpoints: [],
    ports,
  };
  slice.metadata!.labels = sliceLabels(slice, svc, controllerName)[0];
  return slice;
}

/** `ownedBy`: the slice has an owner reference to this Service (by UID). */
export function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata?.ownerReferences ?? []).some((o) => o.uid === svc.metadata?.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** `getSliceToFill`: the slice that ends up closest to full when `n` endpoints are added. */
export function sliceToFill(slices: EndpointSlice[], n: number, max: number): EndpointSlice | undefined {
  let closestDiff = max;
  let closest: EndpointSlice | undefined;
  for (const s of slices) {
    const diff = max - (n + (s.endpoints ?? []).length);
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (diff === 0) return s;
    }
  }
  return closest;
}

/** `hintsEnabled`: the topology annotation (deprecated one first) says `Auto` or `auto`. */
export function hintsEnabled(annotations: Record<string, string> | undefined): boolean {
  const a = annotations ?? {};
  const v = ANNOTATION_TOPOLOGY_AWARE_HINTS in a ? a[ANNOTATION_TOPOLOGY_AWARE_HINTS] : a[ANNOTATION_TOPOLOGY_MODE];
  return v === 'Auto' || v === 'auto';
}

/** `unchangedSlices`: existing slices neither updated nor deleted. */
export function unchangedSlices(existing: EndpointSlice[], toUpdate: EndpointSlice[], toDelete: EndpointSlice[]): EndpointSlice[] {
  const changed = new Set([...toUpdate, ...toDelete].map((s) => s.metadata?.name));
  return existing.filter((s) => !changed.has(s.metadata?.name));
}
