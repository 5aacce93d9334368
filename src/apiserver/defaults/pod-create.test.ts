import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isApiError } from '../../api/errors.js';
import type { Pod } from '../../api/types.js';
import { admitPod, dropDisabledPodSpecFields, preparePodForCreate } from './pod-create.js';
import { defaultPod } from './pod.js';
import { validatePod } from '../validation/pod.js';

const plain = (): Pod => defaultPod({ metadata: { name: 'nginx', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });

test('admission adds what a real cluster shows for a plain pod', () => {
  const pod = admitPod(plain());
  const spec = pod.spec!;
  assert.equal(spec.serviceAccountName, 'default');
  assert.equal(spec.serviceAccount, 'default');
  assert.equal(spec.priority, 0);
  assert.equal(spec.preemptionPolicy, 'PreemptLowerPriority');
  assert.deepEqual(spec.tolerations, [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ]);
});

test('default tolerations are not added when already tolerated', () => {
  const pod = plain();
  pod.spec!.tolerations = [{ operator: 'Exists' }];
  admitPod(pod);
  assert.deepEqual(pod.spec!.tolerations, [{ operator: 'Exists' }]);
  const other = plain();
  other.spec!.tolerations = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }];
  admitPod(other);
  assert.deepEqual(other.spec!.tolerations!.map((t) => t.key), ['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready']);
});

test('priority class resolution and the Forbidden messages', () => {
  const crit = plain();
  crit.spec!.priorityClassName = 'system-node-critical';
  assert.equal(admitPod(crit).spec!.priority, 2000001000);
  const missing = plain();
  missing.spec!.priorityClassName = 'nope';
  assert.throws(() => admitPod(missing), (e) => isApiError(e, 'Forbidden') && e.message === 'pods "nginx" is forbidden: no PriorityClass with name nope was found');
  const wrong = plain();
  wrong.spec!.priority = 5;
  assert.throws(
    () => admitPod(wrong),
    (e) =>
      isApiError(e, 'Forbidden') &&
      e.message.endsWith('the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name'),
  );
  const never = plain();
  never.spec!.preemptionPolicy = 'Never';
  assert.throws(() => admitPod(never), /the string value of PreemptionPolicy \(Never\) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority/);
});

test('the service account token volume is mounted when asked for', () => {
  const pod = admitPod(plain(), { tokenVolumeName: 'kube-api-access-abcde' });
  assert.deepEqual(pod.spec!.containers[0]!.volumeMounts, [
    { name: 'kube-api-access-abcde', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
  ]);
  const vol = pod.spec!.volumes![0]!;
  assert.equal(vol.name, 'kube-api-access-abcde');
  assert.equal(vol.projected!.defaultMode, 420);
  assert.deepEqual(vol.projected!.sources![0], { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
  const off = plain();
  off.spec!.automountServiceAccountToken = false;
  assert.equal(admitPod(off, { tokenVolumeName: 'kube-api-access-x' }).spec!.volumes, undefined);
});

test('preparePodForCreate resets status to Pending and marks gated pods', () => {
  const pod = plain();
  pod.status = { phase: 'Running', podIP: '1.2.3.4' };
  preparePodForCreate(pod);
  assert.deepEqual(pod.status, { phase: 'Pending' });
  const gated = plain();
  gated.spec!.schedulingGates = [{ name: 'example.com/gate' }];
  preparePodForCreate(gated);
  assert.deepEqual(gated.status!.conditions, [
    { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' },
  ]);
});

test('fields behind disabled 1.32 feature gates are dropped unless already in use', () => {
  const pod = plain();
  const spec = pod.spec! as Record<string, unknown> & NonNullable<Pod['spec']>;
  spec.hostUsers = false;
  spec.securityContext = { supplementalGroupsPolicy: 'Strict' };
  (spec.containers[0] as Record<string, unknown>).resizePolicy = [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }];
  dropDisabledPodSpecFields(spec);
  assert.equal(spec.hostUsers, undefined);
  assert.equal(spec.securityContext!.supplementalGroupsPolicy, undefined);
  assert.equal((spec.containers[0] as Record<string, unknown>).resizePolicy, undefined);
  const kept = plain().spec!;
  (kept.containers[0] as Record<string, unknown>).resizePolicy = [];
  const old = plain().spec!;
  (old.containers[0] as Record<string, unknown>).resizePolicy = [];
  dropDisabledPodSpecFields(kept, old);
  assert.deepEqual((kept.containers[0] as Record<string, unknown>).resizePolicy, []);
});

test('the full create pipeline (defaults, admission, prepare) yields a pod that validates', () => {
  const pod = defaultPod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx', namespace: 'default', labels: { run: 'nginx' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' },
    status: {},
  });
  admitPod(pod, { tokenVolumeName: 'kube-api-access-7xk2p' });
  preparePodForCreate(pod);
  assert.deepEqual(validatePod(pod), []);
  assert.equal(pod.spec!.containers[0]!.imagePullPolicy, 'Always');
  assert.deepEqual(pod.status, { phase: 'Pending' });
});
