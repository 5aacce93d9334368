import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, PodTemplateSpec, StatefulSet } from '../../api/types.js';
import { completeRollingUpdate, planStatefulSet } from './control.js';
import { type Revision, encodeRevisions, readRevisions, resolveRevisions, REVISIONS_ANNOTATION } from './history.js';
import { fnv32, identityMatches, newStatefulSetPod, parentAndOrdinal, revisionHash, safeEncode } from './utils.js';

const NOW = Date.parse('2024-05-01T10:00:00Z');
const template = (image = 'nginx:1'): PodTemplateSpec => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } });

function makeSet(replicas: number, extra: Partial<NonNullable<StatefulSet['spec']>> = {}, status: StatefulSet['status'] = { replicas: 0 }): StatefulSet {
  return {
    metadata: { name: 'web', namespace: 'default', uid: 'set-uid', generation: 1 },
    spec: {
      replicas,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'web' } },
      template: template(),
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      ...extra,
    },
    status,
  };
}

const rev = (name: string, image = 'nginx:1', revision = 1): Revision => ({ name, revision, template: template(image) });

function pod(ordinal: number, state: 'ready' | 'running' | 'pending' | 'failed' | 'terminating', revision = 'web-r1'): Pod {
  const p = newStatefulSetPod(makeSet(3), template(), ordinal);
  p.metadata!.uid = `uid-${ordinal}`;
  p.metadata!.labels!['controller-revision-hash'] = revision;
  if (state === 'terminating') p.metadata!.deletionTimestamp = '2024-05-01T09:00:00Z';
  const phase = state === 'failed' ? 'Failed' : state === 'pending' ? 'Pending' : 'Running';
  const ready = state === 'ready' || state === 'terminating';
  p.status = { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2024-05-01T09:00:00Z' }] };
  return p;
}

const summary = (actions: ReturnType<typeof planStatefulSet>['actions']) => actions.map((a) => `${a.type}:${a.pod.metadata?.name}`);

test('pods get stable names, hostname/subdomain and the identity labels', () => {
  const p = newStatefulSetPod(makeSet(3, { volumeClaimTemplates: [{ metadata: { name: 'www' } }] }), template(), 2);
  assert.equal(p.metadata?.name, 'web-2');
  assert.equal(p.metadata?.generateName, 'web-');
  assert.equal(p.spec?.hostname, 'web-2');
  assert.equal(p.spec?.subdomain, 'nginx');
  assert.equal(p.metadata?.labels?.['statefulset.kubernetes.io/pod-name'], 'web-2');
  assert.equal(p.metadata?.labels?.['apps.kubernetes.io/pod-index'], '2');
  assert.deepEqual(p.metadata?.ownerReferences?.[0], { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid', controller: true, blockOwnerDeletion: true });
  assert.deepEqual(p.spec?.volumes, [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-2', readOnly: false } }]);
  assert.ok(identityMatches(makeSet(3), p));
  assert.deepEqual(parentAndOrdinal('my-app-10'), { parent: 'my-app', ordinal: 10 });
  assert.deepEqual(parentAndOrdinal('nodash'), { parent: '', ordinal: -1 });
});

test('OrderedReady creates one pod at a time, the next only once the previous is Running and Ready', () => {
  const set = makeSet(3);
  const r = rev('web-r1');
  assert.deepEqual(summary(planStatefulSet(set, [], r, r, 0, NOW).actions), ['create:web-0']);
  assert.deepEqual(summary(planStatefulSet(set, [pod(0, 'pending')], r, r, 0, NOW).actions), [], 'wait for web-0');
  assert.deepEqual(summary(planStatefulSet(set, [pod(0, 'running')], r, r, 0, NOW).actions), [], 'running but not ready: wait');
  const p = planStatefulSet(set, [pod(0, 'ready')], r, r, 0, NOW);
  assert.deepEqual(summary(p.actions), ['create:web-1']);
  assert.equal(p.actions[0].pod.metadata?.labels?.['controller-revision-hash'], 'web-r1');
  assert.deepEqual(summary(planStatefulSet(set, [pod(0, 'ready'), pod(1, 'ready')], r, r, 0, NOW).actions), ['create:web-2']);
});

test('Parallel creates all missing pods at once and deletes all condemned at once', () => {
  const set = makeSet(3, { podManagementPolicy: 'Parallel' });
  const r = rev('web-r1');
  assert.deepEqual(summary(planStatefulSet(set, [pod(1, 'pending')], r, r, 0, NOW).actions), ['create:web-0', 'create:web-2']);
  const down = makeSet(1, { podManagementPolicy: 'Parallel' });
  assert.deepEqual(summary(planStatefulSet(down, [pod(0, 'ready'), pod(1, 'pending'), pod(2, 'ready')], r, r, 0, NOW).actions), ['delete:web-2', 'delete:web-1']);
});

test('scale down removes the highest ordinal first, one at a time, waiting for termination', () => {
  const set = makeSet(1);
  const r = rev('web-r1');
  const pods = [pod(0, 'ready'), pod(1, 'ready'), pod(2, 'ready')];
  const p = planStatefulSet(set, pods, r, r, 0, NOW);
  assert.deepEqual(summary(p.actions), ['delete:web-2']);
  assert.equal(p.actions[0].type === 'delete' && p.actions[0].reason, 'scale-down');
  assert.deepEqual(summary(planStatefulSet(set, [pod(0, 'ready'), pod(1, 'ready'), pod(2, 'terminating')], r, r, 0, NOW).actions), [], 'wait for web-2 to go');
  assert.deepEqual(summary(planStatefulSet(set, [pod(0, 'ready'), pod(1, 'ready')], r, r, 0, NOW).actions), ['delete:web-1']);
  // An unhealthy replica blocks scale-down unless it is the one being removed.
  assert.deepEqual(summary(planStatefulSet(set, [pod(0, 'running'), pod(1, 'ready')], r, r, 0, NOW).actions), []);
  assert.deepEqual(summary(planStatefulSet(set, [pod(0, 'ready'), pod(1, 'running')], r, r, 0, NOW).actions), ['delete:web-1']);
});

test('failed pods are deleted so they can be recreated', () => {
  const r = rev('web-r1');
  assert.deepEqual(summary(planStatefulSet(makeSet(2), [pod(0, 'failed'), pod(1, 'ready')], r, r, 0, NOW).actions), ['delete:web-0']);
});

test('rolling update replaces from the highest ordinal, respects the partition; OnDelete does nothing', () => {
  const cur = rev('web-r1');
  const upd = rev('web-r2', 'nginx:2', 2);
  const pods = [pod(0, 'ready'), pod(1, 'ready'), pod(2, 'ready')];
  const p = planStatefulSet(makeSet(3), pods, cur, upd, 0, NOW);
  assert.deepEqual(summary(p.actions), ['delete:web-2']);
  assert.equal(p.status.currentReplicas, 2);
  assert.equal(p.status.updatedReplicas, 0);
  // web-2 recreated at the update revision but not ready yet: wait.
  const recreated = pod(2, 'running', 'web-r2');
  assert.deepEqual(summary(planStatefulSet(makeSet(3), [pod(0, 'ready'), pod(1, 'ready'), recreated], cur, upd, 0, NOW).actions), []);
  assert.deepEqual(summary(planStatefulSet(makeSet(3), [pod(0, 'ready'), pod(1, 'ready'), pod(2, 'ready', 'web-r2')], cur, upd, 0, NOW).actions), ['delete:web-1']);
  const partitioned = makeSet(3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
  assert.deepEqual(summary(planStatefulSet(partitioned, [pod(0, 'ready'), pod(1, 'ready'), pod(2, 'ready', 'web-r2')], cur, upd, 0, NOW).actions), [], 'ordinals below the partition stay');
  // A pod below the partition is recreated at the current revision.
  const re = planStatefulSet(partitioned, [pod(1, 'ready'), pod(2, 'ready', 'web-r2')], cur, upd, 0, NOW);
  assert.equal(re.actions[0].pod.metadata?.labels?.['controller-revision-hash'], 'web-r1');
  assert.equal(re.actions[0].pod.spec?.containers[0].image, 'nginx:1');
  const onDelete = makeSet(3, { updateStrategy: { type: 'OnDelete' } });
  assert.deepEqual(summary(planStatefulSet(onDelete, pods, cur, upd, 0, NOW).actions), []);
});

test('status counts and completion of a rolling update', () => {
  const r1 = rev('web-r1');
  const set = makeSet(2);
  const p = planStatefulSet(set, [pod(0, 'ready'), pod(1, 'running')], r1, r1, 0, NOW);
  assert.deepEqual(
    { ...p.status },
    { observedGeneration: 1, replicas: 2, readyReplicas: 1, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 1, currentRevision: 'web-r1', updateRevision: 'web-r1', collisionCount: 0 },
  );
  const r2 = rev('web-r2', 'nginx:2', 2);
  const done = planStatefulSet(set, [pod(0, 'ready', 'web-r2'), pod(1, 'ready', 'web-r2')], r1, r2, 0, NOW);
  assert.equal(done.status.currentRevision, 'web-r1');
  completeRollingUpdate(set, done.status);
  assert.equal(done.status.currentRevision, 'web-r2');
  assert.equal(done.status.currentReplicas, 2);
});

test('revisions: hashed names, reuse, rollback renumbering, current from status', () => {
  assert.equal(fnv32(''), 0x811c9dc5);
  assert.equal(fnv32('a'), 0x050c5d7e, 'FNV-1, not FNV-1a');
  assert.equal(safeEncode('0123'), 'bcdf'.split('').map((_, i) => 'bcdfghjklmnpqrstvwxz2456789'['0123'.charCodeAt(i) % 27]).join(''));
  const h = revisionHash(template(), 0);
  assert.match(h, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.equal(revisionHash(template(), 0), h, 'stable');
  assert.notEqual(revisionHash(template('nginx:2'), 0), h);
  assert.notEqual(revisionHash(template(), 1), h, 'the collision count changes the name');

  const set = makeSet(3);
  const first = resolveRevisions(set, []);
  assert.equal(first.update.name, `web-${h}`);
  assert.equal(first.update.revision, 1);
  assert.equal(first.current, first.update);

  const withStatus = makeSet(3, { template: template('nginx:2') }, { replicas: 3, currentRevision: first.update.name });
  const second = resolveRevisions(withStatus, first.revisions);
  assert.equal(second.update.revision, 2);
  assert.equal(second.current.name, first.update.name);
  assert.equal(second.current.template.spec?.containers[0].image, 'nginx:1');

  const back = makeSet(3, { template: template('nginx:1') }, { replicas: 3, currentRevision: second.update.name });
  const third = resolveRevisions(back, second.revisions);
  assert.equal(third.update.name, first.update.name, 'rolling back reuses the old revision');
  assert.equal(third.update.revision, 3, 'renumbered as the newest');

  const annotated: StatefulSet = { ...set, metadata: { ...set.metadata, annotations: { [REVISIONS_ANNOTATION]: encodeRevisions(third.revisions) } } };
  assert.deepEqual(readRevisions(annotated).map((r) => r.revision), [2, 3]);
});
