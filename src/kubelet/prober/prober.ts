/**
 * One probe run (upstream `prober.probe`): up to three attempts while the handler errors, then
 * the event for the outcome and the decided result. Failures and errors are `Failure`; success
 * and warnings are `Success`; only errors are flagged so the worker can ignore them.
 */
import { MAX_PROBE_RETRIES, PROBE_TYPE_NAME, type ProbeRunner, type ProbeTarget, type ProbeType } from './types.js';

/** Records an event about the probed container (Warning, reason, message). */
export type ProbeEventSink = (reason: 'Unhealthy' | 'ProbeWarning', message: string) => void;

/** The decided result of a run; `errored` runs are thrown away by the worker. */
export interface ProbeRunResult {
  result: 'Success' | 'Failure';
  errored: boolean;
}

const SUCCESS: ProbeRunResult = { result: 'Success', errored: false };
const FAILURE: ProbeRunResult = { result: 'Failure', errored: false };
const ERRORED: ProbeRunResult = { result: 'Failure', errored: true };

/** Runs a probe with retries on error and reports `Unhealthy` / `ProbeWarning` events. */
export async function runProbe(
  type: ProbeType,
  runner: ProbeRunner,
  target: ProbeTarget,
  timeoutMs: number,
  report: ProbeEventSink,
): Promise<ProbeRunResult> {
  let o = await runner.run(target, timeoutMs);
  for (let i = 1; i < MAX_PROBE_RETRIES && o.error !== undefined; i++) o = await runner.run(target, timeoutMs);
  const name = PROBE_TYPE_NAME[type];
  if (o.error !== undefined) {
    report('Unhealthy', `${name} probe errored and resulted in ${o.result} state: ${o.error}`);
    return ERRORED;
  }
  switch (o.result) {
    case 'success':
      return SUCCESS;
    case 'warning':
      report('ProbeWarning', `${name} probe warning: ${o.output}`);
      return SUCCESS;
    case 'failure':
      report('Unhealthy', `${name} probe failed: ${o.output}`);
      return FAILURE;
    default:
      return FAILURE;
  }
}
