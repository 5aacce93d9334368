/**
 * Root CA publisher, as kube-controller-manager's root-ca-cert-publisher: every namespace has a
 * `kube-root-ca.crt` ConfigMap whose `ca.crt` is the cluster CA, so pods can verify the API
 * server at kubernetes.default.svc. A deleted or edited copy is put back.
 */
import { isApiError } from '../api/errors.js';
import { deepEqual } from '../api/meta.js';
import type { ConfigMap, Namespace } from '../api/types.js';
import type { Client } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import { R } from '../client/resources.js';
import { WorkQueue } from '../client/workqueue.js';
import { logger } from '../util/log.js';
import { namespaceTerminating } from './endpointslice/endpointslice-controller.js';

const log = logger('root-ca-cert-publisher');

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
/** The annotation value upstream writes (a wire value clients may look for). */
export const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

export class RootCaPublisher {
  private queue = new WorkQueue<string>({ baseDelayMs: 5, maxDelayMs: 60_000 });

  constructor(
    private client: Client,
    private namespaces: Informer<Namespace>,
    private configmaps: Informer<ConfigMap>,
    private rootCa: string,
  ) {
    namespaces.on({
      add: (ns) => this.queue.add(ns.metadata!.name!),
      update: (_old, ns) => {
        if ((ns.status?.phase ?? 'Active') === 'Active') this.queue.add(ns.metadata!.name!);
      },
    });
    const ours = (cm: ConfigMap) => {
      if (cm.metadata?.name === ROOT_CA_CONFIGMAP && cm.metadata.namespace) this.queue.add(cm.metadata.namespace);
    };
    configmaps.on({ update: (_old, cm) => ours(cm), delete: ours });
  }

  run(): void {
    void this.queue.run(1, (ns) => this.sync(ns), (ns, err) => log.warn({ namespace: ns, err: (err as Error).message }, 'sync failed'));
  }

  stop(): void {
    this.queue.shutdown();
  }

  /** Creates the namespace's ConfigMap, or puts its data and description back. */
  async sync(namespace: string): Promise<void> {
    await this.configmaps.waitForSync();
    const data = { 'ca.crt': this.rootCa };
    const cm = this.configmaps.get(namespace, ROOT_CA_CONFIGMAP);
    if (!cm) {
      try {
        await this.client.create<ConfigMap>(R.configmaps, namespace, {
          metadata: { name: ROOT_CA_CONFIGMAP, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
          data,
        });
      } catch (err) {
        // A namespace that is gone or going needs no copy; one created meanwhile is fine.
        if (isApiError(err, 'NotFound') || isApiError(err, 'AlreadyExists') || namespaceTerminating(err)) return;
        throw err;
      }
      return;
    }
    if (deepEqual(cm.data ?? {}, data) && cm.metadata?.annotations?.[DESCRIPTION_ANNOTATION]) return;
    const next = structuredClone(cm);
    next.data = data;
    next.metadata!.annotations = { ...(next.metadata!.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION };
    try {
      await this.client.update(R.configmaps, namespace, next);
    } catch (err) {
      // The informer will see the newer (or removed) copy and queue the namespace again.
      if (isApiError(err, 'Conflict') || isApiError(err, 'NotFound')) return;
      throw err;
    }
  }
}
