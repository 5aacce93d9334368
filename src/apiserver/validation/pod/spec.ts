/**
 * Pod creation and PodSpec validation after upstream `ValidatePodCreate`,
 * `validatePodMetadataAndSpec`, `ValidatePodSpec` and `ValidatePodTemplateSpec`, composing the
 * container, volume, scheduling and security validators of this directory.
 */
import { type FieldError, Path, duplicate, forbidden, invalid, required } from '../../../api/field.js';
import type { ObjectMeta, Pod, PodSpec, PodTemplateSpec } from '../../../api/types.js';
import { validateAnnotations, validateLabels, validateObjectMeta } from '../meta.js';
import { inclusiveRangeError, nameIsDNSSubdomain } from '../names.js';
import { type PodValidationOptions, defaultPodValidationOptions, invalids, validateDNS1123Label } from './common.js';
import { type ContainerContext, validateContainerOnlyForPod, validateContainers, validateEphemeralContainers, validateInitContainers } from './containers.js';
import { validateContainerResourceRequirements } from './resources.js';
import {
  validateAffinity,
  validateDNSConfig,
  validateEnum,
  validateGates,
  validateHostAliases,
  validateTolerations,
  validateTopologySpreadConstraints,
} from './scheduling.js';
import { validateHostUsers, validatePodSecurityContext, validatePodSpecificAnnotations } from './security.js';
import { validateVolumes } from './volumes.js';

const MAX_INT32 = 2147483647;

/** Upstream `ValidatePodCreate` for a defaulted v1 Pod: metadata (DNS-subdomain names), spec and create-only rules. */
export function validatePod(pod: Pod, opts: PodValidationOptions = defaultPodValidationOptions(true)): FieldError[] {
  const specPath = new Path('spec');
  const errs = validatePodMetadataAndSpec(pod, opts);
  const spec = pod.spec ?? { containers: [] };
  if ((spec.ephemeralContainers ?? []).length > 0) errs.push(forbidden(specPath.child('ephemeralContainers'), 'cannot be set on create'));
  if (spec.nodeName && (spec.schedulingGates ?? []).length > 0) {
    errs.push(forbidden(specPath.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/** Upstream `validatePodMetadataAndSpec`, shared by create and update. */
export function validatePodMetadataAndSpec(pod: Pod, opts: PodValidationOptions): FieldError[] {
  const metaPath = new Path('metadata');
  const specPath = new Path('spec');
  const spec = pod.spec ?? { containers: [] };
  const errs = validateObjectMeta(pod.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }, metaPath);
  errs.push(...validatePodSpecificAnnotations(pod.metadata?.annotations, spec, metaPath.child('annotations'), opts, asTolerations));
  errs.push(...validatePodSpec(spec, pod.metadata, specPath, opts));
  if (!spec.serviceAccountName) {
    (spec.volumes ?? []).forEach((v, vi) => {
      (v.projected?.sources ?? []).forEach((s, si) => {
        if (s.serviceAccountToken) {
          const p = specPath.child('volumes').index(vi).child('projected').child('sources').index(si).child('serviceAccountToken');
          errs.push(forbidden(p, 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  (spec.containers ?? []).forEach((c, i) => errs.push(...validateContainerOnlyForPod(c, specPath.child('containers').index(i))));
  (spec.initContainers ?? []).forEach((c, i) => errs.push(...validateContainerOnlyForPod(c, specPath.child('initContainers').index(i))));
  return errs;
}

const asTolerations = (t: unknown[], p: Path): FieldError[] => validateTolerations(t as PodSpec['tolerations'], p);

/**
 * Upstream `ValidatePodSpec`: volumes, containers (init, regular, ephemeral), policies,
 * security context, scheduling constraints, DNS and the remaining scalar fields.
 * `podMeta` is the pod's metadata (used for ephemeral volume PVC names) or undefined for templates.
 */
export function validatePodSpec(
  spec: PodSpec,
  podMeta: ObjectMeta | undefined,
  path: Path,
  opts: PodValidationOptions = defaultPodValidationOptions(),
): FieldError[] {
  const errs: FieldError[] = [];
  const grace = spec.terminationGracePeriodSeconds;
  if (grace === undefined || grace === null) errs.push(required(path.child('terminationGracePeriodSeconds'), ''));
  const vols = validateVolumes(spec.volumes, podMeta, path.child('volumes'), opts);
  errs.push(...vols.errors);
  const claimNames = new Set((spec.resourceClaims ?? []).map((c) => c.name).filter((n) => !!n));
  errs.push(...validatePodResourceClaims(spec, path.child('resourceClaims')));
  const ctx: ContainerContext = {
    volumes: vols.volumes,
    podClaimNames: claimNames,
    gracePeriod: typeof grace === 'number' ? grace : undefined,
    restartPolicy: spec.restartPolicy ?? '',
    hostUsers: spec.hostUsers !== false,
    opts,
  };
  errs.push(...validateContainers(spec.containers, path.child('containers'), ctx));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, path.child('initContainers'), ctx));
  errs.push(...validateEphemeralContainers(spec.ephemeralContainers, spec.containers, spec.initContainers, path.child('ephemeralContainers'), ctx));
  errs.push(...validateHostNetworkDeps(spec, path, opts));
  errs.push(...validateEnum(spec.restartPolicy, ['Always', 'OnFailure', 'Never'], path.child('restartPolicy')));
  errs.push(...validateEnum(spec.dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], path.child('dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, path.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(spec, path, opts));
  (spec.imagePullSecrets ?? []).forEach((s, i) => {
    if (Object.keys(s).some((k) => k !== 'name')) errs.push(invalid(path.child('imagePullSecrets').index(i), JSON.stringify(s), 'only name may be set'));
  });
  errs.push(...validateAffinity(spec, opts, path.child('affinity')));
  errs.push(...validateDNSConfig(spec, path.child('dnsConfig'), opts));
  errs.push(...validateGates(spec, path));
  errs.push(...validateTopologySpreadConstraints(spec, path.child('topologySpreadConstraints'), opts));
  errs.push(...validateHostUsers(spec, path));
  if (spec.serviceAccountName) errs.push(...invalids(path.child('serviceAccountName'), spec.serviceAccountName, nameIsDNSSubdomain(spec.serviceAccountName, false)));
  if (spec.nodeName) errs.push(...invalids(path.child('nodeName'), spec.nodeName, nameIsDNSSubdomain(spec.nodeName, false)));
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > MAX_INT32)) errs.push(invalid(path.child('activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  if (spec.hostname) errs.push(...validateDNS1123Label(spec.hostname, path.child('hostname')));
  if (spec.subdomain) errs.push(...validateDNS1123Label(spec.subdomain, path.child('subdomain')));
  errs.push(...validateTolerations(spec.tolerations, path.child('tolerations')));
  errs.push(...validateHostAliases(spec, path.child('hostAliases')));
  if (spec.priorityClassName) errs.push(...invalids(path.child('priorityClassName'), spec.priorityClassName, nameIsDNSSubdomain(spec.priorityClassName, false)));
  if (typeof spec.runtimeClassName === 'string') {
    errs.push(...invalids(path.child('runtimeClassName'), spec.runtimeClassName, nameIsDNSSubdomain(spec.runtimeClassName, false)));
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    errs.push(...validateEnum(spec.preemptionPolicy, ['PreemptLowerPriority', 'Never'], path.child('preemptionPolicy')));
  }
  if (spec.overhead) errs.push(...validateContainerResourceRequirements({ limits: spec.overhead }, new Set(), path.child('overhead'), opts));
  errs.push(...validateOS(spec, path));
  return errs;
}

/** Upstream `validatePodResourceClaims` (DRA is off by default in 1.32, but the shape is checked). */
function validatePodResourceClaims(spec: PodSpec, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (spec.resourceClaims ?? []).forEach((c, i) => {
    const p = path.index(i);
    if (!c.name) errs.push(required(p.child('name'), ''));
    else if (seen.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else {
      errs.push(...validateDNS1123Label(c.name, p.child('name')));
      seen.add(c.name);
    }
    const repr = JSON.stringify(c);
    if (c.resourceClaimName && c.resourceClaimTemplateName) {
      errs.push(invalid(p, repr, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    }
    if (!c.resourceClaimName && !c.resourceClaimTemplateName) {
      errs.push(invalid(p, repr, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    }
    if (c.resourceClaimName) errs.push(...invalids(p.child('resourceClaimName'), c.resourceClaimName, nameIsDNSSubdomain(c.resourceClaimName, false)));
    if (c.resourceClaimTemplateName) {
      errs.push(...invalids(p.child('resourceClaimTemplateName'), c.resourceClaimTemplateName, nameIsDNSSubdomain(c.resourceClaimTemplateName, false)));
    }
  });
  return errs;
}

/** Upstream `validatePodHostNetworkDeps`: with hostNetwork, hostPort must equal containerPort. */
function validateHostNetworkDeps(spec: PodSpec, path: Path, opts: PodValidationOptions): FieldError[] {
  if (!spec.hostNetwork) return [];
  const errs: FieldError[] = [];
  (spec.containers ?? []).forEach((c, i) => {
    (c.ports ?? []).forEach((port, j) => {
      const hp = port.hostPort ?? 0;
      if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
        const p = path.child('containers').index(i).child('ports').index(j).child('hostPort');
        errs.push(invalid(p, hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

/** Upstream `validateOS` plus the Linux rule that forbids Windows options. */
function validateOS(spec: PodSpec, path: Path): FieldError[] {
  const os = spec.os;
  if (!os) return [];
  if (!os.name) return [required(path.child('os').child('name'), 'cannot be empty')];
  if (os.name !== 'linux' && os.name !== 'windows') return validateEnum(os.name, ['linux', 'windows'], path.child('os'));
  const errs: FieldError[] = [];
  if (os.name === 'linux') {
    const msg = 'windows options cannot be set for a linux pod';
    if (spec.securityContext?.windowsOptions) errs.push(forbidden(path.child('securityContext').child('windowsOptions'), msg));
    const visit = (list: { securityContext?: { windowsOptions?: unknown } }[] | undefined, field: string): void =>
      (list ?? []).forEach((c, i) => {
        if (c.securityContext?.windowsOptions) errs.push(forbidden(path.child(field).index(i).child('securityContext').child('windowsOptions'), msg));
      });
    visit(spec.initContainers, 'initContainers');
    visit(spec.containers, 'containers');
    visit(spec.ephemeralContainers, 'ephemeralContainers');
  }
  return errs;
}

/**
 * Upstream `ValidatePodTemplateSpec` for workload templates: template labels and annotations
 * (on `<path>.labels`/`<path>.annotations`, as upstream reports them), the spec, and no
 * ephemeral containers. Callers check workload rules such as `restartPolicy: Always`.
 */
export function validatePodTemplateSpec(
  tmpl: PodTemplateSpec | undefined,
  path: Path,
  opts: PodValidationOptions = defaultPodValidationOptions(),
): FieldError[] {
  const meta = tmpl?.metadata ?? {};
  const spec = tmpl?.spec ?? { containers: [] };
  const errs = validateLabels(meta.labels, path.child('labels'));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validatePodSpecificAnnotations(meta.annotations, spec, path.child('annotations'), opts, asTolerations));
  errs.push(...validatePodSpec(spec, undefined, path.child('spec'), opts));
  if ((spec.ephemeralContainers ?? []).length > 0) {
    errs.push(forbidden(path.child('spec').child('ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
