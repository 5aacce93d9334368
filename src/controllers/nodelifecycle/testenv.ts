/**
 * The in-process cluster the controllers' integration tests run against: the real API server
 * on a memory store (no HTTP), a client, shared informers, the system namespaces, and helpers to
 * act as the node agent (Nodes, Leases, pod status) and to wait for conditions.
 */
import { rfc3339, rfc3339Micro } from '../../api/meta.js';
import type { Event, KObject, Lease, Node, NodeCondition, Pod } from '../../api/types.js';
import { ApiServer } from '../../apiserver/apiserver.js';
import { buildResources, wireResources } from '../../apiserver/resources/index.js';
import { Client } from '../../client/client.js';
import { InformerFactory } from '../../client/informer.js';
import { LocalTransport } from '../../client/local.js';
import { R } from '../../client/resources.js';
import { MemoryStore } from '../../store/memory.js';

/** A running in-process API server with a client and informers. */
export interface TestEnv {
  store: MemoryStore;
  client: Client;
  informers: InformerFactory;
  close(): Promise<void>;
}

/** Starts the API server, creates default / kube-system / kube-node-lease, and an informer factory. */
export async function startEnv(): Promise<TestEnv> {
  const store = new MemoryStore();
  const api = new ApiServer({ store, resources: buildResources() });
  await wireResources(api, { serviceCidr: '10.96.0.0/12', nodePortRange: '30000-32767' });
  const client = new Client(new LocalTransport(api, { name: 'test', groups: ['system:masters'] }));
  for (const name of ['default', 'kube-system', 'kube-node-lease']) await client.create(R.namespaces, '', { metadata: { name } });
  const informers = new InformerFactory(client);
  return {
    store,
    client,
    informers,
    async close() {
      informers.stop();
      await store.close();
    },
  };
}

/** Polls `fn` every 10 ms until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Sleeps `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The conditions a healthy node agent reports. */
export function healthyConditions(now = Date.now()): NodeCondition[] {
  const ts = rfc3339(now);
  const c = (type: string, status: string, reason: string, message: string): NodeCondition => ({ type, status, reason, message, lastHeartbeatTime: ts, lastTransitionTime: ts });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

/** A Node as a node agent registers it: labels, allocatable resources and healthy conditions. */
export function makeNode(name: string, labels: Record<string, string> = {}, spec: Node['spec'] = {}): Node {
  const alloc = { cpu: '4', memory: '8Gi', pods: '110' };
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } },
    spec,
    status: { allocatable: alloc, capacity: alloc, conditions: healthyConditions() },
  };
}

/** Creates or renews the node's Lease in kube-node-lease, as the node agent's heartbeat does. */
export async function renewLease(client: Client, node: string): Promise<void> {
  const cur = await client.tryGet<Lease>(R.leases, 'kube-node-lease', node);
  const spec = { holderIdentity: node, leaseDurationSeconds: 40, renewTime: rfc3339Micro() };
  if (!cur) await client.create<Lease>(R.leases, 'kube-node-lease', { metadata: { name: node, namespace: 'kube-node-lease' }, spec });
  else await client.update<Lease>(R.leases, 'kube-node-lease', { ...cur, spec: { ...cur.spec, ...spec } });
}

/** Posts a healthy node status (Ready=True with a fresh heartbeat), as a node agent does. */
export async function postReady(client: Client, node: string): Promise<void> {
  await client.patch(R.nodes, '', node, 'strategic', { status: { conditions: healthyConditions() } }, 'status');
}

/** A pod in `default` with one container, optionally bound to a node. */
export function makePod(name: string, extra: Partial<NonNullable<Pod['spec']>> = {}, labels?: Record<string, string>): Pod {
  return {
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra } as Pod['spec'],
  };
}

/** Marks a pod Running and Ready (or just Running), as the node agent would. */
export async function setPodRunning(client: Client, ns: string, name: string, ready = true): Promise<Pod> {
  const ts = rfc3339();
  return client.patch<Pod>(R.pods, ns, name, 'strategic', {
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: ts },
        { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: ts },
      ],
    },
  }, 'status');
}

/** Marks a pod terminated with `phase` (Succeeded or Failed), as the node agent would. */
export async function setPodPhase(client: Client, ns: string, name: string, phase: 'Succeeded' | 'Failed'): Promise<Pod> {
  const ts = rfc3339();
  const exitCode = phase === 'Succeeded' ? 0 : 1;
  return client.patch<Pod>(R.pods, ns, name, 'strategic', {
    status: {
      phase,
      conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: ts }],
      containerStatuses: [
        { name: 'c', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode, reason: phase === 'Succeeded' ? 'Completed' : 'Error', finishedAt: ts } } },
      ],
    },
  }, 'status');
}

/** Events about the object named `name` in `ns` with `reason` (any reason when omitted). */
export async function eventsFor(client: Client, ns: string, name: string, reason?: string): Promise<Event[]> {
  const list = await client.list<Event>(R.events, ns);
  return list.items.filter((e) => e.involvedObject?.name === name && (!reason || e.reason === reason));
}

/** Lists objects of a kind in a namespace. */
export async function listAll<T extends KObject>(client: Client, ref: Parameters<Client['list']>[0], ns: string): Promise<T[]> {
  return (await client.list<T>(ref, ns)).items;
}
