/**
 * The node agent's container log reader: turns a CRI-format log file back into the container's
 * output for `kubectl logs` — partial (`P`) pieces joined, optional RFC3339Nano timestamp
 * prefixes, `tailLines` found by reading the file backwards, `since` filtering, `limitBytes`,
 * and `follow` until the container stops and the file is drained.
 */
import { watch, type FSWatcher } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ContainerStatus, Pod } from '../api/types.js';
import { type CriLogLine, type CriStream, parseCriLine, parseRfc3339Nano } from './runtime/cri-log.js';

/** The PodLogOptions the reader applies. */
export interface ReadLogsOptions {
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339 time. */
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
  follow?: boolean;
  /** Only this stream's lines (PodLogOptions.stream); both when absent. */
  stream?: CriStream;
}

/** The container the file belongs to, and when to stop. */
export interface ReadLogsContext {
  /** Whether the container may still write to the file (follow ends once false and drained). */
  running(): boolean;
  signal: AbortSignal;
  /** Milliseconds since the epoch (tests pin it). */
  now?: () => number;
  /** Polling period while following, alongside fs.watch (default 250 ms). */
  pollMs?: number;
}

const BLOCK = 64 * 1024;
const HEAD = 128;
const NL = 0x0a;

/** An RFC3339Nano time with exactly nine fraction digits, in UTC (the kubelet's output format). */
export function formatTimestampFixed(epochNs: bigint): string {
  const NS = 1_000_000_000n;
  let sec = epochNs / NS;
  let frac = epochNs % NS;
  if (frac < 0n) {
    frac += NS;
    sec -= 1n;
  }
  return `${new Date(Number(sec) * 1000).toISOString().slice(0, 19)}.${frac.toString().padStart(9, '0')}Z`;
}

function tryParse(line: Buffer): CriLogLine | undefined {
  try {
    return parseCriLine(line);
  } catch {
    return undefined;
  }
}

/**
 * The offset where the last `n` whole lines begin, reading backwards in blocks. A line is a run
 * of `P` pieces ended by an `F` entry (or the run of pieces at the very end); bytes after the
 * last newline are a line still being written and are not counted.
 */
export async function tailStart(fh: FileHandle, end: number, n: number): Promise<number> {
  if (n <= 0) return end;
  const block = Buffer.alloc(BLOCK);
  let count = 0;
  let lineEnd = -1;
  const isPartialAt = async (s: number, e: number, blockStart: number, blockLen: number): Promise<boolean> => {
    const want = Math.min(HEAD, e - s);
    let head: Buffer;
    if (s - blockStart + want <= blockLen) head = block.subarray(s - blockStart, s - blockStart + want);
    else {
      head = Buffer.alloc(want);
      await fh.read(head, 0, want, s);
    }
    return tryParse(head)?.partial ?? false;
  };
  // Returns true when the line [s, e) starts a group beyond the n wanted.
  const visit = async (s: number, e: number, blockStart: number, blockLen: number): Promise<boolean> => {
    const partial = await isPartialAt(s, e, blockStart, blockLen);
    if (partial && count > 0) return false;
    if (count === n) return true;
    count++;
    return false;
  };
  let pos = end;
  while (pos > 0) {
    const start = Math.max(0, pos - BLOCK);
    const len = pos - start;
    await fh.read(block, 0, len, start);
    for (let i = len - 1; i >= 0; i--) {
      if (block[i] !== NL) continue;
      const nl = start + i;
      if (lineEnd >= 0 && (await visit(nl + 1, lineEnd, start, len))) return lineEnd;
      lineEnd = nl + 1;
    }
    pos = start;
  }
  if (lineEnd > 0) {
    const len = Math.min(BLOCK, end);
    await fh.read(block, 0, len, 0);
    if (await visit(0, lineEnd, 0, len)) return lineEnd;
  }
  return 0;
}

/** Turns parsed entries into output lines: joins pieces per stream, filters, prefixes timestamps. */
class LineAssembler {
  private pending = new Map<CriStream, { timeNs: bigint; parts: Buffer[] }>();

  constructor(
    private readonly sinceNs: bigint | undefined,
    private readonly timestamps: boolean,
    private readonly only: CriStream | undefined,
  ) {}

  add(e: CriLogLine): Buffer | undefined {
    if (this.only && e.stream !== this.only) return undefined;
    const p = this.pending.get(e.stream);
    if (e.partial) {
      if (p) p.parts.push(e.content);
      else this.pending.set(e.stream, { timeNs: e.timeNs, parts: [e.content] });
      return undefined;
    }
    this.pending.delete(e.stream);
    const timeNs = p ? p.timeNs : e.timeNs;
    return this.emit(timeNs, p ? [...p.parts, e.content] : [e.content], true);
  }

  /** Pieces never completed (output that ended without a newline), written without one. */
  flush(): Buffer[] {
    const out: Buffer[] = [];
    for (const p of this.pending.values()) {
      const b = this.emit(p.timeNs, p.parts, false);
      if (b) out.push(b);
    }
    this.pending.clear();
    return out;
  }

  private emit(timeNs: bigint, parts: Buffer[], newline: boolean): Buffer | undefined {
    if (this.sinceNs !== undefined && timeNs < this.sinceNs) return undefined;
    const prefix = this.timestamps ? [Buffer.from(`${formatTimestampFixed(timeNs)} `)] : [];
    return Buffer.concat([...prefix, ...parts, ...(newline ? [Buffer.from('\n')] : [])]);
  }
}

/** Waits for a file to change: fs.watch events, a poll timer, or abort, whichever comes first. */
class ChangeWaiter {
  private watcher?: FSWatcher;
  private changed = false;
  private wake?: () => void;

  constructor(path: string) {
    try {
      this.watcher = watch(path, { persistent: false }, () => {
        this.changed = true;
        this.wake?.();
      });
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // polling alone
    }
  }

  wait(ms: number, signal: AbortSignal): Promise<void> {
    if (this.changed || signal.aborted) {
      this.changed = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        this.changed = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  close(): void {
    this.watcher?.close();
  }
}

function sinceOf(opts: ReadLogsOptions, now: () => number): bigint | undefined {
  if (opts.sinceTime) return parseRfc3339Nano(opts.sinceTime.toUpperCase());
  if (opts.sinceSeconds !== undefined) return BigInt(Math.round(now() - opts.sinceSeconds * 1000)) * 1_000_000n;
  return undefined;
}

async function* generate(path: string, opts: ReadLogsOptions, ctx: ReadLogsContext): AsyncGenerator<Buffer> {
  const now = ctx.now ?? Date.now;
  const poll = ctx.pollMs ?? 250;
  let fh: FileHandle | undefined;
  const waiter = opts.follow ? new ChangeWaiter(path) : undefined;
  try {
    // A follower may arrive before the runtime has created the file.
    for (;;) {
      try {
        fh = await open(path, 'r');
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !opts.follow || !ctx.running() || ctx.signal.aborted) return;
        await waiter!.wait(poll, ctx.signal);
      }
    }
    const size = (await fh.stat()).size;
    let pos = opts.tailLines !== undefined ? await tailStart(fh, size, opts.tailLines) : 0;
    const lines = new LineAssembler(sinceOf(opts, now), opts.timestamps ?? false, opts.stream);
    let left = opts.limitBytes ?? Number.POSITIVE_INFINITY;
    let carry: Buffer = Buffer.alloc(0);
    let draining = false;
    const buf = Buffer.alloc(BLOCK);
    // Yields `b` within the byte limit; false once the limit is reached.
    const out = function* (b: Buffer): Generator<Buffer, boolean> {
      if (b.length >= left) {
        if (left > 0) yield b.subarray(0, left);
        left = 0;
        return false;
      }
      left -= b.length;
      yield b;
      return true;
    };
    for (;;) {
      if (ctx.signal.aborted) return;
      const { bytesRead } = await fh.read(buf, 0, BLOCK, pos);
      if (bytesRead > 0) {
        pos += bytesRead;
        let data = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : Buffer.from(buf.subarray(0, bytesRead));
        let nl: number;
        while ((nl = data.indexOf(NL)) >= 0) {
          const entry = tryParse(data.subarray(0, nl));
          data = data.subarray(nl + 1);
          const b = entry && lines.add(entry);
          if (b && !(yield* out(b))) return;
        }
        carry = data;
        continue;
      }
      if (!opts.follow || draining) break;
      if (!ctx.running()) {
        draining = true; // one more pass reads whatever was written before the stop
        continue;
      }
      await waiter!.wait(poll, ctx.signal);
      const st = await fh.stat();
      if (st.size < pos) {
        pos = 0; // truncated: start over
        carry = Buffer.alloc(0);
      }
    }
    if (carry.length && !ctx.running()) {
      const entry = tryParse(carry);
      const b = entry && lines.add(entry);
      if (b && !(yield* out(b))) return;
    }
    for (const b of lines.flush()) if (!(yield* out(b))) return;
  } finally {
    waiter?.close();
    await fh?.close();
  }
}

/** Streams a container's log file (CRI format) as the container's output, per PodLogOptions. */
export function readLogs(path: string, opts: ReadLogsOptions, ctx: ReadLogsContext): Readable {
  return Readable.from(generate(path, opts, ctx), { objectMode: false });
}

/**
 * Which container status the logs come from, or the error a kubelet gives instead (upstream
 * `validateContainerLogStatus`): a message for a 400 when there are no logs to read.
 */
export function containerLogStatusError(pod: Pod, container: string, previous: boolean): string | undefined {
  const podName = pod.metadata?.name ?? '';
  const st = pod.status;
  const all: ContainerStatus[] = [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? []), ...(st?.ephemeralContainerStatuses ?? [])];
  const cs = all.find((s) => s.name === container);
  const q = (s: string): string => JSON.stringify(s);
  if (!cs) return `container ${q(container)} in pod ${q(podName)} is not available`;
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) return last?.containerID ? undefined : `previous terminated container ${q(container)} in pod ${q(podName)} not found`;
  if (running) return undefined;
  if (terminated) return terminated.containerID || last?.containerID ? undefined : `container ${q(container)} in pod ${q(podName)} is terminated`;
  if (last) return last.containerID ? undefined : `container ${q(container)} in pod ${q(podName)} is terminated`;
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') return `container ${q(container)} in pod ${q(podName)} is waiting to start: image can't be pulled`;
    if (waiting.reason === 'ImagePullBackOff') return `container ${q(container)} in pod ${q(podName)} is waiting to start: trying and failing to pull image`;
    return `container ${q(container)} in pod ${q(podName)} is waiting to start: ${waiting.reason ?? ''}`;
  }
  return `container ${q(container)} in pod ${q(podName)} is waiting to start - no logs yet`;
}
