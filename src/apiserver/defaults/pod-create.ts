/**
 * What a real 1.32 API server adds to a Pod on create beyond v1 defaulting: the admission
 * plugins' defaults (ServiceAccount, Priority, DefaultTolerationSeconds), the pod strategy's
 * PrepareForCreate (status reset, SchedulingGated condition) and the dropping of fields whose
 * feature gates are off by default in 1.32.
 */
import { forbidden } from '../../api/errors.js';
import type { Container, Pod, PodSpec, Toleration } from '../../api/types.js';

const PODS = { group: '', resource: 'pods' };

/** A PriorityClass as the Priority admission plugin sees it. */
export interface PriorityClassInfo {
  value: number;
  preemptionPolicy?: string;
  globalDefault?: boolean;
}

/** Built-in classes every cluster has. */
export const SYSTEM_PRIORITY_CLASSES: Record<string, PriorityClassInfo> = {
  'system-node-critical': { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' },
  'system-cluster-critical': { value: 2000000000, preemptionPolicy: 'PreemptLowerPriority' },
};

/** Options of `admitPod`. */
export interface PodAdmissionOptions {
  /** Looks up a PriorityClass by name; defaults to the two system classes. */
  priorityClass?: (name: string) => PriorityClassInfo | undefined;
  /** The global-default PriorityClass, if the cluster has one. */
  defaultPriorityClass?: { name: string } & PriorityClassInfo;
  /** When set, mount a `kube-api-access-*` projected token volume of this name (ServiceAccount plugin). */
  tokenVolumeName?: string;
  /** The ServiceAccount's `automountServiceAccountToken` (the pod's own field wins). */
  serviceAccountAutomount?: boolean;
  /** tolerationSeconds of the default not-ready toleration (upstream --default-not-ready-toleration-seconds, 300). */
  notReadyTolerationSeconds?: number;
  /** tolerationSeconds of the default unreachable toleration (upstream --default-unreachable-toleration-seconds, 300). */
  unreachableTolerationSeconds?: number;
}

/** Mount path of the service account token volume. */
export const SERVICE_ACCOUNT_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Applies the default admission plugins' mutations for a pod create: ServiceAccount
 * (`serviceAccountName: default`, optional token volume), Priority (`priority`,
 * `preemptionPolicy`) and DefaultTolerationSeconds. Throws a 403 ApiError as upstream does.
 */
export function admitPod(pod: Pod, opts: PodAdmissionOptions = {}): Pod {
  const spec = (pod.spec ??= { containers: [] });
  const name = pod.metadata?.name ?? '';
  const mirror = pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined;
  if (!mirror) {
    if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
    spec.serviceAccount = spec.serviceAccountName;
    const automount = spec.automountServiceAccountToken ?? opts.serviceAccountAutomount ?? true;
    if (opts.tokenVolumeName && automount) mountServiceAccountToken(spec, opts.tokenVolumeName);
  }
  admitPriority(spec, name, opts);
  addDefaultTolerations(spec, opts.notReadyTolerationSeconds ?? 300, opts.unreachableTolerationSeconds ?? 300);
  return pod;
}

function admitPriority(spec: PodSpec, name: string, opts: PodAdmissionOptions): void {
  let info: PriorityClassInfo;
  if (!spec.priorityClassName) {
    const def = opts.defaultPriorityClass;
    if (def) spec.priorityClassName = def.name;
    info = def ?? { value: 0, preemptionPolicy: 'PreemptLowerPriority' };
  } else {
    const found = (opts.priorityClass ?? ((n: string) => SYSTEM_PRIORITY_CLASSES[n]))(spec.priorityClassName);
    if (!found) throw forbidden(PODS, name, `no PriorityClass with name ${spec.priorityClassName} was found`);
    info = found;
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== info.value) {
    throw forbidden(
      PODS,
      name,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${info.value} from the given PriorityClass name`,
    );
  }
  spec.priority = info.value;
  const policy = info.preemptionPolicy ?? 'PreemptLowerPriority';
  if (spec.preemptionPolicy && spec.preemptionPolicy !== policy) {
    throw forbidden(
      PODS,
      name,
      `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
    );
  }
  spec.preemptionPolicy = policy;
}

/** DefaultTolerationSeconds: tolerate not-ready/unreachable nodes for a while (300 s) unless already tolerated. */
function addDefaultTolerations(spec: PodSpec, notReady: number, unreachable: number): void {
  const tolerations = spec.tolerations ?? [];
  const covers = (t: Toleration, key: string): boolean =>
    (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect);
  const add: Toleration[] = [];
  for (const [key, seconds] of [
    ['node.kubernetes.io/not-ready', notReady],
    ['node.kubernetes.io/unreachable', unreachable],
  ] as const) {
    if (!tolerations.some((t) => covers(t, key))) {
      add.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
    }
  }
  if (add.length > 0) spec.tolerations = [...tolerations, ...add];
}

function mountServiceAccountToken(spec: PodSpec, volumeName: string): void {
  const mount = { name: volumeName, readOnly: true, mountPath: SERVICE_ACCOUNT_TOKEN_MOUNT_PATH };
  let needed = false;
  const visit = (c: Container): void => {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_TOKEN_MOUNT_PATH)) return;
    c.volumeMounts = [...(c.volumeMounts ?? []), { ...mount }];
    needed = true;
  };
  (spec.initContainers ?? []).forEach(visit);
  (spec.containers ?? []).forEach(visit);
  if (!needed || (spec.volumes ?? []).some((v) => v.name === volumeName)) return;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name: volumeName,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  ];
}

/**
 * The pod strategy's PrepareForCreate: status reset to `{phase: Pending}` (callers add
 * `qosClass`), the SchedulingGated condition for gated pods, and disabled fields dropped.
 */
export function preparePodForCreate(pod: Pod): Pod {
  const spec = (pod.spec ??= { containers: [] });
  pod.status = { phase: 'Pending' };
  dropDisabledPodSpecFields(spec);
  if ((spec.schedulingGates ?? []).length > 0) {
    pod.status.conditions = [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
      },
    ];
  }
  return pod;
}

type Loose = Record<string, unknown>;

/**
 * Drops fields behind feature gates that are off by default in 1.32 (pod-level resources,
 * resizePolicy, hostUsers, supplementalGroupsPolicy, seLinuxChangePolicy, procMount, image
 * volumes, DRA claims, ClusterTrustBundle projections), unless the old spec already used them.
 */
export function dropDisabledPodSpecFields(spec: PodSpec, old?: PodSpec): void {
  const s = spec as PodSpec & Loose;
  const o = (old ?? {}) as PodSpec & Loose;
  const sc = s.securityContext as Loose | undefined;
  const osc = (o.securityContext ?? {}) as Loose;
  if (o.hostUsers === undefined) delete s.hostUsers;
  for (const f of ['supplementalGroupsPolicy', 'seLinuxChangePolicy']) {
    if (sc && osc[f] === undefined) delete sc[f];
  }
  if (o.resources === undefined) delete s.resources;
  const containers = [...(s.containers ?? []), ...(s.initContainers ?? []), ...((s.ephemeralContainers ?? []) as Container[])];
  const oldContainers = [...(o.containers ?? []), ...(o.initContainers ?? [])] as Loose[];
  const used = (pred: (c: Loose) => boolean): boolean => oldContainers.some(pred);
  if (!used((c) => c.resizePolicy !== undefined)) for (const c of containers) delete (c as Loose).resizePolicy;
  if (!used((c) => (c.securityContext as Loose | undefined)?.procMount !== undefined)) {
    for (const c of containers) if (c.securityContext) delete (c.securityContext as Loose).procMount;
  }
  if (o.resourceClaims === undefined) {
    delete s.resourceClaims;
    for (const c of containers) if (c.resources) delete (c.resources as Loose).claims;
  }
  const oldVolumes = (o.volumes ?? []) as Loose[];
  if (!oldVolumes.some((v) => v.image !== undefined)) for (const v of s.volumes ?? []) delete (v as Loose).image;
  if (!oldVolumes.some((v) => JSON.stringify(v.projected ?? {}).includes('clusterTrustBundle'))) {
    for (const v of s.volumes ?? []) {
      for (const src of v.projected?.sources ?? []) delete (src as Loose).clusterTrustBundle;
    }
  }
}
