/**
 * The EndpointSlice mirroring reconciler as a pure function (upstream endpointslicemirroring
 * reconciler.go): a hand-made Endpoints object of a selector-less Service becomes one
 * EndpointSlice per subset port set and address family, owned by the Endpoints, carrying its
 * labels and annotations. Each subset mirrors at most `maxEndpointsPerSubset` addresses.
 */
import type { EndpointSlice, Endpoints, EndpointSubset } from '../../api/types.js';
import { type Endpoint, type EndpointPort, EndpointSet, endpointsEqualBeyondHash, portMapKey } from './endpoint-set.js';
import { sameLabels } from '../../api/labels.js';
import { ANNOTATION_TRIGGER_TIME } from './pod-util.js';
import type { HintsEvent } from './topology-hints.js';
import { type AddressType, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, normalizeIP } from './slice-util.js';

/** The managed-by value of mirrored slices. */
export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface MirrorInput {
  endpoints: Endpoints;
  /** Slices already mirrored for it (service-name label = its name, managed-by the mirroring controller). */
  existingSlices: EndpointSlice[];
  /** Default 1000. */
  maxEndpointsPerSubset?: number;
}

export interface MirrorResult {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
  /** Warnings to record on the Endpoints (invalid or too many addresses). */
  events: HintsEvent[];
}

type Address = NonNullable<EndpointSubset['addresses']>[number];

/** `addressToEndpoint`: one address as an endpoint of its family, or undefined for an invalid IP. */
function addressToEndpoint(a: Address, ready: boolean): { ep: Endpoint; type: AddressType } | undefined {
  const n = normalizeIP(a.ip ?? '');
  if (!n) return undefined;
  const ep: Endpoint = { addresses: [n.ip], conditions: { ready } };
  if (a.hostname) ep.hostname = a.hostname;
  if (a.targetRef) ep.targetRef = { ...a.targetRef };
  if (a.nodeName) ep.nodeName = a.nodeName;
  return { ep, type: n.family };
}

function withoutKeys(m: Record<string, string> | undefined, ...keys: string[]): Record<string, string> {
  const out = { ...(m ?? {}) };
  for (const k of keys) delete out[k];
  return out;
}

/** `newEndpointSlice` (mirroring): labels and annotations copied from the Endpoints, owned by it. */
export function newMirroredSlice(ep: Endpoints, ports: EndpointPort[], addressType: AddressType, name?: string): EndpointSlice {
  const epName = ep.metadata?.name ?? '';
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      namespace: ep.metadata?.namespace,
      labels: { ...(ep.metadata?.labels ?? {}), [LABEL_SERVICE_NAME]: epName, [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER_NAME },
      annotations: withoutKeys(ep.metadata?.annotations, ANNOTATION_TRIGGER_TIME, LAST_APPLIED),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: epName, uid: ep.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    endpoints: [],
    ports,
  };
  if (name) slice.metadata!.name = name;
  else slice.metadata!.generateName = `${epName}-`;
  return slice;
}

const keyFor = (type: AddressType, ports: EndpointPort[] | undefined): string => `${type}-${portMapKey(ports)}`;
const typeOfKey = (key: string): AddressType => (key.startsWith('IPv6') ? 'IPv6' : 'IPv4');

/** Decides the mirrored slice writes for one Endpoints object. */
export function reconcileMirroring(input: MirrorInput): MirrorResult {
  const { endpoints } = input;
  const max = input.maxEndpointsPerSubset ?? 1000;
  const desired = new Map<string, EndpointSet>();
  const portsByKey = new Map<string, EndpointPort[]>();
  let invalid = 0;
  let skipped = 0;
  for (const subset of endpoints.subsets ?? []) {
    const ports: EndpointPort[] = (subset.ports ?? []).map((p) => {
      const out: EndpointPort = { name: p.name ?? '', port: p.port, protocol: p.protocol || 'TCP' };
      if (p.appProtocol) out.appProtocol = p.appProtocol;
      return out;
    });
    const keys = { IPv4: keyFor('IPv4', ports), IPv6: keyFor('IPv6', ports) };
    for (const k of Object.values(keys)) {
      if (!desired.has(k)) desired.set(k, new EndpointSet());
      portsByKey.set(k, ports);
    }
    const all = [...(subset.addresses ?? []).map((a) => [a, true] as const), ...(subset.notReadyAddresses ?? []).map((a) => [a, false] as const)];
    let added = 0;
    for (const [a, ready] of all) {
      if (added >= max) break;
      const r = addressToEndpoint(a, ready);
      if (!r) {
        invalid++;
        continue;
      }
      desired.get(keys[r.type])!.insert(r.ep);
      added++;
    }
    skipped += all.length - added;
  }
  const events: HintsEvent[] = [];
  if (invalid > 0) events.push({ type: 'Warning', reason: 'InvalidIPAddress', message: `Skipped ${invalid} invalid IP addresses when mirroring to EndpointSlices` });
  if (skipped > invalid) {
    events.push({
      type: 'Warning',
      reason: 'TooManyAddressesToMirror',
      message: `A max of ${max} addresses can be mirrored to EndpointSlices per Endpoints subset. ${skipped} addresses were skipped`,
    });
  }

  const existingByKey = new Map<string, EndpointSlice[]>();
  for (const s of input.existingSlices) {
    const k = keyFor(s.addressType as AddressType, s.ports);
    existingByKey.set(k, [...(existingByKey.get(k) ?? []), s]);
  }
  let create: EndpointSlice[] = [];
  const update: EndpointSlice[] = [];
  const del: EndpointSlice[] = [];
  for (const [k, set] of desired) {
    const existing = existingByKey.get(k) ?? [];
    if (set.size === 0) {
      del.push(...existing);
      continue;
    }
    if (existing.length > 0) {
      del.push(...existing.slice(1));
      if (unchanged(endpoints, existing[0], set)) continue;
    }
    const slice = newMirroredSlice(endpoints, portsByKey.get(k)!, typeOfKey(k), existing[0]?.metadata?.name);
    while (set.size > 0 && slice.endpoints.length < max) slice.endpoints.push(set.pop()!);
    if (slice.metadata?.name) update.push(slice);
    else create.push(slice);
  }
  for (const [k, slices] of existingByKey) if (!desired.has(k)) del.push(...slices);

  // recycleSlices: pair creates with deletes of the same address type.
  for (const type of ['IPv4', 'IPv6']) {
    const cs = create.filter((s) => s.addressType === type);
    const ds = del.filter((s) => s.addressType === type);
    for (let i = 0; i < cs.length && i < ds.length; i++) {
      cs[i].metadata!.name = ds[i].metadata?.name;
      delete cs[i].metadata!.generateName;
      create = create.filter((s) => s !== cs[i]);
      del.splice(del.indexOf(ds[i]), 1);
      update.push(cs[i]);
    }
  }
  if (endpoints.metadata?.deletionTimestamp) create = [];
  return { create, update, delete: del, events };
}

/** The first slice already holds exactly the desired endpoints, labels and annotations. */
function unchanged(ep: Endpoints, slice: EndpointSlice, set: EndpointSet): boolean {
  let matches = 0;
  for (const e of slice.endpoints ?? []) {
    const got = set.get(e);
    if (!got || !endpointsEqualBeyondHash(got, e)) return false;
    matches++;
  }
  if (matches !== set.size) return false;
  const labels = withoutKeys(slice.metadata?.labels, LABEL_MANAGED_BY, LABEL_SERVICE_NAME);
  const annotations = withoutKeys(ep.metadata?.annotations, ANNOTATION_TRIGGER_TIME, LAST_APPLIED);
  return sameLabels(ep.metadata?.labels, labels) && sameLabels(annotations, slice.metadata?.annotations);
}
