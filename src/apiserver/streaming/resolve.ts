/**
 * Finding what a streaming request addresses: the pod (through the registry), the container
 * (upstream's defaulting and messages from `pkg/registry/core/pod/strategy.go`), the node agent
 * that runs it, and the parsing of the query parameters these subresources take.
 */
import * as errors from '../../api/errors.js';
import type { Pod } from '../../api/types.js';
import type { ApiServer } from '../apiserver.js';
import type { NodeConnection, NodeConnections } from '../nodeproxy.js';

/** An error answered before an upgrade as plain text (what a kubelet would have said), not as a Status. */
export class PlainError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'PlainError';
  }
}

/** Reads a pod through the registry (404 `pods "x" not found` when absent). */
export async function getPod(api: ApiServer, namespace: string, name: string): Promise<Pod> {
  const def = api.lookup('', 'v1', 'pods');
  if (!def) throw errors.notFound({ group: '', resource: 'pods' }, name);
  return (await api.registry.get(def, namespace, name)) as Pod;
}

/** Every container name of a pod: regular, then init, then ephemeral. */
export function containerNames(pod: Pod): string[] {
  return [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => c.name),
  ];
}

/** The container a request is about: defaulted when the pod has exactly one, else it must exist. */
export function validateContainer(pod: Pod, container: string): string {
  const name = pod.metadata?.name ?? '';
  if (!container) {
    const regular = pod.spec?.containers ?? [];
    if (regular.length === 1) return regular[0]!.name;
    if (regular.length === 0) throw errors.badRequest(`a container name must be specified for pod ${name}`);
    throw errors.badRequest(`a container name must be specified for pod ${name}, choose one of: [${containerNames(pod).join(' ')}]`);
  }
  if (!containerNames(pod).includes(container)) throw errors.badRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}

/** The node agent for a scheduled pod; 400 `pod x does not have a host assigned` otherwise. */
export function nodeFor(nodes: NodeConnections, pod: Pod): NodeConnection {
  const name = pod.metadata?.name ?? '';
  const node = pod.spec?.nodeName;
  if (!node) throw errors.badRequest(`pod ${name} does not have a host assigned`);
  const conn = nodes.get(node);
  if (!conn) throw errors.serviceUnavailable(`no node agent is connected for node "${node}"`);
  return conn;
}

/** Whether the pod status shows the container running (what a kubelet's exec/attach needs). */
export function containerRunning(pod: Pod, container: string): boolean {
  const st = pod.status;
  const all = [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? []), ...(st?.ephemeralContainerStatuses ?? [])];
  return all.some((s) => s.name === container && s.state?.running !== undefined);
}

/** A boolean query parameter as Go's strconv.ParseBool reads it (absent → false). */
export function boolParam(q: URLSearchParams, ...names: string[]): boolean {
  for (const n of names) {
    const v = q.get(n);
    if (v === null) continue;
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
    if (['0', 'f', 'F', 'FALSE', 'false', 'False', ''].includes(v)) continue;
    throw errors.badRequest(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
  }
  return false;
}

/** An integer query parameter as Go's strconv.ParseInt reads it (absent → undefined). */
export function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^[+-]?\d+$/.test(v)) throw errors.badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw errors.badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: value out of range`);
  return n;
}
