/**
 * Node selection terms as upstream's component-helpers/scheduling/corev1/nodeaffinity evaluates
 * them: `spec.nodeSelector` (every label must equal), and NodeSelectorTerms — ORed terms, each an
 * AND of matchExpressions (In, NotIn, Exists, DoesNotExist, Gt, Lt on labels) and matchFields
 * (In / NotIn on `metadata.name`, one value). An empty term matches nothing; a term that fails
 * to parse never matches (the others still can).
 */
import { type LabelOperator, type Requirement, newRequirement, requirementMatches } from '../../api/labels.js';
import type { Node, Pod } from '../../api/types.js';

/** A NodeSelectorRequirement as it appears in the API. */
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** A NodeSelectorTerm as it appears in the API. */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

interface FieldRequirement {
  key: string;
  equal: boolean;
  value: string;
}

/** A parsed term: label requirements, field requirements, or the reasons it cannot match. */
export interface ParsedTerm {
  labels?: Requirement[];
  fields?: FieldRequirement[];
  errors: string[];
}

const LABEL_OPS: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

function isEmptyTerm(t: NodeSelectorTerm | undefined): boolean {
  return !t || ((t.matchExpressions ?? []).length === 0 && (t.matchFields ?? []).length === 0);
}

/** newNodeSelectorTerm: converts one term, collecting parse errors instead of throwing. */
export function parseTerm(t: NodeSelectorTerm): ParsedTerm {
  const out: ParsedTerm = { errors: [] };
  const exprs = t.matchExpressions ?? [];
  if (exprs.length) {
    out.labels = [];
    for (const e of exprs) {
      const op = LABEL_OPS[e.operator];
      if (!op) {
        out.errors.push(`operator: Unsupported value: "${e.operator}"`);
        continue;
      }
      try {
        out.labels.push(newRequirement(e.key, op, e.values && e.values.length ? e.values : undefined));
      } catch (err) {
        out.errors.push((err as Error).message);
      }
    }
  }
  const fields = t.matchFields ?? [];
  if (fields.length) {
    out.fields = [];
    for (const f of fields) {
      if (f.operator !== 'In' && f.operator !== 'NotIn') out.errors.push(`operator: Unsupported value: "${f.operator}"`);
      else if ((f.values ?? []).length !== 1) out.errors.push('values: must have one element');
      else out.fields.push({ key: f.key, equal: f.operator === 'In', value: f.values![0]! });
    }
  }
  return out;
}

/** Whether a parsed term selects the node (false for terms with parse errors). */
export function termMatches(t: ParsedTerm, node: Node): boolean {
  if (t.errors.length) return false;
  const labels = node.metadata?.labels ?? {};
  if (t.labels && !t.labels.every((r) => requirementMatches(r, labels))) return false;
  if (t.fields) {
    const name = node.metadata?.name ?? '';
    for (const f of t.fields) {
      // fields.Set: only metadata.name is known; any other key reads as "".
      const v = f.key === 'metadata.name' ? name : '';
      if (f.equal ? v !== f.value : v === f.value) return false;
    }
  }
  return true;
}

/** Parses NodeSelectorTerms, dropping empty ones (they select nothing). */
export function parseTerms(terms: NodeSelectorTerm[] | undefined): ParsedTerm[] {
  return (terms ?? []).filter((t) => !isEmptyTerm(t)).map(parseTerm);
}

/**
 * RequiredNodeAffinity: the pod's `spec.nodeSelector` and its required node affinity
 * (requiredDuringSchedulingIgnoredDuringExecution), both of which must hold.
 */
export class RequiredNodeAffinity {
  private selector: [string, string][];
  private terms?: ParsedTerm[];

  constructor(pod: Pod) {
    this.selector = Object.entries(pod.spec?.nodeSelector ?? {});
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (required) this.terms = parseTerms(required.nodeSelectorTerms as NodeSelectorTerm[]);
  }

  /** Whether the node satisfies the nodeSelector and any of the required terms. */
  match(node: Node): boolean {
    const labels = node.metadata?.labels ?? {};
    for (const [k, v] of this.selector) {
      if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false;
    }
    if (this.terms) return this.terms.some((t) => termMatches(t, node));
    return true;
  }
}
