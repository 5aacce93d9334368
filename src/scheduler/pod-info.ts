/**
 * What the scheduler derives once from a Pod object: its key, requests (exact and the
 * non-zero variant scoring uses), the host ports it claims, and its priority.
 */
import type { Pod } from '../api/types.js';
import { isRestartableInit, podRequests } from './requests.js';
import { Resource } from './resources.js';

/** One host port a pod claims (upstream's sanitized ContainerPort: empty IP = 0.0.0.0, empty protocol = TCP). */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** A pod together with the scheduler's precomputed view of it. */
export interface PodInfo {
  key: string;
  pod: Pod;
  namespace: string;
  name: string;
  uid: string;
  requests: Resource;
  nonZeroCPU: number;
  nonZeroMemory: number;
  hostPorts: HostPort[];
  priority: number;
}

/** `namespace/name`, the key the scheduler files pods under. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** schedutil.GetHostPorts: hostPort > 0 on regular containers and sidecar init containers. */
export function hostPortsOf(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const spec = pod.spec;
  if (!spec) return out;
  const containers = [...(spec.initContainers ?? []).filter(isRestartableInit), ...(spec.containers ?? [])];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/** Computes a PodInfo (requests are parsed once per pod version). */
export function podInfoOf(pod: Pod): PodInfo {
  const m = pod.metadata ?? {};
  const nonZero = podRequests(pod, true);
  return {
    key: podKey(pod),
    pod,
    namespace: m.namespace ?? '',
    name: m.name ?? '',
    uid: m.uid ?? '',
    requests: Resource.from(podRequests(pod)),
    nonZeroCPU: nonZero.get('cpu')?.milliValue() ?? 0,
    nonZeroMemory: nonZero.get('memory')?.value() ?? 0,
    hostPorts: hostPortsOf(pod),
    priority: pod.spec?.priority ?? 0,
  };
}
