/**
 * Builders of plain Deployments and ReplicaSets for the deployment controller's unit tests,
 * shaped like upstream's test helpers (`newDeployment`, `rs`).
 */
import type { Deployment, ReplicaSet } from '../../api/types.js';
import type { IntOrString } from './replicas.js';

/** upstream's newDeployment: RollingUpdate with maxSurge/maxUnavailable 0 unless given. */
export function deployment(replicas: number, opts: { surge?: IntOrString; unavailable?: IntOrString; strategy?: string; revisionHistoryLimit?: number } = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'foo', namespace: 'default', uid: 'd-uid', generation: 1, annotations: {} },
    spec: {
      replicas,
      selector: { matchLabels: { foo: 'bar' } },
      strategy:
        opts.strategy === 'Recreate'
          ? { type: 'Recreate' }
          : { type: 'RollingUpdate', rollingUpdate: { maxSurge: (opts.surge ?? 0) as never, maxUnavailable: (opts.unavailable ?? 0) as never } },
      template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      revisionHistoryLimit: opts.revisionHistoryLimit,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
}

/** upstream's rs(): a ReplicaSet of `replicas`, all of them available, created at `created`. */
export function replicaSet(name: string, replicas: number, created: string, extra: { available?: number; annotations?: Record<string, string>; statusReplicas?: number } = {}): ReplicaSet {
  return {
    metadata: { name, namespace: 'default', uid: `${name}-uid`, creationTimestamp: created, annotations: extra.annotations ?? {}, generation: 1 },
    spec: { replicas, selector: { matchLabels: { foo: 'bar' } }, template: { metadata: { labels: { foo: 'bar' } } } },
    status: { replicas: extra.statusReplicas ?? replicas, availableReplicas: extra.available ?? replicas, readyReplicas: extra.available ?? replicas, observedGeneration: 1 },
  };
}

export const NEW = '2016-05-20T02:00:00Z';
export const OLD = '2016-05-20T01:00:00Z';
export const OLDER = '2016-05-20T00:00:00Z';
