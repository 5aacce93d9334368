/**
 * The pod Table (upstream printPod): READY, the aggregated STATUS reason, RESTARTS with the time
 * of the last restart, and the wide IP / NODE / NOMINATED NODE / READINESS GATES columns.
 */
import type { ContainerStatus, Pod } from '../../api/types.js';
import { humanDuration, parseTimestamp } from '../../util/duration.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './common.js';
import type { Cell, RowCondition, TablePrinter } from './types.js';

/** What printPod computes before it becomes cells. */
export interface PodSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  /** finishedAt (ms) of the latest counted restart, undefined for none (Go's zero time). */
  lastRestart?: number;
}

const later = (current: number | undefined, ts: string | undefined): number | undefined => {
  const t = parseTimestamp(ts);
  return t !== undefined && (current === undefined || t > current) ? t : current;
};

const lastFinished = (s: ContainerStatus): string | undefined => s.lastState?.terminated?.finishedAt;

const hasCondition = (pod: Pod, type: string): boolean =>
  (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

/** isPodInitializedConditionTrue: only the first Initialized condition counts. */
const initializedTrue = (pod: Pod): boolean => pod.status?.conditions?.find((c) => c.type === 'Initialized')?.status === 'True';

/** Walks init and regular container statuses as upstream does and derives the pod's row values. */
export function summarizePod(pod: Pod): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  let reason = status.reason || phase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initSpecs = spec?.initContainers ?? [];
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const total = (spec?.containers?.length ?? 0) + initSpecs.filter((c) => c.restartPolicy === 'Always').length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const isSidecar = sidecars.has(c.name);
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, lastFinished(c));
    if (isSidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, lastFinished(c));
    }
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (isSidecar && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      if (term.reason) reason = `Init:${term.reason}`;
      else if (term.signal) reason = `Init:Signal:${term.signal}`;
      else reason = `Init:ExitCode:${term.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedTrue(pod)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, lastFinished(c));
      const term = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp) {
    if (status.reason === 'NodeLost') reason = 'Unknown';
    else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  }
  return { ready, total, reason, restarts, lastRestart };
}

/** RESTARTS cell: `3`, or `3 (5m ago)` when the last restart time is known. */
export function formatRestarts(s: PodSummary, now: number): string {
  if (s.restarts !== 0 && s.lastRestart !== undefined) {
    return `${s.restarts} (${humanDuration(now - s.lastRestart)} ago)`;
  }
  return String(s.restarts);
}

/** The v1→internal conversion makes a set `podIP` authoritative over `podIPs[0]`. */
const podIP = (pod: Pod): string => pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || '<none>';

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${trueCount}/${gates.length}`;
}

/** Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. */
export const podPrinter: TablePrinter<Pod> = {
  columns: [
    nameColumn(),
    column('Ready', 'string', 'Ready containers out of all long-running containers in the pod.'),
    column('Status', 'string', 'Summary of the pod phase and its container states.'),
    column('Restarts', 'string', 'Total container restarts, with how long ago the last one happened.'),
    ageColumn(),
    column('IP', 'string', 'Primary IP address assigned to the pod.', 1),
    column('Node', 'string', 'Node the pod is bound to.', 1),
    column('Nominated Node', 'string', 'Node the scheduler nominated while preempting for this pod.', 1),
    column('Readiness Gates', 'string', 'Readiness gates whose condition is True, out of all gates.', 1),
  ],
  row(pod: Pod, now: number): Cell[] {
    const s = summarizePod(pod);
    return [
      nameOf(pod.metadata),
      `${s.ready}/${s.total}`,
      s.reason,
      formatRestarts(s, now),
      ageOf(pod.metadata, now),
      podIP(pod),
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
  },
  conditions(pod: Pod): RowCondition[] | undefined {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
    if (phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    return undefined;
  },
};
