/**
 * Control-plane figures (issue "Control plane foundation"): cold start to /readyz, ConfigMap
 * creates with 32 concurrent keep-alive clients on SQLite, LIST of 10,000 pods, 100 watchers
 * receiving 10,000 events each, idle resident memory.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, Pool, request } from 'undici';
import { readKubeconfig } from '../src/server/kubeconfig.js';
import { type BenchResult, percentile, readLines, round, rssMiB, summarize, TestCluster } from './lib.js';
import { SKIFF_BIN } from '../test/helpers/cluster.js';
import { killAllContainers } from '../src/kubelet/runtime/reset.js';

const OFF = ['--disable', 'scheduler,kubelet,proxy,dns,ingress'];
const TOKEN = 'skiff-bench-token';
const hasWrk = (): boolean => spawnSync('wrk', ['--version']).error === undefined;

/** Spawn → first 200 from /readyz, polling every 5 ms. */
async function coldStart(dataDir: string, args: string[]): Promise<number> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [SKIFF_BIN, 'server', '--data-dir', dataDir, '--api-port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const agent = new Agent({ connect: { rejectUnauthorized: false } });
  try {
    for (;;) {
      const port = /"component":"server","port":(\d+)/.exec(out)?.[1] ?? /"port":(\d+)/.exec(out)?.[1];
      if (port) {
        try {
          const r = await request(`https://127.0.0.1:${port}/readyz`, { dispatcher: agent });
          await r.body.text();
          if (r.statusCode === 200) return performance.now() - t0;
        } catch {
          // not listening yet
        }
      }
      await new Promise((r) => setTimeout(r, 5));
      if (performance.now() - t0 > 20_000) throw new Error(`no ready server: ${out}`);
    }
  } finally {
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
    await agent.close();
  }
}

export async function benchApiserver(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  // 1. Cold start: first start (PKI generated) and a start on an existing data dir, for the
  //    control plane alone (this server) and for the whole default `skiff server`
  //    (`npm start`: controllers, scheduler and node agent too).
  for (const [what, args] of [
    ['control plane (scheduler, kubelet, proxy, dns, ingress off)', OFF],
    ['default `skiff server` (everything on)', ['--pod-ip-range', '127.62.0.0/24']],
  ] as const) {
    const first: number[] = [];
    const again: number[] = [];
    for (let i = 0; i < 5; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
      try {
        first.push(await coldStart(dir, [...args]));
        again.push(await coldStart(dir, [...args]));
      } finally {
        killAllContainers(join(dir, 'runtime'));
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const f = summarize(first);
    const a = summarize(again);
    results.push({
      name: `cold start to a ready /readyz: ${what}`,
      figures: { 'first start p50 (ms)': round(f.p50), 'first start max (ms)': round(f.max), 'restart p50 (ms)': round(a.p50), 'restart max (ms)': round(a.max) },
      target: 'under 500 ms',
      pass: f.p50 < 500 && a.p50 < 500,
    });
  }

  const tokenDir = mkdtempSync(join(tmpdir(), 'skiff-bench-tok-'));
  const tokens = join(tokenDir, 'tokens.csv');
  writeFileSync(tokens, `${TOKEN},bench,1,"system:masters"\n`);
  const c = new TestCluster({ args: [...OFF, '--token-auth-file', tokens] });
  await c.start();
  try {
    const kc = readKubeconfig(c.kubeconfig);
    const base = `https://127.0.0.1:${c.port}`;
    // 5. Idle memory, measured first, on the fresh server after 30 s without requests (V8's
    //    memory reducer gives start-up garbage back after about 10 s of idling); and on a default
    //    server (everything on) beside it. 100 MB = 95.4 MiB.
    const full = await new TestCluster().start();
    try {
      await new Promise((r) => setTimeout(r, 30_000));
      const idle = (rssMiB(c.proc!.pid!) * 2 ** 20) / 1e6;
      const idleFull = (rssMiB(full.proc!.pid!) * 2 ** 20) / 1e6;
      results.push({
        name: 'idle resident memory of the server',
        figures: { 'control plane RSS (MB)': round(idle), 'default server RSS (MB)': round(idleFull) },
        target: 'under 100 MB',
        pass: idle < 100 && idleFull < 100,
      });
    } finally {
      await full.cleanup();
    }

    // 2. ConfigMap creates, 32 concurrent keep-alive clients, 10 s. The load comes from wrk (C,
    //    bearer-token auth) when it is installed: a Node client on the same 2 cores would take
    //    as much CPU as the server and measure itself.
    if (hasWrk()) {
      await c.api('POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name: 'bench' } }));
      const lua = join(c.dir, 'create.lua');
      writeFileSync(lua, `counter = 0
request = function()
  counter = counter + 1
  local body = '{"metadata":{"name":"cm-' .. tostring(math.random(1, 1e9)) .. '-' .. counter .. '"},"data":{"key":"value"}}'
  return wrk.format("POST", "/api/v1/namespaces/bench/configmaps", {["Content-Type"]="application/json", ["Authorization"]="Bearer ${TOKEN}"}, body)
end
`);
      const out = execFileSync('wrk', ['-t1', '-c32', '-d10s', '-s', lua, `${base}/`], { encoding: 'utf8' });
      const rate = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
      const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
      results.push({ name: 'ConfigMap creates, 32 concurrent keep-alive clients (wrk), SQLite', figures: { 'creates/s': round(rate, 0), 'non-2xx': non2xx }, target: 'at least 2,000/s', pass: rate >= 2000 && non2xx === 0 });
    } else {
      const pool = new Pool(base, { connections: 32, connect: { ca: kc.ca, cert: kc.cert, key: kc.key } });
      await pool.request({ method: 'POST', path: '/api/v1/namespaces', body: JSON.stringify({ metadata: { name: 'bench' } }), headers: { 'content-type': 'application/json' } }).then((r) => r.body.text());
      let n = 0;
      let errors = 0;
      const end = performance.now() + 10_000;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 32 }, async (_, w) => {
          for (let i = 0; performance.now() < end; i++) {
            const r = await pool.request({
              method: 'POST',
              path: '/api/v1/namespaces/bench/configmaps',
              body: JSON.stringify({ metadata: { name: `cm-${w}-${i}` }, data: { key: 'value' } }),
              headers: { 'content-type': 'application/json' },
            });
            await r.body.text();
            if (r.statusCode === 201) n++;
            else errors++;
          }
        }),
      );
      const secs = (performance.now() - t0) / 1000;
      await pool.close();
      results.push({ name: 'ConfigMap creates, 32 concurrent keep-alive clients (undici, same machine), SQLite', figures: { 'creates/s': round(n / secs, 0), errors }, target: 'at least 2,000/s', pass: n / secs >= 2000 });
    }

    // 3. LIST of 10,000 pods.
    {
      const pool = new Pool(base, { connections: 32, connect: { ca: kc.ca, cert: kc.cert, key: kc.key } });
      await pool.request({ method: 'POST', path: '/api/v1/namespaces', body: JSON.stringify({ metadata: { name: 'pods' } }), headers: { 'content-type': 'application/json' } }).then((r) => r.body.text());
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < 10_000) {
            const i = next++;
            const r = await pool.request({
              method: 'POST',
              path: '/api/v1/namespaces/pods/pods',
              body: JSON.stringify({ metadata: { name: `p-${i}`, labels: { app: `a${i % 10}` } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'], resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } }),
              headers: { 'content-type': 'application/json' },
            });
            await r.body.text();
          }
        }),
      );
      const times: number[] = [];
      const tableTimes: number[] = [];
      for (let i = 0; i < 10; i++) {
        let t = performance.now();
        const r = await pool.request({ method: 'GET', path: '/api/v1/namespaces/pods/pods' });
        const body = await r.body.text();
        times.push(performance.now() - t);
        if (i === 0 && (JSON.parse(body) as { items: unknown[] }).items.length !== 10_000) throw new Error('list did not return 10,000 pods');
        t = performance.now();
        const rt = await pool.request({ method: 'GET', path: '/api/v1/namespaces/pods/pods', headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
        await rt.body.text();
        tableTimes.push(performance.now() - t);
      }
      await pool.close();
      const s = summarize(times);
      const tt = summarize(tableTimes);
      results.push({ name: 'LIST of 10,000 pods', figures: { 'JSON p50 (ms)': round(s.p50), 'JSON max (ms)': round(s.max), 'Table p50 (ms)': round(tt.p50) }, target: 'p50 under 300 ms', pass: s.p50 < 300 });
    }

    // 4. 100 watchers × 10,000 events.
    {
      const N = 10_000;
      const W = 100;
      await c.api('POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name: 'watch' } }));
      const agent = new Agent({ connect: { ca: kc.ca, cert: kc.cert, key: kc.key }, connections: W + 40 });
      const latencies: number[] = [];
      const counts = new Array<number>(W).fill(0);
      const aborts: AbortController[] = [];
      const rv = (JSON.parse((await c.api('GET', '/api/v1/namespaces/watch/configmaps')).body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
      const watchers = Array.from({ length: W }, async (_, w) => {
        const ac = new AbortController();
        aborts.push(ac);
        const r = await request(`${base}/api/v1/namespaces/watch/configmaps?watch=true&resourceVersion=${rv}`, { dispatcher: agent, signal: ac.signal });
        await readLines(r.body, (line) => {
          const sent = Number(/"sent":"(\d+(?:\.\d+)?)"/.exec(line)?.[1]);
          latencies.push(performance.timeOrigin + performance.now() - sent);
          counts[w]!++;
          return counts[w]! >= N;
        });
      });
      await new Promise((r) => setTimeout(r, 500));
      const pool = new Pool(base, { connections: 16, connect: { ca: kc.ca, cert: kc.cert, key: kc.key } });
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < N) {
            const i = next++;
            const r = await pool.request({
              method: 'POST',
              path: '/api/v1/namespaces/watch/configmaps',
              body: JSON.stringify({ metadata: { name: `e-${i}`, annotations: { sent: String(performance.timeOrigin + performance.now()) } } }),
              headers: { 'content-type': 'application/json' },
            });
            await r.body.text();
          }
        }),
      );
      const deadline = performance.now() + 60_000;
      while (counts.some((n) => n < N) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const elapsed = performance.now() - t0;
      for (const a of aborts) a.abort();
      await Promise.allSettled(watchers);
      await pool.close();
      await agent.close();
      const s = [...latencies].sort((a, b) => a - b);
      const delivered = counts.reduce((a, b) => a + b, 0);
      results.push({
        name: '100 watchers each receiving 10,000 events',
        figures: { delivered: `${delivered} / ${W * N}`, 'p50 latency (ms)': round(percentile(s, 50)), 'p99 latency (ms)': round(percentile(s, 99)), 'total (s)': round(elapsed / 1000) },
        target: 'all delivered, p99 under 50 ms',
        pass: delivered === W * N && percentile(s, 99) < 50,
      });
    }
  } finally {
    await c.cleanup();
    rmSync(tokenDir, { recursive: true, force: true });
  }
  return results;
}
