/**
 * What upstream's typed decoding leaves of an object, applied to the object about to be stored: fields
 * its Go type does not have are dropped (at any depth; free-form values such as labels, ConfigMap
 * data, RawExtension and FieldsV1 are kept whole), and quantities take their canonical form (`0.5` →
 * `500m`, a JSON number → its string). The walk is compiled once per model into closures that only
 * descend where there is something to do (structs, and lists and maps of them or of quantities), so a
 * ConfigMap costs a look at its top-level and metadata keys.
 */
import { tryParseQuantity } from '../../api/quantity.js';
import { type Node, type StructNode, structNode } from './plan.js';

/** Normalizes a value in place; returns the value to store in its place (a new string for a quantity). */
type Fn = (v: unknown) => unknown;

const structFns = new Map<StructNode, Fn>();

function canonicalQuantity(v: unknown): unknown {
  if (typeof v !== 'string' && typeof v !== 'number') return v;
  const q = tryParseQuantity(typeof v === 'string' ? v.trim() : String(v));
  return q ? q.toString() : v;
}

function fnOf(node: Node): Fn | undefined {
  switch (node.k) {
    case 'struct':
      return structFn(node);
    case 'slice': {
      const elem = fnOf(node.elem);
      if (!elem) return undefined;
      return (v) => {
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) {
            const x = v[i];
            const y = elem(x);
            if (y !== x) v[i] = y;
          }
        }
        return v;
      };
    }
    case 'map': {
      const elem = fnOf(node.elem);
      if (!elem) return undefined;
      return (v) => {
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
          const m = v as Record<string, unknown>;
          for (const k in m) {
            const x = m[k];
            const y = elem(x);
            if (y !== x) m[k] = y;
          }
        }
        return v;
      };
    }
    case 'quantity':
      return canonicalQuantity;
    default:
      return undefined;
  }
}

function structFn(node: StructNode): Fn {
  let fn = structFns.get(node);
  if (fn) return fn;
  // Field closures are made on first use: models refer to each other (and to themselves).
  let table: Map<string, Fn | null> | undefined;
  fn = (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    if (!table) {
      table = new Map();
      for (const [name, f] of node.fields) table.set(name, fnOf(f.node) ?? null);
    }
    const o = v as Record<string, unknown>;
    for (const key in o) {
      const f = table.get(key);
      if (f === undefined) delete o[key];
      else if (f !== null) {
        const x = o[key];
        const y = f(x);
        if (y !== x) o[key] = y;
      }
    }
    return v;
  };
  structFns.set(node, fn);
  return fn;
}

const byModel = new Map<string, Fn | null>();

/**
 * Normalizes `obj` (an object of client-node model `model`) in place as upstream's decoding would:
 * unknown fields dropped, quantities canonical. Objects of unknown models are left alone.
 */
export function normalizeObject(obj: object, model: string): void {
  let fn = byModel.get(model);
  if (fn === undefined) {
    const node = structNode(model);
    fn = node ? structFn(node) : null;
    byModel.set(model, fn);
  }
  if (fn) fn(obj);
}
