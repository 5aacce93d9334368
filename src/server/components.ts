/**
 * The in-process components `skiff server` runs besides the API, each an API client that can be
 * switched off with `--disable <name>`.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ApiServer } from '../apiserver/apiserver.js';
import type { NodeConnections } from '../apiserver/nodeproxy.js';
import type { Client } from '../client/client.js';
import type { InformerFactory } from '../client/informer.js';
import { startControllers } from '../controllers/manager.js';
import { Kubelet } from '../kubelet/kubelet.js';
import { KubeletConnection } from '../kubelet/node-connection.js';
import { ProcessRuntime } from '../kubelet/runtime/process.js';
import { Scheduler } from '../scheduler/scheduler.js';

export interface Component {
  name: string;
  stop(): Promise<void> | void;
}

export interface ComponentContext {
  client: Client;
  informers: InformerFactory;
  api: ApiServer;
  disable: Set<string>;
  dataDir: string;
  nodeName?: string;
  nodeLabels?: Record<string, string>;
  podIpRange?: string;
  maxPods?: number;
  nodeMonitorGracePeriodMs?: number;
  /** The most endpoints in one EndpointSlice (upstream --max-endpoints-per-slice; default 100). */
  maxEndpointsPerSlice?: number;
  /** Node agents the API server streams logs/exec/port-forward through. */
  nodes: NodeConnections;
  /** The cluster CA certificate (PEM), published in every namespace's kube-root-ca.crt ConfigMap. */
  rootCa?: string;
}

/** The default node name: the host name, lower-cased as Kubernetes names must be. */
export function defaultNodeName(): string {
  return hostname().toLowerCase();
}

export const COMPONENTS = ['controllers', 'scheduler', 'kubelet', 'proxy', 'dns', 'ingress'] as const;

export async function startComponents(ctx: ComponentContext): Promise<Component[]> {
  const out: Component[] = [];
  if (!ctx.disable.has('controllers')) out.push(await startControllers(ctx));
  if (!ctx.disable.has('scheduler')) {
    const s = new Scheduler({ client: ctx.client, informers: ctx.informers });
    s.start();
    out.push({ name: 'scheduler', stop: () => s.stop() });
  }
  if (!ctx.disable.has('kubelet')) out.push(await startKubelet(ctx));
  ctx.informers.start();
  return out;
}

async function startKubelet(ctx: ComponentContext): Promise<Component> {
  const nodeName = ctx.nodeName ?? defaultNodeName();
  const runtime = new ProcessRuntime({ root: join(ctx.dataDir, 'runtime'), podIpRange: ctx.podIpRange });
  const kubelet = new Kubelet({
    client: ctx.client,
    informers: ctx.informers,
    nodeName,
    runtime,
    rootDir: join(ctx.dataDir, 'kubelet'),
    nodeLabels: ctx.nodeLabels,
    maxPods: ctx.maxPods,
    // Renew well inside the node monitor grace period (upstream: every 10 s against 40 s).
    leaseRenewMs: Math.max(250, Math.min(10_000, Math.floor((ctx.nodeMonitorGracePeriodMs ?? 40_000) / 4))),
  });
  await kubelet.start();
  const conn = new KubeletConnection(kubelet, runtime);
  ctx.nodes.register(nodeName, conn);
  return {
    name: 'kubelet',
    stop: async () => {
      ctx.nodes.unregister(nodeName, conn);
      await kubelet.stop();
    },
  };
}
