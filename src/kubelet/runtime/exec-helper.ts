/**
 * Client of `skiff-shim exec-server`, a long-lived C helper that forks exec-probe commands for
 * the runtime. Forking a tiny C process costs microseconds where spawning from Node blocks the
 * event loop for milliseconds (fork of a large heap), which matters for exec probes on many
 * containers every second.
 *
 * Frames are a u32 payload length then the payload, integers in host byte order.
 *   request  run:    u8 1, u32 id, u32 timeoutMs (0: none), u32 maxOutput, str cwd,
 *                    u32 argc, str argv..., u32 envc, str "K=V"...   (str = u32 length + bytes)
 *   request  cancel: u8 2, u32 id
 *   request  files:  u8 4, u32 id, u32 n, then n steps: u8 1 + str path (mkdir -p), or
 *                    u8 2 + str path + str content (write via a temp file and rename); in order,
 *                    the first failure ends the request (its error message in the response)
 *   request  shim:   u8 3, then as run; argv is a `skiff-shim run --daemon` command line,
 *                    a few per CPU at a time; the helper's forked child runs it without an
 *                    exec, and the response comes once the shim's output (the handshake line)
 *                    ends, while the shim lives on (the helper only reaps it)
 *   response:        u32 id, u8 kind (0 exited, 1 start error), u8 timedOut, i32 exitCode,
 *                    i32 signal, u32 n + stdout, u32 n + stderr, u32 n + error message
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { endianness } from 'node:os';
import type { FileOp } from './state.js';

const LE = endianness() === 'LE';

/** One command for the helper to run. */
export interface HelperRequest {
  argv: string[];
  env: [string, string][];
  cwd: string;
  /** 0: no timeout. */
  timeoutMs: number;
  maxOutputBytes: number;
  /** 'shim': argv is `<skiff-shim> run --daemon ...`; its handshake is its output. */
  kind?: 'run' | 'shim';
}

/** What the helper reports back. */
export interface HelperResult {
  exitCode: number;
  signal: number;
  timedOut: boolean;
  stdout: Buffer;
  stderr: Buffer;
  /** Set when the command could not be started (exec failed); exitCode is then 126/127. */
  startError?: string;
}

interface Pending {
  resolve: (r: HelperResult) => void;
  reject: (e: Error) => void;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  if (LE) b.writeUInt32LE(n >>> 0);
  else b.writeUInt32BE(n >>> 0);
  return b;
}

function readU32(b: Buffer, off: number): number {
  return LE ? b.readUInt32LE(off) : b.readUInt32BE(off);
}

function readI32(b: Buffer, off: number): number {
  return LE ? b.readInt32LE(off) : b.readInt32BE(off);
}

/** Encodes a run request frame, into one buffer sized up front (one launch per container start). */
export function encodeRunRequest(id: number, req: HelperRequest): Buffer {
  const env = req.env.map(([k, v]) => `${k}=${v}`);
  let size = 4 + 1 + 4 + 4 + 4 + 4 + 4; // frame length, kind, id, timeout, maxOutput, argc, envc
  for (const x of [req.cwd, ...req.argv, ...env]) size += 4 + Buffer.byteLength(x);
  const b = Buffer.allocUnsafe(size);
  let off = 0;
  const putU32 = (n: number): void => {
    off = LE ? b.writeUInt32LE(n >>> 0, off) : b.writeUInt32BE(n >>> 0, off);
  };
  const putStr = (x: string): void => {
    const n = b.write(x, off + 4);
    putU32(n);
    off += n;
  };
  putU32(size - 4);
  b[off++] = req.kind === 'shim' ? 3 : 1;
  putU32(id);
  putU32(Math.max(0, Math.min(0xffffffff, Math.ceil(req.timeoutMs))));
  putU32(req.maxOutputBytes);
  putStr(req.cwd);
  putU32(req.argv.length);
  for (const a of req.argv) putStr(a);
  putU32(env.length);
  for (const e of env) putStr(e);
  return b;
}

/** A frame from its payload's parts: u32 length, then the parts. */
function frame(parts: Buffer[]): Buffer {
  const payload = Buffer.concat(parts);
  return Buffer.concat([u32(payload.length), payload]);
}

/** A str field: u32 length + bytes. */
function str(x: string): Buffer[] {
  const b = Buffer.from(x);
  return [u32(b.length), b];
}

/** Encodes a files request frame. */
export function encodeFilesRequest(id: number, ops: readonly FileOp[]): Buffer {
  const parts: Buffer[] = [Buffer.from([4]), u32(id), u32(ops.length)];
  for (const op of ops) {
    if ('mkdir' in op) parts.push(Buffer.from([1]), ...str(op.mkdir));
    else parts.push(Buffer.from([2]), ...str(op.write), ...str(op.data));
  }
  return frame(parts);
}

/** Decodes one response payload (without its length prefix). */
export function decodeResponse(p: Buffer): { id: number; result: HelperResult } {
  let off = 0;
  const id = readU32(p, off);
  off += 4;
  const kind = p[off++];
  const timedOut = p[off++] === 1;
  const exitCode = readI32(p, off);
  const signal = readI32(p, off + 4);
  off += 8;
  const chunk = (): Buffer => {
    const n = readU32(p, off);
    const b = Buffer.from(p.subarray(off + 4, off + 4 + n));
    off += 4 + n;
    return b;
  };
  const stdout = chunk();
  const stderr = chunk();
  const message = chunk().toString('utf8');
  const result: HelperResult = { exitCode, signal, timedOut, stdout, stderr };
  if (kind === 1) result.startError = message;
  return { id, result };
}

/** A lazily started exec server; restarts on the next request if it dies. */
export class ExecHelper {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private buf: Buffer = Buffer.alloc(0);
  private closed = false;
  /** Whether the child's handles keep the event loop alive (toggled only on a change). */
  private reffed: boolean | undefined;

  constructor(private readonly shimPath: string) {}

  /** Runs a command; `id` can be passed to cancel(). */
  run(req: HelperRequest): { id: number; result: Promise<HelperResult> } {
    let id = 0;
    const result = this.request((n) => encodeRunRequest((id = n), req));
    return { id, result };
  }

  private request(encode: (id: number) => Buffer): Promise<HelperResult> {
    if (this.closed) throw new Error('exec helper is closed');
    const child = this.ensure();
    const id = this.nextId;
    this.nextId = this.nextId >= 0x7fffffff ? 1 : this.nextId + 1;
    const result = new Promise<HelperResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
    });
    this.setRef(true);
    child.stdin?.write(encode(id));
    return result;
  }

  /**
   * Has the helper make directories and write files, in order, off this event loop; resolves
   * once all are done, rejects with the first failure. Requests are served in the order sent, so
   * a later shim request sees these files.
   */
  async files(ops: readonly FileOp[]): Promise<void> {
    const r = await this.request((id) => encodeFilesRequest(id, ops));
    if (r.startError !== undefined) throw new Error(r.startError);
  }

  /** Kills a running command's process group (its result still arrives, with signal 9). */
  cancel(id: number): void {
    if (!this.pending.has(id) || !this.child?.stdin) return;
    this.child.stdin.write(frame([Buffer.from([2]), u32(id)]));
  }

  /** Stops the helper, which kills whatever it still runs; pending calls reject. */
  close(): void {
    this.closed = true;
    this.child?.stdin?.end();
    this.failAll(new Error('exec helper closed'));
  }

  private ensure(): ChildProcess {
    if (this.child) return this.child;
    const child = spawn(this.shimPath, ['exec-server'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.child = child;
    this.reffed = undefined;
    this.buf = Buffer.alloc(0);
    child.stdin?.on('error', () => undefined);
    child.stdout?.on('data', (chunk: Buffer) => this.onData(chunk));
    child.on('error', (err) => this.onGone(child, err));
    child.on('exit', (code, sig) => this.onGone(child, new Error(`exec helper exited (${sig ?? code})`)));
    return child;
  }

  private onGone(child: ChildProcess, err: Error): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.failAll(err);
  }

  private failAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    this.setRef(false);
    for (const p of all) p.reject(err);
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 4) {
      const len = readU32(this.buf, 0);
      if (this.buf.length < 4 + len) break;
      const { id, result } = decodeResponse(this.buf.subarray(4, 4 + len));
      this.buf = this.buf.subarray(4 + len);
      const p = this.pending.get(id);
      this.pending.delete(id);
      p?.resolve(result);
    }
    if (this.pending.size === 0) this.setRef(false);
  }

  /** Keeps the event loop alive only while commands are in flight. */
  private setRef(ref: boolean): void {
    const c = this.child;
    if (!c || this.reffed === ref) return;
    this.reffed = ref;
    const handles: unknown[] = [c, c.stdout, c.stdin];
    for (const h of handles) {
      const x = h as { ref?: () => void; unref?: () => void } | null;
      if (ref) x?.ref?.();
      else x?.unref?.();
    }
  }
}
