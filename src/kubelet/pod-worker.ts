/**
 * One worker per pod: it reconciles the pod's desired state (the API object) with what runs
 * (the runtime's sandbox and container instances), one sync at a time, as the kubelet's pod
 * workers, syncPod and kuberuntime's computePodActions/SyncPod do: the status of what runs is
 * written first (containers Waiting ContainerCreating / PodInitializing before anything starts),
 * then the sandbox, init containers in order (sidecars kept running), containers with their
 * restart policy and back-off, liveness/startup kills, postStart and preStop hooks, sidecars
 * stopped once the main containers are done, graceful termination in upstream's order, and the
 * pod status written back through `pods/status` as a two-way patch.
 */
import { isApiError } from '../api/errors.js';
import { deepEqual, rfc3339 } from '../api/meta.js';
import { podQOSClass } from '../api/qos.js';
import type { Container, ContainerStatus as ApiContainerStatus, Pod, PodStatus } from '../api/types.js';
import type { Client } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import { R } from '../client/resources.js';
import type { Logger } from '../util/log.js';
import type { Semaphore } from '../util/semaphore.js';
import { backOffEventMessage, backoffKey, crashLoopBackOffMessage, type RestartBackoff } from './backoff.js';
import { podConditions } from './conditions.js';
import { containerStatus, type Waiting } from './container-status.js';
import { EnvConfigError, expandCommandAndArgs } from './envvars.js';
import { runHook } from './lifecycle.js';
import { isRestartableInitContainer, isTerminalPhase, podPhase } from './pod-phase.js';
import type { ProbeManager } from './prober/index.js';
import {
  LABEL_CONTAINER_NAME,
  LABEL_POD_NAME,
  LABEL_POD_NAMESPACE,
  LABEL_POD_UID,
  type ContainerStatus as RtStatus,
  type PodSandboxStatus,
  type RuntimeService,
} from './runtime/types.js';
import { changesPhaseOrReady, podStatusPatch } from './status-patch.js';
import { StatusQueue } from './status-queue.js';
import { TerminationOrdering } from './termination-order.js';
import { join } from 'node:path';

/** The kubelet's minimum shutdown window for a container (upstream minimumGracePeriodInSeconds). */
const MIN_GRACE_SECONDS = 2;

/** Upstream's pod worker back-off after a failed sync (`backOffPeriod`), jittered by up to half. */
export const SYNC_ERROR_BACKOFF_MS = 10_000;

/**
 * A just-started container is reported ready only once it has run this long. Upstream's kubelet
 * learns of a start from its next relist (up to a second later), so a container that dies at
 * once is never reported ready; skiff reports starts at once, and this keeps a crashing
 * container from flashing Ready (which a Deployment would count as available).
 */
export const READY_SETTLE_MS = 100;

export interface PodWorkerDeps {
  runtime: RuntimeService;
  prober: ProbeManager;
  recorder: EventRecorder;
  client: Client;
  backoff: RestartBackoff;
  hostIP: string;
  /** Where container logs go: `<logRoot>/<ns>_<name>_<uid>/<container>/<attempt>.log`. */
  logRoot: string;
  /** The container's environment; throws EnvConfigError for a missing ConfigMap/Secret. */
  environment(pod: Pod, container: Container, podIP: string): Promise<[string, string][]>;
  /** Facts the prober reads, updated after every sync. */
  publish(uid: string, podIP: string | undefined, containers: RtStatus[]): void;
  log: Logger;
  /** The back-off after a failed sync, e.g. no pod sandbox (default SYNC_ERROR_BACKOFF_MS, jittered). */
  syncErrorBackoffMs?: number;
  /**
   * Status writes of all pods share these permits, in order (upstream's one status manager):
   * while a pod waits for one, a newer status of it replaces one not yet sent.
   */
  statusWrites?: Semaphore;
}

type ContainerKind = 'init' | 'regular';

/**
 * Upstream `calculateEffectiveGracePeriod` for a pod being killed: the deletion's grace period,
 * or when that is 0 or unset (a force deletion) the pod's terminationGracePeriodSeconds; at least 1.
 */
export function effectiveGracePeriod(pod: Pod | undefined): number {
  let grace = pod?.metadata?.deletionGracePeriodSeconds ?? 0;
  if (grace === 0) grace = pod?.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(1, grace);
}

/** What one container kill needs besides the container. */
interface KillOptions {
  /** The Killing event's message (default `Stopping container <name>`). */
  message?: string;
  /** Why it is killed: a probe's terminationGracePeriodSeconds applies to its own kills. */
  reason?: 'liveness' | 'startup';
  /** The grace period to use instead of the pod's (pod deletion). */
  graceOverride?: number;
  ordering?: TerminationOrdering;
}

export class PodWorker {
  private pod?: Pod;
  /** The last API object seen (kept after the pod is gone: its grace period and hooks still apply). */
  private lastPod?: Pod;
  /** The pod as the API server returned it to our last status patch. */
  private serverPod?: Pod;
  private sandbox?: PodSandboxStatus;
  private waiting = new Map<string, Waiting>();
  private starting = new Set<string>();
  private running?: Promise<void>;
  private again = false;
  private retryTimer?: NodeJS.Timeout;
  private retryAt = 0;
  /** The status last computed and handed to the writer. */
  private lastStatus?: PodStatus;
  private readonly statuses: StatusQueue<{ pod: Pod; status: PodStatus }>;
  private statusDirty = false;
  private startTime?: string;
  private terminating?: { deadline: number; shortened: AbortController };
  private done = false;
  /** Resolves when the worker has finished for good (pod gone and cleaned up). */
  readonly finished: Promise<void>;
  private finish!: () => void;

  constructor(
    readonly uid: string,
    private d: PodWorkerDeps,
  ) {
    this.finished = new Promise((r) => (this.finish = r));
    // A status superseded before it was sent is dropped unless it shows a container terminated;
    // one that moves the pod's phase or Ready condition goes before writes that do not.
    this.statuses = new StatusQueue(
      (q) => this.sendOne(q),
      (q) => showsTermination(q.status),
      d.statusWrites,
      (q) => changesPhaseOrReady(this.serverStatus(this.pod ?? q.pod), q.status),
    );
  }

  get isDone(): boolean {
    return this.done;
  }

  /** A new version of the API object (undefined: it is gone from the API). */
  update(pod: Pod | undefined): void {
    if (pod && !this.pod) this.d.prober.addPod(pod);
    this.pod = pod;
    if (pod) {
      this.lastPod = pod;
      if (pod.metadata?.deletionTimestamp) this.shortenTermination(pod);
      // The echo of this worker's own status write changes nothing a sync looks at.
      if (this.serverPod && pod.metadata?.resourceVersion === this.serverPod.metadata?.resourceVersion) return;
    }
    this.kick();
  }

  /** Asks for a sync; syncs never overlap, and one asked for during a sync runs right after it. */
  kick(): void {
    if (this.done) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.sync();
      } catch (err) {
        this.d.log.warn({ pod: this.name(), err: (err as Error).message }, 'pod sync failed');
        this.retryIn(1000);
      }
    } while (this.again && !this.done);
    this.running = undefined;
  }

  private retryIn(ms: number): void {
    const at = Date.now() + ms;
    if (this.retryTimer && this.retryAt <= at) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryAt = at;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, ms);
    this.retryTimer.unref();
  }

  /** Upstream's requeue after a failed sync: the back-off period plus up to half of it. */
  private retryAfterError(): void {
    const base = this.d.syncErrorBackoffMs ?? SYNC_ERROR_BACKOFF_MS;
    this.retryIn(Math.round(base * (1 + Math.random() * 0.5)));
  }

  private name(): string {
    const m = (this.pod ?? this.lastPod)?.metadata;
    return m ? `${m.namespace}/${m.name}` : this.uid;
  }

  private podRef(): { name: string; namespace: string; uid: string } {
    const m = this.pod?.metadata ?? {};
    return { name: m.name ?? '', namespace: m.namespace ?? '', uid: this.uid };
  }

  private fieldPath(name: string, kind: ContainerKind): string {
    return kind === 'init' ? `spec.initContainers{${name}}` : `spec.containers{${name}}`;
  }

  /** A container's spec and kind by name. */
  private specOf(pod: Pod | undefined, name: string): { spec?: Container; kind: ContainerKind } {
    const init = pod?.spec?.initContainers?.find((c) => c.name === name);
    if (init) return { spec: init, kind: 'init' };
    return { spec: pod?.spec?.containers?.find((c) => c.name === name), kind: 'regular' };
  }

  // ---- the sync ----------------------------------------------------------------------------

  private async sync(): Promise<void> {
    const pod = this.pod;
    let containers = await this.d.runtime.listContainers({ podUid: this.uid });
    await this.adoptSandbox();
    if (!pod) {
      await this.teardown(containers);
      return;
    }
    if (pod.metadata?.deletionTimestamp) {
      await this.terminate(pod, containers);
      return;
    }
    // Upstream syncPod: the status of what runs now is written before anything is started, so
    // a new pod shows its containers Waiting (ContainerCreating / PodInitializing) and an exited
    // container shows Completed or Error before its restart.
    this.writeStatus(pod, containers, false);
    if (!isTerminalPhase(this.lastStatus?.phase ?? pod.status?.phase)) {
      if (!(await this.ensureSandbox(pod))) return;
      const init = await this.syncInitContainers(pod, containers);
      if (init === 'done') await this.syncContainers(pod, containers);
      containers = await this.d.runtime.listContainers({ podUid: this.uid });
    }
    this.d.publish(this.uid, this.sandbox?.ip, containers);
    this.writeStatus(pod, containers, false);
  }

  /** Takes over the pod's ready sandbox if the runtime has one (after an agent restart). */
  private async adoptSandbox(): Promise<void> {
    this.sandbox ??= (await this.d.runtime.listPodSandboxes()).find((s) => s.podUid === this.uid && s.state === 'ready');
  }

  /** The pod sandbox, created if need be; false (with a FailedCreatePodSandBox event and a retry) when that fails. */
  private async ensureSandbox(pod: Pod): Promise<boolean> {
    if (this.sandbox) return true;
    const m = pod.metadata!;
    try {
      this.sandbox = await this.d.runtime.runPodSandbox({
        podUid: this.uid,
        name: m.name!,
        namespace: m.namespace!,
        hostname: pod.spec?.hostname || m.name!,
        logDirectory: this.logDir(),
        labels: { [LABEL_POD_UID]: this.uid, [LABEL_POD_NAME]: m.name!, [LABEL_POD_NAMESPACE]: m.namespace! },
        annotations: {},
      });
      return true;
    } catch (err) {
      const message = (err as Error).message;
      this.d.log.warn({ pod: this.name(), err: message }, 'could not create the pod sandbox');
      this.d.recorder.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${message}`);
      this.retryAfterError();
      return false;
    }
  }

  private logDir(): string {
    const m = (this.pod ?? this.lastPod)?.metadata ?? {};
    return join(this.d.logRoot, `${m.namespace}_${m.name}_${this.uid}`);
  }

  /** A container's instances, newest first. */
  private instances(containers: RtStatus[], name: string): RtStatus[] {
    return containers.filter((c) => c.name === name).sort((a, b) => b.attempt - a.attempt || b.createdAt - a.createdAt);
  }

  /**
   * Upstream `computeInitContainerActions` and SyncPod's init step: walks the init containers
   * from the last one that has run, starts the next one, keeps sidecars running (restarting,
   * and killing on failed startup or liveness probes); 'done' once the pod is initialized,
   * 'failed' when a failed init container will not be restarted (restartPolicy Never).
   */
  private async syncInitContainers(pod: Pod, containers: RtStatus[]): Promise<'done' | 'pending' | 'failed'> {
    const inits = pod.spec?.initContainers ?? [];
    if (!inits.length) return 'done';
    const latestOf = (name: string) => this.instances(containers, name)[0];
    // A regular container created or running means every init container completed once.
    let initialized = (pod.spec?.containers ?? []).some((c) => ['created', 'running'].includes(latestOf(c.name)?.state ?? ''));
    let previouslyInitialized = initialized;
    const restartOnFailure = (pod.spec?.restartPolicy ?? 'Always') !== 'Never';
    const toStart: number[] = [];
    const toKill: { c: RtStatus; spec: Container; message: string; reason: 'liveness' | 'startup' }[] = [];
    for (let i = inits.length - 1; i >= 0; i--) {
      const spec = inits[i]!;
      const sidecar = isRestartableInitContainer(spec);
      const latest = latestOf(spec.name);
      if (!latest) {
        if (previouslyInitialized && sidecar) toStart.push(i);
        continue;
      }
      if (previouslyInitialized && !sidecar) continue;
      if (latest.state === 'created' || latest.state === 'unknown') {
        toStart.push(i);
      } else if (latest.state === 'running') {
        if (sidecar && !this.starting.has(spec.name)) {
          let ok = true;
          if (spec.startupProbe) {
            const startup = this.d.prober.startup.get(latest.id);
            if (startup !== 'Success') {
              if (startup === 'Failure') {
                toKill.push({ c: latest, spec, message: `Init container ${spec.name} failed startup probe`, reason: 'startup' });
                toStart.push(i);
              }
              ok = false;
            }
          }
          if (ok) {
            if (i === inits.length - 1) initialized = true;
            else if (!previouslyInitialized) toStart.push(i + 1);
            if (spec.livenessProbe && this.d.prober.liveness.get(latest.id) === 'Failure') {
              toKill.push({ c: latest, spec, message: `Init container ${spec.name} failed liveness probe`, reason: 'liveness' });
              toStart.push(i);
            }
          }
        }
      } else if (sidecar) {
        toStart.push(i);
      } else if (latest.exitCode !== 0) {
        if (!restartOnFailure) {
          await this.killPod(pod, await this.d.runtime.listContainers({ podUid: this.uid }));
          return 'failed';
        }
        toStart.push(i);
      } else if (i === inits.length - 1) {
        initialized = true;
      } else {
        toStart.push(i + 1);
      }
      previouslyInitialized = true;
    }
    if (!previouslyInitialized) toStart.push(0);
    toStart.reverse();

    await Promise.all(toKill.map((k) => this.killContainer(pod, k.spec, 'init', k.c, { message: k.message, reason: k.reason })));
    for (const i of toStart) {
      const spec = inits[i]!;
      const latest = toKill.some((k) => k.spec === spec)
        ? this.instances(await this.d.runtime.listContainers({ podUid: this.uid }), spec.name)[0]
        : latestOf(spec.name);
      const started = await this.startOrBackOff(pod, spec, 'init', latest);
      // A regular init container that could not start holds up the ones after it.
      if (!started && !isRestartableInitContainer(spec)) break;
    }
    return initialized ? 'done' : 'pending';
  }

  /**
   * Upstream computePodActions for the regular containers: start what never ran, restart what
   * exited by the restart policy (with back-off), kill what failed its liveness or startup probe
   * (restarting it unless the policy is Never); once no container runs or will run again, the
   * pod is killed — which stops its sidecars.
   */
  private async syncContainers(pod: Pod, containers: RtStatus[]): Promise<void> {
    const policy = pod.spec?.restartPolicy ?? 'Always';
    const work: Promise<unknown>[] = [];
    let keep = 0;
    let toStart = 0;
    for (const spec of pod.spec?.containers ?? []) {
      const latest = this.instances(containers, spec.name)[0];
      if (!latest || latest.state !== 'running') {
        const restart = !latest || latest.state !== 'exited' || policy === 'Always' || (policy === 'OnFailure' && latest.exitCode !== 0);
        if (restart) {
          toStart++;
          work.push(this.startOrBackOff(pod, spec, 'regular', latest));
        }
        continue;
      }
      const why = this.killReason(spec, latest);
      if (!why) {
        keep++;
        continue;
      }
      const restart = why.always || policy !== 'Never';
      if (restart) toStart++;
      const message = restart ? `${why.message}, will be restarted` : why.message;
      work.push(
        this.killContainer(pod, spec, 'regular', latest, { message, reason: why.reason }).then(async () => {
          if (!restart) return;
          const now = this.instances(await this.d.runtime.listContainers({ podUid: this.uid }), spec.name)[0];
          await this.startOrBackOff(pod, spec, 'regular', now);
        }),
      );
    }
    await Promise.all(work);
    if (keep === 0 && toStart === 0) await this.killPod(pod, await this.d.runtime.listContainers({ podUid: this.uid }));
  }

  /** Why a running container must be killed now: failed liveness or startup probe, or a changed image. */
  private killReason(spec: Container, c: RtStatus): { message: string; reason?: 'liveness' | 'startup'; always?: boolean } | undefined {
    if (this.starting.has(spec.name)) return undefined;
    if (spec.image && c.image !== spec.image) return { message: `Container ${spec.name} definition changed`, always: true };
    if (this.d.prober.liveness.get(c.id) === 'Failure') return { message: `Container ${spec.name} failed liveness probe`, reason: 'liveness' };
    if (this.d.prober.startup.get(c.id) === 'Failure') return { message: `Container ${spec.name} failed startup probe`, reason: 'startup' };
    return undefined;
  }

  /**
   * Starts a container that never ran, or restarts an exited one unless it is backing off
   * (CrashLoopBackOff). True when it was started.
   */
  private async startOrBackOff(pod: Pod, spec: Container, kind: ContainerKind, latest: RtStatus | undefined): Promise<boolean> {
    if (!latest) return this.startContainer(pod, spec, kind, 0);
    if (latest.state === 'running') return true;
    const key = backoffKey(this.podRef(), spec.name);
    const decision = this.d.backoff.check(key, latest.finishedAt ?? Date.now());
    if (!decision.restart) {
      this.waiting.set(spec.name, { reason: 'CrashLoopBackOff', message: crashLoopBackOffMessage(decision.backoffMs, spec.name, this.podRef()) });
      this.d.recorder.event(pod, 'Warning', 'BackOff', backOffEventMessage(spec.name, this.podRef()), this.fieldPath(spec.name, kind));
      this.retryIn(Math.max(10, decision.retryAt - Date.now()));
      return false;
    }
    // Keep only the newest exited instance (for `kubectl logs --previous`).
    for (const old of (await this.d.runtime.listContainers({ podUid: this.uid })).filter((c) => c.name === spec.name && c.id !== latest.id && c.state === 'exited')) {
      await this.d.runtime.removeContainer(old.id).catch(() => undefined);
    }
    return this.startContainer(pod, spec, kind, latest.attempt + 1);
  }

  /** Creates and starts one container instance, then runs its postStart hook (upstream startContainer). */
  private async startContainer(pod: Pod, spec: Container, kind: ContainerKind, attempt: number): Promise<boolean> {
    const fieldPath = this.fieldPath(spec.name, kind);
    const sandbox = this.sandbox!;
    // Step 1 upstream: the image (always present for the process runtime), before the config.
    this.d.recorder.event(pod, 'Normal', 'Pulled', `Container image "${spec.image}" already present on machine`, fieldPath);
    let env: [string, string][];
    try {
      env = await this.d.environment(pod, spec, sandbox.ip);
    } catch (err) {
      const message = (err as Error).message;
      const reason = err instanceof EnvConfigError ? err.reason : 'CreateContainerConfigError';
      this.waiting.set(spec.name, { reason, message });
      this.d.recorder.event(pod, 'Warning', 'Failed', `Error: ${message}`, fieldPath);
      this.retryIn(5000);
      return false;
    }
    const { command, args } = expandCommandAndArgs(spec, env);
    const argv = [...command, ...args];
    if (!argv.length) {
      const message = `the process runtime needs a command: container "${spec.name}" sets neither command nor args, and skiff cannot read the image's entrypoint (set command: [...])`;
      this.waiting.set(spec.name, { reason: 'CreateContainerError', message });
      this.d.recorder.event(pod, 'Warning', 'Failed', `Error: ${message}`, fieldPath);
      return false;
    }
    this.waiting.delete(spec.name);
    const m = pod.metadata!;
    let id: string;
    try {
      id = await this.d.runtime.createContainer(sandbox.id, {
        name: spec.name,
        attempt,
        image: spec.image ?? '',
        argv,
        env,
        workingDir: spec.workingDir,
        logPath: join(this.logDir(), spec.name, `${attempt}.log`),
        labels: { [LABEL_POD_UID]: this.uid, [LABEL_POD_NAME]: m.name!, [LABEL_POD_NAMESPACE]: m.namespace!, [LABEL_CONTAINER_NAME]: spec.name },
        annotations: { 'io.kubernetes.container.restartCount': String(attempt) },
      });
    } catch (err) {
      const message = (err as Error).message;
      this.waiting.set(spec.name, { reason: 'CreateContainerError', message });
      this.d.recorder.event(pod, 'Warning', 'Failed', `Error: ${message}`, fieldPath);
      this.retryIn(5000);
      return false;
    }
    this.d.recorder.event(pod, 'Normal', 'Created', `Created container: ${spec.name}`, fieldPath);
    const hook = spec.lifecycle?.postStart;
    if (hook) this.starting.add(spec.name);
    try {
      await this.d.runtime.startContainer(id);
    } catch (err) {
      this.starting.delete(spec.name);
      this.d.recorder.event(pod, 'Warning', 'Failed', `Error: ${(err as Error).message}`, fieldPath);
      return false;
    }
    this.d.recorder.event(pod, 'Normal', 'Started', `Started container ${spec.name}`, fieldPath);
    if (!hook) return true;
    // The container is not reported running until its postStart hook is done.
    const started = await this.d.runtime.containerStatus(id);
    try {
      await runHook(hook, {
        runtime: this.d.runtime,
        containerId: id,
        pod,
        container: spec,
        podIP: sandbox.ip,
        timeoutMs: 24 * 3600_000,
        event: (type, reason, message) => this.d.recorder.event(pod, type, reason, message),
      });
    } catch (err) {
      this.d.log.info({ pod: this.name(), container: spec.name, err: (err as Error).message }, 'postStart hook failed');
      // Upstream leaves the hook's output out of the event, so secrets do not leak.
      this.d.recorder.event(pod, 'Warning', 'FailedPostStartHook', 'PostStartHook failed', fieldPath);
      if (started) await this.killContainer(pod, spec, kind, started, { message: 'FailedPostStartHook' });
    } finally {
      this.starting.delete(spec.name);
    }
    return true;
  }

  /**
   * Upstream killContainer: the Killing event, the preStop hook, the wait for this container's
   * turn (sidecars after the main containers), then SIGTERM and SIGKILL once the rest of the
   * grace period is spent (at least 2 s).
   */
  private async killContainer(pod: Pod | undefined, spec: Container | undefined, kind: ContainerKind, c: RtStatus, o: KillOptions = {}): Promise<void> {
    const name = spec?.name ?? c.name;
    let grace = o.graceOverride ?? this.terminationGracePeriod(pod, spec, o.reason);
    if (pod) this.d.recorder.event(pod, 'Normal', 'Killing', o.message ?? `Stopping container ${name}`, this.fieldPath(name, kind));
    const shortened = this.terminating?.shortened.signal;
    const preStop = spec?.lifecycle?.preStop;
    if (pod && spec && preStop && grace > 0) {
      const t0 = Date.now();
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), grace * 1000);
      const cut = () => ac.abort();
      shortened?.addEventListener('abort', cut);
      try {
        await Promise.race([
          runHook(preStop, {
            runtime: this.d.runtime,
            containerId: c.id,
            pod,
            container: spec,
            podIP: this.sandbox?.ip ?? '',
            timeoutMs: grace * 1000,
            signal: ac.signal,
            event: (type, reason, message) => this.d.recorder.event(pod, type, reason, message),
          }),
          new Promise((resolve) => ac.signal.addEventListener('abort', resolve)),
        ]);
      } catch (err) {
        this.d.log.info({ pod: this.name(), container: name, err: (err as Error).message }, 'preStop hook failed');
        this.d.recorder.event(pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', this.fieldPath(name, kind));
      } finally {
        clearTimeout(timer);
        shortened?.removeEventListener('abort', cut);
      }
      grace -= Math.floor((Date.now() - t0) / 1000);
    }
    if (o.ordering && grace > 0) grace -= Math.floor(await o.ordering.waitForTurn(name, grace, shortened));
    if (this.terminating) grace = Math.min(grace, Math.max(0, Math.ceil((this.terminating.deadline - Date.now()) / 1000)));
    try {
      await this.d.runtime.stopContainer(c.id, Math.max(grace, MIN_GRACE_SECONDS));
    } finally {
      o.ordering?.containerTerminated(name);
    }
  }

  /** Upstream setTerminationGracePeriod: the deletion's, else a probe's own for its kills, else the pod's. */
  private terminationGracePeriod(pod: Pod | undefined, spec: Container | undefined, reason?: 'liveness' | 'startup'): number {
    const deletion = pod?.metadata?.deletionGracePeriodSeconds;
    if (deletion !== undefined && deletion !== null) return deletion;
    const probe = reason === 'liveness' ? spec?.livenessProbe : reason === 'startup' ? spec?.startupProbe : undefined;
    if (probe?.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null) return probe.terminationGracePeriodSeconds;
    return pod?.spec?.terminationGracePeriodSeconds ?? 30;
  }

  /** Upstream killContainersWithSyncResult: every running container at once, sidecars in termination order. */
  private async killPod(pod: Pod | undefined, containers: RtStatus[], graceOverride?: number): Promise<void> {
    const running = containers.filter((c) => c.state === 'running');
    if (!running.length) return;
    const hasSidecars = (pod?.spec?.initContainers ?? []).some(isRestartableInitContainer);
    const ordering = pod?.spec && hasSidecars ? new TerminationOrdering(pod.spec, running.map((c) => c.name)) : undefined;
    await Promise.all(
      running.map((c) => {
        const { spec, kind } = this.specOf(pod, c.name);
        return this.killContainer(pod, spec, kind, c, { graceOverride, ordering });
      }),
    );
  }

  /** A shorter grace period arrived while terminating (`kubectl delete --grace-period=1` after a graceful delete). */
  private shortenTermination(pod: Pod): void {
    const t = this.terminating;
    if (!t) return;
    const deadline = Date.now() + effectiveGracePeriod(pod) * 1000;
    if (deadline >= t.deadline) return;
    const old = t.shortened;
    this.terminating = { deadline, shortened: new AbortController() };
    old.abort();
    const seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    void this.d.runtime
      .listContainers({ podUid: this.uid })
      .then((now) => Promise.all(now.filter((c) => c.state === 'running').map((c) => this.d.runtime.stopContainer(c.id, seconds))))
      .catch((err: Error) => this.d.log.warn({ pod: this.name(), err: err.message }, 'could not shorten the termination'));
  }

  /** Graceful termination of a deleted pod; then the API object is removed. */
  private async terminate(pod: Pod, containers: RtStatus[]): Promise<void> {
    const grace = effectiveGracePeriod(pod);
    if (!this.terminating) {
      this.terminating = { deadline: Date.now() + grace * 1000, shortened: new AbortController() };
      this.d.prober.stopLivenessAndStartup(this.uid);
    }
    const remaining = Math.max(0, Math.ceil((this.terminating.deadline - Date.now()) / 1000));
    await this.killPod(pod, containers, remaining);
    const after = await this.d.runtime.listContainers({ podUid: this.uid });
    if (after.some((c) => c.state === 'running')) {
      this.retryIn(200);
      return;
    }
    this.writeStatus(pod, after, true);
    // The final status (every container terminated) reaches the API before the object goes.
    await this.statuses.flush();
    try {
      await this.d.client.delete(R.pods, pod.metadata!.namespace!, pod.metadata!.name!, { gracePeriodSeconds: 0, preconditions: { uid: this.uid } });
    } catch (err) {
      if (!isApiError(err, 'NotFound') && !isApiError(err, 'Conflict')) throw err;
    }
    await this.cleanup(after);
  }

  /**
   * The pod is gone from the API (force-deleted): its containers are still killed as upstream
   * kills them, with the pod's grace period (a force deletion does not shorten it on the node)
   * and preStop hooks; containers of a pod never seen get the minimum.
   */
  private async teardown(containers: RtStatus[]): Promise<void> {
    const pod = this.lastPod;
    if (pod) {
      if (!this.terminating) {
        this.terminating = { deadline: Date.now() + effectiveGracePeriod(pod) * 1000, shortened: new AbortController() };
        this.d.prober.stopLivenessAndStartup(this.uid);
      }
      await this.killPod(pod, containers, Math.max(0, Math.ceil((this.terminating.deadline - Date.now()) / 1000)));
    } else {
      await Promise.all(containers.filter((c) => c.state === 'running').map((c) => this.d.runtime.stopContainer(c.id, MIN_GRACE_SECONDS)));
    }
    await this.cleanup(await this.d.runtime.listContainers({ podUid: this.uid }));
  }

  private async cleanup(containers: RtStatus[]): Promise<void> {
    for (const c of containers) await this.d.runtime.removeContainer(c.id).catch(() => undefined);
    for (const s of (await this.d.runtime.listPodSandboxes()).filter((s) => s.podUid === this.uid)) {
      await this.d.runtime.stopPodSandbox(s.id).catch(() => undefined);
      await this.d.runtime.removePodSandbox(s.id).catch(() => undefined);
    }
    this.d.prober.removePod(this.uid);
    this.d.publish(this.uid, undefined, []);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.done = true;
    this.finish();
  }

  /** Stops the worker without touching its containers (the agent is shutting down). */
  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.done = true;
    this.finish();
  }

  // ---- status ------------------------------------------------------------------------------

  /** The freshest status the API server is known to have: the informer's, or our last patch's reply. */
  private serverStatus(pod: Pod): PodStatus | undefined {
    const mine = this.serverPod;
    if (mine?.metadata?.uid === pod.metadata?.uid && Number(mine?.metadata?.resourceVersion ?? 0) > Number(pod.metadata?.resourceVersion ?? 0)) return mine?.status;
    return pod.status;
  }

  /** The API status for the pod as it is now (`server`: the status the API has, whose foreign conditions are kept). */
  computeStatus(pod: Pod, containers: RtStatus[], terminal: boolean, server: PodStatus | undefined = pod.status): PodStatus {
    const spec = pod.spec!;
    const facts = (c: Container, defaultReason: string): ApiContainerStatus => {
      const instances = this.instances(containers, c.name);
      const latest = instances[0];
      const running = latest?.state === 'running';
      return containerStatus({
        spec: c,
        instances,
        waiting: latest?.state === 'running' ? undefined : this.waiting.get(c.name),
        starting: this.starting.has(c.name),
        ready: running && !terminal && this.settled(latest!) && this.d.prober.isReady(this.uid, c.name, latest!.id),
        started: running && this.d.prober.isStarted(this.uid, c.name, latest!.id),
        defaultReason,
      });
    };
    // Upstream convertToAPIContainerStatuses: with init containers, everything not yet created is PodInitializing.
    const defaultReason = spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating';
    const initStatuses = (spec.initContainers ?? []).map((c) => facts(c, defaultReason));
    const statuses = spec.containers.map((c) => facts(c, defaultReason));
    const phase = podPhase(spec, initStatuses, statuses, {
      podIsTerminal: terminal,
      previousPhase: this.lastStatus?.phase,
      apiPhase: server?.phase,
    });
    const now = rfc3339();
    this.startTime ??= server?.startTime ?? now;
    const status: PodStatus = {
      phase,
      conditions: podConditions({
        spec,
        initStatuses,
        statuses,
        phase,
        sandboxReady: !!this.sandbox && !terminal,
        existing: server?.conditions ?? [],
        now,
      }) as PodStatus['conditions'],
      hostIP: this.d.hostIP,
      hostIPs: [{ ip: this.d.hostIP }],
      startTime: this.startTime,
      containerStatuses: statuses,
      qosClass: server?.qosClass ?? podQOSClass(pod),
    };
    if (this.sandbox?.ip) {
      status.podIP = this.sandbox.ip;
      status.podIPs = [{ ip: this.sandbox.ip }];
    }
    if (initStatuses.length) status.initContainerStatuses = initStatuses;
    return status;
  }

  /** Whether a running container has run long enough to be reported ready; if not, re-sync when it has. */
  private settled(c: RtStatus): boolean {
    const ranFor = Date.now() - (c.startedAt ?? c.createdAt);
    if (ranFor >= READY_SETTLE_MS) return true;
    this.retryIn(READY_SETTLE_MS - ranFor + 5);
    return false;
  }

  /**
   * Computes the pod's status and, when it changed, hands it to the status writer without
   * waiting for the API (upstream's statusManager.SetPodStatus): the sync goes on starting
   * containers while the write is in flight; statuses go out in the order computed. The write is a two-way
   * patch from the status the API server has to the computed one, so fields the kubelet no longer
   * reports are removed rather than merged into (a Ready=True condition keeps no stale reason).
   */
  private writeStatus(pod: Pod, containers: RtStatus[], terminal: boolean): void {
    const status = this.computeStatus(pod, containers, terminal || (!!pod.metadata?.deletionTimestamp && containers.every((c) => c.state !== 'running')), this.serverStatus(pod));
    if (this.lastStatus && !this.statusDirty && deepEqual(stripTimes(status), stripTimes(this.lastStatus))) return;
    this.lastStatus = status;
    this.statusDirty = false;
    this.statuses.push({ pod, status });
  }

  private async sendOne(q: { pod: Pod; status: PodStatus }): Promise<void> {
    const patch = podStatusPatch(this.serverStatus(this.pod ?? q.pod), q.status);
    if (!patch) return;
    try {
      this.serverPod = await this.d.client.patch<Pod>(R.pods, q.pod.metadata!.namespace!, q.pod.metadata!.name!, 'strategic', { status: patch }, 'status');
    } catch (err) {
      if (isApiError(err, 'NotFound')) return;
      // Not written: the next sync computes and sends it again.
      this.d.log.warn({ pod: this.name(), err: (err as Error).message }, 'writing the pod status failed');
      this.statusDirty = true;
      this.retryAfterError();
    }
  }
}

/** Whether a status shows a container (of any kind) terminated: a watcher must see it. */
function showsTermination(s: PodStatus): boolean {
  const all = [...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? []), ...(s.ephemeralContainerStatuses ?? [])];
  return all.some((c) => c.state?.terminated !== undefined);
}

/** Status compared without condition transition times (which follow from the rest). */
function stripTimes(s: PodStatus): unknown {
  return { ...s, conditions: s.conditions?.map((c) => ({ ...c, lastTransitionTime: undefined, lastProbeTime: undefined })) };
}
