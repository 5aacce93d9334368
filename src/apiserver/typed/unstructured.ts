/**
 * Type errors of a strategic-merge-patched object, as upstream reports them: the patched map goes
 * straight into the typed object through `runtime.DefaultUnstructuredConverter.FromUnstructured`
 * (no JSON round trip), whose errors are reflect-flavoured: `cannot convert int64 to string`,
 * `unrecognized type: int32`, `cannot restore slice from map`. Types with their own UnmarshalJSON
 * (Quantity, IntOrString, Time...) get the value re-encoded as JSON, so their errors are those of
 * encoding/json with no field context. The first error ends the conversion. Struct fields are visited
 * in the object's key order (upstream: Go declaration order), which only matters with several errors.
 */
import { isMap, jsonKind } from '../patch/errors.js';
import { textParseError } from './decode.js';
import { base64DecodeError } from './gostd.js';
import { type LeafNode, type Node, structNode } from './plan.js';

class ConvertError {
  constructor(readonly message: string) {}
}

/** The reflect.Kind name of a JSON-decoded value (`unstructured` holds int64 for integers). */
function srcKind(v: unknown): string {
  if (Array.isArray(v)) return 'slice';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'map';
  }
}

/** The reflect.Kind of a scalar Go destination. */
function destKind(node: LeafNode): string {
  switch (node.k) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'int32':
      return 'int32';
    case 'int64':
      return 'int64';
    default:
      return 'float64';
  }
}

function fail(message: string): never {
  throw new ConvertError(message);
}

/** The simple-type branch of `fromUnstructured`: JSON's four scalar groups do not convert into each other. */
function scalar(v: unknown, node: LeafNode, goType = node.goType, dk = destKind(node)): void {
  const sk = srcKind(v);
  const numeric = dk === 'int32' || dk === 'int64' || dk === 'float64' || dk === 'uint8';
  if (sk === 'string') {
    if (dk !== 'string') fail(`unrecognized type: ${dk}`);
  } else if (sk === 'bool') {
    if (dk !== 'bool') fail(`unrecognized type: ${dk}`);
  } else if (sk === 'int64') {
    // Integers convert to any number, and reflect calls int → string a conversion too (refused here).
    if (dk === 'string') fail(`cannot convert int64 to ${goType}`);
    if (!numeric) fail(`unrecognized type: ${dk}`);
  } else if (sk === 'float64') {
    if (dk === 'float64') return;
    if (dk === 'int32' || dk === 'int64' || dk === 'uint8') {
      if (!Number.isInteger(v)) fail(`cannot convert float64 to ${goType}`);
      return;
    }
    fail(`unrecognized type: ${dk}`);
  } else fail(`unrecognized type: ${dk}`);
}

/** A type with UnmarshalJSON, fed `json.Marshal` of the value: encoding/json errors have no field context. */
function viaJson(v: unknown, node: LeafNode): void {
  const what = jsonKind(v);
  switch (node.k) {
    case 'intstr':
      if (typeof v === 'string') return;
      if (typeof v !== 'number') fail(`json: cannot unmarshal ${what} into Go value of type int32`);
      if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) fail(`json: cannot unmarshal number ${JSON.stringify(v)} into Go value of type int32`);
      return;
    case 'quantity': {
      const err = textParseError('quantity', typeof v === 'string' ? v : JSON.stringify(v));
      if (err) fail(err);
      return;
    }
    case 'time':
    case 'microtime':
    case 'duration': {
      if (typeof v !== 'string') fail(`json: cannot unmarshal ${what} into Go value of type string`);
      const err = textParseError(node.k, v);
      if (err) fail(err);
      return;
    }
    default:
      return;
  }
}

function convert(v: unknown, node: Node): void {
  if (v === null || v === undefined) return;
  switch (node.k) {
    case 'struct': {
      if (!isMap(v)) fail(`cannot restore struct from: ${srcKind(v)}`);
      const fields = node.fields;
      for (const key in v as Record<string, unknown>) {
        const f = fields.get(key);
        if (f) convert((v as Record<string, unknown>)[key], f.node);
      }
      return;
    }
    case 'slice':
      if (!Array.isArray(v)) fail(`cannot restore slice from ${srcKind(v)}`);
      for (const item of v as unknown[]) convert(item, node.elem);
      return;
    case 'map':
      if (!isMap(v)) fail(`cannot restore map from ${srcKind(v)}`);
      for (const key in v as Record<string, unknown>) convert((v as Record<string, unknown>)[key], node.elem);
      return;
    case 'bytes':
      if (typeof v === 'string') {
        const err = v ? base64DecodeError(v) : undefined;
        if (err) fail(`error decoding from json: ${err}`);
        return;
      }
      if (!Array.isArray(v)) fail(`cannot restore slice from ${srcKind(v)}`);
      for (const b of v as unknown[]) if (b !== null) scalar(b, node, 'uint8', 'uint8');
      return;
    case 'string':
    case 'bool':
    case 'int32':
    case 'int64':
    case 'float':
      return scalar(v, node);
    default:
      return viaJson(v, node);
  }
}

/** The error converting the (strategic-merge-patched) unstructured `obj` into model `model` fails with, or undefined. */
export function fromUnstructuredError(obj: unknown, model: string): string | undefined {
  const node = structNode(model);
  if (!node) return undefined;
  try {
    convert(obj, node);
  } catch (err) {
    if (err instanceof ConvertError) return err.message;
    throw err;
  }
  return undefined;
}
