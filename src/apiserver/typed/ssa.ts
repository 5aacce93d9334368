/**
 * Type errors of a server-side apply body, as upstream reports them. The applied configuration
 * (decoded from YAML, so every number is a float64) is converted into a structured-merge-diff typed
 * value before anything is merged, and that conversion validates it against the schema: scalars by
 * their OpenAPI type (string, numeric, boolean; IntOrString, Quantity and times are "untyped" scalars),
 * objects as maps, lists as lists, and the keys of associative lists. Every problem is reported, with
 * structured-merge-diff's paths (`.spec.containers[name="app"].image`) and its Go-formatted values
 * (`&value.valueUnstructured{Value:1}`). Unknown fields are left to field validation and pruning.
 */
import { goFloat, isMap } from '../patch/errors.js';
import { goQuote } from '../openapi/unknown-fields.js';
import { type Node, type SliceNode, structNode } from './plan.js';

export interface ValidationError {
  path: string;
  message: string;
}

const isScalar = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** `%v` of a value decoded into interface{} from YAML. */
function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (isMap(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goV(v[k])}`).join(' ')}]`;
  return String(v);
}

/** `%#v` of a value decoded into interface{} from YAML. */
function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'string') return goQuote(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  if (isMap(v)) return `map[string]interface {}{${Object.keys(v).sort().map((k) => `${goQuote(k)}:${goSharpV(v[k])}`).join(', ')}}`;
  return String(v);
}

/** `%v` of a structured-merge-diff value (a pointer to a struct holding the unstructured value). */
const valueV = (v: unknown): string => `&{${goV(v)}}`;
/** `%#v` of a structured-merge-diff value. */
const valueSharpV = (v: unknown): string => `&value.valueUnstructured{Value:${goSharpV(v)}}`;

/** `%T` of an unstructured value. */
function goTypeOf(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  if (typeof v === 'number') return 'float64';
  return typeof v;
}

/** `value.ToString`: how list keys are printed in paths. */
function toString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'string') return goQuote(v);
  if (Array.isArray(v)) return `[${v.map(toString).join(',')}]`;
  if (isMap(v)) return Object.keys(v).map((k) => `${k}=${toString(v[k])}`).join('');
  return String(v);
}

class Validator {
  readonly errors: ValidationError[] = [];

  private error(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  visit(v: unknown, node: Node, path: string): void {
    if (v === undefined || v === null) return;
    switch (node.k) {
      case 'struct': {
        if (!isMap(v)) return this.error(path, `expected map, got ${valueV(v)}`);
        const fields = node.fields;
        for (const key in v) {
          const f = fields.get(key);
          if (f) this.visit(v[key], f.node, `${path}.${key}`);
        }
        return;
      }
      case 'map':
        if (!isMap(v)) return this.error(path, `expected map, got ${valueV(v)}`);
        for (const key in v) this.visit(v[key], node.elem, `${path}.${key}`);
        return;
      case 'slice':
        if (!Array.isArray(v)) return this.error(path, `expected list, got ${valueV(v)}`);
        return this.items(v, node, path);
      case 'string':
      case 'bytes':
        if (typeof v !== 'string') this.error(path, `expected string, got ${valueSharpV(v)}`);
        return;
      case 'int32':
      case 'int64':
      case 'float':
        if (typeof v !== 'number') this.error(path, `expected numeric (int or float), got ${goTypeOf(v)}`);
        return;
      case 'bool':
        if (typeof v !== 'boolean') this.error(path, `expected boolean, got ${valueV(v)}`);
        return;
      case 'raw':
        return;
      default:
        if (!isScalar(v)) this.error(path, `expected any scalar, got ${valueV(v)}`);
    }
  }

  /** visitListItems: index paths for atomic lists, key or value paths (and duplicate checks) for associative ones. */
  private items(list: unknown[], node: SliceNode, path: string): void {
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const child = list[i];
      let pe: string;
      if (node.list === 'atomic') pe = `[${i}]`;
      else {
        const r = node.list === 'map' ? this.keyElement(child, node) : setElement(child);
        if ('error' in r) return this.error(path, `element ${i}: ${r.error}`);
        pe = r.pe;
        if (seen.has(pe)) this.error(path, `duplicate entries for key ${pe}`);
        seen.add(pe);
      }
      this.visit(child, node.elem, `${path}${pe}`);
    }
  }

  private keyElement(child: unknown, node: SliceNode): { pe: string } | { error: string } {
    if (child === null || child === undefined) return { error: 'associative list with keys may not have a null element' };
    if (!isMap(child)) return { error: 'associative list with keys may not have non-map elements' };
    const fields = node.elem.k === 'struct' ? node.elem.fields : undefined;
    const parts: [string, unknown][] = [];
    for (const key of node.keys) {
      if (key in child) parts.push([key, child[key]]);
      else {
        const def = fields?.get(key)?.default;
        if (def !== undefined && def !== null) parts.push([key, def]);
      }
    }
    if (node.keys.length && !parts.length) {
      return { error: `associative list with keys has an element that omits all key fields [${node.keys.map(goQuote).join(' ')}] (and doesn't have default values for any key fields)` };
    }
    parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { pe: `[${parts.map(([k, v]) => `${k}=${toString(v)}`).join(',')}]` };
  }
}

function setElement(child: unknown): { pe: string } | { error: string } {
  if (isMap(child)) return { error: "associative list without keys has an element that's a map type" };
  if (Array.isArray(child)) return { error: 'not supported: associative list with lists as elements' };
  if (child === null || child === undefined) return { error: "associative list without keys has an element that's an explicit null" };
  return { pe: `[=${toString(child)}]` };
}

/** The structured-merge-diff validation errors of an apply body for model `model` (none for unknown models). */
export function applyValidationErrors(body: unknown, model: string): ValidationError[] {
  const node = structNode(model);
  if (!node) return [];
  const v = new Validator();
  v.visit(body, node, '');
  return v.errors;
}

/** `ValidationErrors.Error()`: one error as `<path>: <message>`, several as an indented list. */
export function formatValidationErrors(errs: readonly ValidationError[]): string {
  const one = (e: ValidationError): string => (e.path ? `${e.path}: ${e.message}` : e.message);
  if (errs.length === 1) return one(errs[0]!);
  return ['errors:', ...errs.map((e) => `  ${one(e)}`)].join('\n');
}
