/**
 * Plain-object builders shared by the endpointslice unit tests: Services, pods in any state,
 * nodes, and a fake "server" that names and versions slices as the API server would.
 */
import type { EndpointSlice, Node, Pod, Service } from '../../api/types.js';

/** A ClusterIP Service `web` selecting `app=web`, port http 80 → targetPort 8080. */
export function service(over: { spec?: Partial<NonNullable<Service['spec']>>; metadata?: Partial<NonNullable<Service['metadata']>> } = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', creationTimestamp: '2024-01-01T00:00:00Z', ...over.metadata },
    spec: {
      selector: { app: 'web' },
      clusterIP: '10.96.0.10',
      ipFamilies: ['IPv4'],
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      ...over.spec,
    },
  };
}

export interface PodOpts {
  ready?: boolean;
  ips?: string[];
  node?: string;
  terminating?: boolean;
  phase?: string;
  labels?: Record<string, string>;
  ports?: { name: string; containerPort: number; protocol?: string }[];
  hostname?: string;
  subdomain?: string;
  readySince?: string;
}

/** Pod `p<i>` with IP 10.0.<i/250>.<i%250+1>, Running and Ready unless told otherwise. */
export function pod(i: number, o: PodOpts = {}): Pod {
  const ip = `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`;
  const ips = o.ips ?? [ip];
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${i}`, namespace: 'default', uid: `uid-${i}`, labels: o.labels ?? { app: 'web' } },
    spec: {
      nodeName: o.node ?? 'node-a',
      containers: [{ name: 'c', image: 'nginx', ports: o.ports ?? [{ name: 'http', containerPort: 8080 }] }],
    },
    status: {
      phase: o.phase ?? 'Running',
      podIP: ips[0],
      podIPs: ips.map((x) => ({ ip: x })),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: o.readySince }],
    },
  };
  if (o.terminating) p.metadata!.deletionTimestamp = '2024-01-01T00:10:00Z';
  if (o.hostname) p.spec!.hostname = o.hostname;
  if (o.subdomain) p.spec!.subdomain = o.subdomain;
  return p;
}

export function pods(n: number, o: PodOpts = {}, from = 0): Pod[] {
  return Array.from({ length: n }, (_, k) => pod(from + k, o));
}

/** A Ready node with a zone label and allocatable CPU. */
export function node(name: string, zone?: string, cpu = '4', extra: Record<string, string> = {}, ready = true): Node {
  return {
    metadata: { name, labels: { ...(zone ? { 'topology.kubernetes.io/zone': zone } : {}), ...extra } },
    status: { allocatable: { cpu }, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

let serial = 0;

/** What the API server does on create: a name from generateName, a UID, generation 1. */
export function persist(slices: EndpointSlice[]): EndpointSlice[] {
  return slices.map((s) => {
    const c = structuredClone(s);
    const m = c.metadata!;
    if (!m.name) m.name = `${m.generateName}${(serial++).toString(36).padStart(5, 'x')}`;
    m.uid ??= `slice-uid-${m.name}`;
    m.generation = (m.generation ?? 0) + 1;
    return c;
  });
}

/** Applies a reconcile result to a list of stored slices (create, update by name, delete by name). */
export function applyWrites(stored: EndpointSlice[], r: { create: EndpointSlice[]; update: EndpointSlice[]; delete: EndpointSlice[] }): EndpointSlice[] {
  const gone = new Set(r.delete.map((s) => s.metadata?.name));
  const byName = new Map(stored.filter((s) => !gone.has(s.metadata?.name)).map((s) => [s.metadata!.name!, s]));
  for (const u of r.update) {
    const prev = byName.get(u.metadata!.name!);
    const [w] = persist([{ ...u, metadata: { ...u.metadata, uid: prev?.metadata?.uid, generation: prev?.metadata?.generation } }]);
    byName.set(w.metadata!.name!, w);
  }
  for (const c of persist(r.create)) byName.set(c.metadata!.name!, c);
  return [...byName.values()];
}

/** All endpoint addresses across slices, sorted. */
export function allAddresses(slices: EndpointSlice[]): string[] {
  return slices.flatMap((s) => (s.endpoints ?? []).flatMap((e) => e.addresses)).sort();
}
