/**
 * Pod sandboxes of the process runtime: a directory and a pod IP each, persisted under
 * `<root>/sandboxes/<id>/sandbox.json` so a restart keeps every pod's IP.
 */
import { IpPool } from './ipam.js';
import { newId, type SandboxRecord, type StateDir } from './state.js';
import type { PodSandboxConfig, PodSandboxStatus, SandboxState } from './types.js';

/** The CRI view of a sandbox record. */
export function sandboxStatus(s: SandboxRecord): PodSandboxStatus {
  return {
    id: s.id,
    podUid: s.config.podUid,
    name: s.config.name,
    namespace: s.config.namespace,
    state: s.state,
    ip: s.ip,
    createdAt: s.createdAt,
    labels: { ...s.config.labels },
    annotations: { ...s.config.annotations },
  };
}

/** In-memory sandboxes backed by their files, plus the IP pool they draw from. */
export class SandboxStore {
  private readonly records = new Map<string, SandboxRecord>();
  private readonly ips: IpPool;

  constructor(
    private readonly state: StateDir,
    podIpRange: string,
    private readonly warn: (message: string) => void,
  ) {
    this.ips = new IpPool(podIpRange);
  }

  /** Loads persisted sandboxes and re-reserves their IPs. */
  load(): void {
    for (const sb of this.state.readSandboxes()) {
      this.records.set(sb.id, sb);
      if (!this.ips.reserve(sb.ip)) {
        this.warn(`sandbox ${sb.id} keeps IP ${sb.ip}, which is outside podIpRange ${this.ips.range.cidr}`);
      }
    }
  }

  /** Creates a ready sandbox with a fresh IP (and its log directory). */
  async create(cfg: PodSandboxConfig): Promise<SandboxRecord> {
    if (!cfg.podUid || !cfg.name || !cfg.namespace) {
      throw new Error('pod sandbox config needs podUid, name and namespace');
    }
    const rec: SandboxRecord = { id: newId(), config: cfg, ip: this.ips.allocate(), createdAt: Date.now(), state: 'ready' };
    try {
      await this.state.createSandbox(rec, cfg.logDirectory ? [cfg.logDirectory] : []);
    } catch (err) {
      this.ips.release(rec.ip);
      throw err;
    }
    this.records.set(rec.id, rec);
    return rec;
  }

  get(id: string): SandboxRecord | undefined {
    return this.records.get(id);
  }

  list(): SandboxRecord[] {
    return [...this.records.values()];
  }

  /** Changes and persists a sandbox's state. */
  setState(rec: SandboxRecord, state: SandboxState): void {
    if (rec.state === state) return;
    rec.state = state;
    this.state.writeSandbox(rec);
  }

  /** Deletes a sandbox's files and releases its IP. */
  async remove(id: string): Promise<void> {
    const rec = this.records.get(id);
    if (!rec) return;
    this.records.delete(id);
    await this.state.removeSandbox(id);
    this.ips.release(rec.ip);
  }
}
