/**
 * Defaulting of apps/v1 workloads as upstream's pkg/apis/apps/v1/defaults.go, plus the pod
 * template defaults each one's template receives.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../../api/types.js';
import { defaultPodTemplateSpec } from './pod.js';

/**
 * `SetDefaults_Deployment`: replicas 1, strategy RollingUpdate with maxUnavailable and maxSurge
 * 25%, revisionHistoryLimit 10, progressDeadlineSeconds 600.
 */
export function defaultDeployment(d: Deployment): void {
  const spec = (d.spec ??= {} as NonNullable<Deployment['spec']>);
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  const strategy = (spec.strategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
  defaultPodTemplateSpec((spec.template ??= {}));
}

/** `SetDefaults_ReplicaSet`: replicas 1. */
export function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {} as NonNullable<ReplicaSet['spec']>);
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  defaultPodTemplateSpec((spec.template ??= {}));
}

/**
 * `SetDefaults_StatefulSet`: podManagementPolicy OrderedReady, updateStrategy RollingUpdate
 * (with `rollingUpdate: {partition: 0}` when the type was unset, partition 0 whenever
 * rollingUpdate is given), PVC retention policy Retain/Retain, replicas 1,
 * revisionHistoryLimit 10; volume claim templates get the PVC defaults.
 */
export function defaultStatefulSet(ss: StatefulSet): void {
  const spec = (ss.spec ??= {} as NonNullable<StatefulSet['spec']>);
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const us = (spec.updateStrategy ??= {});
  if (!us.type) {
    us.type = 'RollingUpdate';
    us.rollingUpdate ??= {};
  }
  if (us.type === 'RollingUpdate' && us.rollingUpdate && (us.rollingUpdate.partition === undefined || us.rollingUpdate.partition === null)) {
    us.rollingUpdate.partition = 0;
  }
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  defaultPodTemplateSpec((spec.template ??= {}));
  for (const pvc of spec.volumeClaimTemplates ?? []) {
    // PVC defaults, and the TypeMeta the apps/v1 conversion writes on each template.
    pvc.apiVersion = 'v1';
    pvc.kind = 'PersistentVolumeClaim';
    const pvcSpec = (pvc.spec ??= {});
    if (!pvcSpec.volumeMode) pvcSpec.volumeMode = 'Filesystem';
    const status = (pvc.status ??= {});
    if (!status.phase) status.phase = 'Pending';
  }
}

/**
 * `SetDefaults_DaemonSet`: updateStrategy RollingUpdate with maxUnavailable 1 and maxSurge 0,
 * revisionHistoryLimit 10.
 */
export function defaultDaemonSet(ds: DaemonSet): void {
  const spec = (ds.spec ??= {} as NonNullable<DaemonSet['spec']>);
  const us = (spec.updateStrategy ??= {});
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = (us.rollingUpdate ??= {});
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = 1;
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  defaultPodTemplateSpec((spec.template ??= {}));
}
