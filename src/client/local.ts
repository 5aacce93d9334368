/**
 * The in-process transport: requests go straight to ApiServer.handle; watches get decoded
 * objects from the registry's watch with no serialisation.
 */
import { clone } from '../api/meta.js';
import type { KObject, StoredObject } from '../api/types.js';
import type { ApiServer } from '../apiserver/apiserver.js';
import { listQuery } from '../apiserver/handlers/resource.js';
import { startWatch } from '../apiserver/registry/watch.js';
import type { ApiRequest, UserInfo } from '../apiserver/request.js';
import { parseResourcePath } from '../apiserver/request.js';
import { errorFromStatus, type RequestOptions, type Transport, type WatchHandle, type WatchHandlers } from './transport.js';

/** The signal of a request its caller cannot cancel (one for all: no AbortController per request). */
const NEVER_ABORTED = new AbortController().signal;

export class LocalTransport implements Transport {
  constructor(
    private api: ApiServer,
    private user: UserInfo,
  ) {}

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<unknown> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== '') query.set(k, String(v));
    const body = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(JSON.stringify(opts.body));
    const req: ApiRequest = {
      method,
      path,
      query,
      headers: {
        'content-type': opts.contentType ?? (body ? 'application/json' : undefined),
        accept: opts.accept ?? 'application/json',
      },
      body,
      user: this.user,
      signal: opts.signal ?? NEVER_ABORTED,
    };
    const res = await this.api.handle(req);
    if (res.status >= 300) throw errorFromStatus(res.status, res.body);
    if (res.stream) return res.stream;
    // The server shares decoded objects between requests; callers get their own copy.
    if (Buffer.isBuffer(res.body)) return JSON.parse(res.body.toString('utf8'));
    return clone(res.body);
  }

  async watch(path: string, query: Record<string, string | undefined>, handlers: WatchHandlers): Promise<WatchHandle> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, v);
    const info = parseResourcePath('GET', path, q, (g, v, r) => this.api.lookup(g, v, r)?.namespaced === true);
    const def = info && this.api.lookup(info.group, info.version, info.resource);
    if (!info || !def) throw errorFromStatus(404, { kind: 'Status', code: 404, reason: 'NotFound', message: `no resource at ${path}` });
    let ended = false;
    const lq = listQuery(def, q);
    try {
      const w = await startWatch(
        this.api.registry,
        def,
        def.namespaced ? info.namespace : '',
        {
          resourceVersion: q.get('resourceVersion') ?? undefined,
          query: lq,
          allowBookmarks: q.get('allowWatchBookmarks') === 'true',
        },
        {
          send: (type, obj) => {
            if (!ended) handlers.event(type, obj as KObject | StoredObject);
          },
          end: (err) => {
            if (ended) return;
            ended = true;
            handlers.end(err);
          },
        },
      );
      return {
        stop: () => {
          ended = true;
          w.stop();
        },
      };
    } catch (err) {
      const e = this.api.errorResponse(err);
      throw errorFromStatus(e.status, e.body);
    }
  }
}
