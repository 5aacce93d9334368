/**
 * The StatefulSet decision logic as a pure function (upstream defaultStatefulSetControl.
 * updateStatefulSet): from the set, its pods and its current/update revisions, the pod writes to
 * make in this sync and the status to report. OrderedReady sets act monotonically — one step at a
 * time, creating ordinal N+1 only once N is Running and Ready, deleting from the highest ordinal
 * only when all others are healthy; Parallel sets create and delete everything at once. Rolling
 * updates replace the highest-ordinal pod not at the update revision, down to the partition.
 */
import { clone } from '../../api/meta.js';
import type { Pod, StatefulSet } from '../../api/types.js';
import type { Revision } from './history.js';
import {
  REVISION_LABEL,
  endOrdinal,
  identityMatches,
  inOrdinalRange,
  isCreated,
  isFailed,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  isUnavailable,
  newStatefulSetPod,
  ordinalOf,
  podRevision,
  replicasOf,
  startOrdinal,
  storageMatches,
  updateIdentity,
  updateStorage,
} from './utils.js';
import { isPodAvailable } from '../nodelifecycle/podutil.js';

/** A pod write decided by the plan. */
export type Action =
  | { type: 'create'; pod: Pod }
  | { type: 'delete'; pod: Pod; reason: 'terminal' | 'scale-down' | 'update' }
  | { type: 'update'; pod: Pod };

/** The StatefulSet status fields the controller computes. */
export interface SetStatus {
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
}

/** The outcome of one StatefulSet sync: pod writes in order, and the status. */
export interface Plan {
  actions: Action[];
  status: SetStatus;
}

function countInto(status: SetStatus, lists: Pod[][], minReady: number, current: string, update: string, now: number): void {
  status.replicas = status.readyReplicas = status.availableReplicas = status.currentReplicas = status.updatedReplicas = 0;
  for (const list of lists) {
    for (const pod of list) {
      if (isCreated(pod)) status.replicas++;
      if (isRunningAndReady(pod)) {
        status.readyReplicas++;
        if (isPodAvailable(pod, minReady, now)) status.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        const rev = podRevision(pod);
        if (rev === current) status.currentReplicas++;
        if (rev === update) status.updatedReplicas++;
      }
    }
  }
}

/** newVersionedStatefulSetPod: ordinals below the partition get the current revision, others the update revision. */
function newVersionedPod(set: StatefulSet, current: Revision, update: Revision, ordinal: number): Pod {
  const strategy = set.spec?.updateStrategy;
  const start = startOrdinal(set);
  const rolling = strategy?.type === 'RollingUpdate' || strategy?.type === undefined;
  const useCurrent =
    (rolling && !strategy?.rollingUpdate && ordinal < start + (set.status?.currentReplicas ?? 0)) ||
    (!!strategy?.rollingUpdate && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
  const rev = useCurrent ? current : update;
  const pod = newStatefulSetPod(set, rev.template, ordinal);
  pod.metadata!.labels = { ...(pod.metadata!.labels ?? {}), [REVISION_LABEL]: rev.name };
  return pod;
}

/** updateStatefulSet: the actions for this sync and the resulting status. */
export function planStatefulSet(set: StatefulSet, pods: readonly Pod[], current: Revision, update: Revision, collisionCount: number, now: number = Date.now()): Plan {
  const minReady = set.spec?.minReadySeconds ?? 0;
  const status: SetStatus = {
    observedGeneration: set.metadata?.generation ?? 0,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision: current.name,
    updateRevision: update.name,
    collisionCount,
  };
  const count = (...lists: Pod[][]) => countInto(status, lists, minReady, current.name, update.name, now);
  count([...pods]);

  const start = startOrdinal(set);
  const replicas: Pod[] = new Array<Pod>(replicasOf(set));
  const condemned: Pod[] = [];
  for (const pod of pods) {
    if (inOrdinalRange(pod, set)) replicas[ordinalOf(pod) - start] = pod;
    else if (ordinalOf(pod) >= 0) condemned.push(pod);
  }
  const created = new Set<Pod>();
  for (let ord = start; ord <= endOrdinal(set); ord++) {
    if (!replicas[ord - start]) {
      const p = newVersionedPod(set, current, update, ord);
      replicas[ord - start] = p;
      created.add(p);
    }
  }
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  // The first unhealthy pod: the lowest unavailable replica, else the lowest unavailable condemned pod.
  const firstUnhealthy = replicas.find((p) => isUnavailable(p, minReady, now)) ?? [...condemned].reverse().find((p) => isUnavailable(p, minReady, now));

  const actions: Action[] = [];
  const done = (): Plan => {
    count(replicas, condemned);
    return { actions, status };
  };
  if (set.metadata?.deletionTimestamp) return { actions, status };
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';

  // Living replicas: replace terminal pods, create missing ones, wait for each in order, fix identities.
  for (const pod of replicas) {
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!isTerminating(pod)) actions.push({ type: 'delete', pod, reason: 'terminal' });
      if (monotonic) return done();
      continue;
    }
    if (created.has(pod)) {
      actions.push({ type: 'create', pod });
      if (monotonic) return done();
    }
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isPodAvailable(pod, minReady, now))) return done();
    if (created.has(pod) || (identityMatches(set, pod) && storageMatches(set, pod))) continue;
    const fixed = clone(pod);
    updateIdentity(set, fixed);
    updateStorage(set, fixed);
    actions.push({ type: 'update', pod: fixed });
  }

  // Condemned pods (ordinal out of range), highest first.
  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return done();
      continue;
    }
    if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isPodAvailable(pod, minReady, now))) return done();
    actions.push({ type: 'delete', pod, reason: 'scale-down' });
    if (monotonic) return done();
  }
  count(replicas, condemned);

  if (set.spec?.updateStrategy?.type === 'OnDelete') return { actions, status };

  // Rolling update: the highest ordinal not at the update revision goes; wait while one is unavailable.
  const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let target = replicas.length - 1; target >= partition; target--) {
    const pod = replicas[target];
    if (podRevision(pod) !== update.name && !isTerminating(pod)) {
      actions.push({ type: 'delete', pod, reason: 'update' });
      status.currentReplicas--;
      return { actions, status };
    }
    if (isUnavailable(pod, minReady, now)) return { actions, status };
  }
  return { actions, status };
}

/** completeRollingUpdate: once every replica is updated and ready, the update revision becomes current. */
export function completeRollingUpdate(set: StatefulSet, status: SetStatus): void {
  const n = replicasOf(set);
  const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (rolling && status.updatedReplicas === n && status.readyReplicas === n && status.replicas === n) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** inconsistentStatus: whether the computed status differs from the set's. */
export function statusChanged(set: StatefulSet, status: SetStatus): boolean {
  const s = set.status ?? { replicas: 0 };
  return (
    status.observedGeneration > (s.observedGeneration ?? 0) ||
    status.replicas !== (s.replicas ?? 0) ||
    status.currentReplicas !== (s.currentReplicas ?? 0) ||
    status.readyReplicas !== (s.readyReplicas ?? 0) ||
    status.updatedReplicas !== (s.updatedReplicas ?? 0) ||
    status.currentRevision !== (s.currentRevision ?? '') ||
    status.availableReplicas !== (s.availableReplicas ?? 0) ||
    status.updateRevision !== (s.updateRevision ?? '') ||
    status.collisionCount !== (s.collisionCount ?? 0)
  );
}
