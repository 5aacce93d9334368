/**
 * skiff's kube-scheduler: watches pods and nodes through shared informers, keeps a node-info
 * cache, and for each pending pod that names this scheduler runs the filters and scores, assumes
 * the pod onto the chosen node and binds it through `pods/binding` without waiting (so a burst of
 * pods is placed back to back). Failures set `PodScheduled=False` and emit `FailedScheduling`;
 * unschedulable pods are retried on cluster changes with back-off, as upstream.
 */
import { isApiError } from '../api/errors.js';
import { sameLabels } from '../api/labels.js';
import { deepEqual } from '../api/meta.js';
import type { KObject, Node, Pod, ReplicaSet, Service, StatefulSet } from '../api/types.js';
import type { Client } from '../client/client.js';
import { EventRecorder } from '../client/events.js';
import type { Informer, InformerFactory } from '../client/informer.js';
import { R } from '../client/resources.js';
import { logger } from '../util/log.js';
import { SchedulerCache } from './cache.js';
import { type FailureReason, disruptionTargetPatch, failureStatusPatch } from './condition.js';
import { Framework } from './framework.js';
import { ERR_NO_NODES_AVAILABLE, fitErrorMessage, scheduledMessage, truncateMessage } from './messages.js';
import { podKey } from './pod-info.js';
import { type PreemptionCandidate, type PreemptionOutcome, evaluatePreemption } from './preemption.js';
import { type QueueOptions, type QueuedPod, SchedulingQueue } from './queue.js';
import { balancedAllocationScorer } from './scores/balanced-allocation.js';
import { leastAllocatedScorer } from './scores/least-allocated.js';
import { NodeAffinityScorer } from './scores/node-affinity.js';
import { SpreadScorer } from './scores/spread.js';
import { taintTolerationScorer } from './scores/taint-toleration.js';

/** The name pods use to ask for this scheduler (`spec.schedulerName` default). */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** What the scheduler needs: an API client and the process's shared informers. */
export interface SchedulerOptions {
  client: Client;
  informers: InformerFactory;
  schedulerName?: string;
  /** Queue timings (tests shorten them). */
  queue?: QueueOptions;
}

const isTerminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const asPod = (p: Pod): Pod & KObject => ({ ...p, kind: 'Pod', apiVersion: 'v1' }) as Pod & KObject;

/** Whether a node change can make a parked pod fit (not heartbeats). */
function nodeChangeMayHelp(a: Node, b: Node): boolean {
  const conds = (n: Node) => (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).sort();
  return (
    !deepEqual(a.metadata?.labels, b.metadata?.labels) ||
    !deepEqual(a.status?.allocatable, b.status?.allocatable) ||
    !deepEqual(a.spec?.taints, b.spec?.taints) ||
    !!a.spec?.unschedulable !== !!b.spec?.unschedulable ||
    !deepEqual(conds(a), conds(b))
  );
}

/** The scheduler component: start() to run, stop() to halt (shared informers are left running). */
export class Scheduler {
  readonly schedulerName: string;
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly framework: Framework;
  private client: Client;
  private recorder: EventRecorder;
  private pods: Informer<Pod>;
  private nodes: Informer<Node>;
  private services: Informer<Service>;
  private replicaSets: Informer<ReplicaSet>;
  private statefulSets: Informer<StatefulSet>;
  private stopped = false;
  private parked = false;
  private draining = false;
  private started = false;
  private inflight = new Set<Promise<unknown>>();
  private log = logger('scheduler');

  constructor(opts: SchedulerOptions) {
    this.client = opts.client;
    this.schedulerName = opts.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.recorder = new EventRecorder(opts.client, this.schedulerName);
    this.queue = new SchedulingQueue({ ...opts.queue, onReady: () => this.drainNow() });
    const f = opts.informers;
    this.pods = f.for<Pod>(R.pods);
    this.nodes = f.for<Node>(R.nodes);
    this.services = f.for<Service>(R.services);
    this.replicaSets = f.for<ReplicaSet>(R.replicasets);
    this.statefulSets = f.for<StatefulSet>(R.statefulsets);
    const listers = {
      services: (ns: string) => this.services.list(ns),
      replicaSet: (ns: string, name: string) => this.replicaSets.get(ns, name),
      statefulSet: (ns: string, name: string) => this.statefulSets.get(ns, name),
    };
    this.framework = new Framework([
      taintTolerationScorer,
      new NodeAffinityScorer(),
      leastAllocatedScorer,
      new SpreadScorer(listers, () => this.cache.nodeInfos()),
      balancedAllocationScorer,
    ]);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.nodes.on({
      add: (n) => this.onNode(undefined, n),
      update: (o, n) => this.onNode(o, n),
      delete: (n) => !this.stopped && this.cache.removeNode(n.metadata?.name ?? ''),
    });
    this.pods.on({
      add: (p) => this.onPod(undefined, p),
      update: (o, p) => this.onPod(o, p),
      delete: (p) => this.onPodDelete(p),
    });
    for (const i of [this.nodes, this.pods, this.services, this.replicaSets, this.statefulSets]) i.start();
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.queue.close();
  }

  /** Resolves once every binding and status write started so far has finished (for tests). */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
    await this.recorder.flush();
  }

  private responsible(p: Pod): boolean {
    return (p.spec?.schedulerName || DEFAULT_SCHEDULER_NAME) === this.schedulerName;
  }

  private onNode(old: Node | undefined, n: Node): void {
    if (this.stopped) return;
    this.cache.setNode(n);
    if (!old || nodeChangeMayHelp(old, n)) this.queue.moveAll();
  }

  private onPod(old: Pod | undefined, p: Pod): void {
    if (this.stopped) return;
    const key = podKey(p);
    if (p.spec?.nodeName) {
      this.queue.delete(key);
      if (isTerminal(p)) return this.onPodDelete(p);
      // A bound pod's status changes often (every kubelet write); what the cache keeps of it
      // (requests, ports, affinity, labels for spreading) does not change once it is confirmed.
      if (old?.spec?.nodeName === p.spec.nodeName && this.cache.isConfirmed(key, p.spec.nodeName) && sameLabels(old.metadata?.labels, p.metadata?.labels)) return;
      this.cache.addPod(p);
      return;
    }
    if (old?.spec?.nodeName) this.cache.removePod(key);
    if (!this.responsible(p) || isTerminal(p) || p.metadata?.deletionTimestamp) {
      this.queue.delete(key);
      return;
    }
    if (this.cache.isAssumed(key)) return; // binding in flight
    if (old) this.queue.update(old, p);
    else this.queue.add(p);
  }

  private onPodDelete(p: Pod): void {
    if (this.stopped) return;
    const key = podKey(p);
    this.queue.delete(key);
    if (this.cache.nodeOf(key) !== undefined) {
      this.cache.removePod(key);
      this.queue.moveAll();
    }
  }

  private async run(): Promise<void> {
    await Promise.all([this.nodes.waitForSync(), this.pods.waitForSync()]);
    // While a backlog is worked off without pause, yield to timers and I/O every 50ms of work.
    // (Only then: a setImmediate waits until all in-process API work has drained, which would
    // hold up pods created in a burst by in-process clients.)
    let busy = 0;
    while (!this.stopped) {
      let qp = this.queue.take();
      if (!qp) {
        busy = 0;
        this.parked = true;
        qp = await this.queue.pop();
        this.parked = false;
      }
      if (!qp || this.stopped) return;
      const t0 = performance.now();
      this.attempt(qp);
      busy += performance.now() - t0;
      if (busy > 50) {
        busy = 0;
        await new Promise((r) => setImmediate(r));
      } else {
        await Promise.resolve(); // let informer events queued meanwhile in first
      }
    }
  }

  /**
   * Schedules newly queued pods right away, in the informer's call stack, while the loop is idle:
   * in-process, any await would queue the decision behind every request then in flight.
   */
  private drainNow(): boolean {
    if (!this.parked || this.draining || this.stopped) return false;
    this.draining = true;
    try {
      const t0 = performance.now();
      while (performance.now() - t0 < 10) {
        const qp = this.queue.take();
        if (!qp) return true;
        this.attempt(qp);
      }
      return false;
    } finally {
      this.draining = false;
    }
  }

  private attempt(qp: QueuedPod): void {
    try {
      this.scheduleOne(qp);
    } catch (err) {
      this.log.error({ err, pod: qp.key }, 'scheduling attempt failed');
      this.queue.addBackoff(qp);
    }
  }

  /** One scheduling cycle: decide synchronously, then bind (or report) asynchronously. */
  private scheduleOne(qp: QueuedPod): void {
    const pod = qp.info.pod;
    if (pod.metadata?.deletionTimestamp || pod.spec?.nodeName || this.cache.isAssumed(qp.key)) {
      this.queue.done(qp);
      return;
    }
    const nodes = this.cache.nodeInfos();
    const res = this.framework.schedule(qp.info, nodes);
    if (res.kind === 'scheduled') {
      this.cache.assume(qp.info, res.node);
      this.track(this.bind(qp, res.node));
      return;
    }
    if (res.kind === 'noNodes') return this.fail(qp, 'Unschedulable', ERR_NO_NODES_AVAILABLE, true, { message: '', nominate: '' });
    const pre = evaluatePreemption(res.state, nodes, res.diagnosis, this.framework.filters);
    res.diagnosis.postFilterMsg = pre.message;
    this.fail(qp, 'Unschedulable', fitErrorMessage(res.diagnosis), true, pre);
  }

  private track(p: Promise<unknown>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  private async bind(qp: QueuedPod, node: string): Promise<void> {
    const { namespace, name, uid } = qp.info;
    try {
      await this.client.post(R.pods, namespace, name, 'binding', {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, namespace, uid },
        target: { kind: 'Node', name: node },
      });
    } catch (err) {
      this.cache.forget(qp.key);
      if (this.stopped) return;
      if (isApiError(err, 'NotFound') || isApiError(err, 'Conflict')) {
        // Deleted, being deleted, or already bound: the informer brings the rest.
        this.queue.done(qp);
        return;
      }
      this.queue.moveAll((other) => other.key !== qp.key);
      this.log.warn({ err: (err as Error).message, pod: qp.key, node }, 'binding failed');
      this.fail(qp, 'SchedulerError', (err as Error).message, false);
      return;
    }
    this.queue.done(qp);
    this.recorder.event(asPod(qp.info.pod), 'Normal', 'Scheduled', scheduledMessage(namespace, name, node));
  }

  /** handleSchedulingFailure: requeue, then report through an event and the pod's condition. */
  private fail(qp: QueuedPod, reason: FailureReason, message: string, unschedulable: boolean, preempt?: PreemptionOutcome): void {
    const latest = this.pods.get(qp.info.namespace, qp.info.name);
    if (!latest || latest.metadata?.uid !== qp.info.uid) {
      this.queue.done(qp);
      return;
    }
    if (latest.spec?.nodeName) {
      this.queue.done(qp);
      return;
    }
    if (unschedulable) this.queue.addUnschedulable(qp);
    else this.queue.addBackoff(qp);
    this.recorder.event(asPod(latest), 'Warning', 'FailedScheduling', truncateMessage(message));
    const patch = failureStatusPatch(latest, reason, message, preempt?.nominate);
    if (patch) this.track(this.patchStatus(latest, patch));
    if (preempt?.candidate) this.track(this.evict(latest, preempt.candidate));
  }

  private async patchStatus(pod: Pod, patch: Record<string, unknown>): Promise<void> {
    try {
      await this.client.patch(R.pods, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', 'strategic', patch, 'status');
    } catch (err) {
      if (!isApiError(err, 'NotFound')) this.log.debug({ err: (err as Error).message, pod: podKey(pod) }, 'could not update pod status');
    }
  }

  /** prepareCandidate: mark each victim as a disruption target, delete it, and say why. */
  private async evict(preemptor: Pod, c: PreemptionCandidate): Promise<void> {
    for (const v of c.victims) {
      const patch = disruptionTargetPatch(v.pod, this.schedulerName);
      if (patch) await this.patchStatus(v.pod, patch);
      try {
        await this.client.delete(R.pods, v.namespace, v.name);
      } catch (err) {
        if (!isApiError(err, 'NotFound')) this.log.warn({ err: (err as Error).message, victim: v.key }, 'preemption: could not delete victim');
        continue;
      }
      this.recorder.event(asPod(v.pod), 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata?.uid ?? ''} on node ${c.node}`);
    }
  }
}
