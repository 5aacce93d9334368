/**
 * The HTTPS transport: undici with the kubeconfig's CA and client certificate, keep-alive
 * connections, and newline-delimited JSON watch streams.
 */
import { Agent, request } from 'undici';
import type { KObject } from '../api/types.js';
import { errorFromStatus, queryString, type RequestOptions, type Transport, type WatchHandle, type WatchHandlers, type WatchEventType } from './transport.js';

export interface HttpsTransportOptions {
  server: string;
  ca: string;
  cert: string;
  key: string;
}

export class HttpsTransport implements Transport {
  private agent: Agent;

  constructor(private opts: HttpsTransportOptions) {
    this.agent = new Agent({
      connect: { ca: opts.ca, cert: opts.cert, key: opts.key },
      keepAliveTimeout: 60_000,
      connections: 64,
      bodyTimeout: 0,
      headersTimeout: 60_000,
    });
  }

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<unknown> {
    const body = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : JSON.stringify(opts.body);
    const res = await request(this.opts.server + path + queryString(opts.query), {
      method: method as 'GET',
      dispatcher: this.agent,
      headers: {
        accept: opts.accept ?? 'application/json',
        ...(body !== undefined ? { 'content-type': opts.contentType ?? 'application/json' } : {}),
      },
      body,
      signal: opts.signal,
    });
    const text = await res.body.text();
    let parsed: unknown = text;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && text) parsed = JSON.parse(text);
    if (res.statusCode >= 300) throw errorFromStatus(res.statusCode, parsed);
    return parsed;
  }

  async watch(path: string, query: Record<string, string | undefined>, handlers: WatchHandlers): Promise<WatchHandle> {
    const ac = new AbortController();
    const res = await request(this.opts.server + path + queryString({ ...query, watch: 'true' }), {
      method: 'GET',
      dispatcher: this.agent,
      headers: { accept: 'application/json' },
      signal: ac.signal,
    });
    if (res.statusCode >= 300) {
      const text = await res.body.text();
      throw errorFromStatus(res.statusCode, text ? JSON.parse(text) : undefined);
    }
    let stopped = false;
    void (async () => {
      let buf = '';
      try {
        for await (const chunk of res.body) {
          buf += (chunk as Buffer).toString('utf8');
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            if (!line.trim()) continue;
            const ev = JSON.parse(line) as { type: WatchEventType; object: KObject };
            if (!stopped) handlers.event(ev.type, ev.object);
          }
        }
        if (!stopped) handlers.end();
      } catch (err) {
        if (!stopped) handlers.end(err as Error);
      }
    })();
    return {
      stop: () => {
        stopped = true;
        ac.abort();
      },
    };
  }

  async stream(path: string, query: Record<string, string | undefined>, signal?: AbortSignal): Promise<AsyncIterable<Buffer>> {
    const res = await request(this.opts.server + path + queryString(query), { method: 'GET', dispatcher: this.agent, signal });
    if (res.statusCode >= 300) {
      const text = await res.body.text();
      throw errorFromStatus(res.statusCode, text ? JSON.parse(text) : undefined);
    }
    return res.body as AsyncIterable<Buffer>;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
