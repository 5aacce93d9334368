/**
 * The EndpointSlice controller (upstream pkg/controller/endpointslice): for every Service with a
 * selector, keeps EndpointSlices (`<service>-xxxxx`, managed by `endpointslice-controller.k8s.io`)
 * listing the selected pods. Handlers only compute keys and enqueue — pod changes after a small
 * batching delay; `sync` reads informer caches only and hands the decision to the pure
 * `reconcile`, then writes and records the generations it wrote so its own echoes are ignored.
 */
import { isApiError } from '../../api/errors.js';
import type { EndpointSlice, Node, Pod, Service } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import { EventRecorder } from '../../client/events.js';
import type { Informer, InformerFactory } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue } from '../../client/workqueue.js';
import { logger } from '../../util/log.js';
import { Delayer } from './delayer.js';
import { hasSelector, keyOf, podEndpointsChanged, servicesToSync, splitKey } from './pod-util.js';
import { reconcile, type ReconcileResult } from './reconciler.js';
import { ServicePodIndex } from './service-pod-index.js';
import { ENDPOINTSLICE_CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LABEL_TOPOLOGY_ZONE } from './slice-util.js';
import { TopologyCache } from './topology-hints.js';
import { EndpointSliceTracker, StaleInformerCacheError } from './tracker.js';
import { TriggerTimeTracker } from './trigger-time.js';

const log = logger('endpointslice-controller');

/** Index of the slice informer by `namespace/<kubernetes.io/service-name>`. */
export const SLICE_SERVICE_INDEX = 'skiff.endpointslice/service-name';
/** Least delay before a sync caused by someone else's slice change (upstream: 1s). */
const SLICE_CHANGE_MIN_SYNC_DELAY_MS = 1000;
const MAX_STALE_RETRY_DELAY_MS = 1000;

export interface EndpointSliceControllerOptions {
  /** Upstream `--max-endpoints-per-slice`; default 100. */
  maxEndpointsPerSlice?: number;
  /** Delay that batches pod-driven syncs of a Service (upstream `--endpointslice-updates-batch-period`); default 10 ms. */
  endpointUpdatesBatchPeriodMs?: number;
  /** Concurrent Service syncs (upstream `--concurrent-service-endpoint-syncs`); default 5. */
  workers?: number;
  /** Topology aware hints for `service.kubernetes.io/topology-mode: Auto`; default on. */
  topologyAwareHints?: boolean;
}

/** Registers the slice-by-Service index on a (shared) EndpointSlice informer. */
export function addSliceServiceIndex(slices: Informer<EndpointSlice>): void {
  slices.addIndex(SLICE_SERVICE_INDEX, (s) => {
    const svc = s.metadata?.labels?.[LABEL_SERVICE_NAME];
    return svc ? [`${s.metadata?.namespace ?? ''}/${svc}`] : [];
  });
}

/** An aggregate error message as utilerrors.NewAggregate prints one. */
export function aggregate(msgs: string[]): string {
  return msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
}

/** Whether a create failed because the namespace is being deleted. */
export function namespaceTerminating(err: unknown): boolean {
  if (!isApiError(err)) return false;
  if (err.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) return true;
  return err.reason === 'Forbidden' && /because it is being terminated/.test(err.message);
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class EndpointSliceController {
  private readonly pods: Informer<Pod>;
  private readonly services: Informer<Service>;
  private readonly nodes: Informer<Node>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly queue = new WorkQueue<string>({ baseDelayMs: 1000, maxDelayMs: 1_000_000 });
  private readonly delayer = new Delayer(this.queue);
  private readonly index: ServicePodIndex;
  private readonly tracker = new EndpointSliceTracker();
  private readonly triggerTimes = new TriggerTimeTracker();
  private readonly topology?: TopologyCache;
  private readonly recorder: EventRecorder;
  private readonly staleRetries = new Map<string, number>();
  private readonly maxPerSlice: number;
  private readonly batchMs: number;
  private readonly workers: number;
  private topologyTimer?: NodeJS.Timeout;
  private started = false;
  private stopped = false;

  constructor(
    private readonly client: Client,
    informers: InformerFactory,
    opts: EndpointSliceControllerOptions = {},
  ) {
    this.maxPerSlice = opts.maxEndpointsPerSlice ?? 100;
    this.batchMs = opts.endpointUpdatesBatchPeriodMs ?? 10;
    this.workers = opts.workers ?? 5;
    this.recorder = new EventRecorder(client, 'endpoint-slice-controller');
    if (opts.topologyAwareHints !== false) this.topology = new TopologyCache();
    this.pods = informers.for<Pod>(R.pods);
    this.services = informers.for<Service>(R.services);
    this.nodes = informers.for<Node>(R.nodes);
    this.slices = informers.for<EndpointSlice>(R.endpointslices);
    addSliceServiceIndex(this.slices);
    this.index = new ServicePodIndex(this.pods, this.services);

    this.services.on({
      add: (s) => this.onService(s),
      update: (_old, s) => this.onService(s),
      delete: (s) => {
        this.index.deleteService(s);
        this.queue.add(keyOf(s));
      },
    });
    this.pods.on({
      add: (p) => this.enqueueBatched(this.index.updatePod(p).after),
      update: (old, cur) => this.onPodUpdate(old, cur),
      delete: (p) => this.enqueueBatched(this.index.deletePod(p)),
    });
    this.slices.on({
      add: (s) => {
        if (this.managed(s) && this.tracker.shouldSync(s)) this.queueForSlice(s);
      },
      update: (old, s) => this.onSliceUpdate(old, s),
      delete: (s) => {
        if (this.managed(s) && this.tracker.has(s) && !this.tracker.handleDeletion(s)) this.queueForSlice(s);
      },
    });
    if (this.topology) {
      this.nodes.on({
        add: () => this.queueTopology(),
        update: (old, cur) => {
          if (nodeReady(old) !== nodeReady(cur) || old.metadata?.labels?.[LABEL_TOPOLOGY_ZONE] !== cur.metadata?.labels?.[LABEL_TOPOLOGY_ZONE]) this.queueTopology();
        },
        delete: () => this.queueTopology(),
      });
    }
  }

  /** Waits for the caches, then starts the workers. */
  run(): void {
    if (this.started) return;
    this.started = true;
    void (async () => {
      await Promise.all([this.pods, this.services, this.nodes, this.slices].map((i) => i.waitForSync()));
      if (this.stopped) return;
      // Zone capacities first, so the first syncs of annotated Services can hint.
      this.topology?.setNodes(this.nodes.list());
      void this.queue.run(
        this.workers,
        (key) => this.process(key),
        (key, err) => log.info({ key, err: messageOf(err) }, 'Error syncing endpoint slices for service, retrying'),
      );
    })();
  }

  stop(): void {
    this.stopped = true;
    this.delayer.stop();
    this.queue.shutdown();
    if (this.topologyTimer) clearTimeout(this.topologyTimer);
  }

  private onService(svc: Service): void {
    this.index.updateService(svc);
    this.queue.add(keyOf(svc));
  }

  private onPodUpdate(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const [podChanged, labelsChanged] = podEndpointsChanged(old, cur);
    if (!podChanged && !labelsChanged) return;
    const { before, after } = this.index.updatePod(cur, old);
    this.enqueueBatched(labelsChanged ? servicesToSync(before, after, podChanged) : after);
  }

  private onSliceUpdate(old: EndpointSlice, s: EndpointSlice): void {
    const svcName = s.metadata?.labels?.[LABEL_SERVICE_NAME];
    const prevName = old.metadata?.labels?.[LABEL_SERVICE_NAME];
    if (svcName !== prevName) {
      this.queueForSlice(s);
      this.queueForSlice(old);
      return;
    }
    if (this.managed(old) !== this.managed(s) || (this.managed(s) && this.tracker.shouldSync(s))) this.queueForSlice(s);
  }

  private managed(s: EndpointSlice): boolean {
    return s.metadata?.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME;
  }

  private enqueueBatched(keys: Iterable<string>): void {
    for (const k of keys) this.delayer.addAfter(k, this.batchMs);
  }

  private queueForSlice(s: EndpointSlice): void {
    const svc = s.metadata?.labels?.[LABEL_SERVICE_NAME];
    if (!svc) return;
    this.delayer.addAfter(`${s.metadata?.namespace ?? ''}/${svc}`, Math.max(SLICE_CHANGE_MIN_SYNC_DELAY_MS, this.batchMs));
  }

  private queueTopology(): void {
    if (this.topologyTimer || this.stopped) return;
    this.topologyTimer = setTimeout(() => {
      this.topologyTimer = undefined;
      if (!this.nodes.synced || !this.topology) return;
      this.topology.setNodes(this.nodes.list());
      for (const key of this.topology.overloadedServices()) this.queue.add(key);
    }, 0);
    this.topologyTimer.unref();
  }

  /** One queue item: a stale cache is retried soon (doubling from 10 ms), other errors back off. */
  private async process(key: string): Promise<void> {
    try {
      await this.sync(key);
      this.staleRetries.delete(key);
    } catch (err) {
      if (!(err instanceof StaleInformerCacheError)) throw err;
      const n = this.staleRetries.get(key) ?? 0;
      this.staleRetries.set(key, n + 1);
      this.delayer.addAfter(key, Math.min(10 * 2 ** n, MAX_STALE_RETRY_DELAY_MS));
    }
  }

  /** Brings the slices of one Service (`namespace/name`) in line with its pods. */
  async sync(key: string): Promise<void> {
    const [namespace, name] = splitKey(key);
    const svc = this.services.get(namespace, name);
    if (!svc) {
      // Deleted: its slices go with it (garbage collection of owned objects); forget it here.
      this.triggerTimes.delete(namespace, name);
      this.tracker.deleteService(namespace, name);
      for (const t of ['IPv4', 'IPv6']) this.topology?.removeHints(key, t);
      this.staleRetries.delete(key);
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !hasSelector(svc)) return;
    const pods = this.index.podsFor(svc);
    const slices = this.slices.byIndex(SLICE_SERVICE_INDEX, key).filter((s) => this.managed(s) && !s.metadata?.deletionTimestamp);
    if (this.tracker.staleSlices(svc, slices)) throw new StaleInformerCacheError();
    const triggerTime = this.triggerTimes.compute(namespace, svc, pods);
    const result = reconcile({
      service: svc,
      pods,
      existingSlices: slices,
      getNode: (n) => this.nodes.get('', n),
      maxEndpointsPerSlice: this.maxPerSlice,
      controllerName: ENDPOINTSLICE_CONTROLLER_NAME,
      triggerTime,
      topologyCache: this.topology,
    });
    const errs = [...result.errors];
    try {
      await this.apply(svc, result);
    } catch (err) {
      errs.push(messageOf(err));
    }
    for (const ev of result.events) this.recorder.event(svc, ev.type, ev.reason, ev.message);
    if (errs.length) {
      const msg = aggregate(errs);
      this.recorder.event(svc, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${msg}`);
      throw new Error(msg);
    }
  }

  /** Performs the writes, recording each written generation (and each deletion) in the tracker. */
  private async apply(svc: Service, r: ReconcileResult): Promise<void> {
    const ns = svc.metadata?.namespace ?? '';
    const svcKey = `${ns}/${svc.metadata?.name ?? ''}`;
    for (const s of r.create) {
      try {
        this.tracker.update(await this.client.create<EndpointSlice>(R.endpointslices, ns, s));
      } catch (err) {
        if (namespaceTerminating(err)) return;
        throw new Error(`failed to create EndpointSlice for Service ${svcKey}: ${messageOf(err)}`, { cause: err });
      }
    }
    for (const s of r.update) {
      try {
        this.tracker.update(await this.client.update<EndpointSlice>(R.endpointslices, ns, s));
      } catch (err) {
        throw new Error(`failed to update ${s.metadata?.name} EndpointSlice for Service ${svcKey}: ${messageOf(err)}`, { cause: err });
      }
    }
    for (const s of r.delete) {
      try {
        await this.client.delete(R.endpointslices, ns, s.metadata?.name ?? '');
        this.tracker.expectDeletion(s);
      } catch (err) {
        if (isApiError(err, 'NotFound')) continue;
        throw new Error(`failed to delete ${s.metadata?.name} EndpointSlice for Service ${svcKey}: ${messageOf(err)}`, { cause: err });
      }
    }
  }
}

function nodeReady(n: Node): boolean {
  return n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}
