/**
 * Which nodes a DaemonSet runs on and what its pods look like (upstream
 * pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod and daemon/util): the
 * template's nodeName, nodeSelector and required node affinity must match the node, and its
 * NoSchedule/NoExecute taints must be tolerated — daemon pods always tolerate the node-problem
 * taints. Each pod targets its node through required node affinity on `metadata.name`, so the
 * scheduler binds it.
 */
import { clone } from '../../api/meta.js';
import type { DaemonSet, Node, Pod, PodSpec, PodTemplateSpec, Taint, Toleration } from '../../api/types.js';
import { RequiredNodeAffinity } from '../../scheduler/filters/node-selector.js';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  toleratesTaint,
} from '../nodelifecycle/taints.js';
import { revisionHash } from '../statefulset/utils.js';

/** The pod label with the DaemonSet revision hash (apps.DefaultDaemonSetUniqueLabelKey). */
export const DS_REVISION_LABEL = 'controller-revision-hash';

const sameToleration = (a: Toleration, b: Toleration): boolean =>
  (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');

/** AddOrUpdateTolerationInPodSpec: replaces a toleration matching key/operator/value/effect, or appends. */
function addOrUpdateToleration(spec: PodSpec, t: Toleration): void {
  const list = spec.tolerations ?? [];
  const i = list.findIndex((x) => sameToleration(x, t));
  if (i >= 0) list[i] = t;
  else list.push(t);
  spec.tolerations = list;
}

/**
 * AddOrUpdateDaemonPodTolerations: daemon pods tolerate not-ready and unreachable (NoExecute,
 * forever), disk/memory/PID pressure and unschedulable (NoSchedule), and network-unavailable when
 * they use the host network.
 */
export function addDaemonPodTolerations(spec: PodSpec): void {
  addOrUpdateToleration(spec, { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(spec, { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(spec, { key: TAINT_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TAINT_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TAINT_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TAINT_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' });
  if (spec.hostNetwork) addOrUpdateToleration(spec, { key: TAINT_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' });
}

/** NewPod: the pod the DaemonSet would run on `nodeName` (for the predicates). */
export function daemonPodFor(ds: DaemonSet, nodeName: string): Pod {
  const t = clone(ds.spec?.template ?? {});
  const spec: PodSpec = { ...(t.spec ?? { containers: [] }), nodeName };
  addDaemonPodTolerations(spec);
  return { metadata: { ...(t.metadata ?? {}), namespace: ds.metadata?.namespace }, spec };
}

/** The first taint with one of `effects` no toleration tolerates. */
function untolerated(taints: readonly Taint[], tolerations: readonly Toleration[], effects: string[]): Taint | undefined {
  return taints.find((t) => effects.includes(t.effect) && !tolerations.some((x) => toleratesTaint(x, t)));
}

/**
 * NodeShouldRunDaemonPod: `shouldRun` — a daemon pod should be placed on the node; and
 * `shouldContinueRunning` — a daemon pod already there may stay (untolerated NoSchedule taints
 * do not evict it, untolerated NoExecute taints do).
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const name = node.metadata?.name ?? '';
  const templateNode = ds.spec?.template?.spec?.nodeName;
  if (templateNode && templateNode !== name) return { shouldRun: false, shouldContinueRunning: false };
  const pod = daemonPodFor(ds, name);
  if (!new RequiredNodeAffinity(pod).match(node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  const tolerations = pod.spec?.tolerations ?? [];
  if (untolerated(taints, tolerations, ['NoSchedule', 'NoExecute'])) {
    return { shouldRun: false, shouldContinueRunning: !untolerated(taints, tolerations, ['NoExecute']) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: required node affinity `metadata.name In [node]` replaces any required terms. */
export function withNodeNameAffinity(spec: PodSpec, nodeName: string): void {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const affinity = (spec.affinity ??= {});
  const na = (affinity.nodeAffinity ??= {});
  na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
}

/** GetTargetNodeName: the pod's nodeName, or the single node its `metadata.name` affinity names. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    for (const f of t.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/** The DaemonSet's current revision hash (the pods' controller-revision-hash label). */
export function daemonSetHash(ds: DaemonSet): string {
  return revisionHash(ds.spec?.template ?? {}, ds.status?.collisionCount ?? 0);
}

/** CreatePodTemplate: the template with daemon tolerations and the revision hash label. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const t = clone(ds.spec?.template ?? {});
  t.spec ??= { containers: [] };
  addDaemonPodTolerations(t.spec);
  t.metadata = { ...(t.metadata ?? {}), labels: { ...(t.metadata?.labels ?? {}), [DS_REVISION_LABEL]: hash } };
  return t;
}

/** IsPodUpdated: the pod carries the current hash. */
export function isPodUpdated(pod: Pod, hash: string): boolean {
  return pod.metadata?.labels?.[DS_REVISION_LABEL] === hash;
}

/** GetScaledValueFromIntOrPercent with rounding up (maxUnavailable / maxSurge). */
export function scaledValue(v: number | string | undefined, total: number, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (m) return Math.ceil((Number(m[1]) * total) / 100);
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
}
