import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import net from 'node:net';
import { GrpcRunner, decodeServingStatus, encodeHealthCheckRequest } from './grpc.js';

/** A tiny grpc.health.v1 server: service '' is SERVING, 'down' NOT_SERVING, 'slow' never answers. */
let server: http2.Http2Server;
let port = 0;
let userAgent = '';
const sessions = new Set<http2.ServerHttp2Session>();

function listen(s: net.Server): Promise<number> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as net.AddressInfo).port)));
}

function frame(msg: Buffer): Buffer {
  const f = Buffer.alloc(5 + msg.length);
  f.writeUInt32BE(msg.length, 1);
  msg.copy(f, 5);
  return f;
}

before(async () => {
  server = http2.createServer();
  server.on('session', (s) => sessions.add(s));
  server.on('stream', (stream, headers) => {
    userAgent = String(headers['user-agent']);
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const body = Buffer.concat(chunks);
      const req = body.subarray(5);
      const service = req.length > 2 ? req.subarray(2).toString() : '';
      if (headers[':path'] !== '/grpc.health.v1.Health/Check' || service === 'nohealth') {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12', 'grpc-message': 'unknown service grpc.health.v1.Health' }, { endStream: true });
        return;
      }
      if (service === 'slow') return;
      if (service === 'missing') {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '5', 'grpc-message': 'unknown service' }, { endStream: true });
        return;
      }
      const status = service === 'down' ? 2 : 1;
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(frame(Buffer.from([0x08, status])));
    });
  });
  port = await listen(server);
});

after(async () => {
  for (const s of sessions) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const target = { containerId: 'c', podIP: '127.0.0.1' };

test('grpc probe: SERVING is success, other statuses fail with upstream\'s wording', async () => {
  assert.deepEqual(await new GrpcRunner({ port }).run(target, 1000), { result: 'success', output: 'service healthy' });
  assert.equal(userAgent, 'kube-probe/1.32');
  assert.deepEqual(await new GrpcRunner({ port, service: 'down' }).run(target, 1000), {
    result: 'failure',
    output: 'service unhealthy (responded with "NOT_SERVING")',
  });
  assert.deepEqual(await new GrpcRunner({ port, service: 'missing' }).run(target, 1000), {
    result: 'failure',
    output: 'error: health rpc probe failed: rpc error: code = NotFound desc = unknown service',
  });
  assert.deepEqual(await new GrpcRunner({ port, service: 'nohealth' }).run(target, 1000), {
    result: 'failure',
    output: 'error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health',
  });
});

test('grpc probe: timeouts while connecting and while waiting for the answer', async () => {
  assert.deepEqual(await new GrpcRunner({ port, service: 'slow' }).run(target, 300), {
    result: 'failure',
    output: 'timeout: health rpc did not complete within 300ms',
  });
  const closed = net.createServer();
  const p = await listen(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  assert.deepEqual(await new GrpcRunner({ port: p }).run(target, 300), {
    result: 'failure',
    output: `timeout: failed to connect service "127.0.0.1:${p}" within 300ms: context deadline exceeded`,
  });
});

test('grpc probe: message encoding', () => {
  assert.deepEqual([...encodeHealthCheckRequest('')], [0, 0, 0, 0, 0]);
  assert.deepEqual([...encodeHealthCheckRequest('ab')], [0, 0, 0, 0, 4, 0x0a, 2, 0x61, 0x62]);
  assert.equal(decodeServingStatus(Buffer.from([0x08, 0x02])), 2);
  assert.equal(decodeServingStatus(Buffer.alloc(0)), 0);
});
