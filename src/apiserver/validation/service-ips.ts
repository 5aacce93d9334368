/**
 * The cluster IP rules of Service validation: `ValidateServiceClusterIPsRelatedFields`
 * (clusterIP/clusterIPs agreement, families, policy, dual-stack pairs) and the update rules
 * that keep cluster IPs and the primary family from changing.
 */
import type { FieldError } from '../../api/field.js';
import { duplicate, invalid, notSupported, required, root } from '../../api/field.js';
import type { Service } from '../../api/types.js';
import { isValidIP } from './names.js';
import { goStringSlice, invalidRepr } from './gorepr.js';
import { isIPv6String, isV4, parseIPSloppy } from './netip.js';

const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

type Spec = NonNullable<Service['spec']>;

const specOf = (svc: Service): Spec => svc.spec ?? {};

/** Whether the service is headless: exactly one cluster IP, `None`. */
export function isHeadlessService(svc: Service): boolean {
  const ips = specOf(svc).clusterIPs ?? [];
  return ips.length === 1 && ips[0] === 'None';
}

/** `ValidateServiceClusterIPsRelatedFields`: clusterIP/clusterIPs sync, families, policy, dual-stack. */
export function validateServiceClusterIPsRelatedFields(svc: Service): FieldError[] {
  const s = specOf(svc);
  if (s.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const spec = root('spec');
  const ipsPath = spec.child('clusterIPs');
  const famPath = spec.child('ipFamilies');
  const clusterIPs = s.clusterIPs ?? [];
  const families = s.ipFamilies ?? [];
  const ipsRepr = goStringSlice(s.clusterIPs);
  if (s.clusterIP) {
    if (clusterIPs.length === 0) errs.push(required(ipsPath));
    else if (clusterIPs[0] !== s.clusterIP) errs.push(invalidRepr(ipsPath, ipsRepr, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(invalidRepr(ipsPath, ipsRepr, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  families.forEach((f, i) => {
    if (!IP_FAMILIES.includes(f)) errs.push(notSupported(famPath.index(i), f, IP_FAMILIES));
    if (seen.has(f)) errs.push(duplicate(famPath.index(i), f));
    seen.add(f);
  });
  if (s.ipFamilyPolicy !== undefined && s.ipFamilyPolicy !== null && !IP_FAMILY_POLICIES.includes(s.ipFamilyPolicy)) {
    errs.push(notSupported(spec.child('ipFamilyPolicy'), s.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let hasInvalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        hasInvalidIPs = true;
        errs.push(invalidRepr(ipsPath, ipsRepr, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrs = isValidIP(ip).map((m) => invalid(ipsPath.index(i), ip, m));
    if (ipErrs.length) hasInvalidIPs = true;
    errs.push(...ipErrs);
  });
  if (clusterIPs.length > 2) errs.push(invalidRepr(ipsPath, ipsRepr, 'may only hold up to 2 values'));
  if (hasInvalidIPs) return errs;
  if (clusterIPs.length > 1) {
    const parsed = clusterIPs.map((ip) => parseIPSloppy(ip));
    const v4 = parsed.filter((ip) => ip && isV4(ip)).length;
    const v6 = parsed.length - v4;
    if (!(clusterIPs.length === 2 && v4 === 1 && v6 === 1)) {
      errs.push(invalidRepr(ipsPath, ipsRepr, 'may specify no more than one IP for each IP family'));
    }
  }
  if (!isHeadlessService(svc) && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      if (i > families.length - 1) return;
      if (families[i] === 'IPv4' && isIPv6String(ip)) {
        errs.push(invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      }
      if (families[i] === 'IPv6' && !isIPv6String(ip)) {
        errs.push(invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
      }
    });
  }
  return errs;
}

/** `validateUpgradeDowngradeClusterIPs`: cluster IPs may be added or released, never changed. */
export function validateUpgradeDowngradeClusterIPs(old: Service, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  if (specOf(svc).type === 'ExternalName' || specOf(old).type === 'ExternalName') return errs;
  if (isHeadlessService(old) && isHeadlessService(svc)) return errs;
  const oldIPs = specOf(old).clusterIPs ?? [];
  const newIPs = specOf(svc).clusterIPs ?? [];
  const path = root('spec', 'clusterIPs');
  const repr = goStringSlice(specOf(svc).clusterIPs);
  const change = 'may not change once set';
  if (oldIPs.length === newIPs.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== newIPs[i]) errs.push(invalidRepr(path.index(i), repr, change));
    });
  } else if (oldIPs.length > newIPs.length) {
    if (newIPs.length === 0) errs.push(invalidRepr(path.index(0), repr, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && newIPs.length > 0 && newIPs[0] !== oldIPs[0]) errs.push(invalidRepr(path.index(0), repr, change));
    if (newIPs.length === 1 && specOf(svc).ipFamilyPolicy !== 'SingleStack') {
      errs.push(ipFamilyPolicyInvalid(svc, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
    errs.push(invalidRepr(path.index(0), repr, change));
  }
  return errs;
}

function ipFamilyPolicyInvalid(svc: Service, detail: string): FieldError {
  return invalid(root('spec', 'ipFamilyPolicy'), specOf(svc).ipFamilyPolicy ?? null, detail);
}

/** `validateUpgradeDowngradeIPFamilies`: the primary family never changes. */
export function validateUpgradeDowngradeIPFamilies(old: Service, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  if (specOf(svc).type === 'ExternalName' || specOf(old).type === 'ExternalName') return errs;
  if (isHeadlessService(old) !== isHeadlessService(svc) || isHeadlessService(svc)) return errs;
  const oldF = specOf(old).ipFamilies ?? [];
  const newF = specOf(svc).ipFamilies ?? [];
  const path = root('spec', 'ipFamilies').index(0);
  const famRepr = goStringSlice(specOf(svc).ipFamilies, '[]core.IPFamily');
  const ipsRepr = goStringSlice(specOf(svc).clusterIPs);
  if (oldF.length === newF.length) {
    oldF.forEach((f, i) => {
      if (f !== newF[i]) errs.push(invalidRepr(path, famRepr, 'may not change once set'));
    });
  } else if (oldF.length > newF.length) {
    if ((specOf(svc).clusterIPs ?? []).length === 0) errs.push(invalidRepr(path, famRepr, 'primary ipFamily can not be unset'));
    if (newF.length > 0 && newF[0] !== oldF[0]) errs.push(invalidRepr(path, ipsRepr, 'may not change once set'));
    if (newF.length === 1 && specOf(svc).ipFamilyPolicy !== 'SingleStack') {
      errs.push(ipFamilyPolicyInvalid(svc, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (oldF.length > 0 && newF.length > 0 && newF[0] !== oldF[0]) {
    errs.push(invalidRepr(path, ipsRepr, 'may not change once set'));
  }
  return errs;
}

