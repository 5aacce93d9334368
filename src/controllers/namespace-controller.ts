/**
 * Namespace controller (upstream pkg/controller/namespace): when a namespace is deleted (phase
 * Terminating), deletes everything in it, waits until nothing is left (pods may take their grace
 * period, other objects their finalizers), then removes the `kubernetes` finalizer so the
 * namespace itself goes. On every pass it reports how far it got in the namespace's status
 * conditions, as upstream's deleter does: NamespaceDeletionDiscoveryFailure,
 * NamespaceDeletionGroupVersionParsingFailure, NamespaceDeletionContentFailure,
 * NamespaceContentRemaining and NamespaceFinalizersRemaining — True with the failure, or False
 * with upstream's "all is well" reason and message.
 */
import { isApiError } from '../api/errors.js';
import { rfc3339 } from '../api/meta.js';
import type { KObject, Namespace, Pod } from '../api/types.js';
import type { Client } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import type { ResourceRef } from '../client/resources.js';
import { apiVersion, R, resourcePath } from '../client/resources.js';
import { WorkQueue } from '../client/workqueue.js';
import { logger } from '../util/log.js';
import { aggregate } from './endpointslice/endpointslice-controller.js';

const log = logger('namespace-controller');

export type NamespaceCondition = NonNullable<NonNullable<Namespace['status']>['conditions']>[number];

/** The condition types the deleter maintains, in upstream's order. */
export const NAMESPACE_CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;
type ConditionType = (typeof NAMESPACE_CONDITION_TYPES)[number];

const OK: Record<ConditionType, { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
};

/** Upstream's default wait for finalizers found on items pending deletion (seconds). */
const FINALIZER_ESTIMATE_SECONDS = 15;

/** Discovery that could not reach some group versions (client-go's ErrGroupDiscoveryFailed). */
export class GroupDiscoveryFailedError extends Error {
  constructor(
    /** What could be discovered. */
    readonly resources: ResourceRef[],
    /** Failing group versions ("apps/v1", "v1") and why. */
    readonly groups: Map<string, Error>,
  ) {
    const parts = [...groups].map(([gv, err]) => `${gv}: ${err.message}`).sort();
    super(`unable to retrieve the complete list of server APIs: ${parts.join(', ')}`);
  }
}

/** The namespaced resources to empty out; may fail, partly (GroupDiscoveryFailedError) or wholly. */
export type DiscoverResources = () => ResourceRef[] | Promise<ResourceRef[]>;

/** schema.ParseGroupVersion: "", "v1", "apps/v1" parse; anything with more slashes does not. */
export function parseGroupVersion(gv: string): { group: string; version: string } {
  if (gv === '' || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: gv };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  throw new Error(`unexpected GroupVersion string: ${gv}`);
}

/** How schema.GroupVersionResource prints. */
const gvrString = (r: ResourceRef): string => `${r.group}/${r.version}, Resource=${r.plural}`;

/** What one deletion pass found; turned into the namespace's conditions by `namespaceConditions`. */
export interface DeletionReport {
  discoveryError?: Error;
  groupVersionError?: Error;
  contentErrors: Error[];
  /** Items left per resource, as "plural.group". */
  remaining: Map<string, number>;
  /** Items left per finalizer they carry. */
  finalizers: Map<string, number>;
}

/** The conditions a pass reports: one per type, True on a problem, False with upstream's OK wording. */
export function reportConditions(r: DeletionReport, now = rfc3339()): NamespaceCondition[] {
  const out = new Map<ConditionType, NamespaceCondition>();
  const bad = (type: ConditionType, reason: string, message: string) => out.set(type, { type, status: 'True', lastTransitionTime: now, reason, message });
  if (r.discoveryError) {
    const e = r.discoveryError;
    bad('NamespaceDeletionDiscoveryFailure', 'DiscoveryFailed', e instanceof GroupDiscoveryFailedError ? `Discovery failed for some groups, ${e.groups.size} failing: ${e.message}` : e.message);
  }
  if (r.groupVersionError) bad('NamespaceDeletionGroupVersionParsingFailure', 'GroupVersionParsingFailed', r.groupVersionError.message);
  if (r.contentErrors.length) {
    const msgs = r.contentErrors.map((e) => e.message).sort();
    bad('NamespaceDeletionContentFailure', 'ContentDeletionFailed', `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(', ')}`);
  }
  if (r.remaining.size) {
    const parts = [...r.remaining].filter(([, n]) => n > 0).map(([res, n]) => `${res} has ${n} resource instances`).sort();
    bad('NamespaceContentRemaining', 'SomeResourcesRemain', `Some resources are remaining: ${parts.join(', ')}`);
  }
  if (r.finalizers.size) {
    const parts = [...r.finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
    bad('NamespaceFinalizersRemaining', 'SomeFinalizerRemain', `Some finalizers are remaining: ${parts.join(', ')}`);
  }
  return NAMESPACE_CONDITION_TYPES.map((type) => out.get(type) ?? { type, status: 'False', lastTransitionTime: now, ...OK[type] });
}

/**
 * Merges a pass's conditions into the current ones as upstream's updateConditions does: a
 * condition is replaced when its status, reason or message differ, keeping its
 * lastTransitionTime unless the status flips. Returns undefined when nothing changed.
 */
export function mergeConditions(current: NamespaceCondition[] | undefined, next: NamespaceCondition[]): NamespaceCondition[] | undefined {
  const out = (current ?? []).map((c) => ({ ...c }));
  let changed = false;
  for (const n of next) {
    const old = out.find((c) => c.type === n.type);
    if (!old) {
      out.push(n);
      changed = true;
    } else if (old.status !== n.status || old.reason !== n.reason || old.message !== n.message) {
      if (old.status !== n.status) old.lastTransitionTime = n.lastTransitionTime;
      old.status = n.status;
      old.reason = n.reason;
      old.message = n.message;
      changed = true;
    }
  }
  return changed ? out : undefined;
}

export class NamespaceController {
  private queue = new WorkQueue<string>({ baseDelayMs: 200, maxDelayMs: 5000 });
  private discover: DiscoverResources;

  constructor(
    private client: Client,
    private namespaces: Informer<Namespace>,
    /** Every namespaced resource to empty out, or how to discover them. */
    resources: ResourceRef[] | DiscoverResources,
  ) {
    this.discover = typeof resources === 'function' ? resources : () => resources;
    namespaces.on({
      add: (ns) => this.enqueue(ns),
      update: (_o, ns) => this.enqueue(ns),
    });
  }

  private enqueue(ns: Namespace): void {
    if (ns.metadata?.deletionTimestamp) this.queue.add(ns.metadata.name!);
  }

  run(): void {
    void this.queue.run(2, (name) => this.sync(name), (name, err) => log.warn({ namespace: name, err: (err as Error).message }, 'sync failed'));
  }

  stop(): void {
    this.queue.shutdown();
  }

  async sync(name: string): Promise<void> {
    if (!this.namespaces.get('', name)?.metadata?.deletionTimestamp) return;
    // Other controllers edit a terminating namespace too: work from its latest state.
    const ns = await this.client.tryGet<Namespace>(R.namespaces, '', name);
    if (!ns?.metadata?.deletionTimestamp) return;
    const fins = ns.spec?.finalizers ?? [];
    if (!fins.includes('kubernetes')) return;

    const { report, estimate } = await this.deleteAllContent(name);
    const conditions = mergeConditions(ns.status?.conditions, reportConditions(report));
    if (conditions) {
      try {
        await this.client.updateStatus<Namespace>(R.namespaces, '', { ...ns, status: { ...ns.status, conditions } });
      } catch (err) {
        if (isApiError(err, 'NotFound')) return;
        log.warn({ namespace: name, err: (err as Error).message }, `couldn't update status condition for namespace "${name}"`);
      }
    }
    const errs = [report.discoveryError, report.groupVersionError, ...report.contentErrors].filter((e): e is Error => !!e);
    if (errs.length) throw new Error(aggregate(errs.map((e) => e.message)));
    if (estimate > 0 || report.remaining.size) {
      this.queue.addAfter(name, 500);
      return;
    }
    try {
      await this.client.transport.request('PUT', resourcePath(R.namespaces, '', name, 'finalize'), {
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: fins.filter((f) => f !== 'kubernetes') } },
      });
    } catch (err) {
      if (!isApiError(err, 'NotFound')) throw err;
    }
  }

  /** One pass over every resource: deletes what is left and reports what remains (upstream deleteAllContent). */
  private async deleteAllContent(namespace: string): Promise<{ report: DeletionReport; estimate: number }> {
    const report: DeletionReport = { contentErrors: [], remaining: new Map(), finalizers: new Map() };
    let resources: ResourceRef[] = [];
    try {
      resources = await this.discover();
    } catch (err) {
      // Not fatal: delete what could be discovered.
      report.discoveryError = err as Error;
      if (err instanceof GroupDiscoveryFailedError) resources = err.resources;
    }
    try {
      for (const r of resources) parseGroupVersion(apiVersion(r));
    } catch (err) {
      // As upstream, no resource list at all when a group version does not parse.
      report.groupVersionError = err as Error;
      resources = [];
    }
    let estimate = 0;
    for (const ref of resources) {
      if (ref.plural === 'events' && ref.group === 'events.k8s.io') continue; // same storage as core events
      try {
        const left = await this.deleteResource(ref, namespace);
        if (left.error) report.contentErrors.push(left.error);
        estimate = Math.max(estimate, left.estimate);
        if (left.items.length) {
          report.remaining.set(`${ref.plural}.${ref.group}`, left.items.length);
          for (const item of left.items) {
            for (const f of item.metadata?.finalizers ?? []) report.finalizers.set(f, (report.finalizers.get(f) ?? 0) + 1);
          }
        }
      } catch (err) {
        report.contentErrors.push(err as Error);
      }
    }
    return { report, estimate };
  }

  /**
   * Deletes every item of one resource; returns what is still there, how long it may take (s),
   * and an error when items without a reason to linger (a grace period or a finalizer) remain.
   */
  private async deleteResource(ref: ResourceRef, namespace: string): Promise<{ items: KObject[]; estimate: number; error?: Error }> {
    let list;
    try {
      list = await this.client.list(ref, namespace);
    } catch (err) {
      // Upstream treats a resource that cannot be listed this way as one it need not empty.
      if (isApiError(err, 'NotFound') || isApiError(err, 'MethodNotAllowed')) return { items: [], estimate: 0 };
      throw err;
    }
    if (!list.items.length) return { items: [], estimate: 0 };
    const pods = ref.group === '' && ref.plural === 'pods';
    // Pods take their grace period (upstream estimateGracefulTermination: the longest one of a non-terminal pod).
    let estimate = 0;
    if (pods) {
      for (const p of list.items as Pod[]) {
        if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
        estimate = Math.max(estimate, p.spec?.terminationGracePeriodSeconds ?? 0);
      }
    }
    for (const item of list.items) {
      if (item.metadata?.deletionTimestamp) continue;
      try {
        await this.client.delete(ref, namespace, item.metadata!.name!, { propagationPolicy: 'Background' });
      } catch (err) {
        if (!isApiError(err, 'NotFound')) throw err;
      }
    }
    const items = (await this.client.list(ref, namespace)).items;
    if (!items.length) return { items, estimate: 0 };
    // A pod still there is waiting for its node agent, even with a zero grace period.
    if (pods) return { items, estimate: Math.max(estimate, 1) };
    if (items.some((i) => i.metadata?.finalizers?.length)) return { items, estimate: FINALIZER_ESTIMATE_SECONDS };
    return { items, estimate: 0, error: new Error(`unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(ref)}`) };
  }
}
