/**
 * Strict field validation (`fieldValidation=Strict|Warn`): unknown and duplicate fields of a request
 * body as upstream's strict decoder reports them, and the error messages built from them
 * (`Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"`).
 */
import { type Node, structNode } from '../typed/plan.js';
import { scanStrict } from './strict-scan.js';

const MAX_ERRORS = 100;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Walks a value along the (compiled, shared) type plan, collecting the paths of unknown fields. */
function walk(value: unknown, node: Node, path: string, out: string[]): void {
  if (out.length >= MAX_ERRORS) return;
  switch (node.k) {
    case 'struct':
      if (!isPlainObject(value)) return;
      for (const [key, v] of Object.entries(value)) {
        if (out.length >= MAX_ERRORS) return;
        const f = node.fields.get(key);
        if (!f) out.push(join(path, key));
        else walk(v, f.node, join(path, key), out);
      }
      return;
    case 'slice':
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, node.elem, `${path}[${i}]`, out));
      return;
    case 'map':
      if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) walk(v, node.elem, join(path, k), out);
      return;
    default:
      return;
  }
}

/**
 * Paths of the fields of a decoded object that its type (a client-node model such as `V1Pod`) does not
 * have: `spec.containers[0].imagePullPolicyy`, `metadata.foo`. Map values (labels, data...) are
 * free-form, and so are IntOrString, Quantity and RawExtension values. An unknown type yields none.
 */
export function findUnknownFields(obj: unknown, typeName: string): string[] {
  const out: string[] = [];
  const node = structNode(typeName);
  if (node) walk(obj, node, '', out);
  return out;
}

/**
 * Paths of the duplicate keys of a JSON text (`spec.replicas`, `metadata.labels.app`), as upstream's
 * strict decoding of an untyped body (a merge or strategic-merge patch) reports them, in order.
 */
export function findDuplicateFields(rawJson: string): string[] {
  return scanStrict(rawJson).filter((p) => p.type === 'duplicate field').map((p) => p.path);
}

/**
 * The strict decoding errors of a JSON body decoded into a typed object (a create or update body), in
 * upstream's order and wording: `unknown field "spec.foo"`, `duplicate field "spec.replicas"`.
 * Without a known type the body is treated as untyped (duplicates only, as for custom resources).
 */
export function strictDecodingErrors(rawJson: string, typeName?: string): string[] {
  return scanStrict(rawJson, typeName).map((p) => `${p.type} ${goQuote(p.path)}`);
}

/** `unknown field "<path>"`, as upstream words one unknown field. */
export function unknownFieldError(path: string): string {
  return `unknown field ${goQuote(path)}`;
}

/** `duplicate field "<path>"`, as upstream words one duplicate field. */
export function duplicateFieldError(path: string): string {
  return `duplicate field ${goQuote(path)}`;
}

/** `strict decoding error: <e1>, <e2>` (runtime.NewStrictDecodingError), used as is for patches. */
export function strictDecodingError(errors: string[]): string {
  return `strict decoding error: ${errors.join(', ')}`;
}

/**
 * The message of the 400 BadRequest a create or update gets under fieldValidation=Strict:
 * `<Kind> in version "<v>" cannot be handled as a <Kind>: strict decoding error: unknown field "spec.foo", ...`.
 * `kind`/`version` are those of the body; `targetKind` the kind decoded into (defaults to `kind`).
 */
export function strictDecodingMessage(kind: string, version: string, errors: string[], targetKind: string = kind): string {
  return `${kind} in version ${goQuote(version)} cannot be handled as a ${targetKind}: ${strictDecodingError(errors)}`;
}

/** A string quoted as Go's strconv.Quote does for printable text (control characters escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
