/**
 * Hints for `spec.trafficDistribution: PreferClose` (upstream trafficdist, v1.32): every ready
 * endpoint with a zone is hinted for its own zone, with none of the topologycache's proportional
 * balancing or safeguards; any other value means cluster-wide routing and no hints.
 */
import type { EndpointSlice } from '../../api/types.js';
import { clone } from '../../api/meta.js';
import { type Endpoint, endpointReady } from './endpoint-set.js';

export const PREFER_CLOSE = 'PreferClose';

interface Heuristic {
  needsUpdate(slice: EndpointSlice): boolean;
  update(slice: EndpointSlice): void;
}

const clusterWide: Heuristic = {
  needsUpdate: (slice) => (slice.endpoints ?? []).some((ep) => ep.hints),
  update: (slice) => {
    for (const ep of slice.endpoints ?? []) delete ep.hints;
  },
};

function wantsZoneHint(ep: Endpoint): boolean {
  return !!ep.zone;
}

const preferClose: Heuristic = {
  needsUpdate: (slice) =>
    (slice.endpoints ?? []).some((ep) => {
      if (!endpointReady(ep)) return false;
      const zones = ep.hints?.forZones ?? [];
      if (wantsZoneHint(ep)) return zones.length !== 1 || zones[0].name !== ep.zone;
      return zones.length > 0;
    }),
  update: (slice) => {
    for (const ep of slice.endpoints ?? []) {
      if (!endpointReady(ep)) continue;
      if (wantsZoneHint(ep)) ep.hints = { forZones: [{ name: ep.zone! }] };
      else delete ep.hints;
    }
  },
};

/**
 * `ReconcileHints`: unchanged slices whose hints are wrong move (copied) to the update list;
 * every slice to create or update gets its hints set. Unchanged slices are never modified.
 */
export function reconcileHints(
  trafficDistribution: string | undefined,
  toCreate: EndpointSlice[],
  toUpdate: EndpointSlice[],
  unchanged: EndpointSlice[],
): { create: EndpointSlice[]; update: EndpointSlice[]; unchanged: EndpointSlice[] } {
  const h = trafficDistribution === PREFER_CLOSE ? preferClose : clusterWide;
  const update = [...toUpdate];
  const keep: EndpointSlice[] = [];
  for (const s of unchanged) {
    if (h.needsUpdate(s)) update.push(clone(s));
    else keep.push(s);
  }
  for (const s of toCreate) h.update(s);
  for (const s of update) h.update(s);
  return { create: toCreate, update, unchanged: keep };
}
