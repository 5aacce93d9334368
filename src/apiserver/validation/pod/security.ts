/**
 * Security-related Pod validation after upstream: container and pod security contexts
 * (user/group IDs, procMount, seccomp, AppArmor, sysctls, fsGroupChangePolicy), host
 * namespace rules, and the pod-specific annotations (mirror, deletion cost, seccomp, AppArmor).
 */
import { type FieldError, type Path, duplicate, forbidden, invalid, notSupported, required, tooLong } from '../../../api/field.js';
import type { Container, PodSpec } from '../../../api/types.js';

type SecurityContext = NonNullable<Container['securityContext']>;
type PodSecurityContext = NonNullable<PodSpec['securityContext']>;
import { isValidGroupID, isValidUserID } from '../names.js';
import { type PodValidationOptions, invalids, validDeletionCost, validateLocalDescendingPath } from './common.js';

type Dict = Record<string, unknown>;
type Profile = { type?: string; localhostProfile?: string } | undefined | null;

function validateSeccompProfileField(sp: Profile, path: Path): FieldError[] {
  if (!sp) return [];
  const errs: FieldError[] = [];
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (!sp.type) errs.push(required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (!types.includes(sp.type)) errs.push(notSupported(path.child('type'), sp.type, types));
  if (sp.type === 'Localhost') {
    if (sp.localhostProfile === undefined || sp.localhostProfile === null) {
      errs.push(required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    } else {
      errs.push(...validateLocalDescendingPath(sp.localhostProfile, path.child('localhostProfile')));
    }
  } else if (sp.localhostProfile !== undefined && sp.localhostProfile !== null) {
    errs.push(invalid(path.child('localhostProfile'), sp.localhostProfile, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

function validateAppArmorProfileField(profile: Profile, path: Path): FieldError[] {
  if (!profile) return [];
  const errs: FieldError[] = [];
  const lp = profile.localhostProfile;
  switch (profile.type) {
    case 'Localhost':
      if (lp === undefined || lp === null) {
        errs.push(required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
      } else {
        if (lp.trim() !== lp) errs.push(invalid(path.child('localhostProfile'), lp, 'must not be padded with whitespace'));
        else if (lp === '') errs.push(required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
        if (Buffer.byteLength(lp) > 4095) errs.push(tooLong(path.child('localhostProfile'), '', 4095));
      }
      break;
    case 'RuntimeDefault':
    case 'Unconfined':
      if (lp !== undefined && lp !== null) errs.push(invalid(path.child('localhostProfile'), lp, 'can only be set when AppArmor type is Localhost'));
      break;
    case '':
    case undefined:
      errs.push(required(path.child('type'), 'type is required when appArmorProfile is set'));
      break;
    default:
      errs.push(notSupported(path.child('type'), profile.type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  return errs;
}

/** Upstream `ValidateSecurityContext` for a container (privileged containers are allowed). */
export function validateSecurityContext(sc: SecurityContext | undefined, path: Path, hostUsers: boolean): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (typeof sc.runAsUser === 'number') errs.push(...invalids(path.child('runAsUser'), sc.runAsUser, isValidUserID(sc.runAsUser)));
  if (typeof sc.runAsGroup === 'number') errs.push(...invalids(path.child('runAsGroup'), sc.runAsGroup, isValidGroupID(sc.runAsGroup)));
  if (sc.procMount !== undefined && sc.procMount !== null) {
    if (sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') {
      errs.push(notSupported(path.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
    }
    if (hostUsers && sc.procMount === 'Unmasked') errs.push(invalid(path.child('procMount'), sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, path.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    const repr = JSON.stringify(sc);
    if (sc.privileged === true) errs.push(invalid(path, repr, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === 'CAP_SYS_ADMIN') errs.push(invalid(path, repr, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateAppArmorProfileField(sc.appArmorProfile, path.child('appArmorProfile')));
  return errs;
}

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_FMT = `(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}`;
const SYSCTL_RE = new RegExp(`^${SYSCTL_FMT}$`);

/** The kernel namespace a sysctl belongs to (upstream `utilsysctl.GetNamespace`), for the host-namespace rule. */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const n = name.replace(/\//g, '.');
  if (n.startsWith('net.')) return 'net';
  if (n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n === 'kernel.sem' || n.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

function validateSysctls(spec: PodSpec, path: Path, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (spec.securityContext?.sysctls ?? []).forEach((s, i) => {
    const p = path.index(i).child('name');
    if (!s.name) errs.push(required(p, ''));
    else if (s.name.length > 253 || !SYSCTL_RE.test(s.name)) errs.push(invalid(p, s.name, `must have at most 253 characters and match regex ${SYSCTL_FMT}`));
    else if (names.has(s.name)) errs.push(duplicate(p, s.name));
    if (!opts.allowNamespacedSysctlsForHostNetAndHostIPC) {
      const ns = sysctlNamespace(s.name ?? '');
      if (spec.hostNetwork && ns === 'net') errs.push(invalid(p, s.name, "may not be specified when 'hostNetwork' is true"));
      else if (spec.hostIPC && ns === 'ipc') errs.push(invalid(p, s.name, "may not be specified when 'hostIPC' is true"));
    }
    names.add(s.name);
  });
  return errs;
}

/** Upstream `validatePodSpecSecurityContext` (host namespace flags live on the v1 PodSpec). */
export function validatePodSecurityContext(spec: PodSpec, specPath: Path, opts: PodValidationOptions): FieldError[] {
  const sc: (PodSecurityContext & Dict) | undefined = spec.securityContext;
  if (!sc) return [];
  const path = specPath.child('securityContext');
  const errs: FieldError[] = [];
  if (typeof sc.fsGroup === 'number') errs.push(...invalids(path.child('fsGroup'), sc.fsGroup, isValidGroupID(sc.fsGroup)));
  if (typeof sc.runAsUser === 'number') errs.push(...invalids(path.child('runAsUser'), sc.runAsUser, isValidUserID(sc.runAsUser)));
  if (typeof sc.runAsGroup === 'number') errs.push(...invalids(path.child('runAsGroup'), sc.runAsGroup, isValidGroupID(sc.runAsGroup)));
  (sc.supplementalGroups ?? []).forEach((g, i) => errs.push(...invalids(path.child('supplementalGroups').index(i), g, isValidGroupID(g))));
  if (spec.shareProcessNamespace === true && spec.hostPID) {
    errs.push(invalid(path.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  if ((sc.sysctls ?? []).length > 0) errs.push(...validateSysctls(spec, path.child('sysctls'), opts));
  const fgcp = sc.fsGroupChangePolicy;
  if (fgcp !== undefined && fgcp !== null && fgcp !== 'OnRootMismatch' && fgcp !== 'Always') {
    errs.push(notSupported(path.child('fsGroupChangePolicy'), fgcp, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, path.child('seccompProfile')));
  errs.push(...validateAppArmorProfileField(sc.appArmorProfile, path.child('appArmorProfile')));
  const sgp = sc.supplementalGroupsPolicy;
  if (sgp !== undefined && sgp !== null && sgp !== 'Merge' && sgp !== 'Strict') {
    errs.push(notSupported(path.child('supplementalGroupsPolicy'), sgp, ['Merge', 'Strict']));
  }
  const selcp = sc.seLinuxChangePolicy;
  if (selcp !== undefined && selcp !== null) {
    const allowed = opts.allowOnlyRecursiveSELinuxChangePolicy ? ['Recursive'] : ['MountOption', 'Recursive'];
    if (!allowed.includes(String(selcp))) errs.push(notSupported(path.child('seLinuxChangePolicy'), selcp, allowed));
  }
  return errs;
}

/** Upstream `validateHostUsers`: with `hostUsers: false` no host namespaces (paths as upstream spells them). */
export function validateHostUsers(spec: PodSpec, specPath: Path): FieldError[] {
  if (spec.hostUsers !== false) return [];
  const errs: FieldError[] = [];
  const why = 'when `pod.Spec.HostUsers` is false';
  if (spec.hostNetwork) errs.push(forbidden(specPath.child('hostNetwork'), why));
  if (spec.hostPID) errs.push(forbidden(specPath.child('HostPID'), why));
  if (spec.hostIPC) errs.push(forbidden(specPath.child('HostIPC'), why));
  return errs;
}

function validateSeccompAnnotation(value: string, path: Path): FieldError[] {
  if (['runtime/default', 'docker/default', 'unconfined'].includes(value)) return [];
  if (value.startsWith('localhost/')) return validateLocalDescendingPath(value.slice('localhost/'.length), path);
  return [invalid(path, value, 'must be a valid seccomp profile')];
}

function containerNames(spec: PodSpec): Set<string> {
  return new Set([...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name));
}

/** Upstream `ValidatePodSpecificAnnotations`: mirror pods, tolerations annotation, deletion cost, seccomp and AppArmor annotations. */
export function validatePodSpecificAnnotations(
  annotations: Record<string, string> | undefined,
  spec: PodSpec,
  path: Path,
  opts: PodValidationOptions,
  validateTolerations: (t: unknown[], p: Path) => FieldError[],
): FieldError[] {
  const a = annotations ?? {};
  const errs: FieldError[] = [];
  const mirror = a['kubernetes.io/config.mirror'];
  if (mirror !== undefined && !spec.nodeName) {
    errs.push(invalid(path.key('kubernetes.io/config.mirror'), mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const tolKey = 'scheduler.alpha.kubernetes.io/tolerations';
  if (a[tolKey]) {
    try {
      const parsed: unknown = JSON.parse(a[tolKey]);
      if (parsed !== null && !Array.isArray(parsed)) throw new Error('json: cannot unmarshal into Go value of type []core.Toleration');
      if (Array.isArray(parsed) && parsed.length > 0) errs.push(...validateTolerations(parsed, path.child(tolKey)));
    } catch (e) {
      errs.push(invalid(path, tolKey, (e as Error).message));
    }
  }
  if (!opts.allowInvalidPodDeletionCost && !validDeletionCost(a)) {
    const key = 'controller.kubernetes.io/pod-deletion-cost';
    errs.push(invalid(path.key(key), a[key], 'must be a 32bit integer'));
  }
  if (a['seccomp.security.alpha.kubernetes.io/pod'] !== undefined) {
    errs.push(...validateSeccompAnnotation(a['seccomp.security.alpha.kubernetes.io/pod'], path.child('seccomp.security.alpha.kubernetes.io/pod')));
  }
  for (const [k, v] of Object.entries(a)) {
    if (k.startsWith('container.seccomp.security.alpha.kubernetes.io/')) errs.push(...validateSeccompAnnotation(v, path.child(k)));
  }
  const names = containerNames(spec);
  for (const [k, v] of Object.entries(a)) {
    const prefix = 'container.apparmor.security.beta.kubernetes.io/';
    if (!k.startsWith(prefix)) continue;
    const container = k.slice(prefix.length);
    if (!names.has(container)) errs.push(invalid(path.key(k), container, 'container not found'));
    if (v !== '' && v !== 'runtime/default' && v !== 'unconfined' && !v.startsWith('localhost/')) {
      errs.push(invalid(path.key(k), v, `invalid AppArmor profile name: ${JSON.stringify(v)}`));
    }
  }
  return errs;
}
