/**
 * The pod status patch the kubelet's status manager sends (`statusutil.PatchPodStatus`): a
 * two-way strategic merge patch from the status the API server has to the one the kubelet
 * computed, so the stored status ends up equal to the computed one — a field the kubelet no
 * longer reports (a condition's stale `reason`/`message`, a container's old `waiting` state)
 * becomes `null` and is removed, a condition that is gone gets a `$patch: delete`.
 *
 * Only the fields the kubelet generates are compared; others (`nominatedNodeName`,
 * `resourceClaimStatuses`, …) are left to their owners. Conditions the kubelet does not own
 * (readiness gates, DisruptionTarget) are expected in the new status as the server had them
 * (see `podConditions`), so they produce no patch entry and a concurrent write by their owner is
 * not undone.
 */
import { deepEqual } from '../api/meta.js';
import type { PodStatus } from '../api/types.js';

/** The PodStatus fields the kubelet generates (upstream `generateAPIPodStatus` + `mergePodStatus`). */
export const KUBELET_STATUS_FIELDS = [
  'phase',
  'conditions',
  'message',
  'reason',
  'hostIP',
  'hostIPs',
  'podIP',
  'podIPs',
  'startTime',
  'initContainerStatuses',
  'containerStatuses',
  'ephemeralContainerStatuses',
  'qosClass',
] as const;

/** PodStatus lists merged by key (`patchStrategy=merge` in the API types); every other list is atomic. */
const MERGE_KEYS: Record<string, string> = { conditions: 'type', podIPs: 'ip', hostIPs: 'ip' };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonMap = { [k: string]: Json };

function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Two-way diff of two maps: changed and added fields, removed ones as null; undefined when equal. */
function diffMaps(from: JsonMap, to: JsonMap): JsonMap | undefined {
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(to)) {
    const old = from[k];
    // null is how an absent field is written (a condition's `lastProbeTime: null`).
    if ((old === undefined || old === null) && v === null) continue;
    if (old === undefined) out[k] = v;
    else if (isMap(old) && isMap(v)) {
      const d = diffMaps(old, v);
      if (d) out[k] = d;
    } else if (!deepEqual(old, v)) out[k] = v;
  }
  for (const [k, v] of Object.entries(from)) if (!(k in to) && v !== null) out[k] = null;
  return Object.keys(out).length ? out : undefined;
}

/** Two-way diff of a list merged by `key`: the patch entries, and the `$setElementOrder` list. */
function diffKeyedList(from: Json[], to: Json[], key: string): { entries: Json[]; order: Json[] } | undefined {
  const keyOf = (v: Json): Json => (isMap(v) ? (v[key] ?? null) : null);
  const entries: Json[] = [];
  for (const item of to) {
    const old = from.find((o) => deepEqual(keyOf(o), keyOf(item)));
    if (!old || !isMap(old) || !isMap(item)) {
      entries.push(item);
      continue;
    }
    const d = diffMaps(old, item);
    if (d) entries.push({ [key]: keyOf(item), ...d });
  }
  for (const old of from) {
    if (!to.some((n) => deepEqual(keyOf(n), keyOf(old)))) entries.push({ [key]: keyOf(old), $patch: 'delete' });
  }
  const order = to.map((v) => ({ [key]: keyOf(v) }));
  if (!entries.length && deepEqual(order, from.map((v) => ({ [key]: keyOf(v) })))) return undefined;
  return { entries, order };
}

/**
 * The strategic merge patch (the `status` part) that turns `server` into `next` for the fields
 * the kubelet owns; undefined when there is nothing to change.
 */
export function podStatusPatch(server: PodStatus | undefined, next: PodStatus): JsonMap | undefined {
  const from = JSON.parse(JSON.stringify(server ?? {})) as JsonMap;
  const to = JSON.parse(JSON.stringify(next)) as JsonMap;
  const patch: JsonMap = {};
  for (const field of KUBELET_STATUS_FIELDS) {
    const old = from[field];
    const cur = to[field];
    if (cur === undefined) {
      if (old !== undefined) patch[field] = null;
      continue;
    }
    const key = MERGE_KEYS[field];
    if (key && Array.isArray(cur)) {
      const d = diffKeyedList(Array.isArray(old) ? old : [], cur, key);
      if (d) {
        patch[`$setElementOrder/${field}`] = d.order;
        if (d.entries.length) patch[field] = d.entries;
      }
      continue;
    }
    if (!deepEqual(old, cur)) patch[field] = cur;
  }
  return Object.keys(patch).length ? patch : undefined;
}

/**
 * Whether a status moves the pod's phase or its Ready condition from what the API server has:
 * what controllers, endpoints and `kubectl wait` act on. Upstream's kubelet writes statuses
 * from parallel goroutines; one event loop writes a few at a time, and after a burst of new
 * pods these go before the pods' first ContainerCreating statuses.
 */
export function changesPhaseOrReady(server: PodStatus | undefined, s: PodStatus): boolean {
  if ((server?.phase ?? 'Pending') !== s.phase) return true;
  const ready = (st: PodStatus | undefined) => st?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'False';
  return ready(server) !== ready(s);
}
