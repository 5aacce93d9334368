/**
 * The EndpointSlice reconciler as a pure function (upstream k8s.io/endpointslice reconciler.go):
 * given a Service, the pods it selects and its existing slices, decide which slices to create,
 * update and delete, keeping churn low. No I/O: the controller performs the writes.
 *
 * Per address type and per port mapping (the exact set of resolved ports):
 *  1. Existing slices keep the desired endpoints they already hold; a slice whose endpoints
 *     changed or went away (or whose labels differ from the Service's) is marked for update, an
 *     emptied one for deletion, the rest stay untouched.
 *  2. Slices already being updated are topped up with new endpoints, fullest first.
 *  3. Leftovers fewer than a slice's worth go into the unchanged slice they fill best; only then
 *     are new slices created.
 * Then hints are set (topology annotation or trafficDistribution), a create paired with a delete
 * becomes one update of the deleted slice, and a Service with no endpoints keeps one empty
 * placeholder slice.
 */
import { clone } from '../../api/meta.js';
import type { EndpointSlice, Node, Pod, Service } from '../../api/types.js';
import { type Endpoint, type EndpointPort, EndpointSet, endpointsEqualBeyondHash, portMapKey } from './endpoint-set.js';
import { sameLabels } from '../../api/labels.js';
import { ANNOTATION_TRIGGER_TIME, formatTriggerTime, shouldPodBeInEndpoints } from './pod-util.js';
import {
  type AddressType,
  addressTypesForService,
  ENDPOINTSLICE_CONTROLLER_NAME,
  endpointPorts,
  hintsEnabled,
  newEndpointSlice,
  ownedBy,
  podToEndpoint,
  sliceLabels,
  sliceToFill,
  unchangedSlices,
} from './slice-util.js';
import { type HintsEvent, MSG_HINTS_DISABLED, removeHintsFromSlices, type SliceInfo, type TopologyCache, withAddressType } from './topology-hints.js';
import { PREFER_CLOSE, reconcileHints } from './traffic-distribution.js';

/** Everything a reconcile looks at; plain objects. */
export interface ReconcileInput {
  service: Service;
  /** The pods the Service's selector matches (any state; filtering happens here). */
  pods: Pod[];
  /** The slices managed for this Service (same namespace, service-name and managed-by labels). */
  existingSlices: EndpointSlice[];
  /** Node lookup for zones; when given, a pod whose node is unknown is skipped (and reported). */
  getNode?: (name: string) => Node | undefined;
  /** Default 100. */
  maxEndpointsPerSlice?: number;
  /** The managed-by label value; default `endpointslice-controller.k8s.io`. */
  controllerName?: string;
  /** The last-change trigger time (ms) to annotate written slices with; none clears it. */
  triggerTime?: number;
  /** Present when topology aware hints are enabled (state shared across reconciles). */
  topologyCache?: TopologyCache;
}

/** The writes a reconcile decided on, plus events for the Service and non-fatal errors. */
export interface ReconcileResult {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
  events: HintsEvent[];
  /** Problems that should make the controller retry later (e.g. a pod's node not found). */
  errors: string[];
}

interface Ctx {
  svc: Service;
  max: number;
  controllerName: string;
}

/** Decides the slice writes for one Service. */
export function reconcile(input: ReconcileInput): ReconcileResult {
  const svc = input.service;
  const ctx: Ctx = { svc, max: input.maxEndpointsPerSlice ?? 100, controllerName: input.controllerName ?? ENDPOINTSLICE_CONTROLLER_NAME };
  const serviceKey = `${svc.metadata?.namespace ?? ''}/${svc.metadata?.name ?? ''}`;
  const supported = addressTypesForService(svc);
  const byType = new Map<string, EndpointSlice[]>();
  const unsupported: EndpointSlice[] = [];
  for (const s of input.existingSlices) {
    if (!supported.includes(s.addressType as AddressType)) {
      input.topologyCache?.removeHints(serviceKey, s.addressType);
      unsupported.push(s);
      continue;
    }
    const list = byType.get(s.addressType) ?? [];
    list.push(s);
    byType.set(s.addressType, list);
  }
  const out: ReconcileResult = { create: [], update: [], delete: [], events: [], errors: [] };
  for (const t of supported) {
    const r = reconcileByAddressType(ctx, input, byType.get(t) ?? [], t, serviceKey);
    out.create.push(...r.create);
    out.update.push(...r.update);
    out.delete.push(...r.delete);
    out.events.push(...r.events);
    out.errors.push(...r.errors);
  }
  out.delete.push(...unsupported);
  return out;
}

function reconcileByAddressType(ctx: Ctx, input: ReconcileInput, existing: EndpointSlice[], addressType: AddressType, serviceKey: string): ReconcileResult {
  const { svc } = ctx;
  const errors: string[] = [];
  const events: HintsEvent[] = [];
  let toDelete: EndpointSlice[] = [];
  const existingByPorts = new Map<string, EndpointSlice[]>();
  for (const s of existing) {
    if (!ownedBy(s, svc)) {
      toDelete.push(s);
      continue;
    }
    const key = portMapKey(s.ports);
    existingByPorts.set(key, [...(existingByPorts.get(key) ?? []), s]);
  }

  const desiredPorts = new Map<string, EndpointPort[]>();
  const desired = new Map<string, EndpointSet>();
  for (const pod of input.pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(svc, pod);
    const key = portMapKey(ports);
    if (!desired.has(key)) {
      desired.set(key, new EndpointSet());
      desiredPorts.set(key, ports);
    }
    let node: Node | undefined;
    if (input.getNode) {
      const nodeName = pod.spec?.nodeName ?? '';
      node = input.getNode(nodeName);
      if (!node && !svc.spec?.publishNotReadyAddresses) {
        errors.push(`skipping Pod ${pod.metadata?.name} for Service ${serviceKey}: Node ${nodeName} Not Found`);
        continue;
      }
    }
    const ep = podToEndpoint(pod, node, svc, addressType);
    if (ep.addresses.length > 0) desired.get(key)!.insert(ep);
  }

  let create: EndpointSlice[] = [];
  let update: EndpointSlice[] = [];
  for (const [key, set] of desired) {
    const r = reconcileByPortMapping(ctx, existingByPorts.get(key) ?? [], set, desiredPorts.get(key)!, addressType);
    create.push(...r.create);
    update.push(...r.update);
    toDelete.push(...r.delete);
  }
  for (const [key, slices] of existingByPorts) if (!desired.has(key)) toDelete.push(...slices);

  // A Service without endpoints keeps exactly one empty placeholder slice.
  if (existing.length === toDelete.length && create.length < 1) {
    const placeholder = newEndpointSlice(svc, [], addressType, ctx.controllerName);
    if (toDelete.length === 1 && isPlaceholder(toDelete[0], placeholder)) toDelete = [];
    else create.push(placeholder);
  }

  const si: SliceInfo = { serviceKey, addressType, toCreate: create, toUpdate: update, unchanged: unchangedSlices(existing, update, toDelete) };
  const topo = input.topologyCache;
  const annotated = hintsEnabled(svc.metadata?.annotations);
  const trafficDist = svc.spec?.trafficDistribution;
  const canUseTrafficDist = trafficDist === PREFER_CLOSE && !annotated;
  if (topo && annotated) {
    const r = topo.addHints(si);
    create = r.create;
    update = r.update;
    events.push(...r.events);
  } else {
    if (topo) {
      if (topo.hasPopulatedHints(serviceKey)) {
        events.push({ type: 'Warning', reason: 'TopologyAwareHintsDisabled', message: withAddressType(MSG_HINTS_DISABLED, addressType) });
      }
      topo.removeHints(serviceKey, addressType);
    }
    if (!canUseTrafficDist) ({ create, update } = removeHintsFromSlices(si));
  }
  if (canUseTrafficDist) ({ create, update } = reconcileHints(trafficDist, create, update, unchangedSlices(existing, update, toDelete)));

  return { ...finalize(svc, create, update, toDelete, input.triggerTime), events, errors };
}

/** Step 1–3 for one port mapping (upstream `reconcileByPortMapping`). */
function reconcileByPortMapping(
  ctx: Ctx,
  existing: EndpointSlice[],
  desired: EndpointSet,
  ports: EndpointPort[],
  addressType: AddressType,
): { create: EndpointSlice[]; update: EndpointSlice[]; delete: EndpointSlice[] } {
  const { svc, max } = ctx;
  const byName = new Map<string, EndpointSlice>();
  const unchanged = new Set<string>();
  const toUpdate = new Set<string>();
  const toDelete = new Set<string>();

  // 1. Keep desired endpoints where they are; drop the others.
  for (const s of existing) {
    const name = s.metadata?.name ?? '';
    byName.set(name, s);
    const kept: Endpoint[] = [];
    let changed = false;
    for (const ep of s.endpoints ?? []) {
      const got = desired.get(ep);
      if (!got) continue;
      kept.push(got);
      if (!endpointsEqualBeyondHash(got, ep)) changed = true;
      desired.delete(ep);
    }
    const [labels, labelsChanged] = sliceLabels(s, svc, ctx.controllerName);
    if (changed || (s.endpoints ?? []).length !== kept.length) {
      if (kept.length === 0) {
        toDelete.add(name);
      } else {
        const copy: EndpointSlice = { ...clone({ ...s, endpoints: [] }), endpoints: kept };
        copy.metadata!.labels = labels;
        byName.set(name, copy);
        toUpdate.add(name);
      }
    } else if (labelsChanged) {
      const copy = clone(s);
      copy.endpoints ??= [];
      copy.metadata!.labels = labels;
      byName.set(name, copy);
      toUpdate.add(name);
    } else {
      unchanged.add(name);
    }
  }

  // 2. Top up the slices that are being written anyway, fullest first.
  if (desired.size > 0 && toUpdate.size > 0) {
    const slices = [...toUpdate].map((n) => byName.get(n)!).sort((a, b) => b.endpoints.length - a.endpoints.length);
    for (const s of slices) while (desired.size > 0 && s.endpoints.length < max) s.endpoints.push(desired.pop()!);
  }

  // 3. Leftovers: into the best-fitting unchanged slice if less than a slice's worth, else new slices.
  const create: EndpointSlice[] = [];
  while (desired.size > 0) {
    let fill: EndpointSlice | undefined;
    if (desired.size < max && unchanged.size > 0) fill = sliceToFill([...unchanged].map((n) => byName.get(n)!), desired.size, max);
    if (!fill) {
      fill = newEndpointSlice(svc, ports, addressType, ctx.controllerName);
    } else {
      fill = clone(fill);
      fill.endpoints ??= [];
      byName.set(fill.metadata!.name!, fill);
    }
    while (desired.size > 0 && fill.endpoints.length < max) fill.endpoints.push(desired.pop()!);
    const name = fill.metadata?.name;
    if (name) {
      toUpdate.add(name);
      unchanged.delete(name);
    } else {
      create.push(fill);
    }
  }
  return { create, update: [...toUpdate].map((n) => byName.get(n)!), delete: [...toDelete].map((n) => byName.get(n)!) };
}

/** `placeholderSliceCompare`: same namespace, labels, address type, and no endpoints or ports. */
function isPlaceholder(s: EndpointSlice, placeholder: EndpointSlice): boolean {
  return (
    (s.metadata?.namespace ?? '') === (placeholder.metadata?.namespace ?? '') &&
    sameLabels(s.metadata?.labels, placeholder.metadata?.labels) &&
    s.addressType === placeholder.addressType &&
    (s.endpoints ?? []).length === 0 &&
    (s.ports ?? []).length === 0
  );
}

/**
 * `finalize` (the deciding half): a create paired with a delete of an owned slice of the same
 * address type becomes an update under the deleted slice's name; no creates for a Service being
 * deleted; every written slice gets the trigger-time annotation (or loses it).
 */
function finalize(
  svc: Service,
  create: EndpointSlice[],
  update: EndpointSlice[],
  del: EndpointSlice[],
  triggerTime: number | undefined,
): { create: EndpointSlice[]; update: EndpointSlice[]; delete: EndpointSlice[] } {
  create = [...create];
  update = [...update];
  del = [...del];
  for (let i = 0; i < del.length && create.length > 0; ) {
    const d = del[i];
    const c = create[create.length - 1];
    if (d.addressType === c.addressType && ownedBy(d, svc)) {
      c.metadata!.name = d.metadata!.name;
      create.pop();
      update.push(c);
      del.splice(i, 1);
    } else {
      i++;
    }
  }
  if (svc.metadata?.deletionTimestamp) create = [];
  for (const s of [...create, ...update]) {
    const m = (s.metadata ??= {});
    if (triggerTime) m.annotations = { ...(m.annotations ?? {}), [ANNOTATION_TRIGGER_TIME]: formatTriggerTime(triggerTime) };
    else if (m.annotations && ANNOTATION_TRIGGER_TIME in m.annotations) {
      const rest = { ...m.annotations };
      delete rest[ANNOTATION_TRIGGER_TIME];
      m.annotations = rest;
    }
  }
  return { create, update, delete: del };
}
