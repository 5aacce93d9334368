/**
 * Component schemas (`components.schemas` in OpenAPI v3, `definitions` in Swagger 2.0) built from the
 * client-node type graph plus the generated upstream facts: `$ref`s to upstream definition names,
 * descriptions, formats, enums, required lists, zero-value defaults and the x-kubernetes-* list/patch
 * extensions. Schemas are built once per model and dialect and cached.
 */
import { parseType, refFieldDescription, typeSchema, type FieldSchema, type TypeRef } from '../../api/schema.js';
import { definitionName, OPAQUE, opaqueDefinition, refTo } from './names.js';
import type { Flavor, JsonObject } from './types.js';
import { parseFacts, type RawFacts } from './facts.js';
import { FIELD_FACTS, TYPE_FACTS } from './upstream-facts.js';

/** Our own one-line descriptions of the opaque wire types. */
const OPAQUE_DOCS: Record<string, string> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'A timestamp in RFC 3339 form with second precision.',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'A timestamp in RFC 3339 form with microsecond precision.',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Duration': 'A duration written as a Go duration string, e.g. 1h30m.',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': 'The set of fields a manager owns, as a trie of f:, k:, v: and i: keys.',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'An integer or a string (a port number or name, a count or a percentage).',
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'A resource amount such as 500m, 128Mi or 2.',
};

interface Built {
  schema: JsonObject;
  /** Models and opaque definitions this schema refers to. */
  refs: string[];
}

const cache: Record<Flavor, Map<string, Built>> = { v3: new Map(), v2: new Map() };

/** The zero value upstream declares as `default` for a non-pointer Go field of this schema. */
function zeroOf(s: JsonObject): unknown {
  if (s.$ref !== undefined || s.type === 'object') return {};
  if (s.type === 'string') return '';
  if (s.type === 'integer' || s.type === 'number') return 0;
  if (s.type === 'boolean') return false;
  return undefined;
}

/** Adds siblings to a schema; in v3 a `$ref` with siblings is wrapped in `allOf` as upstream does. */
function decorate(s: JsonObject, extra: JsonObject, flavor: Flavor): JsonObject {
  const siblings = Object.fromEntries(Object.entries(extra).filter(([k, v]) => v !== undefined && !(flavor === 'v2' && k === 'default')));
  if (Object.keys(siblings).length === 0) return s;
  if (s.$ref !== undefined && flavor === 'v3') return { allOf: [s], ...siblings };
  return { ...s, ...siblings };
}

function refSchema(definition: string, target: string, refs: Set<string>, flavor: Flavor): JsonObject {
  refs.add(target);
  return { $ref: refTo(definition, flavor) };
}

function scalarSchema(t: TypeRef & { kind: 'primitive' }, facts: RawFacts, refs: Set<string>, flavor: Flavor): JsonObject {
  const opaque = facts.r ? opaqueDefinition(facts.r) : undefined;
  if (opaque && (t.name === 'string' || t.name === 'any')) return refSchema(opaque, opaque, refs, flavor);
  switch (t.name) {
    case 'Date': {
      const def = t.format === 'date-time-micro' || facts.r === 'MicroTime' ? OPAQUE.microTime : OPAQUE.time;
      return refSchema(def, def, refs, flavor);
    }
    case 'IntOrString':
      return refSchema(OPAQUE.intOrString, OPAQUE.intOrString, refs, flavor);
    case 'any':
      return { type: 'object' };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      if (t.format === 'int32' || t.format === 'int64') return { format: t.format, type: 'integer' };
      return t.format ? { format: t.format, type: 'number' } : { type: 'number' };
    default: {
      const s: JsonObject = t.format ? { format: t.format, type: 'string' } : { type: 'string' };
      if (facts.en !== undefined) s.enum = facts.en.split(',');
      return s;
    }
  }
}

function valueSchema(t: TypeRef, facts: RawFacts, refs: Set<string>, flavor: Flavor): JsonObject {
  switch (t.kind) {
    case 'primitive':
      return scalarSchema(t, facts, refs, flavor);
    case 'object':
      if (t.name === 'V1MicroTime') return refSchema(OPAQUE.microTime, OPAQUE.microTime, refs, flavor);
      if (!typeSchema(t.name)) return { type: 'object' };
      return refSchema(definitionName(t.name), t.name, refs, flavor);
    case 'array':
    case 'map': {
      const inner = valueSchema(t.kind === 'array' ? t.items : t.values, facts, refs, flavor);
      const withDefault = facts.zi !== undefined ? decorate(inner, { default: zeroOf(inner) }, flavor) : inner;
      return t.kind === 'array' ? { items: withDefault, type: 'array' } : { additionalProperties: withDefault, type: 'object' };
    }
  }
}

/** client-node puts the format of array items and map values (`byte`, `int32`) on the field: move it inward. */
function innerFormat(t: TypeRef, format: string | undefined): TypeRef {
  if (!format) return t;
  switch (t.kind) {
    case 'array':
      return { kind: 'array', items: innerFormat(t.items, format) };
    case 'map':
      return { kind: 'map', values: innerFormat(t.values, format) };
    case 'primitive':
      return t.format ? t : { ...t, format };
    default:
      return t;
  }
}

function fieldSchema(model: string, f: FieldSchema, refs: Set<string>, flavor: Flavor): JsonObject {
  const facts = parseFacts(FIELD_FACTS[model]?.[f.name]);
  const s = valueSchema(innerFormat(parseType(f.type, f.format), f.format), facts, refs, flavor);
  let def: unknown;
  if (facts.df !== undefined) def = JSON.parse(facts.df) as unknown;
  else if (facts.z !== undefined) def = zeroOf(s);
  return decorate(
    s,
    {
      default: def,
      description: f.description ?? refFieldDescription(definitionName(model), f.name),
      'x-kubernetes-list-map-keys': facts.lk?.split(','),
      'x-kubernetes-list-type': facts.lt,
      'x-kubernetes-map-type': facts.mt,
      'x-kubernetes-patch-merge-key': facts.pk,
      'x-kubernetes-patch-strategy': facts.ps,
    },
    flavor,
  );
}

function buildModel(model: string, flavor: Flavor): Built {
  const t = typeSchema(model);
  if (!t) return { schema: { type: 'object' }, refs: [] };
  const refs = new Set<string>();
  const properties: JsonObject = {};
  for (const f of [...t.fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    properties[f.name] = fieldSchema(model, f, refs, flavor);
  }
  const schema: JsonObject = {};
  if (t.description) schema.description = t.description;
  if (t.fields.length) schema.properties = properties;
  if (t.required.length) schema.required = [...t.required];
  schema.type = 'object';
  const mapType = TYPE_FACTS[model]?.replace(/^mt=/, '');
  if (mapType) schema['x-kubernetes-map-type'] = mapType;
  return { schema, refs: [...refs] };
}

function buildOpaque(definition: string, flavor: Flavor): Built {
  const description = OPAQUE_DOCS[definition];
  const base: JsonObject = description ? { description } : {};
  switch (definition) {
    case OPAQUE.time:
    case OPAQUE.microTime:
      return { schema: { ...base, format: 'date-time', type: 'string' }, refs: [] };
    case OPAQUE.intOrString:
      return {
        schema: flavor === 'v3'
          ? { ...base, format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] }
          : { ...base, format: 'int-or-string', type: 'string' },
        refs: [],
      };
    case OPAQUE.quantity:
      return { schema: flavor === 'v3' ? { ...base, oneOf: [{ type: 'string' }, { type: 'number' }] } : { ...base, type: 'string' }, refs: [] };
    case OPAQUE.rawExtension:
    case OPAQUE.fieldsV1:
    case OPAQUE.patch:
      return { schema: { ...base, type: 'object' }, refs: [] };
    default:
      return { schema: base, refs: [] };
  }
}

/**
 * The schema of one model (client-node name such as `V1Pod`) or opaque definition (full name such as
 * `io.k8s.apimachinery.pkg.api.resource.Quantity`), with the list of what it refers to. Cached.
 */
export function schemaOf(target: string, flavor: Flavor): Built {
  let built = cache[flavor].get(target);
  if (!built) {
    built = target.includes('.') ? buildOpaque(target, flavor) : buildModel(target, flavor);
    cache[flavor].set(target, built);
  }
  return built;
}

/** The definition name a target (model or opaque definition) is published under. */
export function targetDefinition(target: string): string {
  return target.includes('.') ? target : definitionName(target);
}

/**
 * All schemas reachable from the roots (models such as `V1Pod`, or opaque definition names), keyed by
 * upstream definition name and sorted by it. The schema objects are shared with the cache: copy before
 * changing one.
 */
export function collectSchemas(roots: Iterable<string>, flavor: Flavor): Record<string, JsonObject> {
  const seen = new Set<string>();
  const queue = [...roots];
  const byName = new Map<string, JsonObject>();
  while (queue.length) {
    const target = queue.pop()!;
    if (seen.has(target)) continue;
    seen.add(target);
    const built = schemaOf(target, flavor);
    byName.set(targetDefinition(target), built.schema);
    queue.push(...built.refs);
  }
  return Object.fromEntries([...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
