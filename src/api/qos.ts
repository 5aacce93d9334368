/**
 * Quality of Service classes, computed as upstream's GetPodQOS does: BestEffort when no
 * container requests or limits CPU or memory; Guaranteed when every container (init containers
 * included) has CPU and memory limits and the summed requests equal the summed limits;
 * Burstable otherwise. Under memory pressure the node agent evicts BestEffort first, then
 * Burstable, then Guaranteed.
 */
import { type Quantity, tryParseQuantity } from './quantity.js';
import type { Pod } from './types.js';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

function addTo(sum: Map<string, Quantity>, name: string, q: Quantity): void {
  const prev = sum.get(name);
  sum.set(name, prev ? prev.add(q) : q);
}

export function podQOSClass(pod: Pod): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of containers) {
    for (const [name, v] of Object.entries(c.resources?.requests ?? {})) {
      if (!QOS_RESOURCES.includes(name)) continue;
      const q = tryParseQuantity(String(v));
      if (q && q.sign() > 0) addTo(requests, name, q);
    }
    const found = new Set<string>();
    for (const [name, v] of Object.entries(c.resources?.limits ?? {})) {
      if (!QOS_RESOURCES.includes(name)) continue;
      const q = tryParseQuantity(String(v));
      if (q && q.sign() > 0) {
        found.add(name);
        addTo(limits, name, q);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (!requests.size && !limits.size) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
