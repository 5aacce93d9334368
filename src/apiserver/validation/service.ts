/**
 * Service validation as upstream's `ValidateService` / `ValidateServiceUpdate`
 * (pkg/apis/core/validation): ports, types, cluster IPs and IP families, session affinity,
 * traffic policies, load balancer fields and ExternalName. Expects the cluster IP fields to be
 * normalized first (see `normalizeServiceClusterIPs` in defaults/core.ts).
 */
import type { FieldError, Path } from '../../api/field.js';
import { duplicate, forbidden, invalid, notSupported, required, root } from '../../api/field.js';
import type { Service, ServicePort } from '../../api/types.js';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidCIDR,
  isValidIP,
  isValidPortNum,
  nameIsDNS1035Label,
} from './names.js';
import { validatePortNumOrName } from './common.js';
import { duplicateRepr, goQuote } from './gorepr.js';
import { validateNonSpecialIP } from './netip.js';
import {
  isHeadlessService,
  validateServiceClusterIPsRelatedFields,
  validateUpgradeDowngradeClusterIPs,
  validateUpgradeDowngradeIPFamilies,
} from './service-ips.js';

export { isHeadlessService, validateServiceClusterIPsRelatedFields } from './service-ips.js';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
/** Upstream `supportedPortProtocols`, sorted as `sets.List` returns them. */
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const TOPOLOGY_HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';
const TOPOLOGY_MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';
const LB_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

type Spec = NonNullable<Service['spec']>;

const specOf = (svc: Service): Spec => svc.spec ?? {};

/** `ExternallyAccessible`: NodePort, LoadBalancer, or ClusterIP with external IPs. */
export function externallyAccessible(svc: Service): boolean {
  const s = specOf(svc);
  return s.type === 'LoadBalancer' || s.type === 'NodePort' || (s.type === 'ClusterIP' && (s.externalIPs ?? []).length > 0);
}

function needsHealthCheck(svc: Service): boolean {
  const s = specOf(svc);
  return s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
}

function ipStrings(path: Path, value: string): FieldError[] {
  return isValidIP(value).map((m) => invalid(path, value, m));
}

/** The Go rendering of the (protocol, port) key upstream reports for duplicate ports. */
function servicePortKey(protocol: string, port: number): string {
  return (
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
    `TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`
  );
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = sp.name ?? '';
  if (requireName && name === '') {
    errs.push(required(path.child('name')));
  } else if (name !== '') {
    errs.push(...isDNS1123Label(name).map((m) => invalid(path.child('name'), name, m)));
    if (names.has(name)) errs.push(duplicate(path.child('name'), name));
    else names.add(name);
  }
  errs.push(...isValidPortNum(sp.port ?? 0).map((m) => invalid(path.child('port'), sp.port ?? 0, m)));
  if (!sp.protocol) errs.push(required(path.child('protocol')));
  else if (!PORT_PROTOCOLS.includes(sp.protocol)) errs.push(notSupported(path.child('protocol'), sp.protocol, PORT_PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort ?? 0, path.child('targetPort')));
  if (sp.appProtocol !== undefined && sp.appProtocol !== null) {
    errs.push(...isQualifiedName(sp.appProtocol).map((m) => invalid(path.child('appProtocol'), sp.appProtocol, m)));
  }
  return errs;
}

function validateClientIPAffinityConfig(svc: Service, path: Path): FieldError[] {
  const cfg = specOf(svc).sessionAffinityConfig;
  const when = 'when session affinity type is ClientIP';
  if (!cfg) return [required(path, when)];
  if (!cfg.clientIP) return [required(path.child('clientIP'), when)];
  const timeout = cfg.clientIP.timeoutSeconds;
  const tPath = path.child('clientIP').child('timeoutSeconds');
  if (timeout === undefined || timeout === null) return [required(tPath, when)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    return [invalid(tPath, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
  }
  return [];
}

function validateLoadBalancerClassField(old: Service | undefined, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const path = root('spec', 'loadBalancerClass');
  const cls = specOf(svc).loadBalancerClass;
  if (old && specOf(old).type === 'LoadBalancer' && specOf(svc).type === 'LoadBalancer') {
    const oldCls = specOf(old).loadBalancerClass;
    if ((oldCls ?? null) !== (cls ?? null)) errs.push(invalid(path, cls ?? null, 'may not change once set'));
  }
  if (specOf(svc).type === 'LoadBalancer') {
    if (cls !== undefined && cls !== null) errs.push(...isQualifiedName(cls).map((m) => invalid(path, cls, m)));
  } else if (cls !== undefined && cls !== null) {
    errs.push(forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

function validateTrafficFields(svc: Service): FieldError[] {
  const s = specOf(svc);
  const spec = root('spec');
  const errs: FieldError[] = [];
  if (!externallyAccessible(svc)) {
    if (s.externalTrafficPolicy) {
      errs.push(invalid(spec.child('externalTrafficPolicy'), s.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    }
  } else if (!s.externalTrafficPolicy) {
    errs.push(required(spec.child('externalTrafficPolicy')));
  } else if (!TRAFFIC_POLICIES.includes(s.externalTrafficPolicy)) {
    errs.push(notSupported(spec.child('externalTrafficPolicy'), s.externalTrafficPolicy, TRAFFIC_POLICIES));
  }
  const hc = s.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(svc)) {
    if (hc !== 0) {
      errs.push(invalid(spec.child('healthCheckNodePort'), hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (hc === 0) {
    errs.push(required(spec.child('healthCheckNodePort')));
  } else {
    errs.push(...isValidPortNum(hc).map((m) => invalid(spec.child('healthCheckNodePort'), hc, m)));
  }
  const itp = s.internalTrafficPolicy;
  if (itp === undefined || itp === null) {
    if (s.type === 'NodePort' || s.type === 'LoadBalancer' || s.type === 'ClusterIP') {
      errs.push(required(spec.child('internalTrafficPolicy')));
    }
  } else if (!TRAFFIC_POLICIES.includes(itp)) {
    errs.push(notSupported(spec.child('internalTrafficPolicy'), itp, TRAFFIC_POLICIES));
  }
  const td = s.trafficDistribution;
  if (td !== undefined && td !== null && td !== 'PreferClose') {
    errs.push(notSupported(spec.child('trafficDistribution'), td, ['PreferClose']));
  }
  return errs;
}

function validateTypeSpecific(svc: Service, spec: Path): FieldError[] {
  const s = specOf(svc);
  const errs: FieldError[] = [];
  switch (s.type) {
    case 'LoadBalancer':
    case 'NodePort':
      if (isHeadlessService(svc)) {
        errs.push(invalid(spec.child('clusterIPs').index(0), 'None', `may not be set to 'None' for ${s.type} services`));
      }
      break;
    case 'ExternalName': {
      const why = 'may not be set for ExternalName services';
      if ((s.clusterIPs ?? []).length > 0) errs.push(forbidden(spec.child('clusterIPs'), why));
      if ((s.ipFamilies ?? []).length > 0) errs.push(forbidden(spec.child('ipFamilies'), why));
      if (s.ipFamilyPolicy !== undefined && s.ipFamilyPolicy !== null) errs.push(forbidden(spec.child('ipFamilyPolicy'), why));
      const cname = (s.externalName ?? '').replace(/\.$/, '');
      if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => invalid(spec.child('externalName'), cname, m)));
      else errs.push(required(spec.child('externalName')));
      break;
    }
  }
  return errs;
}

function validatePortSets(svc: Service, spec: Path): FieldError[] {
  const s = specOf(svc);
  const ports = s.ports ?? [];
  const errs: FieldError[] = [];
  const portsPath = spec.child('ports');
  if (s.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(portsPath.index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol ?? ''}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(portsPath.index(i).child('nodePort'), p.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol ?? ''}/${p.port ?? 0}`;
    if (seen.has(key)) errs.push(duplicateRepr(portsPath.index(i), servicePortKey(p.protocol ?? '', p.port ?? 0)));
    seen.add(key);
  });
  return errs;
}

function validateSourceRanges(svc: Service, spec: Path): FieldError[] {
  const s = specOf(svc);
  const errs: FieldError[] = [];
  const onlyLB = "may only be used when `type` is 'LoadBalancer'";
  const ranges = s.loadBalancerSourceRanges ?? [];
  const annotation = svc.metadata?.annotations?.[LB_SOURCE_RANGES_ANNOTATION];
  if (ranges.length > 0) {
    const path = spec.child('LoadBalancerSourceRanges');
    if (s.type !== 'LoadBalancer') errs.push(forbidden(path, onlyLB));
    ranges.forEach((r, i) => {
      const v = r.trim();
      errs.push(...isValidCIDR(v).map((m) => invalid(path.index(i), v, m)));
    });
  } else if (annotation !== undefined) {
    const path = root('metadata', 'annotations').key(LB_SOURCE_RANGES_ANNOTATION);
    if (s.type !== 'LoadBalancer') errs.push(forbidden(path, onlyLB));
    const val = annotation.trim();
    if (val !== '') {
      for (const c of val.split(',')) {
        const v = c.trim();
        errs.push(...isValidCIDR(v).map((m) => invalid(path, v, m)));
      }
    }
  }
  return errs;
}

/** `ValidateService`: every create-time rule for a Service, metadata included. */
export function validateService(svc: Service): FieldError[] {
  const metaPath = root('metadata');
  const errs = validateObjectMeta(svc.metadata ?? {}, { namespaced: true, nameFn: nameIsDNS1035Label }, metaPath);
  const ann = svc.metadata?.annotations ?? {};
  const hints = ann[TOPOLOGY_HINTS_ANNOTATION];
  const mode = ann[TOPOLOGY_MODE_ANNOTATION];
  if (hints !== undefined && mode !== undefined && hints !== mode) {
    errs.push(
      invalid(
        metaPath.child('annotations').key(TOPOLOGY_MODE_ANNOTATION),
        mode,
        `must match annotations[${TOPOLOGY_HINTS_ANNOTATION}] when both are specified`,
      ),
    );
  }
  const s = specOf(svc);
  const spec = root('spec');
  const ports = s.ports ?? [];
  if (ports.length === 0 && !isHeadlessService(svc) && s.type !== 'ExternalName') errs.push(required(spec.child('ports')));
  errs.push(...validateTypeSpecific(svc, spec));
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, spec.child('ports').index(i))));
  if (s.selector !== undefined && s.selector !== null) errs.push(...validateLabels(s.selector, spec.child('selector')));
  if (!s.sessionAffinity) {
    errs.push(required(spec.child('sessionAffinity')));
  } else if (!SESSION_AFFINITIES.includes(s.sessionAffinity)) {
    errs.push(notSupported(spec.child('sessionAffinity'), s.sessionAffinity, SESSION_AFFINITIES));
  }
  if (s.sessionAffinity === 'ClientIP') {
    errs.push(...validateClientIPAffinityConfig(svc, spec.child('sessionAffinityConfig')));
  } else if (s.sessionAffinity === 'None' && s.sessionAffinityConfig) {
    errs.push(forbidden(spec.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }
  errs.push(...validateServiceClusterIPsRelatedFields(svc));
  (s.externalIPs ?? []).forEach((ip, i) => {
    const p = spec.child('externalIPs').index(i);
    const ipErrs = ipStrings(p, ip);
    errs.push(...(ipErrs.length ? ipErrs : validateNonSpecialIP(ip, p)));
  });
  if (!s.type) errs.push(required(spec.child('type')));
  else if (!SERVICE_TYPES.includes(s.type)) errs.push(notSupported(spec.child('type'), s.type, SERVICE_TYPES));
  errs.push(...validatePortSets(svc, spec));
  errs.push(...validateSourceRanges(svc, spec));
  const alloc = s.allocateLoadBalancerNodePorts;
  if (alloc !== undefined && alloc !== null && s.type !== 'LoadBalancer') {
    errs.push(forbidden(spec.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  if (s.type === 'LoadBalancer' && (alloc === undefined || alloc === null)) {
    // Upstream reports this one without the `spec.` prefix.
    errs.push(required(root('allocateLoadBalancerNodePorts')));
  }
  errs.push(...validateLoadBalancerClassField(undefined, svc));
  errs.push(...validateTrafficFields(svc));
  return errs;
}

/** `ValidateServiceUpdate`: metadata update rules, cluster IP/family immutability, then `validateService`. */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata ?? {}, old.metadata ?? {}, root('metadata'));
  errs.push(...validateUpgradeDowngradeClusterIPs(old, svc));
  errs.push(...validateUpgradeDowngradeIPFamilies(old, svc));
  errs.push(...validateLoadBalancerClassField(old, svc));
  if (needsHealthCheck(old) && needsHealthCheck(svc)) {
    if ((specOf(svc).healthCheckNodePort ?? 0) !== (specOf(old).healthCheckNodePort ?? 0)) {
      errs.push(forbidden(root('spec', 'healthCheckNodePort'), 'field is immutable'));
    }
  }
  errs.push(...validateService(svc));
  return errs;
}
