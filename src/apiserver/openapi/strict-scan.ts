/**
 * A streaming scan of a JSON text against the type graph that reports what upstream's strict decoder
 * (sigs.k8s.io/json with DisallowUnknownFields and DisallowDuplicateFields) reports, in the same order:
 * unknown fields of typed objects, and duplicate fields of typed objects, maps and untyped values. No
 * parse tree is built; values the decoder would not look into (RawExtension, IntOrString, scalars,
 * the value of an unknown field) are skipped.
 */
import { fieldsOf, parseType, typeSchema, type TypeRef } from '../../api/schema.js';

/** One strict decoding problem, with its path as upstream spells it (`spec.containers[0].name`). */
export interface StrictProblem {
  type: 'unknown field' | 'duplicate field';
  path: string;
}

/** What a JSON value is decoded into. */
type Ctx =
  | { k: 'model'; name: string }
  | { k: 'array'; items: Ctx }
  | { k: 'map'; values: Ctx }
  | { k: 'untyped' }
  | { k: 'skip' };

const MAX_PROBLEMS = 100;
const MAX_DEPTH = 10000;
const SKIP: Ctx = { k: 'skip' };
const UNTYPED: Ctx = { k: 'untyped' };

class Malformed extends Error {}

/** The decoding context of a client-node type. */
function ctxOf(t: TypeRef): Ctx {
  switch (t.kind) {
    case 'primitive':
      return SKIP;
    case 'object':
      return typeSchema(t.name) ? { k: 'model', name: t.name } : SKIP;
    case 'array':
      return { k: 'array', items: ctxOf(t.items) };
    case 'map':
      return { k: 'map', values: ctxOf(t.values) };
  }
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

class Scanner {
  private pos = 0;
  readonly problems: StrictProblem[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly s: string) {}

  run(root: Ctx): void {
    this.value(root, '', 0);
  }

  private report(type: StrictProblem['type'], path: string): void {
    const key = `${type}\u0000${path}`;
    if (this.problems.length >= MAX_PROBLEMS || this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push({ type, path });
  }

  private ws(): void {
    const s = this.s;
    let p = this.pos;
    while (p < s.length) {
      const c = s.charCodeAt(p);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      p++;
    }
    this.pos = p;
  }

  private expect(ch: string): void {
    this.ws();
    if (this.s[this.pos] !== ch) throw new Malformed(`expected ${ch} at ${this.pos}`);
    this.pos++;
  }

  /** Reads a string token at the cursor and returns its decoded value. */
  private string(): string {
    const s = this.s;
    const start = this.pos;
    let p = start + 1;
    let escaped = false;
    while (p < s.length) {
      const c = s.charCodeAt(p);
      if (c === 0x22) break;
      if (c === 0x5c) {
        escaped = true;
        p++;
      }
      p++;
    }
    if (p >= s.length) throw new Malformed('unterminated string');
    this.pos = p + 1;
    if (!escaped) return s.slice(start + 1, p);
    try {
      return JSON.parse(s.slice(start, p + 1)) as string;
    } catch {
      throw new Malformed('bad string escape');
    }
  }

  private value(ctx: Ctx, path: string, depth: number): void {
    if (depth > MAX_DEPTH) throw new Malformed('too deep');
    this.ws();
    const c = this.s[this.pos];
    if (c === '{') {
      if (ctx.k === 'model' || ctx.k === 'map' || ctx.k === 'untyped') this.object(ctx, path, depth);
      else this.object(SKIP, path, depth);
    } else if (c === '[') {
      if (ctx.k === 'array') this.array(ctx.items, path, depth);
      else this.array(ctx.k === 'untyped' ? UNTYPED : SKIP, path, depth);
    } else if (c === '"') {
      this.string();
    } else if (c === undefined) {
      throw new Malformed('unexpected end');
    } else {
      const s = this.s;
      let p = this.pos;
      while (p < s.length && !',]} \t\n\r'.includes(s[p]!)) p++;
      if (p === this.pos) throw new Malformed(`unexpected ${c}`);
      this.pos = p;
    }
  }

  private object(ctx: Ctx, path: string, depth: number): void {
    this.pos++; // {
    this.ws();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return;
    }
    const keys = new Set<string>();
    const fields = ctx.k === 'model' ? fieldsOf(ctx.name) : undefined;
    for (;;) {
      this.ws();
      if (this.s[this.pos] !== '"') throw new Malformed('expected key');
      const key = this.string();
      this.expect(':');
      const at = join(path, key);
      if (ctx.k === 'skip') {
        this.value(SKIP, at, depth + 1);
      } else if (fields) {
        const f = fields.get(key);
        if (!f) {
          this.report('unknown field', at);
          this.value(SKIP, at, depth + 1);
        } else {
          if (keys.has(key)) this.report('duplicate field', at);
          keys.add(key);
          this.value(ctxOf(parseType(f.type, f.format)), at, depth + 1);
        }
      } else {
        if (keys.has(key)) this.report('duplicate field', at);
        keys.add(key);
        this.value(ctx.k === 'map' ? ctx.values : ctx.k === 'untyped' ? UNTYPED : SKIP, at, depth + 1);
      }
      this.ws();
      const c = this.s[this.pos++];
      if (c === '}') return;
      if (c !== ',') throw new Malformed('expected , or }');
    }
  }

  private array(items: Ctx, path: string, depth: number): void {
    this.pos++; // [
    this.ws();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (let i = 0; ; i++) {
      this.value(items, `${path}[${i}]`, depth + 1);
      this.ws();
      const c = this.s[this.pos++];
      if (c === ']') return;
      if (c !== ',') throw new Malformed('expected , or ]');
    }
  }
}

/**
 * Scans a JSON text decoded into `typeName` (a client-node model; untyped when absent or unknown) and
 * returns the strict decoding problems in document order, deduplicated and capped at 100 like
 * upstream. A syntax error ends the scan; what was found before it is returned.
 */
export function scanStrict(rawJson: string, typeName?: string): StrictProblem[] {
  const scanner = new Scanner(rawJson);
  try {
    scanner.run(typeName && typeSchema(typeName) ? { k: 'model', name: typeName } : UNTYPED);
  } catch (err) {
    if (!(err instanceof Malformed)) throw err;
  }
  return scanner.problems;
}
