/**
 * Scheduling and networking parts of PodSpec validation after upstream: tolerations, node and
 * pod (anti-)affinity, topology spread constraints, readiness and scheduling gates, DNS
 * config, host aliases and the enumerated policies (restart, DNS, preemption).
 */
import { type FieldError, type Path, duplicate, forbidden, invalid, notSupported, required } from '../../../api/field.js';
import type { LabelSelector, PodSpec, Toleration } from '../../../api/types.js';
import { goStringSlice, invalidRepr } from '../gorepr.js';
import { validateLabelName, validateLabelSelector } from '../meta.js';
import { isDNS1123SubdomainWithUnderscore, isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain, validateIP } from '../names.js';
import { type PodValidationOptions, IS_NOT_POSITIVE_ERROR_MSG, invalids, validateDNS1123Subdomain, validateQualifiedName } from './common.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Upstream `ValidateTolerations`. */
export function validateTolerations(tolerations: Toleration[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = path.index(i);
    if (t.key) errs.push(...validateLabelName(t.key, p.child('key')));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(invalid(p.child('operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(invalid(p.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (t.operator === 'Equal' || !t.operator) {
      const msgs = isValidLabelValue(t.value ?? '');
      if (msgs.length > 0) errs.push(invalid(p.child('operator'), t.value ?? '', msgs.join(';')));
    } else if (t.operator === 'Exists') {
      if (t.value) errs.push(invalid(p.child('operator'), t.value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(p.child('operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(p.child('effect'), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

type Requirement = { key?: string; operator?: string; values?: string[] };

function validateNodeSelectorRequirement(rq: Requirement, allowInvalidValues: boolean, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const n = (rq.values ?? []).length;
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (n === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (n > 0) errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (n !== 1) errs.push(required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(path.child('operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(rq.key ?? '', path.child('key')));
  if (!allowInvalidValues) {
    (rq.values ?? []).forEach((v, i) => errs.push(...invalids(path.child('values').index(i), v, isValidLabelValue(v))));
  }
  return errs;
}

function validateNodeSelectorTerm(term: { matchExpressions?: Requirement[]; matchFields?: Requirement[] }, allowInvalid: boolean, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r, j) => errs.push(...validateNodeSelectorRequirement(r, allowInvalid, path.child('matchExpressions').index(j))));
  (term.matchFields ?? []).forEach((r, j) => {
    const p = path.child('matchFields').index(j);
    if (r.operator === 'In' || r.operator === 'NotIn') {
      if ((r.values ?? []).length !== 1) {
        errs.push(required(p.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
      }
    } else {
      errs.push(invalid(p.child('operator'), r.operator ?? '', 'not a valid selector operator'));
    }
    if (r.key !== 'metadata.name') errs.push(invalid(p.child('key'), r.key ?? '', 'not a valid field selector key'));
    else (r.values ?? []).forEach((v, i) => errs.push(...invalids(p.child('values').index(i), v, nameIsDNSSubdomain(v, false))));
  });
  return errs;
}

type AffinityTerm = {
  labelSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  namespaces?: string[];
  topologyKey?: string;
  matchLabelKeys?: string[];
  mismatchLabelKeys?: string[];
};

function validateLabelKeys(path: Path, keys: string[] | undefined, sel: LabelSelector | undefined): FieldError[] {
  if (!keys || keys.length === 0) return [];
  if (!sel) return [forbidden(path, 'must not be specified when labelSelector is not set')];
  return keys.flatMap((k, i) => validateLabelName(k, path.index(i)));
}

function validatePodAffinityTerm(term: AffinityTerm, allowInvalid: boolean, path: Path): FieldError[] {
  const opts = { allowInvalidLabelValueInSelector: allowInvalid };
  const errs = [
    ...validateLabelSelector(term.labelSelector, path.child('labelSelector'), opts),
    ...validateLabelSelector(term.namespaceSelector, path.child('namespaceSelector'), opts),
  ];
  for (const ns of term.namespaces ?? []) errs.push(...invalids(path.child('namespace'), ns, nameIsDNSLabel(ns, false)));
  errs.push(...validateLabelKeys(path.child('matchLabelKeys'), term.matchLabelKeys, term.labelSelector));
  errs.push(...validateLabelKeys(path.child('mismatchLabelKeys'), term.mismatchLabelKeys, term.labelSelector));
  const sel = term.labelSelector;
  if (sel) {
    const matchIdx = new Map((term.matchLabelKeys ?? []).map((k, i) => [k, i]));
    const selKeys = new Set(Object.keys(sel.matchLabels ?? {}));
    for (const e of sel.matchExpressions ?? []) {
      const i = matchIdx.get(e.key);
      if (i !== undefined && selKeys.has(e.key)) errs.push(invalid(path.index(i), e.key, 'exists in both matchLabelKeys and labelSelector'));
      selKeys.add(e.key);
    }
  }
  const mismatch = new Set(term.mismatchLabelKeys ?? []);
  (term.matchLabelKeys ?? []).forEach((k, i) => {
    if (mismatch.has(k)) errs.push(invalid(path.child('matchLabelKeys').index(i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  if (!term.topologyKey) errs.push(required(path.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(term.topologyKey ?? '', path.child('topologyKey')));
  return errs;
}

function validateWeight(weight: number | undefined, path: Path): FieldError[] {
  const w = weight ?? 0;
  return w <= 0 || w > 100 ? [invalid(path, w, 'must be in the range 1-100')] : [];
}

/** Upstream `validateAffinity`: node affinity, pod affinity and anti-affinity terms. */
export function validateAffinity(spec: PodSpec, opts: PodValidationOptions, path: Path): FieldError[] {
  const a = spec.affinity;
  if (!a) return [];
  const errs: FieldError[] = [];
  const na = a.nodeAffinity;
  if (na) {
    const np = path.child('nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) {
      const tp = np.child('requiredDuringSchedulingIgnoredDuringExecution').child('nodeSelectorTerms');
      if ((req.nodeSelectorTerms ?? []).length === 0) errs.push(required(tp, 'must have at least one node selector term'));
      req.nodeSelectorTerms?.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, true, tp.index(i))));
    }
    na.preferredDuringSchedulingIgnoredDuringExecution?.forEach((t, i) => {
      const p = np.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      errs.push(...validateWeight(t.weight, p.child('weight')));
      errs.push(...validateNodeSelectorTerm(t.preference ?? {}, true, p.child('preference')));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const pa = a[kind];
    if (!pa) continue;
    const p = path.child(kind);
    pa.requiredDuringSchedulingIgnoredDuringExecution?.forEach((t, i) =>
      errs.push(...validatePodAffinityTerm(t, opts.allowInvalidLabelValueInSelector, p.child('requiredDuringSchedulingIgnoredDuringExecution').index(i))),
    );
    pa.preferredDuringSchedulingIgnoredDuringExecution?.forEach((t, i) => {
      const wp = p.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      errs.push(...validateWeight(t.weight, wp.child('weight')));
      errs.push(...validatePodAffinityTerm(t.podAffinityTerm ?? {}, opts.allowInvalidLabelValueInSelector, wp.child('podAffinityTerm')));
    });
  }
  return errs;
}

/** Upstream `validateTopologySpreadConstraints`. */
export function validateTopologySpreadConstraints(spec: PodSpec, path: Path, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const list = spec.topologySpreadConstraints ?? [];
  list.forEach((c, i) => {
    const p = path.index(i);
    if ((c.maxSkew ?? 0) <= 0) errs.push(invalid(p.child('maxSkew'), c.maxSkew ?? 0, IS_NOT_POSITIVE_ERROR_MSG));
    if (!c.topologyKey) errs.push(required(p.child('topologyKey'), 'can not be empty'));
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      errs.push(notSupported(p.child('whenUnsatisfiable'), c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey ?? ''}, ${c.whenUnsatisfiable ?? ''}}`));
    }
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (c.minDomains <= 0) errs.push(invalid(p.child('minDomains'), c.minDomains, IS_NOT_POSITIVE_ERROR_MSG));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(invalid(p.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable ?? ''}`));
      }
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const v = c[f];
      if (v !== undefined && v !== null && v !== 'Honor' && v !== 'Ignore') errs.push(notSupported(p.child(f), v, ['Honor', 'Ignore']));
    }
    const keys = c.matchLabelKeys ?? [];
    if (keys.length > 0) {
      const mp = p.child('matchLabelKeys');
      const selKeys = new Set([...Object.keys(c.labelSelector?.matchLabels ?? {}), ...(c.labelSelector?.matchExpressions ?? []).map((e) => e.key)]);
      if (!c.labelSelector) errs.push(forbidden(mp, 'must not be specified when labelSelector is not set'));
      keys.forEach((k, j) => {
        errs.push(...validateLabelName(k, mp.index(j)));
        if (selKeys.has(k)) errs.push(invalid(mp.index(j), k, 'exists in both matchLabelKeys and labelSelector'));
      });
    }
    if (!opts.allowInvalidTopologySpreadConstraintLabelSelector) errs.push(...validateLabelSelector(c.labelSelector, p.child('labelSelector')));
  });
  return errs;
}

/** Upstream `validatePodDNSConfig`. */
export function validateDNSConfig(spec: PodSpec, path: Path, opts: PodValidationOptions): FieldError[] {
  const cfg = spec.dnsConfig;
  if (spec.dnsPolicy === 'None') {
    if (!cfg) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if ((cfg.nameservers ?? []).length === 0) return [required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  const ns = cfg.nameservers ?? [];
  if (ns.length > 3) errs.push(invalidRepr(path.child('nameservers'), goStringSlice(ns), 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...validateIP(path.child('nameservers').index(i), n)));
  const searches = cfg.searches ?? [];
  if (searches.length > 32) errs.push(invalidRepr(path.child('searches'), goStringSlice(searches), 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(invalidRepr(path.child('searches'), goStringSlice(searches), 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  searches.forEach((s, i) => {
    const sp = path.child('searches').index(i);
    if (opts.allowRelaxedDNSSearchValidation) {
      if (s !== '.') {
        const t = s.replace(/\.$/, '');
        errs.push(...invalids(sp, t, isDNS1123SubdomainWithUnderscore(t)));
      }
    } else {
      errs.push(...validateDNS1123Subdomain(s.replace(/\.$/, ''), sp));
    }
  });
  (cfg.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(required(path.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

/** Upstream `ValidateHostAliases`. */
export function validateHostAliases(spec: PodSpec, path: Path): FieldError[] {
  return (spec.hostAliases ?? []).flatMap((h, i) => [
    ...validateIP(path.index(i).child('ip'), h.ip ?? ''),
    ...(h.hostnames ?? []).flatMap((n, j) => validateDNS1123Subdomain(n, path.index(i).child('hostnames').index(j))),
  ]);
}

/** Upstream `validateReadinessGates` and `validateSchedulingGates`. */
export function validateGates(spec: PodSpec, specPath: Path): FieldError[] {
  const errs: FieldError[] = [];
  (spec.readinessGates ?? []).forEach((g, i) =>
    errs.push(...validateQualifiedName(g.conditionType ?? '', specPath.child('readinessGates').index(i).child('conditionType'))),
  );
  const seen = new Set<string>();
  (spec.schedulingGates ?? []).forEach((g, i) => {
    const p = specPath.child('schedulingGates').index(i);
    errs.push(...validateQualifiedName(g.name ?? '', p));
    if (seen.has(g.name)) errs.push(duplicate(p, g.name));
    seen.add(g.name);
  });
  return errs;
}

/** Validates one of upstream's enumerated policy fields: Required when empty, NotSupported when unknown. */
export function validateEnum(value: string | undefined, valid: string[], path: Path): FieldError[] {
  if (!value) return [required(path, '')];
  return valid.includes(value) ? [] : [notSupported(path, value, valid)];
}
