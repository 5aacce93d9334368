/**
 * Job pod failure policy, success policy and pod replacement policy validation, as the
 * helpers of upstream's pkg/apis/batch/validation.
 */
import type { FieldError, Path } from '../../api/field.js';
import { duplicate, invalid, notSupported, required, tooLong, tooMany } from '../../api/field.js';
import type { Job } from '../../api/types.js';
import { isQualifiedName } from './names.js';
import { invalidOmitValue, invalidRepr } from './gorepr.js';

type JobSpec = NonNullable<Job['spec']>;
type Rule = NonNullable<JobSpec['podFailurePolicy']>['rules'][number];

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const EXIT_OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
const REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

/** Go's `%q` of a []string: `["a" "b"]`. */
const quotedList = (vs: string[]): string => `[${vs.map((v) => JSON.stringify(v)).join(' ')}]`;
const int32Slice = (vs: number[] | undefined): string => (vs ? `[]int32{${vs.join(', ')}}` : '[]int32(nil)');

function validateOnExitCodes(req: NonNullable<Rule['onExitCodes']>, path: Path, containers: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const op = req.operator ?? '';
  if (op === '') errs.push(required(path.child('operator'), `valid values: ${quotedList(EXIT_OPERATORS)}`));
  else if (!EXIT_OPERATORS.includes(op)) errs.push(notSupported(path.child('operator'), op, EXIT_OPERATORS));
  if (req.containerName !== undefined && req.containerName !== null && !containers.has(req.containerName)) {
    errs.push(invalid(path.child('containerName'), req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = req.values ?? [];
  const vPath = path.child('values');
  if (values.length === 0) errs.push(invalidRepr(vPath, int32Slice(req.values), 'at least one value is required'));
  else if (values.length > 255) errs.push(tooMany(vPath, values.length, 255));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    if (op === 'In' && v === 0) errs.push(invalid(vPath.index(j), v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(duplicate(vPath.index(j), v));
    else seen.add(v);
    if (j > 0 && values[j - 1]! > v) ordered = false;
  });
  if (!ordered) errs.push(invalidRepr(vPath, int32Slice(values), 'must be ordered'));
  return errs;
}

function validateRule(spec: JobSpec, rule: Rule, path: Path, containers: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const action = rule.action ?? '';
  if (action === '') errs.push(required(path.child('action'), `valid values: ${quotedList(ACTIONS)}`));
  else if (action === 'FailIndex') {
    if (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null) {
      errs.push(invalid(path.child('action'), action, 'requires the backoffLimitPerIndex to be set'));
    }
  } else if (!ACTIONS.includes(action)) errs.push(notSupported(path.child('action'), action, ACTIONS));
  if (rule.onExitCodes) errs.push(...validateOnExitCodes(rule.onExitCodes, path.child('onExitCodes'), containers));
  const conds = rule.onPodConditions ?? [];
  if (conds.length > 0) {
    const cPath = path.child('onPodConditions');
    if (conds.length > 20) errs.push(tooMany(cPath, conds.length, 20));
    conds.forEach((c, j) => {
      const type = c.type ?? '';
      errs.push(...isQualifiedName(type).map((m) => invalid(cPath.index(j).child('type'), type, m)));
      const status = c.status ?? '';
      const sPath = cPath.index(j).child('status');
      if (status === '') errs.push(required(sPath, `valid values: ${quotedList(CONDITION_STATUSES)}`));
      else if (!CONDITION_STATUSES.includes(status)) errs.push(notSupported(sPath, status, CONDITION_STATUSES));
    });
  }
  if (rule.onExitCodes && conds.length > 0) {
    errs.push(invalidOmitValue(path, 'specifying both OnExitCodes and OnPodConditions is not supported'));
  }
  if (!rule.onExitCodes && conds.length === 0) {
    errs.push(invalidOmitValue(path, 'specifying one of OnExitCodes and OnPodConditions is required'));
  }
  return errs;
}

/** `validatePodFailurePolicy`: at most 20 rules, each with a valid action and one requirement. */
export function validatePodFailurePolicy(spec: JobSpec, path: Path): FieldError[] {
  const rules = spec.podFailurePolicy?.rules ?? [];
  const rPath = path.child('rules');
  const errs: FieldError[] = rules.length > 20 ? [tooMany(rPath, rules.length, 20)] : [];
  const podSpec = spec.template?.spec;
  const containers = new Set([...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])].map((c) => c.name));
  rules.forEach((r, i) => errs.push(...validateRule(spec, r, rPath.index(i), containers)));
  return errs;
}

/** `validatePodReplacementPolicy`: only Failed with a pod failure policy. */
export function validatePodReplacementPolicy(spec: JobSpec, path: Path): FieldError[] {
  const prp = spec.podReplacementPolicy;
  if (prp === undefined || prp === null) return [];
  if (spec.podFailurePolicy) return prp === 'Failed' ? [] : [notSupported(path, prp, ['Failed'])];
  return REPLACEMENT_POLICIES.includes(prp) ? [] : [notSupported(path, prp, REPLACEMENT_POLICIES)];
}

/** Parses one `a` or `a-b` interval of an index list; returns [x, y] or an error string. */
function parseIndexInterval(s: string, completions: number): [number, number] | string {
  const parts = s.split('-');
  if (parts.length > 2) {
    return `the fragment ${JSON.stringify(s)} violates the requirement that an index interval can have at most two parts separated by '-'`;
  }
  const nums: number[] = [];
  for (const p of parts) {
    if (!/^[+-]?\d+$/.test(p)) return `cannot convert string to integer for index: ${JSON.stringify(p)}`;
    const n = Number(p);
    if (n >= completions) return `too large index: ${JSON.stringify(p)}`;
    nums.push(n);
  }
  const [x, y] = [nums[0]!, nums[1] ?? nums[0]!];
  if (parts.length === 2 && x >= y) return `non-increasing order, previous: ${x}, current: ${y}`;
  return [x, y];
}

/** `validateIndexesFormat`: a sorted comma-separated list of indexes and ranges; returns the count. */
export function validateIndexesFormat(indexes: string, completions: number): number | string {
  if (indexes === '') return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of indexes.split(',')) {
    const r = parseIndexInterval(interval, completions);
    if (typeof r === 'string') return r;
    if (last !== undefined && last >= r[0]) return `non-increasing order, previous: ${last}, current: ${r[0]}`;
    total += r[1] - r[0] + 1;
    last = r[1];
  }
  return total;
}

/** `validateSuccessPolicy` (the caller checks that the Job is Indexed). */
export function validateSuccessPolicy(spec: JobSpec, path: Path): FieldError[] {
  const rules = spec.successPolicy?.rules ?? [];
  const rPath = path.child('rules');
  const errs: FieldError[] = [];
  if (rules.length === 0) errs.push(required(rPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > 20) errs.push(tooMany(rPath, rules.length, 20));
  const completions = spec.completions ?? 0;
  rules.forEach((rule, i) => {
    const p = rPath.index(i);
    const count = rule.succeededCount;
    const idx = rule.succeededIndexes;
    if ((count === undefined || count === null) && (idx === undefined || idx === null)) {
      errs.push(required(p, 'at least one of succeededCount or succeededIndexes must be specified'));
    }
    let total = 0;
    if (idx !== undefined && idx !== null) {
      if (idx.length > 64 * 1024) errs.push(tooLong(p.child('succeededIndexes'), idx, 64 * 1024));
      const r = validateIndexesFormat(idx, completions);
      if (typeof r === 'string') errs.push(invalid(p.child('succeededIndexes'), idx, `error parsing succeededIndexes: ${r}`));
      else total = r;
    }
    if (count !== undefined && count !== null) {
      const cPath = p.child('succeededCount');
      if (count < 0) errs.push(invalid(cPath, count, 'must be greater than or equal to 0'));
      if (count > completions) {
        errs.push(invalid(cPath, count, `must be less than or equal to ${completions} (the number of specified completions)`));
      }
      if (idx !== undefined && idx !== null && count > total) {
        errs.push(invalid(cPath, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
  return errs;
}
