/**
 * The scheduler's cache (upstream's internal/cache): NodeInfo per node, fed by the node and pod
 * informers, plus "assumed" pods — placed by the scheduler, binding in flight, not yet seen
 * bound — so that concurrent bindings never hand out the same capacity twice.
 */
import type { Node, Pod } from '../api/types.js';
import { NodeInfo } from './node-info.js';
import { type PodInfo, podInfoOf } from './pod-info.js';

interface PodState {
  info: PodInfo;
  node: string;
  assumed: boolean;
}

/** NodeInfos by node name plus where each known pod is bound or assumed. */
export class SchedulerCache {
  private infos = new Map<string, NodeInfo>();
  private podStates = new Map<string, PodState>();

  /** Adds or replaces a node. */
  setNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    this.infoFor(name).setNode(node);
  }

  /** Removes a node; its NodeInfo lingers (without a node) while pods still point at it. */
  removeNode(name: string): void {
    const ni = this.infos.get(name);
    if (!ni) return;
    ni.node = undefined;
    if (!ni.pods.size) this.infos.delete(name);
  }

  /** The NodeInfos of nodes that exist, in insertion order. */
  nodeInfos(): NodeInfo[] {
    const out: NodeInfo[] = [];
    for (const ni of this.infos.values()) if (ni.node) out.push(ni);
    return out;
  }

  get(name: string): NodeInfo | undefined {
    const ni = this.infos.get(name);
    return ni?.node ? ni : undefined;
  }

  /** Records a pod observed bound to a node (confirming it if it was assumed). */
  addPod(pod: Pod): void {
    const node = pod.spec?.nodeName;
    if (!node) return;
    this.place(podInfoOf(pod), node, false);
  }

  /** Forgets a pod that was deleted, finished, or is no longer bound. */
  removePod(key: string): void {
    const st = this.podStates.get(key);
    if (!st) return;
    this.podStates.delete(key);
    this.detach(st);
  }

  /** Reserves a node's capacity for a pod whose binding is about to be sent. */
  assume(info: PodInfo, node: string): void {
    this.place(info, node, true);
  }

  /** Releases an assumed pod (its binding failed); observed pods are left alone. */
  forget(key: string): void {
    const st = this.podStates.get(key);
    if (st?.assumed) this.removePod(key);
  }

  /** Whether the pod is in the cache as observed (not assumed) on `node`. */
  isConfirmed(key: string, node: string): boolean {
    const st = this.podStates.get(key);
    return st !== undefined && !st.assumed && st.node === node;
  }

  isAssumed(key: string): boolean {
    return this.podStates.get(key)?.assumed === true;
  }

  /** The node a pod is bound or assumed on. */
  nodeOf(key: string): string | undefined {
    return this.podStates.get(key)?.node;
  }

  private place(info: PodInfo, node: string, assumed: boolean): void {
    const prev = this.podStates.get(info.key);
    if (prev) this.detach(prev);
    const st = { info, node, assumed };
    this.podStates.set(info.key, st);
    this.infoFor(node).addPod(info);
  }

  private detach(st: PodState): void {
    const ni = this.infos.get(st.node);
    if (!ni) return;
    ni.removePod(st.info.key);
    if (!ni.node && !ni.pods.size) this.infos.delete(st.node);
  }

  private infoFor(name: string): NodeInfo {
    let ni = this.infos.get(name);
    if (!ni) this.infos.set(name, (ni = new NodeInfo(name)));
    return ni;
  }
}
