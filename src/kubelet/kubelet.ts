/**
 * The node agent (kubelet): registers the Node and keeps its Lease, watches the pods bound to
 * it, and runs one PodWorker per pod against the container runtime. Runtime exits, probe results
 * and a periodic resync wake the workers. On start it re-adopts what the runtime already runs
 * (a restart of skiff keeps workloads running) and cleans up containers of pods that are gone.
 */
import { join } from 'node:path';
import { rfc3339 } from '../api/meta.js';
import type { ConfigMap, Container, KObject, Pod, Secret, Service } from '../api/types.js';
import type { Client } from '../client/client.js';
import { EventRecorder, type WriteLimit } from '../client/events.js';
import type { Informer, InformerFactory } from '../client/informer.js';
import { R } from '../client/resources.js';
import { logger } from '../util/log.js';
import { Semaphore } from '../util/semaphore.js';
import { RestartBackoff } from './backoff.js';
import { resolveEnvironment } from './envvars.js';
import { NodeStatusManager } from './node-status.js';
import { PodWorker } from './pod-worker.js';
import { ProbeManager } from './prober/index.js';
import type { ContainerStatus as RtStatus, RuntimeService } from './runtime/types.js';

const log = logger('kubelet');

export interface KubeletOptions {
  client: Client;
  informers: InformerFactory;
  nodeName: string;
  runtime: RuntimeService;
  /** The agent's own directory (`<data-dir>/kubelet`): container logs live under it. */
  rootDir: string;
  nodeLabels?: Record<string, string>;
  /** Resync period of every pod worker (ms). */
  resyncMs?: number;
  /** The most pods the node runs (upstream --max-pods, default 110). */
  maxPods?: number;
  /** How often the node's Lease is renewed (upstream 10 s; shorter when the cluster's grace period is short). */
  leaseRenewMs?: number;
  /** How fast the agent writes events (upstream eventRecordQPS / eventBurst). */
  eventWriteLimit?: WriteLimit;
}

/** Upstream KubeletConfiguration defaults: eventRecordQPS 50, eventBurst 100. */
export const KUBELET_EVENT_LIMIT: WriteLimit = { qps: 50, burst: 100 };

/** Status writes in flight at once (in-process they are CPU-bound: more would only interleave). */
export const STATUS_WRITES_IN_FLIGHT = 2;

interface PodFacts {
  podIP?: string;
  containers: Map<string, { id: string; startedAt: number; running: boolean }>;
}

export class Kubelet {
  readonly nodeStatus: NodeStatusManager;
  readonly prober: ProbeManager;
  readonly recorder: EventRecorder;
  /** Status writes in flight at once, all pods together (the rest wait in order). */
  private readonly statusWrites = new Semaphore(STATUS_WRITES_IN_FLIGHT);
  private workers = new Map<string, PodWorker>();
  private facts = new Map<string, PodFacts>();
  private pods!: Informer<Pod>;
  private services!: Informer<Service>;
  private backoff = new RestartBackoff();
  private resync?: NodeJS.Timeout;
  private stopped = false;
  private onExit = (s: RtStatus) => this.workers.get(s.podUid)?.kick();

  constructor(private o: KubeletOptions) {
    this.recorder = new EventRecorder(o.client, 'kubelet', o.nodeName, { writeLimit: o.eventWriteLimit ?? KUBELET_EVENT_LIMIT });
    this.nodeStatus = new NodeStatusManager({
      client: o.client,
      nodeName: o.nodeName,
      labels: o.nodeLabels,
      containerRuntimeVersion: o.runtime.info().containerRuntimeVersion,
      rootDir: o.rootDir,
      maxPods: o.maxPods,
      leaseRenewMs: o.leaseRenewMs,
    });
    this.prober = new ProbeManager({
      runtime: o.runtime,
      event: (pod, type, reason, message, fieldPath) => this.recorder.event(pod as KObject, type, reason, message, fieldPath),
      containers: (uid) => this.facts.get(uid),
    });
    const kickOn = (u: { podUid: string }) => this.workers.get(u.podUid)?.kick();
    this.prober.readiness.on('update', kickOn);
    this.prober.liveness.on('update', kickOn);
    this.prober.startup.on('update', kickOn);
  }

  get nodeName(): string {
    return this.o.nodeName;
  }

  /** The pod object the agent knows by namespace and name. */
  pod(namespace: string, name: string): Pod | undefined {
    return this.pods?.get(namespace, name);
  }

  async start(): Promise<void> {
    await this.o.runtime.init();
    await this.nodeStatus.start();
    this.o.runtime.on('exit', this.onExit);
    this.services = this.o.informers.for<Service>(R.services);
    this.pods = this.o.informers.for<Pod>(R.pods, { fieldSelector: `spec.nodeName=${this.o.nodeName}` });
    this.pods.on({
      add: (p) => this.dispatch(p),
      update: (_o, p) => this.dispatch(p),
      delete: (p) => this.workers.get(p.metadata!.uid!)?.update(undefined),
    });
    this.services.start();
    this.pods.start();
    await Promise.all([this.pods.waitForSync(), this.services.waitForSync()]);
    await this.adoptOrphans();
    this.resync = setInterval(() => {
      for (const w of this.workers.values()) w.kick();
    }, this.o.resyncMs ?? 10_000);
    this.resync.unref();
    log.info({ node: this.o.nodeName, pods: this.pods.size }, 'node agent started');
  }

  private dispatch(pod: Pod): void {
    if (this.stopped) return;
    const uid = pod.metadata!.uid!;
    let w = this.workers.get(uid);
    if (!w || w.isDone) {
      w = this.newWorker(uid);
    }
    w.update(pod);
  }

  private newWorker(uid: string): PodWorker {
    const w = new PodWorker(uid, {
      runtime: this.o.runtime,
      prober: this.prober,
      recorder: this.recorder,
      client: this.o.client,
      backoff: this.backoff,
      hostIP: this.nodeStatus.address,
      logRoot: join(this.o.rootDir, 'pods'),
      environment: (pod, c, podIP) => this.environment(pod, c, podIP),
      publish: (id, podIP, containers) => this.publish(id, podIP, containers),
      log,
      statusWrites: this.statusWrites,
    });
    this.workers.set(uid, w);
    void w.finished.then(() => {
      if (this.workers.get(uid) === w) this.workers.delete(uid);
    });
    return w;
  }

  /** Containers of pods that no longer exist (deleted while the agent was down) are removed. */
  private async adoptOrphans(): Promise<void> {
    const known = new Set(this.pods.list().map((p) => p.metadata!.uid!));
    const uids = new Set([...(await this.o.runtime.listContainers()).map((c) => c.podUid), ...(await this.o.runtime.listPodSandboxes()).map((s) => s.podUid)]);
    for (const uid of uids) {
      if (known.has(uid) || this.workers.has(uid)) continue;
      log.info({ uid }, 'cleaning up the containers of a pod that is gone');
      this.newWorker(uid).update(undefined);
    }
  }

  private publish(uid: string, podIP: string | undefined, containers: RtStatus[]): void {
    if (!containers.length && !podIP) {
      this.facts.delete(uid);
      return;
    }
    const byName = new Map<string, { id: string; startedAt: number; running: boolean }>();
    for (const c of [...containers].sort((a, b) => a.attempt - b.attempt)) {
      byName.set(c.name, { id: c.id, startedAt: c.startedAt ?? c.createdAt, running: c.state === 'running' });
    }
    this.facts.set(uid, { podIP, containers: byName });
  }

  /** Builds a container's environment, fetching the ConfigMaps and Secrets it names. */
  private async environment(pod: Pod, c: Container, podIP: string): Promise<[string, string][]> {
    const ns = pod.metadata!.namespace!;
    const cms = new Map<string, ConfigMap | undefined>();
    const secrets = new Map<string, Secret | undefined>();
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) cms.set(e.valueFrom.configMapKeyRef.name, undefined);
      if (e.valueFrom?.secretKeyRef?.name) secrets.set(e.valueFrom.secretKeyRef.name, undefined);
    }
    for (const f of c.envFrom ?? []) {
      if (f.configMapRef?.name) cms.set(f.configMapRef.name, undefined);
      if (f.secretRef?.name) secrets.set(f.secretRef.name, undefined);
    }
    await Promise.all([
      ...[...cms.keys()].map(async (n) => cms.set(n, await this.o.client.tryGet<ConfigMap>(R.configmaps, ns, n))),
      ...[...secrets.keys()].map(async (n) => secrets.set(n, await this.o.client.tryGet<Secret>(R.secrets, ns, n))),
    ]);
    const services = this.services.list().filter((s) => s.metadata?.namespace === ns || (s.metadata?.namespace === 'default' && s.metadata?.name === 'kubernetes'));
    const res = resolveEnvironment(pod, c, {
      configMap: (_ns, name) => cms.get(name),
      secret: (_ns, name) => secrets.get(name),
      services,
      podIP,
      podIPs: [podIP],
      hostIP: this.nodeStatus.address,
      hostIPs: [this.nodeStatus.address],
      nodeName: this.o.nodeName,
      nodeAllocatable: this.nodeStatus.allocatable,
    });
    for (const w of res.warnings) this.recorder.event(pod, 'Warning', w.reason, w.message);
    return [...res.env, ['POD_IP', podIP]].filter((e, i, all) => e[0] !== 'POD_IP' || all.findIndex((x) => x[0] === 'POD_IP') === i) as [string, string][];
  }

  /** Stops the agent; workloads keep running (they are re-adopted on the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.resync) clearInterval(this.resync);
    this.nodeStatus.stop();
    this.o.runtime.off('exit', this.onExit);
    for (const w of this.workers.values()) w.stop();
    this.prober.stop();
    await this.recorder.flush();
    await this.o.runtime.close();
  }

  /** For tests and the node-lifecycle demo: stop renewing the Lease as if the node were lost. */
  stopHeartbeats(): void {
    this.nodeStatus.stop();
  }

  now(): string {
    return rfc3339();
  }
}
