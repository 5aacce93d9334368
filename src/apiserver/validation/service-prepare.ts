/**
 * The Service REST/strategy steps that run before validation upstream
 * (pkg/registry/core/service): on update `patchServiceAllocatedValues`, then (create and
 * update) `normalizeServiceClusterIPs`, on update `dropServiceTypeDependentFields`, then
 * `initServiceIPFamilies`; cluster IP and node port allocation itself belongs to the registry.
 */
import type { FieldError } from '../../api/field.js';
import { invalid, root } from '../../api/field.js';
import type { Service } from '../../api/types.js';
import { goStringSlice, invalidRepr } from './gorepr.js';
import { ipFamilyOf } from './netip.js';
import { validateServiceClusterIPsRelatedFields } from './service-ips.js';

type Spec = NonNullable<Service['spec']>;

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean => {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** Upstream `normalizeClusterIPs`: keeps `clusterIP` and `clusterIPs` in step (create: `old` undefined). */
export function normalizeServiceClusterIPs(svc: Service, old?: Service): void {
  const s = (svc.spec ??= {} as Spec);
  if (!old) {
    if (s.clusterIP && (s.clusterIPs ?? []).length === 0) s.clusterIPs = [s.clusterIP];
    return;
  }
  const o = old.spec ?? ({} as Spec);
  if ((o.clusterIPs ?? []).length > 0 && (s.clusterIPs ?? []).length === 0 && (o.clusterIP ?? '') === (s.clusterIP ?? '')) {
    s.clusterIPs = o.clusterIPs;
  }
  if ((o.clusterIP ?? '') !== (s.clusterIP ?? '')) {
    if (o.clusterIP && !s.clusterIP) {
      if (sameList(o.clusterIPs, s.clusterIPs)) delete s.clusterIPs;
    } else if (sameList(o.clusterIPs, s.clusterIPs)) {
      s.clusterIPs = [s.clusterIP ?? ''];
    }
  }
}

/**
 * Upstream `patchAllocatedValues`: a resubmitted Service without clusterIP, node ports or
 * healthCheckNodePort keeps the ones allocated before.
 */
export function patchServiceAllocatedValues(svc: Service, old: Service): void {
  const s = (svc.spec ??= {} as Spec);
  const o = old.spec ?? ({} as Spec);
  const needsIP = (x: Spec) => x.type !== 'ExternalName';
  const needsNodePort = (x: Spec) => x.type === 'NodePort' || x.type === 'LoadBalancer';
  const needsHC = (x: Spec) => x.type === 'LoadBalancer' && x.externalTrafficPolicy === 'Local';
  if (needsIP(o) && needsIP(s)) {
    if (!s.clusterIP && o.clusterIP) s.clusterIP = o.clusterIP;
    if ((s.clusterIPs ?? []).length === 0 && (o.clusterIPs ?? []).length > 0) s.clusterIPs = o.clusterIPs;
  }
  if (needsNodePort(o) && needsNodePort(s)) {
    const used = (x: Spec) => new Set((x.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
    const newUsed = used(s);
    const inBoth = new Set([...used(o)].filter((n) => newUsed.has(n)));
    const byName = new Map((o.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const p of s.ports ?? []) {
      if (p.nodePort) continue;
      const prev = byName.get(p.name ?? '') ?? 0;
      if (!inBoth.has(prev) && prev !== 0) p.nodePort = prev;
    }
  }
  if (needsHC(o) && needsHC(s) && !s.healthCheckNodePort && o.healthCheckNodePort) s.healthCheckNodePort = o.healthCheckNodePort;
}

/** The service IP families a (single- or dual-stack) cluster serves, primary first. */
export interface ServiceIPConfig {
  families: ('IPv4' | 'IPv6')[];
}

/**
 * Upstream `initIPFamilyFields`: defaults ipFamilyPolicy (SingleStack, or RequireDualStack for
 * headless selector-less services, or the old policy on update) and ipFamilies, and rejects
 * families or dual-stack requests the cluster cannot serve. Returns the errors (422 causes).
 */
export function initServiceIPFamilies(svc: Service, old?: Service, cfg: ServiceIPConfig = { families: ['IPv4'] }): FieldError[] {
  const s = (svc.spec ??= {} as Spec);
  if (s.type === 'ExternalName') return [];
  const o = old?.spec;
  if (!s.ipFamilyPolicy) {
    if (o?.ipFamilyPolicy) s.ipFamilyPolicy = o.ipFamilyPolicy;
    else if (s.clusterIP === 'None' && Object.keys(s.selector ?? {}).length === 0) s.ipFamilyPolicy = 'RequireDualStack';
    else s.ipFamilyPolicy = 'SingleStack';
  }
  const pre = validateServiceClusterIPsRelatedFields(svc);
  if (pre.length) return pre;
  const errs: FieldError[] = [];
  const policyPath = root('spec', 'ipFamilyPolicy');
  if (o) {
    if (s.ipFamilyPolicy === 'SingleStack') {
      if (sameList(o.clusterIPs, s.clusterIPs) && (s.clusterIPs ?? []).length > 1) s.clusterIPs = s.clusterIPs!.slice(0, 1);
      if (sameList(o.ipFamilies, s.ipFamilies) && (s.ipFamilies ?? []).length > 1) s.ipFamilies = s.ipFamilies!.slice(0, 1);
    } else {
      const reduced = (a: string[] | undefined, b: string[] | undefined) => (a ?? []).length > 0 && (a ?? []).length < (b ?? []).length;
      if (reduced(s.clusterIPs, o.clusterIPs)) errs.push(invalid(policyPath, s.ipFamilyPolicy, "must be 'SingleStack' to release the secondary cluster IP"));
      if (reduced(s.ipFamilies, o.ipFamilies)) errs.push(invalid(policyPath, s.ipFamilyPolicy, "must be 'SingleStack' to release the secondary IP family"));
    }
  }
  if (s.ipFamilyPolicy === 'SingleStack') {
    if ((s.clusterIPs ?? []).length === 2) {
      errs.push(invalid(policyPath, s.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if ((s.ipFamilies ?? []).length === 2) {
      errs.push(invalid(policyPath, s.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  const ips = s.clusterIPs ?? [];
  for (let i = 0; i < ips.length && ips[i] !== 'None'; i++) {
    const fam = ipFamilyOf(ips[i]!);
    if (!fam || i < (s.ipFamilies ?? []).length) continue;
    if (!cfg.families.includes(fam)) {
      errs.push(invalidRepr(root('spec', 'clusterIPs').index(i), goStringSlice(ips), `${fam} is not configured on this cluster`));
    } else {
      s.ipFamilies = [...(s.ipFamilies ?? []), fam];
    }
  }
  if (errs.length) return errs;
  const other = (f: string) => (f === 'IPv4' ? 'IPv6' : 'IPv4');
  if (s.clusterIP === 'None' && Object.keys(s.selector ?? {}).length === 0) {
    if ((s.ipFamilies ?? []).length === 0) s.ipFamilies = [cfg.families[0]!];
    if (s.ipFamilies!.length < 2 && s.ipFamilyPolicy !== 'SingleStack') s.ipFamilies = [...s.ipFamilies!, other(s.ipFamilies![0]!)];
    return [];
  }
  if (s.ipFamilyPolicy === 'RequireDualStack' && cfg.families.length < 2) {
    errs.push(invalid(policyPath, s.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
  }
  (s.ipFamilies ?? []).forEach((f, i) => {
    if (!cfg.families.includes(f as 'IPv4' | 'IPv6')) errs.push(invalid(root('spec', 'ipFamilies').index(i), f, 'not configured on this cluster'));
  });
  if (errs.length) return errs;
  if ((s.ipFamilies ?? []).length === 0) s.ipFamilies = [cfg.families[0]!];
  if (s.ipFamilyPolicy !== 'SingleStack' && s.ipFamilies!.length === 1 && cfg.families.length === 2) {
    s.ipFamilies = [...s.ipFamilies!, other(s.ipFamilies![0]!)];
  }
  return [];
}

/**
 * Service strategy `dropTypeDependentFields` (update only): when the type changes, fields the
 * new type cannot use are wiped if the client left them as they were (cluster IPs and
 * families, node ports, healthCheckNodePort, allocateLoadBalancerNodePorts,
 * loadBalancerClass, externalTrafficPolicy), and load balancer status is cleared for
 * non-LoadBalancer types.
 */
export function dropServiceTypeDependentFields(svc: Service, old: Service): void {
  const s = (svc.spec ??= {} as Spec);
  const o = old.spec ?? ({} as Spec);
  const needsIP = (x: Spec) => x.type !== 'ExternalName';
  const needsNodePort = (x: Spec) => x.type === 'NodePort' || x.type === 'LoadBalancer';
  const needsHC = (x: Spec) => x.type === 'LoadBalancer' && x.externalTrafficPolicy === 'Local';
  const external = (x: Spec) => x.type === 'LoadBalancer' || x.type === 'NodePort' || (x.type === 'ClusterIP' && (x.externalIPs ?? []).length > 0);
  if (needsIP(o) && !needsIP(s)) {
    if (sameList(o.clusterIPs, s.clusterIPs)) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (sameList(o.ipFamilies, s.ipFamilies)) delete s.ipFamilies;
    if ((o.ipFamilyPolicy ?? null) === (s.ipFamilyPolicy ?? null)) delete s.ipFamilyPolicy;
  }
  if (needsNodePort(o) && !needsNodePort(s)) {
    const oldPorts = new Set((o.ports ?? []).map((p) => p.nodePort ?? 0));
    if ((s.ports ?? []).every((p) => !p.nodePort || oldPorts.has(p.nodePort))) {
      for (const p of s.ports ?? []) delete p.nodePort;
    }
  }
  if (needsHC(o) && !needsHC(s) && (o.healthCheckNodePort ?? 0) === (s.healthCheckNodePort ?? 0)) delete s.healthCheckNodePort;
  if (o.type === 'LoadBalancer' && s.type !== 'LoadBalancer') {
    const a = s.allocateLoadBalancerNodePorts;
    if (a !== undefined && a !== null && o.allocateLoadBalancerNodePorts === a) delete s.allocateLoadBalancerNodePorts;
    if ((o.loadBalancerClass ?? null) === (s.loadBalancerClass ?? null)) delete s.loadBalancerClass;
  }
  if (external(o) && !external(s) && (o.externalTrafficPolicy ?? '') === (s.externalTrafficPolicy ?? '')) delete s.externalTrafficPolicy;
  if (s.type !== 'LoadBalancer' && svc.status?.loadBalancer) svc.status.loadBalancer = {};
}
