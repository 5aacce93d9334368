/**
 * Controller figures (issue "Controllers"): a Deployment scaled from 0 to 500 replicas (process
 * runtime, `sleep` containers) until status.readyReplicas is 500; and a readiness change of one
 * pod behind a 1,000-pod Service reaching its EndpointSlice — latency from the status write to
 * the slice watch event, and how many slices each flip rewrites. The 1,000 pods sit on a fake
 * node (no agent): the benchmark writes their status through pods/status as a kubelet would.
 */
import { type Agent, request } from 'undici';
import { type BenchResult, readLines, round, session, summarize, TestCluster } from './lib.js';

interface WatchEvent<T> {
  type: string;
  object: T;
}

interface SliceLike {
  metadata: { name: string; labels?: Record<string, string> };
  endpoints?: { addresses: string[]; conditions: { ready?: boolean }; targetRef?: { name?: string } }[] | null;
}

interface DeploymentLike {
  status?: { readyReplicas?: number; observedGeneration?: number };
  metadata: { generation?: number };
}

/** Streams a watch until aborted, calling `onEvent` per event. */
async function watch<T>(base: string, agent: Agent, path: string, signal: AbortSignal, onEvent: (e: WatchEvent<T>) => void): Promise<() => Promise<void>> {
  const r = await request(`${base}${path}${path.includes('?') ? '&' : '?'}watch=true`, { dispatcher: agent, signal });
  const done = readLines(r.body, (line) => onEvent(JSON.parse(line) as WatchEvent<T>));
  return () => done;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ms: number, fn: () => boolean): Promise<void> {
  const end = performance.now() + ms;
  while (!fn()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** (a) 0 → 500 replicas until readyReplicas = 500. */
async function scaleUp(): Promise<BenchResult> {
  const N = 500;
  const c = new TestCluster({ args: ['--disable', 'proxy,dns,ingress', '--max-pods', '1000'], podRange: `127.${250 + (process.pid % 5)}.0.0/20` });
  await c.start();
  const s = session(c);
  const ac = new AbortController();
  try {
    await until('a node', 30_000, () => /\sReady\s/.test(c.kubectl(['get', 'nodes']).stdout));
    const ns = '/apis/apps/v1/namespaces/default/deployments';
    await s.call('POST', ns, {
      metadata: { name: 'scale' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'scale' } },
        template: {
          metadata: { labels: { app: 'scale' } },
          spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] },
        },
      },
    });
    let ready = 0;
    let observed = false;
    const stop = await watch<DeploymentLike>(s.base, s.agent, `${ns}?fieldSelector=metadata.name%3Dscale`, ac.signal, (e) => {
      ready = e.object.status?.readyReplicas ?? 0;
      if ((e.object.status?.observedGeneration ?? 0) >= (e.object.metadata.generation ?? 1)) observed = true;
    });
    await until('the Deployment observed', 10_000, () => observed);
    await sleep(500);
    const t0 = performance.now();
    await s.call('PATCH', `${ns}/scale/scale`, { spec: { replicas: N } }, 'application/merge-patch+json');
    let timedOut = false;
    await until('500 ready replicas', 120_000, () => ready >= N).catch(() => (timedOut = true));
    const secs = (performance.now() - t0) / 1000;
    ac.abort();
    await stop();
    return {
      name: 'Deployment scaled from 0 to 500 replicas (process runtime, `sleep`): scale write to status.readyReplicas=500',
      figures: { 'ready replicas': `${ready}/${N}`, seconds: round(secs, 2) },
      target: 'under 10 s',
      pass: !timedOut && secs < 10,
    };
  } finally {
    ac.abort();
    await s.close();
    await c.cleanup();
  }
}

/** (b) Readiness flips of single pods behind a 1,000-pod Service, seen on the slice watch. */
async function readinessFlips(): Promise<BenchResult> {
  const N = 1000;
  const FLIPS = 100;
  const c = new TestCluster({ args: ['--disable', 'proxy,dns,ingress,kubelet,scheduler'] });
  await c.start();
  const s = session(c);
  const ac = new AbortController();
  let renew: NodeJS.Timeout | undefined;
  try {
    // The fake node, kept alive through its Lease so the node lifecycle controller leaves it be.
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await s.call('POST', '/api/v1/nodes', {
      metadata: { name: 'fake', labels: { 'kubernetes.io/hostname': 'fake' } },
      status: {
        capacity: { cpu: '64', memory: '256Gi', pods: '2000' },
        allocatable: { cpu: '64', memory: '256Gi', pods: '2000' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }],
      },
    });
    const leasePath = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';
    const micro = () => new Date().toISOString().replace(/Z$/, '000Z');
    await s.call('POST', leasePath, { metadata: { name: 'fake' }, spec: { holderIdentity: 'fake', leaseDurationSeconds: 40, renewTime: micro() } });
    renew = setInterval(() => void s.call('PATCH', `${leasePath}/fake`, { spec: { renewTime: micro() } }, 'application/merge-patch+json').catch(() => {}), 5000);

    await s.call('POST', '/api/v1/namespaces', { metadata: { name: 'flip' } });
    const pods = '/api/v1/namespaces/flip/pods';
    const ip = (i: number) => `10.200.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    const status = (i: number, ready: boolean) => ({
      status: {
        phase: 'Running',
        podIP: ip(i),
        podIPs: [{ ip: ip(i) }],
        conditions: [
          { type: 'Ready', status: ready ? 'True' : 'False' },
          { type: 'ContainersReady', status: ready ? 'True' : 'False' },
        ],
      },
    });
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < N) {
          const i = next++;
          await s.call('POST', pods, {
            metadata: { name: `p-${i}`, labels: { app: 'flip' } },
            spec: { nodeName: 'fake', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'], ports: [{ containerPort: 8080 }] }] },
          });
          await s.call('PATCH', `${pods}/p-${i}/status`, status(i, true), 'application/strategic-merge-patch+json');
        }
      }),
    );

    // The slice watch: every slice's endpoints by pod, and each MODIFIED/ADDED event in order.
    const slices = new Map<string, SliceLike>();
    const events: { at: number; name: string }[] = [];
    const readyOf = new Map<string, boolean>();
    const stop = await watch<SliceLike>(s.base, s.agent, '/apis/discovery.k8s.io/v1/namespaces/flip/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dflip', ac.signal, (e) => {
      const at = performance.now();
      if (e.type === 'DELETED') slices.delete(e.object.metadata.name);
      else slices.set(e.object.metadata.name, e.object);
      events.push({ at, name: e.object.metadata.name });
      for (const ep of e.object.endpoints ?? []) if (ep.targetRef?.name) readyOf.set(ep.targetRef.name, ep.conditions.ready === true);
    });
    await s.call('POST', '/api/v1/namespaces/flip/services', { metadata: { name: 'flip' }, spec: { selector: { app: 'flip' }, ports: [{ port: 80, targetPort: 8080 }] } });
    const readyCount = () => [...slices.values()].reduce((n, sl) => n + (sl.endpoints ?? []).filter((e) => e.conditions.ready).length, 0);
    await until('1,000 ready endpoints', 60_000, () => readyCount() === N);
    await sleep(1500);

    const latencies: number[] = [];
    const rewritten: number[] = [];
    const state = new Array<boolean>(N).fill(true);
    for (let f = 0; f < FLIPS; f++) {
      const i = (f * 397) % N;
      const name = `p-${i}`;
      state[i] = !state[i];
      const from = events.length;
      const t0 = performance.now();
      await s.call('PATCH', `${pods}/${name}/status`, status(i, state[i]!), 'application/strategic-merge-patch+json');
      await until(`flip ${f} in the slice`, 10_000, () => readyOf.get(name) === state[i]);
      const seen = events.slice(from).find((e) => slices.get(e.name)?.endpoints?.some((ep) => ep.targetRef?.name === name));
      latencies.push((seen?.at ?? performance.now()) - t0);
      await sleep(150); // let any further writes of this flip arrive before counting
      rewritten.push(new Set(events.slice(from).map((e) => e.name)).size);
    }
    ac.abort();
    await stop();
    const lat = summarize(latencies);
    const maxRewritten = Math.max(...rewritten);
    const meanRewritten = rewritten.reduce((a, b) => a + b, 0) / rewritten.length;
    return {
      name: 'readiness flip of one pod behind a 1,000-pod Service (fake node, pods/status writes): status write to the EndpointSlice watch event',
      figures: {
        flips: FLIPS,
        slices: slices.size,
        'p50 (ms)': round(lat.p50),
        'p99 (ms)': round(lat.p99),
        'max (ms)': round(lat.max),
        'slices rewritten per flip (mean / max)': `${round(meanRewritten, 2)} / ${maxRewritten}`,
      },
      target: 'p99 within 100 ms, rewriting one slice only',
      pass: lat.p99 <= 100 && maxRewritten === 1,
    };
  } finally {
    if (renew) clearInterval(renew);
    ac.abort();
    await s.close();
    await c.cleanup();
  }
}

export async function benchControllers(): Promise<BenchResult[]> {
  return [await scaleUp(), await readinessFlips()];
}
