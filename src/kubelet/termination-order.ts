/**
 * Termination ordering for sidecars (upstream kuberuntime_termination_order.go, v1.32): when a
 * pod's containers are killed together, a restartable init container is only sent SIGTERM once
 * every regular container has terminated and every later sidecar (in spec order) has too — so
 * sidecars stop in reverse order, after the main containers — or once its grace period runs out.
 * PreStop hooks are not ordered: each container's runs at once.
 */
import type { PodSpec } from '../api/types.js';
import { isRestartableInitContainer } from './pod-phase.js';

interface Latch {
  done: Promise<void>;
  open: () => void;
  opened: boolean;
}

function latch(): Latch {
  let open!: () => void;
  const l: Latch = { done: new Promise<void>((r) => (open = r)), open: () => undefined, opened: false };
  l.open = () => {
    l.opened = true;
    open();
  };
  return l;
}

export class TerminationOrdering {
  private readonly terminated = new Map<string, Latch>();
  private readonly prereqs = new Map<string, Latch[]>();

  /** `running`: the names of the containers being killed (the others count as terminated). */
  constructor(spec: PodSpec, running: Iterable<string>) {
    const live = new Set(running);
    const add = (name: string): Latch => {
      const l = latch();
      if (!live.has(name)) l.open();
      this.terminated.set(name, l);
      return l;
    };
    const mains = (spec.containers ?? []).map((c) => add(c.name));
    let later: Latch | undefined;
    for (const c of [...(spec.initContainers ?? [])].reverse()) {
      const l = add(c.name);
      if (!isRestartableInitContainer(c)) continue;
      this.prereqs.set(c.name, later ? [...mains, later] : [...mains]);
      later = l;
    }
  }

  /**
   * Waits until it is the container's turn, at most `graceSeconds` (0: no wait); resolves with
   * the seconds waited. `signal` ends the wait early (the grace period was shortened).
   */
  async waitForTurn(name: string, graceSeconds: number, signal?: AbortSignal): Promise<number> {
    if (graceSeconds <= 0) return 0;
    const start = Date.now();
    const waits = (this.prereqs.get(name) ?? []).map((l) => l.done);
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    await Promise.race([
      Promise.all(waits),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceSeconds * 1000);
        onAbort = resolve;
        signal?.addEventListener('abort', onAbort);
      }),
    ]);
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    return (Date.now() - start) / 1000;
  }

  /** The container has exited. */
  containerTerminated(name: string): void {
    this.terminated.get(name)?.open();
  }
}
