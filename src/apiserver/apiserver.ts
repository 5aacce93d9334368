/**
 * The API server core: routes a transport-neutral ApiRequest to discovery, OpenAPI, health and
 * resource handlers, and turns every failure into a metav1.Status. The HTTPS layer (http.ts) and
 * the in-process client transport both call `handle`.
 */
import * as errors from '../api/errors.js';
import type { Logger } from '../util/log.js';
import { logger } from '../util/log.js';
import {
  AGGREGATED_CONTENT_TYPE,
  aggregatedDiscovery,
  apiGroupDoc,
  apiGroupList,
  apiResourceList,
  apiVersions,
  type GroupVersion,
  groupVersions,
  wantsAggregated,
} from './discovery.js';
import { handleResource, type SubresourceHandler } from './handlers/resource.js';
import { openapiHttpResponse, type GroupVersionInfo } from './openapi/index.js';
import { Registry } from './registry/generic.js';
import type { ResourceDef } from './registry/types.js';
import { checkReadResourceVersion, validateListOptions } from './registry/freshness.js';
import { type ApiRequest, type ApiResponse, parseResourcePath, type RequestInfo } from './request.js';
import type { Store } from '../store/types.js';

export const KUBE_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0' };

export interface ApiServerOptions {
  store: Store;
  resources: ResourceDef[];
  /** host:port clients should use (for /api's serverAddressByClientCIDRs). */
  serverAddress?: string;
  log?: Logger;
}

export class ApiServer {
  readonly registry: Registry;
  readonly resources: ResourceDef[];
  readonly subresources = new Map<string, SubresourceHandler>();
  private byPath = new Map<string, ResourceDef>();
  private gvs: GroupVersion[];
  private log: Logger;
  serverAddress: string;
  /** Extra readiness checks (`/readyz`): name → ok. */
  readonly readyChecks = new Map<string, () => boolean>();

  constructor(opts: ApiServerOptions) {
    this.registry = new Registry(opts.store);
    this.resources = opts.resources;
    this.serverAddress = opts.serverAddress ?? '127.0.0.1:6443';
    this.log = opts.log ?? logger('apiserver');
    for (const d of opts.resources) this.byPath.set(`${d.group}/${d.version}/${d.plural}`, d);
    this.gvs = groupVersions(opts.resources);
    this.registry.namespaceDef = this.lookup('', 'v1', 'namespaces');
  }

  lookup(group: string, version: string, plural: string): ResourceDef | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  /** The definition for a kind, e.g. ('apps', 'Deployment'). */
  byKind(group: string, kind: string): ResourceDef | undefined {
    return this.resources.find((d) => d.group === group && d.kind === kind);
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    try {
      return await this.route(req);
    } catch (err) {
      return this.errorResponse(err, req);
    }
  }

  errorResponse(err: unknown, req?: ApiRequest): ApiResponse {
    if (err instanceof errors.ApiError) return { status: err.code, body: err.toStatus() };
    this.log.error({ err, method: req?.method, path: req?.path }, 'internal error');
    const e = errors.internalError(err);
    return { status: 500, body: e.toStatus() };
  }

  private async route(req: ApiRequest): Promise<ApiResponse> {
    const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
    const get = req.method === 'GET' || req.method === 'HEAD';
    switch (path) {
      case '/version':
        return { status: 200, body: this.version() };
      case '/healthz':
      case '/livez':
      case '/readyz':
        return this.health(path, req);
      case '/api':
        if (!get) break;
        if (wantsAggregated(req.headers.accept)) {
          return { status: 200, headers: { 'content-type': AGGREGATED_CONTENT_TYPE }, body: aggregatedDiscovery(this.gvs, true) };
        }
        return { status: 200, body: apiVersions(this.serverAddress) };
      case '/apis':
        if (!get) break;
        if (wantsAggregated(req.headers.accept)) {
          return { status: 200, headers: { 'content-type': AGGREGATED_CONTENT_TYPE }, body: aggregatedDiscovery(this.gvs, false) };
        }
        return { status: 200, body: apiGroupList(this.gvs) };
    }
    if (path.startsWith('/openapi/')) {
      const q = req.query.toString();
      const r = openapiHttpResponse(this.openapiGvs(), q ? `${path}?${q}` : path, { accept: req.headers.accept, ifNoneMatch: req.headers['if-none-match'] });
      if (r) return { status: r.status, headers: r.headers, body: Buffer.from(r.body) };
    }
    if (path.startsWith('/livez/') || path.startsWith('/readyz/') || path.startsWith('/healthz/')) return { status: 200, body: 'ok' };
    const segs = path.split('/').filter(Boolean);
    if (get && segs[0] === 'api' && segs.length === 2) {
      const gv = this.gvs.find((g) => g.group === '' && g.version === segs[1]);
      if (gv) return { status: 200, body: apiResourceList(gv) };
      throw notFoundPath();
    }
    if (get && segs[0] === 'apis' && segs.length === 2) {
      const gv = this.gvs.find((g) => g.group === segs[1]);
      if (gv) return { status: 200, body: apiGroupDoc(gv) };
      throw notFoundPath();
    }
    if (get && segs[0] === 'apis' && segs.length === 3) {
      const gv = this.gvs.find((g) => g.group === segs[1] && g.version === segs[2]);
      if (gv) return { status: 200, body: apiResourceList(gv) };
      throw notFoundPath();
    }
    const info = parseResourcePath(req.method, path, req.query, (g, v, r) => this.lookup(g, v, r)?.namespaced === true);
    if (!info) throw notFoundPath();
    const def = this.lookup(info.group, info.version, info.resource);
    if (!def) throw notFoundPath();
    if (def.serve) return def.serve(req, info, def);
    await this.checkResourceVersion(req, info);
    return handleResource({ registry: this.registry, subresources: this.subresources }, req, info, def);
  }

  /** The resourceVersion rules of reads of the main resource (ListOptions checks, too large resource versions). */
  private async checkResourceVersion(req: ApiRequest, info: RequestInfo): Promise<void> {
    if (info.subresource) return;
    if (info.verb === 'watch') {
      const errs = validateListOptions(req.query, true);
      if (errs.length) throw errors.invalid('meta.k8s.io', 'ListOptions', '', errs);
    } else if (info.verb === 'get' || info.verb === 'list') {
      await checkReadResourceVersion(this.registry.store, info.verb, req.query, () => req.signal);
    }
  }

  version(): object {
    return {
      ...KUBE_VERSION,
      gitCommit: '0000000000000000000000000000000000000000',
      gitTreeState: 'clean',
      buildDate: '2026-01-01T00:00:00Z',
      goVersion: `skiff (node ${process.version})`,
      compiler: 'skiff',
      platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
    };
  }

  private health(path: string, req: ApiRequest): ApiResponse {
    const checks: [string, boolean][] = [['ping', true], ['etcd', true]];
    if (path === '/readyz') for (const [n, f] of this.readyChecks) checks.push([n, f()]);
    const failed = checks.filter(([, ok]) => !ok);
    if (req.query.has('verbose')) {
      const lines = checks.map(([n, ok]) => `[${ok ? '+' : '-'}]${n} ${ok ? 'ok' : 'failed'}`);
      lines.push(`${path.slice(1)} check ${failed.length ? 'failed' : 'passed'}`);
      return { status: failed.length ? 500 : 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: lines.join('\n') + '\n' };
    }
    return { status: failed.length ? 500 : 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: failed.length ? 'failed' : 'ok' };
  }

  private openapiCache?: GroupVersionInfo[];

  private openapiGvs(): GroupVersionInfo[] {
    return (this.openapiCache ??= this.gvs.map((gv) => ({
      group: gv.group,
      version: gv.version,
      resources: gv.resources.map((d) => ({
        plural: d.plural,
        kind: d.kind,
        namespaced: d.namespaced,
        subresources: d.subresources ?? [],
        verbs: d.verbs ?? ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      })),
    })));
  }
}

function notFoundPath(): errors.ApiError {
  return new errors.ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}
