/**
 * Pod update rules after upstream `ValidatePodUpdate` and `ValidatePodStatusUpdate`: only
 * images, activeDeadlineSeconds, added tolerations, removed scheduling gates (and, for gated
 * pods, node selector/affinity additions) may change in a pod's spec.
 */
import { type FieldError, Path, forbidden, invalid, required } from '../../../api/field.js';
import type { Container, ContainerStatus, Pod, PodSpec, Toleration } from '../../../api/types.js';
import { duplicateRepr, goQuote, invalidRepr } from '../gorepr.js';
import { semanticEqual, validateImmutableField, validateObjectMetaUpdate } from '../meta.js';
import { inclusiveRangeError, nameIsDNSSubdomain, validateIP } from '../names.js';
import { validatePodMetadataAndSpec } from './spec.js';
import { type PodValidationOptions, invalids, podValidationOptions, validateQualifiedName } from './common.js';
import { validateTolerations } from './scheduling.js';
import { validatePodSpecificAnnotations } from './security.js';

const MAX_INT32 = 2147483647;

/** Upstream `updatablePodSpecFields`, as listed in the Forbidden message. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

const asTolerations = (t: unknown[], p: Path): FieldError[] => validateTolerations(t as Toleration[], p);

function annotationUpdates(pod: Pod, old: Pod, path: Path, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const a = pod.metadata?.annotations ?? {};
  const o = old.metadata?.annotations ?? {};
  const apparmor = 'container.apparmor.security.beta.kubernetes.io/';
  const mirror = 'kubernetes.io/config.mirror';
  for (const [k, v] of Object.entries(o)) {
    if (k in a && a[k] === v) continue;
    if (k.startsWith(apparmor)) errs.push(forbidden(path.key(k), 'may not remove or update AppArmor annotations'));
    if (k === mirror) errs.push(forbidden(path.key(k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(a)) {
    if (k in o) continue;
    if (k.startsWith(apparmor)) errs.push(forbidden(path.key(k), 'may not add AppArmor annotations'));
    if (k === mirror) errs.push(forbidden(path.key(k), 'may not add mirror pod annotation'));
  }
  errs.push(...validatePodSpecificAnnotations(a, pod.spec ?? { containers: [] }, path, opts, asTolerations));
  return errs;
}

function containerUpdates(next: Container[] | undefined, prev: Container[] | undefined, path: Path): { errs: FieldError[]; stop: boolean } {
  const n = next ?? [];
  if (n.length !== (prev ?? []).length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    const image = c.image ?? '';
    if (!image) errs.push(required(path.index(i).child('image'), ''));
    if (image.trim().length !== image.length) errs.push(invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function onlyAddedTolerations(next: Toleration[] | undefined, prev: Toleration[] | undefined, path: Path): FieldError[] {
  for (const old of prev ?? []) {
    const found = (next ?? []).some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, path);
}

function onlyDeletedSchedulingGates(spec: PodSpec, old: PodSpec, path: Path): FieldError[] {
  const oldNames = new Set((old.schedulingGates ?? []).map((g) => g.name));
  const errs: FieldError[] = [];
  (spec.schedulingGates ?? []).forEach((g, i) => {
    if (!oldNames.has(g.name)) {
      errs.push(forbidden(path.index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${g.name}'`));
    }
  });
  return errs;
}

/** A compact, cmp.Diff-like rendering of the spec fields that differ (upstream prints a full Go diff). */
function specDiff(old: PodSpec, next: PodSpec): string {
  const lines = ['  core.PodSpec{'];
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  for (const k of keys) {
    const a = (old as Record<string, unknown>)[k];
    const b = (next as Record<string, unknown>)[k];
    if (semanticEqual(a, b)) continue;
    const name = k.charAt(0).toUpperCase() + k.slice(1);
    lines.push(`- \t${name}: ${JSON.stringify(a ?? null)},`, `+ \t${name}: ${JSON.stringify(b ?? null)},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/** Upstream `ValidatePodUpdate`: metadata update rules, the new pod's validity, and the spec's mutable subset. */
export function validatePodUpdate(pod: Pod, old: Pod, opts: PodValidationOptions = podValidationOptions(old.spec, old.metadata, true)): FieldError[] {
  const metaPath = new Path('metadata');
  const specPath = new Path('spec');
  const spec = pod.spec ?? { containers: [] };
  const oldSpec = old.spec ?? { containers: [] };
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, metaPath);
  errs.push(...validatePodMetadataAndSpec(pod, opts));
  errs.push(...annotationUpdates(pod, old, metaPath.child('annotations'), opts));
  for (const f of ['containers', 'initContainers'] as const) {
    const r = containerUpdates(spec[f], oldSpec[f], specPath.child(f));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  const oldAds = oldSpec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > MAX_INT32) return [...errs, invalid(specPath.child('activeDeadlineSeconds'), ads, inclusiveRangeError(0, MAX_INT32))];
    if (typeof oldAds === 'number' && oldAds < ads) {
      return [...errs, invalid(specPath.child('activeDeadlineSeconds'), ads, 'must be less than or equal to previous value')];
    }
  } else if (typeof oldAds === 'number') {
    errs.push(invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(spec.tolerations, oldSpec.tolerations, specPath.child('tolerations')));
  errs.push(...onlyDeletedSchedulingGates(spec, oldSpec, specPath.child('schedulingGates')));
  if (semanticEqual(spec, oldSpec)) return errs;
  const munged: PodSpec = structuredClone(spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: oldSpec.containers[i]!.image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: oldSpec.initContainers![i]!.image }));
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (typeof oldGrace === 'number' && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if ((oldSpec.schedulingGates ?? []).length > 0) errs.push(...gatedPodMutations(munged, oldSpec, specPath));
  if (!semanticEqual(munged, oldSpec)) {
    errs.push(forbidden(specPath, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`));
  }
  return errs;
}

/** For gated pods, node selector and required node affinity may only gain terms; accepted changes are folded into `munged`. */
function gatedPodMutations(munged: PodSpec, old: PodSpec, specPath: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!semanticEqual(munged.nodeSelector, old.nodeSelector)) {
    const oldSel = old.nodeSelector ?? {};
    for (const [k, v] of Object.entries(oldSel)) {
      if (munged.nodeSelector?.[k] !== v) {
        errs.push(invalid(specPath.child('nodeSelector'), JSON.stringify(munged.nodeSelector ?? {}), 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
        break;
      }
    }
    munged.nodeSelector = old.nodeSelector;
  }
  const oldNA = old.affinity?.nodeAffinity;
  const newNA = munged.affinity?.nodeAffinity;
  if (!semanticEqual(oldNA, newNA)) {
    const oldTerms = oldNA?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    const newTerms = newNA?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    const p = specPath.child('affinity').child('nodeAffinity').child('requiredDuringSchedulingIgnoredDuringExecution');
    if (oldTerms.length > 0 && oldTerms.length !== newTerms.length) {
      errs.push(invalid(p.child('nodeSelectorTerms'), JSON.stringify(newTerms), 'no additions/deletions to non-empty NodeSelectorTerms list are allowed'));
    }
    if (munged.affinity) munged.affinity = { ...munged.affinity, nodeAffinity: oldNA };
    if (munged.affinity && semanticEqual(munged.affinity, {}) && !old.affinity) delete munged.affinity;
  }
  return errs;
}

function stateTransitions(next: ContainerStatus[] | undefined, prev: ContainerStatus[] | undefined, path: Path, restartPolicy: string, spec?: PodSpec): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errs: FieldError[] = [];
  (prev ?? []).forEach((os, i) => {
    const term = os.state?.terminated;
    if (!term) return;
    if ((term.exitCode ?? 0) !== 0 && restartPolicy === 'OnFailure') return;
    if (spec && (spec.initContainers ?? []).some((c) => c.name === os.name && c.restartPolicy === 'Always')) return;
    for (const ns of next ?? []) {
      if (ns.name === os.name && !ns.state?.terminated) errs.push(forbidden(path.index(i).child('state'), 'may not be transitioned to non-terminated state'));
    }
  });
  return errs;
}

function validateIPList(list: { ip?: string }[] | undefined, path: Path, goType: string): FieldError[] {
  const errs: FieldError[] = [];
  const ips = (list ?? []).map((e) => e.ip ?? '');
  ips.forEach((ip, i) => errs.push(...validateIP(path.index(i), ip)));
  if (ips.length > 1) {
    const repr = (ip: string): string => `core.${goType}{IP:${goQuote(ip)}}`;
    const seen = new Set<string>();
    ips.forEach((ip, i) => {
      if (seen.has(ip)) errs.push(duplicateRepr(path.index(i), repr(ip)));
      seen.add(ip);
    });
    const fam = (ip: string): string => (ip.includes(':') ? '6' : '4');
    if (ips.length > 2 || fam(ips[0]!) === fam(ips[1]!)) {
      errs.push(invalidRepr(path, `[]core.${goType}{${ips.map(repr).join(', ')}}`, 'may specify no more than one IP for each IP family'));
    }
  }
  return errs;
}

/** Upstream `ValidatePodStatusUpdate`: metadata rules, condition types, immutable nodeName/qosClass, no restarts of finished containers, IPs. */
export function validatePodStatusUpdate(pod: Pod, old: Pod, opts: PodValidationOptions = podValidationOptions(old.spec, old.metadata, true)): FieldError[] {
  const metaPath = new Path('metadata');
  const statusPath = new Path('status');
  const status = pod.status ?? {};
  const oldStatus = old.status ?? {};
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, metaPath);
  errs.push(...annotationUpdates(pod, old, metaPath.child('annotations'), opts));
  (status.conditions ?? []).forEach((c, i) => {
    if (c.type === 'PodScheduled' || c.type === 'Ready' || c.type === 'Initialized') return;
    errs.push(...validateQualifiedName(c.type ?? '', metaPath.child('conditions').index(i).child('Type')));
  });
  if ((pod.spec?.nodeName ?? '') !== (old.spec?.nodeName ?? '')) errs.push(forbidden(statusPath.child('nodeName'), 'may not be changed directly'));
  const nnn = status.nominatedNodeName;
  if (nnn && nnn !== oldStatus.nominatedNodeName) errs.push(...invalids(statusPath.child('nominatedNodeName'), nnn, nameIsDNSSubdomain(nnn, false)));
  errs.push(...validateImmutableField(status.qosClass ?? '', oldStatus.qosClass ?? '', statusPath.child('qosClass')));
  const rp = old.spec?.restartPolicy ?? '';
  errs.push(...stateTransitions(status.containerStatuses, oldStatus.containerStatuses, statusPath.child('containerStatuses'), rp));
  errs.push(...stateTransitions(status.initContainerStatuses, oldStatus.initContainerStatuses, statusPath.child('initContainerStatuses'), rp, old.spec));
  errs.push(...stateTransitions(status.ephemeralContainerStatuses, oldStatus.ephemeralContainerStatuses, statusPath.child('ephemeralContainerStatuses'), 'Never'));
  const podIPErrs = validateIPList(status.podIPs, statusPath.child('podIPs'), 'PodIP');
  // Upstream reports the dual-stack error before the duplicates for pod IPs.
  errs.push(...podIPErrs.filter((e) => e.type !== 'FieldValueDuplicate'), ...podIPErrs.filter((e) => e.type === 'FieldValueDuplicate'));
  const hostIPs = status.hostIPs ?? [];
  if (hostIPs.length > 0) {
    if ((status.hostIP ?? '') !== (hostIPs[0]!.ip ?? '')) {
      errs.push(invalid(statusPath.child('hostIPs').index(0).child('ip'), hostIPs[0]!.ip ?? '', 'must be equal to `hostIP`'));
    }
    errs.push(...validateIPList(hostIPs, statusPath.child('hostIPs'), 'HostIP'));
  }
  return errs;
}
