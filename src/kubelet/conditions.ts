/**
 * Pod conditions the kubelet owns (PodReadyToStartContainers, Initialized, Ready, ContainersReady,
 * PodScheduled), generated as upstream's pkg/kubelet/status/generate.go (v1.32) does, with the
 * status manager's lastTransitionTime rule and the order `mergePodStatus` writes them in.
 */
import type { ContainerStatus, PodCondition, PodSpec } from '../api/types.js';
import { findContainerStatus, hasAnyRegularContainerStarted, isRestartableInitContainer, isTerminalPhase } from './pod-phase.js';

/** Upstream reason constants (pkg/kubelet/status/generate.go). */
export const UnknownContainerStatuses = 'UnknownContainerStatuses';
export const PodCompleted = 'PodCompleted';
export const PodFailed = 'PodFailed';
export const ContainersNotReady = 'ContainersNotReady';
export const ContainersNotInitialized = 'ContainersNotInitialized';
export const ReadinessGatesNotReady = 'ReadinessGatesNotReady';

/** The condition types `PodConditionByKubelet` claims (with PodReadyToStartContainers on, as in 1.32). */
export const KUBELET_OWNED_CONDITIONS: readonly string[] = ['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers'];

/** A pod condition as the kubelet writes it: `lastProbeTime` is serialized as `null` (zero time). */
export type KubeletPodCondition = Omit<PodCondition, 'lastProbeTime'> & { lastProbeTime?: string | null };

/** Inputs of `podConditions`. */
export interface PodConditionsInput {
  spec: PodSpec;
  /**
   * One status per spec container, as the kubelet always has (containers not created yet are
   * Waiting `ContainerCreating` / `PodInitializing`); a container without one is reported as
   * "unknown status".
   */
  initStatuses: readonly ContainerStatus[];
  statuses: readonly ContainerStatus[];
  /** The phase just computed for this status (see `podPhase`). */
  phase: string;
  /** The pod sandbox exists with networking configured (no new sandbox needed). */
  sandboxReady: boolean;
  /** The current `status.conditions` (kubelet-owned ones are replaced, the rest kept as they are). */
  existing: readonly (PodCondition | KubeletPodCondition)[];
  /** RFC 3339 timestamp used as lastTransitionTime for conditions whose status changed. */
  now: string;
}

/** Upstream `PodConditionByKubelet`. */
export function isKubeletOwnedCondition(type: string): boolean {
  return KUBELET_OWNED_CONDITIONS.includes(type);
}

/** Go's `%s` of a []string: `[a b c]`. */
function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

/** A condition without timestamps; `finalize` adds them. */
export interface ConditionDraft {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

function terminalDraft(type: string, phase: string): ConditionDraft {
  const d: ConditionDraft = { type, status: 'False' };
  if (phase === 'Failed') d.reason = PodFailed;
  else if (phase === 'Succeeded') d.reason = PodCompleted;
  return d;
}

/** Upstream `GenerateContainersReadyCondition`; `null` statuses stand for upstream's nil slice. */
export function containersReadyCondition(spec: PodSpec, all: readonly ContainerStatus[] | null, phase: string): ConditionDraft {
  if (all === null) return { type: 'ContainersReady', status: 'False', reason: UnknownContainerStatuses };
  const unknown: string[] = [];
  const unready: string[] = [];
  const consider = [...(spec.initContainers ?? []).filter(isRestartableInitContainer), ...(spec.containers ?? [])];
  for (const c of consider) {
    const st = findContainerStatus(all, c.name);
    if (!st) unknown.push(c.name);
    else if (!st.ready) unready.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return terminalDraft('ContainersReady', phase);
  if (phase === 'Failed') return terminalDraft('ContainersReady', phase);
  const msgs: string[] = [];
  if (unknown.length > 0) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length > 0) msgs.push(`containers with unready status: ${goList(unready)}`);
  if (msgs.length > 0) return { type: 'ContainersReady', status: 'False', reason: ContainersNotReady, message: msgs.join(', ') };
  return { type: 'ContainersReady', status: 'True' };
}

/**
 * Upstream `GeneratePodReadyCondition`: ContainersReady's verdict, and when that is True, every
 * readiness gate's condition (looked up in `conditions`) must exist and be True.
 */
export function podReadyCondition(
  spec: PodSpec,
  conditions: readonly { type: string; status: string }[],
  all: readonly ContainerStatus[] | null,
  phase: string,
): ConditionDraft {
  const cr = containersReadyCondition(spec, all, phase);
  if (cr.status !== 'True') return { ...cr, type: 'Ready' };
  const msgs: string[] = [];
  for (const gate of spec.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') msgs.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (msgs.length > 0) return { type: 'Ready', status: 'False', reason: ReadinessGatesNotReady, message: msgs.join(', ') };
  return { type: 'Ready', status: 'True' };
}

/** Upstream `isInitContainerInitialized`: a sidecar once started, a regular init container once ready (exited 0). */
function initContainerInitialized(restartable: boolean, st: ContainerStatus): boolean {
  return restartable ? st.started === true : st.ready === true;
}

/** Upstream `GeneratePodInitializedCondition`; `null` statuses stand for upstream's nil slice. */
export function podInitializedCondition(spec: PodSpec, all: readonly ContainerStatus[] | null, phase: string): ConditionDraft {
  const inits = spec.initContainers ?? [];
  if (all === null) {
    if (inits.length > 0) return { type: 'Initialized', status: 'False', reason: UnknownContainerStatuses };
    all = [];
  }
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const st = findContainerStatus(all, c.name);
    if (!st) unknown.push(c.name);
    else if (!initContainerInitialized(isRestartableInitContainer(c), st)) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'Initialized', status: 'True', reason: PodCompleted };
  if (hasAnyRegularContainerStarted(spec, all)) return { type: 'Initialized', status: 'True' };
  const msgs: string[] = [];
  if (unknown.length > 0) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length > 0) msgs.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (msgs.length > 0) return { type: 'Initialized', status: 'False', reason: ContainersNotInitialized, message: msgs.join(', ') };
  return { type: 'Initialized', status: 'True' };
}

/** Upstream `GeneratePodReadyToStartContainersCondition`: True once the sandbox with networking exists. */
export function podReadyToStartContainersCondition(sandboxReady: boolean): ConditionDraft {
  return { type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' };
}

/**
 * Adds timestamps as the status manager's `updateLastTransitionTime` does: the previous
 * lastTransitionTime when a condition of that type existed with the same status, else `now`.
 * Fields are laid out in the API's order (type, status, lastProbeTime, lastTransitionTime, reason, message).
 */
function finalize(d: ConditionDraft, existing: readonly (PodCondition | KubeletPodCondition)[], now: string): KubeletPodCondition {
  const old = existing.find((c) => c.type === d.type);
  const lastTransitionTime = old && old.status === d.status && old.lastTransitionTime ? old.lastTransitionTime : now;
  const out: KubeletPodCondition = { type: d.type, status: d.status, lastProbeTime: null, lastTransitionTime };
  if (d.reason) out.reason = d.reason;
  if (d.message) out.message = d.message;
  return out;
}

/**
 * The pod's `status.conditions` after a kubelet status update: conditions the kubelet does not own
 * (readiness gates, DisruptionTarget, others) first and unchanged, in their existing order, then
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady and PodScheduled, the order
 * `mergePodStatus` sends (and a strategic-merge `$setElementOrder` makes the API server keep).
 */
export function podConditions(input: PodConditionsInput): KubeletPodCondition[] {
  const { spec, initStatuses, statuses, phase, existing, now } = input;
  const all = [...initStatuses, ...statuses];
  const kept = existing.filter((c) => !isKubeletOwnedCondition(c.type));

  const readyToStart = podReadyToStartContainersCondition(input.sandboxReady);
  const initialized = podInitializedCondition(spec, all, phase);
  // Readiness gates are looked up among the conditions generated so far (upstream passes s.Conditions).
  let ready = podReadyCondition(spec, [...kept, readyToStart, initialized], all, phase);
  let containersReady = containersReadyCondition(spec, all, phase);
  // mergePodStatus: a terminal pod never reports Ready or ContainersReady True (#108594).
  if (isTerminalPhase(phase) && (ready.status === 'True' || containersReady.status === 'True')) {
    containersReady = terminalDraft('ContainersReady', phase);
    ready = terminalDraft('Ready', phase);
  }
  const scheduled: ConditionDraft = { type: 'PodScheduled', status: 'True' };

  const owned = [readyToStart, initialized, ready, containersReady, scheduled].map((d) => finalize(d, existing, now));
  return [...kept.map((c) => ({ ...c })), ...owned];
}
