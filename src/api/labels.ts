/**
 * Label selectors as upstream defines them (k8s.io/apimachinery/pkg/labels and
 * metav1.LabelSelectorAsSelector): the string syntax used by `?labelSelector=` and `kubectl -l`,
 * the structured `LabelSelector` of workloads, and plain map selectors (Services).
 */
import { formatValue } from './field.js';
import type { LabelSelector } from './types.js';

/** Upstream's selection.Operator values. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** One term of a selector: a key, an operator and (for all but exists / !) its values. */
export interface Requirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

const BINARY_OPERATORS: readonly LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const ALL_OPERATORS: readonly LabelOperator[] = [...BINARY_OPERATORS, 'exists', '!'];

/** Byte-order string comparison (Go's `<` on strings), used for every sort here. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const hasKey = (labels: Record<string, string>, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(labels, key);

// ---- validation (k8s.io/apimachinery/pkg/util/validation), with upstream's messages ----

const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME_RE = new RegExp(`^${QNAME_FMT}$`);
const QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/** IsQualifiedName: `[prefix/]name` as label and annotation keys use it; returns the problems found. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) {
      errs.push('prefix part must be non-empty');
    } else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN_RE.test(prefix)) errs.push(`prefix part ${regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com')}`);
    }
  } else {
    return [
      `a qualified name ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QNAME_RE.test(name)) errs.push(`name part ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** IsValidLabelValue: empty, or at most 63 alphanumerics with inner `-_.`; returns the problems found. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** A Go `[]string` as `%#v` prints it inside field errors. */
function goStrings(values: readonly string[] | undefined): string {
  if (values === undefined) return '[]string(nil)';
  return values.length === 0 ? '[]string{}' : formatValue([...values]);
}

const invalidMsg = (path: string, shown: string, detail: string): string => `${path}: Invalid value: ${shown}: ${detail}`;

function keyError(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? invalidMsg(path, formatValue(key), errs.join('; ')) : undefined;
}

const INT64 = /^[+-]?[0-9]+$/;
function parseInt64(s: string): bigint | undefined {
  if (!INT64.test(s)) return undefined;
  const v = BigInt(s);
  return v >= -(2n ** 63n) && v < 2n ** 63n ? v : undefined;
}

/** Joins error messages as upstream's aggregate error does (deduplicated; bracketed when several). */
function aggregate(errs: string[]): string | undefined {
  const unique = [...new Set(errs)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/**
 * labels.NewRequirement: validates key, operator and values and builds a requirement; throws an
 * Error with upstream's aggregated field-error message when something is wrong. `rawValues`
 * undefined stands for Go's nil slice (only visible in messages).
 */
export function newRequirement(key: string, operator: string, rawValues?: readonly string[]): Requirement {
  const values = rawValues ?? [];
  const errs: string[] = [];
  const ke = keyError(key, 'key');
  if (ke) errs.push(ke);
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalidMsg('values', goStrings(rawValues), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalidMsg('values', goStrings(rawValues), 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalidMsg('values', goStrings(rawValues), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalidMsg('values', goStrings(rawValues), "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalidMsg(`values[${i}]`, formatValue(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(`operator: Unsupported value: ${formatValue(operator)}: supported values: ${ALL_OPERATORS.map((o) => JSON.stringify(o)).join(', ')}`);
  }
  values.forEach((v, i) => {
    const ve = isValidLabelValue(v);
    if (ve.length) errs.push(invalidMsg(`values[${i}][${key}]`, formatValue(v), ve.join('; ')));
  });
  const msg = aggregate(errs);
  if (msg !== undefined) throw new Error(msg);
  return { key, operator: operator as LabelOperator, values: [...values] };
}

/** Whether one requirement holds for a label set (Requirement.Matches). */
export function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = hasKey(labels, r.key);
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(labels[r.key]);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(labels[r.key]);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const actual = parseInt64(labels[r.key]);
      const bound = parseInt64(r.values[0]);
      if (actual === undefined || bound === undefined) return false;
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

const OP_TEXT: Record<LabelOperator, string> = { '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<', exists: '', '!': '' };

/** The canonical text of one requirement (`a=b`, `a in (x,y)`, `!a`, `a>3`); values are shown sorted. */
export function requirementToString(r: Requirement): string {
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${r.key}`;
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort(compareStrings).join(',');
  const body = r.operator === 'in' || r.operator === 'notin' ? `(${vals})` : vals;
  return `${r.key}${OP_TEXT[r.operator]}${body}`;
}

/** A parsed label selector: an AND of requirements sorted by key, or the "matches nothing" selector. */
export class Selector {
  private constructor(
    readonly requirements: readonly Requirement[],
    /** False only for the selector that matches nothing (a nil LabelSelector). */
    readonly selectable: boolean,
  ) {}

  /** Builds a selector from requirements, sorting them (stably) by key as upstream does. */
  static of(requirements: readonly Requirement[]): Selector {
    return new Selector([...requirements].sort((a, b) => compareStrings(a.key, b.key)), true);
  }

  /** The selector that matches everything. */
  static everything(): Selector {
    return new Selector([], true);
  }

  /** The selector that matches nothing. */
  static nothing(): Selector {
    return new Selector([], false);
  }

  /** True when the selector does not restrict anything (matches every object). */
  get empty(): boolean {
    return this.selectable && this.requirements.length === 0;
  }

  /** Whether every requirement holds for `labels` (missing labels count as an empty set). */
  matches(labels: Record<string, string> | undefined | null): boolean {
    if (!this.selectable) return false;
    const ls = labels ?? {};
    return this.requirements.every((r) => requirementMatches(r, ls));
  }

  /** The value a selector pins `key` to with `=`, `==` or a one-value `in`, if it does. */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((x) => x.key === key);
    if (!r) return undefined;
    return (r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1 ? r.values[0] : undefined;
  }

  /** A new selector with more requirements (the nothing selector stays nothing). */
  add(...more: Requirement[]): Selector {
    return this.selectable ? Selector.of([...this.requirements, ...more]) : this;
  }

  /** Canonical text: requirements joined with `,` (empty for everything and nothing). */
  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }
}


// ---- the string syntax (labels.Parse) ----

type Tok = 'error' | 'eos' | 'id' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'in' | 'notin';
interface Item {
  tok: Tok;
  lit: string;
}
const KEYWORDS = new Map<string, Tok>(
  (['(', ')', ',', '!', '=', '==', '!=', '>', '<', 'in', 'notin'] as const).map((t) => [t, t]),
);
const isSpecial = (c: string): boolean => '=!(),><'.includes(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Splits selector text into tokens; operators are matched greedily (`!=` before `!`). */
function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isSpace(s[pos])) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    let buf = '';
    if (isSpecial(s[pos])) {
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buf += s[pos++];
        const t = KEYWORDS.get(buf);
        if (t) last = { tok: t, lit: buf };
        else if (last) {
          pos--;
          break;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
    } else {
      while (pos < s.length && !isSpecial(s[pos]) && !isSpace(s[pos])) buf += s[pos++];
      const t = KEYWORDS.get(buf);
      items.push({ tok: t === 'in' || t === 'notin' ? t : 'id', lit: buf });
    }
  }
}

/** Recursive-descent parser over the token list; `values` context reads in/notin as identifiers. */
class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  private look(values: boolean): Item {
    const it = this.items[Math.min(this.pos, this.items.length - 1)];
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }

  private next(values: boolean): Item {
    const it = this.look(values);
    this.pos++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      if (tok === 'eos') return reqs;
      if (tok !== 'id' && tok !== '!') throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (e) {
        throw new Error(`unable to parse requirement: ${(e as Error).message}`, { cause: e });
      }
      const after = this.next(true);
      if (after.tok === 'eos') return reqs;
      if (after.tok !== ',') throw new Error(`found '${after.lit}', expected: ',' or 'end of string'`);
      const t2 = this.look(true);
      if (t2.tok !== 'id' && t2.tok !== '!') throw new Error(`found '${t2.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let t = this.next(true);
    let op: LabelOperator | undefined;
    if (t.tok === '!') {
      op = '!';
      t = this.next(true);
    }
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const ke = keyError(t.lit, '<nil>');
    if (ke) throw new Error(ke);
    const la = this.look(true).tok;
    if ((la === 'eos' || la === ',') && op !== '!') op = 'exists';
    if (op === 'exists' || op === '!') return newRequirement(t.lit, op, []);
    const operator = this.operator();
    const values = operator === 'in' || operator === 'notin' ? this.setValues() : this.exactValue();
    return newRequirement(t.lit, operator, [...new Set(values)].sort(compareStrings));
  }

  private operator(): LabelOperator {
    const { tok, lit } = this.next(false);
    const ops: Partial<Record<Tok, LabelOperator>> = { in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' };
    const op = ops[tok];
    if (!op) throw new Error(`found '${lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    return op;
  }

  private setValues(): string[] {
    const open = this.next(true);
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.look(true);
    if (tok === ')') {
      this.next(true);
      return [''];
    }
    if (tok !== 'id' && tok !== ',') throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
    const list = this.identifiers();
    if (this.next(true).tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
    return list;
  }

  private identifiers(): string[] {
    const out: string[] = [];
    for (;;) {
      const { tok, lit } = this.next(true);
      if (tok === 'id') {
        out.push(lit);
        const t2 = this.look(true);
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return out;
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      }
      if (tok !== ',') throw new Error(`found '${lit}', expected: ',', or identifier`);
      if (out.length === 0) out.push('');
      const t2 = this.look(true).tok;
      if (t2 === ')') {
        out.push('');
        return out;
      }
      if (t2 === ',') {
        this.next(true);
        out.push('');
      }
    }
  }

  private exactValue(): string[] {
    const la = this.look(true).tok;
    if (la === 'eos' || la === ',') return [''];
    const { tok, lit } = this.next(true);
    if (tok === 'id') return [lit];
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/**
 * labels.Parse: reads `a=b,c!=d,e in (x,y),f notin (z),g,!h,i>3,j<4`. Throws an Error carrying
 * upstream's message (e.g. `unable to parse requirement: ...`) for malformed input, which the
 * API server returns as a 400.
 */
export function parseSelector(s: string): Selector {
  return Selector.of(new Parser(lex(s)).parse());
}

/**
 * metav1.LabelSelectorAsSelector: matchLabels become `=` terms and matchExpressions In / NotIn /
 * Exists / DoesNotExist terms. A missing selector matches nothing, an empty one everything.
 * Throws on invalid keys, values or operators, with upstream's message.
 */
export function selectorFromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls === undefined || ls === null) return Selector.nothing();
  const matchLabels = Object.entries(ls.matchLabels ?? {});
  const exprs = ls.matchExpressions ?? [];
  if (matchLabels.length + exprs.length === 0) return Selector.everything();
  const reqs: Requirement[] = [];
  for (const [k, v] of matchLabels.sort((a, b) => compareStrings(a[0], b[0]))) reqs.push(newRequirement(k, '=', [v]));
  const ops: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
  for (const e of exprs) {
    const op = ops[e.operator];
    if (!op) throw new Error(`${JSON.stringify(e.operator ?? '')} is not a valid label selector operator`);
    const vals = e.values && e.values.length ? e.values : undefined;
    reqs.push(newRequirement(e.key, op, vals));
  }
  return Selector.of(reqs);
}

/** metav1.FormatLabelSelector: the selector's text, `<none>` when empty or missing, `<error>` when invalid. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  let text: string;
  try {
    text = selectorFromLabelSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return text || '<none>';
}

/** labels.SelectorFromSet for a plain map (Service selectors): `k=v` terms, unvalidated; empty matches everything. */
export function matchLabelsSelector(map: Record<string, string> | undefined | null): Selector {
  return Selector.of(Object.entries(map ?? {}).map(([key, v]) => ({ key, operator: '=' as const, values: [v] })));
}

/** labels.FormatLabels: `k=v` pairs sorted and joined with `,`, or `<none>`. */
export function formatLabels(map: Record<string, string> | undefined | null): string {
  const text = Object.entries(map ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort(compareStrings)
    .join(',');
  return text || '<none>';
}

/** Whether two label maps hold the same pairs (missing equals empty). */
export function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ak = Object.keys(a ?? {});
  if (ak.length !== Object.keys(b ?? {}).length) return false;
  return ak.every((k) => (b ?? {})[k] === (a ?? {})[k]);
}
