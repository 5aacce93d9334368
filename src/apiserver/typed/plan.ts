/**
 * The typed view of an API object that upstream's decoders work from: for each client-node model, the
 * Go struct it stands for and, per JSON field, the Go type the value decodes into (`int32`,
 * `v1.Protocol`, `[]v1.Container`, `resource.Quantity`...) and how server-side apply treats lists.
 * Built once per model from dist/schema.json, the upstream field facts and the generated Go type
 * names (go-types.ts), then shared by every request: pruning, type checking and the error messages
 * all walk these nodes instead of re-reading the schema.
 */
import { fieldsOf, parseType, typeSchema, type TypeRef } from '../../api/schema.js';
import { type FieldFacts, parseFacts, upstreamFieldFacts } from '../openapi/facts.js';
import { FIELD_FACTS, PACKAGES } from '../openapi/upstream-facts.js';
import { GO_STRUCT_NAMES, GO_TYPES } from './go-types.js';

/** Go values a JSON scalar decodes into. */
export type ScalarKind = 'string' | 'bool' | 'int32' | 'int64' | 'float' | 'bytes';
/** Types with their own JSON decoding (UnmarshalJSON) or none at all (`raw`: RawExtension, FieldsV1, interface{}). */
export type OpaqueKind = 'intstr' | 'quantity' | 'time' | 'microtime' | 'duration' | 'raw';

export interface LeafNode {
  k: ScalarKind | OpaqueKind;
  /** The Go type as `reflect.Type.String()` prints it: `string`, `v1.Protocol`, `resource.Quantity`. */
  goType: string;
}

export interface SliceNode {
  k: 'slice';
  goType: string;
  elem: Node;
  /** Server-side apply's list semantics (x-kubernetes-list-type, or the patch strategy). */
  list: 'atomic' | 'set' | 'map';
  /** The keys of a `map` list. */
  keys: readonly string[];
}

export interface MapNode {
  k: 'map';
  goType: string;
  elem: Node;
}

export interface FieldPlan {
  /** The JSON name. */
  name: string;
  node: Node;
  /** The OpenAPI default, when upstream declares one (server-side apply keys use it). */
  default?: unknown;
}

/** A Go struct (a client-node model); its fields are resolved on first use (models nest recursively). */
export class StructNode {
  readonly k = 'struct';
  readonly goType: string;
  readonly goName: string;
  private resolved?: Map<string, FieldPlan>;

  constructor(readonly model: string) {
    this.goName = goStructName(model);
    this.goType = `${goPackage(model)}.${this.goName}`;
  }

  get fields(): ReadonlyMap<string, FieldPlan> {
    return (this.resolved ??= buildFields(this.model));
  }
}

export type Node = StructNode | SliceNode | MapNode | LeafNode;

/** Go type names of the opaque definitions (`r=` in the field facts). */
const OPAQUE_GO: Record<string, string> = {
  Quantity: 'resource.Quantity',
  MicroTime: 'v1.MicroTime',
  RawExtension: 'runtime.RawExtension',
  FieldsV1: 'v1.FieldsV1',
  JSON: 'v1.JSON',
};

/** Leaves recognised by their Go type, whatever client-node calls them. */
const SPECIAL_GO: Record<string, OpaqueKind> = {
  'resource.Quantity': 'quantity',
  'intstr.IntOrString': 'intstr',
  'v1.Time': 'time',
  'v1.MicroTime': 'microtime',
  'v1.Duration': 'duration',
  'runtime.RawExtension': 'raw',
  'v1.FieldsV1': 'raw',
  'v1.JSON': 'raw',
  'interface {}': 'raw',
};

let packageOf: Map<string, string> | undefined;

/** The Go package name of a model's type (`v1`, `v1beta1`...), from the upstream definition prefix. */
export function goPackage(model: string): string {
  if (!packageOf) {
    packageOf = new Map();
    for (const [prefix, models] of Object.entries(PACKAGES)) {
      const pkg = prefix.slice(prefix.lastIndexOf('.') + 1);
      for (const m of models.split(' ')) if (m) packageOf.set(m, pkg);
    }
  }
  return packageOf.get(model) ?? 'v1';
}

/** The Go struct name of a model: client-node prefixes group and version (`CoreV1Event` → `Event`). */
export function goStructName(model: string): string {
  return GO_STRUCT_NAMES[model] ?? model.replace(/^(?:[A-Z][a-z0-9]*)?V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
}

/**
 * The Go type of a value of client-node type `t` as far as client-node and the opaque facts tell:
 * named scalar types (`v1.Protocol`) and named maps (`v1.ResourceList`) need the generated table.
 */
export function derivedGoType(t: TypeRef, opaque?: string): string {
  switch (t.kind) {
    case 'array':
      return `[]${derivedGoType(t.items, opaque)}`;
    case 'map':
      return `map[string]${derivedGoType(t.values, opaque)}`;
    case 'object':
      return structNode(t.name)?.goType ?? (opaque && OPAQUE_GO[opaque]) ?? 'interface {}';
    case 'primitive':
      if (opaque) return OPAQUE_GO[opaque] ?? 'interface {}';
      switch (t.name) {
        case 'string':
          return t.format === 'byte' ? '[]uint8' : 'string';
        case 'number':
          return t.format === 'int32' ? 'int32' : t.format === 'int64' ? 'int64' : 'float64';
        case 'boolean':
          return 'bool';
        case 'IntOrString':
          return 'intstr.IntOrString';
        case 'Date':
          return t.format === 'date-time-micro' ? 'v1.MicroTime' : 'v1.Time';
        case 'any':
          return 'interface {}';
      }
  }
}

/** The element type of a Go slice or map type string (`[]v1.Container` → `v1.Container`), if it spells one. */
function elemGoType(goType: string, kind: 'array' | 'map'): string | undefined {
  if (kind === 'array') return goType.startsWith('[]') ? goType.slice(2) : undefined;
  if (!goType.startsWith('map[')) return undefined;
  let depth = 0;
  for (let i = 3; i < goType.length; i++) {
    if (goType[i] === '[') depth++;
    else if (goType[i] === ']' && --depth === 0) return goType.slice(i + 1);
  }
  return undefined;
}

/** Go builtin types that decide a leaf's decoding whatever the client-node type says. */
const BUILTIN_GO: Record<string, ScalarKind> = {
  string: 'string',
  bool: 'bool',
  int32: 'int32',
  int64: 'int64',
  float64: 'float',
  '[]uint8': 'bytes',
};

function leaf(t: TypeRef, goType: string): LeafNode {
  const known = SPECIAL_GO[goType] ?? BUILTIN_GO[goType];
  if (known) return { k: known, goType };
  if (t.kind !== 'primitive') return { k: 'raw', goType };
  switch (t.name) {
    case 'string':
      return { k: t.format === 'byte' ? 'bytes' : 'string', goType };
    case 'number':
      return { k: t.format === 'int32' ? 'int32' : t.format === 'int64' ? 'int64' : 'float', goType };
    case 'boolean':
      return { k: 'bool', goType };
    case 'IntOrString':
      return { k: 'intstr', goType };
    case 'Date':
      return { k: t.format === 'date-time-micro' ? 'microtime' : 'time', goType };
    case 'any':
      return { k: 'raw', goType };
  }
}

const structs = new Map<string, StructNode>();

/** The (shared) node of a model, or undefined when the schema does not know it. */
export function structNode(model: string): StructNode | undefined {
  let n = structs.get(model);
  if (!n && typeSchema(model)) structs.set(model, (n = new StructNode(model)));
  return n;
}

interface ListFacts {
  list: SliceNode['list'];
  keys: readonly string[];
}

const ATOMIC: ListFacts = { list: 'atomic', keys: [] };

function buildNode(t: TypeRef, goType: string, opaque: string | undefined, list: ListFacts): Node {
  switch (t.kind) {
    case 'array': {
      const elem = buildNode(t.items, elemGoType(goType, 'array') ?? derivedGoType(t.items, opaque), opaque, ATOMIC);
      return { k: 'slice', goType, elem, list: list.list, keys: list.keys };
    }
    case 'map':
      return { k: 'map', goType, elem: buildNode(t.values, elemGoType(goType, 'map') ?? derivedGoType(t.values, opaque), opaque, ATOMIC) };
    case 'object':
      return structNode(t.name) ?? leaf(t, goType);
    case 'primitive':
      return leaf(t, goType);
  }
}

function listFacts(f: FieldFacts): ListFacts {
  if (f.listType === 'map') return { list: 'map', keys: f.listMapKeys };
  if (f.listType === 'set') return { list: 'set', keys: [] };
  if (f.listType === 'atomic') return ATOMIC;
  if (f.patchStrategies.includes('merge')) return f.patchMergeKey ? { list: 'map', keys: [f.patchMergeKey] } : { list: 'set', keys: [] };
  return ATOMIC;
}

function buildFields(model: string): Map<string, FieldPlan> {
  const out = new Map<string, FieldPlan>();
  const overrides = GO_TYPES[model];
  for (const f of fieldsOf(model)?.values() ?? []) {
    const t = parseType(f.type, f.format);
    const facts = upstreamFieldFacts(model, f.name);
    const goType = overrides?.[f.name] ?? derivedGoType(t, facts.opaque);
    const plan: FieldPlan = { name: f.name, node: buildNode(t, goType, facts.opaque, t.kind === 'array' ? listFacts(facts) : ATOMIC) };
    const df = defaultOf(model, f.name);
    if (df !== undefined) plan.default = df;
    out.set(f.name, plan);
  }
  return out;
}

/** The explicit OpenAPI default of a field (`df=` fact), parsed. */
function defaultOf(model: string, field: string): unknown {
  const df = parseFacts(FIELD_FACTS[model]?.[field]).df;
  if (df === undefined) return undefined;
  try {
    return JSON.parse(df);
  } catch {
    return undefined;
  }
}
