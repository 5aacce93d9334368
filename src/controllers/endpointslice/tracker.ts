/**
 * The EndpointSlice tracker (upstream `EndpointSliceTracker`): remembers, per Service, the
 * generation of every slice the controller wrote and the slices it deleted, so the watch echo of
 * its own writes is ignored and an informer cache that lags behind those writes is detected
 * (a typed, retryable error instead of a sync on stale data).
 */
import type { EndpointSlice, Service } from '../../api/types.js';
import { LABEL_SERVICE_NAME } from './slice-util.js';

const DELETION_EXPECTED = -1;

/** The informer cache is behind the controller's own writes; retry the sync shortly. */
export class StaleInformerCacheError extends Error {
  constructor(message = 'EndpointSlice informer cache is out of date') {
    super(message);
    this.name = 'StaleInformerCacheError';
  }
}

function serviceKey(slice: EndpointSlice): string {
  return `${slice.metadata?.namespace ?? ''}/${slice.metadata?.labels?.[LABEL_SERVICE_NAME] ?? ''}`;
}

const uidOf = (slice: EndpointSlice): string => slice.metadata?.uid ?? '';
const genOf = (slice: EndpointSlice): number => slice.metadata?.generation ?? 0;

/** Expected slice generations (or expected deletions) by Service, by slice UID. */
export class EndpointSliceTracker {
  private byService = new Map<string, Map<string, number>>();
  private serviceUIDs = new Map<string, string>();

  /** Whether a generation (or deletion) is tracked for this slice. */
  has(slice: EndpointSlice): boolean {
    return this.byService.get(serviceKey(slice))?.has(uidOf(slice)) ?? false;
  }

  /** True unless this is a slice the controller wrote at this generation or later (its own echo). */
  shouldSync(slice: EndpointSlice): boolean {
    const g = this.byService.get(serviceKey(slice))?.get(uidOf(slice));
    return g === undefined || genOf(slice) > g;
  }

  /**
   * True when the cached slices look older than the controller's writes: a slice with an older
   * generation than written, a slice expected to be gone, or a written slice missing. Tracking
   * from a previous Service with the same name (other UID) is dropped first.
   */
  staleSlices(svc: Service, slices: EndpointSlice[]): boolean {
    const key = `${svc.metadata?.namespace ?? ''}/${svc.metadata?.name ?? ''}`;
    const uid = svc.metadata?.uid ?? '';
    const tracked = this.serviceUIDs.get(key);
    if (tracked && uid && tracked !== uid) this.byService.delete(key);
    this.serviceUIDs.set(key, uid);
    const gens = this.byService.get(key);
    if (!gens) return false;
    const provided = new Set<string>();
    for (const s of slices) {
      provided.add(uidOf(s));
      const g = gens.get(uidOf(s));
      if (g !== undefined && (g === DELETION_EXPECTED || g > genOf(s))) return true;
    }
    for (const [u, g] of gens) if (g !== DELETION_EXPECTED && !provided.has(u)) return true;
    return false;
  }

  /** Records the generation of a slice the controller just created or updated. */
  update(slice: EndpointSlice): void {
    this.gensFor(slice).set(uidOf(slice), genOf(slice));
  }

  /** Records that the controller deleted this slice. */
  expectDeletion(slice: EndpointSlice): void {
    this.gensFor(slice).set(uidOf(slice), DELETION_EXPECTED);
  }

  /** Forgets a deleted slice; false when the deletion was not the controller's own. */
  handleDeletion(slice: EndpointSlice): boolean {
    const gens = this.byService.get(serviceKey(slice));
    if (!gens) return true;
    const g = gens.get(uidOf(slice));
    gens.delete(uidOf(slice));
    return !(g !== undefined && g !== DELETION_EXPECTED);
  }

  /** Forgets everything about a Service. */
  deleteService(namespace: string, name: string): void {
    this.byService.delete(`${namespace}/${name}`);
    this.serviceUIDs.delete(`${namespace}/${name}`);
  }

  private gensFor(slice: EndpointSlice): Map<string, number> {
    const key = serviceKey(slice);
    let gens = this.byService.get(key);
    if (!gens) this.byService.set(key, (gens = new Map()));
    return gens;
  }
}
