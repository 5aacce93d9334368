/**
 * apps/v1 validation as upstream's pkg/apis/apps/validation plus the selector immutability
 * the apps/v1 strategies add on update. Deployment and ReplicaSet live here; StatefulSet and
 * DaemonSet are re-exported from their own modules.
 */
import type { FieldError, Path } from '../../api/field.js';
import { forbidden, invalid, required, root } from '../../api/field.js';
import type { Deployment, LabelSelector, PodTemplateSpec, ReplicaSet } from '../../api/types.js';
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

export { validateStatefulSet, validateStatefulSetUpdate } from './statefulset.js';
export { validateDaemonSet, validateDaemonSetUpdate } from './daemonset.js';

const meta = root('metadata');

/** Renders a selector the way `ValidateImmutableField` reports it. */
export const selectorRepr = (v: unknown): string => goLabelSelector(v as LabelSelector | undefined);

/**
 * Selector presence, validity and non-emptiness for Deployments and ReplicaSets (both report
 * "empty selector is invalid for deployment"), then the template checks when it converts.
 */
function validateSelectorAndTemplate(
  selector: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
  spec: Path,
): FieldError[] {
  const errs: FieldError[] = [];
  if (selector === undefined || selector === null) {
    errs.push(required(spec.child('selector')));
  } else {
    errs.push(...validateLabelSelector(selector, spec.child('selector')));
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
      errs.push(invalidRepr(spec.child('selector'), goLabelSelector(selector), 'empty selector is invalid for deployment'));
    }
  }
  const sel = labelSelectorAsSelector(selector);
  if (!sel.ok) {
    errs.push(invalidRepr(spec.child('selector'), goLabelSelector(selector), 'invalid label selector'));
    return errs;
  }
  errs.push(...validatePodTemplateForReplicaSet(template ?? {}, sel, spec.child('template')));
  return errs;
}

/** `ValidatePodTemplateSpecForReplicaSet`: labels match the selector, pod template valid, restartPolicy Always. */
export function validatePodTemplateForReplicaSet(
  template: PodTemplateSpec,
  sel: ReturnType<typeof labelSelectorAsSelector>,
  path: Path,
  kind = 'ReplicaSet',
): FieldError[] {
  const errs: FieldError[] = [];
  const labels = template.metadata?.labels;
  if (!sel.empty && !sel.matches(labels)) {
    errs.push(invalidRepr(path.child('metadata').child('labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, path));
  errs.push(...validateRestartPolicyAlways(template, path.child('spec'), kind));
  return errs;
}

type Strategy = NonNullable<NonNullable<Deployment['spec']>['strategy']>;

function validateDeploymentStrategy(strategy: Strategy, path: Path): FieldError[] {
  const ru = strategy.rollingUpdate;
  switch (strategy.type) {
    case 'Recreate':
      return ru ? [forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      if (!ru) return [required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
      const rp = path.child('rollingUpdate');
      const errs = [
        ...validatePositiveIntOrPercent(ru.maxUnavailable, rp.child('maxUnavailable')),
        ...validatePositiveIntOrPercent(ru.maxSurge, rp.child('maxSurge')),
      ];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalidRepr(rp.child('maxUnavailable'), goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...validateNotMoreThan100Percent(ru.maxUnavailable, rp.child('maxUnavailable')));
      return errs;
    }
    default: {
      const repr = `apps.DeploymentStrategy{Type:${goQuote(strategy.type ?? '')}, RollingUpdate:${goPointer('apps.RollingUpdateDeployment', !ru)}}`;
      return [notSupportedRepr(path, repr, ['Recreate', 'RollingUpdate'])];
    }
  }
}

function validateDeploymentSpec(d: Deployment): FieldError[] {
  const s = d.spec ?? ({} as NonNullable<Deployment['spec']>);
  const spec = root('spec');
  const errs = validateNonnegativeField(s.replicas ?? 0, spec.child('replicas'));
  errs.push(...validateSelectorAndTemplate(s.selector, s.template, spec));
  errs.push(...validateDeploymentStrategy(s.strategy ?? {}, spec.child('strategy')));
  const minReady = s.minReadySeconds ?? 0;
  errs.push(...validateNonnegativeField(minReady, spec.child('minReadySeconds')));
  if (s.revisionHistoryLimit !== undefined && s.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegativeField(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
  }
  const pds = s.progressDeadlineSeconds;
  if (pds !== undefined && pds !== null) {
    errs.push(...validateNonnegativeField(pds, spec.child('progressDeadlineSeconds')));
    if (pds <= minReady) errs.push(invalid(spec.child('progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** `ValidateDeployment`: metadata, replicas, selector/template agreement, strategy and limits. */
export function validateDeployment(d: Deployment): FieldError[] {
  const errs = validateObjectMeta(d.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, meta);
  errs.push(...validateDeploymentSpec(d));
  return errs;
}

/** `ValidateDeploymentUpdate` plus the apps/v1 rule that `spec.selector` is immutable. */
export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  const errs = validateObjectMetaUpdate(d.metadata ?? {}, old.metadata ?? {}, meta);
  errs.push(...validateDeploymentSpec(d));
  errs.push(...validateImmutable(d.spec?.selector, old.spec?.selector, root('spec', 'selector'), selectorRepr));
  return errs;
}

function validateReplicaSetSpec(rs: ReplicaSet): FieldError[] {
  const s = rs.spec ?? ({} as NonNullable<ReplicaSet['spec']>);
  const spec = root('spec');
  const errs = validateNonnegativeField(s.replicas ?? 0, spec.child('replicas'));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  errs.push(...validateSelectorAndTemplate(s.selector, s.template, spec));
  return errs;
}

/** `ValidateReplicaSet`. */
export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  const errs = validateObjectMeta(rs.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, meta);
  errs.push(...validateReplicaSetSpec(rs));
  return errs;
}

/** `ValidateReplicaSetUpdate` plus apps/v1 selector immutability. */
export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  const errs = validateObjectMetaUpdate(rs.metadata ?? {}, old.metadata ?? {}, meta);
  errs.push(...validateReplicaSetSpec(rs));
  errs.push(...validateImmutable(rs.spec?.selector, old.spec?.selector, root('spec', 'selector'), selectorRepr));
  return errs;
}
