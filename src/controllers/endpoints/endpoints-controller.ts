/**
 * The Endpoints controller (upstream pkg/controller/endpoint): every Service with a selector
 * (except ExternalName) gets an Endpoints object of the same name listing its selected pods —
 * ready ones in `addresses`, others in `notReadyAddresses` — repacked so a sync with nothing new
 * writes nothing. Selector-less Services are left to whoever writes their Endpoints; the
 * Endpoints of a deleted Service are deleted. Handlers only enqueue; `sync` reads caches.
 */
import { isApiError } from '../../api/errors.js';
import type { Endpoints, Pod, Service } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import { EventRecorder } from '../../client/events.js';
import type { Informer, InformerFactory } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue } from '../../client/workqueue.js';
import { logger } from '../../util/log.js';
import { Delayer } from '../endpointslice/delayer.js';
import { namespaceTerminating } from '../endpointslice/endpointslice-controller.js';
import { sameLabels } from '../../api/labels.js';
import {
  ANNOTATION_TRIGGER_TIME,
  formatTriggerTime,
  hasSelector,
  isServiceIPSet,
  keyOf,
  LABEL_HEADLESS,
  podEndpointsChanged,
  servicesToSync,
  splitKey,
} from '../endpointslice/pod-util.js';
import { ServicePodIndex } from '../endpointslice/service-pod-index.js';
import { TriggerTimeTracker } from '../endpointslice/trigger-time.js';
import { desiredSubsets } from './desired-endpoints.js';
import { ANNOTATION_OVER_CAPACITY, capacityAnnotationSetCorrectly, subsetsEqual, TRUNCATED, truncateSubsets } from './subsets.js';

const log = logger('endpoints-controller');
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

export interface EndpointsControllerOptions {
  /**
   * Delay that batches pod-driven syncs (upstream `--endpoint-updates-batch-period`); default
   * 50 ms — longer than the EndpointSlice controller's, so the costly write of a large Endpoints
   * object does not compete with the slice write that proxies wait for.
   */
  endpointUpdatesBatchPeriodMs?: number;
  /** Concurrent syncs (upstream `--concurrent-endpoint-syncs`); default 5. */
  workers?: number;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Remembers resourceVersions the controller already replaced, to spot a lagging cache. */
class StaleEndpointsTracker {
  private stale = new Map<string, string>();
  markStale(ep: Endpoints): void {
    this.stale.set(keyOf(ep), ep.metadata?.resourceVersion ?? '');
  }
  isStale(ep: Endpoints): boolean {
    return this.stale.get(keyOf(ep)) === (ep.metadata?.resourceVersion ?? '');
  }
  delete(key: string): void {
    this.stale.delete(key);
  }
}

export class EndpointsController {
  private readonly pods: Informer<Pod>;
  private readonly services: Informer<Service>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly queue = new WorkQueue<string>({ baseDelayMs: 5, maxDelayMs: 1_000_000 });
  private readonly delayer = new Delayer(this.queue);
  private readonly index: ServicePodIndex;
  private readonly triggerTimes = new TriggerTimeTracker();
  private readonly staleTracker = new StaleEndpointsTracker();
  private readonly recorder: EventRecorder;
  private readonly batchMs: number;
  private readonly workers: number;
  private started = false;
  private stopped = false;

  constructor(
    private readonly client: Client,
    informers: InformerFactory,
    opts: EndpointsControllerOptions = {},
  ) {
    this.batchMs = opts.endpointUpdatesBatchPeriodMs ?? 50;
    this.workers = opts.workers ?? 5;
    this.recorder = new EventRecorder(client, 'endpoint-controller');
    this.pods = informers.for<Pod>(R.pods);
    this.services = informers.for<Service>(R.services);
    this.endpoints = informers.for<Endpoints>(R.endpoints);
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
      update: (old, cur) => {
        if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
        const [podChanged, labelsChanged] = podEndpointsChanged(old, cur);
        if (!podChanged && !labelsChanged) return;
        const { before, after } = this.index.updatePod(cur, old);
        this.enqueueBatched(labelsChanged ? servicesToSync(before, after, podChanged) : after);
      },
      delete: (p) => this.enqueueBatched(this.index.deletePod(p)),
    });
    this.endpoints.on({ delete: (ep) => this.queue.add(keyOf(ep)) });
  }

  /** Waits for the caches, queues every existing Endpoints once (to remove leftovers), starts the workers. */
  run(): void {
    if (this.started) return;
    this.started = true;
    void (async () => {
      await Promise.all([this.pods, this.services, this.endpoints].map((i) => i.waitForSync()));
      if (this.stopped) return;
      for (const ep of this.endpoints.list()) {
        if (ep.metadata?.annotations && LEADER_ANNOTATION in ep.metadata.annotations) continue;
        this.queue.add(keyOf(ep));
      }
      void this.queue.run(
        this.workers,
        (key) => this.sync(key),
        (key, err) => log.debug({ key, err: messageOf(err) }, 'Error syncing endpoints, retrying'),
      );
    })();
  }

  stop(): void {
    this.stopped = true;
    this.delayer.stop();
    this.queue.shutdown();
  }

  private onService(svc: Service): void {
    this.index.updateService(svc);
    this.queue.add(keyOf(svc));
  }

  private enqueueBatched(keys: Iterable<string>): void {
    for (const k of keys) this.delayer.addAfter(k, this.batchMs);
  }

  /** Brings the Endpoints of one Service (`namespace/name`) in line with its pods. */
  async sync(key: string): Promise<void> {
    const [namespace, name] = splitKey(key);
    const svc = this.services.get(namespace, name);
    if (!svc) {
      // The Service is gone: so is its Endpoints object (whoever wrote it).
      await this.client.tryDelete(R.endpoints, namespace, name);
      this.triggerTimes.delete(namespace, name);
      this.staleTracker.delete(key);
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !hasSelector(svc)) return;
    const pods = this.index.podsFor(svc);
    const triggerTime = this.triggerTimes.compute(namespace, svc, pods);
    const { subsets } = desiredSubsets(svc, pods);

    const current = this.endpoints.get(namespace, name);
    if (current && this.staleTracker.isStale(current)) {
      throw new Error(`endpoints informer cache is out of date, resource version ${current.metadata?.resourceVersion} already processed for endpoints ${key}`);
    }
    const svcLabels = svc.metadata?.labels ?? {};
    if (current) {
      const compareLabels = { ...(current.metadata?.labels ?? {}) };
      delete compareLabels[LABEL_HEADLESS];
      if (
        subsetsEqual(current.subsets, subsets) &&
        sameLabels(compareLabels, svcLabels) &&
        capacityAnnotationSetCorrectly(current.metadata?.annotations, current.subsets)
      ) {
        return;
      }
    }
    // Only metadata and subsets change: copy those, never the cached object's subsets.
    const next: Endpoints = current ? { ...current, metadata: { ...current.metadata } } : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    const m = next.metadata!;
    const annotations = { ...(m.annotations ?? {}) };
    if (triggerTime) annotations[ANNOTATION_TRIGGER_TIME] = formatTriggerTime(triggerTime);
    else delete annotations[ANNOTATION_TRIGGER_TIME];
    const truncated = truncateSubsets(subsets);
    if (truncated) annotations[ANNOTATION_OVER_CAPACITY] = TRUNCATED;
    else delete annotations[ANNOTATION_OVER_CAPACITY];
    next.subsets = truncated ?? subsets;
    m.annotations = annotations;
    const labels = { ...svcLabels };
    if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = '';
    m.labels = labels;

    try {
      if (!current) {
        await this.client.create(R.endpoints, namespace, next);
      } else {
        const updated = await this.client.update<Endpoints>(R.endpoints, namespace, next);
        if (updated.metadata?.resourceVersion !== current.metadata?.resourceVersion) this.staleTracker.markStale(current);
      }
    } catch (err) {
      if (!current && isApiError(err, 'Forbidden') && namespaceTerminating(err)) return;
      if (!current) this.recorder.event(next, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${key}: ${messageOf(err)}`);
      else this.recorder.event(next, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${key}: ${messageOf(err)}`);
      throw err;
    }
  }
}
