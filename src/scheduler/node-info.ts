/**
 * Per-node aggregates the scheduler keeps up to date (upstream's framework.NodeInfo): the pods
 * bound or assumed there, their summed requests (exact and non-zero), the host ports in use,
 * the node's allocatable resources and its effective taints.
 */
import type { Node, Taint } from '../api/types.js';
import { effectiveTaints } from './filters/node-ready.js';
import type { HostPort, PodInfo } from './pod-info.js';
import { Resource } from './resources.js';

/** Host ports in use: `protocol/port` → host IP → number of pods using it. */
export type UsedPorts = Map<string, Map<string, number>>;

/** One node's aggregates; updated incrementally as pods are added and removed. */
export class NodeInfo {
  node?: Node;
  allocatable = new Resource();
  taints: Taint[] = [];
  readonly pods = new Map<string, PodInfo>();
  readonly requested = new Resource();
  nonZeroCPU = 0;
  nonZeroMemory = 0;
  readonly usedPorts: UsedPorts = new Map();

  constructor(readonly name: string) {}

  /** Sets (or replaces) the Node object, refreshing allocatable and taints. */
  setNode(node: Node): void {
    this.node = node;
    this.allocatable = Resource.from(node.status?.allocatable);
    this.taints = effectiveTaints(node);
  }

  get labels(): Record<string, string> {
    return this.node?.metadata?.labels ?? {};
  }

  addPod(p: PodInfo): void {
    if (this.pods.has(p.key)) this.removePod(p.key);
    this.pods.set(p.key, p);
    this.update(p, 1);
  }

  removePod(key: string): PodInfo | undefined {
    const p = this.pods.get(key);
    if (!p) return undefined;
    this.pods.delete(key);
    this.update(p, -1);
    return p;
  }

  private update(p: PodInfo, sign: 1 | -1): void {
    this.requested.add(p.requests, sign);
    this.nonZeroCPU += sign * p.nonZeroCPU;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      const k = `${hp.protocol}/${hp.port}`;
      let byIp = this.usedPorts.get(k);
      if (!byIp) this.usedPorts.set(k, (byIp = new Map()));
      const n = (byIp.get(hp.ip) ?? 0) + sign;
      if (n > 0) byIp.set(hp.ip, n);
      else byIp.delete(hp.ip);
      if (!byIp.size) this.usedPorts.delete(k);
    }
  }
}

/**
 * HostPortInfo.CheckConflict: a wildcard (0.0.0.0) request conflicts with the same
 * protocol/port on any IP; a specific IP conflicts with the wildcard or the same IP.
 */
export function portConflicts(used: UsedPorts, want: HostPort): boolean {
  if (want.port <= 0) return false;
  const byIp = used.get(`${want.protocol}/${want.port}`);
  if (!byIp) return false;
  if (want.ip === '0.0.0.0') return byIp.size > 0;
  return byIp.has('0.0.0.0') || byIp.has(want.ip);
}
