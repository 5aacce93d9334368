/**
 * The node agent's Node: registration with labels, capacity and allocatable read from the
 * machine, addresses, nodeInfo and the four conditions; a status refresh when something changes
 * (or every few minutes); and the heartbeat Lease in kube-node-lease renewed every 10 s.
 */
import { mkdirSync, readFileSync, statfsSync } from 'node:fs';
import { arch, cpus, hostname, networkInterfaces, release, totalmem } from 'node:os';
import { isApiError } from '../api/errors.js';
import { deepEqual, rfc3339, rfc3339Micro } from '../api/meta.js';
import type { Lease, Node, NodeCondition } from '../api/types.js';
import type { Client } from '../client/client.js';
import { R } from '../client/resources.js';
import { logger } from '../util/log.js';
import { KUBE_VERSION } from '../apiserver/apiserver.js';

const log = logger('kubelet/node');

export const KUBELET_VERSION = `${KUBE_VERSION.gitVersion}`;
export const LEASE_DURATION_SECONDS = 40;

export interface NodeStatusOptions {
  client: Client;
  nodeName: string;
  labels?: Record<string, string>;
  taints?: Node['spec'] extends infer S ? (S extends { taints?: infer T } ? T : never) : never;
  containerRuntimeVersion: string;
  /** Directory whose filesystem is the node's ephemeral storage. */
  rootDir: string;
  /** Port of the node agent's endpoint (0 when in-process only). */
  port?: number;
  /** Heartbeat period of the Lease (ms). */
  leaseRenewMs?: number;
  /** The most pods this node runs (upstream's --max-pods, default 110). */
  maxPods?: number;
  /** Extra conditions (memory pressure...) the agent computes. */
  pressure?: () => Partial<Record<'MemoryPressure' | 'DiskPressure' | 'PIDPressure', boolean>>;
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return fallback;
  }
}

export function osImage(): string {
  const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readOr('/etc/os-release', ''));
  return m?.[1] ?? 'Linux';
}

export function nodeArch(): string {
  return arch() === 'x64' ? 'amd64' : arch();
}

/** The node's InternalIP: the first non-internal IPv4 address, or 127.0.0.1. */
export function internalIP(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

/** Capacity from the machine; allocatable keeps upstream's default hard-eviction reserves (100Mi memory, 10% disk). */
export function machineResources(rootDir: string, maxPods = 110): { capacity: Record<string, string>; allocatable: Record<string, string> } {
  const cpu = String(cpus().length);
  const memKi = Math.floor(totalmem() / 1024);
  let diskBytes: number;
  try {
    const s = statfsSync(rootDir);
    diskBytes = s.blocks * s.bsize;
  } catch {
    diskBytes = 0;
  }
  const diskKi = Math.floor(diskBytes / 1024);
  const capacity = {
    cpu,
    'ephemeral-storage': `${diskKi}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${memKi}Ki`,
    pods: String(maxPods),
  };
  const allocatable = {
    ...capacity,
    'ephemeral-storage': String(Math.floor(diskBytes * 0.9)),
    memory: `${Math.max(0, memKi - 100 * 1024)}Ki`,
  };
  return { capacity, allocatable };
}

const CONDITION_TEXT: Record<string, { ok: [string, string]; bad: [string, string] }> = {
  MemoryPressure: { ok: ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available'], bad: ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available'] },
  DiskPressure: { ok: ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure'], bad: ['KubeletHasDiskPressure', 'kubelet has disk pressure'] },
  PIDPressure: { ok: ['KubeletHasSufficientPID', 'kubelet has sufficient PID available'], bad: ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available'] },
};

export class NodeStatusManager {
  private leaseTimer?: NodeJS.Timeout;
  private statusTimer?: NodeJS.Timeout;
  private lastStatus?: Node['status'];
  private lastWrite = 0;
  private stopped = false;
  readonly address = internalIP();

  constructor(private o: NodeStatusOptions) {}

  labels(): Record<string, string> {
    const a = nodeArch();
    return {
      'beta.kubernetes.io/arch': a,
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': a,
      'kubernetes.io/hostname': this.o.nodeName,
      'kubernetes.io/os': 'linux',
      ...(this.o.labels ?? {}),
    };
  }

  /** The status as it should be now; heartbeat times kept when nothing else changed. */
  private desiredStatus(prev: Node['status'] | undefined): Node['status'] {
    const now = rfc3339();
    const { capacity, allocatable } = machineResources(this.o.rootDir, this.o.maxPods);
    const pressure = this.o.pressure?.() ?? {};
    const conditions: NodeCondition[] = [];
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure'] as const) {
      const bad = pressure[type] === true;
      const [reason, message] = bad ? CONDITION_TEXT[type]!.bad : CONDITION_TEXT[type]!.ok;
      conditions.push(this.condition(prev, type, bad ? 'True' : 'False', reason, message, now));
    }
    conditions.push(this.condition(prev, 'Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', now));
    return {
      capacity,
      allocatable,
      conditions,
      addresses: [
        { type: 'InternalIP', address: this.address },
        { type: 'Hostname', address: this.o.nodeName },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: this.o.port ?? 0 } },
      nodeInfo: {
        machineID: readOr('/etc/machine-id', ''),
        systemUUID: readOr('/sys/class/dmi/id/product_uuid', readOr('/etc/machine-id', '')),
        bootID: readOr('/proc/sys/kernel/random/boot_id', ''),
        kernelVersion: release(),
        osImage: osImage(),
        containerRuntimeVersion: this.o.containerRuntimeVersion,
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: nodeArch(),
      },
    };
  }

  private condition(prev: Node['status'] | undefined, type: string, status: string, reason: string, message: string, now: string): NodeCondition {
    const old = prev?.conditions?.find((c) => c.type === type);
    return {
      type,
      status,
      lastHeartbeatTime: now,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
      reason,
      message,
    };
  }

  /** The node's allocatable resources as last reported (read again with every status update). */
  get allocatable(): Record<string, string> {
    return (this.lastStatus?.allocatable as Record<string, string> | undefined) ?? machineResources(this.o.rootDir, this.o.maxPods).allocatable;
  }

  /** Registers the Node (or takes over an existing one) and starts the heartbeats. */
  async start(): Promise<void> {
    // The agent's directory holds container logs; its filesystem is the node's ephemeral
    // storage, which cannot be measured before the directory exists (upstream setupDataDirs).
    mkdirSync(this.o.rootDir, { recursive: true });
    const existing = await this.o.client.tryGet<Node>(R.nodes, '', this.o.nodeName);
    const status = this.desiredStatus(existing?.status);
    if (!existing) {
      try {
        await this.o.client.create<Node>(R.nodes, '', {
          metadata: { name: this.o.nodeName, labels: this.labels(), annotations: { 'node.alpha.kubernetes.io/ttl': '0' } },
          spec: this.o.taints ? { taints: this.o.taints } : {},
          status,
        });
      } catch (err) {
        if (!isApiError(err, 'AlreadyExists')) throw err;
      }
    } else {
      await this.o.client.patch(R.nodes, '', this.o.nodeName, 'merge', { metadata: { labels: this.labels() } });
    }
    await this.writeStatus(true);
    await this.renewLease();
    this.leaseTimer = setInterval(() => void this.renewLease(), this.o.leaseRenewMs ?? 10_000);
    this.leaseTimer.unref();
    this.statusTimer = setInterval(() => void this.writeStatus(false), 10_000);
    this.statusTimer.unref();
  }

  /**
   * Writes status when it differs from what the API server has (another component, the node
   * lifecycle controller, may have set conditions Unknown), or every 5 minutes as upstream's
   * nodeStatusReportFrequency.
   */
  async writeStatus(force: boolean): Promise<void> {
    if (this.stopped) return;
    try {
      const server = (await this.o.client.tryGet<Node>(R.nodes, '', this.o.nodeName))?.status;
      const status = this.desiredStatus(server ?? this.lastStatus);
      const strip = (s: Node['status']) => ({ ...s, conditions: s?.conditions?.map((c) => ({ ...c, lastHeartbeatTime: '' })) });
      if (!force && server && deepEqual(strip(status), strip(server)) && Date.now() - this.lastWrite < 5 * 60_000) return;
      await this.o.client.patch(R.nodes, '', this.o.nodeName, 'strategic', { status }, 'status');
      this.lastStatus = status;
      this.lastWrite = Date.now();
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'could not update node status');
    }
  }

  async renewLease(): Promise<void> {
    if (this.stopped) return;
    const name = this.o.nodeName;
    const spec = { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: rfc3339Micro() };
    try {
      const cur = await this.o.client.tryGet<Lease>(R.leases, 'kube-node-lease', name);
      if (!cur) {
        const node = await this.o.client.tryGet<Node>(R.nodes, '', name);
        await this.o.client.create<Lease>(R.leases, 'kube-node-lease', {
          metadata: {
            name,
            namespace: 'kube-node-lease',
            ownerReferences: node ? [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata!.uid! }] : undefined,
          },
          spec,
        });
      } else {
        await this.o.client.update<Lease>(R.leases, 'kube-node-lease', { ...cur, spec: { ...cur.spec, ...spec } });
      }
    } catch (err) {
      log.debug({ err: (err as Error).message }, 'could not renew the node lease');
    }
  }

  /** Stops heartbeats (a test can use this to simulate a lost node). */
  stop(): void {
    this.stopped = true;
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    if (this.statusTimer) clearInterval(this.statusTimer);
  }
}

export { hostname };
