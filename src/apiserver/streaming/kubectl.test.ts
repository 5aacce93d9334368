/**
 * The streaming subresources driven by the real kubectl v1.32 against an in-process HTTPS API
 * server, with a fake node agent: exec spawns real local commands, logs come from a CRI-format
 * file, port-forward reaches a local HTTP server.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, get as httpGet, type Server } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import * as errors from '../../api/errors.js';
import { readLogs } from '../../kubelet/logs.js';
import { formatCriLine, nowNs } from '../../kubelet/runtime/cri-log.js';
import { renderKubeconfig } from '../../server/kubeconfig.js';
import { MemoryStore } from '../../store/memory.js';
import { ApiServer } from '../apiserver.js';
import { ensurePki } from '../certs.js';
import { type HttpsServer, serveHttps } from '../http.js';
import { type ExecOptions, type LogOptions, type NodeConnection, NodeConnections } from '../nodeproxy.js';
import { buildResources, wireResources } from '../resources/index.js';
import { streamingHandlers, type StreamingHandlers } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'skiff-streaming-'));
const logPath = join(dir, 'app.log');
const kubeconfig = join(dir, 'kubeconfig');
const children = new Set<ChildProcess>();
let https: HttpsServer | undefined;
let handlers: StreamingHandlers | undefined;
let web: Server | undefined;
let api: ApiServer;
let homes = 0;

const state = { running: true };
/** script(1) gives kubectl a terminal for -t. */
const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
const seen = { logs: [] as LogOptions[], exec: [] as ExecOptions[], ports: [] as number[], resizes: [] as unknown[] };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs kubectl with a fresh HOME; `onStdout` sees output as it arrives. */
function kubectl(args: string[], o: { input?: string; env?: Record<string, string>; timeoutMs?: number; onStdout?: (all: string) => void } = {}): Promise<Run> {
  return spawnRun('kubectl', args, o);
}

/** Runs another program (e.g. `script` wrapping kubectl) with the same environment. */
function run(cmd: string, args: string[], env: Record<string, string>): Promise<Run> {
  return spawnRun(cmd, args, { env });
}

function spawnRun(cmd: string, args: string[], o: { input?: string; env?: Record<string, string>; timeoutMs?: number; onStdout?: (all: string) => void }): Promise<Run> {
  const home = join(dir, `home-${homes++}`);
  mkdirSync(home);
  const child = spawn(cmd, args, {
    env: { ...process.env, HOME: home, KUBECONFIG: kubeconfig, ...o.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
    o.onStdout?.(stdout);
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(o.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 30_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const r = await api.handle({
    method,
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
    user: { name: 'test', groups: ['system:masters'] },
    signal: new AbortController().signal,
  });
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function createPod(name: string, containers: string[], opts: { nodeName?: string; running?: boolean; waiting?: string } = {}): Promise<void> {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { ...(opts.nodeName ? { nodeName: opts.nodeName } : {}), containers: containers.map((c) => ({ name: c, image: 'busybox' })) },
  };
  const created = (await call('POST', '/api/v1/namespaces/default/pods', pod)) as { status?: object };
  const state = opts.running ? { running: { startedAt: new Date().toISOString() } } : { waiting: { reason: opts.waiting ?? 'ContainerCreating' } };
  await call('PUT', `/api/v1/namespaces/default/pods/${name}/status`, {
    ...created,
    status: {
      ...created.status,
      phase: opts.running ? 'Running' : 'Pending',
      containerStatuses: containers.map((c) => ({ name: c, image: 'busybox', imageID: '', ready: !!opts.running, restartCount: 0, state })),
    },
  });
}

const fakeNode: NodeConnection = {
  async logs(_ns, pod, opts, signal) {
    seen.logs.push(opts);
    if (pod === 'waiting') throw errors.badRequest(`container "${opts.container}" in pod "${pod}" is waiting to start: ContainerCreating`);
    return readLogs(logPath, opts, { running: () => state.running, signal, pollMs: 50 });
  },
  async exec(opts, io) {
    seen.exec.push(opts);
    const child = spawn(opts.command[0]!, opts.command.slice(1), { stdio: 'pipe' });
    children.add(child);
    if (io.stdin) io.stdin.pipe(child.stdin);
    else child.stdin.end();
    child.stdin.on('error', () => undefined);
    // with a TTY the terminal merges stderr into stdout; the streams are ended once the command is done
    const out = io.stdout;
    if (out) child.stdout.pipe(out, { end: !opts.tty });
    else child.stdout.resume();
    if (io.stderr) child.stderr.pipe(io.stderr);
    else if (opts.tty && out) child.stderr.pipe(out, { end: false });
    else child.stderr.resume();
    io.signal?.addEventListener('abort', () => child.kill('SIGKILL'));
    io.resize?.on('resize', (size) => seen.resizes.push(size));
    return new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        children.delete(child);
        resolve(code ?? 137);
      });
    });
  },
  async attach(opts, io) {
    // the "main process" echoes what it is sent, upper-cased, until stdin closes
    if (!io.stdin || !io.stdout) return 0;
    const out = io.stdout;
    io.stdin.on('data', (c: Buffer) => out.write(c.toString().toUpperCase()));
    await new Promise((r) => io.stdin!.once('end', r));
    out.end(`bye from ${opts.container}\n`);
    return 0;
  },
  async portForward(_ns, _pod, port) {
    seen.ports.push(port);
    const addr = web!.address();
    return connect(typeof addr === 'object' && addr ? addr.port : 0, '127.0.0.1');
  },
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function fetchText(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    }).on('error', reject);
  });
}

function writeLog(entries: [bigint, 'stdout' | 'stderr', string][]): void {
  writeFileSync(logPath, Buffer.concat(entries.map(([t, s, text]) => formatCriLine(s, false, text, t))));
}

before(async () => {
  const resources = buildResources();
  api = new ApiServer({ store: new MemoryStore(), resources, log: pino({ level: 'silent' }) });
  await wireResources(api, { serviceCidr: '10.96.0.0/12', nodePortRange: '30000-32767' });
  const pki = await ensurePki({ dir: join(dir, 'pki') });
  const nodes = new NodeConnections();
  nodes.register('n1', fakeNode);
  handlers = streamingHandlers({ api, nodes, log: pino({ level: 'silent' }) });
  api.subresources.set('pods/log', handlers.logs);
  for (const sub of ['exec', 'attach', 'portforward']) api.subresources.set(`pods/${sub}`, handlers.connect);
  https = await serveHttps(api, { host: '127.0.0.1', port: 0, ca: pki.ca, server: pki.server, log: pino({ level: 'silent' }) }, handlers.onUpgrade);
  api.serverAddress = `127.0.0.1:${https.port}`;
  writeFileSync(kubeconfig, renderKubeconfig({ server: `https://127.0.0.1:${https.port}`, ca: pki.ca.certPem, user: pki.admin }));
  web = createHttpServer((req, res) => res.end(`hello from ${req.url}`));
  await new Promise<void>((r) => web!.listen(0, '127.0.0.1', r));
  await call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  await createPod('p', ['app'], { nodeName: 'n1', running: true });
  await createPod('multi', ['a', 'b'], { nodeName: 'n1', running: true });
  await createPod('waiting', ['app'], { nodeName: 'n1' });
  await createPod('unsched', ['app'], {});
});

after(async () => {
  for (const c of children) c.kill('SIGKILL');
  handlers?.closeAll();
  await https?.close();
  await new Promise<void>((r) => (web ? web.close(() => r()) : r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('kubectl logs', { timeout: 120_000 }, () => {
  it('prints the log, its tail, timestamps and a since window', async () => {
    const now = nowNs();
    const hours = (h: number): bigint => now - BigInt(h * 3600) * 1_000_000_000n;
    writeLog([
      [hours(2), 'stdout', 'old one'],
      [hours(1.5), 'stderr', 'old two'],
      [hours(0.1), 'stdout', 'new three'],
      [hours(0.05), 'stdout', 'new four'],
    ]);
    state.running = false;
    const plain = await kubectl(['logs', 'p']);
    assert.equal(plain.stderr, '');
    assert.equal(plain.stdout, 'old one\nold two\nnew three\nnew four\n');
    assert.equal((await kubectl(['logs', 'p', '--tail=2'])).stdout, 'new three\nnew four\n');
    const ts = await kubectl(['logs', 'p', '--timestamps', '--tail=1']);
    assert.match(ts.stdout, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z new four\n$/);
    assert.equal((await kubectl(['logs', 'p', '--since=1h'])).stdout, 'new three\nnew four\n');
    assert.equal((await kubectl(['logs', 'p', '--limit-bytes=10'])).stdout, 'old one\nol');
    const sent = seen.logs.at(-2)!;
    assert.equal(sent.container, 'app');
    assert.equal(sent.sinceSeconds, 3600);
  });

  it('follows until the container stops', async () => {
    writeLog([[nowNs(), 'stdout', 'start']]);
    state.running = true;
    let sawStart!: () => void;
    const started = new Promise<void>((r) => (sawStart = r));
    const run = kubectl(['logs', '-f', 'p'], { onStdout: (all) => all.includes('start') && sawStart() });
    await started;
    appendFileSync(logPath, formatCriLine('stdout', true, 'mid'));
    appendFileSync(logPath, formatCriLine('stdout', false, 'dle'));
    await new Promise((r) => setTimeout(r, 200));
    appendFileSync(logPath, formatCriLine('stderr', false, 'end'));
    state.running = false;
    const res = await run;
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, 'start\nmiddle\nend\n');
    assert.equal(seen.logs.at(-1)!.follow, true);
  });

  it('reports container errors as upstream words them', async () => {
    const bad = await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/p/log?container=nope']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Error from server \(BadRequest\): container nope is not valid for pod p/);
    const none = await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/multi/log']);
    assert.match(none.stderr, /Error from server \(BadRequest\): a container name must be specified for pod multi, choose one of: \[a b\]/);
    const neg = await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/p/log?tailLines=-2']);
    assert.match(neg.stderr, /PodLogOptions "p" is invalid: tailLines: Invalid value: -2: must be greater than or equal to 0/);
    const client = await kubectl(['logs', 'p', '-c', 'nope']);
    assert.match(client.stderr, /container nope is not valid for pod p/);
    const waiting = await kubectl(['logs', 'waiting']);
    assert.equal(waiting.code, 1);
    assert.match(waiting.stderr, /Error from server \(BadRequest\): container "app" in pod "waiting" is waiting to start: ContainerCreating/);
    // kubectl reads the pod itself first and words this one on its own
    const missing = await kubectl(['logs', 'nope']);
    assert.match(missing.stderr, /pods "nope" not found/);
    const raw = await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/nope/log']);
    assert.match(raw.stderr, /Error from server \(NotFound\): pods "nope" not found/);
    const unsched = await kubectl(['logs', 'unsched']);
    assert.equal(unsched.code, 0);
    assert.equal(unsched.stdout, '');
    const multi = await kubectl(['logs', 'multi', '-c', 'b']);
    assert.equal(multi.code, 0);
    assert.equal(seen.logs.at(-1)!.container, 'b');
  });
});

for (const [transport, env] of [
  ['WebSocket v5', {}],
  ['SPDY fallback', { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' }],
] as const) {
  describe(`kubectl exec over ${transport}`, { timeout: 120_000 }, () => {
    it('returns stdout, stderr and the exit code', async () => {
      const r = await kubectl(['exec', 'p', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'], { env });
      assert.equal(r.code, 3);
      assert.equal(r.stdout, 'out\n');
      assert.match(r.stderr, /^err\n/);
      assert.match(r.stderr, /command terminated with exit code 3/);
      assert.deepEqual(seen.exec.at(-1), {
        namespace: 'default',
        pod: 'p',
        container: 'app',
        command: ['sh', '-c', 'echo out; echo err >&2; exit 3'],
        stdin: false,
        stdout: true,
        stderr: true,
        tty: false,
      });
    });

    it('passes stdin through to its end', async () => {
      const r = await kubectl(['exec', '-i', 'p', '--', 'cat'], { env, input: 'a\nb\n' });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'a\nb\n');
      const big = 'x'.repeat(300_000) + '\n';
      const wc = await kubectl(['exec', '-i', 'p', '--', 'wc', '-c'], { env, input: big });
      assert.equal(wc.stdout.trim(), String(big.length));
      // input the command never reads does not hold the session open
      const t0 = Date.now();
      const ignored = await kubectl(['exec', '-i', 'p', '--', 'true'], { env, input: 'y'.repeat(4_000_000) });
      assert.equal(ignored.code, 0, ignored.stderr);
      assert.ok(Date.now() - t0 < 8000, `took ${Date.now() - t0} ms`);
    });

    it('exits 0 quietly on success and reports a command that cannot start', async () => {
      const ok = await kubectl(['exec', 'multi', '-c', 'b', '--', 'true'], { env });
      assert.equal(ok.code, 0);
      assert.equal(ok.stderr, '');
      assert.equal(seen.exec.at(-1)!.container, 'b');
      const bad = await kubectl(['exec', 'p', '--', '/no/such/binary'], { env });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /error executing command in container: spawn \/no\/such\/binary ENOENT/);
    });

    it('runs with a terminal: kubectl sends its size, stderr is merged', { skip: !hasScript && 'script(1) is not installed' }, async () => {
      // `script` gives kubectl a pseudo-terminal as stdin, so -t takes effect
      const before = seen.resizes.length;
      const r = await run('script', ['-qfec', "kubectl exec -it p -- sh -c 'sleep 0.3; echo on-tty; echo err >&2'", '/dev/null'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /on-tty\r?\n/);
      assert.match(r.stdout, /err/);
      const sent = seen.exec.at(-1)!;
      assert.equal(sent.tty, true);
      assert.equal(sent.stderr, false);
      assert.equal(sent.stdin, true);
      assert.ok(seen.resizes.length > before, 'a resize arrived');
      assert.match(JSON.stringify(seen.resizes.at(-1)), /^\{"width":\d+,"height":\d+\}$/);
    });

    it('attaches to the main process', async () => {
      const r = await kubectl(['attach', 'p', '-i'], { env, input: 'hello\n' });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /HELLO\nbye from app\n/);
    });

    it('explains why it cannot upgrade', async () => {
      const missing = await kubectl(['exec', 'nope', '--', 'true'], { env });
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /Error from server \(NotFound\): pods "nope" not found/);
      const waiting = await kubectl(['exec', 'waiting', '--', 'true'], { env });
      assert.match(waiting.stderr, /error: unable to upgrade connection: container not found \("app"\)/);
      const unsched = await kubectl(['exec', 'unsched', '--', 'true'], { env });
      assert.match(unsched.stderr, /Error from server \(BadRequest\): pod unsched does not have a host assigned/);
      const plain = await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/p/exec?command=true&stdout=true'], { env });
      assert.match(plain.stderr, /Error from server \(BadRequest\): Upgrade request required/);
      const which = await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/multi/exec?command=true&stdout=true'], { env });
      assert.match(which.stderr, /Error from server \(BadRequest\): a container name must be specified for pod multi, choose one of: \[a b\]/);
    });
  });
}

for (const [transport, env] of [
  ['SPDY in a WebSocket', {}],
  ['raw SPDY', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }],
] as const) {
  describe(`kubectl port-forward over ${transport}`, { timeout: 120_000 }, () => {
    it('carries two HTTP requests to the pod port', async () => {
      const local = await freePort();
      let ready!: () => void;
      const listening = new Promise<void>((r) => (ready = r));
      const before = seen.ports.length;
      const run = kubectl(['port-forward', 'pod/p', `${local}:8080`], { env, timeoutMs: 60_000, onStdout: (all) => all.includes('Forwarding from') && ready() });
      try {
        await Promise.race([listening, run.then((r) => Promise.reject(new Error(`port-forward exited: ${r.stderr}`)))]);
        assert.equal(await fetchText(local, '/one'), '200 hello from /one');
        assert.equal(await fetchText(local, '/two'), '200 hello from /two');
        assert.deepEqual(seen.ports.slice(before), [8080, 8080]);
      } finally {
        for (const c of children) if (c.spawnargs.includes('port-forward')) c.kill('SIGKILL');
        await run;
      }
    });

    it('refuses a pod that does not exist', async () => {
      const r = await kubectl(['port-forward', 'pod/nope', '18080:8080'], { env });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /pods "nope" not found/);
    });
  });
}
