/**
 * The compact message-table notation used by `tables/*.ts`, and its parser.
 *
 * A table maps a namespace (`core.v1`, `meta.v1`, `intstr`...) to messages; each message is one string of
 * space-separated field tokens `name=number[:type][@jsonName][marks]`:
 * - `type` is a scalar (`s` string — the default when omitted —, `i32`, `i64`, `bool`, `bytes`, `f64`) or a
 *   message name, bare for the same namespace or qualified (`meta.v1.ObjectMeta`); `[]T` is a repeated field
 *   and `{T}` a `map<string, T>`.
 * - `@jsonName` is given only where the JSON name differs from the protobuf name.
 * - mark `!` keeps a present zero scalar in the JSON (a Go pointer or a field without `omitempty`); without
 *   it a zero scalar is dropped, as Go's `omitempty` does. Mark `^` inlines a message's fields into its parent
 *   (a Go embedded struct, e.g. `Volume.volumeSource`).
 */

/** Message tables keyed by namespace, then by message name; see the grammar above. */
export type SchemaPart = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The protobuf scalar types the tables use. */
export type ScalarType = 'string' | 'int32' | 'int64' | 'bool' | 'bytes' | 'double';

/** One field of a message, resolved: its wire number and type, and how it maps to JSON. */
export interface FieldSpec {
  name: string;
  json: string;
  id: number;
  /** A scalar type, or the fully qualified message name (`meta.v1.ObjectMeta`). */
  type: string;
  scalar: boolean;
  repeated: boolean;
  map: boolean;
  keepZero: boolean;
  inline: boolean;
}

/** A message: its fully qualified name and its fields. */
export interface MessageSpec {
  name: string;
  fields: FieldSpec[];
}

const SCALARS: Readonly<Record<string, ScalarType>> = {
  s: 'string',
  i32: 'int32',
  i64: 'int64',
  bool: 'bool',
  bytes: 'bytes',
  f64: 'double',
};

const TOKEN = /^(\w+)=(\d+)(?::(\[\]|\{)?([\w.]+)\}?)?(?:@(\w+))?([!^]*)$/;

function parseField(ns: string, message: string, token: string): FieldSpec {
  const m = TOKEN.exec(token);
  if (!m) throw new Error(`protobuf schema: bad field token ${JSON.stringify(token)} in ${ns}.${message}`);
  const [, name, id, shape, typeName = 's', json, marks] = m;
  const scalar = SCALARS[typeName];
  return {
    name: name!,
    json: json ?? name!,
    id: Number(id),
    type: scalar ?? (typeName.includes('.') ? typeName : `${ns}.${typeName}`),
    scalar: scalar !== undefined,
    repeated: shape === '[]',
    map: shape === '{',
    keepZero: marks!.includes('!'),
    inline: marks!.includes('^'),
  };
}

/** Parses message tables into specs keyed by fully qualified name; throws on a malformed token or a dangling type. */
export function parseSchema(parts: readonly SchemaPart[]): Map<string, MessageSpec> {
  const specs = new Map<string, MessageSpec>();
  for (const part of parts) {
    for (const [ns, messages] of Object.entries(part)) {
      for (const [message, line] of Object.entries(messages)) {
        const name = `${ns}.${message}`;
        const fields = line.split(/\s+/).filter(Boolean).map((t) => parseField(ns, message, t));
        const existing = specs.get(name);
        if (existing && JSON.stringify(existing.fields) !== JSON.stringify(fields)) {
          throw new Error(`protobuf schema: ${name} is defined twice with different fields`);
        }
        specs.set(name, { name, fields });
      }
    }
  }
  for (const spec of specs.values()) {
    for (const f of spec.fields) {
      if (!f.scalar && !specs.has(f.type)) {
        throw new Error(`protobuf schema: ${spec.name}.${f.name} refers to unknown message ${f.type}`);
      }
    }
  }
  return specs;
}

/** A protobufjs JSON descriptor (`Root.fromJSON` input) node. */
export interface DescriptorNode {
  nested?: Record<string, DescriptorNode>;
  edition?: 'proto2';
  fields?: Record<string, { type: string; id: number; rule?: 'repeated'; keyType?: string }>;
}

/** Builds the protobufjs JSON descriptor for the given specs: nested namespaces, absolute type references. */
export function toDescriptor(specs: Iterable<MessageSpec>): DescriptorNode {
  const root: DescriptorNode = { nested: {} };
  for (const spec of specs) {
    const path = spec.name.split('.');
    let node = root;
    for (const segment of path.slice(0, -1)) {
      node.nested ??= {};
      node = node.nested[segment] ??= { nested: {} };
    }
    const fields: NonNullable<DescriptorNode['fields']> = {};
    for (const f of spec.fields) {
      const type = f.scalar ? f.type : `.${f.type}`;
      fields[f.name] = f.map
        ? { type, id: f.id, keyType: 'string' }
        : f.repeated
          ? { type, id: f.id, rule: 'repeated' }
          : { type, id: f.id };
    }
    node.nested ??= {};
    // protobufjs treats JSON-described types as proto3 unless told; k8s messages are proto2 (explicit presence).
    node.nested[path[path.length - 1]!] = { edition: 'proto2', fields };
  }
  return root;
}
