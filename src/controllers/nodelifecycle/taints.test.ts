import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Taint, Toleration } from '../../api/types.js';
import { RateLimitedTimedQueue, TokenBucket } from './ratelimit.js';
import {
  NOT_READY_NO_EXECUTE,
  UNREACHABLE_NO_EXECUTE,
  evictionDecision,
  matchingTolerations,
  minTolerationMs,
  noExecuteTaints,
  swapTaints,
  taintSetDiff,
} from './taints.js';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const notReady: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };
const tol = (key: string | undefined, seconds?: number, extra: Partial<Toleration> = {}): Toleration => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds, ...extra });

test('a pod without a matching toleration is evicted at once', () => {
  assert.deepEqual(evictionDecision([unreachable], []), { action: 'now' });
  assert.deepEqual(evictionDecision([unreachable], [tol('node.kubernetes.io/not-ready', 300)]), { action: 'now' });
  // Equal with a value that differs does not tolerate a taint without value.
  assert.deepEqual(evictionDecision([unreachable], [{ key: 'node.kubernetes.io/unreachable', operator: 'Equal', value: 'x', effect: 'NoExecute' }]), { action: 'now' });
  // A NoSchedule toleration does not cover a NoExecute taint.
  assert.deepEqual(evictionDecision([unreachable], [tol('node.kubernetes.io/unreachable', 5, { effect: 'NoSchedule' })]), { action: 'now' });
});

test('the default 300 s toleration delays eviction by 300 s; a longer one by longer', () => {
  assert.deepEqual(evictionDecision([unreachable], [tol('node.kubernetes.io/not-ready', 300), tol('node.kubernetes.io/unreachable', 300)]), { action: 'after', ms: 300_000 });
  assert.deepEqual(evictionDecision([unreachable], [tol('node.kubernetes.io/unreachable', 3600)]), { action: 'after', ms: 3_600_000 });
});

test('tolerating without tolerationSeconds means never evicted; an empty key with Exists tolerates everything', () => {
  assert.deepEqual(evictionDecision([unreachable], [tol('node.kubernetes.io/unreachable')]), { action: 'cancel' });
  assert.deepEqual(evictionDecision([unreachable, notReady], [{ operator: 'Exists' }]), { action: 'cancel' });
  assert.deepEqual(evictionDecision([], [tol('x', 1)]), { action: 'cancel' });
});

test('the smallest tolerationSeconds among the tolerations used wins; zero or negative means at once', () => {
  const custom: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoExecute' };
  const tols = [tol('node.kubernetes.io/unreachable', 600), { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoExecute', tolerationSeconds: 60 }];
  assert.deepEqual(evictionDecision([unreachable, custom], tols), { action: 'after', ms: 60_000 });
  assert.deepEqual(evictionDecision([unreachable], [tol('node.kubernetes.io/unreachable', 0)]), { action: 'after', ms: 0 });
  assert.equal(minTolerationMs([tol('a', -5), tol('b', 10)]), 0);
  assert.equal(minTolerationMs([]), 0);
  assert.equal(minTolerationMs([tol('a'), tol('b')]), -1);
});

test('only the first toleration matching a taint is used (upstream GetMatchingTolerations)', () => {
  const tols = [tol('node.kubernetes.io/unreachable', 600), tol(undefined, 10)];
  assert.deepEqual(matchingTolerations([unreachable], tols), { all: true, used: [tols[0]] });
  assert.deepEqual(evictionDecision([unreachable], tols), { action: 'after', ms: 600_000 });
});

test('taint list edits: NoExecute filter, swap, and set difference', () => {
  const ns: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' };
  assert.deepEqual(noExecuteTaints([ns, unreachable]), [unreachable]);
  const swapped = swapTaints([ns, notReady], [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE]);
  assert.deepEqual(swapped, [ns, UNREACHABLE_NO_EXECUTE]);
  assert.equal(swapTaints([ns], [], [UNREACHABLE_NO_EXECUTE]), undefined, 'nothing to do');
  assert.equal(swapTaints([unreachable], [{ ...unreachable, timeAdded: '2024-01-01T00:00:00Z' }], []), undefined, 'same key/effect/value stays');
  assert.deepEqual(taintSetDiff([ns, { key: 'a', effect: 'NoSchedule' }], [ns, { key: 'b', effect: 'NoSchedule' }]), {
    add: [{ key: 'a', effect: 'NoSchedule' }],
    remove: [{ key: 'b', effect: 'NoSchedule' }],
  });
});

test('token bucket and the unique tainting queue', async () => {
  const b = new TokenBucket(1, 1, 0);
  assert.equal(b.tryAccept(0), true);
  assert.equal(b.tryAccept(500), false);
  assert.equal(b.tryAccept(1000), true);
  assert.equal(new TokenBucket(0, 1, 0).tryAccept(10_000), false, 'qps 0 never accepts');

  const q = new RateLimitedTimedQueue(new TokenBucket(1, 1, 0));
  assert.equal(q.add('a', 0), true);
  assert.equal(q.add('b', 0), true);
  assert.equal(q.add('a', 0), false, 'already queued');
  const seen: string[] = [];
  await q.try(async (v) => (seen.push(v), true), 0);
  assert.deepEqual(seen, ['a'], 'one token: one node');
  await q.try(async (v) => (seen.push(v), true), 1000);
  assert.deepEqual(seen, ['a', 'b']);
  assert.equal(q.add('a', 2000), false, 'a handled node stays known until removed');
  assert.equal(q.remove('a'), true);
  assert.equal(q.add('a', 2000), true);
  q.swapLimiter(0, 2000);
  await q.try(async (v) => (seen.push(v), true), 10_000);
  assert.deepEqual(seen, ['a', 'b'], 'a zero limiter stops tainting');
});
