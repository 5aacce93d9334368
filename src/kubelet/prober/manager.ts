/**
 * The probe manager (upstream `prober_manager.go`): starts one worker per declared probe of a
 * pod's containers (and restartable init containers), keeps them in a keyed map, owns the three
 * results caches, and answers the kubelet's `started` / `ready` questions by upstream's
 * `UpdatePodStatus` rules.
 */
import type { Container, Pod } from '../../api/types.js';
import { ResultsCache } from './results.js';
import type { ExecRuntime } from './exec.js';
import type { ProbeType } from './types.js';
import { ProbeWorker, type PodFacts, type ProbeRunOutcome, type WorkerHost } from './worker.js';

export type { ContainerFacts, PodFacts } from './worker.js';

/** What the kubelet core gives the probe manager. */
export interface ProbeManagerOptions {
  runtime: ExecRuntime;
  /** Records a Kubernetes event about the pod (type, reason, message, fieldPath like `spec.containers{web}`). */
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  /** Current facts about a pod's containers, as the kubelet knows them. */
  containers(podUid: string): PodFacts | undefined;
  /** Clock in epoch ms (tests). */
  now?: () => number;
  /** Source of the post-restart jitter in [0, 1) (tests). */
  random?: () => number;
  /** Observes every probe run, for metrics (`prober_probe_total`) and tests. */
  onProbe?(run: ProbeRun): void;
}

/** One finished probe run, labelled like upstream's `prober_probe_total` metric. */
export interface ProbeRun {
  podUid: string;
  containerName: string;
  type: ProbeType;
  result: ProbeRunOutcome;
  durationMs: number;
}

const PROBE_TYPES: readonly ProbeType[] = ['startup', 'readiness', 'liveness'];
const SPEC_FIELD = { startup: 'startupProbe', readiness: 'readinessProbe', liveness: 'livenessProbe' } as const;

/** Manages the probe workers of all pods on the node and their results. */
export class ProbeManager {
  /** Readiness results by container ID (a new container starts at Failure). */
  readonly readiness = new ResultsCache();
  /** Liveness results by container ID (a new container starts at Success). */
  readonly liveness = new ResultsCache();
  /** Startup results by container ID (a new container starts at Unknown). */
  readonly startup = new ResultsCache();

  /** Workers by pod UID, then by `<probe type>/<container name>`. */
  private readonly pods = new Map<string, Map<string, ProbeWorker>>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly startedAt: number;
  private readonly host: WorkerHost;

  constructor(private readonly opts: ProbeManagerOptions) {
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.startedAt = this.now();
    const caches = { readiness: this.readiness, liveness: this.liveness, startup: this.startup };
    this.host = {
      runtime: opts.runtime,
      now: () => this.now(),
      facts: (uid) => this.opts.containers(uid),
      results: (type) => caches[type],
      started: (uid, name, id) => this.startedByProbe(uid, name, id),
      event: (pod, reason, message, fieldPath) => this.opts.event(pod, 'Warning', reason, message, fieldPath),
      // After a (kubelet) restart, spread the first probes over one period.
      firstDelay: (periodMs) => (periodMs > this.now() - this.startedAt ? Math.floor(this.random() * periodMs) : 0),
      exited: (w) => this.forget(w),
      probed: (w, result, durationMs) =>
        this.opts.onProbe?.({ podUid: w.podUid, containerName: w.container.name, type: w.type, result, durationMs }),
    };
  }

  /**
   * Starts a worker for every declared probe of the pod's containers and restartable init
   * containers that has none yet. Calling it again is cheap; it refreshes the pod the workers
   * see (so a deletionTimestamp quiets liveness and startup probes: they record a last Success
   * and exit).
   */
  addPod(pod: Pod): void {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    let workers = this.pods.get(uid);
    const deleting = !!pod.metadata?.deletionTimestamp;
    const visit = (c: Container, fieldPath: string): void => {
      for (const type of PROBE_TYPES) {
        const spec = c[SPEC_FIELD[type]];
        if (!spec) continue;
        const key = `${type}/${c.name}`;
        const existing = workers?.get(key);
        if (existing) {
          existing.pod = pod;
          continue;
        }
        // A terminating pod gets no new liveness/startup workers (they would only exit again).
        if (deleting && type !== 'readiness') continue;
        if (!workers) {
          workers = new Map();
          this.pods.set(uid, workers);
        }
        const w = new ProbeWorker(this.host, type, pod, c, spec, fieldPath);
        workers.set(key, w);
        w.start();
      }
    };
    for (const c of pod.spec?.containers ?? []) visit(c, `spec.containers{${c.name}}`);
    for (const c of pod.spec?.initContainers ?? []) {
      if (c.restartPolicy === 'Always') visit(c, `spec.initContainers{${c.name}}`);
    }
  }

  /** Stops every worker of the pod and drops their cached results. */
  removePod(podUid: string): void {
    const workers = this.pods.get(podUid);
    if (!workers) return;
    for (const w of [...workers.values()]) w.stop();
  }

  /** Stops the pod's liveness and startup workers (the pod is terminating). */
  stopLivenessAndStartup(podUid: string): void {
    const workers = this.pods.get(podUid);
    if (!workers) return;
    for (const w of [...workers.values()]) if (w.type !== 'readiness') w.stop();
  }

  /** Stops the workers of every pod not in `keep` (upstream `CleanupPods`). */
  cleanupPods(keep: ReadonlySet<string>): void {
    for (const uid of [...this.pods.keys()]) if (!keep.has(uid)) this.removePod(uid);
  }

  /**
   * Upstream `UpdatePodStatus` for `started`: a container that is not running has not started;
   * otherwise the startup probe's cached result decides, and no startup probe means started.
   */
  isStarted(podUid: string, containerName: string, containerId: string): boolean {
    if (!this.isRunning(podUid, containerName, containerId)) return false;
    return this.startedByProbe(podUid, containerName, containerId);
  }

  /**
   * Upstream `UpdatePodStatus` for `ready`: only a started container can be ready; the readiness
   * probe's cached Success decides, and no readiness probe means ready. While not ready, the
   * readiness worker is poked to probe now.
   */
  isReady(podUid: string, containerName: string, containerId: string): boolean {
    if (!this.isStarted(podUid, containerName, containerId)) return false;
    if (this.readiness.get(containerId) === 'Success') return true;
    const w = this.pods.get(podUid)?.get(`readiness/${containerName}`);
    if (!w) return true;
    w.trigger();
    return false;
  }

  /** Probes now: every worker of the pod, or only those of one container. */
  trigger(podUid: string, containerName?: string): void {
    const workers = this.pods.get(podUid);
    if (!workers) return;
    for (const w of workers.values()) if (containerName === undefined || w.container.name === containerName) w.trigger();
  }

  /** Stops all workers. */
  stop(): void {
    for (const uid of [...this.pods.keys()]) this.removePod(uid);
  }

  /** Number of running workers (for tests and metrics). */
  workerCount(): number {
    let n = 0;
    for (const m of this.pods.values()) n += m.size;
    return n;
  }

  private isRunning(podUid: string, containerName: string, containerId: string): boolean {
    const c = this.opts.containers(podUid)?.containers.get(containerName);
    // Without facts, trust the caller that the container it names is the running one.
    return c === undefined || (c.id === containerId && c.running);
  }

  private startedByProbe(podUid: string, containerName: string, containerId: string): boolean {
    const r = this.startup.get(containerId);
    if (r !== undefined) return r === 'Success';
    return !this.pods.get(podUid)?.has(`startup/${containerName}`);
  }

  private forget(w: ProbeWorker): void {
    const workers = this.pods.get(w.podUid);
    const key = `${w.type}/${w.container.name}`;
    if (workers?.get(key) !== w) return;
    workers.delete(key);
    if (workers.size === 0) this.pods.delete(w.podUid);
  }
}
