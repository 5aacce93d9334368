/**
 * The DaemonSet controller (upstream pkg/controller/daemon): one pod per eligible node (see
 * eligibility.ts), created with required node affinity on the node's name so the scheduler binds
 * it there; failed pods are replaced with back-off; RollingUpdate honours maxUnavailable and
 * maxSurge (plan.ts); OnDelete leaves old pods alone. Status: desiredNumberScheduled,
 * currentNumberScheduled, numberMisscheduled, numberReady, updatedNumberScheduled,
 * numberAvailable, numberUnavailable, observedGeneration. Pods carry the revision hash in
 * `controller-revision-hash`; no ControllerRevisions are written (skiff does not serve them).
 */
import { isApiError } from '../../api/errors.js';
import { selectorFromLabelSelector } from '../../api/labels.js';
import { controllerRef, deepEqual } from '../../api/meta.js';
import type { DaemonSet, Node, Pod } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import { EventRecorder } from '../../client/events.js';
import type { Informer, InformerFactory } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue } from '../../client/workqueue.js';
import { logger } from '../../util/log.js';
import { DelayedEnqueuer, Expectations } from '../job/expectations.js';
import { PodControl, claimPods, controllerRefTo, podFromTemplate, recheckDeletion } from '../job/podcontrol.js';
import { isPodReady, isPodTerminal } from '../nodelifecycle/podutil.js';
import { daemonPodTemplate, daemonSetHash, nodeShouldRunDaemonPod, targetNodeName, withNodeNameAffinity } from './eligibility.js';
import { type NodePods, daemonSetCounts, podsShouldBeOnNode, rollingUpdatePlan, unscheduledPodsWithoutNode } from './plan.js';

const log = logger('daemonset-controller');

/** Tuning of the DaemonSet controller. */
export interface DaemonSetControllerOptions {
  workers?: number;
  /** Most pods created or deleted per sync (upstream BurstReplicas, 250). */
  burstReplicas?: number;
  /** First back-off before deleting a failed daemon pod again on the same node (1 s, doubling to 15 min). */
  failedPodBackoffMs?: number;
}

const keyOf = (o: { metadata?: { namespace?: string; name?: string } }): string => `${o.metadata?.namespace}/${o.metadata?.name}`;
const MAX_FAILED_BACKOFF_MS = 15 * 60_000;

/** The DaemonSet controller: `run()` to start, `stop()` to halt. */
export class DaemonSetController {
  private queue = new WorkQueue<string>({ baseDelayMs: 100, maxDelayMs: 60_000 });
  private delayed = new DelayedEnqueuer(this.queue);
  private expectations = new Expectations();
  private sets: Informer<DaemonSet>;
  private pods: Informer<Pod>;
  private nodes: Informer<Node>;
  private recorder: EventRecorder;
  private podControl: PodControl;
  private failedBackoff = new Map<string, { delay: number; at: number }>();
  private stopped = false;

  constructor(
    private client: Client,
    informers: InformerFactory,
    private opts: DaemonSetControllerOptions = {},
  ) {
    this.recorder = new EventRecorder(client, 'daemonset-controller');
    this.podControl = new PodControl(client, this.recorder);
    this.sets = informers.for<DaemonSet>(R.daemonsets);
    this.pods = informers.for<Pod>(R.pods);
    this.nodes = informers.for<Node>(R.nodes);
    this.sets.on({ add: (s) => this.queue.add(keyOf(s)), update: (_o, s) => this.queue.add(keyOf(s)), delete: (s) => this.queue.add(keyOf(s)) });
    this.pods.on({ add: (p) => this.podAdded(p), update: (o, p) => this.podUpdated(o, p), delete: (p) => this.podDeleted(p) });
    this.nodes.on({ add: (n) => this.nodeChanged(undefined, n), update: (o, n) => this.nodeChanged(o, n) });
  }

  run(): void {
    void (async () => {
      await Promise.all([this.sets.waitForSync(), this.pods.waitForSync(), this.nodes.waitForSync()]);
      if (this.stopped) return;
      void this.queue.run(this.opts.workers ?? 2, (k) => this.sync(k), (k, err) => log.warn({ daemonset: k, err: (err as Error).message }, 'sync failed'));
    })();
  }

  stop(): void {
    this.stopped = true;
    this.queue.shutdown();
    this.delayed.stop();
  }

  /** Resolves when recorded events are written (tests). */
  flush(): Promise<void> {
    return this.recorder.flush();
  }

  private owner(pod: Pod): DaemonSet | undefined {
    const ref = controllerRef(pod);
    if (ref?.kind !== 'DaemonSet') return undefined;
    const ds = this.sets.get(pod.metadata?.namespace ?? '', ref.name);
    return ds?.metadata?.uid === ref.uid ? ds : undefined;
  }

  private enqueueMatching(pod: Pod): void {
    for (const ds of this.sets.list(pod.metadata?.namespace)) {
      try {
        if (selectorFromLabelSelector(ds.spec?.selector).matches(pod.metadata?.labels)) this.queue.add(keyOf(ds));
      } catch {
        // an invalid selector selects nothing
      }
    }
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) return this.podDeleted(pod);
    const ds = this.owner(pod);
    if (ds) {
      this.expectations.creationObserved(keyOf(ds));
      this.queue.add(keyOf(ds));
    } else if (!controllerRef(pod)) this.enqueueMatching(pod);
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if (pod.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp) return this.podDeleted(pod);
    const oldDs = this.owner(old);
    const ds = this.owner(pod);
    if (oldDs && oldDs !== ds) this.queue.add(keyOf(oldDs));
    if (ds) {
      this.queue.add(keyOf(ds));
      const minReady = ds.spec?.minReadySeconds ?? 0;
      if (minReady > 0 && !isPodReady(old) && isPodReady(pod)) this.delayed.addAfter(keyOf(ds), minReady * 1000 + 1000);
      return;
    }
    if (!controllerRef(pod) && !deepEqual(old.metadata?.labels, pod.metadata?.labels)) this.enqueueMatching(pod);
  }

  private podDeleted(pod: Pod): void {
    const ds = this.owner(pod);
    if (!ds) return;
    this.expectations.deletionObserved(keyOf(ds));
    this.queue.add(keyOf(ds));
  }

  private nodeChanged(old: Node | undefined, node: Node): void {
    if (old && deepEqual(old.metadata?.labels, node.metadata?.labels) && deepEqual(old.spec?.taints, node.spec?.taints)) return;
    for (const ds of this.sets.list()) {
      const now = nodeShouldRunDaemonPod(node, ds);
      const before = old ? nodeShouldRunDaemonPod(old, ds) : undefined;
      if (before ? before.shouldRun !== now.shouldRun || before.shouldContinueRunning !== now.shouldContinueRunning : now.shouldRun) this.queue.add(keyOf(ds));
    }
  }

  /** getNodesToDaemonPods: the claimed pods grouped by target node (terminal deleted pods left out). */
  private async nodesToDaemonPods(ds: DaemonSet): Promise<NodePods> {
    const selector = selectorFromLabelSelector(ds.spec?.selector);
    const pods = await claimPods(this.client, this.pods.list(ds.metadata?.namespace), {
      owner: ds,
      ref: controllerRefTo(ds, 'apps/v1', 'DaemonSet'),
      selector,
      canAdopt: recheckDeletion(this.client, R.daemonsets, ds),
    });
    const out: NodePods = new Map();
    for (const p of pods) {
      if (isPodTerminal(p) && p.metadata?.deletionTimestamp) continue;
      const node = targetNodeName(p);
      if (!node) continue;
      out.set(node, [...(out.get(node) ?? []), p]);
    }
    return out;
  }

  private async sync(key: string): Promise<void> {
    const i = key.indexOf('/');
    const ds = this.sets.get(key.slice(0, i), key.slice(i + 1));
    if (!ds) {
      this.expectations.delete(key);
      return;
    }
    const nodes = this.nodes.list();
    const sel = ds.spec?.selector;
    if (sel && !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length) {
      this.recorder.event(this.dsObj(ds), 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    if (ds.metadata?.deletionTimestamp) return;
    const hash = daemonSetHash(ds);
    if (!this.expectations.satisfied(key)) {
      await this.updateStatus(ds, nodes, hash, false);
      return;
    }
    let err: unknown;
    try {
      await this.manage(ds, nodes, hash);
      if (this.expectations.satisfied(key) && ds.spec?.updateStrategy?.type !== 'OnDelete') {
        const plan = rollingUpdatePlan(ds, nodes, await this.nodesToDaemonPods(ds), hash, Date.now());
        await this.syncNodes(ds, plan.deletePods, plan.createOn, hash);
      }
    } catch (e) {
      err = e;
    }
    await this.updateStatus(ds, nodes, hash, true);
    if (err) throw err;
  }

  private dsObj(ds: DaemonSet): DaemonSet {
    return { ...ds, kind: 'DaemonSet', apiVersion: 'apps/v1' };
  }

  /** manage: creates missing daemon pods and deletes those that should not be there. */
  private async manage(ds: DaemonSet, nodes: Node[], hash: string): Promise<void> {
    const nodePods = await this.nodesToDaemonPods(ds);
    const create: string[] = [];
    const del: Pod[] = [];
    const now = Date.now();
    for (const node of nodes) {
      const name = node.metadata!.name!;
      const d = podsShouldBeOnNode(node, nodePods.get(name), ds, hash, now);
      if (d.create) create.push(name);
      del.push(...d.delete);
      for (const p of d.failed) {
        const bk = `${ds.metadata?.uid}/${ds.status?.observedGeneration ?? 0}/${name}`;
        const b = this.failedBackoff.get(bk);
        if (b && now - b.at < b.delay) {
          this.delayed.addAfter(keyOf(ds), b.delay);
          continue;
        }
        const base = this.opts.failedPodBackoffMs ?? 1000;
        this.failedBackoff.set(bk, { delay: b && now - b.at < 2 * MAX_FAILED_BACKOFF_MS ? Math.min(b.delay * 2, MAX_FAILED_BACKOFF_MS) : base, at: now });
        this.recorder.event(this.dsObj(ds), 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata?.namespace}/${p.metadata?.name} on node ${name}, will try to kill it`);
        del.push(p);
      }
      for (const p of d.succeeded) {
        this.recorder.event(this.dsObj(ds), 'Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${p.metadata?.namespace}/${p.metadata?.name} on node ${name}, will try to delete it`);
      }
    }
    del.push(...unscheduledPodsWithoutNode(nodes, nodePods));
    await this.syncNodes(ds, del, create, hash);
  }

  /** syncNodes: deletes pods and creates one pod per node, with expectations set first. */
  private async syncNodes(ds: DaemonSet, del: Pod[], createOn: string[], hash: string): Promise<void> {
    if (!del.length && !createOn.length) return;
    const key = keyOf(ds);
    const burst = this.opts.burstReplicas ?? 250;
    const creates = createOn.slice(0, burst);
    const deletes = del.slice(0, burst);
    this.expectations.set(key, creates.length, deletes.length);
    const ns = ds.metadata!.namespace!;
    const template = daemonPodTemplate(ds, hash);
    const ref = controllerRefTo(ds, 'apps/v1', 'DaemonSet');
    const errs: string[] = [];
    const obj = this.dsObj(ds);
    // Slow start: batches of 1, 2, 4... stop after a failing batch.
    let pos = 0;
    for (let batch = Math.min(1, creates.length); pos < creates.length; batch = Math.min(batch * 2, creates.length - pos)) {
      const before = errs.length;
      await Promise.all(
        creates.slice(pos, pos + batch).map(async (node) => {
          const pod = podFromTemplate(template, ds.metadata!.name!, ref);
          withNodeNameAffinity(pod.spec!, node);
          try {
            await this.podControl.create(ns, pod, obj);
          } catch (err) {
            this.expectations.creationObserved(key);
            errs.push((err as Error).message);
          }
        }),
      );
      pos += batch;
      if (errs.length > before && pos < creates.length) {
        this.expectations.lower(key, creates.length - pos, 0);
        break;
      }
    }
    await Promise.all(
      deletes.map(async (p) => {
        try {
          await this.podControl.delete(ns, p.metadata!.name!, obj);
        } catch (err) {
          this.expectations.deletionObserved(key);
          if (!isApiError(err, 'NotFound')) errs.push((err as Error).message);
        }
      }),
    );
    if (errs.length) throw new Error(errs.join('; '));
  }

  private async updateStatus(ds: DaemonSet, nodes: Node[], hash: string, observed: boolean): Promise<void> {
    const c = daemonSetCounts(ds, nodes, await this.nodesToDaemonPods(ds), hash, Date.now());
    const s = ds.status ?? { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    const gen = ds.metadata?.generation ?? 0;
    const same = (Object.keys(c) as (keyof typeof c)[]).every((k) => (s[k] ?? 0) === c[k]) && (s.observedGeneration ?? 0) >= gen;
    if (!same) {
      const status: Record<string, unknown> = { ...c };
      if (observed) status['observedGeneration'] = gen;
      await this.client.patch(R.daemonsets, ds.metadata!.namespace!, ds.metadata!.name!, 'merge', { status }, 'status');
    }
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && c.numberReady !== c.numberAvailable) this.delayed.addAfter(keyOf(ds), minReady * 1000);
  }
}
