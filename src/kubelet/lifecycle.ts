/**
 * Container lifecycle hooks (postStart, preStop) as the kubelet's handler runner runs them:
 * exec in the container, an HTTP GET to the pod, or a sleep.
 */
import { request } from 'node:http';
import type { Container, LifecycleHandler, Pod } from '../api/types.js';
import type { RuntimeService } from './runtime/types.js';

export class HookError extends Error {}

function resolvePort(port: number | string | undefined, container: Container): number {
  if (typeof port === 'number') return port;
  if (port && /^\d+$/.test(port)) return Number(port);
  const named = container.ports?.find((p) => p.name === port);
  if (!named) throw new HookError(`couldn't find port: ${port} in ${container.name}`);
  return named.containerPort;
}

function httpGet(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('context deadline exceeded')));
    req.on('error', reject);
    req.end();
  });
}

export interface HookContext {
  runtime: Pick<RuntimeService, 'execSync'>;
  containerId: string;
  pod: Pod;
  container: Container;
  podIP: string;
  /** The longest the hook may take (ms). */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Runs one lifecycle handler; throws HookError with upstream-like text when it fails. */
export async function runHook(h: LifecycleHandler, ctx: HookContext): Promise<void> {
  if (h.exec) {
    const cmd = h.exec.command ?? [];
    const r = await ctx.runtime.execSync(ctx.containerId, cmd, ctx.timeoutMs);
    if (r.timedOut) throw new HookError(`command '${cmd.join(' ')}' timed out`);
    if (r.exitCode !== 0) {
      const out = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
      throw new HookError(`command '${cmd.join(' ')}' exited with ${r.exitCode}: ${out}`);
    }
    return;
  }
  if (h.httpGet) {
    const g = h.httpGet;
    const port = resolvePort(g.port as number | string, ctx.container);
    const host = g.host || ctx.podIP;
    const path = g.path ? (g.path.startsWith('/') ? g.path : `/${g.path}`) : '/';
    const url = new URL(`${(g.scheme ?? 'HTTP').toLowerCase()}://${host.includes(':') ? `[${host}]` : host}:${port}${path}`);
    const headers: Record<string, string> = { 'user-agent': 'kube-lifecycle/1.32', accept: '*/*' };
    for (const hh of g.httpHeaders ?? []) headers[hh.name.toLowerCase()] = hh.value;
    let code: number;
    try {
      code = await httpGet(url, headers, ctx.timeoutMs);
    } catch (err) {
      throw new HookError(`Get "${url.href}": ${(err as Error).message}`);
    }
    if (code < 200 || code >= 400) throw new HookError(`HTTP lifecycle hook (${path}) for Container "${ctx.container.name}" in Pod "${ctx.pod.metadata?.name}" failed - error: HTTP status code ${code}`);
    return;
  }
  if (h.sleep) {
    const ms = (h.sleep.seconds ?? 0) * 1000;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, Math.min(ms, ctx.timeoutMs));
      ctx.signal?.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      });
    });
    return;
  }
  throw new HookError('invalid handler: none of exec, httpGet or sleep is set');
}
