/**
 * The `process` container runtime: each container is a host process group supervised by its own
 * detached C shim (native/skiff-shim.c), each pod sandbox a directory plus a loopback IP. All
 * state lives in files under `root` (see state.ts), so a restarted skiff re-adopts running
 * containers and learns about exits that happened while it was down. No namespaces or cgroups:
 * a later runc runtime adds isolation behind the same RuntimeService interface.
 */
import { EventEmitter } from 'node:events';
import { rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { ContainerStartError, RuntimeNotFoundError } from './errors.js';
import { containerEnv, envObject, validateEnv } from './env.js';
import { type ExecContext, execStartError, spawnExecSync, streamExec } from './exec.js';
import { ExecHelper } from './exec-helper.js';
import { ExitWatcher } from './exit-watcher.js';
import { type ProcessRuntimeOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { isProcessAlive, killProcessGroup, readProcStat, signalProcess } from './procfs.js';
import { launchShim, launchShimWithHelper, type ShimHandshake } from './shim.js';
import { SandboxStore, sandboxStatus } from './sandboxes.js';
import { type ExitRecord, newId, StateDir, syntheticExit } from './state.js';
import { type ContainerEntry, containerState, toContainerStatus } from './status.js';
import type {
  ContainerConfig,
  ContainerStatus,
  ExecStreams,
  ExecSyncResult,
  PodSandboxConfig,
  PodSandboxStatus,
  RuntimeInfo,
  RuntimeService,
} from './types.js';

export type { ProcessRuntimeOptions } from './options.js';

/** Runtime name and version reported in node.status.nodeInfo.containerRuntimeVersion. */
export const PROCESS_RUNTIME_NAME = 'skiff-process';
export const PROCESS_RUNTIME_VERSION = '0.1.0';

interface Entry extends ContainerEntry {
  starting?: Promise<void>;
  waiters: { resolve: () => void; reject: (err: Error) => void }[];
  execKills: Set<() => void>;
}

/** RuntimeService over host process groups, one C shim per container. */
export class ProcessRuntime extends EventEmitter implements RuntimeService {
  private readonly opts: ResolvedOptions;
  private readonly state: StateDir;
  private readonly sandboxes: SandboxStore;
  private readonly containers = new Map<string, Entry>();
  private readonly watcher: ExitWatcher;
  private helper: ExecHelper | undefined;
  private phase: 'new' | 'ready' | 'closed' = 'new';
  private ticks = 0;

  constructor(options: ProcessRuntimeOptions) {
    super();
    this.opts = resolveOptions(options);
    this.state = new StateDir(this.opts.root, this.opts.execSyncMode === 'helper' ? (ops) => this.execHelper().files(ops) : undefined);
    this.sandboxes = new SandboxStore(this.state, this.opts.podIpRange, this.opts.onWarning);
    this.watcher = new ExitWatcher(
      this.state.exitsDir,
      this.opts.relistIntervalMs,
      (id) => this.guard(() => this.onExitNotice(id)),
      () => this.guard(() => this.tick()),
    );
  }

  info(): RuntimeInfo {
    return {
      runtimeName: PROCESS_RUNTIME_NAME,
      runtimeVersion: PROCESS_RUNTIME_VERSION,
      containerRuntimeVersion: `${PROCESS_RUNTIME_NAME}://${PROCESS_RUNTIME_VERSION}`,
    };
  }

  async init(): Promise<void> {
    if (this.phase !== 'new') throw new Error('ProcessRuntime.init() may only be called once');
    this.state.ensure();
    this.sandboxes.load();
    // Exits with a pending notice happened while no runtime watched: relist reports them.
    const unreported = new Set(this.state.listExitNotices());
    for (const rec of this.state.readContainers()) {
      const id = rec.id;
      this.containers.set(id, {
        rec,
        shim: this.state.readShim(id),
        started: this.state.readStarted(id),
        exit: unreported.has(id) ? undefined : this.state.readExit(id),
        waiters: [],
        execKills: new Set(),
      });
    }
    this.phase = 'ready';
    this.watcher.start();
    this.relist();
  }

  async runPodSandbox(cfg: PodSandboxConfig): Promise<PodSandboxStatus> {
    this.ready();
    return sandboxStatus(await this.sandboxes.create(cfg));
  }

  async stopPodSandbox(id: string): Promise<void> {
    this.ready();
    const rec = this.sandboxes.get(id);
    if (!rec) return;
    const mine = [...this.containers.values()].filter((e) => e.rec.sandboxId === id);
    await Promise.all(mine.map((e) => this.stopContainer(e.rec.id, 0)));
    this.sandboxes.setState(rec, 'notready');
  }

  async removePodSandbox(id: string): Promise<void> {
    this.ready();
    const rec = this.sandboxes.get(id);
    if (!rec) return;
    const mine = [...this.containers.values()].filter((e) => e.rec.sandboxId === id);
    await Promise.all(mine.map((e) => this.removeContainer(e.rec.id)));
    await this.sandboxes.remove(id);
  }

  async listPodSandboxes(): Promise<PodSandboxStatus[]> {
    this.ready();
    return this.sandboxes.list().map(sandboxStatus);
  }

  async createContainer(sandboxId: string, cfg: ContainerConfig): Promise<string> {
    this.ready();
    const sb = this.sandboxes.get(sandboxId);
    if (!sb) throw new RuntimeNotFoundError('sandbox', sandboxId);
    if (sb.state !== 'ready') throw new Error(`sandbox "${sandboxId}" is not ready`);
    if (!Array.isArray(cfg.argv) || cfg.argv.length === 0 || !cfg.argv[0]) {
      throw new Error('container argv must not be empty');
    }
    if (typeof cfg.logPath !== 'string' || !isAbsolute(cfg.logPath)) {
      throw new Error(`container logPath must be an absolute path, got ${JSON.stringify(cfg.logPath)}`);
    }
    const env = containerEnv(cfg.env ?? [], sb.config.hostname || sb.config.name);
    const envError = validateEnv(env);
    if (envError) throw new Error(envError);
    const rec = {
      id: newId(),
      sandboxId,
      podUid: sb.config.podUid,
      createdAt: Date.now(),
      config: cfg,
      env,
      workingDir: cfg.workingDir || this.opts.defaultWorkingDir,
    };
    await this.state.writeContainer(rec);
    this.ready();
    this.containers.set(rec.id, { rec, waiters: [], execKills: new Set() });
    return rec.id;
  }

  async startContainer(id: string): Promise<void> {
    this.ready();
    const e = this.entry(id);
    if (e.starting || e.shim || e.started || e.exit) {
      throw new Error(`container "${id}" cannot be started: it is in ${containerState(e)} state`);
    }
    e.starting = this.launch(e);
    try {
      await e.starting;
    } finally {
      e.starting = undefined;
    }
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    this.ready();
    const e = this.entry(id);
    if (e.starting) await e.starting.catch(() => undefined);
    if (e.exit || !e.started) return;
    const { pid, pidStartTime } = e.started;
    const exited = new Promise<void>((resolve, reject) => e.waiters.push({ resolve, reject }));
    // The watcher is unref'd; this ref'd poll of the exit notices (one readdir) keeps the
    // process alive until the exit is seen, and sees it should an inotify event be missed.
    const poll = setInterval(() => this.guard(() => this.readExitNotices()), Math.min(this.opts.relistIntervalMs, 200));
    // As runc: SIGTERM goes to the container's init process alone, which may ignore it (a shell
    // as PID 1 does, the notes' no-sigterm example); SIGKILL takes the whole container.
    const signal = (sig: NodeJS.Signals): void => {
      if (!isProcessAlive(pid, pidStartTime)) return;
      if (sig === 'SIGKILL') killProcessGroup(pid, sig);
      else signalProcess(pid, sig);
    };
    try {
      if (timeoutSeconds > 0) {
        signal('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(true), timeoutSeconds * 1000);
          }),
        ]);
        clearTimeout(timer);
        if (timedOut) signal('SIGKILL');
      } else {
        signal('SIGKILL');
      }
      await exited;
    } finally {
      clearInterval(poll);
    }
  }

  async removeContainer(id: string): Promise<void> {
    this.ready();
    const e = this.containers.get(id);
    if (!e) return;
    if (e.starting) await e.starting.catch(() => undefined);
    if (!e.exit && e.started) await this.stopContainer(id, 0);
    for (const kill of e.execKills) kill();
    this.containers.delete(id);
    await this.state.removeContainer(id);
    if (this.opts.removeLogOnRemove) rmSync(e.rec.config.logPath, { force: true });
  }

  async listContainers(filter?: { podUid?: string; sandboxId?: string }): Promise<ContainerStatus[]> {
    this.ready();
    const out: ContainerStatus[] = [];
    for (const e of this.containers.values()) {
      if (filter?.podUid !== undefined && e.rec.podUid !== filter.podUid) continue;
      if (filter?.sandboxId !== undefined && e.rec.sandboxId !== filter.sandboxId) continue;
      out.push(toContainerStatus(e));
    }
    return out;
  }

  async containerStatus(id: string): Promise<ContainerStatus | undefined> {
    this.ready();
    const e = this.containers.get(id);
    return e ? toContainerStatus(e) : undefined;
  }

  async execSync(id: string, argv: string[], timeoutMs: number): Promise<ExecSyncResult> {
    const { e, ctx } = this.execTarget(id, argv);
    const maxOutputBytes = this.opts.execOutputLimitBytes;
    if (this.opts.execSyncMode === 'spawn') {
      const h = spawnExecSync(argv, ctx, timeoutMs, maxOutputBytes);
      return this.tracked(e, h.kill, h.result);
    }
    const helper = this.execHelper();
    const run = helper.run({ argv, env: ctx.env, cwd: ctx.cwd, timeoutMs: Math.max(0, timeoutMs), maxOutputBytes });
    const r = await this.tracked(e, () => helper.cancel(run.id), run.result);
    if (r.startError !== undefined) throw execStartError(r.startError);
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut };
  }

  async exec(id: string, argv: string[], streams: ExecStreams): Promise<number> {
    const { e, ctx } = this.execTarget(id, argv);
    const h = streamExec(argv, ctx, streams);
    return this.tracked(e, h.kill, h.result);
  }

  /** Asks a running container's shim to reopen its log file (after log rotation renamed it). */
  async reopenContainerLog(id: string): Promise<void> {
    this.ready();
    const e = this.entry(id);
    const s = e.started;
    if (e.exit || !s) throw new Error(`container "${id}" is not running`);
    if (isProcessAlive(s.shimPid, s.shimStartTime)) process.kill(s.shimPid, 'SIGUSR1');
  }

  async close(): Promise<void> {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.watcher.stop();
    this.helper?.close();
    this.helper = undefined;
    const closed = new Error('ProcessRuntime: the runtime is closed');
    for (const e of this.containers.values()) {
      for (const kill of e.execKills) kill();
      for (const w of e.waiters.splice(0)) w.reject(closed);
    }
  }

  // ---- internals ----

  private ready(): void {
    if (this.phase === 'new') throw new Error('ProcessRuntime: call init() before use');
    if (this.phase === 'closed') throw new Error('ProcessRuntime: the runtime is closed');
  }

  private entry(id: string): Entry {
    const e = this.containers.get(id);
    if (!e) throw new RuntimeNotFoundError('container', id);
    return e;
  }

  /** The exec helper, started on first use (exec probes, shim launches, state writes). */
  private execHelper(): ExecHelper {
    this.helper ??= new ExecHelper(this.opts.shimPath);
    return this.helper;
  }

  private guard(fn: () => void): void {
    if (this.phase !== 'ready') return;
    try {
      fn();
    } catch (err) {
      this.opts.onWarning(`process runtime: ${(err as Error).message}`);
    }
  }

  /** Starts the shim and waits for its handshake; records a StartError exit on failure. */
  private async launch(e: Entry): Promise<void> {
    const { rec } = e;
    const stateDir = this.state.containerDir(rec.id);
    const l = {
      shimPath: this.opts.shimPath,
      id: rec.id,
      stateDir,
      exitsDir: this.state.exitsDir,
      logPath: rec.config.logPath,
      cwd: rec.workingDir,
      argv: rec.config.argv,
      env: envObject(rec.env),
      maxLineBytes: this.opts.maxLogLineBytes,
      pidNamespace: this.opts.pidNamespace,
    };
    let hs: ShimHandshake;
    let shimPid = 0;
    let shimStartTime = 0;
    try {
      if (this.opts.execSyncMode === 'helper') {
        // The shim creates the log's directory itself (one mkdir less on this event loop).
        // The helper's forked child becomes the shim: no fork of this large process per container.
        hs = await launchShimWithHelper(this.execHelper(), l);
      } else {
        await mkdir(dirname(rec.config.logPath), { recursive: true });
        const launched = launchShim(l);
        shimPid = launched.shimPid;
        shimStartTime = launched.shimStartTime;
        e.shim = { shimPid, shimStartTime, spawnedAt: Date.now() };
        this.state.writeShim(rec.id, e.shim);
        hs = await launched.handshake;
      }
    } catch (err) {
      return this.failStart(e, (err as Error).message);
    }
    if (hs.ok) {
      e.started = hs.started ?? this.state.readStarted(rec.id) ?? {
        pid: hs.pid,
        pidStartTime: readProcStat(hs.pid)?.startTime ?? 0,
        shimPid,
        shimStartTime,
        startedAtNs: (BigInt(Date.now()) * 1_000_000n).toString(),
        startedAt: new Date().toISOString(),
      };
      // Launched through the helper, the shim's pid is known only from its started record: no shim.json.
      e.shim ??= { shimPid: e.started.shimPid, shimStartTime: e.started.shimStartTime, spawnedAt: Date.now() };
      return;
    }
    return this.failStart(e, hs.message);
  }

  private failStart(e: Entry, message: string): never {
    const id = e.rec.id;
    let exit = this.state.readExit(id);
    if (!exit) {
      exit = syntheticExit(0, { exitCode: 126, startError: message });
      this.state.writeExit(id, exit);
    }
    this.recordExit(e, exit);
    this.state.removeExitNotice(id);
    throw new ContainerStartError(toContainerStatus(e).message ?? message);
  }

  /** Records an exit once: wakes stopContainer, kills exec sessions, emits `exit`. */
  private recordExit(e: Entry, exit: ExitRecord): void {
    if (e.exit) return;
    e.exit = exit;
    for (const w of e.waiters.splice(0)) w.resolve();
    for (const kill of e.execKills) kill();
    try {
      this.emit('exit', toContainerStatus(e));
    } catch (err) {
      this.opts.onWarning(`process runtime: an exit listener threw: ${(err as Error).message}`);
    }
  }

  private onExitNotice(id: string): void {
    const e = this.containers.get(id);
    if (e && !e.exit) {
      const exit = this.state.readExit(id);
      if (!exit) return; // not written yet: the next relist retries
      e.started ??= this.state.readStarted(id);
      this.recordExit(e, exit);
    }
    this.state.removeExitNotice(id);
  }

  /**
   * The periodic fallback: exit notices every tick (one readdir); the shims' liveness (a /proc
   * read per running container) only every `shimCheckEvery` ticks, as a shim dies without
   * recording an exit only when something kills it.
   */
  private tick(): void {
    if (++this.ticks % this.opts.shimCheckEvery === 0) this.relist();
    else this.readExitNotices();
  }

  private readExitNotices(): void {
    for (const id of this.state.listExitNotices()) this.onExitNotice(id);
  }

  /** Processes pending exit notices and notices shims that died without recording an exit. */
  private relist(): void {
    this.readExitNotices();
    for (const e of this.containers.values()) {
      if (e.exit || e.starting || !(e.shim || e.started)) continue;
      // A start that was in flight when an earlier runtime died: pick up the shim's report.
      e.started ??= this.state.readStarted(e.rec.id);
      const shimPid = e.started?.shimPid ?? e.shim?.shimPid ?? 0;
      const shimStart = e.started?.shimStartTime ?? e.shim?.shimStartTime;
      if (isProcessAlive(shimPid, shimStart)) continue;
      const id = e.rec.id;
      const recorded = this.state.readExit(id);
      if (recorded) {
        this.recordExit(e, recorded);
        this.state.removeExitNotice(id);
        continue;
      }
      if (e.started && isProcessAlive(e.started.pid, e.started.pidStartTime)) continue; // orphaned, still running
      const exit = e.started
        ? syntheticExit(e.started.pid, { message: 'exit status unknown: the container shim exited without recording it' })
        : syntheticExit(0, { exitCode: 126, startError: 'skiff-shim exited before starting the container' });
      this.state.writeExit(id, exit);
      this.recordExit(e, exit);
    }
  }

  private execTarget(id: string, argv: string[]): { e: Entry; ctx: ExecContext } {
    this.ready();
    const e = this.entry(id);
    if (containerState(e) !== 'running') {
      throw new Error(`container "${id}" is not running (state ${containerState(e)})`);
    }
    if (!Array.isArray(argv) || argv.length === 0 || !argv[0]) throw new Error('exec argv must not be empty');
    return { e, ctx: { env: e.rec.env, cwd: e.rec.workingDir } };
  }

  private async tracked<T>(e: Entry, kill: () => void, result: Promise<T>): Promise<T> {
    e.execKills.add(kill);
    try {
      return await result;
    } finally {
      e.execKills.delete(kill);
    }
  }
}
