/**
 * The Swagger 2.0 document served at `/openapi/v2` (JSON): every served group-version's paths and the
 * shared `definitions`, with x-kubernetes-group-version-kind on kinds. kubectl only falls back to it
 * (asking for protobuf) when OpenAPI v3 is missing; JSON is served to `Accept: application/json`.
 */
import { createHash } from 'node:crypto';
import { buildPaths, type Gvk, type PathsResult } from './paths.js';
import type { GroupVersionInfo, JsonObject } from './types.js';
import { componentSchemas, OPENAPI_INFO_VERSION, sortKeys, type SerializedDocument } from './v3.js';

let cached: { key: string; entry: SerializedDocument } | undefined;

function build(gvs: GroupVersionInfo[]): JsonObject {
  const merged: PathsResult = { paths: {}, roots: new Set(), gvks: new Map(), custom: {} };
  for (const gv of gvs) {
    const r = buildPaths(gv, 'v2');
    Object.assign(merged.paths, r.paths);
    for (const root of r.roots) merged.roots.add(root);
    Object.assign(merged.custom, r.custom);
    for (const [definition, list] of r.gvks) {
      const into: Gvk[] = merged.gvks.get(definition) ?? [];
      for (const g of list) if (!into.some((x) => x.group === g.group && x.version === g.version && x.kind === g.kind)) into.push(g);
      merged.gvks.set(definition, into);
    }
  }
  return sortKeys({
    definitions: componentSchemas(merged, 'v2'),
    info: { title: 'Kubernetes', version: OPENAPI_INFO_VERSION },
    paths: merged.paths,
    security: [{ BearerToken: [] }],
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    swagger: '2.0',
  }) as JsonObject;
}

/** The Swagger 2.0 document with its JSON and hash (for an ETag); built once per distinct input. */
export function openapiV2Serialized(gvs: GroupVersionInfo[]): SerializedDocument {
  const key = JSON.stringify(gvs);
  if (cached?.key !== key) {
    const doc = build(gvs);
    const json = JSON.stringify(doc);
    cached = { key, entry: { doc, json, hash: createHash('sha512').update(json).digest('hex').toUpperCase() } };
  }
  return cached.entry;
}

/** The Swagger 2.0 document of all served group-versions (`GET /openapi/v2`). */
export function openapiV2Document(gvs: GroupVersionInfo[]): object {
  return openapiV2Serialized(gvs).doc;
}
