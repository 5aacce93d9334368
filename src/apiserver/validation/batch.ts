/**
 * batch/v1 Job validation as upstream's pkg/apis/batch/validation with the options the Job
 * strategy passes (prefixed labels required on create, elastic indexed jobs, mutable
 * scheduling directives for suspended never-started jobs), plus `generateJobSelector`, the
 * strategy's selector generation. CronJob is re-exported from cronjob.ts.
 */
import type { FieldError, Path } from '../../api/field.js';
import { invalid, notSupported, required, root, tooLong } from '../../api/field.js';
import type { Job, PodTemplateSpec } from '../../api/types.js';
import { validateLabelSelector, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Label, isDomainPrefixedPath, nameIsDNSSubdomain } from './names.js';
import { validatePodTemplateSpec } from './pod.js';
import { labelSelectorAsSelector, semanticEqual, validateImmutable } from './common.js';
import { goLabelSelector, goStringMap, invalidRepr } from './gorepr.js';
import { validatePodFailurePolicy, validatePodReplacementPolicy, validateSuccessPolicy } from './jobpolicy.js';
import { selectorRepr } from './apps.js';

export { validateCronJob, validateCronJobUpdate } from './cronjob.js';

type JobSpec = NonNullable<Job['spec']>;

/** The labels `generateJobSelector` puts on a Job's pod template (legacy and prefixed forms). */
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';

/**
 * The Job strategy's `generateSelector` (skipped when `spec.manualSelector` is true): adds the
 * job-name and controller-uid labels (legacy and `batch.kubernetes.io/`) to the pod template
 * where absent and selects `batch.kubernetes.io/controller-uid=<uid>`. Needs metadata.uid set.
 */
export function generateJobSelector(job: Job): void {
  job.spec ??= { template: {} } as JobSpec;
  const spec = job.spec;
  if (spec.manualSelector === true) return;
  spec.template ??= {};
  spec.template.metadata ??= {};
  const labels = (spec.template.metadata.labels ??= {});
  const name = job.metadata?.name ?? '';
  const uid = job.metadata?.uid ?? '';
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = name;
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = uid;
  spec.selector ??= {};
  const ml = (spec.selector.matchLabels ??= {});
  if (!(CONTROLLER_UID_LABEL in ml)) ml[CONTROLLER_UID_LABEL] = uid;
}

/** `ValidateHasLabel`: the template must carry `key=expected`. */
function validateHasLabel(template: PodTemplateSpec, key: string, expected: string): FieldError[] {
  const labels = template.metadata?.labels;
  const path = root('spec', 'template', 'metadata', 'labels').key(key);
  if (!labels || !(key in labels)) return [required(path, `must be '${expected}'`)];
  if (labels[key] !== expected) return [invalidRepr(path, goStringMap(labels), `must be '${expected}'`)];
  return [];
}

function validateGeneratedSelector(job: Job, requirePrefixed: boolean): FieldError[] {
  const spec = job.spec;
  if (!spec || spec.manualSelector === true || !spec.selector) return [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  const template = spec.template ?? {};
  const errs: FieldError[] = uid === '' ? [required(root('metadata', 'uid'))] : [];
  errs.push(...validateHasLabel(template, LEGACY_CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(template, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = {};
  if (requirePrefixed) {
    errs.push(...validateHasLabel(template, CONTROLLER_UID_LABEL, uid));
    errs.push(...validateHasLabel(template, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  expected[LEGACY_CONTROLLER_UID_LABEL] = uid;
  expected[LEGACY_JOB_NAME_LABEL] = name;
  const sel = labelSelectorAsSelector(spec.selector);
  if (sel.ok && !sel.matches(expected)) {
    errs.push(invalidRepr(root('spec', 'selector'), goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

/** The selector-independent JobSpec rules (`validateJobSpec`), shared with CronJob templates. */
export function validateJobSpecFields(spec: JobSpec, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const nonneg = (v: number | undefined | null, name: string) => {
    if (v !== undefined && v !== null) errs.push(...validateNonnegativeField(v, path.child(name)));
  };
  nonneg(spec.parallelism, 'parallelism');
  nonneg(spec.completions, 'completions');
  nonneg(spec.activeDeadlineSeconds, 'activeDeadlineSeconds');
  nonneg(spec.backoffLimit, 'backoffLimit');
  nonneg(spec.ttlSecondsAfterFinished, 'ttlSecondsAfterFinished');
  nonneg(spec.backoffLimitPerIndex, 'backoffLimitPerIndex');
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(spec.maxFailedIndexes)) {
    nonneg(spec.maxFailedIndexes, 'maxFailedIndexes');
    if (!has(spec.backoffLimitPerIndex)) errs.push(required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (has(spec.managedBy)) {
    errs.push(...isDomainPrefixedPath(path.child('managedBy'), spec.managedBy!));
    if (spec.managedBy!.length > 63) errs.push(tooLong(path.child('managedBy'), spec.managedBy, 63));
  }
  const mode = spec.completionMode;
  if (has(mode)) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(path.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (!has(spec.completions)) errs.push(required(path.child('completions'), 'when completion mode is Indexed'));
      if (has(spec.parallelism) && spec.parallelism! > 100000) {
        errs.push(invalid(path.child('parallelism'), spec.parallelism, 'must be less than or equal to 100000 when completion mode is Indexed'));
      }
      if (has(spec.completions) && has(spec.maxFailedIndexes) && spec.maxFailedIndexes! > spec.completions!) {
        errs.push(invalid(path.child('maxFailedIndexes'), spec.maxFailedIndexes, 'must be less than or equal to completions'));
      }
      if (has(spec.maxFailedIndexes) && spec.maxFailedIndexes! > 100000) {
        errs.push(invalid(path.child('maxFailedIndexes'), spec.maxFailedIndexes, 'must be less than or equal to 100000'));
      }
    }
  }
  if (!has(mode) || mode === 'NonIndexed') {
    if (has(spec.backoffLimitPerIndex)) errs.push(invalid(path.child('backoffLimitPerIndex'), spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (has(spec.maxFailedIndexes)) errs.push(invalid(path.child('maxFailedIndexes'), spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  if (spec.podFailurePolicy) errs.push(...validatePodFailurePolicy(spec, path.child('podFailurePolicy')));
  if (spec.successPolicy) {
    if (mode !== 'Indexed') errs.push(invalidRepr(path.child('successPolicy'), 'batch.SuccessPolicy{...}', 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy(spec, path.child('successPolicy')));
  }
  errs.push(...validatePodReplacementPolicy(spec, path.child('podReplacementPolicy')));
  const template = spec.template ?? {};
  errs.push(...validatePodTemplateSpec(template, path.child('template')));
  const rp = template.spec?.restartPolicy ?? '';
  const rpPath = path.child('template').child('spec').child('restartPolicy');
  if (rp === 'Always' || rp === '') errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && rp !== 'Never') errs.push(invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

function validateJobSpec(spec: JobSpec): FieldError[] {
  const path = root('spec');
  const errs = validateJobSpecFields(spec, path);
  if (!spec.selector) errs.push(required(path.child('selector')));
  else errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  const sel = labelSelectorAsSelector(spec.selector);
  const labels = spec.template?.metadata?.labels;
  if (sel.ok && !sel.matches(labels)) {
    errs.push(invalidRepr(path.child('template').child('metadata').child('labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

function validateJobWith(job: Job, requirePrefixed: boolean): FieldError[] {
  const errs = validateObjectMeta(job.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, root('metadata'));
  errs.push(...validateGeneratedSelector(job, requirePrefixed));
  const spec = job.spec ?? ({} as JobSpec);
  errs.push(...validateJobSpec(spec));
  if (spec.completionMode === 'Indexed' && (spec.completions ?? 0) > 0) {
    const name = job.metadata?.name ?? '';
    const host = `${name}-${spec.completions! - 1}`;
    if (isDNS1123Label(host).length > 0) {
      errs.push(invalid(root('metadata', 'name'), name, `will not able to create pod with invalid DNS label: ${host}`));
    }
  }
  return errs;
}

/** `ValidateJob` with the create-time options (prefixed selector labels required). */
export function validateJob(job: Job): FieldError[] {
  return validateJobWith(job, true);
}

/** The template with the fields a suspended, never-started Job may change copied from `to`. */
function withMutableDirectives(old: PodTemplateSpec, to: PodTemplateSpec): PodTemplateSpec {
  const oldSpec = { ...(old.spec ?? { containers: [] }) };
  const newSpec = to.spec ?? { containers: [] };
  const newNodeAffinity = newSpec.affinity?.nodeAffinity;
  if (!newSpec.affinity && oldSpec.affinity) {
    const rest = { ...oldSpec.affinity, nodeAffinity: undefined };
    oldSpec.affinity = semanticEqual(rest, {}) ? undefined : rest;
  } else if (newSpec.affinity) {
    oldSpec.affinity = { ...(oldSpec.affinity ?? {}), nodeAffinity: newNodeAffinity };
  }
  oldSpec.nodeSelector = newSpec.nodeSelector;
  oldSpec.tolerations = newSpec.tolerations;
  oldSpec.schedulingGates = newSpec.schedulingGates;
  const oldMeta = { ...(old.metadata ?? {}), annotations: to.metadata?.annotations, labels: to.metadata?.labels };
  return { ...old, metadata: oldMeta, spec: oldSpec };
}

/**
 * What the Job strategy runs on update: `ValidateJob` on the new object, then
 * `ValidateJobUpdate` (which re-validates the spec, so spec errors appear twice as upstream).
 */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const oldLabels = old.spec?.template?.metadata?.labels ?? {};
  const requirePrefixed = JOB_NAME_LABEL in oldLabels && CONTROLLER_UID_LABEL in oldLabels;
  const errs = validateJobWith(job, requirePrefixed);
  errs.push(...validateObjectMetaUpdate(job.metadata ?? {}, old.metadata ?? {}, root('metadata')));
  const spec = job.spec ?? ({} as JobSpec);
  const oldSpec = old.spec ?? ({} as JobSpec);
  const path = root('spec');
  errs.push(...validateJobSpec(spec));
  if (spec.completionMode !== 'Indexed') {
    errs.push(...validateImmutable(spec.completions ?? null, oldSpec.completions ?? null, path.child('completions')));
  } else if (!semanticEqual(spec.completions, oldSpec.completions) && spec.completions !== undefined && spec.completions !== null) {
    if (spec.completions !== spec.parallelism) {
      errs.push(invalid(path.child('completions'), spec.completions, 'can only be modified in tandem with spec.parallelism'));
    }
  }
  errs.push(...validateImmutable(spec.selector, oldSpec.selector, path.child('selector'), selectorRepr));
  const mutable = oldSpec.suspend === true && !old.status?.startTime;
  const oldTemplate = mutable ? withMutableDirectives(oldSpec.template ?? {}, spec.template ?? {}) : oldSpec.template;
  errs.push(...validateImmutable(spec.template, oldTemplate, path.child('template'), () => 'core.PodTemplateSpec{...}'));
  errs.push(...validateImmutable(spec.completionMode ?? null, oldSpec.completionMode ?? null, path.child('completionMode')));
  errs.push(...validateImmutable(spec.podFailurePolicy, oldSpec.podFailurePolicy, path.child('podFailurePolicy'), () => 'batch.PodFailurePolicy{...}'));
  errs.push(...validateImmutable(spec.backoffLimitPerIndex ?? null, oldSpec.backoffLimitPerIndex ?? null, path.child('backoffLimitPerIndex')));
  errs.push(...validateImmutable(spec.managedBy ?? null, oldSpec.managedBy ?? null, path.child('managedBy')));
  errs.push(...validateImmutable(spec.successPolicy, oldSpec.successPolicy, path.child('successPolicy'), () => 'batch.SuccessPolicy{...}'));
  return errs;
}
