/**
 * The container runtime interface the node agent drives, shaped after the CRI: pod sandboxes
 * and containers, status, exec, and exit notifications. The lifecycle code (kubelet) only talks
 * to this interface, so runtimes (process, runc) plug in without touching it.
 */
import type { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/** Labels the kubelet puts on sandboxes and containers to find its pods again after a restart. */
export const LABEL_POD_UID = 'io.kubernetes.pod.uid';
export const LABEL_POD_NAME = 'io.kubernetes.pod.name';
export const LABEL_POD_NAMESPACE = 'io.kubernetes.pod.namespace';
export const LABEL_CONTAINER_NAME = 'io.kubernetes.container.name';

export interface PodSandboxConfig {
  podUid: string;
  name: string;
  namespace: string;
  /** Pod hostname (spec.hostname or the pod name). */
  hostname: string;
  /** Directory for this pod's container logs (`<root>/pods/<ns>_<name>_<uid>`). */
  logDirectory: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type SandboxState = 'ready' | 'notready';

export interface PodSandboxStatus {
  id: string;
  podUid: string;
  name: string;
  namespace: string;
  state: SandboxState;
  /** The pod's IP address (process runtime: its own 127.x loopback address). */
  ip: string;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ContainerResources {
  /** limits.memory in bytes (0: none). */
  memoryLimitBytes?: number;
  /** limits.cpu in millicores (0: none). */
  cpuLimitMillis?: number;
  /** requests.cpu in millicores, for weights. */
  cpuRequestMillis?: number;
}

export interface ContainerConfig {
  /** Container name from the pod spec. */
  name: string;
  /** 0 for the first instance; restartCount for later ones. */
  attempt: number;
  image: string;
  /** The full argv: command + args, with $(VAR) references already expanded. Must not be empty. */
  argv: string[];
  /** The container's environment, in order (later entries win). */
  env: [string, string][];
  /** Working directory ('' → the runtime's default). */
  workingDir?: string;
  /** Absolute path of this instance's log file (CRI format). */
  logPath: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  resources?: ContainerResources;
}

export type ContainerState = 'created' | 'running' | 'exited' | 'unknown';

export interface ContainerStatus {
  id: string;
  sandboxId: string;
  podUid: string;
  name: string;
  attempt: number;
  image: string;
  state: ContainerState;
  /** Epoch milliseconds. */
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** The signal that ended the process, if any (e.g. 9). */
  signal?: number;
  /** 'Completed' (exit 0), 'Error', 'OOMKilled', 'ContainerCannotRun' (could not start). */
  reason?: string;
  message?: string;
  /** Host pid of the container's main process (process runtime). */
  pid?: number;
  logPath: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ExecSyncResult {
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
  /** True when the command was killed because it ran past the timeout. */
  timedOut: boolean;
}

/** Streams of an interactive exec (kubectl exec). */
export interface ExecStreams {
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  tty: boolean;
  /** Terminal size changes (tty only). */
  resize?: EventEmitter;
  /** Abort to kill the exec'd process (client went away). */
  signal?: AbortSignal;
}

export interface RuntimeInfo {
  runtimeName: string;
  runtimeVersion: string;
  /** What `node.status.nodeInfo.containerRuntimeVersion` shows, e.g. `skiff-process://0.1.0`. */
  containerRuntimeVersion: string;
}

/**
 * Events a runtime emits (its PLEG fast path): `exit` with the ContainerStatus of a container
 * that just stopped. The kubelet also relists periodically, so a missed event is not fatal.
 */
export interface RuntimeEvents {
  on(event: 'exit', listener: (status: ContainerStatus) => void): this;
  off(event: 'exit', listener: (status: ContainerStatus) => void): this;
}

export interface RuntimeService extends RuntimeEvents {
  info(): RuntimeInfo;
  /** Loads state left by an earlier run (re-adoption after a restart). Call once before use. */
  init(): Promise<void>;
  runPodSandbox(cfg: PodSandboxConfig): Promise<PodSandboxStatus>;
  stopPodSandbox(id: string): Promise<void>;
  removePodSandbox(id: string): Promise<void>;
  listPodSandboxes(): Promise<PodSandboxStatus[]>;
  createContainer(sandboxId: string, cfg: ContainerConfig): Promise<string>;
  /** Starts a created container; resolves once its process runs (or rejects if it cannot). */
  startContainer(id: string): Promise<void>;
  /**
   * Stops a container: SIGTERM to its process group, SIGKILL after `timeoutSeconds` (0: at
   * once). Resolves once it has exited. A no-op for an exited container.
   */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  listContainers(filter?: { podUid?: string; sandboxId?: string }): Promise<ContainerStatus[]>;
  containerStatus(id: string): Promise<ContainerStatus | undefined>;
  /** Runs a command in the container's context (env, working dir) and collects its output. */
  execSync(id: string, argv: string[], timeoutMs: number): Promise<ExecSyncResult>;
  /** Runs a command in the container's context with live streams; resolves with its exit code. */
  exec(id: string, argv: string[], streams: ExecStreams): Promise<number>;
  /** Frees what the runtime holds in memory (watchers); containers keep running. */
  close(): Promise<void>;
}
