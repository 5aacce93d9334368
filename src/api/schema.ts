/**
 * The Kubernetes type graph, loaded lazily from `dist/schema.json` (built from the
 * `@kubernetes/client-node` models by scripts/gen-schema.mjs), with the descriptions of fields that
 * refer to another type from `dist/ref-field-docs.json`. Used for OpenAPI, explain,
 * strict field validation and strategic merge patch.
 */
import { readFileSync } from 'node:fs';
import { distFile } from '../util/paths.js';

export interface FieldSchema {
  name: string;
  /** Raw client-node type: `string`, `V1Container`, `Array<V1Container>`, `{ [key: string]: string; }`, `IntOrString`, ... */
  type: string;
  format?: string;
  description?: string;
}

export interface TypeSchema {
  description: string;
  required: string[];
  fields: FieldSchema[];
}

/** A parsed field type. */
export type TypeRef =
  | { kind: 'primitive'; name: 'string' | 'number' | 'boolean' | 'any' | 'IntOrString' | 'Date'; format?: string }
  | { kind: 'object'; name: string }
  | { kind: 'array'; items: TypeRef }
  | { kind: 'map'; values: TypeRef };

let cache: { types: Record<string, TypeSchema> } | undefined;
const fieldIndex = new Map<string, Map<string, FieldSchema>>();

function load(): Record<string, TypeSchema> {
  if (!cache) {
    const candidates = [distFile('schema.json')];
    let lastErr: unknown;
    for (const path of candidates) {
      try {
        cache = JSON.parse(readFileSync(path, 'utf8')) as { types: Record<string, TypeSchema> };
        break;
      } catch (err) {
        lastErr = err;
      }
    }
    if (!cache) {
      throw new Error(`cannot read the type schema (tried ${candidates.join(', ')}; run \`npm run build\`): ${(lastErr as Error).message}`, { cause: lastErr });
    }
  }
  return cache.types;
}

let refDocs: Record<string, Record<string, string>> | undefined;

/**
 * The description of a field that refers to another type (`exec` of io.k8s.api.core.v1.Probe),
 * which the client-node models lack: from `dist/ref-field-docs.json` (kubernetes-types), keyed by
 * upstream definition name. Undefined when unknown (or the file was not built).
 */
export function refFieldDescription(definition: string, field: string): string | undefined {
  if (!refDocs) {
    try {
      refDocs = JSON.parse(readFileSync(distFile('ref-field-docs.json'), 'utf8')) as Record<string, Record<string, string>>;
    } catch {
      refDocs = {};
    }
  }
  return refDocs[definition]?.[field];
}

export function typeSchema(name: string): TypeSchema | undefined {
  return load()[name];
}

export function allTypes(): Record<string, TypeSchema> {
  return load();
}

/** The fields of a type by JSON name. */
export function fieldsOf(typeName: string): Map<string, FieldSchema> | undefined {
  let m = fieldIndex.get(typeName);
  if (!m) {
    const t = typeSchema(typeName);
    if (!t) return undefined;
    m = new Map(t.fields.map((f) => [f.name, f]));
    fieldIndex.set(typeName, m);
  }
  return m;
}

export function parseType(type: string, format?: string): TypeRef {
  const t = type.trim();
  if (t.startsWith('Array<') && t.endsWith('>')) return { kind: 'array', items: parseType(t.slice(6, -1)) };
  const map = /^\{ \[key: string\]: (.*); \}$/.exec(t);
  if (map) return { kind: 'map', values: parseType(map[1]!) };
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'any' || t === 'IntOrString' || t === 'Date' || t === 'object') {
    const name = t === 'object' ? 'any' : t;
    return format ? { kind: 'primitive', name, format } : { kind: 'primitive', name };
  }
  return { kind: 'object', name: t };
}

/** The type of `field` inside object type `typeName`, or undefined if the field is unknown. */
export function fieldType(typeName: string, field: string): TypeRef | undefined {
  const f = fieldsOf(typeName)?.get(field);
  return f ? parseType(f.type, f.format) : undefined;
}

/** client-node's model name for a group/version/kind: V1Pod, V1Deployment, EventsV1Event, DiscoveryV1EndpointSlice... */
const modelNames = new Map<string, string>();

export function modelName(group: string, version: string, kind: string): string {
  const key = `${group}/${version}/${kind}`;
  let name = modelNames.get(key);
  if (name === undefined) modelNames.set(key, (name = findModelName(group, version, kind)));
  return name;
}

function findModelName(group: string, version: string, kind: string): string {
  const v = version.charAt(0).toUpperCase() + version.slice(1);
  const candidates: string[] = [];
  const prefix = group ? group.split('.')[0]! : 'core';
  const cap = prefix.charAt(0).toUpperCase() + prefix.slice(1);
  candidates.push(`${cap}${v}${kind}`, `${v}${kind}`);
  if (!group) candidates.unshift(`Core${v}${kind}`);
  const types = load();
  for (const c of candidates) if (types[c]) return c;
  return `${v}${kind}`;
}
