import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Container, LifecycleHandler, Pod } from '../api/types.js';
import { ensurePki } from '../apiserver/certs.js';
import { HookError, LIFECYCLE_USER_AGENT, runHook, type HookContext } from './lifecycle.js';
import type { ExecSyncResult } from './runtime/types.js';

const pod: Pod = { metadata: { name: 'web', namespace: 'default', uid: 'u1' }, spec: { containers: [] } };
const container: Container = { name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 0 }] };

interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
}

function listen(s: net.Server): Promise<number> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as net.AddressInfo).port)));
}
const close = (s: net.Server) => new Promise<void>((r) => s.close(() => r()));

let plain: http.Server;
let plainPort = 0;
let secure: https.Server;
let securePort = 0;
let garbage: net.Server;
const garbageSockets = new Set<net.Socket>();
let garbagePort = 0;
let seen: Seen[] = [];
let dir = '';

const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
  seen.push({ url: req.url ?? '', headers: req.headers });
  if (req.url === '/hang') return; // never answers
  if (req.url === '/moved') {
    res.writeHead(302, { location: '/missing' });
    return res.end();
  }
  res.statusCode = req.url === '/boom' ? 500 : req.url === '/ok' ? 200 : 404;
  res.end('body');
};

before(async () => {
  plain = http.createServer(handler);
  plainPort = await listen(plain);
  dir = mkdtempSync(join(tmpdir(), 'skiff-hooks-'));
  const pki = await ensurePki({ dir });
  secure = https.createServer({ cert: pki.server.certPem, key: pki.server.keyPem }, handler);
  securePort = await listen(secure);
  garbage = net.createServer((s) => {
    garbageSockets.add(s.on('close', () => garbageSockets.delete(s)));
    s.end('SSH-2.0-not-http-or-tls\r\n');
  });
  garbagePort = await listen(garbage);
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  plain.closeAllConnections();
  secure.closeAllConnections();
  // A client that never closes its end would keep the server's close waiting.
  for (const s of garbageSockets) s.destroy();
  await Promise.all([close(plain), close(secure), close(garbage)]);
});

function ctx(over: Partial<HookContext> = {}, exec?: (argv: string[]) => Partial<ExecSyncResult> | Error): HookContext & { events: string[] } {
  const events: string[] = [];
  return {
    runtime: {
      execSync: async (_id, argv) => {
        const r = exec?.(argv) ?? {};
        if (r instanceof Error) throw r;
        return { exitCode: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), timedOut: false, ...r };
      },
    },
    containerId: 'cid',
    pod,
    container,
    podIP: '127.0.0.1',
    timeoutMs: 2000,
    event: (type, reason, message) => events.push(`${type} ${reason} ${message}`),
    events,
    ...over,
  };
}

async function hookError(h: LifecycleHandler, c: HookContext): Promise<string> {
  const err = await runHook(h, c).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof HookError, `expected a HookError, got ${String(err)}`);
  return err.message;
}

describe('lifecycle hooks: exec', () => {
  it('succeeds on exit 0, running the command in the container', async () => {
    let ran: string[] = [];
    await runHook({ exec: { command: ['sh', '-c', 'echo hi'] } }, ctx({}, (argv) => ((ran = argv), {})));
    assert.deepEqual(ran, ['sh', '-c', 'echo hi']);
  });

  it('fails on a non-zero exit, worded as upstream with the output', async () => {
    const msg = await hookError({ exec: { command: ['sh', '-c', 'exit 7'] } }, ctx({}, () => ({ exitCode: 7, stderr: Buffer.from('oops\n') })));
    assert.equal(msg, `Exec lifecycle hook ([sh -c exit 7]) for Container "c" in Pod "web_default(u1)" failed - error: command 'sh -c exit 7' exited with 7: oops\n, message: "oops\\n"`);
  });

  it('fails when the command cannot run or times out', async () => {
    assert.match(await hookError({ exec: { command: ['nope'] } }, ctx({}, () => new Error('executable file not found'))), /failed - error: executable file not found/);
    assert.match(await hookError({ exec: { command: ['sleep', '9'] } }, ctx({}, () => ({ timedOut: true, exitCode: 137 }))), /command 'sleep 9' timed out/);
  });
});

describe('lifecycle hooks: httpGet', () => {
  it('treats any HTTP response as success (404, 500, a redirect)', async () => {
    for (const path of ['/ok', '/missing', '/boom', '/moved']) await runHook({ httpGet: { path, port: plainPort } }, ctx());
  });

  it('sends kube-lifecycle as User-Agent, the hook headers, to the pod IP and a named port', async () => {
    seen = [];
    const c = { ...container, ports: [{ name: 'http', containerPort: plainPort }] };
    await runHook({ httpGet: { path: 'hello?x=1', port: 'http', httpHeaders: [{ name: 'x-custom', value: 'v' }] } }, ctx({ container: c }));
    assert.equal(seen[0]?.url, '/hello?x=1');
    assert.equal(seen[0]?.headers['user-agent'], LIFECYCLE_USER_AGENT);
    assert.equal(seen[0]?.headers['x-custom'], 'v');
    assert.equal(seen[0]?.headers.host, `127.0.0.1:${plainPort}`);
  });

  it('fails on transport errors, worded as upstream', async () => {
    const msg = await hookError({ httpGet: { path: '/x', port: await freePort() } }, ctx());
    assert.match(msg, /^HTTP lifecycle hook \(\/x\) for Container "c" in Pod "web_default\(u1\)" failed - error: Get "http:\/\/127\.0\.0\.1:\d+\/x": dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/);
    assert.match(await hookError({ httpGet: { path: '/x', port: 'nope' } }, ctx()), /failed - error: strconv\.Atoi: parsing "nope": invalid syntax/);
    assert.match(await hookError({ httpGet: { path: '/hang', port: plainPort } }, ctx({ timeoutMs: 300 })), /context deadline exceeded/);
  });

  it('HTTPS does not verify the certificate', async () => {
    seen = [];
    await runHook({ httpGet: { path: '/missing', port: securePort, scheme: 'HTTPS' } }, ctx());
    assert.equal(seen.length, 1);
  });

  it('HTTPS answered in plain HTTP is retried over HTTP, without Authorization, with a LifecycleHTTPFallback event', async () => {
    seen = [];
    const c = ctx();
    await runHook({ httpGet: { path: '/stop', port: plainPort, scheme: 'HTTPS', httpHeaders: [{ name: 'Authorization', value: 'Bearer x' }, { name: 'X-A', value: 'b' }] } }, c);
    const last = seen.at(-1)!;
    assert.equal(last.url, '/stop');
    assert.equal(last.headers.authorization, undefined);
    assert.equal(last.headers['x-a'], 'b');
    assert.deepEqual(c.events, [`Warning LifecycleHTTPFallback request to HTTPS lifecycle hook 127.0.0.1:${plainPort} got HTTP response, retry with HTTP succeeded`]);
  });

  it('other HTTPS failures are not rescued by the retry', async () => {
    const c = ctx();
    const msg = await hookError({ httpGet: { path: '/', port: garbagePort, scheme: 'HTTPS' } }, c);
    assert.match(msg, /Get "https:\/\/127\.0\.0\.1:\d+\/"/);
    assert.deepEqual(c.events, []);
  });

  it('needs a host: the pod IP when the hook names none', async () => {
    assert.match(await hookError({ httpGet: { path: '/', port: plainPort } }, ctx({ podIP: '' })), /failed to find networking container/);
  });
});

describe('lifecycle hooks: sleep', () => {
  it('sleeps for the given seconds', async () => {
    const t0 = Date.now();
    await runHook({ sleep: { seconds: 1 } }, ctx());
    assert.ok(Date.now() - t0 >= 990);
  });

  it('fails when cut short (the grace period ran out)', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const msg = await hookError({ sleep: { seconds: 30 } }, ctx({ signal: ac.signal }));
    assert.equal(msg, 'Sleep lifecycle hook (30) for Container "c" in Pod "web_default(u1)" failed - error: container terminated before sleep hook finished');
  });

  it('rejects a handler with no action', async () => {
    assert.match(await hookError({}, ctx()), /invalid handler/);
  });
});

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const s = net.createServer();
  const port = await listen(s);
  await close(s);
  return port;
}
