/**
 * Integration-test harness for the endpoints controllers: the real API server in-process (no
 * HTTP), a client and an informer factory, plus a fake kubelet that patches pod status.
 */
import { rfc3339 } from '../../api/meta.js';
import type { EndpointSlice, Node, Pod, Service } from '../../api/types.js';
import { ApiServer } from '../../apiserver/apiserver.js';
import { buildResources, wireResources } from '../../apiserver/resources/index.js';
import { Client } from '../../client/client.js';
import { InformerFactory } from '../../client/informer.js';
import { LocalTransport } from '../../client/local.js';
import { R } from '../../client/resources.js';
import { MemoryStore } from '../../store/memory.js';

export interface TestCluster {
  client: Client;
  informers: InformerFactory;
  close(): Promise<void>;
}

/** Starts an API server with the `default` namespace and two nodes in zones `zone-a` / `zone-b`. */
export async function startCluster(): Promise<TestCluster> {
  const store = new MemoryStore();
  const api = new ApiServer({ store, resources: buildResources() });
  await wireResources(api, { serviceCidr: '10.96.0.0/12', nodePortRange: '30000-32767' });
  const client = new Client(new LocalTransport(api, { name: 'test', groups: ['system:masters'] }));
  await client.create(R.namespaces, '', { metadata: { name: 'default' } });
  for (const [name, zone] of [
    ['node-a', 'zone-a'],
    ['node-b', 'zone-b'],
  ]) {
    const node: Node = {
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } },
      status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
    };
    await client.create(R.nodes, '', node);
  }
  const informers = new InformerFactory(client);
  return {
    client,
    informers,
    close: async () => {
      informers.stop();
      await store.close();
    },
  };
}

/** Polls `fn` every 10 ms until it returns something other than undefined. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A Service selecting `selector`, port http 80 → targetPort `http` (named). */
export function svc(name: string, selector: Record<string, string> | undefined, spec: Partial<NonNullable<Service['spec']>> = {}): Service {
  return { metadata: { name, namespace: 'default' }, spec: { selector, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], ...spec } };
}

/** Creates pod `name` bound to `node` with a container port named http. */
export async function createPod(c: Client, name: string, labels: Record<string, string>, node = 'node-a', containerPort = 8080): Promise<Pod> {
  return c.create<Pod>(R.pods, 'default', {
    metadata: { name, namespace: 'default', labels },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort }] }] },
  });
}

/** Plays kubelet: the pod runs with `ip`, Ready or not. */
export async function setPodStatus(c: Client, name: string, ip: string, ready: boolean): Promise<void> {
  await c.patch(
    R.pods,
    'default',
    name,
    'strategic',
    {
      status: {
        phase: 'Running',
        podIP: ip,
        podIPs: [{ ip }],
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: rfc3339() }],
      },
    },
    'status',
  );
}

/** The slices of a Service managed by `managedBy`. */
export async function slicesOf(c: Client, service: string, managedBy = 'endpointslice-controller.k8s.io'): Promise<EndpointSlice[]> {
  const list = await c.list<EndpointSlice>(R.endpointslices, 'default', {
    labelSelector: `kubernetes.io/service-name=${service},endpointslice.kubernetes.io/managed-by=${managedBy}`,
  });
  return list.items;
}
