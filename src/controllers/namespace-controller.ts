/**
 * Namespace controller: when a namespace is deleted (phase Terminating), deletes everything in
 * it, waits until nothing is left (pods may take their grace period), then removes the
 * `kubernetes` finalizer so the namespace itself goes.
 */
import { isApiError } from '../api/errors.js';
import type { Namespace } from '../api/types.js';
import type { Client } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import type { ResourceRef } from '../client/resources.js';
import { R, resourcePath } from '../client/resources.js';
import { WorkQueue } from '../client/workqueue.js';
import { logger } from '../util/log.js';

const log = logger('namespace-controller');

export class NamespaceController {
  private queue = new WorkQueue<string>({ baseDelayMs: 200, maxDelayMs: 5000 });

  constructor(
    private client: Client,
    private namespaces: Informer<Namespace>,
    /** Every namespaced resource to empty out (from discovery). */
    private resources: ResourceRef[],
  ) {
    namespaces.on({
      add: (ns) => this.enqueue(ns),
      update: (_o, ns) => this.enqueue(ns),
    });
  }

  private enqueue(ns: Namespace): void {
    if (ns.metadata?.deletionTimestamp) this.queue.add(ns.metadata.name!);
  }

  run(): void {
    void this.queue.run(2, (name) => this.sync(name), (name, err) => log.warn({ namespace: name, err: (err as Error).message }, 'sync failed'));
  }

  stop(): void {
    this.queue.shutdown();
  }

  async sync(name: string): Promise<void> {
    const ns = this.namespaces.get('', name);
    if (!ns?.metadata?.deletionTimestamp) return;
    let remaining = 0;
    for (const ref of this.resources) {
      if (ref.plural === 'events' && ref.group === 'events.k8s.io') continue; // same storage as core events
      const list = await this.client.list(ref, name);
      for (const item of list.items) {
        remaining++;
        if (item.metadata?.deletionTimestamp) continue;
        try {
          await this.client.delete(ref, name, item.metadata!.name!, { propagationPolicy: 'Background' });
        } catch (err) {
          if (!isApiError(err, 'NotFound')) throw err;
        }
      }
    }
    if (remaining > 0) {
      this.queue.addAfter(name, 500);
      return;
    }
    const fins = (ns.spec?.finalizers ?? []).filter((f) => f !== 'kubernetes');
    if (fins.length === (ns.spec?.finalizers ?? []).length) return;
    try {
      await this.client.transport.request('PUT', resourcePath(R.namespaces, '', name, 'finalize'), {
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: fins } },
      });
    } catch (err) {
      if (!isApiError(err, 'NotFound')) throw err;
    }
  }
}
