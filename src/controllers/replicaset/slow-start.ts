/**
 * slowStartBatch as upstream's replica set controller does it: calls `fn` `count` times in
 * concurrent batches of 1, 2, 4, … (starting at `initial`), stopping after the first batch that
 * has a failure, so a doomed create (quota, admission) costs one request and not hundreds.
 */

/** Upstream's SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** The outcome: how many calls succeeded, and the first error of the failing batch. */
export interface SlowStartResult {
  successes: number;
  error?: unknown;
}

export async function slowStartBatch(count: number, initial: number, fn: () => Promise<void>): Promise<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: size }, () => fn()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += size - failed.length;
    if (failed.length) return { successes, error: failed[0].reason };
    remaining -= size;
  }
  return { successes };
}
