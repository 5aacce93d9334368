/**
 * One worker per pod: it reconciles the pod's desired state (the API object) with what runs
 * (the runtime's sandbox and container instances), one sync at a time, as the kubelet's pod
 * workers and kuberuntime's SyncPod do: sandbox, init containers in order, containers with their
 * restart policy and back-off, liveness/startup kills, postStart and preStop hooks, graceful
 * termination, and the pod status written back through `pods/status`.
 */
import { isApiError } from '../api/errors.js';
import { deepEqual, rfc3339 } from '../api/meta.js';
import { podQOSClass } from '../api/qos.js';
import type { Container, ContainerStatus as ApiContainerStatus, Pod, PodStatus } from '../api/types.js';
import type { Client } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import { R } from '../client/resources.js';
import type { Logger } from '../util/log.js';
import { backOffEventMessage, backoffKey, crashLoopBackOffMessage, type RestartBackoff } from './backoff.js';
import { podConditions } from './conditions.js';
import { containerStatus, type Waiting } from './container-status.js';
import { EnvConfigError, expandCommandAndArgs } from './envvars.js';
import { HookError, runHook } from './lifecycle.js';
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
import { join } from 'node:path';

/** The kubelet's minimum shutdown window for a container (upstream minimumGracePeriodInSeconds). */
const MIN_GRACE_SECONDS = 2;

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
}

type ContainerKind = 'init' | 'regular';

export class PodWorker {
  private pod?: Pod;
  private sandbox?: PodSandboxStatus;
  private waiting = new Map<string, Waiting>();
  private starting = new Set<string>();
  private running?: Promise<void>;
  private again = false;
  private retryTimer?: NodeJS.Timeout;
  private retryAt = 0;
  private lastStatus?: PodStatus;
  private startTime?: string;
  private terminating?: { deadline: number };
  private done = false;
  /** Resolves when the worker has finished for good (pod gone and cleaned up). */
  readonly finished: Promise<void>;
  private finish!: () => void;

  constructor(
    readonly uid: string,
    private d: PodWorkerDeps,
  ) {
    this.finished = new Promise((r) => (this.finish = r));
  }

  get isDone(): boolean {
    return this.done;
  }

  /** A new version of the API object (undefined: it is gone from the API). */
  update(pod: Pod | undefined): void {
    if (pod && !this.pod) this.d.prober.addPod(pod);
    this.pod = pod;
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

  private name(): string {
    const m = this.pod?.metadata;
    return m ? `${m.namespace}/${m.name}` : this.uid;
  }

  private podRef(): { name: string; namespace: string; uid: string } {
    const m = this.pod?.metadata ?? {};
    return { name: m.name ?? '', namespace: m.namespace ?? '', uid: this.uid };
  }

  private fieldPath(name: string, kind: ContainerKind): string {
    return kind === 'init' ? `spec.initContainers{${name}}` : `spec.containers{${name}}`;
  }

  // ---- the sync ----------------------------------------------------------------------------

  private async sync(): Promise<void> {
    const pod = this.pod;
    let containers = await this.d.runtime.listContainers({ podUid: this.uid });
    if (!pod) {
      await this.teardown(containers, MIN_GRACE_SECONDS);
      return;
    }
    if (pod.metadata?.deletionTimestamp) {
      await this.terminate(pod, containers);
      return;
    }
    await this.ensureSandbox(pod);
    if (!isTerminalPhase(this.lastStatus?.phase ?? pod.status?.phase)) {
      const init = await this.syncInitContainers(pod, containers);
      if (init === 'done') await this.syncContainers(pod, containers);
      containers = await this.d.runtime.listContainers({ podUid: this.uid });
    }
    this.d.publish(this.uid, this.sandbox?.ip, containers);
    await this.writeStatus(pod, containers, false);
  }

  private async ensureSandbox(pod: Pod): Promise<void> {
    if (this.sandbox) return;
    const existing = (await this.d.runtime.listPodSandboxes()).find((s) => s.podUid === this.uid && s.state === 'ready');
    if (existing) {
      this.sandbox = existing;
      return;
    }
    const m = pod.metadata!;
    this.sandbox = await this.d.runtime.runPodSandbox({
      podUid: this.uid,
      name: m.name!,
      namespace: m.namespace!,
      hostname: pod.spec?.hostname || m.name!,
      logDirectory: this.logDir(),
      labels: { [LABEL_POD_UID]: this.uid, [LABEL_POD_NAME]: m.name!, [LABEL_POD_NAMESPACE]: m.namespace! },
      annotations: {},
    });
  }

  private logDir(): string {
    const m = this.pod?.metadata ?? {};
    return join(this.d.logRoot, `${m.namespace}_${m.name}_${this.uid}`);
  }

  /** A container's instances, newest first. */
  private instances(containers: RtStatus[], name: string): RtStatus[] {
    return containers.filter((c) => c.name === name).sort((a, b) => b.attempt - a.attempt || b.createdAt - a.createdAt);
  }

  /** Runs init containers in order; 'done' once all have completed (sidecars: started). */
  private async syncInitContainers(pod: Pod, containers: RtStatus[]): Promise<'done' | 'pending' | 'failed'> {
    const policy = pod.spec?.restartPolicy ?? 'Always';
    // Once a regular container has run, init containers are not run again.
    if ((pod.spec?.containers ?? []).some((c) => this.instances(containers, c.name).length > 0)) return 'done';
    for (const spec of pod.spec?.initContainers ?? []) {
      const latest = this.instances(containers, spec.name)[0];
      if (isRestartableInitContainer(spec)) {
        if (!latest || latest.state === 'exited') {
          await this.startOrBackOff(pod, spec, 'init', latest, true);
          return 'pending';
        }
        if (latest.state === 'running' && this.d.prober.isStarted(this.uid, spec.name, latest.id) && !this.starting.has(spec.name)) continue;
        return 'pending';
      }
      if (!latest) {
        await this.startContainer(pod, spec, 'init', 0);
        return 'pending';
      }
      if (latest.state !== 'exited') return 'pending';
      if (latest.exitCode === 0) continue;
      if (policy === 'Never') return 'failed';
      await this.startOrBackOff(pod, spec, 'init', latest, true);
      return 'pending';
    }
    return 'done';
  }

  private async syncContainers(pod: Pod, containers: RtStatus[]): Promise<void> {
    const policy = pod.spec?.restartPolicy ?? 'Always';
    const work: Promise<void>[] = [];
    for (const spec of pod.spec?.containers ?? []) {
      const latest = this.instances(containers, spec.name)[0];
      if (!latest) {
        work.push(this.startContainer(pod, spec, 'regular', 0));
        continue;
      }
      if (latest.state === 'running') {
        const why = this.killReason(spec, latest);
        if (why) work.push(this.killContainer(pod, spec, 'regular', latest, why.message, why.grace).then(() => this.kick()));
        continue;
      }
      if (latest.state !== 'exited') continue;
      const restart = policy === 'Always' || (policy === 'OnFailure' && latest.exitCode !== 0);
      if (restart) work.push(this.startOrBackOff(pod, spec, 'regular', latest, true));
    }
    await Promise.all(work);
  }

  /** Why a running container must be killed now: failed liveness or startup probe, or a changed image. */
  private killReason(spec: Container, c: RtStatus): { message: string; grace?: number } | undefined {
    if (this.starting.has(spec.name)) return undefined;
    if (this.d.prober.liveness.get(c.id) === 'Failure') {
      return { message: `Container ${spec.name} failed liveness probe, will be restarted`, grace: spec.livenessProbe?.terminationGracePeriodSeconds ?? undefined };
    }
    if (this.d.prober.startup.get(c.id) === 'Failure') {
      return { message: `Container ${spec.name} failed startup probe, will be restarted`, grace: spec.startupProbe?.terminationGracePeriodSeconds ?? undefined };
    }
    if (spec.image && c.image !== spec.image) return { message: `Container ${spec.name} definition changed, will be restarted` };
    return undefined;
  }

  /** Restarts an exited container unless it is backing off (CrashLoopBackOff). */
  private async startOrBackOff(pod: Pod, spec: Container, kind: ContainerKind, latest: RtStatus | undefined, restart: boolean): Promise<void> {
    if (!latest || !restart) return this.startContainer(pod, spec, kind, latest ? latest.attempt + 1 : 0);
    const key = backoffKey(this.podRef(), spec.name);
    const decision = this.d.backoff.check(key, latest.finishedAt ?? Date.now());
    if (!decision.restart) {
      this.waiting.set(spec.name, { reason: 'CrashLoopBackOff', message: crashLoopBackOffMessage(decision.backoffMs, spec.name, this.podRef()) });
      this.d.recorder.event(pod, 'Warning', 'BackOff', backOffEventMessage(spec.name, this.podRef()), this.fieldPath(spec.name, kind));
      this.retryIn(Math.max(10, decision.retryAt - Date.now()));
      return;
    }
    // Keep only the newest exited instance (for `kubectl logs --previous`).
    for (const old of (await this.d.runtime.listContainers({ podUid: this.uid })).filter((c) => c.name === spec.name && c.id !== latest.id && c.state === 'exited')) {
      await this.d.runtime.removeContainer(old.id).catch(() => undefined);
    }
    await this.startContainer(pod, spec, kind, latest.attempt + 1);
  }

  /** Creates and starts one container instance, then runs its postStart hook. */
  private async startContainer(pod: Pod, spec: Container, kind: ContainerKind, attempt: number): Promise<void> {
    const fieldPath = this.fieldPath(spec.name, kind);
    const sandbox = this.sandbox!;
    let env: [string, string][];
    try {
      env = await this.d.environment(pod, spec, sandbox.ip);
    } catch (err) {
      const message = (err as Error).message;
      const reason = err instanceof EnvConfigError ? err.reason : 'CreateContainerConfigError';
      this.waiting.set(spec.name, { reason, message });
      this.d.recorder.event(pod, 'Warning', 'Failed', `Error: ${message}`, fieldPath);
      this.retryIn(5000);
      return;
    }
    const { command, args } = expandCommandAndArgs(spec, env);
    const argv = [...command, ...args];
    if (!argv.length) {
      const message = `the process runtime needs a command: container "${spec.name}" sets neither command nor args, and skiff cannot read the image's entrypoint (set command: [...])`;
      this.waiting.set(spec.name, { reason: 'CreateContainerError', message });
      this.d.recorder.event(pod, 'Warning', 'Failed', `Error: ${message}`, fieldPath);
      return;
    }
    this.waiting.delete(spec.name);
    this.d.recorder.event(pod, 'Normal', 'Pulled', `Container image "${spec.image}" already present on machine`, fieldPath);
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
      return;
    }
    this.d.recorder.event(pod, 'Normal', 'Created', `Created container: ${spec.name}`, fieldPath);
    const hook = spec.lifecycle?.postStart;
    if (hook) this.starting.add(spec.name);
    try {
      await this.d.runtime.startContainer(id);
    } catch (err) {
      this.starting.delete(spec.name);
      this.d.recorder.event(pod, 'Warning', 'Failed', `Error: ${(err as Error).message}`, fieldPath);
      return;
    }
    this.d.recorder.event(pod, 'Normal', 'Started', `Started container ${spec.name}`, fieldPath);
    if (!hook) return;
    // The container is not reported running until its postStart hook is done.
    const started = await this.d.runtime.containerStatus(id);
    try {
      await runHook(hook, { runtime: this.d.runtime, containerId: id, pod, container: spec, podIP: sandbox.ip, timeoutMs: 24 * 3600_000 });
    } catch (err) {
      this.d.log.info({ pod: this.name(), container: spec.name, err: (err as Error).message }, 'postStart hook failed');
      this.d.recorder.event(pod, 'Warning', 'FailedPostStartHook', 'PostStartHook failed', fieldPath);
      if (started) await this.killContainer(pod, spec, kind, started, 'FailedPostStartHook');
    } finally {
      this.starting.delete(spec.name);
    }
  }

  /** preStop hook, then SIGTERM, then SIGKILL once the grace period is spent (upstream killContainer). */
  private async killContainer(pod: Pod, spec: Container | undefined, kind: ContainerKind, c: RtStatus, message?: string, graceOverride?: number): Promise<void> {
    const name = spec?.name ?? c.name;
    let grace = graceOverride ?? pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    this.d.recorder.event(pod, 'Normal', 'Killing', message ?? `Stopping container ${name}`, this.fieldPath(name, kind));
    const preStop = spec?.lifecycle?.preStop;
    if (preStop && grace > 0) {
      const t0 = Date.now();
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), grace * 1000);
      try {
        await Promise.race([
          runHook(preStop, { runtime: this.d.runtime, containerId: c.id, pod, container: spec!, podIP: this.sandbox?.ip ?? '', timeoutMs: grace * 1000, signal: ac.signal }),
          new Promise((resolve) => ac.signal.addEventListener('abort', resolve)),
        ]);
      } catch (err) {
        if (err instanceof HookError || err instanceof Error) {
          this.d.log.info({ pod: this.name(), container: name, err: err.message }, 'preStop hook failed');
          this.d.recorder.event(pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', this.fieldPath(name, kind));
        }
      } finally {
        clearTimeout(timer);
      }
      grace -= Math.floor((Date.now() - t0) / 1000);
    }
    if (this.terminating) grace = Math.min(grace, Math.max(0, Math.ceil((this.terminating.deadline - Date.now()) / 1000)));
    await this.d.runtime.stopContainer(c.id, Math.max(grace, MIN_GRACE_SECONDS));
  }

  /** Graceful termination of a deleted pod; then the API object is removed. */
  private async terminate(pod: Pod, containers: RtStatus[]): Promise<void> {
    const grace = pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    const deadline = Date.now() + grace * 1000;
    if (this.terminating && deadline >= this.terminating.deadline) {
      // already under way with this (or a shorter) deadline
    } else {
      const shortened = !!this.terminating;
      this.terminating = { deadline };
      this.d.prober.stopLivenessAndStartup(this.uid);
      if (shortened) {
        // A shorter grace period (e.g. --grace-period=0 --force): kill what still runs now.
        const now = await this.d.runtime.listContainers({ podUid: this.uid });
        await Promise.all(now.filter((c) => c.state === 'running').map((c) => this.d.runtime.stopContainer(c.id, Math.max(0, Math.ceil((deadline - Date.now()) / 1000)))));
      }
    }
    const all = [...(pod.spec?.initContainers ?? []).map((s) => [s, 'init'] as const), ...(pod.spec?.containers ?? []).map((s) => [s, 'regular'] as const)];
    await Promise.all(
      containers
        .filter((c) => c.state === 'running')
        .map((c) => {
          const found = all.find(([s]) => s.name === c.name);
          return this.killContainer(pod, found?.[0], found?.[1] ?? 'regular', c);
        }),
    );
    const after = await this.d.runtime.listContainers({ podUid: this.uid });
    if (after.some((c) => c.state === 'running')) {
      this.retryIn(200);
      return;
    }
    await this.writeStatus(pod, after, true);
    try {
      await this.d.client.delete(R.pods, pod.metadata!.namespace!, pod.metadata!.name!, { gracePeriodSeconds: 0, preconditions: { uid: this.uid } });
    } catch (err) {
      if (!isApiError(err, 'NotFound') && !isApiError(err, 'Conflict')) throw err;
    }
    await this.cleanup(after);
  }

  /** The pod is gone from the API (force-deleted): kill whatever runs, then clean up. */
  private async teardown(containers: RtStatus[], grace: number): Promise<void> {
    await Promise.all(containers.filter((c) => c.state === 'running').map((c) => this.d.runtime.stopContainer(c.id, grace)));
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

  /** The API status for the pod as it is now. */
  computeStatus(pod: Pod, containers: RtStatus[], terminal: boolean): PodStatus {
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
    const initStatuses = (spec.initContainers ?? []).map((c) => facts(c, 'PodInitializing'));
    const initDone = (spec.initContainers ?? []).every((c, i) => {
      const s = initStatuses[i]!;
      return isRestartableInitContainer(c) ? s.started === true : s.state?.terminated?.exitCode === 0;
    });
    const statuses = spec.containers.map((c) => facts(c, initDone ? 'ContainerCreating' : 'PodInitializing'));
    const phase = podPhase(spec, initStatuses, statuses, {
      podIsTerminal: terminal,
      previousPhase: this.lastStatus?.phase,
      apiPhase: pod.status?.phase,
    });
    const now = rfc3339();
    this.startTime ??= pod.status?.startTime ?? now;
    const status: PodStatus = {
      phase,
      conditions: podConditions({
        spec,
        initStatuses,
        statuses,
        phase,
        sandboxReady: !!this.sandbox && !terminal,
        existing: pod.status?.conditions ?? [],
        now,
      }) as PodStatus['conditions'],
      hostIP: this.d.hostIP,
      hostIPs: [{ ip: this.d.hostIP }],
      startTime: this.startTime,
      containerStatuses: statuses,
      qosClass: pod.status?.qosClass ?? podQOSClass(pod),
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

  private async writeStatus(pod: Pod, containers: RtStatus[], terminal: boolean): Promise<void> {
    const status = this.computeStatus(pod, containers, terminal || !!pod.metadata?.deletionTimestamp && containers.every((c) => c.state !== 'running'));
    if (this.lastStatus && deepEqual(stripTimes(status), stripTimes(this.lastStatus))) return;
    try {
      await this.d.client.patch(R.pods, pod.metadata!.namespace!, pod.metadata!.name!, 'strategic', { status }, 'status');
      this.lastStatus = status;
    } catch (err) {
      if (isApiError(err, 'NotFound')) return;
      throw err;
    }
  }
}

/** Status compared without condition transition times (which follow from the rest). */
function stripTimes(s: PodStatus): unknown {
  return { ...s, conditions: s.conditions?.map((c) => ({ ...c, lastTransitionTime: undefined, lastProbeTime: undefined })) };
}
