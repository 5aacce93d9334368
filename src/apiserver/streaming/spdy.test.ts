import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Duplex, PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import {
  decodeHeaderBlock,
  encodeData,
  encodeGoaway,
  encodeHeaderBlock,
  encodePing,
  encodeRstStream,
  encodeSettings,
  encodeSynStream,
  FLAG_FIN,
  FrameParser,
  FrameType,
  HeaderCompressor,
  HeaderDecompressor,
  type RawFrame,
  RstStatus,
  type SpdyHeaders,
  SpdySession,
  type SpdyStream,
} from './spdy.js';
import { type PortDialer, servePortForward } from './portforward.js';
import { SPDY3_DICTIONARY } from './spdy-dictionary.js';

/** A client end and a server end joined back to back. */
function pipePair(): { client: Duplex; server: Duplex } {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  return {
    client: Duplex.from({ readable: toClient, writable: toServer }),
    server: Duplex.from({ readable: toServer, writable: toClient }),
  };
}

/** A minimal SPDY client for driving the session: writes in tiny chunks, parses what comes back. */
class Client {
  readonly frames: RawFrame[] = [];
  private parser = new FrameParser();
  private deflate = new HeaderCompressor();
  readonly inflate = new HeaderDecompressor();
  private waiters: (() => void)[] = [];

  constructor(readonly io: Duplex) {
    io.on('error', () => undefined); // the server side tearing the pair down
    io.on('data', (c: Buffer) => {
      this.frames.push(...this.parser.push(c));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Writes bytes split into chunks of 1..7 bytes, as a WebSocket tunnel may deliver them. */
  send(buf: Buffer): void {
    for (let off = 0, i = 0; off < buf.length; i++) {
      const n = 1 + (i % 7);
      this.io.write(buf.subarray(off, off + n));
      off += n;
    }
  }

  async open(id: number, headers: Record<string, string>, flags = 0): Promise<void> {
    this.send(encodeSynStream(id, await this.deflate.compress(headers), flags));
  }

  async until(pred: (f: RawFrame[]) => boolean): Promise<void> {
    while (!pred(this.frames)) await new Promise<void>((r) => this.waiters.push(r));
  }

  control(type: number): (RawFrame & { control: true })[] {
    return this.frames.filter((f): f is RawFrame & { control: true } => f.control && f.type === type);
  }

  data(id: number): Buffer {
    return Buffer.concat(this.frames.filter((f) => !f.control && f.streamId === id).map((f) => (f.control ? Buffer.alloc(0) : f.data)));
  }
}

describe('SPDY framing', () => {
  it('builds the SPDY/3 dictionary byte for byte', () => {
    assert.equal(SPDY3_DICTIONARY.length, 1423);
    assert.equal(createHash('sha256').update(SPDY3_DICTIONARY).digest('hex'), '51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02');
  });

  it('reassembles frames split across arbitrary chunk boundaries', () => {
    const big = Buffer.alloc(70_000, 7);
    const wire = Buffer.concat([
      encodePing(1),
      encodeData(3, Buffer.from('hello'), false),
      encodeData(3, Buffer.alloc(0), true),
      encodeRstStream(5, RstStatus.CANCEL),
      encodeData(7, big),
      encodeSettings([{ id: 7, value: 65536, flags: 1 }]),
    ]);
    for (const step of [1, 2, 3, 5, 8, 13, 1000, wire.length]) {
      const p = new FrameParser();
      const frames: RawFrame[] = [];
      for (let off = 0; off < wire.length; off += step) frames.push(...p.push(wire.subarray(off, off + step)));
      assert.equal(p.pending, 0);
      assert.equal(frames.length, 6, `step ${step}`);
      const [ping, d1, fin, rst, d2, settings] = frames;
      assert.ok(ping!.control && ping!.type === FrameType.PING && ping!.version === 3 && ping!.payload.readUInt32BE(0) === 1);
      assert.ok(!d1!.control && d1!.streamId === 3 && d1!.data.toString() === 'hello' && d1!.flags === 0);
      assert.ok(!fin!.control && fin!.flags === FLAG_FIN && fin!.data.length === 0);
      assert.ok(rst!.control && rst!.type === FrameType.RST_STREAM && rst!.payload.readUInt32BE(4) === RstStatus.CANCEL);
      assert.ok(!d2!.control && d2!.data.equals(big));
      assert.ok(settings!.control && settings!.type === FrameType.SETTINGS && settings!.flags === 0);
    }
  });

  it('round-trips header blocks through shared compression contexts', async () => {
    const c = new HeaderCompressor();
    const d = new HeaderDecompressor();
    const blocks: SpdyHeaders[] = [
      { streamtype: 'error', port: '8080', requestid: '0' },
      { streamtype: 'data', port: '8080', requestid: '0' },
      {},
      { streamtype: 'data', port: '80', requestid: '1', 'x-long': 'v'.repeat(5000) },
    ];
    const compressed: Buffer[] = [];
    for (const b of blocks) compressed.push(await c.compress(b));
    // later blocks reuse the context: the repeated block compresses to far less than its size
    assert.ok(compressed[1]!.length < encodeHeaderBlock(blocks[1]!).length);
    for (let i = 0; i < blocks.length; i++) assert.deepEqual(await d.decompress(compressed[i]!), blocks[i]);
    // the stream is a standard zlib stream with the SPDY dictionary
    const plain = zlib.inflateSync(Buffer.concat(compressed), { dictionary: SPDY3_DICTIONARY, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    assert.deepEqual(decodeHeaderBlock(plain.subarray(0, encodeHeaderBlock(blocks[0]!).length)), blocks[0]);
    c.close();
    d.close();
  });

  it('keeps the first of several NUL-separated values and lower-cases names', () => {
    const block = encodeHeaderBlock({ Port: '1\u00002' });
    assert.deepEqual(decodeHeaderBlock(block), { port: '1' });
  });
});

describe('SpdySession', () => {
  function setup(): { client: Client; session: SpdySession; streams: SpdyStream[] } {
    const { client, server } = pipePair();
    const session = new SpdySession(server);
    const streams: SpdyStream[] = [];
    session.on('stream', (s: SpdyStream) => streams.push(s));
    return { client: new Client(client), session, streams };
  }

  it('answers every SYN_STREAM with a SYN_REPLY before any data, and carries data both ways', async () => {
    const { client, session, streams } = setup();
    await client.open(1, { streamtype: 'error', port: '80', requestid: '0' });
    await client.open(3, { streamtype: 'data', port: '80', requestid: '0' });
    await client.until(() => client.control(FrameType.SYN_REPLY).length === 2);
    assert.deepEqual(
      streams.map((s) => [s.id, s.headers]),
      [
        [1, { streamtype: 'error', port: '80', requestid: '0' }],
        [3, { streamtype: 'data', port: '80', requestid: '0' }],
      ],
    );
    const replies = client.control(FrameType.SYN_REPLY);
    assert.deepEqual(replies.map((f) => f.payload.readUInt32BE(0)), [1, 3]);
    for (const r of replies) assert.deepEqual(await client.inflate.decompress(r.payload.subarray(4)), {});

    const data = streams[1]!;
    const got: Buffer[] = [];
    data.on('data', (c: Buffer) => got.push(c));
    client.send(encodeData(3, Buffer.from('ping?')));
    client.send(encodeData(3, Buffer.alloc(0), true));
    await once(data, 'end');
    assert.equal(Buffer.concat(got).toString(), 'ping?');

    data.end('pong!');
    await client.until((f) => f.some((x) => !x.control && x.streamId === 3 && (x.flags & FLAG_FIN) !== 0));
    assert.equal(client.data(3).toString(), 'pong!');
    const firstData = client.frames.findIndex((f) => !f.control && f.streamId === 3);
    const reply = client.frames.findIndex((f) => f.control && f.type === FrameType.SYN_REPLY && f.payload.readUInt32BE(0) === 3);
    assert.ok(reply < firstData);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(session.openStreams, 1, 'the finished data stream is forgotten');
    session.destroy();
  });

  it('echoes client PINGs and ignores replies to its own', async () => {
    const { client, session } = setup();
    client.send(encodePing(7));
    client.send(encodePing(8));
    client.send(encodePing(9));
    await client.until(() => client.control(FrameType.PING).length === 2);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(client.control(FrameType.PING).map((f) => f.payload.readUInt32BE(0)), [7, 9]);
    session.destroy();
  });

  it('destroys a stream the client resets, without resetting it back', async () => {
    const { client, session, streams } = setup();
    await client.open(1, { streamtype: 'data' });
    await client.until(() => client.control(FrameType.SYN_REPLY).length === 1);
    const closed = once(streams[0]!, 'close');
    client.send(encodeRstStream(1, RstStatus.CANCEL));
    await closed;
    assert.ok(streams[0]!.destroyed);
    assert.equal(session.openStreams, 0);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(client.control(FrameType.RST_STREAM).length, 0);
    session.destroy();
  });

  it('resets a stream the server abandons, and refuses reused or even stream ids', async () => {
    const { client, session, streams } = setup();
    await client.open(1, { streamtype: 'data' });
    await client.until(() => client.control(FrameType.SYN_REPLY).length === 1);
    streams[0]!.destroy();
    await client.open(1, { streamtype: 'data' });
    await client.open(2, { streamtype: 'data' });
    await client.until(() => client.control(FrameType.RST_STREAM).length === 3);
    assert.deepEqual(
      client.control(FrameType.RST_STREAM).map((f) => [f.payload.readUInt32BE(0), f.payload.readUInt32BE(4)]),
      [
        [1, RstStatus.CANCEL],
        [1, RstStatus.PROTOCOL_ERROR],
        [2, RstStatus.PROTOCOL_ERROR],
      ],
    );
    assert.equal(streams.length, 1);
    session.destroy();
  });

  it('treats a SYN_STREAM with FIN as a stream the client will not write to', async () => {
    const { client, session, streams } = setup();
    await client.open(1, { streamtype: 'error' }, FLAG_FIN);
    await client.until(() => streams.length === 1);
    streams[0]!.resume();
    await once(streams[0]!, 'end');
    session.destroy();
  });

  it('closes on GOAWAY, answering with its own', async () => {
    const { client, session } = setup();
    const closed = once(session, 'close');
    await client.open(1, { streamtype: 'data' });
    client.send(encodeGoaway(0));
    await client.until(() => client.control(FrameType.GOAWAY).length === 1);
    assert.equal(client.control(FrameType.GOAWAY)[0]!.payload.readUInt32BE(0), 1);
    client.io.end();
    await closed;
    assert.ok(session.closed);
  });
});

describe('port-forward over a SPDY session', () => {
  function setup(dial: PortDialer): Client {
    const { client, server } = pipePair();
    servePortForward(new SpdySession(server), dial, 'default/p');
    return new Client(client);
  }
  const fin = (id: number) => (f: RawFrame[]) => f.some((x) => !x.control && x.streamId === id && (x.flags & FLAG_FIN) !== 0);

  it('pairs the error and data streams of a request and bridges the data stream to the pod port', async () => {
    const ports: number[] = [];
    const client = setup(async (port) => {
      ports.push(port);
      const { client: inside, server: target } = pipePair();
      inside.on('error', () => undefined);
      inside.once('data', (c: Buffer) => inside.end(`echo:${c.toString()}`));
      return target;
    });
    await client.open(1, { streamtype: 'error', port: '8080', requestid: '0' });
    client.send(encodeData(1, Buffer.alloc(0), true));
    await client.open(3, { streamtype: 'data', port: '8080', requestid: '0' });
    client.send(encodeData(3, Buffer.from('hi')));
    await client.until((f) => fin(3)(f) && fin(1)(f));
    assert.deepEqual(ports, [8080]);
    assert.equal(client.data(3).toString(), 'echo:hi');
    assert.equal(client.data(1).toString(), '', 'no error to report');
  });

  it('writes a dial failure on the error stream', async () => {
    const client = setup(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:9');
    });
    await client.open(1, { streamtype: 'error', port: '9', requestid: '7' });
    await client.open(3, { streamtype: 'data', port: '9', requestid: '7' });
    await client.until((f) => fin(1)(f) && fin(3)(f));
    assert.equal(client.data(1).toString(), 'error forwarding port 9 to pod default/p: connect ECONNREFUSED 127.0.0.1:9');
  });

  it('rejects a bad port header and closes the target when the client resets the data stream', async () => {
    let target: Duplex | undefined;
    const client = setup(async () => {
      const pair = pipePair();
      pair.client.on('error', () => undefined);
      target = pair.server;
      return target;
    });
    await client.open(1, { streamtype: 'error', port: 'http', requestid: '0' });
    await client.open(3, { streamtype: 'data', port: 'http', requestid: '0' });
    await client.until(fin(1));
    assert.equal(client.data(1).toString(), 'invalid port header: "http"');
    await client.open(5, { streamtype: 'error', port: '80', requestid: '1' });
    await client.open(7, { streamtype: 'data', port: '80', requestid: '1' });
    await client.until(() => target !== undefined);
    await new Promise((r) => setTimeout(r, 10));
    target!.on('error', () => undefined);
    const closed = new Promise((r) => target!.once('close', r));
    client.send(encodeRstStream(7, RstStatus.CANCEL));
    await closed;
    assert.ok(target!.destroyed);
  });
});
