/**
 * Container validation after upstream `validateContainers`, `validateInitContainers`,
 * `validateEphemeralContainers` and `validateContainerCommon`: names, images, ports, env,
 * mounts, pull policy, resources, probes, lifecycle hooks and host port conflicts.
 */
import { type FieldError, type Path, duplicate, forbidden, invalid, notFound, notSupported, required } from '../../../api/field.js';
import type { Container, LifecycleHandler, Probe, Volume } from '../../../api/types.js';
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from '../names.js';
import { validateNonnegativeField } from '../meta.js';
import { type PodValidationOptions, invalids, validateDNS1123Label, validatePortNumOrName } from './common.js';
import { validateEnv, validateEnvFrom } from './env.js';
import { validateContainerResourceRequirements } from './resources.js';
import { validateSecurityContext } from './security.js';
import { validateVolumeMounts, validateVolumeDevices } from './mounts.js';

/** What every container validator needs to know about the pod around it. */
export interface ContainerContext {
  volumes: Map<string, Volume>;
  podClaimNames: Set<string>;
  gracePeriod: number | undefined;
  restartPolicy: string;
  hostUsers: boolean;
  opts: PodValidationOptions;
}

type Dict = Record<string, unknown>;
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateContainerPorts(ports: Container['ports'], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0) errs.push(...invalids(p.child('name'), port.name, msgs));
      else if (names.has(port.name)) errs.push(duplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(p.child('containerPort'), ''));
    else errs.push(...invalids(p.child('containerPort'), port.containerPort, isValidPortNum(port.containerPort)));
    if (port.hostPort) errs.push(...invalids(p.child('hostPort'), port.hostPort, isValidPortNum(port.hostPort)));
    if (!port.protocol) errs.push(required(p.child('protocol'), ''));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(notSupported(p.child('protocol'), port.protocol, PROTOCOLS));
  });
  return errs;
}

function validatePullPolicy(policy: string | undefined, path: Path): FieldError[] {
  if (!policy) return [required(path, '')];
  return PULL_POLICIES.includes(policy) ? [] : [notSupported(path, policy, PULL_POLICIES)];
}

function validateResizePolicy(list: unknown, path: Path, restartPolicy: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  ((list as { resourceName?: string; restartPolicy?: string }[] | undefined) ?? []).forEach((p, i) => {
    const name = p.resourceName ?? '';
    if (seen.has(name)) errs.push(duplicate(path.index(i), name));
    seen.add(name);
    if (!name) errs.push(required(path, ''));
    else if (name !== 'cpu' && name !== 'memory') errs.push(notSupported(path, name, ['cpu', 'memory']));
    const rp = p.restartPolicy ?? '';
    if (!rp) errs.push(required(path, ''));
    else if (rp !== 'NotRequired' && rp !== 'RestartContainer') errs.push(notSupported(path, rp, ['NotRequired', 'RestartContainer']));
    if (restartPolicy === 'Never' && rp !== 'NotRequired') {
      errs.push(invalid(path, rp, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
  });
  return errs;
}

/** Upstream `validateContainerCommon`: checks shared by regular, init and ephemeral containers. */
function validateContainerCommon(c: Container, path: Path, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(path.child('name'), ''));
  else errs.push(...validateDNS1123Label(c.name, path.child('name')));
  if (!c.image) errs.push(required(path.child('image'), ''));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(path.child('terminationMessagePolicy'), ''));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(path.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(c.ports, path.child('ports')));
  errs.push(...validateEnv(c.env, path.child('env'), ctx.opts));
  errs.push(...validateEnvFrom(c.envFrom, path.child('envFrom'), ctx.opts));
  errs.push(...validateVolumeMounts(c, ctx.volumes, path.child('volumeMounts')));
  errs.push(...validateVolumeDevices(c, ctx.volumes, path.child('volumeDevices')));
  errs.push(...validatePullPolicy(c.imagePullPolicy, path.child('imagePullPolicy')));
  errs.push(...validateContainerResourceRequirements(c.resources, ctx.podClaimNames, path.child('resources'), ctx.opts));
  errs.push(...validateResizePolicy((c as Dict).resizePolicy, path.child('resizePolicy'), ctx.restartPolicy));
  errs.push(...validateSecurityContext(c.securityContext, path.child('securityContext'), ctx.hostUsers));
  return errs;
}

/** Upstream `validateContainerOnlyForPod`: no whitespace around the image of a Pod's container. */
export function validateContainerOnlyForPod(c: Container, path: Path): FieldError[] {
  const image = c.image ?? '';
  return image.length !== image.trim().length ? [invalid(path.child('image'), image, 'must not have leading or trailing whitespace')] : [];
}

type Handler = { exec?: unknown; httpGet?: unknown; tcpSocket?: unknown; grpc?: unknown; sleep?: unknown };

function validateHandler(h: Handler, path: Path, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const) {
    const action = h[kind] as Dict | undefined | null;
    if (action === undefined || action === null) continue;
    if (n > 0) {
      errs.push(forbidden(path.child(kind), 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const p = path.child(kind);
    if (kind === 'exec' && !((action.command as unknown[] | undefined) ?? []).length) errs.push(required(p.child('command'), ''));
    if (kind === 'httpGet') {
      if (!action.path) errs.push(required(p.child('path'), ''));
      errs.push(...validatePortNumOrName(action.port, p.child('port')));
      if (action.scheme !== 'HTTP' && action.scheme !== 'HTTPS') errs.push(notSupported(p.child('scheme'), action.scheme ?? '', ['HTTP', 'HTTPS']));
      for (const hdr of (action.httpHeaders as { name?: string }[] | undefined) ?? []) {
        errs.push(...invalids(p.child('httpHeaders'), hdr.name ?? '', isHTTPHeaderName(hdr.name ?? '')));
      }
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(action.port, p.child('port')));
    if (kind === 'grpc') errs.push(...validatePortNumOrName(typeof action.port === 'number' ? action.port : 0, p.child('port')));
    if (kind === 'sleep') errs.push(...validateSleep(action, p, ctx));
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateSleep(action: Dict, path: Path, ctx: ContainerContext): FieldError[] {
  const seconds = typeof action.seconds === 'number' ? action.seconds : 0;
  const grace = ctx.gracePeriod;
  if (grace === undefined) return [];
  if (ctx.opts.allowPodLifecycleSleepActionZeroValue) {
    if (seconds < 0 || seconds > grace) {
      return [invalid(path, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`)];
    }
  } else if (seconds <= 0 || seconds > grace) {
    return [
      invalid(
        path,
        seconds,
        `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
      ),
    ];
  }
  return [];
}

function validateLifecycle(c: Container, path: Path, ctx: ContainerContext): FieldError[] {
  const lc = c.lifecycle;
  if (!lc) return [];
  const errs: FieldError[] = [];
  if (lc.postStart) errs.push(...validateHandler(lc.postStart as LifecycleHandler & Handler, path.child('postStart'), ctx));
  if (lc.preStop) errs.push(...validateHandler(lc.preStop as LifecycleHandler & Handler, path.child('preStop'), ctx));
  return errs;
}

function validateProbe(probe: Probe | undefined, path: Path, ctx: ContainerContext, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!probe) return [];
  const { exec, httpGet, tcpSocket, grpc } = probe;
  const errs = validateHandler({ exec, httpGet, tcpSocket, grpc }, path, ctx);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...validateNonnegativeField(probe[f], path.child(f)));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(invalid(path.child('terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind !== 'readiness' && (probe.successThreshold ?? 0) !== 1) {
    errs.push(invalid(path.child('successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  }
  if (kind === 'readiness' && tgps !== undefined && tgps !== null) {
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
  }
  return errs;
}

function validateProbesAndLifecycle(c: Container, path: Path, ctx: ContainerContext): FieldError[] {
  return [
    ...validateLifecycle(c, path.child('lifecycle'), ctx),
    ...validateProbe(c.livenessProbe, path.child('livenessProbe'), ctx, 'liveness'),
    ...validateProbe(c.readinessProbe, path.child('readinessProbe'), ctx, 'readiness'),
    ...validateProbe(c.startupProbe, path.child('startupProbe'), ctx, 'startup'),
  ];
}

/** Upstream `AccumulateUniqueHostPorts`: one `protocol/hostIP/hostPort` per pod. */
function checkHostPortConflicts(containers: Container[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

/** Upstream `validateContainers`: at least one container, unique names, no restartPolicy. */
export function validateContainers(containers: Container[] | undefined, path: Path, ctx: ContainerContext): FieldError[] {
  const list = containers ?? [];
  if (list.length === 0) return [required(path, '')];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, p, ctx));
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else names.add(c.name);
    errs.push(...validateProbesAndLifecycle(c, p, ctx));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  errs.push(...checkHostPortConflicts(list, path));
  return errs;
}

const INIT_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';

/** Upstream `validateInitContainers`: names unique across init and regular containers; probes only for sidecars. */
export function validateInitContainers(init: Container[] | undefined, regular: Container[] | undefined, path: Path, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (init ?? []).forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, p, ctx));
    let sidecar = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']));
      sidecar = c.restartPolicy === 'Always';
    }
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else if (c.name) names.add(c.name);
    // Upstream checks each init container alone, so the path always says index 0.
    errs.push(...checkHostPortConflicts([c], path));
    if (sidecar) {
      errs.push(...validateProbesAndLifecycle(c, p, ctx));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (c[f] !== undefined && c[f] !== null) errs.push(forbidden(p.child(f), INIT_FORBIDDEN));
      }
    }
    const resize = (c as Dict).resizePolicy as unknown[] | undefined;
    if (!ctx.opts.allowSidecarResizePolicy && resize && resize.length > 0) {
      errs.push(invalid(p.child('resizePolicy'), JSON.stringify(resize), 'must not be set for init containers'));
    }
  });
  return errs;
}

const EPHEMERAL_ALLOWED = new Set([
  'name',
  'image',
  'command',
  'args',
  'workingDir',
  'envFrom',
  'env',
  'volumeMounts',
  'volumeDevices',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'imagePullPolicy',
  'securityContext',
  'stdin',
  'stdinOnce',
  'tty',
  'targetContainerName',
]);
const EPHEMERAL_MSG = 'cannot be set for an Ephemeral Container';

const isZeroValue = (v: unknown): boolean =>
  v === undefined || v === null || v === false || v === 0 || v === '' || (typeof v === 'object' && Object.keys(v).length === 0);

/** Upstream `validateEphemeralContainers`: common checks, unique names, a real target, restricted fields. */
export function validateEphemeralContainers(
  ephemeral: Container[] | undefined,
  containers: Container[] | undefined,
  init: Container[] | undefined,
  path: Path,
  ctx: ContainerContext,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!ephemeral || ephemeral.length === 0) return errs;
  const others = new Set([...(containers ?? []), ...(init ?? [])].map((c) => c.name));
  const all = new Set(others);
  ephemeral.forEach((ec, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(ec, p, ctx));
    errs.push(...validateContainerOnlyForPod(ec, p));
    if (all.has(ec.name)) errs.push(duplicate(p.child('name'), ec.name));
    else all.add(ec.name);
    const target = (ec as Dict).targetContainerName as string | undefined;
    if (target && !others.has(target)) errs.push(notFound(p.child('targetContainerName'), target));
    for (const [k, v] of Object.entries(ec)) if (!EPHEMERAL_ALLOWED.has(k) && !isZeroValue(v)) errs.push(forbidden(p.child(k), EPHEMERAL_MSG));
    (ec.volumeMounts ?? []).forEach((vm, j) => {
      if (vm.subPath) errs.push(forbidden(p.child('volumeMounts').index(j).child('subPath'), EPHEMERAL_MSG));
      if (vm.subPathExpr) errs.push(forbidden(p.child('volumeMounts').index(j).child('subPathExpr'), EPHEMERAL_MSG));
    });
  });
  return errs;
}
