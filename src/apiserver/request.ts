/**
 * The transport-neutral request the API server handles (from HTTP or from an in-process client),
 * and the parsing of a URL path into what it addresses (upstream's RequestInfo).
 */
import type { Readable } from 'node:stream';

export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
  /** Extra attributes (e.g. `authentication.kubernetes.io/credential-id` of a client certificate). */
  extra?: Record<string, string[]>;
}

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body?: Buffer;
  user: UserInfo;
  /** Aborted when the client goes away (ends watches and log streams). */
  signal: AbortSignal;
}

/** A finished answer: status, headers and a body to serialise as JSON (or send as-is when a Buffer/string). */
export interface ApiResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: unknown;
  /** A streamed body (watch, logs): bytes or strings written as they come. */
  stream?: Readable;
  /** Warnings for `Warning: 299 - "..."` headers. */
  warnings?: string[];
}

export interface RequestInfo {
  /** `api` or `apis`. */
  prefix: 'api' | 'apis';
  group: string;
  version: string;
  namespace: string;
  /** Plural resource name. */
  resource: string;
  name: string;
  subresource: string;
  /** get, list, watch, create, update, patch, delete, deletecollection */
  verb: string;
}

/**
 * Parses `/api/v1/namespaces/ns/pods/name/status` and friends. `isNamespaced(group, version, resource)`
 * tells whether a resource name is a namespaced resource, to tell `namespaces/x/pods` from
 * `namespaces/x/status`.
 */
export function parseResourcePath(
  method: string,
  path: string,
  query: URLSearchParams,
  isNamespaced: (group: string, version: string, resource: string) => boolean,
): RequestInfo | undefined {
  const parts = path.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  let i = 0;
  const prefix = parts[i++];
  if (prefix !== 'api' && prefix !== 'apis') return undefined;
  let group = '';
  if (prefix === 'apis') {
    group = parts[i++] ?? '';
    if (!group) return undefined;
  }
  const version = parts[i++];
  if (!version) return undefined;
  const rest = parts.slice(i);
  if (!rest.length) return undefined;
  let namespace = '';
  let resource: string;
  let name: string;
  let subresource: string;
  if (rest[0] === 'namespaces' && rest.length >= 3 && isNamespaced(group, version, rest[2]!)) {
    namespace = rest[1]!;
    resource = rest[2]!;
    name = rest[3] ?? '';
    subresource = rest.slice(4).join('/');
  } else {
    resource = rest[0]!;
    name = rest[1] ?? '';
    subresource = rest.slice(2).join('/');
    // /api/v1/namespaces/{ns} addresses the namespace object itself
  }
  if (rest[0] === 'watch') return undefined; // legacy /watch/ paths are not served
  const watch = query.get('watch');
  const isWatch = watch === 'true' || watch === '1';
  let verb: string;
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = name ? 'get' : isWatch ? 'watch' : 'list';
      if (name && isWatch) verb = 'watch';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection';
      break;
    default:
      verb = method.toLowerCase();
  }
  return { prefix, group, version, namespace, resource, name, subresource, verb };
}
