/**
 * The pod garbage collector (upstream pkg/controller/podgc): every gcCheckPeriod it force-deletes
 * (grace 0) terminated pods beyond terminatedPodThreshold, terminating pods on not-Ready nodes
 * tainted `node.kubernetes.io/out-of-service`, pods bound to nodes that no longer exist (once a
 * quarantine has passed and a live GET confirms the node is gone), and terminating pods never
 * scheduled. Pods not yet terminal are first patched to phase Failed (orphans with a
 * `DisruptionTarget` condition, reason `DeletionByPodGC`).
 */
import { isApiError } from '../../api/errors.js';
import type { Node, Pod, PodCondition } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import type { Informer, InformerFactory } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { logger } from '../../util/log.js';
import { ORPHANED_CONDITION, failedStatusPatch, missingNodes, terminatedPodsToDelete, terminatingPodsOnOutOfServiceNodes, unscheduledTerminatingPods } from './selection.js';

const log = logger('pod-garbage-collector');

/** Pod GC thresholds and timings; the defaults are kube-controller-manager's. */
export interface PodGCOptions {
  /** Terminated pods kept before the oldest are deleted (--terminated-pod-gc-threshold, 12500; <= 0 disables). */
  terminatedPodThreshold?: number;
  /** How often the collector runs (20 s). */
  gcCheckPeriodMs?: number;
  /** How long a node must be missing before its pods count as orphaned (40 s). */
  quarantineTimeMs?: number;
}

/** The pod GC controller: `run()` starts the periodic pass, `stop()` ends it. */
export class PodGCController {
  private o: Required<PodGCOptions>;
  private pods: Informer<Pod>;
  private nodes: Informer<Node>;
  /** Nodes seen missing, with the time they were first seen missing. */
  private quarantine = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private client: Client,
    informers: InformerFactory,
    opts: PodGCOptions = {},
  ) {
    this.o = {
      terminatedPodThreshold: opts.terminatedPodThreshold ?? 12_500,
      gcCheckPeriodMs: opts.gcCheckPeriodMs ?? 20_000,
      quarantineTimeMs: opts.quarantineTimeMs ?? 40_000,
    };
    this.pods = informers.for<Pod>(R.pods);
    this.nodes = informers.for<Node>(R.nodes);
  }

  run(): void {
    void (async () => {
      await Promise.all([this.pods.waitForSync(), this.nodes.waitForSync()]);
      if (this.stopped) return;
      const tick = () => {
        this.running ??= this.gc()
          .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'pod gc failed'))
          .finally(() => (this.running = undefined));
      };
      this.timer = setInterval(tick, this.o.gcCheckPeriodMs);
      this.timer.unref();
      tick();
    })();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** Resolves when a running pass is done (tests). */
  async settled(): Promise<void> {
    await this.running;
  }

  /** One collection pass. */
  async gc(): Promise<void> {
    const pods = this.pods.list();
    const nodes = this.nodes.list();
    await this.deleteAll(terminatedPodsToDelete(pods, this.o.terminatedPodThreshold), 'terminated');
    await this.deleteAll(terminatingPodsOnOutOfServiceNodes(pods, (n) => this.nodes.get('', n)), 'terminating on out-of-service node');
    await this.gcOrphaned(pods, nodes);
    await this.deleteAll(unscheduledTerminatingPods(pods), 'unscheduled terminating');
  }

  private async gcOrphaned(pods: Pod[], nodes: Node[]): Promise<void> {
    const existing = new Set(nodes.map((n) => n.metadata!.name!));
    const now = Date.now();
    const missing = missingNodes(pods, existing);
    for (const name of [...this.quarantine.keys()]) if (!missing.has(name)) this.quarantine.delete(name);
    for (const name of missing) if (!this.quarantine.has(name)) this.quarantine.set(name, now);
    const deleted = new Set<string>();
    for (const [name, since] of this.quarantine) {
      if (now - since < this.o.quarantineTimeMs) continue;
      this.quarantine.delete(name);
      try {
        if (!(await this.client.tryGet<Node>(R.nodes, '', name))) deleted.add(name);
      } catch (err) {
        log.warn({ node: name, err: (err as Error).message }, 'could not check node');
      }
    }
    if (!deleted.size) return;
    const orphans = pods.filter((p) => deleted.has(p.spec?.nodeName ?? ''));
    await this.deleteAll(orphans, 'orphaned', ORPHANED_CONDITION);
  }

  private async deleteAll(pods: Pod[], why: string, condition?: PodCondition): Promise<void> {
    if (!pods.length) return;
    log.info({ count: pods.length, reason: why }, 'garbage collecting pods');
    await Promise.all(
      pods.map((p) =>
        this.markFailedAndDelete(p, condition).catch((err: unknown) => log.warn({ pod: `${p.metadata?.namespace}/${p.metadata?.name}`, err: (err as Error).message }, 'could not delete pod')),
      ),
    );
  }

  /** markFailedAndDeletePodWithCondition: phase Failed (plus condition) if not terminal, then DELETE with grace 0. */
  private async markFailedAndDelete(pod: Pod, condition?: PodCondition): Promise<void> {
    const ns = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    const patch = failedStatusPatch(pod, condition);
    try {
      if (patch) await this.client.patch(R.pods, ns, name, 'strategic', patch, 'status');
      await this.client.delete(R.pods, ns, name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata?.uid } });
      log.info({ pod: `${ns}/${name}` }, 'force deleted pod');
    } catch (err) {
      if (isApiError(err, 'NotFound')) return;
      throw err;
    }
  }
}
