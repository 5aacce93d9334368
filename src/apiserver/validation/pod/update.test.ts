import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../api/types.js';
import { validatePodStatusUpdate, validatePodUpdate } from './update.js';
import { lines, validPod } from './testutil.js';

const stored = (mutate?: Parameters<typeof validPod>[0]): Pod => {
  const pod = validPod(mutate);
  pod.metadata = { ...pod.metadata, uid: 'u1', resourceVersion: '7', creationTimestamp: '2024-01-01T00:00:00Z' };
  return pod;
};
const update = (old: Pod, change: (p: Pod) => void): string[] => {
  const next = structuredClone(old);
  change(next);
  return lines(validatePodUpdate(next, old));
};
const FORBIDDEN_PREFIX =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n';

test('image, labels and annotations may change', () => {
  assert.deepEqual(
    update(stored(), (p) => {
      p.spec!.containers[0]!.image = 'nginx:1.30';
      p.metadata!.labels = { a: 'b' };
    }),
    [],
  );
});

test('other spec changes are forbidden with upstream message', () => {
  const out = update(stored(), (p) => (p.spec!.restartPolicy = 'Never'));
  assert.equal(out.length, 1);
  assert.ok(out[0]!.startsWith(FORBIDDEN_PREFIX));
  assert.match(out[0]!, /RestartPolicy: "Always"/);
});

test('containers may not be added or removed', () => {
  assert.deepEqual(
    update(stored(), (p) => p.spec!.containers.push({ name: 'b', image: 'x', imagePullPolicy: 'Always', terminationMessagePolicy: 'File', resources: {} })),
    ['spec.containers: Forbidden: pod updates may not add or remove containers'],
  );
});

test('updated images must be present and trimmed', () => {
  assert.deepEqual(update(stored(), (p) => (p.spec!.containers[0]!.image = '')), [
    'spec.containers[0].image: Required value',
    'spec.containers[0].image: Required value',
  ]);
});

test('activeDeadlineSeconds may be set or lowered, not raised or removed', () => {
  assert.deepEqual(update(stored(), (p) => (p.spec!.activeDeadlineSeconds = 100)), []);
  const withDeadline = stored((p) => (p.spec.activeDeadlineSeconds = 100));
  assert.deepEqual(update(withDeadline, (p) => (p.spec!.activeDeadlineSeconds = 50)), []);
  assert.deepEqual(update(withDeadline, (p) => (p.spec!.activeDeadlineSeconds = 200)), [
    'spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value',
  ]);
  assert.deepEqual(update(withDeadline, (p) => delete p.spec!.activeDeadlineSeconds), [
    'spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value',
  ]);
});

test('tolerations may only be added (tolerationSeconds may change)', () => {
  const old = stored((p) => (p.spec.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]));
  assert.deepEqual(update(old, (p) => p.spec!.tolerations!.push({ key: 'j', operator: 'Exists' })), []);
  assert.deepEqual(update(old, (p) => (p.spec!.tolerations![0]!.tolerationSeconds = 10)), []);
  assert.deepEqual(update(old, (p) => (p.spec!.tolerations = [])), [
    'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
  ]);
});

test('scheduling gates may only be removed', () => {
  const old = stored((p) => (p.spec.schedulingGates = [{ name: 'example.com/a' }]));
  assert.deepEqual(update(old, (p) => (p.spec!.schedulingGates = [])), []);
  assert.deepEqual(update(old, (p) => p.spec!.schedulingGates!.push({ name: 'example.com/b' })), [
    "spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/b'",
  ]);
});

test('metadata identity is immutable on update', () => {
  assert.deepEqual(update(stored(), (p) => (p.metadata!.uid = 'u2')), ['metadata.uid: Invalid value: "u2": field is immutable']);
});

const statusUpdate = (old: Pod, change: (p: Pod) => void): string[] => {
  const next = structuredClone(old);
  change(next);
  return lines(validatePodStatusUpdate(next, old));
};

test('status updates: nodeName and qosClass are fixed, IPs must be valid', () => {
  const old = stored();
  old.status = { phase: 'Pending', qosClass: 'BestEffort' };
  assert.deepEqual(
    statusUpdate(old, (p) => {
      p.status = { phase: 'Running', qosClass: 'BestEffort', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }], hostIP: '1.2.3.4', hostIPs: [{ ip: '1.2.3.4' }] };
    }),
    [],
  );
  assert.deepEqual(
    statusUpdate(old, (p) => {
      p.spec!.nodeName = 'n1';
      p.status = { qosClass: 'Burstable', podIPs: [{ ip: 'nope' }] };
    }),
    [
      'status.nodeName: Forbidden: may not be changed directly',
      'status.qosClass: Invalid value: "Burstable": field is immutable',
      'status.podIPs[0]: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
  );
  assert.deepEqual(
    statusUpdate(old, (p) => (p.status = { qosClass: 'BestEffort', podIPs: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] })),
    ['status.podIPs: Invalid value: []core.PodIP{core.PodIP{IP:"10.0.0.1"}, core.PodIP{IP:"10.0.0.2"}}: may specify no more than one IP for each IP family'],
  );
});

test('status updates: finished containers of a Never pod may not restart; custom conditions are qualified names', () => {
  const old = stored((p) => (p.spec.restartPolicy = 'Never'));
  old.status = { containerStatuses: [{ name: 'nginx', ready: false, restartCount: 0, image: 'nginx', imageID: '', state: { terminated: { exitCode: 0 } } }] };
  const out = statusUpdate(old, (p) => {
    p.status!.containerStatuses![0]!.state = { running: {} };
    p.status!.conditions = [{ type: 'Ready', status: 'True' }, { type: 'bad type', status: 'True' }];
  });
  assert.equal(out.length, 2);
  assert.match(out[0]!, /^metadata\.conditions\[1\]\.Type: Invalid value: "bad type": name part must consist of/);
  assert.equal(out[1], 'status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state');
});
