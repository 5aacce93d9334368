/**
 * Label and field selector filtering for lists and watches.
 */
import * as errors from '../../api/errors.js';
import type { StoredObject } from '../../api/types.js';
import type { ResourceDef } from './types.js';

/** The parsed pieces of a list or watch request that select objects. */
export interface ListQuery {
  labelSelector?: LabelMatcher;
  fieldSelector?: FieldMatcher;
  limit?: number;
  continue?: string;
}

export interface LabelMatcher {
  empty: boolean;
  matches(labels: Record<string, string> | undefined): boolean;
}

export interface FieldMatcher {
  empty: boolean;
  matches(fields: Record<string, string>): boolean;
  /** The field names the selector uses. */
  fieldNames(): string[];
}

const fieldSets = new WeakMap<StoredObject, Record<string, string>>();

/**
 * The field-selector labels of an object: metadata.name/namespace plus the resource's own.
 * Stored objects are immutable and shared by every watcher of an event: computed once per object.
 */
export function fieldSet(def: ResourceDef, obj: StoredObject): Record<string, string> {
  let set = fieldSets.get(obj);
  if (!set) fieldSets.set(obj, (set = computeFieldSet(def, obj)));
  return set;
}

function computeFieldSet(def: ResourceDef, obj: StoredObject): Record<string, string> {
  const base: Record<string, string> = {
    'metadata.name': obj.metadata.name ?? '',
  };
  if (def.namespaced) base['metadata.namespace'] = obj.metadata.namespace ?? '';
  return def.fieldLabels ? { ...base, ...def.fieldLabels(obj) } : base;
}

/** Rejects selectors on fields the resource does not support (upstream: 400 `field label not supported`). */
export function checkFieldSelector(def: ResourceDef, sel: FieldMatcher | undefined, sample: StoredObject): void {
  if (!sel || sel.empty) return;
  const supported = fieldSet(def, sample);
  for (const f of sel.fieldNames()) {
    if (!(f in supported)) throw errors.badRequest(`field label not supported: ${f}`);
  }
}

/** A predicate for the query, or undefined when it selects everything. */
export function matcherFor(def: ResourceDef, q: ListQuery): ((obj: StoredObject) => boolean) | undefined {
  const ls = q.labelSelector && !q.labelSelector.empty ? q.labelSelector : undefined;
  const fs = q.fieldSelector && !q.fieldSelector.empty ? q.fieldSelector : undefined;
  if (!ls && !fs) return undefined;
  return (obj) => (!ls || ls.matches(obj.metadata.labels)) && (!fs || fs.matches(fieldSet(def, obj)));
}
