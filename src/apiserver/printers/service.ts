/**
 * Service-discovery Tables: services (TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S)), endpoints and
 * endpointslices, as upstream's printService / printEndpoints / printEndpointSlice.
 */
import type { EndpointSlice, Endpoints, Service } from '../../api/types.js';
import { formatLabels } from '../../api/labels.js';
import { ageColumn, ageOf, column, listWithMore, loadBalancerAddresses, nameColumn, nameOf } from './common.js';
import type { Cell, TablePrinter } from './types.js';

/** getServiceExternalIP (wide): external IPs by service type, `<pending>` for a LoadBalancer without any. */
export function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer?.ingress);
      if (externalIPs.length) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString: `port/proto`, or `port:nodePort/proto`, joined with `,`. */
export function servicePorts(svc: Service): string {
  return (svc.spec?.ports ?? [])
    .map((p) => {
      const proto = p.protocol ?? 'TCP';
      return p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
    })
    .join(',');
}

/** Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. */
export const servicePrinter: TablePrinter<Service> = {
  columns: [
    nameColumn(),
    column('Type', 'string', 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    column('Cluster-IP', 'string', 'Virtual IP allocated to the service inside the cluster.'),
    column('External-IP', 'string', 'Addresses the service is reachable on from outside the cluster.'),
    column('Port(s)', 'string', 'Service ports, with node ports where allocated.'),
    ageColumn(),
    column('Selector', 'string', 'Labels of the pods that back the service.', 1),
  ],
  row(svc: Service, now: number): Cell[] {
    const clusterIP = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP;
    return [
      nameOf(svc.metadata),
      svc.spec?.type ?? 'ClusterIP',
      clusterIP || '<none>',
      serviceExternalIP(svc),
      servicePorts(svc) || '<none>',
      ageOf(svc.metadata, now),
      formatLabels(svc.spec?.selector),
    ];
  },
};

/** net.JoinHostPort: brackets around IPv6 hosts. */
const joinHostPort = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** formatEndpoints: `ip:port` per address and port (bare IPs for port-less subsets), 3 shown then ` + N more...`. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, p.port));
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

/** Endpoints: NAME ENDPOINTS AGE. */
export const endpointsPrinter: TablePrinter<Endpoints> = {
  columns: [nameColumn(), column('Endpoints', 'string', 'Ready addresses and ports behind the service.'), ageColumn()],
  row(ep: Endpoints, now: number): Cell[] {
    return [nameOf(ep.metadata), formatEndpoints(ep), ageOf(ep.metadata, now)];
  },
};

/** EndpointSlices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. */
export const endpointSlicePrinter: TablePrinter<EndpointSlice> = {
  columns: [
    nameColumn(),
    column('AddressType', 'string', 'Address family of the endpoints in the slice.'),
    column('Ports', 'string', 'Port numbers (or names) the slice exposes.'),
    column('Endpoints', 'string', 'Addresses of the endpoints in the slice.'),
    ageColumn(),
  ],
  row(es: EndpointSlice, now: number): Cell[] {
    const ports = (es.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*')));
    const addresses = (es.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [nameOf(es.metadata), es.addressType ?? '', listWithMore(ports), listWithMore(addresses), ageOf(es.metadata, now)];
  },
};
