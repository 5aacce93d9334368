/**
 * HTTP semantics of the OpenAPI endpoints as kube-openapi's handlers implement them: the `/openapi/v3`
 * index, per-group-version documents with `?hash=` (301 to the current hash when stale, immutable
 * caching when current), ETag / If-None-Match, Accept negotiation (JSON only; protobuf gets 406), and
 * `/openapi/v2` as JSON. Transport-free: the API server writes the returned status, headers and body.
 */
import type { GroupVersionInfo } from './types.js';
import { openapiV2Serialized } from './v2.js';
import { findOpenapiV3GroupVersion, openapiV3Index, openapiV3Serialized } from './v3.js';

/** What to answer to one OpenAPI request. */
export interface OpenapiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/json';

/** Whether an Accept header admits JSON (`application/json`, `application/*`, `*\/*`, or no header). */
export function acceptsJson(accept: string | undefined): boolean {
  if (!accept || !accept.trim()) return true;
  return accept.split(',').some((clause) => {
    const type = clause.split(';')[0]!.trim().toLowerCase();
    return type === JSON_TYPE || type === 'application/*' || type === '*/*';
  });
}

function document(json: string, hash: string, ifNoneMatch: string | undefined, immutable: boolean): OpenapiResponse {
  const etag = `"${hash}"`;
  const headers: Record<string, string> = { 'Content-Type': JSON_TYPE, ETag: etag, Vary: 'Accept' };
  if (immutable) {
    headers['Cache-Control'] = 'public, immutable';
    headers.Expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString();
  }
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    return { status: 304, headers, body: '' };
  }
  return { status: 200, headers, body: json };
}

const notAcceptable = (): OpenapiResponse => ({ status: 406, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '406 Not Acceptable' });
const notFound = (): OpenapiResponse => ({ status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' });

/**
 * The response to a GET of an OpenAPI path (`/openapi/v2`, `/openapi/v3`, `/openapi/v3/apis/apps/v1?hash=...`),
 * or undefined when the URL is not an OpenAPI path. `url` is the request target (path and query).
 */
export function openapiHttpResponse(
  gvs: GroupVersionInfo[],
  url: string,
  headers: { accept?: string; ifNoneMatch?: string } = {},
): OpenapiResponse | undefined {
  const parsed = new URL(url, 'http://localhost');
  const path = parsed.pathname.replace(/\/+$/, '');
  if (path === '/openapi/v2') {
    if (!acceptsJson(headers.accept)) return notAcceptable();
    const doc = openapiV2Serialized(gvs);
    return document(doc.json, doc.hash, headers.ifNoneMatch, false);
  }
  if (path === '/openapi/v3') {
    return { status: 200, headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify(openapiV3Index(gvs)) };
  }
  if (!path.startsWith('/openapi/v3/')) return undefined;
  const gv = findOpenapiV3GroupVersion(gvs, path);
  if (!gv) return notFound();
  if (!acceptsJson(headers.accept)) return notAcceptable();
  const doc = openapiV3Serialized(gv);
  const hash = parsed.searchParams.get('hash');
  if (hash && hash !== doc.hash) {
    const location = `${path}?hash=${doc.hash}`;
    return { status: 301, headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' }, body: `<a href="${location}">Moved Permanently</a>.\n` };
  }
  return document(doc.json, doc.hash, headers.ifNoneMatch, Boolean(hash));
}
