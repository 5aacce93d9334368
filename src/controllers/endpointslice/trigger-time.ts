/**
 * The trigger-time tracker (upstream `TriggerTimeTracker`): computes the value of the
 * `endpoints.kubernetes.io/last-change-trigger-time` annotation — the earliest pod readiness
 * transition (or Service creation) seen since the previous sync of the Service.
 */
import type { Pod, Service } from '../../api/types.js';

interface ServiceState {
  serviceTime: number;
  podTimes: Map<string, number>;
}

const parsed = new Map<string, number>();

/** Date.parse with a small memo: the same transition times are read on every sync. */
function parseTime(s: string | undefined): number {
  if (!s) return 0;
  let t = parsed.get(s);
  if (t === undefined) {
    t = Date.parse(s);
    if (Number.isNaN(t)) t = 0;
    if (parsed.size >= 10_000) parsed.clear();
    parsed.set(s, t);
  }
  return t;
}

/** The time of the pod change that (will) change its endpoint: its Ready condition's transition. */
function podTriggerTime(pod: Pod): number {
  return parseTime(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime);
}

/** Per-Service memory of the trigger times seen at the last sync. */
export class TriggerTimeTracker {
  private states = new Map<string, ServiceState>();

  /**
   * Updates the Service's state and returns the trigger time to export (ms since the epoch), or
   * undefined when nothing changed. A Service seen for the first time reports its creation time.
   */
  compute(namespace: string, svc: Service, pods: Pod[]): number | undefined {
    const key = `${namespace}/${svc.metadata?.name ?? ''}`;
    const state = this.states.get(key);
    let min = 0;
    const take = (t: number): void => {
      if (min === 0 || t < min) min = t;
    };
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const t = podTriggerTime(pod);
      if (!t) continue;
      const name = pod.metadata?.name ?? '';
      podTimes.set(name, t);
      if (t > (state?.podTimes.get(name) ?? 0)) take(t);
    }
    const serviceTime = parseTime(svc.metadata?.creationTimestamp);
    if (serviceTime > (state?.serviceTime ?? 0)) take(serviceTime);
    this.states.set(key, { serviceTime, podTimes });
    if (!state) return serviceTime || undefined;
    return min || undefined;
  }

  /** Forgets a deleted Service. */
  delete(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}
