/**
 * batch/v1, discovery.k8s.io/v1, networking.k8s.io/v1 and coordination.k8s.io/v1 resources.
 */
import type { EndpointSlice, Ingress, IngressClass, Job, Lease, StoredObject } from '../../api/types.js';
import type { Wire } from '../../api/types.js';
import type { V1CronJob } from '@kubernetes/client-node';
import { defaultCronJob, defaultJob } from '../defaults/batch.js';
import { defaultEndpointSlice } from '../defaults/discovery.js';
import { defaultIngress } from '../defaults/networking.js';
import { PRINTERS } from '../printers/index.js';
import type { ResourceDef } from '../registry/types.js';
import { generateJobSelector, validateCronJob, validateCronJobUpdate, validateJob, validateJobUpdate } from '../validation/batch.js';
import { validateLease, validateLeaseUpdate } from '../validation/coordination.js';
import { validateEndpointSlice, validateEndpointSliceUpdate } from '../validation/discovery.js';
import { validateIngress, validateIngressClass, validateIngressClassUpdate, validateIngressUpdate } from '../validation/networking.js';
import { keepStatus } from './core.js';

type S<T> = T & StoredObject;
type CronJob = Wire<V1CronJob>;

export function otherResources(): ResourceDef<StoredObject>[] {
  const defs: ResourceDef<never>[] = [
    {
      group: 'batch',
      version: 'v1',
      kind: 'Job',
      plural: 'jobs',
      singular: 'job',
      namespaced: true,
      categories: ['all'],
      subresources: ['status'],
      strategy: {
        generation: true,
        defaultPropagation: 'Orphan',
        prepareForCreate(j: S<Job>) {
          delete j.status;
          generateJobSelector(j);
        },
        prepareForUpdate: keepStatus,
        defaults: (j: S<Job>) => defaultJob(j),
        validate: (j: S<Job>) => validateJob(j),
        validateUpdate: (j: S<Job>, old: S<Job>) => validateJobUpdate(j, old),
      } as never,
      printer: PRINTERS['jobs.batch'] as never,
      fieldLabels: (j: S<Job>) => ({ 'status.successful': String(j.status?.succeeded ?? 0) }),
    },
    {
      group: 'batch',
      version: 'v1',
      kind: 'CronJob',
      plural: 'cronjobs',
      singular: 'cronjob',
      namespaced: true,
      shortNames: ['cj'],
      categories: ['all'],
      subresources: ['status'],
      strategy: {
        generation: true,
        prepareForCreate(j: S<CronJob>) {
          delete j.status;
        },
        prepareForUpdate: keepStatus,
        defaults: (j: S<CronJob>) => defaultCronJob(j),
        validate: (j: S<CronJob>) => validateCronJob(j),
        validateUpdate: (j: S<CronJob>, old: S<CronJob>) => validateCronJobUpdate(j, old),
      } as never,
      printer: PRINTERS['cronjobs.batch'] as never,
    },
    {
      group: 'discovery.k8s.io',
      version: 'v1',
      kind: 'EndpointSlice',
      plural: 'endpointslices',
      singular: 'endpointslice',
      namespaced: true,
      strategy: {
        generation: (e: S<EndpointSlice>) => [e.endpoints, e.ports, e.metadata.labels],
        defaults: (e: S<EndpointSlice>) => defaultEndpointSlice(e),
        validate: (e: S<EndpointSlice>) => validateEndpointSlice(e),
        validateUpdate: (e: S<EndpointSlice>, old: S<EndpointSlice>) => validateEndpointSliceUpdate(e, old),
      } as never,
      printer: PRINTERS['endpointslices.discovery.k8s.io'] as never,
    },
    {
      group: 'networking.k8s.io',
      version: 'v1',
      kind: 'Ingress',
      plural: 'ingresses',
      singular: 'ingress',
      namespaced: true,
      shortNames: ['ing'],
      subresources: ['status'],
      strategy: {
        generation: true,
        prepareForCreate(i: S<Ingress>) {
          i.status = { loadBalancer: {} };
        },
        prepareForUpdate: keepStatus,
        defaults: (i: S<Ingress>) => defaultIngress(i),
        validate: (i: S<Ingress>) => validateIngress(i),
        validateUpdate: (i: S<Ingress>, old: S<Ingress>) => validateIngressUpdate(i, old),
      } as never,
      printer: PRINTERS['ingresses.networking.k8s.io'] as never,
    },
    {
      group: 'networking.k8s.io',
      version: 'v1',
      kind: 'IngressClass',
      plural: 'ingressclasses',
      singular: 'ingressclass',
      namespaced: false,
      strategy: {
        generation: true,
        validate: (i: S<IngressClass>) => validateIngressClass(i),
        validateUpdate: (i: S<IngressClass>, old: S<IngressClass>) => validateIngressClassUpdate(i, old),
      } as never,
      printer: PRINTERS['ingressclasses.networking.k8s.io'] as never,
    },
    {
      group: 'coordination.k8s.io',
      version: 'v1',
      kind: 'Lease',
      plural: 'leases',
      singular: 'lease',
      namespaced: true,
      strategy: {
        validate: (l: S<Lease>) => validateLease(l),
        validateUpdate: (l: S<Lease>, old: S<Lease>) => validateLeaseUpdate(l, old),
      } as never,
      printer: PRINTERS['leases.coordination.k8s.io'] as never,
    },
  ];
  return defs as unknown as ResourceDef<StoredObject>[];
}
