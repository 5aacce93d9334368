/**
 * ServiceAccounts controller: every active namespace has a `default` ServiceAccount.
 */
import { isApiError } from '../api/errors.js';
import type { Namespace, ServiceAccount } from '../api/types.js';
import type { Client } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import { R } from '../client/resources.js';
import { WorkQueue } from '../client/workqueue.js';
import { logger } from '../util/log.js';

const log = logger('serviceaccount-controller');

export class ServiceAccountController {
  private queue = new WorkQueue<string>();

  constructor(
    private client: Client,
    private namespaces: Informer<Namespace>,
    private accounts: Informer<ServiceAccount>,
  ) {
    namespaces.on({ add: (ns) => this.queue.add(ns.metadata!.name!), update: (_o, ns) => this.queue.add(ns.metadata!.name!) });
    accounts.on({ delete: (sa) => this.queue.add(sa.metadata!.namespace!) });
  }

  run(): void {
    void this.queue.run(1, (ns) => this.sync(ns), (ns, err) => log.warn({ namespace: ns, err: (err as Error).message }, 'sync failed'));
  }

  stop(): void {
    this.queue.shutdown();
  }

  async sync(namespace: string): Promise<void> {
    await this.accounts.waitForSync();
    const ns = this.namespaces.get('', namespace);
    if (!ns || ns.metadata?.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    if (this.accounts.get(namespace, 'default')) return;
    try {
      await this.client.create(R.serviceaccounts, namespace, { metadata: { name: 'default', namespace } });
    } catch (err) {
      if (!isApiError(err, 'AlreadyExists') && !isApiError(err, 'Forbidden') && !isApiError(err, 'NotFound')) throw err;
    }
  }
}
