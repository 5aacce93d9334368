/**
 * The NodeResourcesFit filter: the pod's requests must fit in the node's allocatable resources
 * minus what the pods already there (bound or assumed) request, and the node must have room for
 * one more pod. Reports every shortfall (`Too many pods`, `Insufficient cpu`, ...).
 */
import type { NodeInfo } from '../node-info.js';
import type { Resource } from '../resources.js';
import { type CycleState, type FilterPlugin, type Status, unschedulable } from '../types.js';

/** The plugin's name. */
export const NODE_RESOURCES_FIT = 'NodeResourcesFit';

/** One resource the node is short of. */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** upstream fitsRequest: the resources the node lacks for a pod requesting `req`. */
export function fitsRequest(req: Resource, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.pods.size + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: node.pods.size, capacity: alloc.allowedPodNumber });
  }
  if (req.isZero()) return out;
  const check = (name: string, want: number, have: number, inUse: number): void => {
    if (want > 0 && want > have - inUse) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: want, used: inUse, capacity: have });
  };
  check('cpu', req.milliCPU, alloc.milliCPU, used.milliCPU);
  check('memory', req.memory, alloc.memory, used.memory);
  check('ephemeral-storage', req.ephemeralStorage, alloc.ephemeralStorage, used.ephemeralStorage);
  for (const [name, want] of req.scalars) {
    if (want === 0) continue;
    const have = alloc.scalars.get(name) ?? 0;
    const inUse = used.scalars.get(name) ?? 0;
    if (want > have - inUse) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: want, used: inUse, capacity: have });
  }
  return out;
}

/** Rejects nodes short of any requested resource, listing every shortfall. */
export const resourcesFitFilter: FilterPlugin = {
  name: NODE_RESOURCES_FIT,
  filter(state: CycleState, node: NodeInfo): Status | undefined {
    const short = fitsRequest(state.info.requests, node);
    return short.length ? unschedulable(NODE_RESOURCES_FIT, ...short.map((s) => s.reason)) : undefined;
  },
};
