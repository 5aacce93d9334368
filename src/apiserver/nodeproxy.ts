/**
 * How the API server reaches a node agent for the streaming pod subresources (log, exec,
 * attach, portforward). A node agent in the same process registers itself directly; a remote
 * agent (`skiff agent`) is reached over its HTTPS endpoint with the same operations.
 */
import type { Duplex, Readable, Writable } from 'node:stream';
import type { EventEmitter } from 'node:events';

export interface LogOptions {
  container: string;
  follow?: boolean;
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339 time. */
  sinceTime?: string;
  limitBytes?: number;
}

export interface ExecOptions {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export interface ExecIO {
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  /** Emits 'resize' with {width, height} (tty only). */
  resize?: EventEmitter;
  signal?: AbortSignal;
}

/** What a node agent offers the API server. Failures are thrown as ApiErrors (400 / 404 ...). */
export interface NodeConnection {
  /** Log bytes of a container, already filtered and formatted (timestamps prefixed if asked). */
  logs(namespace: string, pod: string, opts: LogOptions, signal: AbortSignal): Promise<Readable>;
  /** Runs a command in a container; resolves with its exit code. */
  exec(opts: ExecOptions, io: ExecIO): Promise<number>;
  /** Attaches to the main process of a container (its stdout/stderr from now on, and stdin if open). */
  attach?(opts: Omit<ExecOptions, 'command'>, io: ExecIO): Promise<number>;
  /** Opens a TCP connection to `port` inside the pod. */
  portForward(namespace: string, pod: string, port: number): Promise<Duplex>;
}

/** The node agents the API server can reach, by node name. */
export class NodeConnections {
  private byNode = new Map<string, NodeConnection>();

  register(node: string, conn: NodeConnection): void {
    this.byNode.set(node, conn);
  }

  unregister(node: string, conn?: NodeConnection): void {
    if (!conn || this.byNode.get(node) === conn) this.byNode.delete(node);
  }

  get(node: string): NodeConnection | undefined {
    return this.byNode.get(node);
  }
}
