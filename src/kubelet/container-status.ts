/**
 * The API's view of a container (v1.ContainerStatus) built from what the runtime reports about
 * its instances, the pod worker's waiting reasons and the prober's results, as the kubelet's
 * convertToAPIContainerStatuses does: state, lastState, restartCount, ready, started.
 */
import { rfc3339 } from '../api/meta.js';
import type { Container, ContainerStatus as ApiContainerStatus } from '../api/types.js';
import type { ContainerStatus as RuntimeStatus } from './runtime/types.js';

export const CONTAINER_ID_SCHEME = 'skiff';

export function containerID(id: string): string {
  return `${CONTAINER_ID_SCHEME}://${id}`;
}

/** Why a container is not running (yet), as the pod worker decided. */
export interface Waiting {
  reason: string;
  message?: string;
}

export interface ContainerFacts {
  spec: Container;
  /** The container's instances, newest first. */
  instances: RuntimeStatus[];
  /** A reason the worker recorded (CrashLoopBackOff, CreateContainerConfigError, ...). */
  waiting?: Waiting;
  /** postStart is still running: not reported as running yet. */
  starting: boolean;
  ready: boolean;
  started: boolean;
  /** The default waiting reason when nothing ran yet: ContainerCreating or PodInitializing. */
  defaultReason: string;
}

function terminated(s: RuntimeStatus): NonNullable<NonNullable<ApiContainerStatus['state']>['terminated']> {
  const t: NonNullable<NonNullable<ApiContainerStatus['state']>['terminated']> = {
    exitCode: s.exitCode ?? 0,
    reason: s.reason ?? (s.exitCode === 0 ? 'Completed' : 'Error'),
    startedAt: s.startedAt ? rfc3339(s.startedAt) : undefined,
    finishedAt: s.finishedAt ? rfc3339(s.finishedAt) : undefined,
    containerID: containerID(s.id),
  };
  if (s.signal) t.signal = s.signal;
  if (s.message) t.message = s.message;
  return t;
}

/** One container's status for `status.containerStatuses` / `initContainerStatuses`. */
export function containerStatus(f: ContainerFacts): ApiContainerStatus {
  const latest = f.instances[0];
  const previous = f.instances[1];
  const out: ApiContainerStatus = {
    name: f.spec.name,
    image: f.spec.image ?? '',
    imageID: '',
    ready: false,
    restartCount: latest?.attempt ?? 0,
    started: false,
    state: {},
    lastState: {},
  };
  if (!latest) {
    out.state = { waiting: f.waiting ?? { reason: f.defaultReason } };
    return out;
  }
  out.containerID = containerID(latest.id);
  out.imageID = `${CONTAINER_ID_SCHEME}-image://${f.spec.image ?? ''}`;
  if (latest.state === 'running' && !f.starting) {
    out.state = { running: { startedAt: rfc3339(latest.startedAt ?? latest.createdAt) } };
    out.ready = f.ready;
    out.started = f.started;
    if (previous && previous.state === 'exited') out.lastState = { terminated: terminated(previous) };
  } else if (latest.state === 'running' || latest.state === 'created') {
    out.state = { waiting: { reason: f.waiting?.reason ?? 'ContainerCreating', ...(f.waiting?.message ? { message: f.waiting.message } : {}) } };
    if (previous && previous.state === 'exited') out.lastState = { terminated: terminated(previous) };
  } else if (f.waiting) {
    // Exited and about to be restarted (or backing off): waiting, with the exit in lastState.
    out.state = { waiting: f.waiting.message ? { reason: f.waiting.reason, message: f.waiting.message } : { reason: f.waiting.reason } };
    out.lastState = { terminated: terminated(latest) };
  } else {
    out.state = { terminated: terminated(latest) };
    if (previous && previous.state === 'exited') out.lastState = { terminated: terminated(previous) };
  }
  return out;
}
