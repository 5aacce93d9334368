/**
 * `skiff server`: the all-in-one cluster. Opens the store, serves the API over HTTPS with the
 * cluster's PKI, writes the kubeconfig, and runs the other components (controllers, scheduler,
 * node agent, proxy, DNS, ingress) in-process as API clients, each switchable off.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiServer } from '../apiserver/apiserver.js';
import { bootstrap } from '../apiserver/bootstrap.js';
import { kubernetesServiceIp } from '../apiserver/allocators/ipallocator.js';
import { ensurePki } from '../apiserver/certs.js';
import { parseTokenFile, serveHttps, type HttpsServer } from '../apiserver/http.js';
import { NodeConnections } from '../apiserver/nodeproxy.js';
import { buildResources, wireResources } from '../apiserver/resources/index.js';
import { type StreamingHandlers, streamingHandlers } from '../apiserver/streaming/index.js';
import { Client } from '../client/client.js';
import { InformerFactory } from '../client/informer.js';
import { LocalTransport } from '../client/local.js';
import { MemoryStore } from '../store/memory.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { logger } from '../util/log.js';
import { acquireLock } from './lock.js';
import { renderKubeconfig, writeKubeconfig } from './kubeconfig.js';
import { type Component, startComponents } from './components.js';

export interface ServerOptions {
  dataDir: string;
  apiPort: number;
  bindAddress: string;
  store: 'sqlite' | 'memory';
  serviceCidr: string;
  nodePortRange: string;
  disable: string[];
  nodeName?: string;
  /** How often history older than the previous interval is compacted (ms; 0 never; default 5 minutes). */
  compactAfterMs?: number;
  /** A static bearer token file (CSV `token,user,uid,"groups"`), as kube-apiserver's --token-auth-file. */
  tokenAuthFile?: string;
  /** Extra labels of this machine's Node (e.g. topology.kubernetes.io/zone). */
  nodeLabels?: Record<string, string>;
  /** Loopback range the process runtime gives pods their IPs from. */
  podIpRange?: string;
  /** The most pods this machine's node runs (upstream kubelet --max-pods). */
  maxPods?: number;
  /** How long a node may miss heartbeats before it is marked Unknown (upstream --node-monitor-grace-period). */
  nodeMonitorGracePeriodMs?: number;
  notReadyTolerationSeconds?: number;
  unreachableTolerationSeconds?: number;
  /** The most endpoints in one EndpointSlice (upstream kube-controller-manager --max-endpoints-per-slice). */
  maxEndpointsPerSlice?: number;
}

export const DEFAULTS = {
  dataDir: '.skiff',
  apiPort: 6443,
  bindAddress: '127.0.0.1',
  store: 'sqlite' as const,
  serviceCidr: '10.96.0.0/12',
  nodePortRange: '30000-32767',
};

export class SkiffServer {
  api!: ApiServer;
  https!: HttpsServer;
  store!: Store;
  client!: Client;
  informers!: InformerFactory;
  kubeconfigPath!: string;
  port = 0;
  private streaming?: StreamingHandlers;
  private components: Component[] = [];
  private unlock?: () => void;
  private compactTimer?: NodeJS.Timeout;
  private log = logger('server');

  constructor(readonly opts: ServerOptions) {}

  async start(): Promise<void> {
    const t0 = performance.now();
    const dir = resolve(this.opts.dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.unlock = acquireLock(dir);
    try {
      // Certificates (slow only on a first start) are made while the store opens.
      // The serving certificate names the bind address and the `kubernetes` Service IP (in-cluster clients use it).
      const extraIps = [this.opts.bindAddress === '0.0.0.0' ? '127.0.0.1' : this.opts.bindAddress, kubernetesServiceIp(this.opts.serviceCidr)];
      const pkiReady = ensurePki({ dir: join(dir, 'pki'), extraIps });
      pkiReady.catch(() => {});
      this.store = this.opts.store === 'memory' ? new MemoryStore() : new SqliteStore({ path: join(dir, 'state.db') });
      const resources = buildResources();
      this.api = new ApiServer({ store: this.store, resources });
      const wired = await wireResources(this.api, {
        serviceCidr: this.opts.serviceCidr,
        nodePortRange: this.opts.nodePortRange,
        notReadyTolerationSeconds: this.opts.notReadyTolerationSeconds,
        unreachableTolerationSeconds: this.opts.unreachableTolerationSeconds,
      });
      const nodes = new NodeConnections();
      this.streaming = streamingHandlers({ api: this.api, nodes });
      this.api.subresources.set('pods/log', this.streaming.logs);
      for (const s of ['exec', 'attach', 'portforward']) this.api.subresources.set(`pods/${s}`, this.streaming.connect);
      const pki = await pkiReady;
      this.https = await serveHttps(this.api, {
        host: this.opts.bindAddress,
        port: this.opts.apiPort,
        ca: pki.ca,
        server: pki.server,
        log: this.log,
        tokens: this.opts.tokenAuthFile ? parseTokenFile(readFileSync(this.opts.tokenAuthFile, 'utf8')) : undefined,
      }, this.streaming.onUpgrade);
      this.port = this.https.port;
      const host = this.opts.bindAddress === '0.0.0.0' ? '127.0.0.1' : this.opts.bindAddress;
      this.api.serverAddress = `${host}:${this.port}`;
      this.client = new Client(new LocalTransport(this.api, { name: 'system:skiff', groups: ['system:masters'] }), 'skiff');
      await bootstrap(this.client, { serviceIp: wired.allocators.ips.first(), apiHost: host, apiPort: this.port });
      this.informers = new InformerFactory(this.client);
      this.components = await startComponents({
        client: this.client,
        informers: this.informers,
        api: this.api,
        disable: new Set(this.opts.disable),
        dataDir: dir,
        nodeName: this.opts.nodeName,
        nodeLabels: this.opts.nodeLabels,
        podIpRange: this.opts.podIpRange,
        maxPods: this.opts.maxPods,
        nodeMonitorGracePeriodMs: this.opts.nodeMonitorGracePeriodMs,
        maxEndpointsPerSlice: this.opts.maxEndpointsPerSlice,
        nodes,
        rootCa: pki.ca.certPem,
      });
      this.kubeconfigPath = join(dir, 'kubeconfig');
      writeKubeconfig(this.kubeconfigPath, renderKubeconfig({ server: `https://${host}:${this.port}`, ca: pki.ca.certPem, user: pki.admin }));
      this.startCompaction();
      this.log.info(
        { port: this.port, kubeconfig: this.kubeconfigPath, store: this.store.kind, ms: Math.round(performance.now() - t0) },
        `skiff is ready: export KUBECONFIG=${this.kubeconfigPath}`,
      );
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  /** Every 5 minutes (compactAfterMs; 0 never), forget history older than the previous run's revision (as kube-apiserver compacts). */
  private startCompaction(): void {
    const every = this.opts.compactAfterMs ?? 5 * 60_000;
    if (every <= 0) return;
    let previous = this.store.currentRevision();
    this.compactTimer = setInterval(() => {
      const target = previous;
      previous = this.store.currentRevision();
      if (target > 0) void this.store.compact(target).catch((err) => this.log.warn({ err }, 'compaction failed'));
    }, every);
    this.compactTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.compactTimer) clearInterval(this.compactTimer);
    for (const c of [...this.components].reverse()) {
      try {
        await c.stop();
      } catch (err) {
        this.log.warn({ err, component: c.name }, 'component did not stop cleanly');
      }
    }
    this.components = [];
    this.informers?.stop();
    this.streaming?.closeAll();
    await this.https?.close();
    await this.store?.close();
    this.unlock?.();
    this.unlock = undefined;
  }
}
