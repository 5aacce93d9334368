/**
 * Test support for the process runtime: builds the shim once, makes temp roots, and cleans up
 * every process a test started (found through the state files: container process groups and
 * shims, each checked against its recorded start time) plus the temp directories, even when
 * the test failed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { killProcessGroup } from './procfs.js';
import { killAllContainers } from './reset.js';
import { defaultShimPath } from './shim.js';
import { ProcessRuntime, type ProcessRuntimeOptions } from './process.js';
import type { ContainerConfig, ContainerStatus, PodSandboxConfig } from './types.js';

let built: string | undefined;

/** Compiles native/skiff-shim.c into dist/skiff-shim if it is missing or stale; returns its path. */
export function ensureShim(): string {
  if (built) return built;
  const path = defaultShimPath();
  const script = join(dirname(dirname(path)), 'scripts', 'build-shim.mjs');
  execFileSync(process.execPath, [script], { stdio: 'inherit' });
  built = path;
  return path;
}

/** Something with a close(), e.g. a ProcessRuntime. */
interface Closable {
  close(): Promise<void>;
}

/** A temp root plus everything to tear down after one test. */
export class Harness {
  readonly root: string;
  readonly shimPath: string;
  private readonly closables: Closable[] = [];
  private readonly extraPids: number[] = [];
  private readonly dirs: string[] = [];

  constructor() {
    this.shimPath = ensureShim();
    this.root = mkdtempSync(join(tmpdir(), 'skiff-rt-'));
    this.dirs.push(this.root);
  }

  /** A path under the temp root. */
  path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  /** Registers a runtime (or similar) to close at cleanup. */
  track<T extends Closable>(c: T): T {
    this.closables.push(c);
    return c;
  }

  /** Registers a process group (by pid) to SIGKILL at cleanup. */
  trackPid(pid: number | undefined): void {
    if (pid) this.extraPids.push(pid);
  }

  /** Closes runtimes, kills every recorded container group and shim under the root, removes dirs. */
  async cleanup(): Promise<void> {
    for (const c of this.closables) await c.close().catch(() => undefined);
    for (const pid of this.extraPids) killProcessGroup(pid, 'SIGKILL');
    killAllContainers(join(this.root, 'runtime'));
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** A sandbox config for tests. */
export function sandboxConfig(h: Harness, name = 'pod', uid = `uid-${name}`): PodSandboxConfig {
  return {
    podUid: uid,
    name,
    namespace: 'default',
    hostname: name,
    logDirectory: h.path('pods', `default_${name}_${uid}`),
    labels: { 'io.kubernetes.pod.name': name },
    annotations: {},
  };
}

/** A container config for tests running `argv`, logging under the harness root. */
export function containerConfig(h: Harness, name: string, argv: string[], extra: Partial<ContainerConfig> = {}): ContainerConfig {
  return {
    name,
    attempt: 0,
    image: 'busybox',
    argv,
    env: [],
    logPath: h.path('pods', name, '0.log'),
    labels: { 'io.kubernetes.container.name': name },
    annotations: {},
    ...extra,
  };
}

/** Polls `check` every 20 ms until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs `fn` with a fresh harness and an initialised runtime on `<root>/runtime`, cleaning up after. */
export async function withRuntime(
  fn: (rt: ProcessRuntime, h: Harness) => Promise<void>,
  options: Partial<ProcessRuntimeOptions> = {},
): Promise<void> {
  const h = new Harness();
  try {
    const rt = h.track(new ProcessRuntime({ root: h.path('runtime'), shimPath: h.shimPath, pidNamespace: false, ...options }));
    await rt.init();
    await fn(rt, h);
  } finally {
    await h.cleanup();
  }
}

/** Starts a container in a fresh sandbox (or the given one); returns its id. */
export async function runContainer(
  rt: ProcessRuntime,
  h: Harness,
  name: string,
  argv: string[],
  extra: Partial<ContainerConfig> = {},
  sandboxId?: string,
): Promise<string> {
  const sb = sandboxId ?? (await rt.runPodSandbox(sandboxConfig(h, `pod-${name}`))).id;
  const id = await rt.createContainer(sb, containerConfig(h, name, argv, extra));
  await rt.startContainer(id);
  return id;
}

/**
 * Starts `sh` ignoring SIGTERM and returns once the trap is set (it has logged `trapped`): a stop
 * sent earlier would find sh still with the default action and end it at once.
 */
export async function runIgnoringTerm(rt: ProcessRuntime, h: Harness, name: string, then = 'sleep 30'): Promise<string> {
  const id = await runContainer(rt, h, name, ['sh', '-c', `trap "" TERM; echo trapped; ${then}`]);
  const logPath = h.path('pods', name, '0.log');
  await waitFor(`${name} to set its SIGTERM trap`, () => (existsSync(logPath) && / stdout F trapped\n/.test(readFileSync(logPath, 'utf8')) ? true : undefined));
  return id;
}

/** Waits until a container has exited and returns its status. */
export async function waitExited(rt: ProcessRuntime, id: string, ms = 5000): Promise<ContainerStatus> {
  return waitFor(`container ${id} to exit`, async () => {
    const s = await rt.containerStatus(id);
    return s?.state === 'exited' ? s : undefined;
  }, ms);
}
