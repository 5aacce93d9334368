import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import type { ExecIO } from '../nodeproxy.js';
import { serveChannelCommand } from './exec.js';
import {
  channelSession,
  chooseChannelProtocol,
  decodeChannelFrame,
  encodeChannelFrame,
  offeredProtocols,
  parseResize,
  V4_PROTOCOL,
  V5_PROTOCOL,
  WsUpgrader,
} from './websocket.js';

describe('channel framing', () => {
  it('prefixes the channel byte and splits it off again', () => {
    const f = encodeChannelFrame(2, 'oops');
    assert.deepEqual([...f], [2, ...Buffer.from('oops')]);
    assert.deepEqual(decodeChannelFrame(f), { channel: 2, payload: Buffer.from('oops') });
    assert.deepEqual(decodeChannelFrame(Buffer.from([255, 0])), { channel: 255, payload: Buffer.from([0]) });
    assert.equal(decodeChannelFrame(Buffer.alloc(0)), undefined);
    assert.deepEqual([...encodeChannelFrame(1, Buffer.alloc(0))], [1]);
  });

  it('prefers v5, accepts v4 and nothing older', () => {
    assert.equal(chooseChannelProtocol([V4_PROTOCOL, V5_PROTOCOL]), V5_PROTOCOL);
    assert.equal(chooseChannelProtocol([V4_PROTOCOL]), V4_PROTOCOL);
    assert.equal(chooseChannelProtocol(['channel.k8s.io', 'base64.channel.k8s.io']), undefined);
    const req = { headers: { 'sec-websocket-protocol': 'SPDY/3.1+portforward.k8s.io, v4.channel.k8s.io' } } as unknown as IncomingMessage;
    assert.deepEqual(offeredProtocols(req), ['SPDY/3.1+portforward.k8s.io', 'v4.channel.k8s.io']);
  });

  it('reads resize messages with capitalised fields, skipping malformed ones', () => {
    assert.deepEqual(parseResize(Buffer.from('{"Width":100,"Height":30}\nnot json\n{"Width":80,"Height":24}\n')), [
      { width: 100, height: 30 },
      { width: 80, height: 24 },
    ]);
  });
});

describe('remote command over a channel WebSocket', () => {
  let server: Server;
  let port = 0;
  const upgrader = new WsUpgrader();
  let starter: (io: ExecIO) => Promise<number> = async () => 0;
  const sockets = new Set<Duplex>();

  before(async () => {
    server = createServer();
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      sockets.add(socket);
      const protocol = chooseChannelProtocol(offeredProtocols(req))!;
      const url = new URL(req.url!, 'http://x');
      const want = { stdin: url.searchParams.has('stdin'), stdout: true, stderr: !url.searchParams.has('tty'), tty: url.searchParams.has('tty') };
      void upgrader.upgrade(req, socket, head, protocol).then((ws) => serveChannelCommand(channelSession(ws, protocol, want), (io) => starter(io)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    port = typeof a === 'object' && a ? a.port : 0;
  });

  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });

  interface Session {
    ws: WebSocket;
    messages: Buffer[];
    closed: Promise<number>;
  }

  async function connect(protocol: string, query: string): Promise<Session> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/exec?${query}`, [protocol]);
    const messages: Buffer[] = [];
    ws.on('message', (d: Buffer) => messages.push(Buffer.from(d)));
    const closed = once(ws, 'close').then(([code]) => code as number);
    await once(ws, 'open');
    assert.equal(ws.protocol, protocol);
    return { ws, messages, closed };
  }

  function channel(messages: Buffer[], ch: number): string {
    return Buffer.concat(messages.filter((m) => m[0] === ch).map((m) => m.subarray(1))).toString();
  }

  it('carries stdin to its close signal, resizes, output, and a NonZeroExitCode status before close 1000 (v5)', async () => {
    const sizes: unknown[] = [];
    starter = async (io) => {
      io.resize?.on('resize', (s) => sizes.push(s));
      let input = '';
      for await (const c of io.stdin!) input += (c as Buffer).toString();
      io.stdout!.write(input.toUpperCase());
      io.stderr?.write('warned\n');
      return 3;
    };
    const s = await connect(V5_PROTOCOL, 'stdin=1');
    s.ws.send(encodeChannelFrame(4, '{"Width":80,"Height":24}\n'));
    s.ws.send(encodeChannelFrame(0, 'hello '));
    s.ws.send(encodeChannelFrame(0, 'world'));
    s.ws.send(Buffer.from([255, 0]));
    assert.equal(await s.closed, 1000);
    assert.deepEqual([...s.messages[0]!], [1], 'an empty stdout message announces the session');
    assert.equal(channel(s.messages, 1), 'HELLO WORLD');
    assert.equal(channel(s.messages, 2), 'warned\n');
    const statusMsgs = s.messages.filter((m) => m[0] === 3);
    assert.equal(statusMsgs.length, 1);
    assert.equal(s.messages.at(-1)![0], 3, 'the status is the last message');
    assert.deepEqual(JSON.parse(channel(s.messages, 3)), {
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: exit status 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
    assert.deepEqual(sizes, []); // no tty: resize messages are not delivered
  });

  it('delivers resizes with a TTY and reports Success for exit 0', async () => {
    const sizes: unknown[] = [];
    let gotResize!: () => void;
    const resized = new Promise<void>((r) => (gotResize = r));
    starter = async (io) => {
      assert.equal(io.stderr, undefined, 'a TTY merges stderr into stdout');
      io.resize!.on('resize', (sz) => {
        sizes.push(sz);
        gotResize();
      });
      await resized;
      io.stdout!.end('done\n');
      return 0;
    };
    const s = await connect(V5_PROTOCOL, 'tty=1');
    s.ws.send(encodeChannelFrame(4, '{"Width":100,"Height":30}\n'));
    assert.equal(await s.closed, 1000);
    assert.deepEqual(sizes, [{ width: 100, height: 30 }]);
    assert.equal(channel(s.messages, 1), 'done\n');
    assert.deepEqual(JSON.parse(channel(s.messages, 3)), { metadata: {}, status: 'Success' });
  });

  it('reports a command that cannot start as a Failure message', async () => {
    starter = async () => {
      throw new Error('exec: "nope": executable file not found in $PATH');
    };
    const s = await connect(V5_PROTOCOL, '');
    assert.equal(await s.closed, 1000);
    const status = JSON.parse(channel(s.messages, 3)) as { status: string; message: string };
    assert.equal(status.status, 'Failure');
    assert.equal(status.message, 'Internal error occurred: error executing command in container: exec: "nope": executable file not found in $PATH');
  });

  it('has no close signal in v4; the client going away ends stdin and aborts', async () => {
    let aborted!: () => void;
    const wasAborted = new Promise<void>((r) => (aborted = r));
    let sawEnd = false;
    let input = '';
    starter = async (io) => {
      io.signal!.addEventListener('abort', () => aborted());
      io.stdin!.on('data', (c: Buffer) => (input += c.toString()));
      io.stdin!.on('end', () => (sawEnd = true));
      await wasAborted;
      return 0;
    };
    const s = await connect(V4_PROTOCOL, 'stdin=1');
    s.ws.send(encodeChannelFrame(0, 'abc'));
    s.ws.send(Buffer.from([255, 0]));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(sawEnd, false);
    assert.equal(input, 'abc', 'the [255, 0] message is not stdin either');
    s.ws.close(1000);
    await wasAborted;
    assert.equal(sawEnd, true);
  });
});
