/**
 * Node validation as upstream's `ValidateNode` / `ValidateNodeUpdate`: taints, pod CIDRs,
 * capacity/allocatable quantities, and the spec fields that may only be set once.
 */
import type { FieldError, Path } from '../../api/field.js';
import { duplicate, forbidden, invalid, notSupported, required, root } from '../../api/field.js';
import type { Node, Taint } from '../../api/types.js';
import { parseQuantity } from '../../api/quantity.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isQualifiedName, isValidCIDR, isValidLabelValue, nameIsDNSSubdomain } from './names.js';
import { duplicateRepr, goQuote, goStringSlice, invalidRepr } from './gorepr.js';
import { ipFamilyOf } from './netip.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
/** Resource names whose quantities must be whole numbers (`IsIntegerResourceName`, standard part). */
const INTEGER_RESOURCES = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

function isIntegerResource(name: string): boolean {
  if (INTEGER_RESOURCES.has(name)) return true;
  // Extended resources: fully qualified, outside kubernetes.io, not `requests.`-prefixed.
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

function taintRepr(t: Taint): string {
  const added = t.timeAdded ? '(*v1.Time)(0xc000010000)' : '(*v1.Time)(nil)';
  return `core.Taint{Key:${goQuote(t.key ?? '')}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect ?? '')}, TimeAdded:${added}}`;
}

/** `validateNodeTaints`: key, value, effect and uniqueness by key+effect. */
export function validateNodeTaints(taints: Taint[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const idx = path.index(i);
    const key = t.key ?? '';
    errs.push(...isQualifiedName(key).map((m) => invalid(idx.child('key'), key, m)));
    const valueErrs = isValidLabelValue(t.value ?? '');
    if (valueErrs.length) errs.push(invalid(idx.child('value'), t.value ?? '', valueErrs.join(';')));
    if (!t.effect) errs.push(required(idx.child('effect')));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(idx.child('effect'), t.effect, TAINT_EFFECTS));
    const effect = t.effect ?? '';
    if (seen.get(effect)?.has(key)) {
      errs.push(duplicateRepr(idx, taintRepr(t), 'taints must be unique by key and effect pair'));
      return;
    }
    if (!seen.has(effect)) seen.set(effect, new Set());
    seen.get(effect)!.add(key);
  });
  return errs;
}

function validateResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['capacity', 'allocatable'] as const) {
    for (const [name, raw] of Object.entries(node.status?.[field] ?? {})) {
      const path = root('status', field, name);
      let q;
      try {
        q = parseQuantity(String(raw));
      } catch {
        errs.push(invalid(path, String(raw), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
        continue;
      }
      if (q.milliValue() < 0) errs.push(invalid(path, q.toString(), 'must be greater than or equal to 0'));
      if (isIntegerResource(name) && q.milliValue() % 1000 !== 0) errs.push(invalid(path, q.toString(), 'must be an integer'));
    }
  }
  return errs;
}

function validatePodCIDRs(node: Node): FieldError[] {
  const cidrs = node.spec?.podCIDRs ?? [];
  if (cidrs.length === 0) return [];
  const path = root('spec', 'podCIDRs');
  const errs: FieldError[] = [];
  cidrs.forEach((c, i) => errs.push(...isValidCIDR(c).map((m) => invalid(path.index(i), c, m))));
  if (cidrs.length > 1) {
    const fams = cidrs.map((c) => ipFamilyOf(c.split('/')[0] ?? ''));
    const dual = cidrs.length === 2 && fams.includes('IPv4') && fams.includes('IPv6');
    if (!dual) errs.push(invalidRepr(path, goStringSlice(cidrs), 'may specify no more than one CIDR for each IP family'));
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(duplicate(path.index(i), c));
      seen.add(c);
    });
  }
  return errs;
}

/** `ValidateNode`: cluster-scoped DNS subdomain name, taints, resources, pod CIDRs. */
export function validateNode(node: Node): FieldError[] {
  const metaPath = root('metadata');
  const errs = validateObjectMeta(node.metadata ?? {}, { namespaced: false, nameFn: nameIsDNSSubdomain }, metaPath);
  // Upstream reports spec.taints under metadata (`metadata.taints[0].key`).
  if ((node.spec?.taints ?? []).length > 0) errs.push(...validateNodeTaints(node.spec!.taints!, metaPath.child('taints')));
  errs.push(...validateResources(node));
  errs.push(...validatePodCIDRs(node));
  return errs;
}

/** `ValidateNodeUpdate`: podCIDRs and providerID may only go from unset to set. */
export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const metaPath = root('metadata');
  const errs = validateObjectMetaUpdate(node.metadata ?? {}, old.metadata ?? {}, metaPath);
  errs.push(...validateResources(node));
  const seen = new Set<string>();
  (node.status?.addresses ?? []).forEach((a, i) => {
    const key = `${a.type}\u0000${a.address}`;
    if (seen.has(key)) {
      errs.push(duplicateRepr(root('status', 'addresses').index(i), `core.NodeAddress{Type:${goQuote(a.type ?? '')}, Address:${goQuote(a.address ?? '')}}`));
    }
    seen.add(key);
  });
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden(root('spec', 'podCIDRs'), cidrMsg));
    else oldCIDRs.forEach((c, i) => c !== newCIDRs[i] && errs.push(forbidden(root('spec', 'podCIDRs'), cidrMsg)));
  }
  const oldProvider = old.spec?.providerID ?? '';
  if (oldProvider !== '' && oldProvider !== (node.spec?.providerID ?? '')) {
    errs.push(forbidden(root('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  if ((node.spec?.taints ?? []).length > 0) errs.push(...validateNodeTaints(node.spec!.taints!, metaPath.child('taints')));
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) {
    errs.push(forbidden(root('spec', 'externalID'), 'may not be updated'));
  }
  return errs;
}
