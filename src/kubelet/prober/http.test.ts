import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { webcrypto } from 'node:crypto';
import type { Container } from '../../api/types.js';
import { HttpRunner, canonicalHeaderKey, httpProbe, prepareRequest } from './http.js';

let server: http.Server;
let port = 0;
let lastHeaders: string[] = [];
const hanging = new Set<http.ServerResponse>();

function listen(s: net.Server, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve) => s.listen(0, host, () => resolve((s.address() as net.AddressInfo).port)));
}

before(async () => {
  server = http.createServer((req, res) => {
    lastHeaders = req.rawHeaders;
    switch (req.url) {
      case '/healthz':
        return res.end('ok');
      case '/missing':
        res.statusCode = 404;
        return res.end('not found');
      case '/boom':
        res.statusCode = 500;
        return res.end('boom');
      case '/moved':
        res.writeHead(301, { location: '/healthz' });
        return res.end();
      case '/moved-away':
        res.writeHead(302, { location: `http://127.0.0.2:${port}/healthz` });
        return res.end('gone elsewhere');
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      case '/big':
        res.writeHead(200);
        return res.end(Buffer.alloc(1024 * 1024, 'x'));
      case '/slow':
        hanging.add(res);
        return;
      default:
        res.statusCode = 404;
        return res.end();
    }
  });
  port = await listen(server);
});

after(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const container = (): Container => ({ name: 'web', ports: [{ name: 'http', containerPort: port }] });
const target = { containerId: 'c', podIP: '127.0.0.1' };

function probe(path: string, timeoutMs = 1000) {
  return new HttpRunner({ path, port }, container()).run(target, timeoutMs);
}

test('http probe: 200 succeeds, 404 and 500 fail with upstream\'s message', async () => {
  assert.deepEqual(await probe('/healthz'), { result: 'success', output: '' });
  assert.deepEqual(await probe('/missing'), { result: 'failure', output: 'HTTP probe failed with statuscode: 404' });
  assert.deepEqual(await probe('/boom'), { result: 'failure', output: 'HTTP probe failed with statuscode: 500' });
});

test('http probe: same-host redirects are followed, others end the chain with a warning', async () => {
  assert.deepEqual(await probe('/moved'), { result: 'success', output: '' });
  assert.equal(lastHeaders[lastHeaders.indexOf('User-Agent') + 1], 'kube-probe/1.32');
  assert.deepEqual(await probe('/moved-away'), {
    result: 'warning',
    output: 'Probe terminated redirects, Response body: gone elsewhere',
  });
  assert.deepEqual(await probe('/loop'), { result: 'failure', output: 'Get "/loop": stopped after 10 redirects' });
});

test('http probe: a large body is read only up to the limit', async () => {
  assert.deepEqual(await probe('/big'), { result: 'success', output: '' });
});

test('http probe: a slow server times out as Go\'s client reports it', async () => {
  const o = await probe('/slow', 200);
  assert.deepEqual(o, {
    result: 'failure',
    output: `Get "http://127.0.0.1:${port}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
  });
});

test('http probe: a refused connection fails with the dial error', async () => {
  const closed = net.createServer();
  const p = await listen(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const o = await new HttpRunner({ path: '/healthz', port: p }, { name: 'web' }).run(target, 1000);
  assert.deepEqual(o, {
    result: 'failure',
    output: `Get "http://127.0.0.1:${p}/healthz": dial tcp 127.0.0.1:${p}: connect: connection refused`,
  });
});

test('http probe: named ports resolve from the container; unknown names error', async () => {
  assert.deepEqual(await new HttpRunner({ path: '/healthz', port: 'http' }, container()).run(target, 1000), { result: 'success', output: '' });
  assert.deepEqual(await new HttpRunner({ path: '/healthz', port: 'web' }, container()).run(target, 1000), {
    result: 'unknown',
    output: '',
    error: 'strconv.Atoi: parsing "web": invalid syntax',
  });
});

test('http probe: default and custom headers', async () => {
  await probe('/healthz');
  const pairs = (h: string[]): [string, string][] => h.flatMap((v, i) => (i % 2 === 0 ? [[v, h[i + 1]] as [string, string]] : []));
  assert.deepEqual(pairs(lastHeaders), [
    ['Host', `127.0.0.1:${port}`],
    ['User-Agent', 'kube-probe/1.32'],
    ['Accept', '*/*'],
    ['Connection', 'close'],
  ]);

  const r = new HttpRunner(
    {
      path: '/healthz',
      port,
      httpHeaders: [
        { name: 'x-custom-header', value: 'a' },
        { name: 'X-Custom-Header', value: 'b' },
        { name: 'user-agent', value: 'mine' },
        { name: 'Accept', value: '' },
        { name: 'Host', value: 'example.com' },
      ],
    },
    container(),
  );
  assert.equal((await r.run(target, 1000)).result, 'success');
  assert.deepEqual(pairs(lastHeaders), [
    ['Host', 'example.com'],
    ['User-Agent', 'mine'],
    ['X-Custom-Header', 'a'],
    ['X-Custom-Header', 'b'],
    ['Connection', 'close'],
  ]);
  assert.equal(canonicalHeaderKey('x-forwarded-for'), 'X-Forwarded-For');
});

test('http probe: the request is rebuilt only when the pod IP changes', async () => {
  const r = new HttpRunner({ path: '/healthz', port }, container());
  assert.equal((await r.run(target, 1000)).result, 'success');
  // 127.0.0.2 has no listener: the new IP must be used.
  const o = await r.run({ containerId: 'c', podIP: '127.0.0.2' }, 1000);
  assert.equal(o.output, `Get "http://127.0.0.2:${port}/healthz": dial tcp 127.0.0.2:${port}: connect: connection refused`);
  assert.equal((await r.run(target, 1000)).result, 'success');
});

test('http probe: URL formatting follows upstream formatURL', () => {
  const p = prepareRequest({ port: 80, path: 'healthz?full=1' }, { name: 'web' }, '10.0.0.5');
  assert.ok(typeof p !== 'string');
  assert.equal(p.url, 'http://10.0.0.5:80/healthz?full=1');
  assert.equal(p.path, '/healthz?full=1');
  const bare = prepareRequest({ port: 8443, scheme: 'HTTPS' }, { name: 'web' }, 'fd00::5');
  assert.ok(typeof bare !== 'string');
  assert.equal(bare.url, 'https://[fd00::5]:8443');
  assert.equal(bare.path, '/');
});

test('http probe: HTTPS does not verify the certificate', async (t) => {
  const { certPem, keyPem } = await selfSigned();
  const tls = https.createServer({ cert: certPem, key: keyPem }, (_req, res) => res.end('secure'));
  const p = await listen(tls);
  t.after(() => new Promise<void>((resolve) => tls.close(() => resolve())));
  const r = new HttpRunner({ path: '/', port: p, scheme: 'HTTPS' }, { name: 'web' });
  assert.deepEqual(await r.run(target, 2000), { result: 'success', output: '' });
  // Plain HTTP against the TLS port is Go's handshake error.
  const plain = prepareRequest({ path: '/', port, scheme: 'HTTPS' }, { name: 'web' }, '127.0.0.1');
  assert.ok(typeof plain !== 'string');
  assert.deepEqual(await httpProbe(plain, 1000), {
    result: 'failure',
    output: `Get "https://127.0.0.1:${port}/": tls: first record does not look like a TLS handshake`,
  });
});

async function selfSigned(): Promise<{ certPem: string; keyPem: string }> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=probe-test',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 3_600_000),
    keys,
    signingAlgorithm: alg,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return { certPem: cert.toString('pem'), keyPem: `-----BEGIN PRIVATE KEY-----\n${pkcs8}\n-----END PRIVATE KEY-----\n` };
}
