/**
 * A per-Service index of selected pods, kept current from informer events, so a sync reads the
 * pods of one Service without scanning every pod and a pod event finds its Services without
 * re-matching selectors it already matched. Both directions are kept: Service → pod keys and
 * pod → Service keys.
 */
import { matchLabelsSelector, type Selector } from '../../api/labels.js';
import type { Pod, Service } from '../../api/types.js';
import type { Informer } from '../../client/informer.js';
import { sameLabels } from '../../api/labels.js';
import { hasSelector, keyOf } from './pod-util.js';

interface IndexedService {
  /** Canonical text of the selector the pod set was computed for. */
  selectorText: string;
  selector: Selector;
  pods: Set<string>;
}

function selectorText(svc: Service): string {
  const sel = svc.spec?.selector ?? {};
  return JSON.stringify(Object.entries(sel).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Service ↔ pod membership for Services with a selector, fed by the controller's handlers. */
export class ServicePodIndex {
  private services = new Map<string, IndexedService>();
  private byPod = new Map<string, Set<string>>();

  constructor(
    private podInformer: Informer<Pod>,
    private serviceInformer: Informer<Service>,
  ) {}

  /** The Service keys a pod currently belongs to (as last indexed). */
  servicesOf(pod: Pod): Set<string> {
    return new Set(this.byPod.get(keyOf(pod)) ?? []);
  }

  /**
   * Records a pod's current labels; returns its Service keys before and after. When the labels
   * did not change (`old` given with equal labels) the memberships are reused.
   */
  updatePod(pod: Pod, old?: Pod): { before: Set<string>; after: Set<string> } {
    const key = keyOf(pod);
    const before = new Set(this.byPod.get(key) ?? []);
    if (old && sameLabels(old.metadata?.labels, pod.metadata?.labels)) return { before, after: before };
    const after = new Set<string>();
    for (const svc of this.serviceInformer.list(pod.metadata?.namespace ?? '')) {
      const skey = keyOf(svc);
      const entry = this.entryFor(svc);
      if (entry && entry.selector.matches(pod.metadata?.labels)) after.add(skey);
    }
    for (const s of before) if (!after.has(s)) this.services.get(s)?.pods.delete(key);
    for (const s of after) this.services.get(s)?.pods.add(key);
    if (after.size) this.byPod.set(key, after);
    else this.byPod.delete(key);
    return { before, after };
  }

  /** Forgets a deleted pod; returns the Service keys it belonged to. */
  deletePod(pod: Pod): Set<string> {
    const key = keyOf(pod);
    const before = new Set(this.byPod.get(key) ?? []);
    for (const s of before) this.services.get(s)?.pods.delete(key);
    this.byPod.delete(key);
    return before;
  }

  /** Re-indexes a Service whose selector is new or changed (scanning its namespace's pods). */
  updateService(svc: Service): void {
    this.entryFor(svc);
  }

  /** Forgets a deleted Service. */
  deleteService(svc: Service): void {
    this.dropService(keyOf(svc));
  }

  /** The cached pods a Service selects (none without a selector). */
  podsFor(svc: Service): Pod[] {
    const entry = this.entryFor(svc);
    if (!entry) return [];
    const out: Pod[] = [];
    for (const k of entry.pods) {
      const p = this.podInformer.getByKey(k);
      if (p) out.push(p);
    }
    return out;
  }

  /** The index entry for a Service, rebuilt when its selector differs from the indexed one. */
  private entryFor(svc: Service): IndexedService | undefined {
    const skey = keyOf(svc);
    if (!hasSelector(svc)) {
      this.dropService(skey);
      return undefined;
    }
    const text = selectorText(svc);
    const cur = this.services.get(skey);
    if (cur && cur.selectorText === text) return cur;
    this.dropService(skey);
    const entry: IndexedService = { selectorText: text, selector: matchLabelsSelector(svc.spec?.selector), pods: new Set() };
    this.services.set(skey, entry);
    for (const pod of this.podInformer.list(svc.metadata?.namespace ?? '')) {
      if (!entry.selector.matches(pod.metadata?.labels)) continue;
      const pkey = keyOf(pod);
      entry.pods.add(pkey);
      let set = this.byPod.get(pkey);
      if (!set) this.byPod.set(pkey, (set = new Set()));
      set.add(skey);
    }
    return entry;
  }

  private dropService(skey: string): void {
    const cur = this.services.get(skey);
    if (!cur) return;
    this.services.delete(skey);
    for (const pkey of cur.pods) {
      const set = this.byPod.get(pkey);
      set?.delete(skey);
      if (set && !set.size) this.byPod.delete(pkey);
    }
  }
}
