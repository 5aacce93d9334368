/**
 * A simplified server-side apply (`application/apply-patch+yaml`). The applied configuration is
 * merged into the live object with strategic-merge rules (fields it sets win, fields it omits stay)
 * and the manager's `Apply` entry in `metadata.managedFields` is replaced by the set of fields it
 * applied. Not done (unlike upstream's structured-merge-diff): conflict detection (no 409
 * `FieldManagerConflict`, `force` is irrelevant), removal of fields the same manager applied before
 * but has now dropped, ownership changes in other managers' entries, list semantics from OpenAPI
 * `x-kubernetes-list-type` (the strategic-merge tags are used instead), and defaulting.
 */
import { parse as parseYaml } from 'yaml';
import { badRequest, invalid } from '../../api/errors.js';
import { clone } from '../../api/meta.js';
import { required } from '../../api/field.js';
import type { StoredObject } from '../../api/types.js';
import { isMap, jsonKind, type JsonMap } from './errors.js';
import { appliedFieldSet } from './fieldsv1.js';
import { applyStrategicMergePatch } from './strategic.js';

/** The content type of a server-side apply request. */
export const APPLY_PATCH_CONTENT_TYPE = 'application/apply-patch+yaml';

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: unknown;
  subresource?: string;
}

/** metav1.Time as upstream serialises it: RFC 3339, UTC, whole seconds. */
function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function decodeApplied(applied: unknown): JsonMap {
  let body = applied;
  if (typeof applied === 'string' || applied instanceof Uint8Array) {
    const text = typeof applied === 'string' ? applied : Buffer.from(applied).toString('utf8');
    try {
      body = parseYaml(text);
    } catch (err) {
      throw badRequest(`error decoding patch: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (!isMap(body)) {
    throw badRequest(`error decoding patch: json: cannot unmarshal ${jsonKind(body)} into Go value of type map[string]interface {}`);
  }
  return body;
}

/** Upstream `sortEncodedManagedFields`: by operation, time (seconds), manager, apiVersion, subresource. */
function sortEntries(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  const cmp = (a = '', b = ''): number => (a < b ? -1 : a > b ? 1 : 0);
  const secs = (t?: string): number => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  return [...entries].sort((p, q) =>
    cmp(p.operation, q.operation) || secs(p.time) - secs(q.time) || cmp(p.manager, q.manager)
    || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource, q.subresource));
}

function withoutManagedFields(obj: JsonMap): string {
  const copy = clone(obj);
  if (isMap(copy.metadata)) delete copy.metadata.managedFields;
  return JSON.stringify(copy);
}

/**
 * Server-side applies `applied` (the decoded body, or its YAML/JSON text) for `manager` to `live`
 * (undefined when the object does not exist yet) of model `typeName`, returning the new object with
 * its managedFields updated. Inputs are not modified. Rejects what upstream rejects before merging:
 * a missing field manager (422), an undecodable body, `metadata.managedFields` in the body, and an
 * apiVersion differing from the live object's (400).
 */
export function applyServerSide(live: StoredObject | undefined, applied: unknown, typeName: string, manager: string, now: Date = new Date()): StoredObject {
  if (!manager) {
    throw invalid('meta.k8s.io', 'PatchOptions', '', [required('fieldManager', 'is required for apply patch')]);
  }
  const body = decodeApplied(applied);
  const expected = live?.apiVersion;
  const given = typeof body.apiVersion === 'string' ? body.apiVersion : '';
  if (expected !== undefined && given !== expected) {
    throw badRequest(`Incorrect version specified in apply patch. Specified patch version: ${given}, expected: ${expected}`);
  }
  if (isMap(body.metadata) && body.metadata.managedFields !== undefined && body.metadata.managedFields !== null) {
    throw badRequest('metadata.managedFields must be nil');
  }

  const base: JsonMap = live ? (clone(live) as JsonMap) : {};
  const merged = applyStrategicMergePatch(base, body, typeName) as JsonMap;
  const metadata: JsonMap = isMap(merged.metadata) ? merged.metadata : {};
  merged.metadata = metadata;

  const fieldsV1 = appliedFieldSet(body, typeName);
  const previous = (Array.isArray(live?.metadata.managedFields) ? live.metadata.managedFields : []) as ManagedFieldsEntry[];
  const mine = (e: ManagedFieldsEntry): boolean => e.manager === manager && e.operation === 'Apply' && !e.subresource;
  const old = previous.find(mine);
  const unchanged = old !== undefined && live !== undefined
    && JSON.stringify(old.fieldsV1) === JSON.stringify(fieldsV1) && withoutManagedFields(merged) === withoutManagedFields(live as JsonMap);
  const entry: ManagedFieldsEntry = {
    manager,
    operation: 'Apply',
    apiVersion: given || expected || '',
    time: unchanged && old.time ? old.time : rfc3339(now),
    fieldsType: 'FieldsV1',
    fieldsV1,
  };
  metadata.managedFields = sortEntries([...previous.filter((e) => !mine(e)), entry]);
  return merged as StoredObject;
}
