/**
 * The user-visible text of scheduling failures, as upstream's FitError.Error() builds it:
 * `0/N nodes are available: <PreFilter msg>.` or `0/N nodes are available: <count> <reason>, ...`
 * (each "count reason" string sorted byte-wise), then the PostFilter (preemption) message.
 */
import { compareStrings } from '../api/labels.js';
import type { Status } from './types.js';

/** Why each node was rejected, as the scheduling attempt (or the preemption dry run) saw it. */
export interface Diagnosis {
  numAllNodes: number;
  /** Statuses of the nodes that were evaluated. */
  nodeStatuses: Map<string, Status>;
  /** The status of every node not in `nodeStatuses` (e.g. excluded by a PreFilter), if any. */
  absentStatus?: Status;
  /** Set when a PreFilter rejected the pod outright. */
  preFilterMsg?: string;
  /** The PostFilter (preemption) outcome, appended verbatim. */
  postFilterMsg?: string;
}

/** The error scheduling reports when the cluster has no nodes at all. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
/** PostFilter reason for nodes where evicting pods cannot help. */
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
/** PostFilter reason for nodes with no lower-priority pods. */
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

/** FitError.Error(). */
export function fitErrorMessage(d: Diagnosis): string {
  let msg = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const st of d.nodeStatuses.values()) for (const r of st.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const absent = d.numAllNodes - d.nodeStatuses.size;
    if (d.absentStatus && absent > 0) for (const r of d.absentStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort(compareStrings);
    if (parts.length) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** Upstream's NoteLengthLimit for event messages. */
export const NOTE_LENGTH_LIMIT = 1024;

/** truncateMessage: event messages longer than 1024 bytes end in ` ...`. */
export function truncateMessage(msg: string): string {
  const bytes = Buffer.from(msg, 'utf8');
  if (bytes.length <= NOTE_LENGTH_LIMIT) return msg;
  const suffix = ' ...';
  return bytes.subarray(0, NOTE_LENGTH_LIMIT - suffix.length).toString('utf8') + suffix;
}

/** The `Scheduled` event's message. */
export function scheduledMessage(namespace: string, name: string, node: string): string {
  return `Successfully assigned ${namespace}/${name} to ${node}`;
}
