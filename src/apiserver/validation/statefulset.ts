/**
 * StatefulSet validation as upstream's `ValidateStatefulSet` / `ValidateStatefulSetUpdate`.
 * Like upstream, only the template's labels and annotations are checked here (not the pod
 * spec), and updates may only touch replicas, ordinals, template, updateStrategy,
 * persistentVolumeClaimRetentionPolicy and minReadySeconds.
 */
import type { FieldError, Path } from '../../api/field.js';
import { forbidden, invalid, notSupported, required, root } from '../../api/field.js';
import type { StatefulSet } from '../../api/types.js';
import { validateAnnotations, validateLabelSelector, validateLabels, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSLabel } from './names.js';
import { labelSelectorAsSelector, semanticEqual, validateRestartPolicyAlways } from './common.js';
import { goLabelSelector, goPointer, goQuote, goStringMap, invalidRepr } from './gorepr.js';

type Spec = NonNullable<StatefulSet['spec']>;

const RETENTION = ['Retain', 'Delete'];

function validateUpdateStrategy(s: Spec, spec: Path): FieldError[] {
  const us = s.updateStrategy ?? {};
  const ru = us.rollingUpdate;
  const path = spec.child('updateStrategy');
  switch (us.type ?? '') {
    case '':
      return [required(path)];
    case 'OnDelete':
      if (!ru) return [];
      return [
        invalidRepr(
          path.child('rollingUpdate'),
          `apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:${goPointer('intstr.IntOrString', ru.maxUnavailable === undefined)}}`,
          "only allowed for updateStrategy 'RollingUpdate'",
        ),
      ];
    case 'RollingUpdate':
      return ru ? validateNonnegativeField(ru.partition ?? 0, path.child('rollingUpdate').child('partition')) : [];
    default: {
      const repr = `apps.StatefulSetUpdateStrategy{Type:${goQuote(us.type ?? '')}, RollingUpdate:${goPointer('apps.RollingUpdateStatefulSetStrategy', !ru)}}`;
      return [invalidRepr(path, repr, "must be 'RollingUpdate' or 'OnDelete'")];
    }
  }
}

function validateSpec(ss: StatefulSet): FieldError[] {
  const s = ss.spec ?? ({} as Spec);
  const spec = root('spec');
  const errs: FieldError[] = [];
  const pmp = s.podManagementPolicy ?? '';
  if (pmp === '') errs.push(required(spec.child('podManagementPolicy')));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(invalid(spec.child('podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateUpdateStrategy(s, spec));
  const retention = s.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    const rp = spec.child('persistentVolumeClaimRetentionPolicy');
    for (const f of ['whenDeleted', 'whenScaled'] as const) {
      const v = retention[f] ?? '';
      if (!RETENTION.includes(v)) errs.push(notSupported(rp.child(f), v, RETENTION));
    }
  }
  errs.push(...validateNonnegativeField(s.replicas ?? 0, spec.child('replicas')));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  if (s.ordinals) errs.push(...validateNonnegativeField(s.ordinals.start ?? 0, spec.child('ordinals.start')));
  const selector = s.selector;
  if (selector === undefined || selector === null) {
    errs.push(required(spec.child('selector')));
  } else {
    errs.push(...validateLabelSelector(selector, spec.child('selector')));
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
      errs.push(invalidRepr(spec.child('selector'), goLabelSelector(selector), 'empty selector is invalid for statefulset'));
    }
  }
  const sel = labelSelectorAsSelector(selector);
  const tmplPath = spec.child('template');
  const template = s.template ?? {};
  if (!sel.ok) {
    errs.push(invalidRepr(spec.child('selector'), goLabelSelector(selector)));
  } else {
    const labels = template.metadata?.labels;
    if (!sel.empty && !sel.matches(labels)) {
      errs.push(invalidRepr(tmplPath.child('metadata').child('labels'), goStringMap(labels), '`selector` does not match template `labels`'));
    }
    errs.push(...validateLabels(labels ?? {}, tmplPath.child('labels')));
    errs.push(...validateAnnotations(template.metadata?.annotations ?? {}, tmplPath.child('annotations')));
  }
  errs.push(...validateRestartPolicyAlways(template, tmplPath.child('spec'), 'StatefulSet'));
  return errs;
}

/** `ValidateStatefulSet`: DNS-1123 label name and the spec rules. */
export function validateStatefulSet(ss: StatefulSet): FieldError[] {
  const errs = validateObjectMeta(ss.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSLabel }, root('metadata'));
  errs.push(...validateSpec(ss));
  return errs;
}

const MUTABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

/** `ValidateStatefulSetUpdate`: metadata update, spec rules, and the forbidden-field rule. */
export function validateStatefulSetUpdate(ss: StatefulSet, old: StatefulSet): FieldError[] {
  const errs = validateObjectMetaUpdate(ss.metadata ?? {}, old.metadata ?? {}, root('metadata'));
  errs.push(...validateSpec(ss));
  const strip = (s: Spec | undefined): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...(s ?? {}) };
    for (const k of MUTABLE) delete copy[k];
    return copy;
  };
  if (!semanticEqual(strip(ss.spec), strip(old.spec))) {
    errs.push(
      forbidden(
        root('spec'),
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}
