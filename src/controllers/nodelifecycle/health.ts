/**
 * Pure node-health decisions of the node lifecycle controller (upstream tryUpdateNodeHealth,
 * ComputeZoneState, doNoScheduleTaintingPass, GetZoneKey): when a node counts as silent, how its
 * conditions turn Unknown, which NoSchedule taints its conditions imply, and zone states.
 */
import { rfc3339 } from '../../api/meta.js';
import type { Lease, Node, NodeCondition, Taint } from '../../api/types.js';
import { timeOf } from './podutil.js';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  taintSetDiff,
} from './taints.js';

/** What the controller remembers of a node between passes (nodeHealthData). */
export interface NodeHealth {
  /** Local time (ms) the controller last saw a sign of life: a new heartbeat or a renewed Lease. */
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  /** The Ready condition as last observed. */
  ready?: NodeCondition;
  /** renewTime of the last Lease observed. */
  leaseRenewTime?: string;
}

/** The outcome of one health check of a node. */
export interface HealthResult {
  health: NodeHealth;
  /** The Ready condition as read from the node (a fake Unknown one when it has none). */
  observedReady: NodeCondition;
  /** The Ready condition after this check, if the node has one. */
  currentReady?: NodeCondition;
  /** The node's new status conditions, when they must be written (the node went silent). */
  newConditions?: NodeCondition[];
  /** The health to remember once `newConditions` are written. */
  healthAfterWrite?: NodeHealth;
}

/** The grace periods a health check applies. */
export interface HealthTimings {
  gracePeriodMs: number;
  startupGracePeriodMs: number;
}

/** The condition types the controller turns Unknown when a node falls silent (not NetworkUnavailable). */
export const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** Upstream's reason and message for conditions of a node that fell silent. */
export const NODE_STATUS_UNKNOWN = { reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
/** Upstream's reason and message for conditions a node never reported. */
export const NODE_STATUS_NEVER_UPDATED = { reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' };

const readyOf = (node: Node): NodeCondition | undefined => node.status?.conditions?.find((c) => c.type === 'Ready');

/**
 * tryUpdateNodeHealth without the write: updates the remembered health from the node and its
 * Lease, and when neither changed for longer than the grace period (the startup grace period
 * for a node that never reported Ready), returns the conditions with Ready, MemoryPressure,
 * DiskPressure and PIDPressure turned Unknown.
 */
export function evaluateNodeHealth(node: Node, lease: Lease | undefined, saved: NodeHealth | undefined, now: number, t: HealthTimings): HealthResult {
  const created = timeOf(node.metadata?.creationTimestamp) ?? now;
  const current = readyOf(node);
  let observedReady: NodeCondition;
  let grace: number;
  let health: NodeHealth | undefined = saved ? { ...saved } : undefined;
  if (!current) {
    const ts = node.metadata?.creationTimestamp ?? rfc3339(created);
    observedReady = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: ts, lastTransitionTime: ts };
    grace = t.startupGracePeriodMs;
    if (health) health.ready = undefined;
    else health = { probeTimestamp: created, readyTransitionTimestamp: created };
  } else {
    observedReady = { ...current };
    grace = t.gracePeriodMs;
  }
  const savedReady = saved?.ready;
  if (!health) {
    health = { probeTimestamp: now, readyTransitionTimestamp: now, ready: current };
  } else if (!savedReady && current) {
    health = { probeTimestamp: now, readyTransitionTimestamp: now, ready: current, leaseRenewTime: health.leaseRenewTime };
  } else if (savedReady && current && savedReady.lastHeartbeatTime !== current.lastHeartbeatTime) {
    const transition = savedReady.lastTransitionTime !== current.lastTransitionTime ? now : health.readyTransitionTimestamp;
    health = { probeTimestamp: now, readyTransitionTimestamp: transition, ready: current, leaseRenewTime: health.leaseRenewTime };
  }
  // A renewed Lease is a sign of life, as good as a new heartbeat.
  const renew = lease?.spec?.renewTime;
  if (renew && (!health.leaseRenewTime || (timeOf(health.leaseRenewTime) ?? 0) < (timeOf(renew) ?? 0))) {
    health = { ...health, leaseRenewTime: renew, probeTimestamp: now };
  }
  const result: HealthResult = { health, observedReady, currentReady: current };
  if (now <= health.probeTimestamp + grace) return result;

  const ts = rfc3339(now);
  const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }));
  for (const type of MONITORED_CONDITIONS) {
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: NODE_STATUS_NEVER_UPDATED.reason,
        message: NODE_STATUS_NEVER_UPDATED.message,
        lastHeartbeatTime: node.metadata?.creationTimestamp ?? ts,
        lastTransitionTime: ts,
      });
    } else if (c.status !== 'Unknown') {
      c.status = 'Unknown';
      c.reason = NODE_STATUS_UNKNOWN.reason;
      c.message = NODE_STATUS_UNKNOWN.message;
      c.lastTransitionTime = ts;
    }
  }
  const nowReady = conditions.find((c) => c.type === 'Ready');
  result.currentReady = nowReady;
  if (JSON.stringify(nowReady) !== JSON.stringify(observedReady)) {
    result.newConditions = conditions;
    result.healthAfterWrite = { ...health, ready: nowReady, readyTransitionTimestamp: now };
  }
  return result;
}

/** A zone's state (ZoneState). */
export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

/**
 * ComputeZoneState: FullDisruption when no node is Ready, PartialDisruption when more than two
 * are not and their share reaches `unhealthyThreshold`, Normal otherwise; with the count of
 * not-ready nodes.
 */
export function computeZoneState(readyConditions: readonly (NodeCondition | undefined)[], unhealthyThreshold: number): { unhealthy: number; state: ZoneState } {
  let ready = 0;
  let notReady = 0;
  for (const c of readyConditions) {
    if (c?.status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return { unhealthy: notReady, state: 'FullDisruption' };
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyThreshold) return { unhealthy: notReady, state: 'PartialDisruption' };
  return { unhealthy: notReady, state: 'Normal' };
}

/** GetZoneKey: region and zone labels (stable, then beta), or '' for a node with neither. */
export function zoneKey(node: Node): string {
  const l = node.metadata?.labels ?? {};
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  if (!zone && !region) return '';
  return `${region}:\x00:${zone}`;
}

/** Condition type → status → taint key (nodeConditionToTaintKeyStatusMap). */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};
const CONDITION_TAINT_KEYS = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_MEMORY_PRESSURE, TAINT_DISK_PRESSURE, TAINT_NETWORK_UNAVAILABLE, TAINT_PID_PRESSURE]);

/**
 * doNoScheduleTaintingPass: the NoSchedule taints the node's conditions and `spec.unschedulable`
 * call for, against the condition/unschedulable NoSchedule taints it carries.
 */
export function noScheduleTaintChanges(node: Node): { add: Taint[]; remove: Taint[] } {
  const want: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) want.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) want.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  const have = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
  return taintSetDiff(want, have);
}

/** reconcileNodeLabels: beta os/arch labels made to follow the stable ones. */
export function labelsToReconcile(node: Node): Record<string, string> {
  const labels = node.metadata?.labels;
  const out: Record<string, string> = {};
  if (!labels) return out;
  for (const [primary, secondary] of [
    ['kubernetes.io/os', 'beta.kubernetes.io/os'],
    ['kubernetes.io/arch', 'beta.kubernetes.io/arch'],
  ] as const) {
    const p = labels[primary];
    if (p === undefined) continue;
    if (labels[secondary] !== p) out[secondary] = p;
  }
  return out;
}
