/**
 * Controller expectations, as upstream's `UIDTrackingControllerExpectations`: after creating or
 * deleting pods a controller waits until its informer has seen those changes before it counts
 * pods again, so it never acts twice on the same shortfall. Deletions are tracked by pod key so
 * that a deletion seen twice (deletionTimestamp, then the DELETE) counts once. Expectations
 * older than five minutes are treated as satisfied.
 */

/** How long expectations hold before a sync goes ahead anyway (upstream's ExpectationsTimeout). */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  at: number;
}

export class ControllerExpectations {
  private exp = new Map<string, Expectation>();
  private deleting = new Map<string, Set<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True when the controller may act: no expectations, all observed, or expired. */
  satisfied(key: string): boolean {
    const e = this.exp.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  /** Records that `n` creations are about to happen (replacing earlier expectations). */
  expectCreations(key: string, n: number): void {
    this.exp.set(key, { add: n, del: 0, at: this.now() });
  }

  /** Records the pods (by key) about to be deleted. */
  expectDeletions(key: string, podKeys: string[]): void {
    this.deleting.set(key, new Set(podKeys));
    this.exp.set(key, { add: 0, del: podKeys.length, at: this.now() });
  }

  /** One creation was observed (or will never happen). */
  creationObserved(key: string): void {
    const e = this.exp.get(key);
    if (e) e.add--;
  }

  /** The deletion of `podKey` was observed (or failed); counted once per expected pod. */
  deletionObserved(key: string, podKey: string): void {
    const set = this.deleting.get(key);
    if (!set?.delete(podKey)) return;
    const e = this.exp.get(key);
    if (e) e.del--;
  }

  /** Forgets a controller (it was deleted). */
  delete(key: string): void {
    this.exp.delete(key);
    this.deleting.delete(key);
  }

  /** The outstanding (add, del) counts, for tests and logs. */
  pending(key: string): { add: number; del: number } | undefined {
    const e = this.exp.get(key);
    return e ? { add: e.add, del: e.del } : undefined;
  }
}
