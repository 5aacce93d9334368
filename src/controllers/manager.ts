/**
 * The controller manager: starts every controller on shared informers.
 */
import type { KObject, Namespace, ServiceAccount } from '../api/types.js';
import type { ResourceRef } from '../client/resources.js';
import { R } from '../client/resources.js';
import type { Component, ComponentContext } from '../server/components.js';
import { GarbageCollector } from './garbagecollector.js';
import { NamespaceController } from './namespace-controller.js';
import { ServiceAccountController } from './serviceaccount-controller.js';

/** The resources the API serves, as client references (the static equivalent of discovery). */
export function servedResources(ctx: ComponentContext): ResourceRef[] {
  return ctx.api.resources.map((d) => ({ group: d.group, version: d.version, plural: d.plural, kind: d.kind, namespaced: d.namespaced }));
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
  nsCtrl.run();
  saCtrl.run();
  gc.run();
  return {
    name: 'controllers',
    stop: () => {
      nsCtrl.stop();
      saCtrl.stop();
      gc.stop();
    },
  };
}
