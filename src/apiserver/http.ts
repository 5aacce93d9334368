/**
 * HTTPS for the API server: client-certificate authentication, body limits, and writing
 * ApiResponses (JSON, text, and streams flushed at once for watches and logs).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import * as errors from '../api/errors.js';
import type { Logger } from '../util/log.js';
import type { ApiServer } from './apiserver.js';
import type { KeyPair } from './certs.js';
import { MAX_BODY_BYTES } from './codec.js';
import type { ApiRequest, ApiResponse, UserInfo } from './request.js';

export interface HttpsOptions {
  host: string;
  port: number;
  ca: KeyPair;
  server: KeyPair;
  log: Logger;
  /** Paths anyone may read without a client certificate. */
  publicPaths?: Set<string>;
  /** Static bearer tokens (`--token-auth-file`): token → user. */
  tokens?: Map<string, UserInfo>;
}

/** Handles WebSocket/SPDY upgrades (exec, attach, port-forward); returns false when not handled. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, user: UserInfo) => boolean;

const PUBLIC = new Set(['/healthz', '/livez', '/readyz', '/version']);

const users = new WeakMap<TLSSocket, UserInfo | null>();

/** The user a TLS client certificate names: CN is the user, O entries the groups (cached per connection). */
export function authenticate(socket: TLSSocket): UserInfo | undefined {
  const known = users.get(socket);
  if (known !== undefined) return known ?? undefined;
  const u = certificateUser(socket);
  users.set(socket, u ?? null);
  return u;
}

/** As upstream: every authenticated user is also in `system:authenticated`. */
function withAuthenticatedGroup(groups: string[]): string[] {
  return groups.includes('system:authenticated') ? groups : [...groups, 'system:authenticated'];
}

/**
 * As kube-apiserver's x509 authenticator: the subject's CN is the user (a certificate without
 * one authenticates nobody), its O entries the groups, and the certificate's SHA-256 the
 * credential id in the user's extra.
 */
function certificateUser(socket: TLSSocket): UserInfo | undefined {
  if (!socket.authorized) return undefined;
  const cert = socket.getPeerCertificate();
  if (!cert || !cert.subject) return undefined;
  const cn = cert.subject.CN;
  const name = Array.isArray(cn) ? cn[0] : cn;
  if (!name) return undefined;
  const o = cert.subject.O;
  const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
  const user: UserInfo = { name, groups: withAuthenticatedGroup(groups) };
  if (cert.raw) user.extra = { 'authentication.kubernetes.io/credential-id': [`X509SHA256=${createHash('sha256').update(cert.raw).digest('hex')}`] };
  return user;
}

/** The user of an `Authorization: Bearer <token>` header, from the static token file. */
function bearer(header: string | undefined, tokens: Map<string, UserInfo> | undefined): UserInfo | undefined {
  if (!header || !tokens?.size || !header.startsWith('Bearer ')) return undefined;
  return tokens.get(header.slice(7).trim());
}

/**
 * Parses a token file as kube-apiserver's `--token-auth-file`: CSV lines `token,user,uid,"group1,group2"`.
 */
export function parseTokenFile(text: string): Map<string, UserInfo> {
  const out = new Map<string, UserInfo>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields: string[] = [];
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        fields.push(cur);
        cur = '';
      } else cur += ch;
    }
    fields.push(cur);
    const [token, name, uid, groups] = fields.map((f) => f.trim());
    if (!token || !name) throw new Error(`token file: each line needs at least "token,user" (got ${JSON.stringify(line)})`);
    const user: UserInfo = { name, groups: withAuthenticatedGroup(groups ? groups.split(',').map((g) => g.trim()).filter(Boolean) : []) };
    if (uid) user.uid = uid;
    out.set(token, user);
  }
  return out;
}

function headerRecord(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Bytes of an over-limit body read (and thrown away) before answering 413, so the client sees the reply. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? '0') > MAX_BODY_BYTES;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > DRAIN_LIMIT) req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => (tooLarge ? reject(errors.tooLarge(`Request entity too large: limit is ${MAX_BODY_BYTES}`)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('close', () => {
      if (tooLarge) reject(errors.tooLarge(`Request entity too large: limit is ${MAX_BODY_BYTES}`));
    });
  });
}

export function writeResponse(res: ServerResponse, r: ApiResponse, head = false): void {
  const headers: Record<string, string | string[]> = { ...(r.headers ?? {}) };
  if (r.warnings?.length) headers['warning'] = [...new Set(r.warnings)].map((w) => `299 - ${JSON.stringify(w)}`);
  if (r.stream) {
    headers['content-type'] ??= 'application/json';
    headers['cache-control'] = 'no-cache, private';
    res.writeHead(r.status, headers);
    res.flushHeaders();
    const s = r.stream;
    s.on('data', (chunk: Buffer | string) => {
      res.write(chunk);
    });
    s.on('end', () => res.end());
    s.on('error', () => res.destroy());
    res.on('close', () => s.destroy());
    return;
  }
  let body: Buffer;
  if (Buffer.isBuffer(r.body)) body = r.body;
  else if (typeof r.body === 'string') {
    body = Buffer.from(r.body);
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else {
    body = Buffer.from(JSON.stringify(r.body ?? {}));
    headers['content-type'] ??= 'application/json';
  }
  headers['content-length'] = String(body.length);
  headers['cache-control'] ??= 'no-cache, private';
  res.writeHead(r.status, headers);
  res.end(head ? undefined : body);
}

/** Path and query of a request target, without the cost of a full URL parse. */
function splitUrl(target: string): { pathname: string; searchParams: URLSearchParams } {
  const q = target.indexOf('?');
  return q < 0
    ? { pathname: target, searchParams: new URLSearchParams() }
    : { pathname: target.slice(0, q), searchParams: new URLSearchParams(target.slice(q + 1)) };
}

export interface HttpsServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function serveHttps(api: ApiServer, opts: HttpsOptions, onUpgrade?: UpgradeHandler): Promise<HttpsServer> {
  const publicPaths = opts.publicPaths ?? PUBLIC;
  const server = createServer(
    {
      key: opts.server.keyPem,
      cert: opts.server.certPem,
      ca: [opts.ca.certPem],
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      void handle(req, res);
    },
  );
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 60_000;
  server.requestTimeout = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = splitUrl(req.url ?? '/');
    const user = authenticate(req.socket as TLSSocket) ?? bearer(req.headers.authorization, opts.tokens);
    if (!user && !publicPaths.has(url.pathname.replace(/\/+$/, ''))) {
      req.resume();
      writeResponse(res, { status: 401, body: errors.unauthorized().toStatus() });
      return;
    }
    // The abort signal (for watches and log streams) is made only if a handler asks for it.
    let ac: AbortController | undefined;
    res.once('close', () => {
      if (ac && !res.writableFinished) ac.abort();
    });
    let body: Buffer | undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      try {
        body = await readBody(req);
      } catch (err) {
        if (!res.destroyed) writeResponse(res, api.errorResponse(err));
        return;
      }
    }
    const apiReq: ApiRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: headerRecord(req),
      body,
      user: user ?? { name: 'system:anonymous', groups: ['system:unauthenticated'] },
      get signal() {
        ac ??= new AbortController();
        if (res.destroyed && !res.writableFinished) ac.abort();
        return ac.signal;
      },
    };
    const r = await api.handle(apiReq);
    if (!res.destroyed) writeResponse(res, r, req.method === 'HEAD');
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const user = authenticate(req.socket as TLSSocket) ?? bearer(req.headers.authorization, opts.tokens);
    if (!user) {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\n\r\n' + JSON.stringify(errors.unauthorized().toStatus()));
      return;
    }
    if (!onUpgrade?.(req, socket, head, user)) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
