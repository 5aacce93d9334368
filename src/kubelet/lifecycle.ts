/**
 * Container lifecycle hooks (postStart, preStop) as the kubelet's handler runner
 * (pkg/kubelet/lifecycle/handlers.go, v1.32) runs them: exec in the container, an HTTP GET to
 * the pod, or a sleep.
 *
 * An httpGet hook fails only on a transport error: any HTTP response, 404 or 500 included, is
 * success. `scheme: HTTPS` does not verify the certificate; when the server turns out to speak
 * plain HTTP, the request is sent again over HTTP (without its Authorization header) and a
 * Warning `LifecycleHTTPFallback` event says so. Redirects are followed on the same host only.
 */
import type { Container, LifecycleHandler, Pod } from '../api/types.js';
import { formatPod } from './backoff.js';
import { canonicalHeaderKey, httpProbe, prepareRequest } from './prober/http.js';
import { joinHostPort } from './prober/util.js';
import type { RuntimeService } from './runtime/types.js';

/** `kube-lifecycle/<major>.<minor>`, the User-Agent of httpGet hooks. */
export const LIFECYCLE_USER_AGENT = 'kube-lifecycle/1.32';

export class HookError extends Error {}

export interface HookContext {
  runtime: Pick<RuntimeService, 'execSync'>;
  containerId: string;
  pod: Pod;
  container: Container;
  podIP: string;
  /** The longest the hook may take (ms). */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Records an event about the pod (the HTTPS → HTTP fallback warning). */
  event?(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** Go's `%v` of a []string: `[sh -c exit 7]`. */
function goList(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}

function podName(pod: Pod): string {
  const m = pod.metadata ?? {};
  return formatPod({ name: m.name ?? '', namespace: m.namespace ?? '', uid: m.uid ?? '' });
}

/** Runs one lifecycle handler; throws HookError worded as upstream's handler runner words it. */
export async function runHook(h: LifecycleHandler, ctx: HookContext): Promise<void> {
  const where = `for Container "${ctx.container.name}" in Pod "${podName(ctx.pod)}"`;
  if (h.exec) {
    const cmd = h.exec.command ?? [];
    let detail: string | undefined;
    let output = '';
    try {
      const r = await ctx.runtime.execSync(ctx.containerId, cmd, ctx.timeoutMs);
      output = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
      if (r.timedOut) detail = `command '${cmd.join(' ')}' timed out`;
      else if (r.exitCode !== 0) detail = `command '${cmd.join(' ')}' exited with ${r.exitCode}: ${output}`;
    } catch (err) {
      detail = (err as Error).message;
    }
    if (detail !== undefined) throw new HookError(`Exec lifecycle hook (${goList(cmd)}) ${where} failed - error: ${detail}, message: ${JSON.stringify(output)}`);
    return;
  }
  if (h.httpGet) {
    const err = await runHttpHook(h.httpGet, ctx);
    if (err !== undefined) throw new HookError(`HTTP lifecycle hook (${h.httpGet.path ?? ''}) ${where} failed - error: ${err}`);
    return;
  }
  if (h.sleep) {
    const ms = (h.sleep.seconds ?? 0) * 1000;
    const finished = await new Promise<boolean>((resolve) => {
      if (ctx.signal?.aborted) return resolve(false);
      const t = setTimeout(() => resolve(true), ms);
      ctx.signal?.addEventListener('abort', () => {
        clearTimeout(t);
        resolve(false);
      });
    });
    if (!finished) throw new HookError(`Sleep lifecycle hook (${h.sleep.seconds}) ${where} failed - error: container terminated before sleep hook finished`);
    return;
  }
  throw new HookError('Cannot run handler: invalid handler: none of exec, httpGet or sleep is set');
}

type HTTPGetAction = NonNullable<LifecycleHandler['httpGet']>;

/** Upstream `runHTTPHandler`: the error text, or undefined on success. */
async function runHttpHook(action: HTTPGetAction, ctx: HookContext): Promise<string | undefined> {
  const host = action.host || ctx.podIP;
  if (!host) return 'failed to find networking container: the pod has no IP';
  const req = prepareRequest(action, ctx.container, host, LIFECYCLE_USER_AGENT);
  if (typeof req === 'string') return req;
  const first = await httpProbe(req, ctx.timeoutMs, { anyStatus: true });
  const firstError = first.result === 'failure' ? first.output : first.result === 'unknown' ? first.error : undefined;
  if (firstError === undefined || req.scheme !== 'https' || !notTLS(firstError)) return firstError;
  // The server answered in plain HTTP: retry over HTTP, without credentials meant for TLS.
  const plain = prepareRequest(
    { ...action, scheme: 'HTTP', httpHeaders: (action.httpHeaders ?? []).filter((x) => canonicalHeaderKey(x.name) !== 'Authorization') },
    ctx.container,
    host,
    LIFECYCLE_USER_AGENT,
  );
  if (typeof plain === 'string') return firstError;
  const retry = await httpProbe(plain, ctx.timeoutMs, { anyStatus: true });
  if (retry.result !== 'success') return firstError;
  ctx.event?.('Warning', 'LifecycleHTTPFallback', `request to HTTPS lifecycle hook ${joinHostPort(req.hostname, req.port)} got HTTP response, retry with HTTP succeeded`);
  return undefined;
}

/**
 * The TLS handshake met something that is not TLS (Go: "server gave HTTP response to HTTPS
 * client" when it is HTTP). Node cannot tell HTTP from other bytes here; the HTTP retry that
 * follows can, as it only succeeds against an HTTP server.
 */
function notTLS(error: string): boolean {
  return /server gave HTTP response to HTTPS client|first record does not look like a TLS handshake|wrong version number|packet length too long|unknown protocol/i.test(error);
}
