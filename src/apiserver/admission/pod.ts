/**
 * Pod admission (the default plugins' mutations, see defaults/pod-create.ts) and the grace
 * period of a pod deletion.
 */
import type { DeleteOptions, Pod, StoredObject } from '../../api/types.js';
import { admitPod } from '../defaults/pod-create.js';
import type { Hooks } from '../registry/generic.js';

type P = Pod & StoredObject;

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

export interface PodAdmissionOptions {
  /** tolerationSeconds of the default not-ready / unreachable tolerations (upstream: 300 each). */
  notReadyTolerationSeconds?: number;
  unreachableTolerationSeconds?: number;
}

/** The grace period for deleting `pod` now (upstream podStrategy.CheckGracefulDelete). */
export function podGracePeriod(pod: P, options: DeleteOptions): number {
  let period = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  if (!pod.spec?.nodeName) period = 0;
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') period = 0;
  if (period < 0) period = 1;
  return period;
}

export function podHooks(opts: PodAdmissionOptions = {}): Hooks<P> {
  return {
    admit: (op, pod) => {
      if (op === 'create') admitPod(pod, opts);
    },
    gracePeriod: podGracePeriod,
  };
}
