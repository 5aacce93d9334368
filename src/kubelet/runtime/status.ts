/**
 * Turns a container's persisted records into the CRI-shaped ContainerStatus, with containerd's
 * reasons: `Completed` (exit 0), `Error` (non-zero), and for a process that could not be
 * started at all `StartError` with exit code 128 (Docker's and containerd's choice) and a
 * runc-style message such as
 * `unable to start container process: exec: "foo": executable file not found in $PATH`.
 */
import type { ContainerRecord, ExitRecord, ShimRecord, StartedRecord } from './state.js';
import type { ContainerState, ContainerStatus } from './types.js';

/** containerd's exit code and reason for a container that failed to start. */
export const START_ERROR_EXIT_CODE = 128;
export const START_ERROR_REASON = 'StartError';

/** Everything the runtime knows about one container. */
export interface ContainerEntry {
  rec: ContainerRecord;
  shim?: ShimRecord;
  started?: StartedRecord;
  exit?: ExitRecord;
}

/** Converts a decimal nanosecond string to epoch milliseconds. */
export function nsToMs(ns: string | undefined): number | undefined {
  if (!ns || !/^\d+$/.test(ns)) return undefined;
  return Number(BigInt(ns) / 1_000_000n);
}

/** The status message for a start failure, phrased like runc's. */
export function startErrorMessage(detail: string): string {
  return `unable to start container process: ${detail}`;
}

/** The CRI state: created until the shim reports the process running, exited once recorded. */
export function containerState(e: ContainerEntry): ContainerState {
  if (e.exit) return 'exited';
  if (e.started) return 'running';
  return 'created';
}

/** Builds the ContainerStatus the kubelet sees. */
export function toContainerStatus(e: ContainerEntry): ContainerStatus {
  const { rec } = e;
  const state = containerState(e);
  const status: ContainerStatus = {
    id: rec.id,
    sandboxId: rec.sandboxId,
    podUid: rec.podUid,
    name: rec.config.name,
    attempt: rec.config.attempt,
    image: rec.config.image,
    state,
    createdAt: rec.createdAt,
    logPath: rec.config.logPath,
    labels: { ...rec.config.labels },
    annotations: { ...rec.config.annotations },
  };
  if (e.started && !e.exit?.startError) status.startedAt = nsToMs(e.started.startedAtNs);
  if (state === 'running' && e.started) status.pid = e.started.pid;
  const x = e.exit;
  if (x) {
    status.finishedAt = nsToMs(x.finishedAtNs);
    if (x.startError !== undefined) {
      status.exitCode = START_ERROR_EXIT_CODE;
      status.reason = START_ERROR_REASON;
      status.message = startErrorMessage(x.startError);
    } else {
      status.exitCode = x.exitCode;
      status.reason = x.exitCode === 0 ? 'Completed' : 'Error';
      if (x.signal > 0) status.signal = x.signal;
      if (x.message) status.message = x.message;
    }
  }
  return status;
}
