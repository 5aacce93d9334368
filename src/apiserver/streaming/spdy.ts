/**
 * The server side of a SPDY/3.1 connection as kubectl's spdystream client drives it: every
 * stream the client opens is answered with a SYN_REPLY and surfaced as a Duplex, PINGs are
 * echoed, RST_STREAM and GOAWAY tear streams down. There is no flow control: spdystream neither
 * sends nor honours WINDOW_UPDATE.
 */
import { EventEmitter } from 'node:events';
import { Duplex } from 'node:stream';
import {
  encodeData,
  encodeGoaway,
  encodePing,
  encodeRstStream,
  encodeSynReply,
  FLAG_FIN,
  FrameParser,
  FrameType,
  HeaderCompressor,
  HeaderDecompressor,
  type RawFrame,
  RstStatus,
  type SpdyHeaders,
} from './spdy-frames.js';

export * from './spdy-frames.js';

const EMPTY = Buffer.alloc(0);
/** Largest DATA payload sent in one frame. */
const MAX_DATA = 64 * 1024;
/** Unread bytes on one stream above which the transport is paused. */
const HIGH_WATER = 1024 * 1024;

/** One client-initiated stream: readable side is what the client sends, writable what we send. */
export class SpdyStream extends Duplex {
  private localFin = false;
  private remoteFin = false;
  private resetByPeer = false;

  constructor(
    private readonly session: SpdySession,
    readonly id: number,
    readonly headers: SpdyHeaders,
  ) {
    super({ allowHalfOpen: true });
  }

  override _read(): void {
    this.session.resumeTransport();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.session.sendData(this.id, chunk, false).then(() => cb(), cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.localFin = true;
    this.session.sendData(this.id, EMPTY, true).then(() => {
      if (this.remoteFin) this.session.forget(this.id);
      cb();
    }, cb);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (!this.resetByPeer && !(this.localFin && this.remoteFin)) this.session.sendReset(this.id, RstStatus.CANCEL);
    this.session.forget(this.id);
    cb(err);
  }

  /** Data (and FIN) the client sent on this stream. */
  receive(data: Buffer, fin: boolean): void {
    if (this.remoteFin || this.destroyed) return;
    if (data.length && !this.push(data) && this.readableLength > HIGH_WATER) this.session.pauseTransport();
    if (fin) {
      this.remoteFin = true;
      this.push(null);
      if (this.localFin) this.session.forget(this.id);
    }
  }

  /** The client reset this stream. */
  peerReset(): void {
    this.resetByPeer = true;
    this.destroy();
  }
}

/** A SPDY/3.1 server session over any byte transport (a TLS socket, or a WebSocket tunnel). Emits 'stream' and 'close'. */
export class SpdySession extends EventEmitter {
  private readonly parser = new FrameParser();
  private readonly inflate = new HeaderDecompressor();
  private readonly deflate = new HeaderCompressor();
  private readonly streams = new Map<number, SpdyStream>();
  private lastStreamId = 0;
  private outChain: Promise<void> = Promise.resolve();
  private inChain: Promise<void> = Promise.resolve();
  private closing = false;
  closed = false;

  constructor(private readonly transport: Duplex) {
    super();
    transport.on('data', (c: Buffer) => this.onData(c));
    transport.on('end', () => this.destroy());
    transport.on('close', () => this.destroy());
    transport.on('error', () => this.destroy());
  }

  /** Streams currently open. */
  get openStreams(): number {
    return this.streams.size;
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    const frames = this.parser.push(chunk);
    for (const f of frames) {
      this.inChain = this.inChain.then(() => this.handle(f)).catch(() => this.destroy());
    }
  }

  private async handle(f: RawFrame): Promise<void> {
    if (this.closed) return;
    if (!f.control) {
      this.streams.get(f.streamId)?.receive(f.data, (f.flags & FLAG_FIN) !== 0);
      return;
    }
    const p = f.payload;
    switch (f.type) {
      case FrameType.SYN_STREAM: {
        const id = p.readUInt32BE(0) & 0x7fffffff;
        const headers = await this.inflate.decompress(p.subarray(10));
        if (this.closed || this.closing) return;
        if (id === 0 || id % 2 === 0 || id <= this.lastStreamId) {
          void this.sendReset(id, this.streams.has(id) ? RstStatus.STREAM_IN_USE : RstStatus.PROTOCOL_ERROR);
          return;
        }
        this.lastStreamId = id;
        const stream = new SpdyStream(this, id, headers);
        this.streams.set(id, stream);
        void this.enqueue(async () => encodeSynReply(id, await this.deflate.compress({})));
        if (f.flags & FLAG_FIN) stream.receive(EMPTY, true);
        this.emit('stream', stream);
        return;
      }
      case FrameType.SYN_REPLY:
      case FrameType.HEADERS:
        // Decoded only to keep the shared decompression context in step.
        await this.inflate.decompress(p.subarray(4));
        return;
      case FrameType.RST_STREAM:
        this.streams.get(p.readUInt32BE(0) & 0x7fffffff)?.peerReset();
        return;
      case FrameType.PING: {
        const id = p.readUInt32BE(0);
        if (id % 2 === 1) void this.enqueue(() => encodePing(id));
        return;
      }
      case FrameType.GOAWAY:
        this.close();
        return;
      default:
        // SETTINGS, WINDOW_UPDATE and unknown types carry nothing we act on.
        return;
    }
  }

  /** Queues a frame; frames go out strictly in queue order (a SYN_REPLY before its stream's data). */
  private enqueue(make: () => Buffer | Promise<Buffer>): Promise<void> {
    const step = async (): Promise<void> => {
      if (this.closed) return;
      const buf = await make();
      if (this.closed) return;
      await new Promise<void>((resolve) => this.transport.write(buf, () => resolve()));
    };
    const p = this.outChain.then(step);
    this.outChain = p.catch(() => undefined);
    return p;
  }

  /** Sends data on a stream, in frames of at most 64 KiB; resolves once written. */
  sendData(id: number, data: Buffer, fin: boolean): Promise<void> {
    if (this.closed) return Promise.resolve();
    let last: Promise<void> = Promise.resolve();
    for (let off = 0; off < data.length; off += MAX_DATA) {
      const piece = data.subarray(off, Math.min(off + MAX_DATA, data.length));
      const end = fin && off + MAX_DATA >= data.length;
      last = this.enqueue(() => encodeData(id, piece, end));
    }
    if (fin && data.length === 0) last = this.enqueue(() => encodeData(id, EMPTY, true));
    return last;
  }

  sendReset(id: number, status: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.enqueue(() => encodeRstStream(id, status));
  }

  /** Forgets a finished or destroyed stream. */
  forget(id: number): void {
    this.streams.delete(id);
  }

  pauseTransport(): void {
    this.transport.pause();
  }

  resumeTransport(): void {
    if (this.transport.isPaused()) this.transport.resume();
  }

  /** Ends gracefully: GOAWAY after everything queued, then the transport is ended. */
  close(): void {
    if (this.closed || this.closing) return;
    this.closing = true;
    const last = this.lastStreamId;
    void this.enqueue(() => encodeGoaway(last)).then(() => {
      this.transport.end();
      // A peer that never closes its side is cut off after a short grace.
      setTimeout(() => this.destroy(), 5000).unref();
    });
  }

  /** Tears everything down at once. */
  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of [...this.streams.values()]) s.destroy();
    this.streams.clear();
    this.inflate.close();
    this.deflate.close();
    this.transport.destroy();
    this.emit('close');
  }
}
