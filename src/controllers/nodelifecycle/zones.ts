/**
 * Per-zone tainting state of the node lifecycle controller (upstream zoneStates,
 * zoneNoExecuteTainter and handleDisruption): each zone has a rate-limited tainting queue whose
 * rate follows the zone's health — normal, partially disrupted (slower, or stopped in small
 * zones), or fully disrupted; when every zone is fully disrupted tainting stops altogether.
 */
import type { Node, NodeCondition } from '../../api/types.js';
import { type ZoneState, computeZoneState, zoneKey } from './health.js';
import { RateLimitedTimedQueue, TokenBucket } from './ratelimit.js';

/** The tainting rates and thresholds (the node lifecycle controller's options). */
export interface ZoneLimits {
  evictionLimiterQPS: number;
  secondaryEvictionLimiterQPS: number;
  largeClusterSizeThreshold: number;
  unhealthyZoneThreshold: number;
}

/** What handleDisruption decided for this pass. */
export type DisruptionChange = 'none' | 'entered-full-disruption' | 'left-full-disruption' | 'zones-changed';

/** The zones' tainting queues and states. */
export class Zones {
  private tainters = new Map<string, RateLimitedTimedQueue>();
  private states = new Map<string, ZoneState>();

  constructor(private limits: ZoneLimits) {}

  /** The tainting queue of the node's zone, created (state Initial) on first sight. */
  tainter(node: Node): RateLimitedTimedQueue {
    const zone = zoneKey(node);
    let q = this.tainters.get(zone);
    if (!q) {
      q = new RateLimitedTimedQueue(new TokenBucket(this.limits.evictionLimiterQPS, 1));
      this.tainters.set(zone, q);
      this.states.set(zone, 'Initial');
    }
    return q;
  }

  /** Whether the zone has a state (addPodEvictorForNewZone bookkeeping). */
  known(node: Node): boolean {
    return this.states.has(zoneKey(node));
  }

  /** Every zone's tainting queue. */
  queues(): RateLimitedTimedQueue[] {
    return [...this.tainters.values()];
  }

  state(zone: string): ZoneState | undefined {
    return this.states.get(zone);
  }

  private setLimiter(zone: string, size: number, state: ZoneState): void {
    const q = this.tainters.get(zone);
    if (!q) return;
    if (state === 'Normal' || state === 'FullDisruption') q.swapLimiter(this.limits.evictionLimiterQPS);
    else if (state === 'PartialDisruption') q.swapLimiter(size > this.limits.largeClusterSizeThreshold ? this.limits.secondaryEvictionLimiterQPS : 0);
  }

  /**
   * handleDisruption: new zone states from the Ready conditions seen this pass. Entering
   * "all zones fully disrupted" stops all tainting (the caller then removes NoExecute taints);
   * leaving it restores the zones' rates (the caller resets node probe times).
   */
  update(zoneConditions: Map<string, (NodeCondition | undefined)[]>): DisruptionChange {
    const next = new Map<string, ZoneState>();
    let allAre = true;
    for (const [zone, conds] of zoneConditions) {
      const { state } = computeZoneState(conds, this.limits.unhealthyZoneThreshold);
      if (state !== 'FullDisruption') allAre = false;
      next.set(zone, state);
      if (!this.states.has(zone)) this.states.set(zone, 'Initial');
    }
    let allWere = true;
    for (const [zone, state] of this.states) {
      if (!zoneConditions.has(zone)) {
        this.states.delete(zone);
        continue;
      }
      if (state !== 'FullDisruption') {
        allWere = false;
        break;
      }
    }
    if (allAre && allWere) return 'none';
    if (allAre) {
      for (const zone of this.states.keys()) {
        this.tainters.get(zone)?.swapLimiter(0);
        this.states.set(zone, 'FullDisruption');
      }
      return 'entered-full-disruption';
    }
    const size = (zone: string) => zoneConditions.get(zone)?.length ?? 0;
    if (allWere) {
      for (const zone of [...this.states.keys()]) {
        const s = next.get(zone)!;
        this.setLimiter(zone, size(zone), s);
        this.states.set(zone, s);
      }
      return 'left-full-disruption';
    }
    let changed = false;
    for (const [zone, state] of this.states) {
      const s = next.get(zone);
      if (!s || s === state) continue;
      this.setLimiter(zone, size(zone), s);
      this.states.set(zone, s);
      changed = true;
    }
    return changed ? 'zones-changed' : 'none';
  }
}
