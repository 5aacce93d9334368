/**
 * Remote commands (exec, and attach through attach.ts): the options a request carries, running
 * the command on the node agent with the client's streams, and the final `metav1.Status` the
 * client decodes (Success, NonZeroExitCode with an ExitCode cause, or a Failure message),
 * served over the channel WebSocket or over SPDY streams.
 */
import { EventEmitter } from 'node:events';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import * as errors from '../../api/errors.js';
import type { Status } from '../../api/types.js';
import type { ExecIO, NodeConnection } from '../nodeproxy.js';
import { boolParam, PlainError } from './resolve.js';
import type { SpdySession, SpdyStream } from './spdy.js';
import { parseResize, type ChannelSession } from './websocket.js';

/** What an exec or attach request asks for. */
export interface RemoteCommandOptions {
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** Starts the command on the node with the given streams; resolves with its exit code. */
export type CommandStarter = (io: ExecIO) => Promise<number>;

/**
 * Reads exec/attach query parameters, in the API's spelling (`stdin=true`) or the kubelet's
 * (`input=1`). With a TTY, stderr is merged into stdout.
 */
export function parseRemoteCommandQuery(q: URLSearchParams, kind: 'exec' | 'attach'): RemoteCommandOptions {
  const tty = boolParam(q, 'tty');
  const opts: RemoteCommandOptions = {
    container: q.get('container') ?? '',
    command: kind === 'exec' ? q.getAll('command') : [],
    stdin: boolParam(q, 'stdin', 'input'),
    stdout: boolParam(q, 'stdout', 'output'),
    stderr: boolParam(q, 'stderr', 'error') && !tty,
    tty,
  };
  return opts;
}

/** The starter for an exec session on the node agent. */
export function execStarter(conn: NodeConnection, namespace: string, pod: string, opts: RemoteCommandOptions): CommandStarter {
  return (io) =>
    conn.exec(
      { namespace, pod, container: opts.container, command: opts.command, stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, tty: opts.tty },
      io,
    );
}

/** The node-side checks a kubelet makes before upgrading (plain-text 400s). */
export function checkRemoteCommand(opts: RemoteCommandOptions, kind: 'exec' | 'attach'): void {
  if (!opts.stdin && !opts.stdout && !opts.stderr) throw new PlainError(400, 'you must specify at least 1 of stdin, stdout, stderr');
  if (kind === 'exec' && opts.command.length === 0) throw new PlainError(400, 'you must specify at least one command for the container');
}

/** `{"metadata":{},"status":"Success"}`. */
export function successStatus(): Status {
  return { metadata: {}, status: 'Success' };
}

/** The status for an exit code: Success for 0, else NonZeroExitCode with an ExitCode cause. */
export function exitStatus(code: number): Status {
  if (code === 0) return successStatus();
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: exit status ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** The status for a command that could not run (an ApiError keeps its own Status). */
export function failureStatus(err: unknown): Status {
  if (err instanceof errors.ApiError) {
    const s = err.toStatus();
    return { metadata: {}, status: 'Failure', message: s.message, reason: s.reason, code: s.code, details: s.details };
  }
  const msg = err instanceof Error ? err.message : String(err);
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: error executing command in container: ${msg}`,
    reason: 'InternalError',
    code: 500,
    details: { causes: [{ message: `error executing command in container: ${msg}` }] },
  };
}

/** Waits (briefly) for output the node side is still flushing, then ends the output streams. */
async function settle(outs: (Writable | undefined)[]): Promise<void> {
  const open = outs.filter((w): w is Writable => !!w && !w.writableFinished && !w.destroyed);
  if (!open.length) return;
  const finished = Promise.all(open.map((w) => once(w, 'finish').catch(() => undefined)));
  await Promise.race([finished, delay(50)]);
  for (const w of open) if (!w.writableEnded && !w.destroyed) w.end();
  await Promise.race([finished, delay(5000)]);
}

/** Runs a command with the client's streams and turns the outcome into the final Status. */
export async function runRemoteCommand(start: CommandStarter, io: ExecIO): Promise<Status> {
  let status: Status;
  try {
    status = exitStatus(await start(io));
  } catch (err) {
    status = failureStatus(err);
  }
  await settle([io.stdout, io.stderr]);
  return status;
}

/** Serves one command over a channel WebSocket (v5/v4): streams, then the status, then close 1000. */
export async function serveChannelCommand(session: ChannelSession, start: CommandStarter): Promise<void> {
  const status = await runRemoteCommand(start, {
    stdin: session.stdin,
    stdout: session.stdout,
    stderr: session.stderr,
    resize: session.resize,
    signal: session.signal,
  });
  await session.finish(status);
}

/** The stream-protocol versions a SPDY client offered that we speak (v5 over SPDY is v4), client order. */
export function chooseSpdyCommandProtocol(offered: string[]): string | undefined {
  return offered.find((p) => p === 'v5.channel.k8s.io' || p === 'v4.channel.k8s.io');
}

/**
 * Serves one command over SPDY (the fallback when the WebSocket upgrade fails): waits for the
 * client's error/stdin/stdout/stderr streams, runs, writes the status on the error stream.
 */
export function serveSpdyCommand(session: SpdySession, opts: RemoteCommandOptions, start: CommandStarter): Promise<void> {
  return new Promise<void>((resolve) => {
    const abort = new AbortController();
    const streams = new Map<string, SpdyStream>();
    const resize = opts.tty ? new EventEmitter() : undefined;
    const expected = ['error', ...(opts.stdin ? ['stdin'] : []), ...(opts.stdout ? ['stdout'] : []), ...(opts.stderr ? ['stderr'] : [])];
    let started = false;
    const timer = setTimeout(() => session.destroy(), 30_000);
    timer.unref();
    session.on('close', () => {
      clearTimeout(timer);
      abort.abort();
      resolve();
    });
    session.on('stream', (s: SpdyStream) => {
      const type = s.headers['streamtype'] ?? '';
      if (type === 'resize') {
        let pending = '';
        s.on('data', (c: Buffer) => {
          pending += c.toString('utf8');
          const cut = pending.lastIndexOf('\n');
          if (cut < 0) return;
          for (const size of parseResize(Buffer.from(pending.slice(0, cut + 1)))) resize?.emit('resize', size);
          pending = pending.slice(cut + 1);
        });
        return;
      }
      if (type !== 'stdin') s.resume();
      streams.set(type, s);
      if (started || !expected.every((t) => streams.has(t))) return;
      started = true;
      clearTimeout(timer);
      void run();
    });
    const run = async (): Promise<void> => {
      const errorStream = streams.get('error')!;
      const status = await runRemoteCommand(start, {
        stdin: streams.get('stdin') as Readable | undefined,
        stdout: streams.get('stdout'),
        stderr: streams.get('stderr'),
        resize,
        signal: abort.signal,
      });
      // Input nobody read any more is dropped, so the transport is not held paused behind it.
      streams.get('stdin')?.resume();
      session.resumeTransport();
      if (!session.closed) {
        errorStream.end(JSON.stringify(status));
        await once(errorStream, 'finish').catch(() => undefined);
      }
      // The client closes the connection once it has read the status; close it ourselves if not.
      setTimeout(() => session.close(), 10_000).unref();
    };
  });
}
