/**
 * What the Endpoints controller wants an Endpoints object to hold for a Service (the pure half
 * of upstream's syncService): one address per selected pod with an IP of the Service's family,
 * ready pods under `addresses` and the rest under `notReadyAddresses` (or all ready when the
 * Service publishes not-ready addresses), each Service port resolved per pod, then repacked.
 */
import type { EndpointSubset, Pod, Service } from '../../api/types.js';
import { findPort, isPodReady, podIPs, shouldPodBeInEndpoints, shouldSetHostname } from '../endpointslice/pod-util.js';
import { normalizeIP } from '../endpointslice/slice-util.js';
import { type EndpointAddress, type EndpointPort, repackSubsets } from './subsets.js';

const familyOf = (ip: string): 'IPv4' | 'IPv6' => (normalizeIP(ip)?.family === 'IPv6' ? 'IPv6' : 'IPv4');

/**
 * `podToEndpointAddressForService`: the pod's first IP of the Service's family (its first
 * ipFamily, else its cluster IP's family, else — headless — the pod IP's own), or undefined.
 */
export function podToEndpointAddress(svc: Service, pod: Pod): EndpointAddress | undefined {
  const ips = podIPs(pod);
  let family: 'IPv4' | 'IPv6' = 'IPv4';
  const fams = svc.spec?.ipFamilies ?? [];
  const clusterIP = svc.spec?.clusterIP ?? '';
  if (fams.length > 0) family = fams[0] === 'IPv6' ? 'IPv6' : 'IPv4';
  else if (clusterIP !== '' && clusterIP !== 'None') family = familyOf(clusterIP);
  else if (ips[0]) family = familyOf(ips[0]);
  const ip = ips.find((i) => familyOf(i) === family);
  if (!ip) return undefined;
  // Field order as upstream's EndpointAddress struct: ip, hostname, nodeName, targetRef.
  const addr: EndpointAddress = { ip };
  if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec!.hostname;
  if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
  addr.targetRef = { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid };
  return addr;
}

/** The subsets for a Service, with counts of ready and not-ready addresses. */
export interface DesiredSubsets {
  subsets: EndpointSubset[];
  ready: number;
  notReady: number;
}

/** Builds and repacks the subsets for a Service's selected pods. */
export function desiredSubsets(svc: Service, pods: Pod[]): DesiredSubsets {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const ports = svc.spec?.ports ?? [];
  const headless = svc.spec?.clusterIP === 'None';
  const subsets: EndpointSubset[] = [];
  let ready = 0;
  let notReady = 0;
  const add = (pod: Pod, addr: EndpointAddress, port: EndpointPort | undefined): void => {
    const ss: EndpointSubset = {};
    if (port) ss.ports = [port];
    if (publishNotReady || isPodReady(pod)) {
      ss.addresses = [addr];
      ready++;
    } else {
      ss.notReadyAddresses = [addr];
      notReady++;
    }
    subsets.push(ss);
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const addr = podToEndpointAddress(svc, pod);
    if (!addr) continue;
    if (ports.length === 0) {
      // A headless Service may have no ports: its addresses still count.
      if (headless) add(pod, addr, undefined);
      continue;
    }
    for (const sp of ports) {
      const num = findPort(pod, sp);
      if (num === undefined) continue;
      const port: EndpointPort = sp.name ? { name: sp.name, port: num, protocol: sp.protocol || 'TCP' } : { port: num, protocol: sp.protocol || 'TCP' };
      if (sp.appProtocol) port.appProtocol = sp.appProtocol;
      add(pod, addr, port);
    }
  }
  return { subsets: repackSubsets(subsets), ready, notReady };
}
