/**
 * Taint-based eviction, as upstream's taint-eviction-controller (pkg/controller/tainteviction,
 * the taint manager): a pod bound to a node with NoExecute taints it does not tolerate is deleted
 * at once; a pod that tolerates them is deleted when the smallest `tolerationSeconds` of the
 * tolerations used runs out, counted from when the controller first saw the taints for the pod.
 * The scheduled deletion is cancelled when the taints go away or the tolerations come to cover
 * them forever. Before deleting, the pod gets a `DisruptionTarget` condition (reason
 * `DeletionByTaintManager`) and a `TaintManagerEviction` event is recorded.
 */
import { isApiError } from '../../api/errors.js';
import { deepEqual } from '../../api/meta.js';
import type { KObject, Node, Pod, Taint } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import { EventRecorder } from '../../client/events.js';
import type { Informer, InformerFactory } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue } from '../../client/workqueue.js';
import { logger } from '../../util/log.js';
import { conditionPatch, nextPodCondition, podKey } from './podutil.js';
import { evictionDecision, noExecuteTaints } from './taints.js';

const log = logger('taint-eviction-controller');

/** The index of pods by `spec.nodeName` the node controllers share. */
export const NODE_NAME_INDEX = 'spec.nodeName';

/** Adds the `spec.nodeName` index to a pod informer (idempotent). */
export function indexPodsByNode(pods: Informer<Pod>): void {
  pods.addIndex(NODE_NAME_INDEX, (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
}

/** Upstream's DisruptionTarget condition for a taint-manager deletion. */
export const TAINT_MANAGER_CONDITION = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };

/** Options of the taint eviction controller. */
export interface TaintEvictionOptions {
  /** Event source component (upstream: taint-eviction-controller). */
  component?: string;
}

interface Scheduled {
  createdAt: number;
  fireAt: number;
  uid: string;
  timer: NodeJS.Timeout;
}

const RETRIES = 5;

/** The taint eviction controller: `run()` to start, `stop()` to halt timers and workers. */
export class TaintEvictionController {
  private queue = new WorkQueue<string>({ baseDelayMs: 50, maxDelayMs: 10_000 });
  private pods: Informer<Pod>;
  private nodes: Informer<Node>;
  private recorder: EventRecorder;
  /** NoExecute taints of each tainted node, as last processed. */
  private taintedNodes = new Map<string, Taint[]>();
  /** Scheduled deletions by pod key; null once done (so the pod is not deleted twice). */
  private work = new Map<string, Scheduled | null>();
  private stopped = false;
  private inflight = new Set<Promise<void>>();

  constructor(
    private client: Client,
    informers: InformerFactory,
    opts: TaintEvictionOptions = {},
  ) {
    this.recorder = new EventRecorder(client, opts.component ?? 'taint-eviction-controller');
    this.pods = informers.for<Pod>(R.pods);
    this.nodes = informers.for<Node>(R.nodes);
    indexPodsByNode(this.pods);
    this.pods.on({
      add: (p) => this.queue.add(`p:${podKey(p)}`),
      update: (o, p) => {
        if (o.spec?.nodeName === p.spec?.nodeName && deepEqual(o.spec?.tolerations ?? [], p.spec?.tolerations ?? [])) return;
        this.queue.add(`p:${podKey(p)}`);
      },
      delete: (p) => this.queue.add(`p:${podKey(p)}`),
    });
    this.nodes.on({
      add: (n) => this.queue.add(`n:${n.metadata?.name}`),
      update: (o, n) => {
        if (deepEqual(noExecuteTaints(o.spec?.taints), noExecuteTaints(n.spec?.taints))) return;
        this.queue.add(`n:${n.metadata?.name}`);
      },
      delete: (n) => this.queue.add(`n:${n.metadata?.name}`),
    });
  }

  run(): void {
    void (async () => {
      await Promise.all([this.pods.waitForSync(), this.nodes.waitForSync()]);
      if (this.stopped) return;
      void this.queue.run(1, (k) => this.sync(k), (k, err) => log.warn({ key: k, err: (err as Error).message }, 'sync failed'));
    })();
  }

  stop(): void {
    this.stopped = true;
    this.queue.shutdown();
    for (const w of this.work.values()) if (w) clearTimeout(w.timer);
    this.work.clear();
  }

  /** Resolves when deletions already firing have finished (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.inflight]);
    await this.recorder.flush();
  }

  /** The pods with a scheduled (not yet done) deletion and when it fires (ms since the epoch). */
  scheduled(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [k, w] of this.work) if (w) out.set(k, w.fireAt);
    return out;
  }

  private async sync(key: string): Promise<void> {
    if (key.startsWith('n:')) this.handleNode(key.slice(2));
    else this.handlePod(key.slice(2));
  }

  private handleNode(name: string): void {
    const node = this.nodes.get('', name);
    if (!node) {
      this.taintedNodes.delete(name);
      return;
    }
    const taints = noExecuteTaints(node.spec?.taints);
    if (taints.length) this.taintedNodes.set(name, taints);
    else this.taintedNodes.delete(name);
    const pods = this.pods.byIndex(NODE_NAME_INDEX, name);
    if (!taints.length) {
      for (const p of pods) this.cancel(podKey(p));
      return;
    }
    const now = Date.now();
    for (const p of pods) this.processPod(p, taints, now);
  }

  private handlePod(key: string): void {
    const i = key.indexOf('/');
    const pod = this.pods.get(key.slice(0, i), key.slice(i + 1));
    if (!pod) {
      this.cancel(key);
      return;
    }
    const node = pod.spec?.nodeName;
    if (!node) return;
    const taints = this.taintedNodes.get(node);
    if (!taints) return;
    this.processPod(pod, taints, Date.now());
  }

  private processPod(pod: Pod, taints: Taint[], now: number): void {
    const key = podKey(pod);
    const d = evictionDecision(taints, pod.spec?.tolerations ?? []);
    if (d.action === 'cancel') {
      this.cancel(key);
      return;
    }
    if (d.action === 'now') {
      this.cancel(key);
      this.addWork(key, pod.metadata?.uid ?? '', now, now);
      return;
    }
    let createdAt = now;
    const existing = this.work.get(key);
    if (existing) {
      createdAt = existing.createdAt;
      // The deletion already scheduled fires first: keep it.
      if (createdAt + d.ms < now + d.ms) return;
      this.cancel(key);
    }
    this.addWork(key, pod.metadata?.uid ?? '', createdAt, now + d.ms);
  }

  private addWork(key: string, uid: string, createdAt: number, fireAt: number): void {
    if (this.stopped || this.work.has(key)) return;
    const timer = setTimeout(() => this.fire(key), Math.max(0, fireAt - Date.now()));
    timer.unref();
    this.work.set(key, { createdAt, fireAt, uid, timer });
  }

  private cancel(key: string): void {
    if (!this.work.has(key)) return;
    const w = this.work.get(key);
    this.work.delete(key);
    if (!w) return;
    clearTimeout(w.timer);
    this.recorder.event(this.podRef(key, w.uid), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  private podRef(key: string, uid: string): KObject {
    const i = key.indexOf('/');
    return { kind: 'Pod', apiVersion: 'v1', metadata: { namespace: key.slice(0, i), name: key.slice(i + 1), uid: uid || undefined } };
  }

  private fire(key: string): void {
    const w = this.work.get(key);
    if (!w || this.stopped) return;
    log.info({ pod: key }, 'deleting pod');
    this.recorder.event(this.podRef(key, w.uid), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const p = (async () => {
      let lastErr: unknown;
      for (let i = 0; i < RETRIES && !this.stopped; i++) {
        try {
          await this.deletePod(key, w.uid);
          if (this.work.get(key) === w) this.work.set(key, null);
          return;
        } catch (err) {
          lastErr = err;
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      if (this.work.get(key) === w) this.work.delete(key);
      if (lastErr) log.warn({ pod: key, err: (lastErr as Error).message }, 'could not delete pod');
    })();
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** addConditionAndDeletePod: DisruptionTarget condition on the live pod, then DELETE (same uid only). */
  private async deletePod(key: string, uid: string): Promise<void> {
    const i = key.indexOf('/');
    const ns = key.slice(0, i);
    const name = key.slice(i + 1);
    const pod = await this.client.tryGet<Pod>(R.pods, ns, name);
    if (!pod || (uid && pod.metadata?.uid !== uid)) return;
    const cond = nextPodCondition(pod, TAINT_MANAGER_CONDITION);
    if (cond) {
      try {
        await this.client.patch(R.pods, ns, name, 'strategic', conditionPatch(cond), 'status');
      } catch (err) {
        if (isApiError(err, 'NotFound')) return;
        throw err;
      }
    }
    try {
      await this.client.delete(R.pods, ns, name, { preconditions: { uid: pod.metadata?.uid } });
    } catch (err) {
      if (isApiError(err, 'NotFound') || isApiError(err, 'Conflict')) return;
      throw err;
    }
  }
}
