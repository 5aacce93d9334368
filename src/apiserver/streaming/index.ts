/**
 * The streaming pod subresources wired together: the `pods/log` handler and the upgrade handler
 * for `pods/{name}/exec|attach|portforward` over WebSocket (`v5.channel.k8s.io`,
 * `v4.channel.k8s.io`, `SPDY/3.1+portforward.k8s.io`) and raw `SPDY/3.1`. Anything that fails
 * before the upgrade is answered as a plain HTTP error, so kubectl prints a readable message.
 */
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import * as errors from '../../api/errors.js';
import type { Pod } from '../../api/types.js';
import { logger, type Logger } from '../../util/log.js';
import type { ApiServer } from '../apiserver.js';
import type { SubresourceHandler } from '../handlers/resource.js';
import type { UpgradeHandler } from '../http.js';
import type { NodeConnection, NodeConnections } from '../nodeproxy.js';
import { attachStarter } from './attach.js';
import {
  checkRemoteCommand,
  chooseSpdyCommandProtocol,
  type CommandStarter,
  execStarter,
  parseRemoteCommandQuery,
  type RemoteCommandOptions,
  serveChannelCommand,
  serveSpdyCommand,
} from './exec.js';
import { logsHandler } from './logs.js';
import { servePortForward } from './portforward.js';
import { containerRunning, getPod, nodeFor, PlainError, validateContainer } from './resolve.js';
import { SpdySession } from './spdy.js';
import { channelSession, chooseChannelProtocol, offeredProtocols, PORT_FORWARD_WS_PROTOCOL, V4_PROTOCOL, V5_PROTOCOL, wsByteStream, WsUpgrader } from './websocket.js';

/** What the streaming handlers need: the API server (for the registry) and the node agents. */
export interface StreamingOptions {
  api: ApiServer;
  nodes: NodeConnections;
  log?: Logger;
}

/** The handlers to install on the API server and its HTTPS listener. */
export interface StreamingHandlers {
  /** Register as `api.subresources.set('pods/log', logs)`. */
  logs: SubresourceHandler;
  /** Pass to `serveHttps(api, opts, onUpgrade)`. */
  onUpgrade: UpgradeHandler;
  /** Register for `pods/exec`, `pods/attach` and `pods/portforward`: a request that is not an upgrade gets upstream's 400. */
  connect: SubresourceHandler;
  /** Ends every upgraded session (upgraded sockets outlive `server.close()` otherwise). */
  closeAll(): void;
}

type Kind = 'exec' | 'attach' | 'portforward';

const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward)\/?$/;
const PORT_FORWARD_SPDY_PROTOCOL = 'portforward.k8s.io';

/** What a resolved request will run once upgraded. */
interface Target {
  pod: Pod;
  conn: NodeConnection;
  command?: { opts: RemoteCommandOptions; start: CommandStarter };
}

function writeHttpError(socket: Duplex, err: unknown, log: Logger): void {
  if (socket.destroyed || !socket.writable) return;
  let code: number;
  let type: string;
  let body: string;
  if (err instanceof PlainError) {
    code = err.code;
    type = 'text/plain; charset=utf-8';
    body = err.message;
  } else {
    const e = err instanceof errors.ApiError ? err : errors.internalError(err);
    if (!(err instanceof errors.ApiError)) log.error({ err }, 'streaming request failed');
    code = e.code;
    type = 'application/json';
    body = JSON.stringify(e.toStatus());
  }
  const bytes = Buffer.from(body);
  socket.end(
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? 'Error'}\r\nContent-Type: ${type}\r\nContent-Length: ${bytes.length}\r\n` +
      `Cache-Control: no-cache, private\r\nConnection: close\r\n\r\n${bytes.toString('latin1')}`,
    'latin1',
  );
}

function headerList(req: IncomingMessage, name: string): string[] {
  const raw = req.headers[name];
  const joined = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  return joined
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Builds the log handler and the upgrade handler for the streaming subresources. */
export function streamingHandlers(opts: StreamingOptions): StreamingHandlers {
  const { api, nodes } = opts;
  const log = opts.log ?? logger('streaming');
  const upgrader = new WsUpgrader();
  const live = new Set<() => void>();
  const track = (stop: () => void, done: Promise<unknown> | { once(ev: 'close', f: () => void): unknown }): void => {
    live.add(stop);
    if (done instanceof Promise) void done.finally(() => live.delete(stop));
    else done.once('close', () => live.delete(stop));
  };

  /** The API server's own checks (options, pod, container, node), as upstream's Connect does them. */
  async function locate(kind: Kind, ns: string, name: string, q: URLSearchParams): Promise<{ pod: Pod; conn: NodeConnection; cmd?: RemoteCommandOptions }> {
    const cmd = kind === 'portforward' ? undefined : parseRemoteCommandQuery(q, kind);
    const pod = await getPod(api, ns, name);
    if (cmd) cmd.container = validateContainer(pod, cmd.container);
    return { pod, conn: nodeFor(nodes, pod), cmd };
  }

  /** Everything checked before upgrading, including what a kubelet would refuse (plain-text errors). */
  async function resolve(kind: Kind, ns: string, name: string, q: URLSearchParams): Promise<Target> {
    const { pod, conn, cmd } = await locate(kind, ns, name, q);
    if (!cmd) return { pod, conn };
    if (!containerRunning(pod, cmd.container)) throw new PlainError(500, `container not found (${JSON.stringify(cmd.container)})`);
    checkRemoteCommand(cmd, kind as 'exec' | 'attach');
    const start = kind === 'exec' ? execStarter(conn, ns, name, cmd) : attachStarter(conn, ns, name, cmd);
    return { pod, conn, command: { opts: cmd, start } };
  }

  async function handle(kind: Kind, ns: string, name: string, q: URLSearchParams, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const target = await resolve(kind, ns, name, q);
    const upgrade = (req.headers.upgrade ?? '').toLowerCase();
    const describe = `${ns}/${name}`;
    const dial = (port: number): Promise<Duplex> => target.conn.portForward(ns, name, port);
    if (upgrade === 'websocket') {
      const offered = offeredProtocols(req);
      if (kind === 'portforward') {
        if (!offered.includes(PORT_FORWARD_WS_PROTOCOL)) throw errors.badRequest(`unable to upgrade: the websocket subprotocol must be ${PORT_FORWARD_WS_PROTOCOL}`);
        const ws = await upgrader.upgrade(req, socket, head, PORT_FORWARD_WS_PROTOCOL);
        const session = new SpdySession(wsByteStream(ws));
        track(() => session.destroy(), session);
        servePortForward(session, dial, describe);
        return;
      }
      const protocol = chooseChannelProtocol(offered);
      if (!protocol) throw errors.badRequest(`unable to upgrade: the websocket subprotocol must be one of ${V5_PROTOCOL}, ${V4_PROTOCOL}`);
      const ws = await upgrader.upgrade(req, socket, head, protocol);
      const cmd = target.command!;
      const session = channelSession(ws, protocol, cmd.opts);
      track(() => ws.terminate(), serveChannelCommand(session, cmd.start));
      return;
    }
    if (!upgrade.includes('spdy/3.1')) throw errors.badRequest(`unable to upgrade: unsupported protocol ${JSON.stringify(req.headers.upgrade ?? '')}`);
    const offered = headerList(req, 'x-stream-protocol-version');
    const protocol = kind === 'portforward' ? (offered.includes(PORT_FORWARD_SPDY_PROTOCOL) ? PORT_FORWARD_SPDY_PROTOCOL : undefined) : chooseSpdyCommandProtocol(offered);
    if (!protocol) {
      const server = kind === 'portforward' ? [PORT_FORWARD_SPDY_PROTOCOL] : [V5_PROTOCOL, V4_PROTOCOL];
      throw new PlainError(403, `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server accepts [${server.join(' ')}]`);
    }
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`);
    if (head.length) socket.unshift(head);
    if ('setNoDelay' in socket && typeof socket.setNoDelay === 'function') (socket as Socket).setNoDelay(true);
    const session = new SpdySession(socket);
    track(() => session.destroy(), session);
    if (kind === 'portforward') servePortForward(session, dial, describe);
    else void serveSpdyCommand(session, target.command!.opts, target.command!.start);
  }

  const onUpgrade: UpgradeHandler = (req, socket, head) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'https://localhost');
    } catch {
      return false;
    }
    const m = PATH.exec(url.pathname);
    if (!m) return false;
    socket.on('error', (err: Error) => log.debug({ err }, 'streaming socket error'));
    const run = async (): Promise<void> => {
      let ns: string;
      let name: string;
      try {
        [ns, name] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)];
      } catch {
        throw errors.badRequest('malformed path');
      }
      await handle(m[3] as Kind, ns, name, url.searchParams, req, socket, head);
    };
    run().catch((err: unknown) => writeHttpError(socket, err, log));
    return true;
  };

  const connect: SubresourceHandler = async (req, info) => {
    if (req.method !== 'GET' && req.method !== 'POST') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    await locate(info.subresource as Kind, info.namespace, info.name, req.query);
    throw errors.badRequest('Upgrade request required');
  };

  return {
    logs: logsHandler(api, nodes),
    connect,
    onUpgrade,
    closeAll: () => {
      for (const stop of [...live]) stop();
      live.clear();
    },
  };
}
