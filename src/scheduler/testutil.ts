/**
 * Builders for the scheduler's unit tests: nodes with allocatable resources and a Ready
 * condition, pods with container requests, and NodeInfos holding placed pods.
 */
import type { Container, Node, Pod, Taint } from '../api/types.js';
import { newCycleState } from './framework.js';
import { NodeInfo } from './node-info.js';
import { podInfoOf } from './pod-info.js';
import type { CycleState } from './types.js';

export interface NodeSpec {
  cpu?: string;
  memory?: string;
  pods?: string;
  extra?: Record<string, string>;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  ready?: 'True' | 'False' | 'Unknown' | 'missing';
}

/** A Node with the given allocatable resources (defaults: 4 CPUs, 8Gi, 110 pods) and Ready=True. */
export function makeNode(name: string, s: NodeSpec = {}): Node {
  const alloc = { cpu: s.cpu ?? '4', memory: s.memory ?? '8Gi', pods: s.pods ?? '110', ...(s.extra ?? {}) };
  const ready = s.ready ?? 'True';
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(s.labels ?? {}) } },
    spec: { taints: s.taints, unschedulable: s.unschedulable },
    status: { allocatable: alloc, capacity: alloc, conditions: ready === 'missing' ? [] : [{ type: 'Ready', status: ready }] },
  };
}

/** A container named `c<i>` with requests. */
export function container(requests: Record<string, string> = {}, extra: Partial<Container> = {}): Container {
  return { name: extra.name ?? 'c', image: 'x', resources: { requests }, ...extra };
}

/** A pod in `default` with the given containers (one container requesting `requests` by default). */
export function makePod(name: string, spec: Partial<NonNullable<Pod['spec']>> = {}, labels?: Record<string, string>): Pod {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels },
    spec: { containers: [container()], ...spec } as Pod['spec'],
  };
}

/** A pod with one container requesting `requests`. */
export function podRequesting(name: string, requests: Record<string, string>, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod {
  return makePod(name, { containers: [container(requests)], ...spec });
}

/** A NodeInfo for `node` holding `pods` (as if bound there). */
export function nodeInfo(node: Node, ...pods: Pod[]): NodeInfo {
  const ni = new NodeInfo(node.metadata!.name!);
  ni.setNode(node);
  for (const p of pods) ni.addPod(podInfoOf({ ...p, spec: { ...p.spec!, nodeName: ni.name } }));
  return ni;
}

/** The cycle state for scheduling `pod`. */
export function stateFor(pod: Pod): CycleState {
  return newCycleState(podInfoOf(pod));
}
