/**
 * Node agent figures (issue "Scheduler and node agent"): 100 pods created at once, creation to
 * Running in status; 1,000 running pods each with an httpGet readiness probe every second (CPU
 * of the server process, which hosts the agent); memory per pod.
 */
import { createServer } from 'node:http';
import { Agent, Pool, request } from 'undici';
import { readKubeconfig } from '../src/server/kubeconfig.js';
import { type BenchResult, readLines, round, rssMiB, summarize, TestCluster } from './lib.js';
import { readFileSync } from 'node:fs';

const OFF = ['--disable', 'proxy,dns,ingress', '--max-pods', '2000'];

function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').slice(readFileSync(`/proc/${pid}/stat`, 'utf8').lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

interface PodEvent {
  type: string;
  object: { metadata: { name: string }; status?: { phase?: string; containerStatuses?: { state?: { running?: unknown } }[] } };
}

/** Watches pods of a namespace; calls `onEvent` per event until aborted. */
async function watchPods(base: string, agent: Agent, ns: string, signal: AbortSignal, onEvent: (e: PodEvent) => void): Promise<void> {
  const r = await request(`${base}/api/v1/namespaces/${ns}/pods?watch=true`, { dispatcher: agent, signal });
  await readLines(r.body, (line) => onEvent(JSON.parse(line) as PodEvent));
}

const podBody = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ metadata: { name }, spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'], ...extra }] } });

export async function benchNodeAgent(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const c = new TestCluster({ args: OFF });
  await c.start();
  const kc = readKubeconfig(c.kubeconfig);
  const base = `https://127.0.0.1:${c.port}`;
  const agent = new Agent({ connect: { ca: kc.ca, cert: kc.cert, key: kc.key }, connections: 64 });
  const pool = new Pool(base, { connections: 32, connect: { ca: kc.ca, cert: kc.cert, key: kc.key } });
  const post = async (path: string, body: string) => {
    const r = await pool.request({ method: 'POST', path, body, headers: { 'content-type': 'application/json' } });
    await r.body.text();
    if (r.statusCode >= 300) throw new Error(`POST ${path}: ${r.statusCode}`);
  };
  try {
    // Wait for the node.
    for (;;) {
      const nodes = JSON.parse((await c.api('GET', '/api/v1/nodes')).body) as { items: unknown[] };
      if (nodes.items.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // 1. 100 pods at once: creation to Running.
    {
      await post('/api/v1/namespaces', JSON.stringify({ metadata: { name: 'burst' } }));
      const created = new Map<string, number>();
      const running = new Map<string, number>();
      const ac = new AbortController();
      const w = watchPods(base, agent, 'burst', ac.signal, (e) => {
        const n = e.object.metadata.name;
        if (!running.has(n) && e.object.status?.phase === 'Running' && e.object.status.containerStatuses?.[0]?.state?.running) running.set(n, performance.now());
      });
      await new Promise((r) => setTimeout(r, 300));
      await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const name = `p-${i}`;
          created.set(name, performance.now());
          await post('/api/v1/namespaces/burst/pods', podBody(name));
        }),
      );
      const deadline = performance.now() + 60_000;
      while (running.size < 100 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      ac.abort();
      await w;
      const lat = [...running].map(([n, t]) => t - created.get(n)!);
      const s = summarize(lat);
      results.push({
        name: '100 pods created at once (process runtime, `sleep`): creation to Running in status',
        figures: { running: `${running.size}/100`, 'p50 (ms)': round(s.p50), 'p99 (ms)': round(s.p99), 'max (ms)': round(s.max) },
        target: 'p50 under 50 ms, p99 under 300 ms',
        pass: running.size === 100 && s.p50 < 50 && s.p99 < 300,
      });
    }

    // 2 and 3. 1,000 pods with an httpGet readiness probe every second; CPU and memory per pod.
    {
      const target = createServer((_req, res) => res.end('ok'));
      await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
      const port = (target.address() as { port: number }).port;
      await post('/api/v1/namespaces', JSON.stringify({ metadata: { name: 'probed' } }));
      const pid = c.proc!.pid!;
      await new Promise((r) => setTimeout(r, 2000));
      const rssBefore = rssMiB(pid);
      const ready = new Set<string>();
      const ac = new AbortController();
      const w = watchPods(base, agent, 'probed', ac.signal, (e) => {
        const st = e.object.status as { conditions?: { type: string; status: string }[] } | undefined;
        if (st?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')) ready.add(e.object.metadata.name);
      });
      const t0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < 1000) {
            const i = next++;
            await post(
              '/api/v1/namespaces/probed/pods',
              podBody(`r-${i}`, { readinessProbe: { httpGet: { host: '127.0.0.1', port, path: '/healthz' }, periodSeconds: 1 } }),
            );
          }
        }),
      );
      const deadline = performance.now() + 180_000;
      while (ready.size < 1000 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const allReady = (performance.now() - t0) / 1000;
      ac.abort();
      await w;
      await new Promise((r) => setTimeout(r, 5000));
      const cpu0 = cpuSeconds(pid);
      const m0 = performance.now();
      await new Promise((r) => setTimeout(r, 20_000));
      const cores = (cpuSeconds(pid) - cpu0) / ((performance.now() - m0) / 1000);
      const rssAfter = rssMiB(pid);
      target.close();
      results.push({
        name: '1,000 running pods, each with an httpGet readiness probe every second',
        figures: { ready: `${ready.size}/1000 in ${round(allReady)} s`, 'server process CPU (cores)': round(cores, 2) },
        target: 'the agent uses under half a core',
        pass: ready.size === 1000 && cores < 0.5,
      });
      const perPod = ((rssAfter - rssBefore) * 1024) / 1000;
      results.push({
        name: 'memory the agent spends per pod (server RSS growth / pods)',
        figures: { 'KiB per pod': round(perPod, 0), 'RSS before (MiB)': round(rssBefore), 'RSS after (MiB)': round(rssAfter) },
        target: 'under 1 MB',
        pass: perPod < 1024,
      });
    }
  } finally {
    await pool.close();
    await agent.close();
    await c.cleanup();
  }
  return results;
}
