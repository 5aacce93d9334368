/**
 * Identity and comparison of EndpointSlice endpoints and port lists, as upstream's
 * k8s.io/endpointslice/util: an endpoint is identified by its addresses, hostname and target
 * (so condition or topology changes are in-place updates), and slices are grouped by their
 * exact set of ports.
 */
import type { EndpointSlice } from '../../api/types.js';

export type Endpoint = EndpointSlice['endpoints'][number];
export type EndpointPort = NonNullable<EndpointSlice['ports']>[number];

/** The identity of an endpoint: sorted addresses, hostname and the target's namespace/name. */
export function endpointHash(ep: Endpoint): string {
  const addrs = [...(ep.addresses ?? [])].sort().join(',');
  return `${addrs}|${ep.hostname ?? ''}|${ep.targetRef?.namespace ?? ''}/${ep.targetRef?.name ?? ''}`;
}

/** A set of endpoints keyed by `endpointHash`, in insertion order. */
export class EndpointSet {
  private items = new Map<string, Endpoint>();

  insert(ep: Endpoint): void {
    this.items.set(endpointHash(ep), ep);
  }

  get(ep: Endpoint): Endpoint | undefined {
    return this.items.get(endpointHash(ep));
  }

  delete(ep: Endpoint): void {
    this.items.delete(endpointHash(ep));
  }

  /** Removes and returns the oldest endpoint. */
  pop(): Endpoint | undefined {
    const first = this.items.entries().next();
    if (first.done) return undefined;
    this.items.delete(first.value[0]);
    return first.value[1];
  }

  get size(): number {
    return this.items.size;
  }
}

function portText(p: EndpointPort): string {
  return [p.name ?? '', p.port ?? '', p.protocol ?? 'TCP', p.appProtocol ?? '\u0001'].join('\u0000');
}

/** `NewPortMapKey`: identifies a set of ports regardless of their order. */
export function portMapKey(ports: EndpointPort[] | undefined): string {
  return (ports ?? []).map(portText).sort().join('\u0002');
}

function strChanged(a: string | undefined | null, b: string | undefined | null): boolean {
  return (a ?? undefined) !== (b ?? undefined);
}

function boolChanged(a: boolean | undefined | null, b: boolean | undefined | null): boolean {
  return (a ?? undefined) !== (b ?? undefined);
}

/**
 * `EndpointsEqualBeyondHash`: the fields not covered by the hash are equal — node name, zone,
 * the three conditions and the target (ignoring its resourceVersion). Hints are not compared;
 * the topology step owns them.
 */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  if (strChanged(a.nodeName, b.nodeName) || strChanged(a.zone, b.zone)) return false;
  const ac = a.conditions ?? {};
  const bc = b.conditions ?? {};
  if (boolChanged(ac.ready, bc.ready) || boolChanged(ac.serving, bc.serving) || boolChanged(ac.terminating, bc.terminating)) return false;
  const at = a.targetRef;
  const bt = b.targetRef;
  if (!at || !bt) return !at && !bt;
  const fields = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'fieldPath'] as const;
  return fields.every((f) => (at[f] ?? '') === (bt[f] ?? ''));
}

/** Whether an endpoint's Ready condition is true. */
export function endpointReady(ep: Endpoint): boolean {
  return ep.conditions?.ready === true;
}
