/**
 * Picks the handler for a probe spec (upstream `newProbeRunner`): exec, httpGet, tcpSocket or
 * grpc; a probe without a handler gets a runner that always errors, as upstream's `runProbe`
 * default case does.
 */
import type { Container, Pod, Probe } from '../../api/types.js';
import { ExecRunner, type ExecRuntime } from './exec.js';
import { GrpcRunner } from './grpc.js';
import { HttpRunner } from './http.js';
import { TcpRunner } from './tcp.js';
import { outcome, type ProbeOutcome, type ProbeRunner } from './types.js';

/** Builds the runner for one probe of one container. */
export function newProbeRunner(probe: Probe, pod: Pod, container: Container, runtime: ExecRuntime): ProbeRunner {
  if (probe.exec) return new ExecRunner(runtime, probe.exec.command ?? [], container);
  if (probe.httpGet) return new HttpRunner(probe.httpGet, container);
  if (probe.tcpSocket) return new TcpRunner(probe.tcpSocket, container);
  if (probe.grpc) return new GrpcRunner(probe.grpc);
  const m = pod.metadata ?? {};
  return new ErrorRunner(`missing probe handler for ${m.name}_${m.namespace}(${m.uid}):${container.name}`);
}

/** A runner for an unusable spec: every attempt errors with the same message. */
export class ErrorRunner implements ProbeRunner {
  readonly needsPodIP = false;
  private readonly result: Promise<ProbeOutcome>;

  constructor(message: string) {
    this.result = Promise.resolve(outcome.error(message));
  }

  run(): Promise<ProbeOutcome> {
    return this.result;
  }
}
