/**
 * Integration-test harness of the workload controllers: the real API server in-process (no
 * HTTP), shared informers, and a fake kubelet that marks new pods Running and Ready after a
 * delay (or never, for pods it is told to leave broken).
 */
import { rfc3339 } from '../../api/meta.js';
import type { Pod } from '../../api/types.js';
import { ApiServer } from '../../apiserver/apiserver.js';
import { buildResources, wireResources } from '../../apiserver/resources/index.js';
import { Client } from '../../client/client.js';
import { InformerFactory } from '../../client/informer.js';
import { LocalTransport } from '../../client/local.js';
import { R } from '../../client/resources.js';
import { MemoryStore } from '../../store/memory.js';

/** A running API server with a client and an informer factory. */
export interface TestEnv {
  client: Client;
  informers: InformerFactory;
  close(): Promise<void>;
}

export async function startEnv(namespaces: string[] = ['default']): Promise<TestEnv> {
  const store = new MemoryStore();
  const api = new ApiServer({ store, resources: buildResources() });
  await wireResources(api, { serviceCidr: '10.96.0.0/12', nodePortRange: '30000-32767' });
  const client = new Client(new LocalTransport(api, { name: 'test', groups: ['system:masters'] }));
  for (const name of namespaces) await client.create(R.namespaces, '', { metadata: { name } });
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

/** Plays kubelet: new pods become Running and Ready after `delayMs`, unless `broken(pod)` says otherwise. */
export class FakeKubelet {
  private timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private env: TestEnv,
    private delayMs = 20,
    private broken: (pod: Pod) => boolean = () => false,
  ) {
    env.informers.for<Pod>(R.pods).on({ add: (p) => this.schedule(p) });
  }

  private schedule(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Running' || this.broken(pod)) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) void this.markReady(pod.metadata!.namespace!, pod.metadata!.name!).catch(() => undefined);
    }, this.delayMs);
    this.timers.add(t);
  }

  /** Patches the pod's status to Running with a Ready condition. */
  async markReady(namespace: string, name: string): Promise<void> {
    const now = rfc3339();
    await this.env.client.patch(
      R.pods,
      namespace,
      name,
      'strategic',
      {
        status: {
          phase: 'Running',
          startTime: now,
          conditions: [
            { type: 'Ready', status: 'True', lastTransitionTime: now },
            { type: 'ContainersReady', status: 'True', lastTransitionTime: now },
          ],
        },
      },
      'status',
    );
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
  }
}

/** Polls `fn` until it returns something other than undefined/false. */
export async function eventually<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
