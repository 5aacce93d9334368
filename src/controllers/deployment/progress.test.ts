import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rfc3339 } from '../../api/meta.js';
import { calculateStatus, deploymentTimedOut, getCondition, setCondition, newCondition } from './conditions.js';
import { progressCheckDelay, rolloutStatus } from './progress.js';
import { deployment, NEW, OLD, replicaSet } from './testdata.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');

test('calculateStatus: counts and the Available condition', () => {
  const d = deployment(10, { surge: 1, unavailable: 2 });
  d.metadata!.generation = 4;
  const newRS = replicaSet('foo-new', 4, NEW, { available: 3 });
  const oldRS = replicaSet('foo-old', 7, OLD, { available: 5 });
  const s = calculateStatus([oldRS, newRS], newRS, d, NOW);
  assert.equal(s.observedGeneration, 4);
  assert.equal(s.replicas, 11);
  assert.equal(s.updatedReplicas, 4);
  assert.equal(s.readyReplicas, 8);
  assert.equal(s.availableReplicas, 8);
  assert.equal(s.unavailableReplicas, 3);
  assert.deepEqual(getCondition(s, 'Available'), {
    type: 'Available',
    status: 'True',
    reason: 'MinimumReplicasAvailable',
    message: 'Deployment has minimum availability.',
    lastUpdateTime: rfc3339(NOW),
    lastTransitionTime: rfc3339(NOW),
  });
  const low = calculateStatus([replicaSet('foo-old', 10, OLD, { available: 7 })], undefined, d, NOW);
  assert.equal(getCondition(low, 'Available')?.reason, 'MinimumReplicasUnavailable');
  assert.equal(getCondition(low, 'Available')?.message, 'Deployment does not have minimum availability.');
  // Zero counts are omitted, as Go's omitempty does.
  const empty = calculateStatus([], undefined, deployment(0), NOW);
  assert.equal('replicas' in empty, false);
});

test('setCondition keeps lastTransitionTime when only the reason changes', () => {
  const s = { conditions: [newCondition('Progressing', 'True', 'NewReplicaSetCreated', 'x', NOW - 60_000)] };
  setCondition(s, newCondition('Progressing', 'True', 'ReplicaSetUpdated', 'y', NOW));
  assert.equal(s.conditions[0].lastTransitionTime, rfc3339(NOW - 60_000));
  assert.equal(s.conditions[0].lastUpdateTime, rfc3339(NOW));
});

test('rolloutStatus: progressing, complete, timed out, with upstream messages', () => {
  const d = deployment(3, { surge: 1, unavailable: 0 });
  d.metadata!.name = 'web';
  d.status = { replicas: 3, updatedReplicas: 1, availableReplicas: 3, conditions: [newCondition('Progressing', 'True', 'NewReplicaSetCreated', 'Created new replica set "web-abc"', NOW - 30_000)] };
  const newRS = replicaSet('web-abc', 2, NEW, { available: 1 });
  const oldRS = replicaSet('web-old', 2, OLD);
  let s = rolloutStatus(d, [oldRS, newRS], newRS, NOW);
  let c = getCondition(s, 'Progressing')!;
  assert.deepEqual([c.status, c.reason, c.message], ['True', 'ReplicaSetUpdated', 'ReplicaSet "web-abc" is progressing.']);
  assert.equal(c.lastTransitionTime, rfc3339(NOW - 30_000));
  assert.equal(c.lastUpdateTime, rfc3339(NOW));

  d.status = s;
  const done = replicaSet('web-abc', 3, NEW);
  s = rolloutStatus(d, [replicaSet('web-old', 0, OLD), done], done, NOW);
  c = getCondition(s, 'Progressing')!;
  assert.deepEqual([c.status, c.reason, c.message], ['True', 'NewReplicaSetAvailable', 'ReplicaSet "web-abc" has successfully progressed.']);

  // No progress for longer than progressDeadlineSeconds.
  const stuck = deployment(3, { surge: 1, unavailable: 0 });
  stuck.metadata!.name = 'web';
  stuck.spec!.progressDeadlineSeconds = 5;
  const stale = newCondition('Progressing', 'True', 'ReplicaSetUpdated', 'ReplicaSet "web-abc" is progressing.', NOW - 10_000);
  const rss = [replicaSet('web-old', 3, OLD), replicaSet('web-abc', 1, NEW, { available: 0 })];
  stuck.status = { ...calculateStatus(rss, rss[1], stuck, NOW), conditions: [stale] };
  s = rolloutStatus(stuck, rss, rss[1], NOW);
  c = getCondition(s, 'Progressing')!;
  assert.deepEqual([c.status, c.reason, c.message], ['False', 'ProgressDeadlineExceeded', 'ReplicaSet "web-abc" has timed out progressing.']);
  assert.equal(deploymentTimedOut(stuck, s, NOW), true);
});

test('progressCheckDelay: when to look again at a rollout that made no progress', () => {
  const d = deployment(3);
  d.spec!.progressDeadlineSeconds = 60;
  d.status = { conditions: [newCondition('Progressing', 'True', 'ReplicaSetUpdated', 'm', NOW - 20_000)] };
  assert.equal(progressCheckDelay(d, { replicas: 1 }, NOW), 41_000);
  d.status.conditions![0].lastUpdateTime = rfc3339(NOW - 59_500);
  assert.equal(progressCheckDelay(d, { replicas: 1 }, NOW), 0);
  assert.equal(progressCheckDelay(d, { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 }, NOW), -1, 'complete');
  d.spec!.progressDeadlineSeconds = 2147483647;
  assert.equal(progressCheckDelay(d, { replicas: 1 }, NOW), -1, 'no deadline');
});

test('ReplicaFailure from the new ReplicaSet is promoted to the deployment', () => {
  const d = deployment(1);
  const newRS = replicaSet('foo-new', 1, NEW, { available: 0, statusReplicas: 0 });
  newRS.status!.conditions = [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: rfc3339(NOW) }];
  const s = rolloutStatus(d, [newRS], newRS, NOW);
  const c = getCondition(s, 'ReplicaFailure')!;
  assert.deepEqual([c.status, c.reason, c.message, c.lastUpdateTime], ['True', 'FailedCreate', 'quota', rfc3339(NOW)]);
});
