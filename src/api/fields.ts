/**
 * Field selectors as upstream defines them (k8s.io/apimachinery/pkg/fields): `?fieldSelector=`
 * terms `f=v`, `f==v`, `f!=v` joined with `,`, values escaped with `\`.
 */

/** `=` and `==` both become `=`, as in upstream's requirements. */
export type FieldOperator = '=' | '!=';

/** One term of a field selector. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

/** Rewrites one term (upstream's TransformFunc); returning an empty field and value drops it. */
export type FieldTransform = (field: string, value: string) => [field: string, value: string];

/** A parsed field selector: the AND of its requirements (none: matches everything). */
export class FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  /** True when the selector does not restrict anything. */
  get empty(): boolean {
    return this.requirements.length === 0;
  }

  /** Whether every term holds; a field missing from `fields` compares as the empty string. */
  matches(fields: Record<string, string>): boolean {
    return this.requirements.every((r) => {
      const actual = Object.prototype.hasOwnProperty.call(fields, r.field) ? fields[r.field] : '';
      return r.operator === '=' ? actual === r.value : actual !== r.value;
    });
  }

  /** The value the selector pins `field` to with `=` / `==`, if it does (RequiresExactMatch). */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  /**
   * A copy with every term passed through `fn` (e.g. events.k8s.io field names mapped to core
   * ones); terms mapped to an empty field and value are dropped. `fn` may throw to reject a field.
   */
  transform(fn: FieldTransform): FieldSelector {
    const out: FieldRequirement[] = [];
    for (const r of this.requirements) {
      const [field, value] = fn(r.field, r.value);
      if (field === '' && value === '') continue;
      out.push({ field, operator: r.operator, value });
    }
    return new FieldSelector(out);
  }

  /** Canonical text: `f=v` / `f!=v` terms with escaped values, joined with `,`. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',');
  }
}

/** EscapeValue: prefixes `\`, `,` and `=` with a backslash so a literal can be used as a value. */
export function escapeValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** UnescapeValue: undoes {@link escapeValue}; throws upstream's errors for bad escapes or bare `,` / `=`. */
export function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Upstream prints the rune with %v, i.e. as its code point number.
      throw new Error(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits on commas that are not escaped; the escapes stay in the terms. */
function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const TERM_OPERATORS = ['!=', '==', '='] as const;

/** Splits a term at the first operator; the left side has no escaping. */
function splitTerm(term: string): [string, (typeof TERM_OPERATORS)[number], string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/**
 * fields.ParseSelector: parses `a=b,c!=d,e==f` (terms sorted, empty terms skipped). Throws an Error
 * with upstream's message (`invalid selector: '<s>'; can't understand '<term>'`, or an escaping
 * error) which the API server returns as a 400.
 */
export function parseFieldSelector(s: string): FieldSelector {
  const parts = splitTerms(s).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new Error(`invalid selector: '${s}'; can't understand '${part}'`);
    const [field, op, rhs] = split;
    reqs.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeValue(rhs) });
  }
  return new FieldSelector(reqs).transform((f, v) => [f, v]);
}

/** fields.SelectorFromSet: one `=` term per entry (sorted by field for a stable text). */
export function fieldSelectorFromSet(set: Record<string, string>): FieldSelector {
  return new FieldSelector(
    Object.keys(set)
      .sort()
      .map((field) => ({ field, operator: '=' as const, value: set[field] })),
  );
}

/** The value `sel` pins `field` to with `=` or `==`, or undefined (e.g. `metadata.name` for a get-by-list). */
export function exactMatch(sel: FieldSelector | undefined, field: string): string | undefined {
  return sel?.requiresExactMatch(field);
}
