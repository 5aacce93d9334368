import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byRevision, lastRevision, maxRevision, revisionOf, setNewReplicaSetAnnotations } from './revision.js';
import { deployment, NEW, OLD, replicaSet } from './testdata.js';

const withRev = (name: string, rev?: string, created = OLD) => replicaSet(name, 0, created, { annotations: rev === undefined ? {} : { 'deployment.kubernetes.io/revision': rev } });

test('max and last revision skip unparseable values', () => {
  const rss = [withRev('a', '1'), withRev('b', '3'), withRev('c', 'x'), withRev('d', '2'), withRev('e')];
  assert.equal(maxRevision(rss), 3);
  assert.equal(lastRevision(rss), 2);
  assert.equal(maxRevision([]), 0);
  assert.ok(Number.isNaN(revisionOf(withRev('c', 'x'))));
});

test('ordering by revision, creation time when equal', () => {
  const rss = [withRev('b', '2'), withRev('a', '10'), withRev('z', '2', '2016-01-01T00:00:00Z')];
  assert.deepEqual(
    rss.sort(byRevision).map((r) => r.metadata!.name),
    ['z', 'b', 'a'],
  );
});

test('a new ReplicaSet gets max old revision + 1, copied annotations and replicas annotations', () => {
  const d = deployment(3, { surge: 1, unavailable: 0 });
  d.metadata!.annotations = {
    'kubernetes.io/change-cause': 'kubectl set image deploy/foo c=nginx:2',
    'deployment.kubernetes.io/revision': '7',
    'kubectl.kubernetes.io/last-applied-configuration': '{}',
  };
  const rs = replicaSet('foo-abc', 0, NEW, { annotations: {} });
  assert.equal(setNewReplicaSetAnnotations(d, rs, '4', false), true);
  assert.deepEqual(rs.metadata!.annotations, {
    'kubernetes.io/change-cause': 'kubectl set image deploy/foo c=nginx:2',
    'deployment.kubernetes.io/revision': '4',
    'deployment.kubernetes.io/desired-replicas': '3',
    'deployment.kubernetes.io/max-replicas': '4',
  });
});

test('reusing an old ReplicaSet (rollback) moves its revision forward and records the history', () => {
  const d = deployment(3);
  const rs = withRev('foo-old', '1');
  assert.equal(setNewReplicaSetAnnotations(d, rs, '3', true), true);
  assert.equal(rs.metadata!.annotations!['deployment.kubernetes.io/revision'], '3');
  assert.equal(rs.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(setNewReplicaSetAnnotations(d, rs, '5', true), true);
  assert.equal(rs.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1,3');
  // A revision already higher is left alone, and nothing changes.
  assert.equal(setNewReplicaSetAnnotations(d, rs, '2', true), false);
  assert.equal(rs.metadata!.annotations!['deployment.kubernetes.io/revision'], '5');
  // An existing ReplicaSet does not get replicas annotations from here.
  assert.equal(rs.metadata!.annotations!['deployment.kubernetes.io/desired-replicas'], undefined);
});

test('revision-history is trimmed from the front to the character limit', () => {
  const rs = withRev('foo', '9');
  rs.metadata!.annotations!['deployment.kubernetes.io/revision-history'] = '1,2,3,4';
  setNewReplicaSetAnnotations(deployment(1), rs, '10', true, 6);
  assert.equal(rs.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '3,4,9');
});
