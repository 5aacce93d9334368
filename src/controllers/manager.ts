/**
 * The controller manager: starts every controller on shared informers.
 */
import type { ConfigMap, KObject, Namespace, ServiceAccount } from '../api/types.js';
import type { ResourceRef } from '../client/resources.js';
import { R } from '../client/resources.js';
import type { Component, ComponentContext } from '../server/components.js';
import { EndpointsController } from './endpoints/endpoints-controller.js';
import { EndpointSliceController } from './endpointslice/endpointslice-controller.js';
import { EndpointSliceMirroringController } from './endpointslice/mirroring-controller.js';
import { DeploymentController } from './deployment-controller.js';
import { GarbageCollector } from './garbagecollector.js';
import { ReplicaSetController } from './replicaset-controller.js';
import { DaemonSetController } from './daemonset/daemonset-controller.js';
import { JobController } from './job/job-controller.js';
import { TTLAfterFinishedController } from './job/ttl-after-finished.js';
import { NodeLifecycleController } from './nodelifecycle/node-lifecycle-controller.js';
import { PodGCController } from './podgc/podgc-controller.js';
import { StatefulSetController } from './statefulset/statefulset-controller.js';
import { NamespaceController } from './namespace-controller.js';
import { RootCaPublisher } from './root-ca-publisher.js';
import { ServiceAccountController } from './serviceaccount-controller.js';

/**
 * The stored resources the API serves, as client references (the static equivalent of discovery):
 * as upstream's "deletable resources", those that can be listed, watched and deleted.
 */
export function servedResources(ctx: ComponentContext): ResourceRef[] {
  return ctx.api.resources
    .filter((d) => !d.verbs || ['list', 'watch', 'delete'].every((v) => d.verbs!.includes(v)))
    .map((d) => ({ group: d.group, version: d.version, plural: d.plural, kind: d.kind, namespaced: d.namespaced }));
}

export async function startControllers(ctx: ComponentContext): Promise<Component> {
  const f = ctx.informers;
  const served = servedResources(ctx);
  const namespaces = f.for<Namespace>(R.namespaces);
  const nsCtrl = new NamespaceController(ctx.client, namespaces, served.filter((r) => r.namespaced));
  const saCtrl = new ServiceAccountController(ctx.client, namespaces, f.for<ServiceAccount>(R.serviceaccounts));
  // The garbage collector watches every kind that can own or be owned.
  const gcKinds = served.filter((r) => r.plural !== 'events');
  const gc = new GarbageCollector(
    ctx.client,
    gcKinds.map((r) => f.for<KObject>(r)),
  );
  const controllers: { run(): void; stop(): void }[] = [
    nsCtrl,
    saCtrl,
    gc,
    new EndpointsController(ctx.client, f),
    new EndpointSliceController(ctx.client, f, ctx.maxEndpointsPerSlice ? { maxEndpointsPerSlice: ctx.maxEndpointsPerSlice } : {}),
    new EndpointSliceMirroringController(ctx.client, f),
    new ReplicaSetController(ctx.client, f),
    new DeploymentController(ctx.client, f),
    new StatefulSetController(ctx.client, f),
    new DaemonSetController(ctx.client, f),
    new JobController(ctx.client, f),
    new TTLAfterFinishedController(ctx.client, f),
    new NodeLifecycleController(ctx.client, f, ctx.nodeMonitorGracePeriodMs ? { nodeMonitorGracePeriodMs: ctx.nodeMonitorGracePeriodMs } : {}),
    new PodGCController(ctx.client, f),
  ];
  if (ctx.rootCa) controllers.push(new RootCaPublisher(ctx.client, namespaces, f.for<ConfigMap>(R.configmaps), ctx.rootCa));
  for (const c of controllers) c.run();
  return {
    name: 'controllers',
    stop: () => {
      for (const c of controllers) c.stop();
    },
  };
}
