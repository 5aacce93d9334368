/**
 * coordination.k8s.io/v1 Lease validation as upstream's pkg/apis/coordination/validation:
 * a DNS-subdomain name, a positive lease duration and non-negative transitions.
 */
import type { FieldError, Path } from '../../api/field.js';
import { invalid, root } from '../../api/field.js';
import type { Lease } from '../../api/types.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';

function validateLeaseSpec(lease: Lease, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const d = lease.spec?.leaseDurationSeconds;
  if (d !== undefined && d !== null && d <= 0) errs.push(invalid(path.child('leaseDurationSeconds'), d, 'must be greater than 0'));
  const t = lease.spec?.leaseTransitions;
  if (t !== undefined && t !== null && t < 0) errs.push(invalid(path.child('leaseTransitions'), t, 'must be greater than or equal to 0'));
  return errs;
}

/** `ValidateLease`. */
export function validateLease(lease: Lease): FieldError[] {
  const errs = validateObjectMeta(lease.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, root('metadata'));
  errs.push(...validateLeaseSpec(lease, root('spec')));
  return errs;
}

/** `ValidateLeaseUpdate`: metadata update rules plus the spec rules. */
export function validateLeaseUpdate(lease: Lease, old: Lease): FieldError[] {
  const errs = validateObjectMetaUpdate(lease.metadata ?? {}, old.metadata ?? {}, root('metadata'));
  errs.push(...validateLeaseSpec(lease, root('spec')));
  return errs;
}
