/**
 * What the node agent serves the API server (upstream: the kubelet's /containerLogs, /exec and
 * /portForward endpoints): container logs from the CRI log files, exec in a running container
 * through the runtime, and TCP connections to a pod's port.
 */
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { badRequest, notFound } from '../api/errors.js';
import type { ExecIO, ExecOptions, LogOptions, NodeConnection } from '../apiserver/nodeproxy.js';
import type { Kubelet } from './kubelet.js';
import { containerLogStatusError, readLogs } from './logs.js';
import type { ContainerStatus as RtStatus, RuntimeService } from './runtime/types.js';

export class KubeletConnection implements NodeConnection {
  constructor(
    private kubelet: Kubelet,
    private runtime: RuntimeService,
  ) {}

  private pod(namespace: string, name: string) {
    const p = this.kubelet.pod(namespace, name);
    if (!p) throw notFound({ group: '', resource: 'pods' }, name);
    return p;
  }

  private async instances(uid: string, container: string): Promise<RtStatus[]> {
    return (await this.runtime.listContainers({ podUid: uid }))
      .filter((c) => c.name === container)
      .sort((a, b) => b.attempt - a.attempt || b.createdAt - a.createdAt);
  }

  async logs(namespace: string, name: string, opts: LogOptions, signal: AbortSignal) {
    const pod = this.pod(namespace, name);
    const why = containerLogStatusError(pod, opts.container, !!opts.previous);
    if (why) throw badRequest(why);
    const inst = await this.instances(pod.metadata!.uid!, opts.container);
    const target = opts.previous ? inst.find((c, i) => i > 0 && c.state === 'exited') ?? inst[1] : inst[0];
    if (!target) {
      throw badRequest(
        opts.previous
          ? `previous terminated container "${opts.container}" in pod "${name}" not found`
          : `container "${opts.container}" in pod "${name}" is waiting to start: ContainerCreating`,
      );
    }
    const id = target.id;
    let running = target.state === 'running';
    const refresh = setInterval(() => {
      void this.runtime.containerStatus(id).then((s) => (running = s?.state === 'running'));
    }, 250);
    signal.addEventListener('abort', () => clearInterval(refresh), { once: true });
    const stream = readLogs(
      target.logPath,
      { tailLines: opts.tailLines, sinceSeconds: opts.sinceSeconds, sinceTime: opts.sinceTime, timestamps: opts.timestamps, limitBytes: opts.limitBytes, follow: opts.follow },
      { running: () => running, signal },
    );
    stream.once('close', () => clearInterval(refresh));
    return stream;
  }

  async exec(opts: ExecOptions, io: ExecIO): Promise<number> {
    const pod = this.pod(opts.namespace, opts.pod);
    const running = (await this.instances(pod.metadata!.uid!, opts.container)).find((c) => c.state === 'running');
    if (!running) throw badRequest(`container not found ("${opts.container}")`);
    return this.runtime.exec(running.id, opts.command, {
      stdin: opts.stdin ? io.stdin : undefined,
      stdout: opts.stdout ? io.stdout : undefined,
      stderr: opts.stderr ? io.stderr : undefined,
      tty: opts.tty,
      resize: io.resize,
      signal: io.signal,
    });
  }

  async portForward(namespace: string, name: string, port: number): Promise<Duplex> {
    const pod = this.pod(namespace, name);
    const ip = pod.status?.podIP;
    if (!ip) throw badRequest(`pod ${name} has no IP yet`);
    return new Promise((resolve, reject) => {
      const sock = connect({ host: ip, port }, () => {
        sock.off('error', reject);
        resolve(sock);
      });
      sock.once('error', reject);
    });
  }
}
