/**
 * The per-probe-type results cache (upstream `results.Manager`): the latest decided result for
 * each container ID, and an `update` notification whenever a value actually changes. Workers
 * write here; the kubelet reads it when it builds pod status and reacts to updates.
 */

/** A decided probe result, as upstream's `results.Result`. */
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** What an `update` listener receives: which container's result changed, and to what. */
export interface ResultUpdate {
  podUid: string;
  containerName: string;
  containerId: string;
  result: ProbeResult;
}

type Listener = (update: ResultUpdate) => void;

/** Cached results keyed by container ID; `set` notifies listeners only on a change. */
export class ResultsCache {
  private readonly results = new Map<string, ProbeResult>();
  private readonly listeners: Listener[] = [];

  /** The cached result for a container ID, or undefined when there is none. */
  get(containerId: string): ProbeResult | undefined {
    return this.results.get(containerId);
  }

  /**
   * Records a result; when it differs from the cached one (or there was none) every `update`
   * listener is called synchronously. Returns whether the value changed.
   */
  set(containerId: string, result: ProbeResult, podUid: string, containerName: string): boolean {
    if (this.results.get(containerId) === result) return false;
    this.results.set(containerId, result);
    if (this.listeners.length > 0) {
      const update: ResultUpdate = { podUid, containerName, containerId, result };
      for (const l of this.listeners.slice()) l(update);
    }
    return true;
  }

  /** Forgets a container's result (no notification, as upstream). */
  remove(containerId: string): void {
    this.results.delete(containerId);
  }

  /** Number of cached results (for tests and metrics). */
  get size(): number {
    return this.results.size;
  }

  /** Subscribes to result changes. */
  on(_event: 'update', listener: Listener): this {
    this.listeners.push(listener);
    return this;
  }

  /** Unsubscribes a listener added with `on`. */
  off(_event: 'update', listener: Listener): this {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
    return this;
  }
}
