/**
 * TCP socket probes (upstream `pkg/probe/tcp`): success when a connection to host:port opens
 * within the timeout; otherwise a failure whose output is Go's dial error
 * (`dial tcp 10.0.0.5:8080: connect: connection refused`, `... i/o timeout`).
 */
import net from 'node:net';
import type { Container, Probe } from '../../api/types.js';
import { outcome, type ProbeOutcome, type ProbeRunner, type ProbeTarget } from './types.js';
import { dialErrorMessage, dialTimeoutMessage, resolveContainerPort, type PortResolution } from './util.js';

/** Runs a `tcpSocket` probe; the port is resolved once, when the runner is built. */
export class TcpRunner implements ProbeRunner {
  readonly needsPodIP: boolean;
  private readonly host: string;
  private readonly port: PortResolution;

  constructor(action: NonNullable<Probe['tcpSocket']>, container: Container) {
    this.host = action.host ?? '';
    this.needsPodIP = this.host === '';
    this.port = resolveContainerPort(action.port, container);
  }

  run(target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
    if (this.port.error !== undefined) return Promise.resolve(outcome.error(this.port.error));
    return tcpProbe(this.host || target.podIP || '', this.port.port, timeoutMs);
  }
}

/** Opens and closes one TCP connection (upstream `DoTCPProbe`). */
export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const finish = (o: ProbeOutcome): void => {
      clearTimeout(timer);
      sock.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => finish(outcome.failure(dialTimeoutMessage(host, port))), timeoutMs);
    sock.once('connect', () => finish(outcome.success()));
    sock.on('error', (err) => finish(outcome.failure(dialErrorMessage(err, host, port))));
  });
}
