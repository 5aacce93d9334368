/**
 * Pod phase computation, as the kubelet's `getPhase` (pkg/kubelet/kubelet_pods.go, v1.32) derives
 * it from the container statuses, plus the three-way merge `generateAPIPodStatus` applies so a
 * pod never leaves a terminal phase.
 */
import type { Container, ContainerStatus, PodSpec } from '../api/types.js';

/** The five values of `status.phase`. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** Options that refine the phase beyond what the statuses alone say. */
export interface PodPhaseOptions {
  /** The pod worker decided the pod is terminal: its containers will not be restarted whatever the policy. */
  podIsTerminal?: boolean;
  /** Static pods never get a terminal phase from `podIsTerminal` (upstream TODO #116484). */
  isStaticPod?: boolean;
  /**
   * Whether any regular container has started, i.e. the pod was initialized before. Defaults to
   * upstream 1.32's `HasAnyRegularContainerStarted` over the given statuses.
   */
  podHasInitialized?: boolean;
  /** The phase the kubelet last computed (status manager cache); a terminal one is kept. */
  previousPhase?: string;
  /** `pod.status.phase` as the API server has it; a terminal one can never be left. */
  apiPhase?: string;
}

/** True for the two terminal phases. */
export function isTerminalPhase(phase: string | undefined): phase is 'Succeeded' | 'Failed' {
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Upstream `IsRestartableInitContainer`: an init container with `restartPolicy: Always` (a sidecar). */
export function isRestartableInitContainer(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

/** Upstream `GetContainerStatus`: the status with the given container name. */
export function findContainerStatus(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

/**
 * Upstream `HasAnyRegularContainerStarted`: true when a regular (non-init) container is running or
 * has terminated, which means every init container completed at least once.
 */
export function hasAnyRegularContainerStarted(spec: PodSpec, statuses: readonly ContainerStatus[]): boolean {
  const names = new Set((spec.containers ?? []).map((c) => c.name));
  return statuses.some((s) => names.has(s.name) && (s.state?.running !== undefined || s.state?.terminated !== undefined));
}

/** Counters `getPhase` gathers over the three container groups. */
interface PhaseCounts {
  pendingRegularInit: number;
  pendingRestartableInit: number;
  failedInitialization: number;
  unknown: number;
  running: number;
  waiting: number;
  stopped: number;
  succeeded: number;
}

function countRegularInit(spec: PodSpec, info: readonly ContainerStatus[], n: PhaseCounts): void {
  for (const c of spec.initContainers ?? []) {
    if (isRestartableInitContainer(c)) continue;
    const st = findContainerStatus(info, c.name);
    if (!st) {
      n.pendingRegularInit++;
    } else if (st.state?.running) {
      n.pendingRegularInit++;
    } else if (st.state?.terminated) {
      if ((st.state.terminated.exitCode ?? 0) !== 0) n.failedInitialization++;
    } else if (st.state?.waiting) {
      const last = st.lastState?.terminated;
      if (last) {
        if ((last.exitCode ?? 0) !== 0) n.failedInitialization++;
      } else {
        n.pendingRegularInit++;
      }
    } else {
      n.pendingRegularInit++;
    }
  }
}

function countSidecars(spec: PodSpec, info: readonly ContainerStatus[], n: PhaseCounts): void {
  for (const c of spec.initContainers ?? []) {
    if (!isRestartableInitContainer(c)) continue;
    const st = findContainerStatus(info, c.name);
    if (!st) {
      n.unknown++;
    } else if (st.state?.running) {
      if (st.started !== true) n.pendingRestartableInit++;
      n.running++;
    } else if (st.state?.terminated) {
      // A terminated sidecar does not count towards the phase.
    } else if (st.state?.waiting) {
      if (!st.lastState?.terminated) {
        n.pendingRestartableInit++;
        n.waiting++;
      }
    } else {
      n.pendingRestartableInit++;
      n.unknown++;
    }
  }
}

function countRegular(spec: PodSpec, info: readonly ContainerStatus[], n: PhaseCounts): void {
  for (const c of spec.containers ?? []) {
    const st = findContainerStatus(info, c.name);
    if (!st) {
      n.unknown++;
    } else if (st.state?.running) {
      n.running++;
    } else if (st.state?.terminated) {
      n.stopped++;
      if ((st.state.terminated.exitCode ?? 0) === 0) n.succeeded++;
    } else if (st.state?.waiting) {
      if (st.lastState?.terminated) n.stopped++;
      else n.waiting++;
    } else {
      n.unknown++;
    }
  }
}

/**
 * Upstream `getPhase` (v1.32): the phase implied by the init, sidecar and regular container
 * statuses and the restart policy, without the terminal-phase merge (see `podPhase`).
 */
export function computePhase(
  spec: PodSpec,
  info: readonly ContainerStatus[],
  podIsTerminal: boolean,
  podHasInitialized: boolean,
  isStaticPod = false,
): PodPhase {
  const n: PhaseCounts = {
    pendingRegularInit: 0,
    pendingRestartableInit: 0,
    failedInitialization: 0,
    unknown: 0,
    running: 0,
    waiting: 0,
    stopped: 0,
    succeeded: 0,
  };
  countRegularInit(spec, info, n);
  countSidecars(spec, info, n);
  countRegular(spec, info, n);
  const policy = spec.restartPolicy ?? 'Always';

  if (n.failedInitialization > 0 && policy === 'Never') return 'Failed';

  if (n.pendingRegularInit > 0 || (n.pendingRestartableInit > 0 && !podHasInitialized) || n.waiting > 0) {
    return 'Pending';
  }
  if (n.running > 0 && n.unknown === 0) return 'Running';
  if (n.running === 0 && n.stopped > 0 && n.unknown === 0) {
    if (podIsTerminal && !isStaticPod) return n.stopped === n.succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (n.stopped === n.succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/**
 * The phase the kubelet reports: `getPhase` over the init and regular statuses, then
 * `generateAPIPodStatus`'s rules that a terminal phase (cached or from the API) is never left.
 */
export function podPhase(
  spec: PodSpec,
  initStatuses: readonly ContainerStatus[],
  statuses: readonly ContainerStatus[],
  opts: PodPhaseOptions = {},
): PodPhase {
  const all = [...statuses, ...initStatuses];
  const initialized = opts.podHasInitialized ?? hasAnyRegularContainerStarted(spec, all);
  let phase: string = computePhase(spec, all, opts.podIsTerminal ?? false, initialized, opts.isStaticPod ?? false);
  if (!isTerminalPhase(phase)) {
    if (isTerminalPhase(opts.previousPhase)) phase = opts.previousPhase;
    else if (isTerminalPhase(opts.apiPhase)) phase = opts.apiPhase;
  }
  if (isTerminalPhase(opts.apiPhase) && phase !== opts.apiPhase) phase = opts.apiPhase;
  return phase as PodPhase;
}
