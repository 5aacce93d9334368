/**
 * The probe worker (upstream `worker.go`): one per (pod UID, container name, probe type). It
 * owns the timer chain, the manual trigger, the threshold counting (`resultRun`) and the on-hold
 * state after a liveness failure or a decided startup probe, and writes decided results to its
 * results cache.
 */
import type { Container, Pod, Probe } from '../../api/types.js';
import { logger } from '../../util/log.js';
import { runProbe, type ProbeEventSink } from './prober.js';
import type { ProbeResult, ResultsCache } from './results.js';
import { newProbeRunner } from './runner.js';
import type { ExecRuntime } from './exec.js';
import { PROBE_DEFAULTS, type ProbeRunner, type ProbeType } from './types.js';

/** What the kubelet knows about one container instance. */
export interface ContainerFacts {
  id: string;
  /** When the container started (epoch ms). */
  startedAt: number;
  running: boolean;
}

/** What the kubelet knows about a pod's containers, keyed by container name. */
export interface PodFacts {
  podIP?: string;
  containers: Map<string, ContainerFacts>;
}

/** The services a worker uses from its manager. */
export interface WorkerHost {
  readonly runtime: ExecRuntime;
  now(): number;
  facts(podUid: string): PodFacts | undefined;
  results(type: ProbeType): ResultsCache;
  /** Upstream `Started`: the startup result is Success, or there is no startup worker. */
  started(podUid: string, containerName: string, containerId: string): boolean;
  event(pod: Pod, reason: string, message: string, fieldPath: string): void;
  /** Delay before a new worker's first probe (the post-restart jitter). */
  firstDelay(periodMs: number): number;
  /** Called once by a worker that has stopped, so the manager forgets it. */
  exited(worker: ProbeWorker): void;
  /** Called after every probe run (upstream's `prober_probe_total` metric). */
  probed(worker: ProbeWorker, result: ProbeRunOutcome, durationMs: number): void;
}

/** How one probe run ended, with upstream's metric label values. */
export type ProbeRunOutcome = 'successful' | 'failed' | 'unknown';

/** Upstream `initialValue`: what a new container's cached result starts as. */
export const INITIAL_RESULT: Record<ProbeType, ProbeResult> = {
  readiness: 'Failure',
  liveness: 'Success',
  startup: 'Unknown',
};

/** Periodically probes one container for one probe type. */
export class ProbeWorker {
  /** The pod as last given to `addPod` (its deletionTimestamp silences liveness/startup). */
  pod: Pod;
  readonly podUid: string;
  /** The last container ID seen ('' until the container exists). */
  containerId = '';
  /** Skip probing until a new container ID appears (after a liveness/startup failure). */
  onHold = false;

  private readonly runner: ProbeRunner;
  private readonly cache: ResultsCache;
  private readonly periodMs: number;
  private readonly timeoutMs: number;
  private readonly initialDelaySeconds: number;
  private readonly successThreshold: number;
  private readonly failureThreshold: number;
  private readonly report: ProbeEventSink;
  private lastResult: ProbeResult | undefined;
  private resultRun = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private triggered = false;
  private stopped = false;

  constructor(
    private readonly host: WorkerHost,
    readonly type: ProbeType,
    pod: Pod,
    readonly container: Container,
    spec: Probe,
    readonly fieldPath: string,
  ) {
    this.pod = pod;
    this.podUid = pod.metadata?.uid ?? '';
    this.runner = newProbeRunner(spec, pod, container, host.runtime);
    this.cache = host.results(type);
    this.periodMs = (spec.periodSeconds || PROBE_DEFAULTS.periodSeconds) * 1000;
    this.timeoutMs = (spec.timeoutSeconds || PROBE_DEFAULTS.timeoutSeconds) * 1000;
    this.initialDelaySeconds = spec.initialDelaySeconds ?? 0;
    this.successThreshold = spec.successThreshold || PROBE_DEFAULTS.successThreshold;
    this.failureThreshold = spec.failureThreshold || PROBE_DEFAULTS.failureThreshold;
    this.report = (reason, message) => this.host.event(this.pod, reason, message, this.fieldPath);
  }

  /** Starts the probe loop (after the post-restart jitter, if any). */
  start(): void {
    this.schedule(this.host.firstDelay(this.periodMs));
  }

  /** Probes as soon as possible (upstream's manual trigger); the period restarts afterwards. */
  trigger(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.triggered = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  /** Stops the worker: no more probes, its cached result is removed. Safe to call twice. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.containerId) this.cache.remove(this.containerId);
    this.host.exited(this);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.stopped) return;
    const began = this.host.now();
    this.inFlight = true;
    let keepGoing = true;
    try {
      keepGoing = await this.doProbe();
    } catch (err) {
      // Upstream eats panics in doProbe and keeps going.
      logger('prober').error({ err, pod: this.podUid, container: this.container.name, probe: this.type }, 'probe crashed');
    }
    this.inFlight = false;
    if (this.stopped) return;
    if (!keepGoing) {
      this.stop();
      return;
    }
    const delay = this.triggered ? 0 : Math.max(0, this.periodMs - (this.host.now() - began));
    this.triggered = false;
    this.schedule(delay);
  }

  /** Probes the container once and records the result; returns whether to keep going. */
  async doProbe(): Promise<boolean> {
    const facts = this.host.facts(this.podUid);
    if (!facts) return true; // the pod is not known yet, or already gone
    const c = facts.containers.get(this.container.name);
    if (!c || !c.id) return true; // wait for the container to be created

    const name = this.container.name;
    if (c.id !== this.containerId) {
      if (this.containerId) this.cache.remove(this.containerId);
      this.containerId = c.id;
      this.cache.set(c.id, INITIAL_RESULT[this.type], this.podUid, name);
      this.onHold = false; // a new container: resume probing
    }
    if (this.onHold) return true;

    if (!c.running) {
      this.cache.set(c.id, 'Failure', this.podUid, name);
      return true;
    }
    if (this.pod.metadata?.deletionTimestamp && this.type !== 'readiness') {
      // Graceful shutdown: a last Success keeps the kubelet from restarting the container.
      this.cache.set(c.id, 'Success', this.podUid, name);
      return false;
    }
    if (Math.trunc((this.host.now() - c.startedAt) / 1000) < this.initialDelaySeconds) return true;

    const started = this.host.started(this.podUid, name, c.id);
    // The startup probe stops once the container has started; the others wait for it.
    if (started ? this.type === 'startup' : this.type !== 'startup') return true;
    if (this.runner.needsPodIP && !facts.podIP) return true;

    const id = c.id;
    const began = this.host.now();
    const run = await runProbe(this.type, this.runner, { containerId: id, podIP: facts.podIP }, this.timeoutMs, this.report);
    if (this.stopped) return false;
    this.host.probed(this, run.errored ? 'unknown' : run.result === 'Success' ? 'successful' : 'failed', this.host.now() - began);
    if (run.errored) return true; // prober error: throw the result away

    const result = run.result;
    if (this.lastResult === result) {
      this.resultRun++;
    } else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    if (
      (result === 'Failure' && this.resultRun < this.failureThreshold) ||
      (result === 'Success' && this.resultRun < this.successThreshold)
    ) {
      return true; // below threshold: leave the cached state unchanged
    }
    this.cache.set(id, result, this.podUid, name);
    if ((this.type === 'liveness' && result === 'Failure') || this.type === 'startup') {
      // A liveness failure means a restart; a startup probe is decided either way. Stop probing
      // until a new container ID shows up (upstream #21751, #117153).
      this.onHold = true;
      this.resultRun = 0;
    }
    return true;
  }
}
