/**
 * The StatefulSet controller (upstream pkg/controller/statefulset): claims the set's pods, keeps
 * its revisions (see history.ts), runs the plan of control.ts — ordered or parallel creation and
 * deletion of `<set>-<ordinal>` pods, rolling updates from the highest ordinal down to the
 * partition, OnDelete — and writes the status. Events as upstream: `SuccessfulCreate` "create Pod
 * web-0 in StatefulSet web successful", `SuccessfulDelete`, `SuccessfulUpdate`, and their
 * `Failed*` forms. volumeClaimTemplates only add PVC volumes to the pods: skiff has no storage,
 * so no claims are created.
 */
import { isApiError } from '../../api/errors.js';
import { selectorFromLabelSelector } from '../../api/labels.js';
import { controllerRef } from '../../api/meta.js';
import type { Pod, StatefulSet } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import { EventRecorder } from '../../client/events.js';
import type { Informer, InformerFactory } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import { WorkQueue } from '../../client/workqueue.js';
import { logger } from '../../util/log.js';
import { DelayedEnqueuer } from '../job/expectations.js';
import { claimPods, controllerRefTo, recheckDeletion } from '../job/podcontrol.js';
import { type Action, completeRollingUpdate, planStatefulSet, statusChanged } from './control.js';
import { REVISIONS_ANNOTATION, encodeRevisions, liveRevisions, readRevisions, resolveRevisions } from './history.js';
import { isMemberOf, podRevision } from './utils.js';

const log = logger('statefulset-controller');

/** Tuning of the StatefulSet controller. */
export interface StatefulSetControllerOptions {
  workers?: number;
}

const keyOf = (o: { metadata?: { namespace?: string; name?: string } }): string => `${o.metadata?.namespace}/${o.metadata?.name}`;

/** The StatefulSet controller: `run()` to start, `stop()` to halt. */
export class StatefulSetController {
  private queue = new WorkQueue<string>({ baseDelayMs: 100, maxDelayMs: 60_000 });
  private delayed = new DelayedEnqueuer(this.queue);
  private sets: Informer<StatefulSet>;
  private pods: Informer<Pod>;
  private recorder: EventRecorder;
  private stopped = false;

  constructor(
    private client: Client,
    informers: InformerFactory,
    private opts: StatefulSetControllerOptions = {},
  ) {
    this.recorder = new EventRecorder(client, 'statefulset-controller');
    this.sets = informers.for<StatefulSet>(R.statefulsets);
    this.pods = informers.for<Pod>(R.pods);
    this.sets.on({ add: (s) => this.queue.add(keyOf(s)), update: (_o, s) => this.queue.add(keyOf(s)), delete: (s) => this.queue.add(keyOf(s)) });
    this.pods.on({ add: (p) => this.podChanged(undefined, p), update: (o, p) => this.podChanged(o, p), delete: (p) => this.podChanged(undefined, p) });
  }

  run(): void {
    void (async () => {
      await Promise.all([this.sets.waitForSync(), this.pods.waitForSync()]);
      if (this.stopped) return;
      void this.queue.run(this.opts.workers ?? 2, (k) => this.sync(k), (k, err) => log.warn({ statefulset: k, err: (err as Error).message }, 'sync failed'));
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

  private podChanged(old: Pod | undefined, pod: Pod): void {
    const ns = pod.metadata?.namespace ?? '';
    const refs = [controllerRef(pod), old ? controllerRef(old) : undefined];
    let owned = false;
    for (const ref of refs) {
      if (ref?.kind !== 'StatefulSet') continue;
      const set = this.sets.get(ns, ref.name);
      if (set && set.metadata?.uid === ref.uid) {
        this.queue.add(keyOf(set));
        owned = true;
      }
    }
    if (owned || controllerRef(pod)) return;
    // An orphan: the sets whose selector matches may adopt it.
    for (const set of this.sets.list(ns)) {
      try {
        if (selectorFromLabelSelector(set.spec?.selector).matches(pod.metadata?.labels)) this.queue.add(keyOf(set));
      } catch {
        // invalid selector: the set cannot select anything
      }
    }
  }

  private async sync(key: string): Promise<void> {
    const i = key.indexOf('/');
    const set = this.sets.get(key.slice(0, i), key.slice(i + 1));
    if (!set) return;
    const ns = set.metadata!.namespace!;
    let selector;
    try {
      selector = selectorFromLabelSelector(set.spec?.selector);
    } catch (err) {
      log.warn({ statefulset: key, err: (err as Error).message }, 'invalid selector');
      return;
    }
    const pods = await claimPods(this.client, this.pods.list(ns), {
      owner: set,
      ref: controllerRefTo(set, 'apps/v1', 'StatefulSet'),
      selector,
      filter: (p) => isMemberOf(set, p),
      canAdopt: recheckDeletion(this.client, R.statefulsets, set),
    });

    const stored = readRevisions(set);
    const { current, update, collisionCount, revisions } = resolveRevisions(set, stored);
    if (encodeRevisions(revisions) !== encodeRevisions(stored)) await this.saveRevisions(set, encodeRevisions(revisions));

    const plan = planStatefulSet(set, pods, current, update, collisionCount);
    let actionErr: unknown;
    try {
      await this.execute(set, plan.actions);
    } catch (err) {
      actionErr = err;
    }
    completeRollingUpdate(set, plan.status);
    if (statusChanged(set, plan.status)) await this.client.patch(R.statefulsets, ns, set.metadata!.name!, 'merge', { status: plan.status }, 'status');

    // Keep only live revisions: current, update and those pods still run.
    const live = new Set([plan.status.currentRevision, plan.status.updateRevision, ...pods.map(podRevision)]);
    const kept = liveRevisions(revisions, live);
    if (kept.length !== revisions.length) await this.saveRevisions(set, encodeRevisions(kept));
    if (actionErr) throw actionErr;

    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && plan.status.availableReplicas !== (set.spec?.replicas ?? 1)) this.delayed.addAfter(key, minReady * 1000);
  }

  private async saveRevisions(set: StatefulSet, value: string): Promise<void> {
    await this.client.patch(R.statefulsets, set.metadata!.namespace!, set.metadata!.name!, 'merge', { metadata: { annotations: { [REVISIONS_ANNOTATION]: value } } });
  }

  private async execute(set: StatefulSet, actions: Action[]): Promise<void> {
    const ns = set.metadata!.namespace!;
    const parallel = set.spec?.podManagementPolicy === 'Parallel';
    const run = async (a: Action): Promise<void> => {
      const name = a.pod.metadata!.name!;
      const verb = a.type;
      try {
        if (a.type === 'create') await this.client.create<Pod>(R.pods, ns, a.pod);
        else if (a.type === 'update') await this.client.update<Pod>(R.pods, ns, a.pod);
        else await this.client.delete(R.pods, ns, name, { preconditions: { uid: a.pod.metadata?.uid } });
        this.recordPodEvent(verb, set, name);
      } catch (err) {
        if (a.type === 'delete' && isApiError(err, 'NotFound')) return;
        this.recordPodEvent(verb, set, name, err);
        throw err;
      }
    };
    if (!parallel) {
      for (const a of actions) await run(a);
      return;
    }
    // Parallel: slow start (1, 2, 4...) so a systematic failure does not flood the API server.
    let batch = 1;
    for (let i = 0; i < actions.length; i += batch, batch *= 2) await Promise.all(actions.slice(i, i + batch).map(run));
  }

  /** recordPodEvent: `Successful<Verb>` / `Failed<Verb>` on the set. */
  private recordPodEvent(verb: string, set: StatefulSet, pod: string, err?: unknown): void {
    const title = verb[0].toUpperCase() + verb.slice(1);
    const obj = { ...set, kind: 'StatefulSet', apiVersion: 'apps/v1' };
    if (err === undefined) this.recorder.event(obj, 'Normal', `Successful${title}`, `${verb} Pod ${pod} in StatefulSet ${set.metadata?.name} successful`);
    else this.recorder.event(obj, 'Warning', `Failed${title}`, `${verb} Pod ${pod} in StatefulSet ${set.metadata?.name} failed error: ${(err as Error).message}`);
  }
}
