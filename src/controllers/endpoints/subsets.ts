/**
 * The canonical form of Endpoints subsets (upstream pkg/api/v1/endpoints RepackSubsets and
 * SortSubsets): addresses that offer exactly the same ports (with the same readiness) share one
 * subset, an address not ready on any port is not ready on it, addresses are ordered by IP then
 * target UID. Also the capacity rules: at most 1000 addresses, truncated proportionally per
 * subset with ready addresses kept first, flagged by `endpoints.kubernetes.io/over-capacity`.
 */
import type { EndpointSubset } from '../../api/types.js';

export type EndpointAddress = NonNullable<EndpointSubset['addresses']>[number];
export type EndpointPort = NonNullable<EndpointSubset['ports']>[number];

/** The most addresses an Endpoints object holds. */
export const MAX_CAPACITY = 1000;
export const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
export const TRUNCATED = 'truncated';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `LessEndpointAddress` as a comparator: IP (bytewise), then target UID (no target first). */
export function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  const c = cmp(a.ip ?? '', b.ip ?? '');
  if (c !== 0) return c;
  if (!a.targetRef && !b.targetRef) return 0;
  if (!b.targetRef) return 1;
  if (!a.targetRef) return -1;
  return cmp(a.targetRef.uid ?? '', b.targetRef.uid ?? '');
}

function portKey(p: EndpointPort): string {
  return `${p.name ?? ''}\u0000${p.port ?? ''}\u0000${p.protocol ?? ''}\u0000${p.appProtocol ?? '\u0001'}`;
}

function compareSubsetPorts(a: EndpointPort, b: EndpointPort): number {
  return cmp(a.name ?? '', b.name ?? '') || (a.port ?? 0) - (b.port ?? 0) || cmp(a.protocol ?? '', b.protocol ?? '') || cmp(a.appProtocol ?? '', b.appProtocol ?? '');
}

const addrKey = (a: EndpointAddress): string => `${a.ip ?? ''}\u0000${a.targetRef?.uid ?? ''}`;

/**
 * `RepackSubsets`: expands subsets to (address, port, ready) facts and regroups them into the
 * canonical layout. Subsets without ports keep their addresses (under a port-less subset).
 */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port?: EndpointPort; addrs: Map<string, boolean> }>();
  const record = (a: EndpointAddress, port: EndpointPort | undefined, ready: boolean): void => {
    const key = addrKey(a);
    if (!allAddrs.has(key)) allAddrs.set(key, { ...a });
    const pk = port ? portKey(port) : '';
    let entry = byPort.get(pk);
    if (!entry) byPort.set(pk, (entry = { port, addrs: new Map() }));
    const was = entry.addrs.get(key);
    if (was === undefined || was) entry.addrs.set(key, ready); // not ready always wins
  };
  for (const ss of subsets) {
    const ports: (EndpointPort | undefined)[] = ss.ports?.length ? ss.ports : [undefined];
    for (const port of ports) {
      for (const a of ss.addresses ?? []) record(a, port, true);
      for (const a of ss.notReadyAddresses ?? []) record(a, port, false);
    }
  }
  // Ports offered by exactly the same (address, ready) set share a subset.
  const groups = new Map<string, { addrs: [string, boolean][]; ports: EndpointPort[] }>();
  for (const { port, addrs } of byPort.values()) {
    const list = [...addrs].sort(([a], [b]) => compareAddresses(allAddrs.get(a)!, allAddrs.get(b)!));
    const key = list.map(([k, r]) => `${k}\u0001${r ? 1 : 0}`).join('\u0002');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { addrs: list, ports: [] }));
    if (port) g.ports.push(port);
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready = g.addrs.filter(([, r]) => r).map(([k]) => allAddrs.get(k)!);
    const notReady = g.addrs.filter(([, r]) => !r).map(([k]) => allAddrs.get(k)!);
    const ss: EndpointSubset = {};
    if (ready.length) ss.addresses = ready;
    if (notReady.length) ss.notReadyAddresses = notReady;
    if (g.ports.length) ss.ports = g.ports;
    out.push(ss);
  }
  return sortSubsets(out);
}

/**
 * `SortSubsets`: addresses by IP and UID, ports and subsets in a fixed order. (Upstream orders
 * ports and subsets by an MD5 of their Go dump; skiff uses name/port and content order, which
 * is just as stable.)
 */
export function sortSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  for (const ss of subsets) {
    ss.addresses?.sort(compareAddresses);
    ss.notReadyAddresses?.sort(compareAddresses);
    ss.ports?.sort(compareSubsetPorts);
  }
  if (subsets.length < 2) return subsets;
  const keyed = subsets.map((s) => [JSON.stringify(canonicalSubset(s)), s] as const);
  keyed.sort(([a], [b]) => cmp(a, b));
  return keyed.map(([, s]) => s);
}

function canonicalAddress(a: EndpointAddress): unknown {
  const t = a.targetRef;
  return [
    a.ip ?? '',
    a.hostname ?? '',
    a.nodeName ?? null,
    t ? [t.kind ?? '', t.namespace ?? '', t.name ?? '', t.uid ?? '', t.apiVersion ?? '', t.fieldPath ?? ''] : null,
  ];
}

function canonicalSubset(s: EndpointSubset): unknown {
  return [
    (s.addresses ?? []).map(canonicalAddress),
    (s.notReadyAddresses ?? []).map(canonicalAddress),
    (s.ports ?? []).map((p) => [p.name ?? '', p.port ?? 0, p.protocol ?? '', p.appProtocol ?? null]),
  ];
}

/**
 * `endpointSubsetsEqualIgnoreResourceVersion`: order-sensitive equality that ignores the
 * targets' resourceVersion and treats missing and empty lists alike.
 */
export function subsetsEqual(a: EndpointSubset[] | undefined, b: EndpointSubset[] | undefined): boolean {
  return JSON.stringify((a ?? []).map(canonicalSubset)) === JSON.stringify((b ?? []).map(canonicalSubset));
}

function countAddresses(subsets: EndpointSubset[] | undefined): [number, number] {
  let ready = 0;
  let notReady = 0;
  for (const ss of subsets ?? []) {
    ready += (ss.addresses ?? []).length;
    notReady += (ss.notReadyAddresses ?? []).length;
  }
  return [ready, notReady];
}

/** `capacityAnnotationSetCorrectly`: under capacity and not flagged (over capacity is never "correct"). */
export function capacityAnnotationSetCorrectly(annotations: Record<string, string> | undefined, subsets: EndpointSubset[] | undefined): boolean {
  const [r, n] = countAddresses(subsets);
  if (r + n > MAX_CAPACITY) return false;
  return !(annotations && ANNOTATION_OVER_CAPACITY in annotations);
}

/**
 * `truncateEndpoints`: keeps at most MAX_CAPACITY addresses, each subset keeping its share
 * (rounded up, the last ones getting what is left). Not-ready addresses go first; if the ready
 * ones alone exceed capacity, every not-ready address goes. Returns the truncated subsets (a
 * subset left with no address at all is dropped, which upstream would fail to validate), or
 * undefined when under capacity.
 */
export function truncateSubsets(subsets: EndpointSubset[]): EndpointSubset[] | undefined {
  const [totalReady, totalNotReady] = countAddresses(subsets);
  if (totalReady + totalNotReady <= MAX_CAPACITY) return undefined;
  const truncateReady = totalReady > MAX_CAPACITY;
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const ss of subsets) {
    const inSubset = truncateReady ? (ss.addresses ?? []).length : (ss.notReadyAddresses ?? []).length;
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      ss.addresses = (ss.addresses ?? []).slice(0, toBeAdded);
      ss.notReadyAddresses = [];
      canBeAdded -= ss.addresses.length;
    } else {
      ss.notReadyAddresses = (ss.notReadyAddresses ?? []).slice(0, toBeAdded);
      canBeAdded -= ss.notReadyAddresses.length;
    }
    if (!ss.addresses?.length) delete ss.addresses;
    if (!ss.notReadyAddresses?.length) delete ss.notReadyAddresses;
  }
  return subsets.filter((ss) => ss.addresses || ss.notReadyAddresses);
}
