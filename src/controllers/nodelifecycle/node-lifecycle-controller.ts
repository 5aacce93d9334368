/**
 * The node lifecycle controller (upstream pkg/controller/nodelifecycle): watches Nodes and their
 * heartbeat Leases in kube-node-lease. A node that neither renews its Lease nor posts status for
 * the grace period gets Ready/MemoryPressure/DiskPressure/PIDPressure `Unknown`
 * (`NodeStatusUnknown`, "Kubelet stopped posting node status."), its pods Ready=False, and the
 * `node.kubernetes.io/unreachable` NoExecute taint (`not-ready` for a node reporting
 * Ready=False), added through a per-zone rate limiter and removed once the node is Ready again.
 * Conditions and `spec.unschedulable` also map to NoSchedule taints (TaintNodesByCondition).
 * When every node of every zone is down the controller assumes its own connectivity is at fault
 * and removes those taints instead (upstream's full-disruption mode). Taint-based eviction of the
 * pods runs in the embedded TaintEvictionController.
 */
import { isApiError } from '../../api/errors.js';
import { clone, rfc3339 } from '../../api/meta.js';
import type { KObject, Lease, Node, NodeCondition, Pod, Taint } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import { EventRecorder } from '../../client/events.js';
import type { Informer, InformerFactory } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue } from '../../client/workqueue.js';
import { logger } from '../../util/log.js';
import { type NodeHealth, evaluateNodeHealth, labelsToReconcile, noScheduleTaintChanges, zoneKey } from './health.js';
import { podKey } from './podutil.js';
import { NODE_NAME_INDEX, TaintEvictionController, indexPodsByNode } from './taint-eviction.js';
import { NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE, swapTaints, taintExists } from './taints.js';
import { Zones } from './zones.js';

const log = logger('node-lifecycle-controller');

/** Timings and limits; the defaults are kube-controller-manager's. */
export interface NodeLifecycleOptions {
  /** How often node health is checked (--node-monitor-period, 5 s). */
  nodeMonitorPeriodMs?: number;
  /** Silence after which a node is Unknown (--node-monitor-grace-period, 40 s). */
  nodeMonitorGracePeriodMs?: number;
  /** Grace for a node that never posted Ready (--node-startup-grace-period, 60 s). */
  nodeStartupGracePeriodMs?: number;
  /** Nodes tainted per second in a healthy zone (--node-eviction-rate, 0.1). */
  evictionLimiterQPS?: number;
  /** Nodes tainted per second in a partially disrupted large zone (--secondary-node-eviction-rate, 0.01). */
  secondaryEvictionLimiterQPS?: number;
  /** Zones larger than this keep tainting when partially disrupted (--large-cluster-size-threshold, 50). */
  largeClusterSizeThreshold?: number;
  /** Share of not-ready nodes making a zone partially disrupted (--unhealthy-zone-threshold, 0.55). */
  unhealthyZoneThreshold?: number;
  /** How often the tainting queue is worked (NodeEvictionPeriod, 100 ms). */
  nodeEvictionPeriodMs?: number;
  /** Run taint-based eviction in-process (default true; false when it runs on its own). */
  runTaintEviction?: boolean;
}

const EXCLUDE_DISRUPTION_LABEL = 'node.kubernetes.io/exclude-disruption';
const UPDATE_RETRIES = 5;

/** The node lifecycle controller: `run()` starts its loops, `stop()` halts them. */
export class NodeLifecycleController {
  readonly taintEviction?: TaintEvictionController;
  private o: Required<NodeLifecycleOptions>;
  private nodes: Informer<Node>;
  private leases: Informer<Lease>;
  private pods: Informer<Pod>;
  private recorder: EventRecorder;
  private health = new Map<string, NodeHealth>();
  private known = new Map<string, Node>();
  private zones: Zones;
  private nodesToRetry = new Set<string>();
  private nodeQueue = new WorkQueue<string>({ baseDelayMs: 100, maxDelayMs: 30_000 });
  private podQueue = new WorkQueue<string>({ baseDelayMs: 100, maxDelayMs: 30_000 });
  private timers: NodeJS.Timeout[] = [];
  private monitoring?: Promise<void>;
  private tainting?: Promise<void>;
  private stopped = false;

  constructor(
    private client: Client,
    informers: InformerFactory,
    opts: NodeLifecycleOptions = {},
  ) {
    this.o = {
      nodeMonitorPeriodMs: opts.nodeMonitorPeriodMs ?? 5000,
      nodeMonitorGracePeriodMs: opts.nodeMonitorGracePeriodMs ?? 40_000,
      nodeStartupGracePeriodMs: opts.nodeStartupGracePeriodMs ?? 60_000,
      evictionLimiterQPS: opts.evictionLimiterQPS ?? 0.1,
      secondaryEvictionLimiterQPS: opts.secondaryEvictionLimiterQPS ?? 0.01,
      largeClusterSizeThreshold: opts.largeClusterSizeThreshold ?? 50,
      unhealthyZoneThreshold: opts.unhealthyZoneThreshold ?? 0.55,
      nodeEvictionPeriodMs: opts.nodeEvictionPeriodMs ?? 100,
      runTaintEviction: opts.runTaintEviction ?? true,
    };
    this.zones = new Zones(this.o);
    this.recorder = new EventRecorder(client, 'node-controller');
    this.nodes = informers.for<Node>(R.nodes);
    this.leases = informers.for<Lease>(R.leases, { namespace: 'kube-node-lease' });
    this.pods = informers.for<Pod>(R.pods);
    indexPodsByNode(this.pods);
    this.nodes.on({
      add: (n) => this.nodeQueue.add(n.metadata!.name!),
      update: (_o, n) => this.nodeQueue.add(n.metadata!.name!),
      delete: (n) => this.nodesToRetry.delete(n.metadata!.name!),
    });
    this.pods.on({
      add: (p) => {
        if (p.spec?.nodeName) this.podQueue.add(podKey(p));
      },
      update: (o, p) => {
        if (p.spec?.nodeName && p.spec.nodeName !== o.spec?.nodeName) this.podQueue.add(podKey(p));
      },
    });
    if (this.o.runTaintEviction) this.taintEviction = new TaintEvictionController(client, informers);
  }

  run(): void {
    void (async () => {
      await Promise.all([this.nodes.waitForSync(), this.leases.waitForSync(), this.pods.waitForSync()]);
      if (this.stopped) return;
      this.taintEviction?.run();
      const onErr = (what: string) => (key: string, err: unknown) => log.warn({ key, err: (err as Error).message }, `${what} failed`);
      void this.nodeQueue.run(2, (n) => this.syncNodeTaintsAndLabels(n), onErr('node taints'));
      void this.podQueue.run(2, (k) => this.processPod(k), onErr('pod'));
      this.every(this.o.nodeEvictionPeriodMs, () => {
        this.tainting ??= this.noExecuteTaintingPass().finally(() => (this.tainting = undefined));
      });
      this.every(this.o.nodeMonitorPeriodMs, () => {
        this.monitoring ??= this.monitorNodeHealth()
          .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'monitoring node health failed'))
          .finally(() => (this.monitoring = undefined));
      });
    })();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.nodeQueue.shutdown();
    this.podQueue.shutdown();
    this.taintEviction?.stop();
  }

  /** Resolves when the current passes and queued events are done (tests). */
  async settled(): Promise<void> {
    await Promise.all([this.monitoring, this.tainting]);
    await this.recorder.flush();
    await this.taintEviction?.settled();
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.push(t);
    fn();
  }

  private nodeRef(node: Node): KObject {
    return { kind: 'Node', apiVersion: 'v1', metadata: { name: node.metadata?.name, uid: node.metadata?.uid } };
  }

  private nodeEvent(node: Node, reason: string, event: string): void {
    const name = node.metadata?.name ?? '';
    this.recorder.event(this.nodeRef(node), 'Normal', reason, `Node ${name} event: ${event}`);
  }

  /** monitorNodeHealth: one pass over all nodes. */
  async monitorNodeHealth(): Promise<void> {
    const nodes = this.nodes.list();
    const names = new Set(nodes.map((n) => n.metadata!.name!));
    for (const node of nodes) {
      const name = node.metadata!.name!;
      if (this.known.has(name)) {
        if (!this.zones.known(node)) this.zones.tainter(node);
        continue;
      }
      this.nodeEvent(node, 'RegisteredNode', `Registered Node ${name} in Controller`);
      this.known.set(name, node);
      this.zones.tainter(node);
      await this.markNodeAsReachable(node).catch(() => undefined);
    }
    for (const [name, node] of this.known) {
      if (names.has(name)) continue;
      this.nodeEvent(node, 'RemovingNode', `Removing Node ${name} from Controller`);
      this.known.delete(name);
      this.health.delete(name);
    }
    const zoneConditions = new Map<string, (NodeCondition | undefined)[]>();
    await Promise.all(nodes.map((n) => this.checkNode(n, zoneConditions)));
    await this.handleDisruption(zoneConditions, nodes);
  }

  private async checkNode(cached: Node, zoneConditions: Map<string, (NodeCondition | undefined)[]>): Promise<void> {
    const name = cached.metadata!.name!;
    const r = await this.updateNodeHealth(cached);
    if (!r) return;
    const { node, observedReady, currentReady } = r;
    if (!(node.metadata?.labels ?? {})[EXCLUDE_DISRUPTION_LABEL]) {
      const zone = zoneKey(node);
      zoneConditions.set(zone, [...(zoneConditions.get(zone) ?? []), currentReady]);
    }
    if (!currentReady) return;
    await this.processTaintBasedEviction(node, observedReady);
    const needsRetry = this.nodesToRetry.has(name);
    const wentDown = currentReady.status !== 'True' && observedReady.status === 'True';
    if (wentDown) this.recorder.event(this.nodeRef(node), 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    if (wentDown || (needsRetry && observedReady.status !== 'True')) {
      try {
        await this.markPodsNotReady(this.pods.byIndex(NODE_NAME_INDEX, name), name);
      } catch (err) {
        log.warn({ node: name, err: (err as Error).message }, 'could not mark pods NotReady; will retry');
        this.nodesToRetry.add(name);
        return;
      }
    }
    this.nodesToRetry.delete(name);
  }

  /** tryUpdateNodeHealth with retries: evaluates the node and writes Unknown conditions when it fell silent. */
  private async updateNodeHealth(cached: Node): Promise<{ node: Node; observedReady: NodeCondition; currentReady?: NodeCondition } | undefined> {
    let node = cached;
    const name = node.metadata!.name!;
    for (let i = 0; i < UPDATE_RETRIES; i++) {
      const lease = this.leases.get('kube-node-lease', name);
      const r = evaluateNodeHealth(node, lease, this.health.get(name), Date.now(), {
        gracePeriodMs: this.o.nodeMonitorGracePeriodMs,
        startupGracePeriodMs: this.o.nodeStartupGracePeriodMs,
      });
      if (!r.newConditions) {
        this.health.set(name, r.health);
        return { node, observedReady: r.observedReady, currentReady: r.currentReady };
      }
      const updated: Node = { ...clone(node), status: { ...clone(node.status ?? {}), conditions: r.newConditions } };
      try {
        const written = await this.client.updateStatus<Node>(R.nodes, '', updated);
        this.health.set(name, r.healthAfterWrite!);
        log.info({ node: name }, 'node stopped posting status; conditions set to Unknown');
        return { node: written, observedReady: r.observedReady, currentReady: r.currentReady };
      } catch (err) {
        this.health.set(name, r.health);
        log.debug({ node: name, err: (err as Error).message }, 'could not update node health; retrying');
        const fresh = await this.client.tryGet<Node>(R.nodes, '', name).catch(() => undefined);
        if (!fresh) return undefined;
        node = fresh;
      }
    }
    return undefined;
  }

  /** processTaintBaseEviction: queue the node for a NoExecute taint, swap the taint at once, or untaint it. */
  private async processTaintBasedEviction(node: Node, observedReady: NodeCondition): Promise<void> {
    const taints = node.spec?.taints;
    const name = node.metadata!.name!;
    switch (observedReady.status) {
      case 'False':
        if (taintExists(taints, UNREACHABLE_NO_EXECUTE)) await this.swapNodeTaints(name, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE]);
        else this.markNodeForTainting(node, 'False');
        break;
      case 'Unknown':
        if (taintExists(taints, NOT_READY_NO_EXECUTE)) await this.swapNodeTaints(name, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE]);
        else this.markNodeForTainting(node, 'Unknown');
        break;
      case 'True':
        await this.markNodeAsReachable(node).catch((err: unknown) => log.warn({ node: name, err: (err as Error).message }, 'could not remove taints'));
        break;
    }
  }

  private markNodeForTainting(node: Node, status: 'False' | 'Unknown'): void {
    const q = this.zones.tainter(node);
    const name = node.metadata!.name!;
    const want = status === 'False' ? NOT_READY_NO_EXECUTE : UNREACHABLE_NO_EXECUTE;
    if (!taintExists(node.spec?.taints, want)) q.remove(name);
    q.add(name);
  }

  private async markNodeAsReachable(node: Node): Promise<void> {
    const name = node.metadata!.name!;
    if (!(await this.swapNodeTaints(name, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE]))) throw new Error(`could not remove NoExecute taints of node ${name}`);
    this.zones.tainter(node).remove(name);
  }

  /** SwapNodeControllerTaint: adds (with timeAdded now) and removes taints, retrying on conflicts. */
  private async swapNodeTaints(name: string, add: Taint[], remove: Taint[]): Promise<boolean> {
    const stamped = add.map((t) => ({ ...t, timeAdded: rfc3339() }));
    let node = this.nodes.get('', name);
    for (let i = 0; i < UPDATE_RETRIES; i++) {
      if (!node) return true;
      const taints = swapTaints(node.spec?.taints, stamped, remove);
      if (!taints) return true;
      const updated = clone(node);
      updated.spec = { ...updated.spec, taints: taints.length ? taints : undefined };
      try {
        await this.client.update<Node>(R.nodes, '', updated);
        log.info({ node: name, added: add.map((t) => t.key), removed: remove.map((t) => t.key) }, 'updated node taints');
        return true;
      } catch (err) {
        if (isApiError(err, 'NotFound')) return true;
        if (!isApiError(err, 'Conflict')) {
          log.warn({ node: name, err: (err as Error).message }, 'could not update node taints');
          return false;
        }
        node = await this.client.tryGet<Node>(R.nodes, '', name).catch(() => undefined);
      }
    }
    return false;
  }

  /** doNoExecuteTaintingPass: taints queued nodes as their zone's limiter allows. */
  private async noExecuteTaintingPass(): Promise<void> {
    for (const q of this.zones.queues()) {
      await q.try(async (name) => {
        const node = this.nodes.get('', name);
        if (!node) return true;
        const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
        if (!ready) return 50;
        let add: Taint;
        let opposite: Taint;
        if (ready.status === 'False') [add, opposite] = [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE];
        else if (ready.status === 'Unknown') [add, opposite] = [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE];
        else return true;
        return (await this.swapNodeTaints(name, [add], [opposite])) ? true : 0;
      });
    }
  }

  /** handleDisruption: zone states and rates; the all-zones-down safety stop removes NoExecute taints. */
  private async handleDisruption(zoneConditions: Map<string, (NodeCondition | undefined)[]>, nodes: Node[]): Promise<void> {
    const change = this.zones.update(zoneConditions);
    if (change === 'entered-full-disruption') {
      log.info('all nodes are not ready: entering master disruption mode (no taint-based evictions)');
      for (const n of nodes) await this.markNodeAsReachable(n).catch(() => undefined);
    } else if (change === 'left-full-disruption') {
      log.info('some nodes are ready: exiting master disruption mode');
      const now = Date.now();
      for (const n of nodes) {
        const h = this.health.get(n.metadata!.name!);
        if (h) this.health.set(n.metadata!.name!, { ...h, probeTimestamp: now, readyTransitionTimestamp: now });
      }
    }
  }

  /** MarkPodsNotReady: the pods' Ready condition set False, with a `NodeNotReady` event each. */
  private async markPodsNotReady(pods: Pod[], nodeName: string): Promise<void> {
    const errs: string[] = [];
    for (const pod of pods) {
      if (pod.spec?.nodeName !== nodeName) continue;
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const ns = pod.metadata!.namespace!;
      try {
        await this.client.patch(R.pods, ns, pod.metadata!.name!, 'strategic', { status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: rfc3339() }] } }, 'status');
      } catch (err) {
        if (isApiError(err, 'NotFound')) continue;
        errs.push((err as Error).message);
        continue;
      }
      this.recorder.event({ ...pod, kind: 'Pod', apiVersion: 'v1' }, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
    if (errs.length) throw new Error(errs.join('; '));
  }

  /** processPod: a pod newly bound to a node that is not Ready is marked NotReady at once. */
  private async processPod(key: string): Promise<void> {
    const i = key.indexOf('/');
    const pod = this.pods.get(key.slice(0, i), key.slice(i + 1));
    if (!pod?.spec?.nodeName) return;
    const nodeName = pod.spec.nodeName;
    const health = this.health.get(nodeName);
    if (!health) return;
    if (!this.nodes.get('', nodeName)) throw new Error(`node ${nodeName} not in cache`);
    if (!health.ready || health.ready.status === 'True') return;
    await this.markPodsNotReady([pod], nodeName);
  }

  /** doNoScheduleTaintingPass + reconcileNodeLabels for one node. */
  private async syncNodeTaintsAndLabels(name: string): Promise<void> {
    const node = this.nodes.get('', name);
    if (!node) return;
    const { add, remove } = noScheduleTaintChanges(node);
    if ((add.length || remove.length) && !(await this.swapNodeTaints(name, add, remove))) throw new Error(`failed to swap taints of node ${name}`);
    const labels = labelsToReconcile(node);
    if (Object.keys(labels).length) await this.client.patch(R.nodes, '', name, 'merge', { metadata: { labels } });
  }
}
