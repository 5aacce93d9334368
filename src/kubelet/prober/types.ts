/**
 * Shared vocabulary of the prober: probe kinds, the outcome of one probe attempt, and the small
 * runner interface each handler (exec, tcp, http, grpc) implements. Modelled on upstream's
 * `pkg/probe` results and the `probeRunner` of the kubelet's `*_runner.go` refactor.
 */

/** Which of a container's three probes a worker runs. */
export type ProbeType = 'liveness' | 'readiness' | 'startup';

/** Upstream `probeType.String()`: the word that starts every probe event message. */
export const PROBE_TYPE_NAME: Record<ProbeType, string> = {
  liveness: 'Liveness',
  readiness: 'Readiness',
  startup: 'Startup',
};

/**
 * The raw result of one attempt (`pkg/probe.Result`): `warning` is a success that deserves an
 * event (an HTTP redirect to another host); `unknown` is what an error comes with.
 */
export type AttemptResult = 'success' | 'warning' | 'failure' | 'unknown';

/** One probe attempt: its result, the output shown in events, and an error when it errored. */
export interface ProbeOutcome {
  result: AttemptResult;
  /** Failure output (`HTTP probe failed with statuscode: 404`, exec stdout+stderr, ...). */
  output: string;
  /** Set when the attempt errored rather than failed; it is retried and not counted. */
  error?: string;
}

/** What a runner needs to know about the probe target at the time of an attempt. */
export interface ProbeTarget {
  containerId: string;
  /** The pod's IP, used when the handler has no explicit host. */
  podIP: string | undefined;
}

/**
 * A prepared probe handler (upstream `probeRunner`). Runners cache what they can build once
 * (the HTTP request, the resolved port) and rebuild only when the pod IP changes.
 */
export interface ProbeRunner {
  /** True when the runner cannot probe without a pod IP (tcp/http without host, grpc). */
  readonly needsPodIP: boolean;
  /** Runs one attempt; never rejects (errors come back as `{ result: 'unknown', error }`). */
  run(target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome>;
}

/** `kube-probe/<major>.<minor>`, the User-Agent upstream's HTTP and gRPC probes send. */
export const PROBE_USER_AGENT = 'kube-probe/1.32';

/** Upstream reads at most 10 KiB of an exec probe's output or an HTTP probe's body. */
export const MAX_PROBE_OUTPUT = 10 * 1024;

/** Upstream `maxProbeRetries`: attempts per run when a probe errors. */
export const MAX_PROBE_RETRIES = 3;

/** API defaults for probe fields (applied again here so hand-built pods behave). */
export const PROBE_DEFAULTS = {
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
} as const;

/** Shorthand constructors for outcomes. */
export const outcome = {
  success: (output = ''): ProbeOutcome => ({ result: 'success', output }),
  warning: (output: string): ProbeOutcome => ({ result: 'warning', output }),
  failure: (output: string): ProbeOutcome => ({ result: 'failure', output }),
  error: (error: string, result: AttemptResult = 'unknown'): ProbeOutcome => ({ result, output: '', error }),
};
