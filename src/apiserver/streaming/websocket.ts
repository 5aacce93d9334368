/**
 * WebSocket plumbing for the streaming subresources: the handshake (choosing a subprotocol
 * ourselves, since `ws` refuses `SPDY/3.1+portforward.k8s.io` as a token), the
 * `v5.channel.k8s.io` / `v4.channel.k8s.io` channel framing used by exec and attach, and a byte
 * stream over binary messages for the SPDY tunnel of port-forward.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { Duplex, PassThrough, Writable } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { Status } from '../../api/types.js';

export const V5_PROTOCOL = 'v5.channel.k8s.io';
export const V4_PROTOCOL = 'v4.channel.k8s.io';
export const PORT_FORWARD_WS_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';

/** Channel numbers of the remote-command WebSocket protocols. */
export const Channel = { STDIN: 0, STDOUT: 1, STDERR: 2, ERROR: 3, RESIZE: 4, CLOSE: 255 } as const;

/** The subprotocols a client offered, in its order. */
export function offeredProtocols(req: IncomingMessage): string[] {
  const raw = req.headers['sec-websocket-protocol'];
  const joined = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  return joined
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The remote-command protocol to speak, given what the client offered: v5, else v4, else none. */
export function chooseChannelProtocol(offered: string[]): string | undefined {
  if (offered.includes(V5_PROTOCOL)) return V5_PROTOCOL;
  if (offered.includes(V4_PROTOCOL)) return V4_PROTOCOL;
  return undefined;
}

/** `[channel][payload]`. */
export function encodeChannelFrame(channel: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = channel;
  body.copy(out, 1);
  return out;
}

/** Splits a channel message; undefined for an empty one. */
export function decodeChannelFrame(msg: Buffer): { channel: number; payload: Buffer } | undefined {
  if (!msg.length) return undefined;
  return { channel: msg[0]!, payload: msg.subarray(1) };
}

/** A `ws` message as one Buffer. */
export function rawToBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** Completes WebSocket handshakes with a subprotocol we pick (any characters allowed). */
export class WsUpgrader {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly chosen = new WeakMap<IncomingMessage, string>();

  constructor() {
    this.wss.on('headers', (headers: string[], req: IncomingMessage) => {
      const p = this.chosen.get(req);
      if (p) headers.push(`Sec-WebSocket-Protocol: ${p}`);
    });
  }

  /** Answers 101 with `protocol`; rejects if the handshake fails (ws then answers 400 itself). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, protocol: string): Promise<WebSocket> {
    delete req.headers['sec-websocket-protocol'];
    this.chosen.set(req, protocol);
    return new Promise<WebSocket>((resolve, reject) => {
      let done = false;
      const onClose = (): void => {
        if (!done) reject(new Error('websocket handshake failed'));
      };
      socket.once('close', onClose);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        done = true;
        socket.off('close', onClose);
        resolve(ws);
      });
    });
  }
}

/** The streams of one exec/attach session over a channel WebSocket. */
export interface ChannelSession {
  stdin?: PassThrough;
  stdout?: Writable;
  stderr?: Writable;
  resize?: EventEmitter;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** Sends the final status on the error channel and closes with 1000. */
  finish(status: Status): Promise<void>;
}

function channelWriter(ws: WebSocket, channel: number): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (ws.readyState !== ws.OPEN) {
        cb();
        return;
      }
      ws.send(encodeChannelFrame(channel, chunk), { binary: true }, () => cb());
    },
  });
}

/** Parses `{"Width":W,"Height":H}` lines from the resize channel. */
export function parseResize(payload: Buffer): { width: number; height: number }[] {
  const out: { width: number; height: number }[] = [];
  for (const line of payload.toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as { Width?: unknown; Height?: unknown };
      if (typeof v.Width === 'number' && typeof v.Height === 'number') out.push({ width: v.Width, height: v.Height });
    } catch {
      // a malformed resize is ignored, as upstream does
    }
  }
  return out;
}

/** Wires a remote-command WebSocket: stdin/resize in, stdout/stderr out, status at the end. */
export function channelSession(ws: WebSocket, protocol: string, want: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean }): ChannelSession {
  const abort = new AbortController();
  const stdin = want.stdin ? new PassThrough() : undefined;
  const resize = want.tty ? new EventEmitter() : undefined;
  const v5 = protocol === V5_PROTOCOL;
  ws.on('message', (data: RawData) => {
    const frame = decodeChannelFrame(rawToBuffer(data));
    if (!frame) return;
    if (v5 && frame.channel === Channel.CLOSE) {
      if (frame.payload[0] === Channel.STDIN) stdin?.end();
      return;
    }
    if (frame.channel === Channel.STDIN && stdin && !stdin.writableEnded) {
      if (!stdin.write(frame.payload) && !ws.isPaused) {
        ws.pause();
        stdin.once('drain', () => ws.resume());
      }
    } else if (frame.channel === Channel.RESIZE && resize) {
      for (const size of parseResize(frame.payload)) resize.emit('resize', size);
    }
  });
  ws.on('close', () => {
    if (stdin && !stdin.writableEnded) stdin.end();
    abort.abort();
  });
  ws.on('error', () => abort.abort());
  const stdout = want.stdout ? channelWriter(ws, Channel.STDOUT) : undefined;
  const stderr = want.stderr && !want.tty ? channelWriter(ws, Channel.STDERR) : undefined;
  // Upstream announces the connection with an empty message on the lowest writable channel.
  const first = stdout ? Channel.STDOUT : stderr ? Channel.STDERR : Channel.ERROR;
  ws.send(encodeChannelFrame(first, Buffer.alloc(0)), { binary: true });
  return {
    stdin,
    stdout,
    stderr,
    resize,
    signal: abort.signal,
    finish: (status) =>
      new Promise<void>((resolve) => {
        // Input nobody read any more is dropped, so the close handshake is not stuck behind it.
        stdin?.resume();
        if (ws.isPaused) ws.resume();
        if (ws.readyState !== ws.OPEN) {
          resolve();
          return;
        }
        ws.send(encodeChannelFrame(Channel.ERROR, JSON.stringify(status)), { binary: true }, () => {
          ws.close(1000);
          resolve();
        });
      }),
  };
}

/** A byte stream over binary WebSocket messages (used to tunnel SPDY). Ending it closes with 1000. */
export function wsByteStream(ws: WebSocket): Duplex {
  const d = new Duplex({
    allowHalfOpen: false,
    read() {
      if (ws.isPaused) ws.resume();
    },
    write(chunk: Buffer, _enc, cb) {
      if (ws.readyState !== ws.OPEN) {
        cb(new Error('websocket is closed'));
        return;
      }
      ws.send(chunk, { binary: true }, (err) => cb(err ?? null));
    },
    final(cb) {
      if (ws.readyState === ws.OPEN) ws.close(1000);
      cb();
    },
    destroy(err, cb) {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.terminate();
      cb(err);
    },
  });
  ws.on('message', (data: RawData) => {
    if (!d.push(rawToBuffer(data))) ws.pause();
  });
  ws.on('close', () => d.push(null));
  ws.on('error', (err) => d.destroy(err));
  return d;
}
