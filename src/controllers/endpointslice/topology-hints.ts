/**
 * Topology aware hints for Services annotated `service.kubernetes.io/topology-mode: Auto`, as
 * upstream's topologycache: ready endpoints are spread over zones in proportion to the ready
 * nodes' allocatable CPU per zone, each endpoint hinted `forZones: [zone]`, with its safeguards —
 * at least two zones with CPU and zone information on every node, at least one endpoint per zone,
 * no zone below its share by more than the 20% overload threshold, every endpoint zoned.
 */
import { tryParseQuantity } from '../../api/quantity.js';
import type { EndpointSlice, Node } from '../../api/types.js';
import { clone } from '../../api/meta.js';
import { endpointReady } from './endpoint-set.js';
import { LABEL_TOPOLOGY_ZONE } from './slice-util.js';

/** The maximum overload any one endpoint should be exposed to. */
const OVERLOAD_THRESHOLD = 0.2;

export const MSG_NO_ZONE_SPECIFIED = 'One or more endpoints do not have a zone specified';
export const MSG_NO_ALLOCATED_HINTS = 'No hints allocated for zones';
export const MSG_HINTS_ENABLED = 'Topology Aware Hints has been enabled';
export const MSG_HINTS_DISABLED = 'Topology Aware Hints has been disabled';
export const MSG_INSUFFICIENT_NODE_INFO = 'Insufficient Node information: allocatable CPU or zone not specified on one or more nodes';
export const MSG_ONE_ZONE = 'Nodes only ready in one zone';
export const MSG_INSUFFICIENT_ENDPOINTS = 'Insufficient number of endpoints';
export const MSG_MIN_ALLOCATION = 'Unable to allocate minimum required endpoints to each zone without exceeding overload threshold';

/** An event the reconciler should record on the Service. */
export interface HintsEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** The slices of one Service and address type being reconciled (upstream `SliceInfo`). */
export interface SliceInfo {
  serviceKey: string;
  addressType: string;
  toCreate: EndpointSlice[];
  toUpdate: EndpointSlice[];
  unchanged: EndpointSlice[];
}

interface Allocation {
  minimum: number;
  maximum: number;
  desired: number;
}

/** `FormatWithAddressType`. */
export const withAddressType = (s: string, addressType: string): string => `${s}, addressType: ${addressType}`;

const disabled = (message: string): HintsEvent => ({ type: 'Warning', reason: 'TopologyAwareHintsDisabled', message });

/** `RemoveHintsFromSlices`: clears hints on slices being written and moves hinted unchanged slices to update. */
export function removeHintsFromSlices(si: SliceInfo): { create: EndpointSlice[]; update: EndpointSlice[] } {
  for (const s of [...si.toCreate, ...si.toUpdate]) for (const ep of s.endpoints ?? []) delete ep.hints;
  const keep: EndpointSlice[] = [];
  for (const s of si.unchanged) {
    if ((s.endpoints ?? []).some((ep) => ep.hints)) {
      const copy = clone(s);
      for (const ep of copy.endpoints ?? []) delete ep.hints;
      si.toUpdate.push(copy);
    } else keep.push(s);
  }
  si.unchanged = keep;
  return { create: si.toCreate, update: si.toUpdate };
}

/** Tracks allocatable CPU per zone and the hints allocated per Service (upstream `TopologyCache`). */
export class TopologyCache {
  private cpuRatiosByZone: Map<string, number> | undefined;
  private endpointsByService = new Map<string, Map<string, Map<string, number>>>();
  private hintsPopulated = new Set<string>();

  /** `SetNodes`: ready nodes' allocatable CPU by zone; any ready node without zone or CPU disables all. */
  setNodes(nodes: Node[]): void {
    const cpuByZone = new Map<string, number>();
    let sufficient = true;
    let total = 0;
    for (const node of nodes) {
      const labels = node.metadata?.labels ?? {};
      if ('node-role.kubernetes.io/control-plane' in labels || 'node-role.kubernetes.io/master' in labels) continue;
      if (node.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True') continue;
      const zone = labels[LABEL_TOPOLOGY_ZONE];
      const raw = node.status?.allocatable?.cpu;
      const cpu = raw === undefined ? 0 : (tryParseQuantity(String(raw))?.milliValue() ?? 0);
      if (!zone || cpu === 0) {
        cpuByZone.clear();
        sufficient = false;
        break;
      }
      total += cpu;
      cpuByZone.set(zone, (cpuByZone.get(zone) ?? 0) + cpu);
    }
    if (total === 0 || !sufficient || cpuByZone.size < 2) {
      this.cpuRatiosByZone = undefined;
      return;
    }
    this.cpuRatiosByZone = new Map([...cpuByZone].map(([z, c]) => [z, c / total]));
  }

  /** `GetOverloadedServices`: Services whose hinted endpoints fall short in some zone. */
  overloadedServices(): string[] {
    const out: string[] = [];
    for (const [svc, byType] of this.endpointsByService) {
      if ([...byType.values()].some((ezi) => serviceOverloaded(ezi, this.cpuRatiosByZone))) out.push(svc);
    }
    return out;
  }

  hasPopulatedHints(serviceKey: string): boolean {
    return this.hintsPopulated.has(serviceKey);
  }

  setHints(serviceKey: string, addressType: string, byZone: Map<string, number>): void {
    let byType = this.endpointsByService.get(serviceKey);
    if (!byType) this.endpointsByService.set(serviceKey, (byType = new Map()));
    byType.set(addressType, byZone);
    this.hintsPopulated.add(serviceKey);
  }

  removeHints(serviceKey: string, addressType: string): void {
    const byType = this.endpointsByService.get(serviceKey);
    byType?.delete(addressType);
    if (!byType?.size) this.endpointsByService.delete(serviceKey);
    this.hintsPopulated.delete(serviceKey);
  }

  /** `AddHints`: hints for every ready endpoint of the slices being written (and fixes unchanged ones). */
  addHints(si: SliceInfo): { create: EndpointSlice[]; update: EndpointSlice[]; events: HintsEvent[] } {
    const total = [...si.toCreate, ...si.toUpdate, ...si.unchanged].reduce((n, s) => n + (s.endpoints ?? []).filter(endpointReady).length, 0);
    const { allocations, event } = this.allocations(total);
    const events: HintsEvent[] = [];
    const giveUp = (ev: HintsEvent) => {
      events.push(ev);
      this.removeHints(si.serviceKey, si.addressType);
      return { ...removeHintsFromSlices(si), events };
    };
    if (!allocations) return giveUp({ ...event!, message: withAddressType(event!.message, si.addressType) });
    const allocated = allocatedHintsByZone(si, allocations);
    const writable = [...si.toCreate, ...si.toUpdate];
    // 1. Every ready endpoint starts with a hint for its own zone.
    for (const slice of writable) {
      for (const ep of slice.endpoints ?? []) {
        if (!endpointReady(ep)) continue;
        if (!ep.zone) return giveUp(disabled(withAddressType(MSG_NO_ZONE_SPECIFIED, si.addressType)));
        allocated.set(ep.zone, (allocated.get(ep.zone) ?? 0) + 1);
        ep.hints = { forZones: [{ name: ep.zone }] };
      }
    }
    // 2 + 3. Zones with more than their share give endpoints to zones with less.
    const [giving, receiving] = givingAndReceivingZones(allocations, allocated);
    for (const [zone, diff] of redistributeHints(writable, giving, receiving)) allocated.set(zone, (allocated.get(zone) ?? 0) + diff);
    if (allocated.size === 0) return giveUp(disabled(withAddressType(MSG_NO_ALLOCATED_HINTS, si.addressType)));
    const wasEnabled = this.hasPopulatedHints(si.serviceKey);
    this.setHints(si.serviceKey, si.addressType, allocated);
    if (!wasEnabled) events.push({ type: 'Normal', reason: 'TopologyAwareHintsEnabled', message: withAddressType(MSG_HINTS_ENABLED, si.addressType) });
    return { create: si.toCreate, update: si.toUpdate, events };
  }

  /** `getAllocations`: minimum/maximum/desired endpoints per zone, or why hints cannot be given. */
  private allocations(numEndpoints: number): { allocations?: Map<string, Allocation>; event?: HintsEvent } {
    const ratios = this.cpuRatiosByZone;
    if (!ratios) return { event: disabled(MSG_INSUFFICIENT_NODE_INFO) };
    if (ratios.size < 2) return { event: disabled(MSG_ONE_ZONE) };
    if (ratios.size > numEndpoints) return { event: disabled(`${MSG_INSUFFICIENT_ENDPOINTS} (${numEndpoints} endpoints, ${ratios.size} zones)`) };
    let remaining = numEndpoints;
    let minTotal = 0;
    const out = new Map<string, Allocation>();
    for (const [zone, ratio] of ratios) {
      const desired = ratio * numEndpoints;
      const minimum = Math.ceil(desired * (1 / (1 + OVERLOAD_THRESHOLD)));
      out.set(zone, { minimum, maximum: 0, desired: Math.max(desired, minimum) });
      minTotal += minimum;
      remaining -= minimum;
      if (remaining < 0) return { event: disabled(`${MSG_MIN_ALLOCATION} (${numEndpoints} endpoints, ${ratios.size} zones)`) };
    }
    for (const a of out.values()) a.maximum = a.minimum + numEndpoints - minTotal;
    return { allocations: out };
  }
}

/** `getAllocatedHintsByZone`: counts usable hints on unchanged slices; slices with unusable ones move to update. */
function allocatedHintsByZone(si: SliceInfo, allocations: Map<string, Allocation>): Map<string, number> {
  const allocated = new Map<string, number>();
  const keep: EndpointSlice[] = [];
  for (const slice of si.unchanged) {
    const byZone = hintsByZone(slice, allocated, allocations);
    if (!byZone) {
      si.toUpdate.push(clone(slice));
      continue;
    }
    keep.push(slice);
    for (const [z, n] of byZone) allocated.set(z, (allocated.get(z) ?? 0) + n);
  }
  si.unchanged = keep;
  return allocated;
}

/** `getHintsByZone`: hints per zone in a slice, or undefined if any is missing, stray or over the maximum. */
function hintsByZone(slice: EndpointSlice, allocated: Map<string, number>, allocations: Map<string, Allocation>): Map<string, number> | undefined {
  const out = new Map<string, number>();
  for (const ep of slice.endpoints ?? []) {
    if (!endpointReady(ep)) continue;
    const zones = ep.hints?.forZones ?? [];
    if (zones.length === 0) return undefined;
    for (const z of zones) {
      const name = z.name ?? '';
      if (!allocations.has(name)) return undefined;
      out.set(name, (out.get(name) ?? 0) + 1);
    }
  }
  for (const [zone, n] of out) if (n + (allocated.get(zone) ?? 0) > allocations.get(zone)!.maximum) return undefined;
  return out;
}

function most(zones: Map<string, number>): [string, number] {
  let zone = '';
  let num = 0;
  for (const z of [...zones.keys()].sort()) {
    const n = zones.get(z)!;
    if (n > num) [zone, num] = [z, n];
  }
  return [zone, num];
}

/** `getGivingAndReceivingZones`: whole endpoints each zone should give away or receive. */
export function givingAndReceivingZones(allocations: Map<string, Allocation>, allocated: Map<string, number>): [Map<string, number>, Map<string, number>] {
  const givingDesired = new Map<string, number>();
  const receivingDesired = new Map<string, number>();
  for (const [zone, a] of allocations) {
    const have = allocated.get(zone) ?? 0;
    if (have > a.desired) givingDesired.set(zone, have - a.desired);
    else if (have < a.desired) receivingDesired.set(zone, a.desired - have);
  }
  const giving = new Map<string, number>();
  const receiving = new Map<string, number>();
  for (;;) {
    const [gz, give] = most(givingDesired);
    const [rz, take] = most(receivingDesired);
    if (gz === '' || rz === '' || (give < 1 && take < 1) || give < 0.5 || take < 0.5) break;
    giving.set(gz, (giving.get(gz) ?? 0) + 1);
    givingDesired.set(gz, give - 1);
    receiving.set(rz, (receiving.get(rz) ?? 0) + 1);
    receivingDesired.set(rz, take - 1);
  }
  return [giving, receiving];
}

/** `redistributeHints`: re-hints endpoints of giving zones for receiving zones; returns the change per zone. */
function redistributeHints(slices: EndpointSlice[], giving: Map<string, number>, receiving: Map<string, number>): Map<string, number> {
  const diff = new Map<string, number>();
  for (const slice of slices) {
    for (const ep of slice.endpoints ?? []) {
      if (!endpointReady(ep)) continue;
      if (giving.size === 0 || receiving.size === 0) return diff;
      if (!ep.zone) continue;
      const from = ep.zone;
      const give = giving.get(from) ?? 0;
      if (give <= 0) continue;
      const to = [...receiving.keys()].sort().find((z) => receiving.get(z)! > 0);
      if (!to) continue;
      ep.hints = { forZones: [{ name: to }] };
      if (give === 1) giving.delete(from);
      else giving.set(from, give - 1);
      const take = receiving.get(to)!;
      if (take === 1) receiving.delete(to);
      else receiving.set(to, take - 1);
      diff.set(to, (diff.get(to) ?? 0) + 1);
      diff.set(from, (diff.get(from) ?? 0) - 1);
    }
  }
  return diff;
}

/** `serviceOverloaded`: some zone has fewer hinted endpoints than its CPU share minus the threshold. */
export function serviceOverloaded(ezi: Map<string, number>, ratios: Map<string, number> | undefined): boolean {
  if (ezi.size === 0) return false;
  if (!ratios || ratios.size === 0) return true;
  const total = [...ezi.values()].reduce((a, b) => a + b, 0);
  for (const [zone, ratio] of ratios) {
    const have = ezi.get(zone);
    if (have === undefined) return true;
    if (have < Math.ceil(total * ratio * (1 / (1 + OVERLOAD_THRESHOLD)))) return true;
  }
  return false;
}
