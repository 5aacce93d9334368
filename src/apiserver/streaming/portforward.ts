/**
 * Port-forward over a SPDY session (raw, or tunnelled in a WebSocket): each forwarded connection
 * is a pair of client streams sharing a `requestid` — `streamtype: error` and `streamtype: data`
 * — bridged to a TCP connection the node agent opens inside the pod. Failures are written as
 * text on the error stream, which kubectl prints as `an error occurred forwarding L -> R: ...`.
 */
import type { Duplex } from 'node:stream';
import type { SpdySession, SpdyStream } from './spdy.js';

/** Opens a connection to `port` inside the pod. */
export type PortDialer = (port: number) => Promise<Duplex>;

interface Pair {
  error?: SpdyStream;
  data?: SpdyStream;
  timer: NodeJS.Timeout;
}

/** How long the second stream of a pair may lag behind the first (upstream: 30 s). */
const PAIR_TIMEOUT_MS = 30_000;

function pairKey(s: SpdyStream): string {
  const rid = s.headers['requestid'];
  if (rid !== undefined && rid !== '') return rid;
  // Clients older than request ids open the error stream right before the data stream.
  return String(s.headers['streamtype'] === 'data' ? s.id - 2 : s.id);
}

/** Serves the port-forward protocol on `session` until it closes. */
export function servePortForward(session: SpdySession, dial: PortDialer, describe: string): void {
  const pairs = new Map<string, Pair>();
  const targets = new Set<Duplex>();
  session.on('close', () => {
    for (const p of pairs.values()) clearTimeout(p.timer);
    pairs.clear();
    for (const t of targets) t.destroy();
  });
  session.on('stream', (s: SpdyStream) => {
    const type = s.headers['streamtype'];
    if (type !== 'error' && type !== 'data') {
      s.destroy();
      return;
    }
    if (type === 'error') s.resume();
    const key = pairKey(s);
    let pair = pairs.get(key);
    if (!pair) {
      const timer = setTimeout(() => {
        pairs.delete(key);
        pair?.error?.destroy();
        pair?.data?.destroy();
      }, PAIR_TIMEOUT_MS);
      timer.unref();
      pair = { timer };
      pairs.set(key, pair);
    }
    if (type === 'error') pair.error = s;
    else pair.data = s;
    if (pair.error && pair.data) {
      clearTimeout(pair.timer);
      pairs.delete(key);
      forward(pair.error, pair.data);
    }
  });

  function forward(errorStream: SpdyStream, data: SpdyStream): void {
    const portHeader = data.headers['port'] ?? '';
    const port = Number(portHeader);
    const fail = (msg: string): void => {
      if (!errorStream.writableEnded) errorStream.end(msg);
      if (!data.writableEnded) data.end();
    };
    if (!/^\d+$/.test(portHeader) || port < 1 || port > 65535) {
      fail(`invalid port header: ${JSON.stringify(portHeader)}`);
      return;
    }
    data.pause();
    dial(port).then(
      (target) => {
        if (data.destroyed) {
          target.destroy();
          return;
        }
        targets.add(target);
        let failed = false;
        target.on('error', (err: Error) => {
          failed = true;
          fail(`error forwarding port ${port} to pod ${describe}: ${err.message}`);
        });
        // The pod side finished sending (or went away): FIN the data stream, then the error stream.
        const done = (): void => {
          if (failed) return;
          if (!data.writableEnded && !data.destroyed) data.end();
          if (!errorStream.writableEnded && !errorStream.destroyed) errorStream.end();
        };
        target.on('end', done);
        target.on('close', () => {
          targets.delete(target);
          done();
        });
        data.on('close', () => {
          if (!data.writableFinished) target.destroy();
        });
        data.pipe(target);
        target.pipe(data, { end: false });
        data.resume();
      },
      (err: unknown) => fail(`error forwarding port ${port} to pod ${describe}: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
}
