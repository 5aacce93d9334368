/**
 * The input of the OpenAPI builders: what one served group-version contains. The API server derives
 * it from its resource registry; the OpenAPI module needs nothing else.
 */

/** One served resource of a group-version, as discovery lists it. */
export interface ResourceInfo {
  /** The plural resource name in URLs: `pods`. */
  plural: string;
  kind: string;
  namespaced: boolean;
  /** Subresource names: `status`, `scale`, `log`, `exec`, `binding`, `eviction`... */
  subresources: string[];
  /** Verbs of the main resource: get, list, watch, create, update, patch, delete, deletecollection. */
  verbs: string[];
}

/** One served group-version (`group` is '' for the core group). */
export interface GroupVersionInfo {
  group: string;
  version: string;
  resources: ResourceInfo[];
}

/** A JSON object as it goes into an OpenAPI document. */
export type JsonObject = { [key: string]: unknown };

/** Which OpenAPI dialect a schema is built for: OpenAPI 3.0 (`/openapi/v3`) or Swagger 2.0 (`/openapi/v2`). */
export type Flavor = 'v3' | 'v2';

/** The `group/version` path key of a group-version in the `/openapi/v3` index: `api/v1`, `apis/apps/v1`. */
export function gvPath(gv: { group: string; version: string }): string {
  return gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
}
