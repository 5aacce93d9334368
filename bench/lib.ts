/**
 * Shared pieces of the benchmarks: starting a skiff server, percentiles, machine facts.
 */
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { Agent, Pool } from 'undici';
import { readKubeconfig } from '../src/server/kubeconfig.js';
import { readLines as readStreamLines } from '../test/helpers/apiwatch.js';
import { TestCluster } from '../test/helpers/cluster.js';

export { TestCluster };

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(values: number[]): { n: number; p50: number; p90: number; p99: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

/** Resident memory of a process in MiB (from /proc). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * Calls `onLine` for each non-empty line of a streamed body (a watch's JSON lines) until the
 * stream ends, is aborted, or `onLine` returns true.
 */
export async function readLines(body: AsyncIterable<unknown>, onLine: (line: string) => boolean | void): Promise<void> {
  await readStreamLines(body, onLine).catch(() => undefined); // aborted
}

export const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

export interface BenchResult {
  name: string;
  figures: Record<string, string | number>;
  target?: string;
  pass?: boolean;
}

/**
 * An API session on a test cluster: requests (JSON bodies, parsed JSON answers) over a
 * connection pool, and an agent for watches.
 */
export function session(c: TestCluster, connections: { pool: number; agent: number } = { pool: 16, agent: 8 }) {
  const kc = readKubeconfig(c.kubeconfig);
  const base = `https://127.0.0.1:${c.port}`;
  const tls = { ca: kc.ca, cert: kc.cert, key: kc.key };
  const agent = new Agent({ connect: tls, connections: connections.agent });
  const pool = new Pool(base, { connections: connections.pool, connect: tls });
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> => {
    const r = await pool.request({ method: method as 'GET', path, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': contentType } });
    const text = await r.body.text();
    if (r.statusCode >= 300) throw new Error(`${method} ${path}: ${r.statusCode} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
  return { base, agent, call, close: async () => Promise.all([pool.close(), agent.close()]) };
}
