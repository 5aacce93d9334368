/**
 * The node agent's prober: liveness, readiness and startup probes. The kubelet core creates one
 * `ProbeManager`, calls `addPod` / `removePod` as pods come and go, and reads the results caches.
 */
export { ProbeManager, type ProbeManagerOptions, type ProbeRun, type PodFacts, type ContainerFacts } from './manager.js';
export { ResultsCache, type ProbeResult, type ResultUpdate } from './results.js';
export type { ProbeType } from './types.js';
