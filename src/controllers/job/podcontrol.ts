/**
 * Pod handling shared by the workload controllers, after upstream pkg/controller/controller_utils.go
 * and controller_ref_manager.go: pods from templates, creation/deletion with the
 * `SuccessfulCreate`/`FailedCreate`/`SuccessfulDelete`/`FailedDelete` events, the ranking of
 * active pods for removal, and adoption/release of pods by selector (ClaimPods).
 */
import { isApiError } from '../../api/errors.js';
import type { Selector } from '../../api/labels.js';
import { clone } from '../../api/meta.js';
import type { KObject, OwnerReference, Pod, PodTemplateSpec } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../../client/events.js';
import { R } from '../../client/resources.js';
import { isPodReady, podCondition, timeOf } from '../nodelifecycle/podutil.js';

/** metav1.NewControllerRef: the controller owner reference to `owner`. */
export function controllerRefTo(owner: KObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** The generateName prefix for pods of `owner` (getPodsPrefix). */
export function podsPrefix(ownerName: string): string {
  const prefix = `${ownerName}-`;
  return prefix.length <= 253 && /^[a-z0-9]([-a-z0-9.]*)?-$/.test(prefix) ? prefix : ownerName;
}

/** GetPodFromTemplate: labels, annotations, finalizers and spec from the template, generateName and owner. */
export function podFromTemplate(template: PodTemplateSpec, ownerName: string, ref?: OwnerReference): Pod {
  const t = clone(template);
  const meta = t.metadata ?? {};
  const pod: Pod = {
    metadata: {
      labels: meta.labels ? { ...meta.labels } : undefined,
      annotations: meta.annotations ? { ...meta.annotations } : undefined,
      finalizers: meta.finalizers?.length ? [...meta.finalizers] : undefined,
      generateName: podsPrefix(ownerName),
      ownerReferences: ref ? [ref] : undefined,
    },
    spec: t.spec!,
  };
  return pod;
}

/** RealPodControl: pod writes with the events upstream records on the owner. */
export class PodControl {
  constructor(
    private client: Client,
    private recorder: EventRecorder,
  ) {}

  /** Creates the pod; `SuccessfulCreate` "Created pod: x" or `FailedCreate` "Error creating: ...". */
  async create(ns: string, pod: Pod, owner: KObject): Promise<Pod> {
    if (!pod.metadata?.labels || Object.keys(pod.metadata.labels).length === 0) throw new Error('unable to create pods, no labels');
    try {
      const created = await this.client.create<Pod>(R.pods, ns, pod);
      this.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
      return created;
    } catch (err) {
      this.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
      throw err;
    }
  }

  /** Deletes the pod; `SuccessfulDelete` "Deleted pod: x" or `FailedDelete` "Error deleting: ...". */
  async delete(ns: string, name: string, owner: KObject): Promise<void> {
    try {
      await this.client.delete(R.pods, ns, name);
      this.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    } catch (err) {
      if (isApiError(err, 'NotFound')) throw err;
      this.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
      throw err;
    }
  }
}

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

const maxRestarts = (p: Pod): number => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));

/** afterOrZero: a missing time sorts first, otherwise the later time first. */
function afterOrZero(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? 0 : -1) : 1;
  return b - a;
}

/**
 * controller.ActivePods ordering, the pods to remove first: unassigned, then Pending < Unknown <
 * Running, not ready, ready for less time, more restarts, newer.
 */
export function activePodsOrder(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return !na ? -1 : 1;
  const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  if (ra && rb) {
    const ta = timeOf(podCondition(a, 'Ready')?.lastTransitionTime);
    const tb = timeOf(podCondition(b, 'Ready')?.lastTransitionTime);
    if (ta !== tb) return afterOrZero(ta, tb);
  }
  const ca = maxRestarts(a);
  const cb = maxRestarts(b);
  if (ca !== cb) return cb - ca;
  return afterOrZero(timeOf(a.metadata?.creationTimestamp), timeOf(b.metadata?.creationTimestamp));
}

/** What ClaimPods needs to know about the controller. */
export interface ClaimOptions {
  owner: KObject;
  ref: OwnerReference;
  selector: Selector;
  /** Extra condition for adoption and keeping (StatefulSets: the pod name). */
  filter?: (p: Pod) => boolean;
  /** Finalizers added when adopting (Jobs: the tracking finalizer). */
  finalizers?: string[];
  /** RecheckDeletionTimestamp: a live check that the owner may still adopt; throws if not. */
  canAdopt: () => Promise<void>;
}

/** A memoized live check that the owner still exists with the same uid and is not being deleted. */
export function recheckDeletion(client: Client, ref: Parameters<Client['get']>[0], owner: KObject): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () =>
    (p ??= (async () => {
      const m = owner.metadata ?? {};
      const fresh = await client.get(ref, m.namespace ?? '', m.name ?? '');
      if (fresh.metadata?.uid !== m.uid) throw new Error(`original ${owner.kind} ${m.namespace}/${m.name} is gone: got uid ${fresh.metadata?.uid}, wanted ${m.uid}`);
      if (fresh.metadata?.deletionTimestamp) throw new Error(`${m.namespace}/${m.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    })());
}

/**
 * ClaimPods: the pods the owner controls after adopting matching orphans (adding its controller
 * reference and finalizers) and releasing owned pods that no longer match. Pods controlled by
 * someone else are ignored. Returned pods may be the cached objects: do not mutate them.
 */
export async function claimPods(client: Client, pods: readonly Pod[], o: ClaimOptions): Promise<Pod[]> {
  const uid = o.owner.metadata?.uid;
  const deleting = !!o.owner.metadata?.deletionTimestamp;
  const match = (p: Pod) => o.selector.matches(p.metadata?.labels) && (!o.filter || o.filter(p));
  const out: Pod[] = [];
  const errs: string[] = [];
  for (const p of pods) {
    const ns = p.metadata?.namespace ?? '';
    const name = p.metadata?.name ?? '';
    const ctrl = p.metadata?.ownerReferences?.find((r) => r.controller === true);
    try {
      if (ctrl) {
        if (ctrl.uid !== uid) continue;
        if (match(p)) {
          out.push(p);
          continue;
        }
        if (deleting) continue;
        await o.canAdopt();
        await client.patch(R.pods, ns, name, 'strategic', { metadata: { ownerReferences: [{ $patch: 'delete', uid }], uid: p.metadata?.uid } });
        continue;
      }
      if (deleting || !match(p) || p.metadata?.deletionTimestamp) continue;
      if (o.owner.metadata?.namespace && o.owner.metadata.namespace !== ns) continue;
      await o.canAdopt();
      const patch: Record<string, unknown> = { ownerReferences: [o.ref], uid: p.metadata?.uid };
      if (o.finalizers?.length) patch['finalizers'] = o.finalizers;
      const adopted = await client.patch<Pod>(R.pods, ns, name, 'strategic', { metadata: patch });
      out.push(adopted);
    } catch (err) {
      if (isApiError(err, 'NotFound')) continue;
      errs.push((err as Error).message);
    }
  }
  if (errs.length) throw new Error(errs.join('; '));
  return out;
}
