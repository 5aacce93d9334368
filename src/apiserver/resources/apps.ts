/**
 * apps/v1 resources: Deployments, ReplicaSets, StatefulSets, DaemonSets.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet, StoredObject } from '../../api/types.js';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from '../defaults/apps.js';
import { PRINTERS } from '../printers/index.js';
import type { ResourceDef, Strategy } from '../registry/types.js';
import {
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateDeployment,
  validateDeploymentUpdate,
  validateReplicaSet,
  validateReplicaSetUpdate,
} from '../validation/apps.js';
import { validateStatefulSet, validateStatefulSetUpdate } from '../validation/statefulset.js';
import { keepStatus } from './core.js';

type S<T> = T & StoredObject;

function workload<T extends StoredObject>(
  defaults: (o: T) => void,
  validate: (o: T) => ReturnType<NonNullable<Strategy['validate']>>,
  validateUpdate: (o: T, old: T) => ReturnType<NonNullable<Strategy['validate']>>,
): Strategy<T> {
  return {
    generation: true,
    prepareForCreate(o) {
      delete o.status;
    },
    prepareForUpdate: keepStatus,
    defaults,
    validate,
    validateUpdate,
  };
}

export function appsResources(): ResourceDef<StoredObject>[] {
  const base = { group: 'apps', version: 'v1', namespaced: true, categories: ['all'] };
  const defs: ResourceDef<never>[] = [
    {
      ...base,
      kind: 'Deployment',
      plural: 'deployments',
      singular: 'deployment',
      shortNames: ['deploy'],
      subresources: ['status', 'scale'],
      scalable: true,
      strategy: workload<S<Deployment>>(defaultDeployment, validateDeployment, validateDeploymentUpdate) as never,
      printer: PRINTERS['deployments.apps'] as never,
    },
    {
      ...base,
      kind: 'ReplicaSet',
      plural: 'replicasets',
      singular: 'replicaset',
      shortNames: ['rs'],
      subresources: ['status', 'scale'],
      scalable: true,
      strategy: workload<S<ReplicaSet>>(defaultReplicaSet, validateReplicaSet, validateReplicaSetUpdate) as never,
      printer: PRINTERS['replicasets.apps'] as never,
      fieldLabels: (rs: S<ReplicaSet>) => ({ 'status.replicas': String(rs.status?.replicas ?? 0) }),
    },
    {
      ...base,
      kind: 'StatefulSet',
      plural: 'statefulsets',
      singular: 'statefulset',
      shortNames: ['sts'],
      subresources: ['status', 'scale'],
      scalable: true,
      strategy: workload<S<StatefulSet>>(defaultStatefulSet, validateStatefulSet, validateStatefulSetUpdate) as never,
      printer: PRINTERS['statefulsets.apps'] as never,
    },
    {
      ...base,
      kind: 'DaemonSet',
      plural: 'daemonsets',
      singular: 'daemonset',
      shortNames: ['ds'],
      subresources: ['status'],
      strategy: workload<S<DaemonSet>>(defaultDaemonSet, validateDaemonSet, validateDaemonSetUpdate) as never,
      printer: PRINTERS['daemonsets.apps'] as never,
    },
  ];
  return defs as unknown as ResourceDef<StoredObject>[];
}
