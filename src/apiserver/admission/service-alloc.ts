/**
 * Service IP and NodePort allocation around Service writes: ClusterIPs from the service CIDR,
 * NodePorts (and health-check node ports) from the node-port range, released on delete and
 * when an update stops using them. Requested values that are taken or out of range are a 422.
 */
import * as errors from '../../api/errors.js';
import { invalid } from '../../api/field.js';
import type { Service, StoredObject } from '../../api/types.js';
import { AllocationError, type IpAllocator } from '../allocators/ipallocator.js';
import type { PortAllocator } from '../allocators/portallocator.js';
import type { Hooks } from '../registry/generic.js';
import {
  dropServiceTypeDependentFields,
  initServiceIPFamilies,
  normalizeServiceClusterIPs,
  patchServiceAllocatedValues,
} from '../validation/service-prepare.js';

type Svc = Service & StoredObject;

export interface ServiceAllocators {
  ips: IpAllocator;
  ports: PortAllocator;
}

function needsClusterIP(s: Svc): boolean {
  return s.spec?.type !== 'ExternalName';
}

function needsNodePorts(s: Svc): boolean {
  const t = s.spec?.type;
  return t === 'NodePort' || (t === 'LoadBalancer' && s.spec?.allocateLoadBalancerNodePorts !== false);
}

function needsHealthCheckPort(s: Svc): boolean {
  return s.spec?.type === 'LoadBalancer' && s.spec?.externalTrafficPolicy === 'Local';
}

/** What a Service holds from the allocators. */
export function held(s: Svc): { ips: string[]; ports: number[] } {
  const ips = (s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])).filter((ip) => ip && ip !== 'None');
  const ports = new Set<number>();
  for (const p of s.spec?.ports ?? []) if (p.nodePort) ports.add(p.nodePort);
  if (s.spec?.healthCheckNodePort) ports.add(s.spec.healthCheckNodePort);
  return { ips, ports: [...ports] };
}

/** Marks what existing Services hold (at start-up, from the store). */
export function restoreAllocations(a: ServiceAllocators, services: Svc[]): void {
  for (const s of services) {
    const h = held(s);
    for (const ip of h.ips) if (!a.ips.has(ip)) tryIgnore(() => a.ips.allocate(ip));
    for (const p of h.ports) if (!a.ports.has(p)) tryIgnore(() => a.ports.allocate(p));
  }
}

function tryIgnore(f: () => void): void {
  try {
    f();
  } catch {
    // outside the configured range (the flags changed): leave it alone
  }
}

/**
 * Allocates whatever `svc` needs and `old` (for updates) did not already hold. Returns the
 * undo function. Throws a 422 naming the field for a taken or out-of-range request.
 */
function allocate(a: ServiceAllocators, svc: Svc, old: Svc | undefined): () => void {
  const taken: (() => void)[] = [];
  const undo = () => taken.forEach((f) => f());
  const spec = (svc.spec ??= {});
  const name = svc.metadata.name ?? '';
  const oldHeld = old ? held(old) : { ips: [], ports: [] };
  try {
    if (needsClusterIP(svc)) {
      if (spec.clusterIP === 'None' || spec.clusterIPs?.[0] === 'None') {
        spec.clusterIP = 'None';
        spec.clusterIPs = ['None'];
      } else {
        const want = spec.clusterIP || spec.clusterIPs?.[0];
        let ip: string;
        if (want && oldHeld.ips.includes(want)) ip = want;
        else if (want) {
          try {
            a.ips.allocate(want);
          } catch (err) {
            if (err instanceof AllocationError) throw errors.invalid('', 'Service', name, [invalid('spec.clusterIPs[0]', want, err.message)]);
            throw err;
          }
          ip = want;
          taken.push(() => a.ips.release(want));
        } else {
          ip = a.ips.allocateNext();
          taken.push(() => a.ips.release(ip));
        }
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      }
    } else {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (needsNodePorts(svc)) {
      const mine = new Map<number, number>(); // requested port -> allocated here (same nodePort may serve TCP and UDP)
      (spec.ports ?? []).forEach((p, i) => {
        if (p.nodePort) {
          if (oldHeld.ports.includes(p.nodePort) || mine.has(p.nodePort)) return;
          try {
            a.ports.allocate(p.nodePort);
          } catch (err) {
            if (err instanceof AllocationError) throw errors.invalid('', 'Service', name, [invalid(`spec.ports[${i}].nodePort`, p.nodePort, err.message)]);
            throw err;
          }
          const n = p.nodePort;
          mine.set(n, n);
          taken.push(() => a.ports.release(n));
        } else {
          const n = a.ports.allocateNext();
          p.nodePort = n;
          taken.push(() => a.ports.release(n));
        }
      });
    } else {
      for (const p of spec.ports ?? []) delete p.nodePort;
    }
    if (needsHealthCheckPort(svc)) {
      if (!spec.healthCheckNodePort) {
        const n = a.ports.allocateNext();
        spec.healthCheckNodePort = n;
        taken.push(() => a.ports.release(n));
      } else if (!oldHeld.ports.includes(spec.healthCheckNodePort)) {
        const n = spec.healthCheckNodePort;
        try {
          a.ports.allocate(n);
        } catch (err) {
          if (err instanceof AllocationError) throw errors.invalid('', 'Service', name, [invalid('spec.healthCheckNodePort', n, err.message)]);
          throw err;
        }
        taken.push(() => a.ports.release(n));
      }
    } else delete spec.healthCheckNodePort;
  } catch (err) {
    undo();
    if (err instanceof AllocationError) throw errors.internalError(`failed to allocate a serviceIP or nodePort: ${err.message}`);
    throw err;
  }
  return undo;
}

function release(a: ServiceAllocators, what: { ips: string[]; ports: number[] }): void {
  for (const ip of what.ips) a.ips.release(ip);
  for (const p of what.ports) a.ports.release(p);
}

/**
 * The Service REST steps before validation, in upstream's order: keep allocated values an
 * update left out, normalise cluster IPs, drop what a type change no longer allows, set the IP
 * families, then allocate.
 */
export function serviceHooks(a: ServiceAllocators): Hooks<Svc> {
  return {
    admit: (op, obj, old) => {
      const prev = op === 'update' ? old : undefined;
      if (prev) patchServiceAllocatedValues(obj, prev);
      normalizeServiceClusterIPs(obj, prev);
      if (prev) dropServiceTypeDependentFields(obj, prev);
      const errs = initServiceIPFamilies(obj, prev);
      if (errs.length) throw errors.invalid('', 'Service', obj.metadata.name ?? '', errs);
      return allocate(a, obj, prev);
    },
    afterUpdate: (obj, old) => {
      const now = held(obj);
      const before = held(old);
      release(a, { ips: before.ips.filter((ip) => !now.ips.includes(ip)), ports: before.ports.filter((p) => !now.ports.includes(p)) });
    },
    afterDelete: (obj) => release(a, held(obj)),
  };
}
