/**
 * Every resource the API serves: names, scope, short names, subresources, printers, field
 * selectors and strategies (defaulting, validation, create/update rules), and the wiring of
 * the hooks and subresource handlers that need server state (allocators, the registry).
 */
import type { StoredObject } from '../../api/types.js';
import { IpAllocator } from '../allocators/ipallocator.js';
import { PortAllocator } from '../allocators/portallocator.js';
import type { ApiServer } from '../apiserver.js';
import { podHooks } from '../admission/pod.js';
import { restoreAllocations, serviceHooks, type ServiceAllocators } from '../admission/service-alloc.js';
import { bindingHandler, evictionHandler, finalizeHandler, scaleHandler } from '../handlers/subresources.js';
import type { ResourceDef } from '../registry/types.js';
import { appsResources } from './apps.js';
import { authResources } from './auth.js';
import { coreResources, namespaceHooks } from './core.js';
import { otherResources } from './other.js';

export function buildResources(): ResourceDef[] {
  return [...coreResources(), ...appsResources(), ...otherResources(), ...authResources()] as unknown as ResourceDef[];
}

export interface WireOptions {
  serviceCidr: string;
  nodePortRange: string;
  /** tolerationSeconds of the default not-ready/unreachable tolerations (upstream 300 each). */
  notReadyTolerationSeconds?: number;
  unreachableTolerationSeconds?: number;
}

export interface Wired {
  allocators: ServiceAllocators;
}

/** Installs hooks and subresource handlers, and restores allocator state from the store. */
export async function wireResources(api: ApiServer, o: WireOptions): Promise<Wired> {
  const reg = api.registry;
  const def = (group: string, plural: string) => {
    const d = api.resources.find((r) => r.group === group && r.plural === plural);
    if (!d) throw new Error(`resource ${plural}.${group} is not defined`);
    return d;
  };
  const allocators: ServiceAllocators = { ips: new IpAllocator(o.serviceCidr), ports: new PortAllocator(o.nodePortRange) };
  const services = def('', 'services');
  restoreAllocations(allocators, (await reg.list(services, '')).items as never);
  reg.setHooks(services, serviceHooks(allocators) as never);
  reg.setHooks(def('', 'pods'), podHooks({ notReadyTolerationSeconds: o.notReadyTolerationSeconds, unreachableTolerationSeconds: o.unreachableTolerationSeconds }) as never);
  reg.setHooks(def('', 'namespaces'), namespaceHooks as never);
  api.subresources.set('pods/binding', bindingHandler(reg));
  api.subresources.set('pods/eviction', evictionHandler(reg));
  api.subresources.set('namespaces/finalize', finalizeHandler(reg));
  api.subresources.set('*/scale', scaleHandler(reg));
  return { allocators };
}

export type { StoredObject };
