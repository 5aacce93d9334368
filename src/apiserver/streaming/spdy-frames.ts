/**
 * SPDY/3.1 framing: splitting a byte stream into frames whatever its chunking, encoding the
 * frames a server sends, and the zlib-compressed header blocks (one shared compression context
 * per direction, flushed with Z_SYNC_FLUSH after each block, as SPDY/3 requires).
 */
import * as zlib from 'node:zlib';
import { SPDY3_DICTIONARY } from './spdy-dictionary.js';

export const SPDY_VERSION = 3;

/** Control frame types. */
export const FrameType = {
  SYN_STREAM: 1,
  SYN_REPLY: 2,
  RST_STREAM: 3,
  SETTINGS: 4,
  PING: 6,
  GOAWAY: 7,
  HEADERS: 8,
  WINDOW_UPDATE: 9,
} as const;

export const FLAG_FIN = 0x01;
export const FLAG_UNIDIRECTIONAL = 0x02;

/** RST_STREAM status codes. */
export const RstStatus = {
  PROTOCOL_ERROR: 1,
  INVALID_STREAM: 2,
  REFUSED_STREAM: 3,
  UNSUPPORTED_VERSION: 4,
  CANCEL: 5,
  INTERNAL_ERROR: 6,
  FLOW_CONTROL_ERROR: 7,
  STREAM_IN_USE: 8,
  STREAM_ALREADY_CLOSED: 9,
} as const;

/** One frame as read off the wire; control payloads are decoded by the session. */
export type RawFrame =
  | { control: false; streamId: number; flags: number; data: Buffer }
  | { control: true; version: number; type: number; flags: number; payload: Buffer };

/** A header block: lower-case names to values. */
export type SpdyHeaders = Record<string, string>;

/** Reassembles frames from arbitrarily split chunks (a WebSocket tunnel may deliver single bytes). */
export class FrameParser {
  private chunks: Buffer[] = [];
  private size = 0;

  /** Adds bytes and returns every frame now complete, in order. */
  push(chunk: Buffer): RawFrame[] {
    if (chunk.length) {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
    const out: RawFrame[] = [];
    for (;;) {
      if (this.size < 8) break;
      const head = this.peek(8);
      const length = head.readUInt32BE(4) & 0xffffff;
      if (this.size < 8 + length) break;
      const frame = this.take(8 + length);
      const first = frame.readUInt32BE(0);
      const flags = frame[4]!;
      const body = frame.subarray(8);
      if (first & 0x80000000) {
        out.push({ control: true, version: (first >>> 16) & 0x7fff, type: first & 0xffff, flags, payload: body });
      } else {
        out.push({ control: false, streamId: first & 0x7fffffff, flags, data: body });
      }
    }
    return out;
  }

  /** Bytes buffered but not yet a whole frame. */
  get pending(): number {
    return this.size;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, n);
  }

  private take(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    const first = this.chunks[0]!;
    const out = first.subarray(0, n);
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.size -= n;
    return out;
  }
}

function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(payload.length, 4);
  head[4] = flags & 0xff;
  return Buffer.concat([head, payload]);
}

function u32s(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
}

/** A DATA frame. */
export function encodeData(streamId: number, data: Buffer, fin = false): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head.writeUInt32BE(data.length, 4);
  head[4] = fin ? FLAG_FIN : 0;
  return Buffer.concat([head, data]);
}

/** A SYN_STREAM frame; `block` is the already-compressed header block. */
export function encodeSynStream(streamId: number, block: Buffer, flags = 0, priority = 0, associated = 0): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt32BE(streamId & 0x7fffffff, 0);
  fixed.writeUInt32BE(associated & 0x7fffffff, 4);
  fixed[8] = (priority & 0x7) << 5;
  fixed[9] = 0;
  return controlFrame(FrameType.SYN_STREAM, flags, Buffer.concat([fixed, block]));
}

/** A SYN_REPLY frame; `block` is the already-compressed header block. */
export function encodeSynReply(streamId: number, block: Buffer, flags = 0): Buffer {
  return controlFrame(FrameType.SYN_REPLY, flags, Buffer.concat([u32s(streamId & 0x7fffffff), block]));
}

/** A RST_STREAM frame (status from RstStatus). */
export function encodeRstStream(streamId: number, status: number): Buffer {
  return controlFrame(FrameType.RST_STREAM, 0, u32s(streamId & 0x7fffffff, status));
}

/** A PING frame; a server echoes odd (client-initiated) ids. */
export function encodePing(id: number): Buffer {
  return controlFrame(FrameType.PING, 0, u32s(id));
}

/** A GOAWAY frame naming the last stream accepted. */
export function encodeGoaway(lastGoodStreamId: number, status = 0): Buffer {
  return controlFrame(FrameType.GOAWAY, 0, u32s(lastGoodStreamId & 0x7fffffff, status));
}

/** A SETTINGS frame (kubectl's client sends none; used in tests). */
export function encodeSettings(entries: { id: number; value: number; flags?: number }[]): Buffer {
  const vals: number[] = [entries.length];
  for (const e of entries) vals.push((((e.flags ?? 0) & 0xff) << 24) | (e.id & 0xffffff), e.value);
  return controlFrame(FrameType.SETTINGS, 0, u32s(...vals));
}

/** The uncompressed header block: count, then length-prefixed lower-case names and values. */
export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const entries = Object.entries(headers);
  const parts: Buffer[] = [u32s(entries.length)];
  for (const [name, value] of entries) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(value, 'utf8');
    parts.push(u32s(n.length), n, u32s(v.length), v);
  }
  return Buffer.concat(parts);
}

/** Parses an uncompressed header block; several values of one name (NUL-separated) keep the first. */
export function decodeHeaderBlock(block: Buffer): SpdyHeaders {
  const out: SpdyHeaders = {};
  if (block.length < 4) throw new Error('header block too short');
  const count = block.readUInt32BE(0);
  let off = 4;
  const str = (): string => {
    if (off + 4 > block.length) throw new Error('truncated header block');
    const len = block.readUInt32BE(off);
    off += 4;
    if (off + len > block.length) throw new Error('truncated header block');
    const s = block.subarray(off, off + len).toString('utf8');
    off += len;
    return s;
  };
  for (let i = 0; i < count; i++) {
    const name = str().toLowerCase();
    const value = str();
    out[name] ??= value.split('\0')[0]!;
  }
  return out;
}

/** One side of a connection's header compression: a zlib stream kept for the whole connection. */
abstract class HeaderZlib {
  private out: Buffer[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private failure?: Error;

  constructor(protected readonly z: zlib.Deflate | zlib.Inflate) {
    z.on('data', (c: Buffer) => this.out.push(c));
    z.on('error', (err: Error) => {
      this.failure = err;
    });
  }

  protected run(input: Buffer): Promise<Buffer> {
    const step = (): Promise<Buffer> =>
      new Promise<Buffer>((resolve, reject) => {
        if (this.failure) {
          reject(this.failure);
          return;
        }
        const onError = (err: Error): void => reject(err);
        this.z.once('error', onError);
        this.z.write(input);
        this.z.flush(zlib.constants.Z_SYNC_FLUSH, () => {
          this.z.off('error', onError);
          const b = Buffer.concat(this.out);
          this.out = [];
          if (this.failure) reject(this.failure);
          else resolve(b);
        });
      });
    const p = this.chain.then(step);
    this.chain = p.catch(() => undefined);
    return p;
  }

  close(): void {
    this.z.close();
  }
}

/** Compresses outgoing header blocks with the SPDY/3 dictionary. */
export class HeaderCompressor extends HeaderZlib {
  constructor() {
    super(zlib.createDeflate({ dictionary: SPDY3_DICTIONARY }));
  }

  compress(headers: SpdyHeaders): Promise<Buffer> {
    return this.run(encodeHeaderBlock(headers));
  }
}

/** Decompresses incoming header blocks with the SPDY/3 dictionary. */
export class HeaderDecompressor extends HeaderZlib {
  constructor() {
    super(zlib.createInflate({ dictionary: SPDY3_DICTIONARY }));
  }

  async decompress(block: Buffer): Promise<SpdyHeaders> {
    return decodeHeaderBlock(await this.run(block));
  }
}
