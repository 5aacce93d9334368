/**
 * HTTP GET probes (upstream `pkg/probe/http`): a keep-alive-free GET to scheme://host:port/path
 * with the probe's headers; 200 ≤ status < 400 is success. Redirects are followed while they stay
 * on the same host (at most 10); a redirect elsewhere ends the chain and counts as success with a
 * warning. At most 10 KiB of the body is read. Transport errors and timeouts are failures worded
 * as Go's HTTP client words them.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Container, Probe } from '../../api/types.js';
import { MAX_PROBE_OUTPUT, PROBE_USER_AGENT, outcome, type ProbeOutcome, type ProbeRunner, type ProbeTarget } from './types.js';
import { dialErrorMessage, goQuote, isDialError, joinHostPort, resolveContainerPort } from './util.js';

type HTTPGetAction = NonNullable<Probe['httpGet']>;

// Probes never reuse connections (upstream sets DisableKeepAlives) and skip TLS verification.
const httpAgent = new http.Agent({ keepAlive: false });
const httpsAgent = new https.Agent({ keepAlive: false, rejectUnauthorized: false });

const MAX_REDIRECTS = 10;

/** A request prepared once per pod IP: everything needed to send it and to word errors. */
export interface PreparedRequest {
  /** `http` or `https`. */
  scheme: string;
  hostname: string;
  port: number;
  /** Request target on the wire (`/healthz?x=1`). */
  path: string;
  /** The URL as Go prints it in errors (`http://10.0.0.5:80/healthz`). */
  url: string;
  /** Host header value. */
  host: string;
  /** True when the probe set an explicit Host header (kept across relative redirects only). */
  hostOverride: boolean;
  /** Flat name/value list without Host (as `rawHeaders`). */
  headers: string[];
  /** The options handed to `http.request`, built once. */
  options: https.RequestOptions;
}

/** Runs an `httpGet` probe, rebuilding its request only when the pod IP changes. */
export class HttpRunner implements ProbeRunner {
  readonly needsPodIP: boolean;
  private prepared: PreparedRequest | undefined;
  private preparedFor: string | undefined;
  private prepareError: string | undefined;

  constructor(
    private readonly action: HTTPGetAction,
    private readonly container: Container,
  ) {
    this.needsPodIP = !action.host;
  }

  run(target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
    if ((this.prepared === undefined && this.prepareError === undefined) || this.preparedFor !== target.podIP) {
      this.preparedFor = target.podIP;
      const p = prepareRequest(this.action, this.container, target.podIP ?? '');
      this.prepared = typeof p === 'string' ? undefined : p;
      this.prepareError = typeof p === 'string' ? p : undefined;
    }
    if (!this.prepared) return Promise.resolve(outcome.error(this.prepareError ?? 'no request'));
    return httpProbe(this.prepared, timeoutMs);
  }
}

/**
 * Upstream `NewRequestForHTTPGetAction`: scheme (default http), host (default the pod IP),
 * resolved port, path and headers, with `User-Agent: kube-probe/1.32` (lifecycle hooks:
 * `kube-lifecycle/1.32`) and `Accept: *\/*` unless the action sets them (an empty Accept
 * removes it). Returns the error text on failure.
 */
export function prepareRequest(action: HTTPGetAction, container: Container, podIP: string, userAgent = PROBE_USER_AGENT): PreparedRequest | string {
  const scheme = (action.scheme ?? '').toLowerCase() || 'http';
  const hostname = action.host || podIP;
  const port = resolveContainerPort(action.port, container);
  if (port.error !== undefined) return port.error;
  const hostPort = joinHostPort(hostname, port.port);
  const { path, display } = requestPath(action.path ?? '');

  const values = new Map<string, string[]>();
  for (const h of action.httpHeaders ?? []) {
    const name = canonicalHeaderKey(h.name);
    const list = values.get(name);
    if (list) list.push(h.value);
    else values.set(name, [h.value]);
  }
  if (!values.has('User-Agent')) values.set('User-Agent', [userAgent]);
  if (!values.has('Accept')) values.set('Accept', ['*/*']);
  else if (values.get('Accept')![0] === '') values.delete('Accept');
  const hostHeader = values.get('Host')?.[0] ?? '';
  values.delete('Host');

  // Go writes User-Agent first (and not at all when empty), then the rest sorted by name.
  const headers: string[] = [];
  const ua = values.get('User-Agent')![0];
  if (ua !== '') headers.push('User-Agent', ua);
  values.delete('User-Agent');
  for (const name of [...values.keys()].sort()) {
    for (const v of values.get(name)!) headers.push(name, v);
  }
  return withOptions({
    scheme,
    hostname,
    port: port.port,
    path,
    url: `${scheme}://${hostPort}${display}`,
    host: hostHeader || hostPort,
    hostOverride: hostHeader !== '',
    headers,
  });
}

function withOptions(req: Omit<PreparedRequest, 'options'>): PreparedRequest {
  const options: https.RequestOptions = {
    // TLS server name from the URL host as Go does (none for IPs), never from a Host header.
    servername: isIP(req.hostname) ? '' : req.hostname,
    host: req.hostname,
    port: req.port,
    path: req.path,
    method: 'GET',
    headers: ['Host', req.host, ...req.headers],
    agent: req.scheme === 'https' ? httpsAgent : httpAgent,
    setHost: false,
  };
  return { ...req, options };
}

/** The path on the wire and as shown in URLs: a leading slash added, unsafe bytes escaped. */
function requestPath(raw: string): { path: string; display: string } {
  let p = raw;
  const hash = p.indexOf('#');
  if (hash >= 0) p = p.slice(0, hash);
  if (p === '') return { path: '/', display: '' };
  if (!p.startsWith('/')) p = `/${p}`;
  p = p.replace(/[^\x21-\x7e]+/g, (m) => encodeURI(m));
  return { path: p, display: p };
}

/** Go's `textproto.CanonicalMIMEHeaderKey` (`x-custom-header` → `X-Custom-Header`). */
export function canonicalHeaderKey(name: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/**
 * Sends the prepared GET (upstream `DoHTTPProbe` with the kubelet's redirect checker) under one
 * deadline covering redirects and the body read. With `anyStatus` (lifecycle hooks, whose HTTP
 * client only fails on transport errors) every response is a success.
 */
export function httpProbe(first: PreparedRequest, timeoutMs: number, opts: { anyStatus?: boolean } = {}): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    let done = false;
    let current: http.ClientRequest | undefined;
    let currentUrl = first.url;
    let readingBody = false;
    let redirects = 0;

    const finish = (o: ProbeOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      current?.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => {
      finish(
        readingBody
          ? outcome.error('context deadline exceeded (Client.Timeout or context cancellation while reading body)', 'failure')
          : outcome.failure(`Get ${goQuote(currentUrl)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`),
      );
    }, timeoutMs);

    const send = (req: PreparedRequest): void => {
      currentUrl = req.url;
      readingBody = false;
      const mod = req.scheme === 'https' ? https : http;
      const r = mod.request(req.options, (res) => onResponse(req, res));
      current = r;
      r.on('error', (err) => {
        if (current === r) finish(outcome.failure(`Get ${goQuote(req.url)}: ${transportError(err, req, r)}`));
      });
      r.end();
    };

    const onResponse = (req: PreparedRequest, res: http.IncomingMessage): void => {
      res.on('error', () => undefined);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT_CODES.has(status) && location !== undefined) {
        let next: URL;
        try {
          next = new URL(location, req.url);
        } catch {
          res.resume();
          finish(outcome.failure(`Get ${goQuote(req.url)}: failed to parse Location header ${goQuote(location)}`));
          return;
        }
        if (stripBrackets(next.hostname) === first.hostname.toLowerCase() && /^https?:$/.test(next.protocol)) {
          res.resume();
          if (redirects >= MAX_REDIRECTS) {
            finish(outcome.failure(`Get ${goQuote(location)}: stopped after 10 redirects`));
            return;
          }
          redirects++;
          send(redirectRequest(req, next, location));
          return;
        }
        // A redirect to another host is not followed: its response is the result.
      }
      readBody(res, status);
    };

    const readBody = (res: http.IncomingMessage, status: number): void => {
      readingBody = true;
      const keep = status >= 300 && status < 400;
      const chunks: Buffer[] = [];
      let size = 0;
      const judge = (): void => {
        if (opts.anyStatus) {
          finish(outcome.success());
        } else if (status >= 200 && status < 400) {
          if (status >= 300) {
            const body = Buffer.concat(chunks).toString('utf8');
            finish(outcome.warning(`Probe terminated redirects, Response body: ${body}`));
          } else {
            finish(outcome.success());
          }
        } else {
          finish(outcome.failure(`HTTP probe failed with statuscode: ${status}`));
        }
      };
      res.on('data', (chunk: Buffer) => {
        if (done) return;
        const room = MAX_PROBE_OUTPUT - size;
        size += chunk.length;
        if (keep) chunks.push(room < chunk.length ? chunk.subarray(0, room) : chunk);
        if (size >= MAX_PROBE_OUTPUT) judge(); // upstream stops reading at the limit (not fatal)
      });
      res.on('end', judge);
      // The connection dropped mid-body: Go's ReadAll error (an error, not a failure).
      res.on('close', () => {
        if (!res.complete) finish(outcome.error('unexpected EOF', 'failure'));
      });
    };

    send(first);
  });
}

/** The request for a followed redirect: same headers; Host kept only for a relative Location. */
function redirectRequest(prev: PreparedRequest, next: URL, location: string): PreparedRequest {
  const scheme = next.protocol.slice(0, -1);
  const hostname = stripBrackets(next.hostname);
  const port = next.port ? Number(next.port) : scheme === 'https' ? 443 : 80;
  const relative = !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(location);
  const path = `${next.pathname}${next.search}`;
  return withOptions({
    scheme,
    hostname,
    port,
    path,
    url: `${scheme}://${next.host}${path}`,
    host: prev.hostOverride && relative ? prev.host : next.host,
    hostOverride: prev.hostOverride && relative,
    headers: prev.headers,
  });
}

function stripBrackets(h: string): string {
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/** Go's wording of a transport error, from the Node error of a request. */
function transportError(err: unknown, req: PreparedRequest, r: http.ClientRequest): string {
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  const message = e?.message ?? String(err);
  if (isDialError(err)) return dialErrorMessage(err, req.hostname, req.port);
  if (code === 'ECONNRESET' && message === 'socket hang up') return 'EOF';
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    const s = r.socket;
    const local = s?.localAddress ? `${joinHostPort(s.localAddress, s.localPort ?? 0)}->` : '';
    const op = code === 'EPIPE' ? 'write' : 'read';
    const why = code === 'EPIPE' ? 'broken pipe' : 'connection reset by peer';
    return `${op} tcp ${local}${joinHostPort(req.hostname, req.port)}: ${op}: ${why}`;
  }
  if (req.scheme === 'https' && /wrong version number|packet length too long|unknown protocol/i.test(message)) {
    return 'tls: first record does not look like a TLS handshake';
  }
  if (code.startsWith('HPE_')) return `net/http: HTTP/1.x transport connection broken: malformed HTTP response`;
  return message;
}
