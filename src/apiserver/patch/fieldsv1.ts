/**
 * The `fieldsV1` field set of a server-side apply: the paths an applied configuration sets, in
 * structured-merge-diff's `f:`/`k:`/`v:` notation, approximating its `ToFieldSet` (leaves and list
 * items are members; struct fields are only parents) and its serialisation (children sorted, `.`
 * last for a member that also has children). List kinds come from the strategic-merge tags.
 */
import { isMap, type JsonMap } from './errors.js';
import { lookupStruct, type PatchMeta, type Schema } from './tags.js';

/** One node of a field set: whether the path itself is a member, and its children by path element. */
interface Node {
  self: boolean;
  kids: Map<string, Node>;
}

const newNode = (): Node => ({ self: false, kids: new Map() });

function child(n: Node, pe: string): Node {
  let c = n.kids.get(pe);
  if (!c) {
    c = newNode();
    n.kids.set(pe, c);
  }
  return c;
}

/** Lists keyed by several fields under server-side apply (OpenAPI list-map-keys), with key defaults. */
const SSA_LIST_KEYS: Record<string, string[]> = {
  'V1Container.ports': ['containerPort', 'protocol'],
  'V1EphemeralContainer.ports': ['containerPort', 'protocol'],
  'V1ServiceSpec.ports': ['port', 'protocol'],
  'V1PodSpec.topologySpreadConstraints': ['topologyKey', 'whenUnsatisfiable'],
};
const KEY_DEFAULTS: JsonMap = { protocol: 'TCP' };

/** Types marked `+structType=atomic` upstream: owned as a whole, like a scalar. */
const ATOMIC_STRUCTS = new Set(['V1LabelSelector', 'V1LocalObjectReference', 'V1ObjectReference']);

/** Metadata fields upstream strips from every manager's set (`stripMetaManager`). */
const STRIPPED_META = ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'];

function itemKey(item: JsonMap, keys: string[]): string {
  const kv: JsonMap = {};
  for (const k of [...keys].sort()) {
    const v = Object.hasOwn(item, k) ? item[k] : KEY_DEFAULTS[k];
    if (v !== undefined) kv[k] = v;
  }
  return `k:${JSON.stringify(kv)}`;
}

/** Records `value` (found at `node`) whose field carries `meta`, in field `owner` (`Model.field`). */
function walk(value: unknown, schema: Schema, meta: PatchMeta, owner: string, node: Node): void {
  if (Array.isArray(value)) {
    const elem = schema?.kind === 'array' ? schema.items : undefined;
    const merge = meta.strategies.includes('merge');
    if (merge && meta.mergeKey && value.every(isMap)) {
      const keys = SSA_LIST_KEYS[owner] ?? [meta.mergeKey];
      for (const item of value as JsonMap[]) {
        const c = child(node, itemKey(item, keys));
        walk(item, elem, { strategies: [], mergeKey: '' }, '', c);
        c.self = true;
      }
    } else if (merge && !meta.mergeKey && value.every((v) => !isMap(v) && !Array.isArray(v))) {
      for (const item of value) child(node, `v:${JSON.stringify(item)}`).self = true;
    } else {
      node.self = true;
    }
    return;
  }
  if (!isMap(value) || (schema?.kind === 'object' && ATOMIC_STRUCTS.has(schema.name))) {
    node.self = true;
    return;
  }
  const model = schema?.kind === 'object' ? schema.name : undefined;
  for (const [k, v] of Object.entries(value)) {
    const { sub, meta: fieldMeta } = lookupStruct(schema, k);
    const c = child(node, `f:${k}`);
    walk(v, sub, fieldMeta, model ? `${model}.${k}` : '', c);
    const declared = model !== undefined && sub !== undefined;
    if (v === null || (isMap(v) && Object.keys(v).length === 0) || !declared) c.self = true;
  }
}

function serialize(n: Node): JsonMap {
  const out: JsonMap = {};
  const order = (pe: string): number => (pe.startsWith('f:') ? 0 : pe.startsWith('k:') ? 1 : pe.startsWith('v:') ? 2 : 3);
  const keys = [...n.kids.keys()].sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const pe of keys) {
    const c = n.kids.get(pe)!;
    if (!c.self && c.kids.size === 0) continue;
    out[pe] = serialize(c);
  }
  if (n.self && Object.keys(out).length > 0) out['.'] = {};
  return out;
}

/**
 * The `fieldsV1` set owned by a manager that applied `applied` (an object of model `typeName`),
 * without the type and identity fields upstream never records.
 */
export function appliedFieldSet(applied: JsonMap, typeName: string): JsonMap {
  const root = newNode();
  walk(applied, { kind: 'object', name: typeName }, { strategies: [], mergeKey: '' }, '', root);
  root.kids.delete('f:apiVersion');
  root.kids.delete('f:kind');
  const meta = root.kids.get('f:metadata');
  if (meta) {
    meta.self = false;
    for (const f of STRIPPED_META) meta.kids.delete(`f:${f}`);
    if (meta.kids.size === 0) root.kids.delete('f:metadata');
  }
  return serialize(root);
}
