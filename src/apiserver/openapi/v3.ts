/**
 * The OpenAPI v3 endpoints: `/openapi/v3` (the index of group-version documents with content hashes)
 * and `/openapi/v3/<api/v1|apis/<group>/<version>>` (one OpenAPI 3.0 document per group-version, as
 * kube-apiserver serves it). Documents are built on first request and cached with their JSON and hash.
 */
import { createHash } from 'node:crypto';
import { buildPaths, type Gvk } from './paths.js';
import { collectSchemas } from './schemas.js';
import { gvPath, type GroupVersionInfo, type JsonObject } from './types.js';

/** The version reported in `info.version` of the documents. */
export const OPENAPI_INFO_VERSION = 'v1.32.0';

/** A built document with its serialized form and the hash used in `?hash=` URLs (upper-case hex SHA-512). */
export interface SerializedDocument {
  doc: JsonObject;
  json: string;
  hash: string;
}

const MAX_CACHED = 256;
const cache = new Map<string, SerializedDocument>();

/** A deep copy with the keys of every object in sorted order (upstream serializes maps sorted). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const src = value as JsonObject;
  const out: JsonObject = {};
  for (const k of Object.keys(src).sort()) out[k] = sortKeys(src[k]);
  return out;
}

/** Sorts a GVK list the way upstream lists them (by group, then version, then kind). */
export function sortGvks(list: Gvk[]): Gvk[] {
  const key = (g: Gvk): string => `${g.group}\u0000${g.version}\u0000${g.kind}`;
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Component schemas for some paths: the reachable definitions, custom kinds, and the GVK extensions. */
export function componentSchemas(
  result: ReturnType<typeof buildPaths>,
  flavor: 'v3' | 'v2',
): JsonObject {
  const schemas: JsonObject = { ...collectSchemas(result.roots, flavor), ...result.custom };
  for (const [definition, gvks] of result.gvks) {
    const s = schemas[definition] as JsonObject | undefined;
    if (s) schemas[definition] = { ...s, 'x-kubernetes-group-version-kind': sortGvks(gvks) };
  }
  return schemas;
}

function build(gv: GroupVersionInfo): JsonObject {
  const result = buildPaths(gv, 'v3');
  return sortKeys({
    components: {
      schemas: componentSchemas(result, 'v3'),
      securitySchemes: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    },
    info: { title: 'Kubernetes', version: OPENAPI_INFO_VERSION },
    openapi: '3.0.0',
    paths: result.paths,
  }) as JsonObject;
}

/** The document of one group-version, with its JSON and hash; built once per distinct input and cached. */
export function openapiV3Serialized(gv: GroupVersionInfo): SerializedDocument {
  const key = JSON.stringify(gv);
  let entry = cache.get(key);
  if (!entry) {
    const doc = build(gv);
    const json = JSON.stringify(doc);
    entry = { doc, json, hash: createHash('sha512').update(json).digest('hex').toUpperCase() };
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
  }
  return entry;
}

/** The OpenAPI 3.0 document of one group-version (`GET /openapi/v3/api/v1`, `/openapi/v3/apis/apps/v1`). */
export function openapiV3Document(gv: GroupVersionInfo): object {
  return openapiV3Serialized(gv).doc;
}

/** The `/openapi/v3` index: `{paths: {"api/v1": {serverRelativeURL: "/openapi/v3/api/v1?hash=..."}}}`. */
export function openapiV3Index(gvs: GroupVersionInfo[]): object {
  const paths: JsonObject = {};
  for (const gv of gvs) {
    const path = gvPath(gv);
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${openapiV3Serialized(gv).hash}` };
  }
  return { paths: sortKeys(paths) };
}

/** The group-version a `/openapi/v3/<path>` request names (`api/v1`, `apis/apps/v1`), if served. */
export function findOpenapiV3GroupVersion(gvs: GroupVersionInfo[], path: string): GroupVersionInfo | undefined {
  const clean = path.replace(/^\/?(openapi\/v3\/)?/, '').replace(/\/$/, '');
  return gvs.find((gv) => gvPath(gv) === clean);
}
