/**
 * A pod's effective resource request, computed as upstream's resourcehelper.PodRequests does:
 * the sum of the regular containers plus restartable init containers (sidecars), against the
 * largest need of any one init container while it runs (the sidecars started before it
 * included), whichever is larger per resource, plus the pod overhead.
 */
import { Quantity, tryParseQuantity } from '../api/quantity.js';
import type { Container, Pod } from '../api/types.js';

/** Quantities by resource name. */
export type ResourceList = Map<string, Quantity>;

/** CPU the scheduler assumes for a container that requests none (upstream DefaultMilliCPURequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** Memory the scheduler assumes for a container that requests none (upstream DefaultMemoryRequest, 200 MiB). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const NON_MISSING: ReadonlyMap<string, Quantity> = new Map([
  ['cpu', Quantity.fromMilli(DEFAULT_MILLI_CPU_REQUEST)],
  ['memory', Quantity.fromValue(DEFAULT_MEMORY_REQUEST)],
]);

function toList(map: Record<string, string> | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(map ?? {})) {
    const q = tryParseQuantity(String(v));
    if (q) out.set(k, q);
  }
  return out;
}

function addInto(dst: ResourceList, src: ResourceList): void {
  for (const [k, q] of src) {
    const prev = dst.get(k);
    dst.set(k, prev ? prev.add(q) : q);
  }
}

function maxInto(dst: ResourceList, src: ResourceList): void {
  for (const [k, q] of src) {
    const prev = dst.get(k);
    if (!prev || q.cmp(prev) > 0) dst.set(k, q);
  }
}

/** A container's requests, with the scheduler's defaults for CPU and memory when `nonMissing`. */
function containerRequests(c: Container, nonMissing: boolean): ResourceList {
  const reqs = toList(c.resources?.requests);
  if (nonMissing) for (const [k, q] of NON_MISSING) if (!reqs.has(k)) reqs.set(k, q);
  return reqs;
}

/** Whether an init container is a sidecar (restartPolicy: Always) that keeps running. */
export function isRestartableInit(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

/**
 * The pod's requests per resource. With `nonMissing`, containers that request no CPU or memory
 * count the scheduler's defaults instead (used for scoring, never for fitting).
 */
export function podRequests(pod: Pod, nonMissing = false): ResourceList {
  const reqs: ResourceList = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(reqs, containerRequests(c, nonMissing));
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = containerRequests(c, nonMissing);
    let running: ResourceList;
    if (isRestartableInit(c)) {
      addInto(reqs, own);
      addInto(sidecars, own);
      running = sidecars;
    } else {
      running = new Map(own);
      addInto(running, sidecars);
    }
    maxInto(initMax, running);
  }
  maxInto(reqs, initMax);
  const overhead = pod.spec?.overhead;
  if (overhead) addInto(reqs, toList(overhead));
  return reqs;
}
