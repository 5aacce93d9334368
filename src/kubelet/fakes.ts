/**
 * In-memory stand-ins for the node agent's unit tests: a RuntimeService whose containers run
 * until told to exit (or stopped), and an API transport that keeps objects by path and applies
 * strategic merge patches as the API server does.
 */
import { EventEmitter } from 'node:events';
import { ApiError } from '../api/errors.js';
import type { KObject } from '../api/types.js';
import { applyStrategicMergePatch } from '../apiserver/patch/strategic.js';
import type { RequestOptions, Transport, WatchHandle } from '../client/transport.js';
import type {
  ContainerConfig,
  ContainerStatus,
  ExecStreams,
  ExecSyncResult,
  PodSandboxConfig,
  PodSandboxStatus,
  RuntimeInfo,
  RuntimeService,
} from './runtime/types.js';

/** One stopContainer call as the fake saw it. */
export interface StopCall {
  name: string;
  timeoutSeconds: number;
  at: number;
}

/** A runtime with no processes: containers are records that exit when the test (or a stop) says so. */
export class FakeRuntime extends EventEmitter implements RuntimeService {
  readonly sandboxes = new Map<string, PodSandboxStatus>();
  readonly containers = new Map<string, ContainerStatus & { argv: string[] }>();
  readonly stops: StopCall[] = [];
  readonly execs: { name: string; argv: string[] }[] = [];
  /** Set to make runPodSandbox fail with this error. */
  sandboxError?: Error;
  /** Containers (by name) that ignore SIGTERM: they only go at the SIGKILL. */
  readonly ignoreTerm = new Set<string>();
  /** The answer to execSync (hooks, probes). */
  execHandler: (name: string, argv: string[]) => Partial<ExecSyncResult> | Promise<Partial<ExecSyncResult>> = () => ({});
  private seq = 0;
  private ips = 0;

  info(): RuntimeInfo {
    return { runtimeName: 'fake', runtimeVersion: '0', containerRuntimeVersion: 'fake://0' };
  }
  async init(): Promise<void> {}
  async runPodSandbox(cfg: PodSandboxConfig): Promise<PodSandboxStatus> {
    if (this.sandboxError) throw this.sandboxError;
    const id = `sb-${++this.seq}`;
    const s: PodSandboxStatus = { id, podUid: cfg.podUid, name: cfg.name, namespace: cfg.namespace, state: 'ready', ip: `127.0.0.${++this.ips + 1}`, createdAt: Date.now(), labels: cfg.labels, annotations: cfg.annotations };
    this.sandboxes.set(id, s);
    return { ...s };
  }
  async stopPodSandbox(id: string): Promise<void> {
    const s = this.sandboxes.get(id);
    if (s) s.state = 'notready';
  }
  async removePodSandbox(id: string): Promise<void> {
    this.sandboxes.delete(id);
  }
  async listPodSandboxes(): Promise<PodSandboxStatus[]> {
    return [...this.sandboxes.values()].map((s) => ({ ...s }));
  }
  async createContainer(sandboxId: string, cfg: ContainerConfig): Promise<string> {
    const sb = this.sandboxes.get(sandboxId)!;
    const id = `c-${++this.seq}`;
    this.containers.set(id, {
      id,
      sandboxId,
      podUid: sb.podUid,
      name: cfg.name,
      attempt: cfg.attempt,
      image: cfg.image,
      state: 'created',
      createdAt: Date.now(),
      logPath: cfg.logPath,
      labels: cfg.labels,
      annotations: cfg.annotations,
      argv: cfg.argv,
    });
    return id;
  }
  async startContainer(id: string): Promise<void> {
    const c = this.containers.get(id)!;
    c.state = 'running';
    c.startedAt = Date.now();
  }
  /** Ends a running container as if its process exited with `code` (or was killed by `signal`). */
  exit(id: string, code: number, signal?: number): void {
    const c = this.containers.get(id);
    if (!c || c.state !== 'running') return;
    Object.assign(c, { state: 'exited', exitCode: code, finishedAt: Date.now(), reason: code === 0 ? 'Completed' : 'Error' });
    if (signal) c.signal = signal;
    this.emit('exit', this.copy(c));
  }
  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const c = this.containers.get(id);
    if (!c || c.state !== 'running') return;
    this.stops.push({ name: c.name, timeoutSeconds, at: Date.now() });
    if (!this.ignoreTerm.has(c.name) || timeoutSeconds === 0) {
      this.exit(id, this.ignoreTerm.has(c.name) ? 137 : 143, this.ignoreTerm.has(c.name) ? 9 : 15);
      return;
    }
    await new Promise((r) => setTimeout(r, timeoutSeconds * 1000));
    this.exit(id, 137, 9);
  }
  async removeContainer(id: string): Promise<void> {
    this.containers.delete(id);
  }
  async listContainers(filter?: { podUid?: string; sandboxId?: string }): Promise<ContainerStatus[]> {
    return [...this.containers.values()]
      .filter((c) => (filter?.podUid === undefined || c.podUid === filter.podUid) && (filter?.sandboxId === undefined || c.sandboxId === filter.sandboxId))
      .map((c) => this.copy(c));
  }
  async containerStatus(id: string): Promise<ContainerStatus | undefined> {
    const c = this.containers.get(id);
    return c ? this.copy(c) : undefined;
  }
  async execSync(id: string, argv: string[]): Promise<ExecSyncResult> {
    const name = this.containers.get(id)?.name ?? '';
    this.execs.push({ name, argv });
    return { exitCode: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), timedOut: false, ...(await this.execHandler(name, argv)) };
  }
  async exec(_id: string, _argv: string[], _streams: ExecStreams): Promise<number> {
    return 0;
  }
  async close(): Promise<void> {}

  /** The newest instance of a container, by name. */
  latest(name: string): (ContainerStatus & { argv: string[] }) | undefined {
    return [...this.containers.values()].filter((c) => c.name === name).sort((a, b) => b.attempt - a.attempt)[0];
  }

  private copy(c: ContainerStatus & { argv: string[] }): ContainerStatus {
    const { argv: _argv, ...rest } = c;
    return { ...rest, labels: { ...c.labels }, annotations: { ...c.annotations } };
  }
}

/** One request the fake API server answered. */
export interface ApiCall {
  method: string;
  path: string;
  body?: unknown;
  /** The object after a PATCH. */
  result?: KObject;
}

const MODEL: Record<string, string> = { pods: 'V1Pod', events: 'CoreV1Event', nodes: 'V1Node', leases: 'V1Lease' };

/** An API server in a map: GET, POST, strategic PATCH (status too) and DELETE on object paths. */
export class FakeApi implements Transport {
  readonly objects = new Map<string, KObject>();
  readonly calls: ApiCall[] = [];
  private rv = 1;

  /** Stores an object at its path (`/api/v1/namespaces/<ns>/<plural>/<name>`). */
  put(path: string, obj: KObject): void {
    this.objects.set(path, { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } });
  }

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<unknown> {
    this.calls.push({ method, path, body: opts.body });
    const status = path.endsWith('/status');
    const objPath = status ? path.slice(0, -'/status'.length) : path;
    const plural = objPath.split('/').at(-2) ?? '';
    if (method === 'POST') {
      const obj = structuredClone(opts.body) as KObject;
      const p = `${path}/${obj.metadata?.name}`;
      if (this.objects.has(p)) throw new ApiError(409, 'AlreadyExists', `${obj.metadata?.name} already exists`);
      this.put(p, obj);
      return structuredClone(this.objects.get(p));
    }
    const cur = this.objects.get(objPath);
    if (!cur) throw new ApiError(404, 'NotFound', `${objPath} not found`);
    if (method === 'GET') return structuredClone(cur);
    if (method === 'PUT') {
      this.put(objPath, structuredClone(opts.body) as KObject);
      return structuredClone(this.objects.get(objPath));
    }
    if (method === 'DELETE') {
      this.objects.delete(objPath);
      return { kind: 'Status', status: 'Success' };
    }
    if (method === 'PATCH') {
      let next = applyStrategicMergePatch(cur, opts.body, MODEL[plural] ?? 'V1Pod') as KObject;
      if (status) next = { ...cur, status: (next as { status?: unknown }).status } as KObject;
      this.put(objPath, next);
      this.calls.at(-1)!.result = structuredClone(this.objects.get(objPath));
      return structuredClone(this.objects.get(objPath));
    }
    throw new ApiError(405, 'MethodNotAllowed', method);
  }

  async watch(): Promise<WatchHandle> {
    return { stop: () => undefined };
  }

  /** The objects stored under a collection path. */
  list(prefix: string): KObject[] {
    return [...this.objects.entries()].filter(([p]) => p.startsWith(`${prefix}/`)).map(([, o]) => o);
  }
}
