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

/** Runs an allocation; an AllocationError becomes what `wrap` makes of its message. */
function attempt<T>(f: () => T, wrap: (message: string) => Error): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof AllocationError) throw wrap(err.message);
    throw err;
  }
}

/**
 * Allocates whatever `svc` needs and `old` (for updates) did not already hold, as upstream's
 * service REST does: a requested cluster IP or node port that is taken or out of range is a 422
 * naming the field; a full range when allocating dynamically is a 500 that says which range
 * (`failed to allocate a serviceIP: range is full`, `failed to allocate a nodePort: ...`), and so is
 * any failure to reserve the health-check node port. Returns the undo function.
 */
function allocate(a: ServiceAllocators, svc: Svc, old: Svc | undefined): () => void {
  const taken: (() => void)[] = [];
  const undo = () => taken.forEach((f) => f());
  const spec = (svc.spec ??= {});
  const name = svc.metadata.name ?? '';
  const oldHeld = old ? held(old) : { ips: [], ports: [] };
  const invalidField = (field: string, value: unknown) => (message: string) => errors.invalid('', 'Service', name, [invalid(field, value, message)]);
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
          attempt(() => a.ips.allocate(want), invalidField('spec.clusterIPs[0]', want));
          ip = want;
          taken.push(() => a.ips.release(want));
        } else {
          ip = attempt(() => a.ips.allocateNext(), (m) => errors.internalError(`failed to allocate a serviceIP: ${m}`));
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
      const mine = new Set<number>(); // the same nodePort may serve TCP and UDP
      (spec.ports ?? []).forEach((p, i) => {
        if (p.nodePort) {
          const n = p.nodePort;
          if (oldHeld.ports.includes(n) || mine.has(n)) return;
          attempt(() => a.ports.allocate(n), invalidField(`spec.ports[${i}].nodePort`, n));
          mine.add(n);
          taken.push(() => a.ports.release(n));
        } else {
          const n = attempt(() => a.ports.allocateNext(), (m) => errors.internalError(`failed to allocate a nodePort: ${m}`));
          p.nodePort = n;
          taken.push(() => a.ports.release(n));
        }
      });
    } else {
      for (const p of spec.ports ?? []) delete p.nodePort;
    }
    if (needsHealthCheckPort(svc)) {
      const want = spec.healthCheckNodePort;
      if (!want) {
        const n = attempt(() => a.ports.allocateNext(), (m) => errors.internalError(`failed to allocate a HealthCheck NodePort 0: ${m}`));
        spec.healthCheckNodePort = n;
        taken.push(() => a.ports.release(n));
      } else if (!oldHeld.ports.includes(want)) {
        attempt(() => a.ports.allocate(want), (m) => errors.internalError(`failed to allocate requested HealthCheck NodePort ${want}: ${m}`));
        taken.push(() => a.ports.release(want));
      }
    } else delete spec.healthCheckNodePort;
  } catch (err) {
    undo();
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
