/**
 * The resourceVersion rules of reads, as kube-apiserver applies them: the ListOptions checks
 * (resourceVersionMatch, sendInitialEvents), and what a read "not older than" a resourceVersion
 * the store has not reached does. The watch cache waits up to 3 s for the revision to arrive,
 * then answers 504 Timeout "Too large resource version: X, current: Y" (reason
 * ResourceVersionTooLarge, retry after 1 s); an Exact list at a future revision fails in the
 * storage layer as etcd does, at once.
 */
import * as errors from '../../api/errors.js';
import { type FieldError, forbidden, notSupported } from '../../api/field.js';
import type { Store } from '../../store/types.js';

/** How long a read waits for the store to reach the requested resourceVersion (upstream's blockTimeout). */
export const FRESHNESS_TIMEOUT_MS = 3_000;

/** The message etcd gives for a read at a revision it has not reached; the API server passes it on as a 500. */
export const FUTURE_REVISION = 'etcdserver: mvcc: required revision is a future revision';

/** Upstream's ValidateListOptions for a list (`watch` false) or a watch. */
export function validateListOptions(q: URLSearchParams, watch: boolean): FieldError[] {
  const rv = q.get('resourceVersion') ?? '';
  const match = q.get('resourceVersionMatch') ?? '';
  const cont = q.get('continue') ?? '';
  const sendInitialEvents = q.get('sendInitialEvents');
  const errs: FieldError[] = [];
  if (watch) {
    if (sendInitialEvents !== null && match !== 'NotOlderThan') {
      errs.push(forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    }
    if (match) {
      if (sendInitialEvents === null) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['NotOlderThan']));
      if (cont) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
    return errs;
  }
  if (match) {
    if (!rv) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (cont) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && rv === '0') errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  }
  if (sendInitialEvents !== null) errs.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  return errs;
}

/** A positive resourceVersion, or undefined for '', '0' and what is not a number (left to the read itself). */
function minimumRevision(rv: string | null): number | undefined {
  if (!rv || !/^\d+$/.test(rv)) return undefined;
  const n = Number(rv);
  return n > 0 ? n : undefined;
}

/** Resolves true once the store's revision reaches `rv`, false after `timeoutMs` (or when `signal` aborts). */
export function waitForRevision(store: Store, rv: number, timeoutMs = FRESHNESS_TIMEOUT_MS, signal?: AbortSignal): Promise<boolean> {
  if (store.currentRevision() >= rv) return Promise.resolve(true);
  return new Promise((resolve) => {
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      watcher.stop();
      signal?.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = () => finish(false);
    const timer = setTimeout(() => finish(store.currentRevision() >= rv), timeoutMs);
    const watcher = store.watch('', store.currentRevision(), { onEvent: (ev) => ev.revision >= rv && finish(true), onError: () => finish(false) });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) finish(false);
  });
}

/** The 504 a read gets when the store did not reach its resourceVersion in time. */
export function tooLargeResourceVersion(rv: number, current: number): errors.ApiError {
  return new errors.ApiError(504, 'Timeout', `Timeout: Too large resource version: ${rv}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: 1,
  });
}

/** Waits until the store reaches `rv`, or throws the 504 Too large resource version. */
export async function ensureFresh(store: Store, rv: number, signal?: AbortSignal): Promise<void> {
  if (!(await waitForRevision(store, rv, FRESHNESS_TIMEOUT_MS, signal))) throw tooLargeResourceVersion(rv, store.currentRevision());
}

/**
 * Before a get or list: the ListOptions checks (422), and for a resourceVersion the store has not
 * reached, the wait and 504 of the watch cache, or the storage error of an Exact list.
 */
export async function checkReadResourceVersion(store: Store, verb: 'get' | 'list', q: URLSearchParams, signal?: () => AbortSignal): Promise<void> {
  if (verb === 'list') {
    const errs = validateListOptions(q, false);
    if (errs.length) throw errors.invalid('meta.k8s.io', 'ListOptions', '', errs);
  }
  const rv = minimumRevision(q.get('resourceVersion'));
  if (rv === undefined) return;
  if (verb === 'list') {
    if (q.get('continue')) throw errors.badRequest('specifying resource version is not allowed when using continue');
    const match = q.get('resourceVersionMatch') ?? '';
    const limited = Number(q.get('limit') ?? '0') > 0;
    // Exact lists (and, as upstream, limited lists with no match) are served by the storage layer at that revision.
    if (match === 'Exact' || (match === '' && limited)) {
      if (rv > store.currentRevision()) throw new errors.ApiError(500, '', FUTURE_REVISION);
      return;
    }
  }
  if (rv > store.currentRevision()) await ensureFresh(store, rv, signal?.());
}
