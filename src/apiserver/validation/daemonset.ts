/**
 * DaemonSet validation as upstream's `ValidateDaemonSet` / `ValidateDaemonSetUpdate`, plus the
 * apps/v1 strategy's selector immutability on update.
 */
import type { FieldError, Path } from '../../api/field.js';
import { required, root } from '../../api/field.js';
import type { DaemonSet } from '../../api/types.js';
import { validateLabelSelector, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { validatePodTemplateSpec } from './pod.js';
import {
  intOrPercentValue,
  labelSelectorAsSelector,
  validateImmutable,
  validateNotMoreThan100Percent,
  validatePositiveIntOrPercent,
  validateRestartPolicyAlways,
} from './common.js';
import { goIntOrString, goLabelSelector, goPointer, goQuote, goStringMap, invalidRepr, notSupportedRepr } from './gorepr.js';

type Spec = NonNullable<DaemonSet['spec']>;

function validateUpdateStrategy(s: Spec, path: Path): FieldError[] {
  const us = s.updateStrategy ?? {};
  const ru = us.rollingUpdate;
  switch (us.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate': {
      if (!ru) return [required(path.child('rollingUpdate'))];
      const rp = path.child('rollingUpdate');
      const errs = [
        ...validatePositiveIntOrPercent(ru.maxUnavailable, rp.child('maxUnavailable')),
        ...validatePositiveIntOrPercent(ru.maxSurge, rp.child('maxSurge')),
        ...validateNotMoreThan100Percent(ru.maxUnavailable, rp.child('maxUnavailable')),
        ...validateNotMoreThan100Percent(ru.maxSurge, rp.child('maxSurge')),
      ];
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) {
        errs.push(invalidRepr(rp.child('maxSurge'), goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      } else if (!hasUnavailable && !hasSurge) {
        errs.push(required(rp.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
      }
      return errs;
    }
    default: {
      const repr = `apps.DaemonSetUpdateStrategy{Type:${goQuote(us.type ?? '')}, RollingUpdate:${goPointer('apps.RollingUpdateDaemonSet', !ru)}}`;
      return [notSupportedRepr(path, repr, ['RollingUpdate', 'OnDelete'])];
    }
  }
}

function validateSpec(ds: DaemonSet): FieldError[] {
  const s = ds.spec ?? ({} as Spec);
  const spec = root('spec');
  const template = s.template ?? {};
  const errs = s.selector ? validateLabelSelector(s.selector, spec.child('selector')) : [];
  const sel = labelSelectorAsSelector(s.selector);
  const labels = template.metadata?.labels;
  if (sel.ok && !sel.matches(labels)) {
    errs.push(invalidRepr(spec.child('template').child('metadata').child('labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  if (s.selector && Object.keys(s.selector.matchLabels ?? {}).length + (s.selector.matchExpressions ?? []).length === 0) {
    errs.push(invalidRepr(spec.child('selector'), goLabelSelector(s.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, spec.child('template')));
  errs.push(...validateRestartPolicyAlways(template, spec.child('template').child('spec'), 'DaemonSet'));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  errs.push(...validateUpdateStrategy(s, spec.child('updateStrategy')));
  if (s.revisionHistoryLimit !== undefined && s.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegativeField(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
  }
  return errs;
}

/** `ValidateDaemonSet`. */
export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  const errs = validateObjectMeta(ds.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, root('metadata'));
  errs.push(...validateSpec(ds));
  return errs;
}

/** `ValidateDaemonSetUpdate` plus apps/v1 selector immutability. */
export function validateDaemonSetUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  const errs = validateObjectMetaUpdate(ds.metadata ?? {}, old.metadata ?? {}, root('metadata'));
  errs.push(...validateSpec(ds));
  errs.push(
    ...validateImmutable(ds.spec?.selector, old.spec?.selector, root('spec', 'selector'), (v) =>
      goLabelSelector(v as Spec['selector'] | undefined),
    ),
  );
  return errs;
}
