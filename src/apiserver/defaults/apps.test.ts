import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../../api/types.js';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './apps.js';

const template = () => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });

test('defaultDeployment: replicas, strategy, limits and pod defaults', () => {
  const d: Deployment = { spec: { selector: { matchLabels: { app: 'web' } }, template: template() } };
  defaultDeployment(d);
  assert.equal(d.spec!.replicas, 1);
  assert.deepEqual(d.spec!.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.equal(d.spec!.revisionHistoryLimit, 10);
  assert.equal(d.spec!.progressDeadlineSeconds, 600);
  assert.equal(d.spec!.template.spec!.restartPolicy, 'Always');
  assert.equal(d.spec!.template.spec!.containers[0]!.imagePullPolicy, 'IfNotPresent');
});

test('defaultDeployment: keeps what is set; Recreate gets no rollingUpdate', () => {
  const d: Deployment = {
    spec: { replicas: 0, revisionHistoryLimit: 0, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0 } }, selector: {}, template: template() },
  };
  defaultDeployment(d);
  assert.equal(d.spec!.replicas, 0);
  assert.equal(d.spec!.revisionHistoryLimit, 0);
  assert.deepEqual(d.spec!.strategy!.rollingUpdate, { maxSurge: 0, maxUnavailable: '25%' });
  const r: Deployment = { spec: { strategy: { type: 'Recreate' }, selector: {}, template: template() } };
  defaultDeployment(r);
  assert.deepEqual(r.spec!.strategy, { type: 'Recreate' });
});

test('defaultReplicaSet: replicas 1', () => {
  const rs: ReplicaSet = { spec: { selector: {}, template: template() } };
  defaultReplicaSet(rs);
  assert.equal(rs.spec!.replicas, 1);
  assert.equal(rs.spec!.template!.spec!.dnsPolicy, 'ClusterFirst');
});

test('defaultStatefulSet: policy, strategy, retention, limits, claim templates', () => {
  const ss: StatefulSet = {
    spec: {
      serviceName: 'web',
      selector: {},
      template: template(),
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
    },
  };
  defaultStatefulSet(ss);
  assert.equal(ss.spec!.podManagementPolicy, 'OrderedReady');
  assert.deepEqual(ss.spec!.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  assert.deepEqual(ss.spec!.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.equal(ss.spec!.replicas, 1);
  assert.equal(ss.spec!.revisionHistoryLimit, 10);
  const pvc = ss.spec!.volumeClaimTemplates![0]!;
  assert.equal(pvc.apiVersion, 'v1');
  assert.equal(pvc.kind, 'PersistentVolumeClaim');
  assert.equal(pvc.spec!.volumeMode, 'Filesystem');
  assert.deepEqual(pvc.status, { phase: 'Pending' });
});

test('defaultStatefulSet: an explicit RollingUpdate without rollingUpdate stays that way', () => {
  const ss: StatefulSet = { spec: { serviceName: 'x', selector: {}, template: template(), updateStrategy: { type: 'RollingUpdate' } } };
  defaultStatefulSet(ss);
  assert.deepEqual(ss.spec!.updateStrategy, { type: 'RollingUpdate' });
  const od: StatefulSet = { spec: { serviceName: 'x', selector: {}, template: template(), updateStrategy: { type: 'OnDelete' } } };
  defaultStatefulSet(od);
  assert.deepEqual(od.spec!.updateStrategy, { type: 'OnDelete' });
});

test('defaultDaemonSet: RollingUpdate 1/0 and revisionHistoryLimit', () => {
  const ds: DaemonSet = { spec: { selector: {}, template: template() } };
  defaultDaemonSet(ds);
  assert.deepEqual(ds.spec!.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  assert.equal(ds.spec!.revisionHistoryLimit, 10);
  const od: DaemonSet = { spec: { selector: {}, template: template(), updateStrategy: { type: 'OnDelete' } } };
  defaultDaemonSet(od);
  assert.deepEqual(od.spec!.updateStrategy, { type: 'OnDelete' });
});
