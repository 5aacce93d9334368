/**
 * The EndpointSlice mirroring controller (upstream pkg/controller/endpointslicemirroring): the
 * Endpoints object of a Service without a selector — written by hand or by another controller —
 * is mirrored into EndpointSlices managed by `endpointslicemirroring-controller.k8s.io` and owned
 * by the Endpoints, so slice consumers (proxy, DNS) see it. Endpoints labelled
 * `endpointslice.kubernetes.io/skip-mirror: "true"` (the API server's own `kubernetes`) or
 * carrying a leader-election record are not mirrored.
 */
import { isApiError } from '../../api/errors.js';
import type { EndpointSlice, Endpoints, Service } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import { EventRecorder } from '../../client/events.js';
import type { Informer, InformerFactory } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue } from '../../client/workqueue.js';
import { logger } from '../../util/log.js';
import { Delayer } from './delayer.js';
import { addSliceServiceIndex, namespaceTerminating, SLICE_SERVICE_INDEX } from './endpointslice-controller.js';
import { MIRRORING_CONTROLLER_NAME, type MirrorResult, reconcileMirroring } from './mirroring-reconciler.js';
import { hasSelector, keyOf, splitKey } from './pod-util.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LABEL_SKIP_MIRROR } from './slice-util.js';
import { EndpointSliceTracker, StaleInformerCacheError } from './tracker.js';

const log = logger('endpointslicemirroring-controller');
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

export interface MirroringControllerOptions {
  /** Upstream `--mirroring-max-endpoints-per-subset`; default 1000. */
  maxEndpointsPerSubset?: number;
  /** Delay before syncs caused by slice changes (upstream `--mirroring-endpointslice-updates-batch-period`); default 0. */
  endpointUpdatesBatchPeriodMs?: number;
  /** Concurrent syncs (upstream `--mirroring-concurrent-service-endpoint-syncs`); default 5. */
  workers?: number;
}

/** `shouldMirror`: not skip-mirrored and not a leader-election record. */
export function shouldMirror(ep: Endpoints | undefined): boolean {
  if (!ep) return false;
  if (ep.metadata?.labels?.[LABEL_SKIP_MIRROR] === 'true') return false;
  return !(ep.metadata?.annotations && LEADER_ANNOTATION in ep.metadata.annotations);
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class EndpointSliceMirroringController {
  private readonly endpoints: Informer<Endpoints>;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly queue = new WorkQueue<string>({ baseDelayMs: 1000, maxDelayMs: 100_000 });
  private readonly delayer = new Delayer(this.queue);
  private readonly tracker = new EndpointSliceTracker();
  private readonly recorder: EventRecorder;
  private readonly maxPerSubset: number;
  private readonly batchMs: number;
  private readonly workers: number;
  private readonly staleRetries = new Map<string, number>();
  private started = false;
  private stopped = false;

  constructor(
    private readonly client: Client,
    informers: InformerFactory,
    opts: MirroringControllerOptions = {},
  ) {
    this.maxPerSubset = opts.maxEndpointsPerSubset ?? 1000;
    this.batchMs = opts.endpointUpdatesBatchPeriodMs ?? 0;
    this.workers = opts.workers ?? 5;
    this.recorder = new EventRecorder(client, 'endpoint-slice-mirroring-controller');
    this.endpoints = informers.for<Endpoints>(R.endpoints);
    this.services = informers.for<Service>(R.services);
    this.slices = informers.for<EndpointSlice>(R.endpointslices);
    addSliceServiceIndex(this.slices);

    const enqueue = (key: string): void => this.queue.add(key);
    this.endpoints.on({
      add: (ep) => {
        if (shouldMirror(ep)) enqueue(keyOf(ep));
      },
      update: (old, ep) => {
        if (shouldMirror(ep) || shouldMirror(old)) enqueue(keyOf(ep));
      },
      delete: (ep) => {
        if (shouldMirror(ep)) enqueue(keyOf(ep));
      },
    });
    this.services.on({
      add: (s) => {
        if (!hasSelector(s)) enqueue(keyOf(s));
      },
      update: (old, s) => {
        if (hasSelector(old) !== hasSelector(s)) enqueue(keyOf(s));
      },
      delete: (s) => {
        if (!hasSelector(s)) enqueue(keyOf(s));
      },
    });
    this.slices.on({
      add: (s) => {
        if (this.managed(s) && this.tracker.shouldSync(s)) this.queueForSlice(s);
      },
      update: (old, s) => {
        const name = s.metadata?.labels?.[LABEL_SERVICE_NAME];
        if (name !== old.metadata?.labels?.[LABEL_SERVICE_NAME]) {
          this.queueForSlice(s);
          this.queueForSlice(old);
        } else if (this.managed(old) !== this.managed(s) || (this.managed(s) && this.tracker.shouldSync(s))) {
          this.queueForSlice(s);
        }
      },
      delete: (s) => {
        if (this.managed(s) && this.tracker.has(s) && !this.tracker.handleDeletion(s)) this.queueForSlice(s);
      },
    });
  }

  run(): void {
    if (this.started) return;
    this.started = true;
    void (async () => {
      await Promise.all([this.endpoints, this.services, this.slices].map((i) => i.waitForSync()));
      if (this.stopped) return;
      void this.queue.run(
        this.workers,
        (key) => this.process(key),
        (key, err) => log.info({ key, err: messageOf(err) }, 'Error mirroring EndpointSlices for Endpoints, retrying'),
      );
    })();
  }

  stop(): void {
    this.stopped = true;
    this.delayer.stop();
    this.queue.shutdown();
  }

  private managed(s: EndpointSlice): boolean {
    return s.metadata?.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME;
  }

  private queueForSlice(s: EndpointSlice): void {
    const name = s.metadata?.labels?.[LABEL_SERVICE_NAME];
    if (name) this.delayer.addAfter(`${s.metadata?.namespace ?? ''}/${name}`, this.batchMs);
  }

  private mirroredSlices(key: string): EndpointSlice[] {
    return this.slices.byIndex(SLICE_SERVICE_INDEX, key).filter((s) => this.managed(s));
  }

  private async process(key: string): Promise<void> {
    try {
      await this.sync(key);
      this.staleRetries.delete(key);
    } catch (err) {
      if (!(err instanceof StaleInformerCacheError)) throw err;
      const n = this.staleRetries.get(key) ?? 0;
      this.staleRetries.set(key, n + 1);
      this.delayer.addAfter(key, Math.min(10 * 2 ** n, 1000));
    }
  }

  /** Mirrors one Endpoints object (`namespace/name`), or removes its mirrors when it should not be. */
  async sync(key: string): Promise<void> {
    const [namespace, name] = splitKey(key);
    const ep = this.endpoints.get(namespace, name);
    const svc = this.services.get(namespace, name);
    if (!ep || !shouldMirror(ep) || !svc || hasSelector(svc)) {
      this.tracker.deleteService(namespace, name);
      await this.deleteMirrored(namespace, name, this.mirroredSlices(key));
      return;
    }
    const slices = this.mirroredSlices(key);
    if (this.tracker.staleSlices(svc, slices)) throw new StaleInformerCacheError();
    const result = reconcileMirroring({ endpoints: ep, existingSlices: slices, maxEndpointsPerSubset: this.maxPerSubset });
    for (const ev of result.events) this.recorder.event(ep, ev.type, ev.reason, ev.message);
    await this.apply(namespace, name, result);
  }

  private async apply(ns: string, name: string, r: MirrorResult): Promise<void> {
    for (const s of r.create) {
      try {
        this.tracker.update(await this.client.create<EndpointSlice>(R.endpointslices, ns, s));
      } catch (err) {
        if (namespaceTerminating(err)) return;
        throw new Error(`failed to create EndpointSlice for Endpoints ${ns}/${name}: ${messageOf(err)}`, { cause: err });
      }
    }
    for (const s of r.update) {
      try {
        this.tracker.update(await this.client.update<EndpointSlice>(R.endpointslices, ns, s));
      } catch (err) {
        throw new Error(`failed to update ${s.metadata?.name} EndpointSlice for Endpoints ${ns}/${name}: ${messageOf(err)}`, { cause: err });
      }
    }
    for (const s of r.delete) {
      try {
        await this.client.delete(R.endpointslices, ns, s.metadata?.name ?? '');
        this.tracker.expectDeletion(s);
      } catch (err) {
        if (isApiError(err, 'NotFound')) continue;
        throw new Error(`failed to delete ${s.metadata?.name} EndpointSlice for Endpoints ${ns}/${name}: ${messageOf(err)}`, { cause: err });
      }
    }
  }

  private async deleteMirrored(ns: string, name: string, slices: EndpointSlice[]): Promise<void> {
    const errs: string[] = [];
    for (const s of slices) {
      try {
        await this.client.delete(R.endpointslices, ns, s.metadata?.name ?? '');
      } catch (err) {
        if (!isApiError(err, 'NotFound')) errs.push(messageOf(err));
      }
    }
    if (errs.length) throw new Error(`Error(s) deleting ${errs.length}/${slices.length} EndpointSlices for ${ns}/${name} Endpoints, including: ${errs[0]}`);
  }
}
