/**
 * Service link environment variables (`MY_SVC_SERVICE_HOST`, `MY_SVC_PORT_80_TCP_ADDR`, …), as
 * upstream pkg/kubelet/envvars `FromServices` and the kubelet's `getServiceEnvVarMap` build them.
 */
import type { Service } from '../../api/types.js';

/** Services whose variables every pod gets, from the `default` namespace (upstream `masterServices`). */
const MASTER_SERVICES = new Set(['kubernetes']);

/** Upstream `IsServiceIPSet`: the service has a cluster IP that is neither empty nor `None`. */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

/** Upstream `makeEnvVariableName`: upper case, `-` → `_`. */
export function envVariableName(name: string): string {
  return name.replace(/-/g, '_').toUpperCase();
}

/** Go's `net.JoinHostPort`: brackets IPv6 addresses. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The Docker-link style variables of one service (upstream `makeLinkVariables`). */
function linkVariables(svc: Service): [string, string][] {
  const prefix = envVariableName(svc.metadata?.name ?? '');
  const ip = svc.spec?.clusterIP ?? '';
  const out: [string, string][] = [];
  (svc.spec?.ports ?? []).forEach((sp, i) => {
    const protocol = sp.protocol || 'TCP';
    const url = `${protocol.toLowerCase()}://${joinHostPort(ip, sp.port)}`;
    if (i === 0) out.push([`${prefix}_PORT`, url]);
    const portPrefix = `${prefix}_PORT_${sp.port}_${protocol.toUpperCase()}`;
    out.push([portPrefix, url], [`${portPrefix}_PROTO`, protocol.toLowerCase()], [`${portPrefix}_PORT`, String(sp.port)], [`${portPrefix}_ADDR`, ip]);
  });
  return out;
}

/** Upstream `FromServices`: the variables for each service with a cluster IP, in the given order. */
export function fromServices(services: readonly Service[]): [string, string][] {
  const out: [string, string][] = [];
  for (const svc of services) {
    if (!isServiceIPSet(svc)) continue;
    const ports = svc.spec?.ports ?? [];
    if (ports.length === 0) continue;
    const base = envVariableName(svc.metadata?.name ?? '');
    out.push([`${base}_SERVICE_HOST`, svc.spec!.clusterIP!]);
    const portVar = `${base}_SERVICE_PORT`;
    out.push([portVar, String(ports[0]!.port)]);
    for (const sp of ports) if (sp.name) out.push([`${portVar}_${envVariableName(sp.name)}`, String(sp.port)]);
    out.push(...linkVariables(svc));
  }
  return out;
}

/**
 * Upstream `getServiceEnvVarMap`: the `kubernetes` service of `default` always, plus (when service
 * links are enabled) every service of the pod's namespace, which shadows a same-named master
 * service. Services are taken in name order so the result is deterministic (upstream's is map order).
 */
export function serviceEnvVars(services: readonly Service[], namespace: string, enableServiceLinks: boolean): Map<string, string> {
  const chosen = new Map<string, Service>();
  for (const svc of services) {
    if (!isServiceIPSet(svc)) continue;
    const name = svc.metadata?.name ?? '';
    const ns = svc.metadata?.namespace ?? '';
    if (ns === 'default' && MASTER_SERVICES.has(name)) {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (ns === namespace && enableServiceLinks) {
      chosen.set(name, svc);
    }
  }
  const ordered = [...chosen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
  return new Map(fromServices(ordered));
}
