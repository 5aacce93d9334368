import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProtobuf } from './index.js';
import { encodeBody, encodeMessage, envelope } from './fixtures/encode.js';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => v as Obj;
const a = (v: unknown): Obj[] => v as Obj[];

const T2024 = 1704164645; // 2024-01-02T03:04:05Z
const int = (intVal: number) => ({ type: 0, intVal });
const str = (strVal: string) => ({ type: 1, strVal });
const q = (s: string) => ({ string: s });

const POD = {
  metadata: {
    name: 'web-0', namespace: 'prod', uid: '', generation: 0, resourceVersion: '',
    labels: { app: 'web', tier: 'fe' }, annotations: { note: 'x' },
    creationTimestamp: { seconds: T2024, nanos: 0 },
    deletionTimestamp: { seconds: T2024 + 60 },
    deletionGracePeriodSeconds: 0,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true, blockOwnerDeletion: false }],
    managedFields: [{ manager: 'kubectl', operation: 'Update', time: { seconds: T2024 }, fieldsType: 'FieldsV1', fieldsV1: { Raw: Buffer.from('{"f:metadata":{"f:labels":{}}}') } }],
  },
  spec: {
    terminationGracePeriodSeconds: 0,
    hostNetwork: false,
    automountServiceAccountToken: false,
    priority: 0,
    restartPolicy: 'Always',
    nodeSelector: { disk: 'ssd' },
    tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }, { operator: 'Exists' }],
    securityContext: { runAsUser: 0, runAsNonRoot: false, fsGroup: 2000, supplementalGroups: [1, 2] },
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }],
        },
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } },
        ],
      },
    },
    containers: [{
      name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent',
      ports: [{ name: 'http', containerPort: 8080, hostPort: 0, protocol: 'TCP' }],
      env: [
        { name: 'PLAIN', value: 'v' },
        { name: 'EMPTY', value: '' },
        { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        { name: 'PW', valueFrom: { secretKeyRef: { localObjectReference: { name: 'db' }, key: 'pw', optional: false } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: q('1Mi') } } },
      ],
      resources: { limits: { cpu: q('500m'), memory: q('128Mi') }, requests: { cpu: q('250m') } },
      livenessProbe: { handler: { httpGet: { path: '/healthz', port: int(8080), scheme: 'HTTP' } }, initialDelaySeconds: 0, periodSeconds: 10 },
      readinessProbe: { handler: { tcpSocket: { port: str('http') } }, failureThreshold: 3 },
      startupProbe: { handler: { exec: { command: ['cat', '/ready'] } }, terminationGracePeriodSeconds: 0 },
      lifecycle: {
        postStart: { exec: { command: ['sh', '-c', 'echo hi'] } },
        preStop: { httpGet: { path: '/stop', port: str('http') } },
      },
      volumeMounts: [{ name: 'cache', mountPath: '/cache', readOnly: true }, { name: 'cfg', mountPath: '/etc/cfg', readOnly: false }],
      securityContext: { privileged: false, capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false },
    }],
    volumes: [
      { name: 'cache', volumeSource: { emptyDir: { medium: 'Memory', sizeLimit: q('1Gi') } } },
      { name: 'scratch', volumeSource: { emptyDir: {} } },
      { name: 'cfg', volumeSource: { configMap: { localObjectReference: { name: 'app-cfg' }, items: [{ key: 'a', path: 'a.txt', mode: 0o600 }], defaultMode: 420 } } },
      { name: 'sec', volumeSource: { secret: { secretName: 'tls', optional: true } } },
      { name: 'info', volumeSource: { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } } },
      { name: 'proj', volumeSource: { projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3600, path: 'token' } }, { configMap: { localObjectReference: { name: 'ca' } } }] } } },
      { name: 'host', volumeSource: { hostPath: { path: '/var/log', type: '' } } },
      { name: 'data', volumeSource: { persistentVolumeClaim: { claimName: 'data-0', readOnly: false } } },
    ],
  },
  status: {
    phase: 'Running',
    startTime: { seconds: T2024 },
    conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: { seconds: T2024 + 5 } }],
    containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: { seconds: T2024 + 1 } } } }],
  },
};

function decodedPod(): Obj {
  return decodeProtobuf(encodeBody('v1', 'Pod', 'core.v1.Pod', POD));
}

test('Pod metadata: Time as RFC 3339, omitempty zeros dropped, pointer zeros and maps kept, FieldsV1 as JSON', () => {
  const m = o(decodedPod().metadata);
  assert.deepEqual(Object.keys(m).sort(), [
    'annotations', 'creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp', 'labels', 'managedFields',
    'name', 'namespace', 'ownerReferences',
  ]);
  assert.equal(m.creationTimestamp, '2024-01-02T03:04:05Z');
  assert.equal(m.deletionTimestamp, '2024-01-02T03:05:05Z');
  assert.equal(m.deletionGracePeriodSeconds, 0);
  assert.deepEqual(m.labels, { app: 'web', tier: 'fe' });
  assert.deepEqual(m.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true, blockOwnerDeletion: false }]);
  assert.deepEqual(m.managedFields, [{ manager: 'kubectl', operation: 'Update', time: '2024-01-02T03:04:05Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': {} } } }]);
});

test('PodSpec: zero values follow Go (pointers kept, omitempty dropped), tolerations, affinity, securityContext', () => {
  const s = o(decodedPod().spec);
  assert.equal(s.terminationGracePeriodSeconds, 0);
  assert.equal(s.automountServiceAccountToken, false);
  assert.equal(s.priority, 0);
  assert.ok(!Object.hasOwn(s, 'hostNetwork'));
  assert.deepEqual(s.nodeSelector, { disk: 'ssd' });
  assert.deepEqual(s.tolerations, [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }, { operator: 'Exists' }]);
  assert.deepEqual(s.securityContext, { runAsUser: 0, runAsNonRoot: false, fsGroup: 2000, supplementalGroups: [1, 2] });
  assert.deepEqual(o(o(s.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution, {
    nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }],
  });
  assert.deepEqual(o(o(s.affinity).podAntiAffinity).preferredDuringSchedulingIgnoredDuringExecution, [
    { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } },
  ]);
});

test('Container: env valueFrom, Quantity resources, probes with inlined handlers and IntOrString ports, lifecycle', () => {
  const c = a(o(decodedPod().spec).containers)[0]!;
  assert.deepEqual(c.ports, [{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  assert.deepEqual(c.env, [
    { name: 'PLAIN', value: 'v' },
    { name: 'EMPTY' },
    { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    { name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'pw', optional: false } } },
    { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
  ]);
  assert.deepEqual(c.resources, { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } });
  assert.deepEqual(c.livenessProbe, { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10 });
  assert.deepEqual(c.readinessProbe, { tcpSocket: { port: 'http' }, failureThreshold: 3 });
  assert.deepEqual(c.startupProbe, { exec: { command: ['cat', '/ready'] }, terminationGracePeriodSeconds: 0 });
  assert.deepEqual(c.lifecycle, {
    postStart: { exec: { command: ['sh', '-c', 'echo hi'] } },
    preStop: { httpGet: { path: '/stop', port: 'http' } },
  });
  assert.deepEqual(c.volumeMounts, [{ name: 'cache', mountPath: '/cache', readOnly: true }, { name: 'cfg', mountPath: '/etc/cfg' }]);
  assert.deepEqual(c.securityContext, { privileged: false, capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false });
});

test('Volumes: the volume source is inlined next to the name', () => {
  assert.deepEqual(o(decodedPod().spec).volumes, [
    { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
    { name: 'scratch', emptyDir: {} },
    { name: 'cfg', configMap: { name: 'app-cfg', items: [{ key: 'a', path: 'a.txt', mode: 0o600 }], defaultMode: 420 } },
    { name: 'sec', secret: { secretName: 'tls', optional: true } },
    { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
    { name: 'proj', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3600, path: 'token' } }, { configMap: { name: 'ca' } }] } },
    { name: 'host', hostPath: { path: '/var/log', type: '' } },
    { name: 'data', persistentVolumeClaim: { claimName: 'data-0' } },
  ]);
});

test('PodStatus: times and non-omitempty zero counters', () => {
  assert.deepEqual(decodedPod().status, {
    phase: 'Running',
    startTime: '2024-01-02T03:04:05Z',
    conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-01-02T03:04:10Z' }],
    containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: '2024-01-02T03:04:06Z' } } }],
  });
});

test('bytes fields (Secret.data, ConfigMap.binaryData) become base64; int64 becomes a number', () => {
  const secret = decodeProtobuf(encodeBody('v1', 'Secret', 'core.v1.Secret', {
    metadata: { name: 's', generation: 9007199254740991 }, data: { bin: Buffer.from([0, 255, 1]) }, stringData: { x: 'y' }, immutable: false,
  }));
  assert.deepEqual(secret, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', generation: 9007199254740991 }, data: { bin: 'AP8B' }, stringData: { x: 'y' }, immutable: false });
  const cm = decodeProtobuf(encodeBody('v1', 'ConfigMap', 'core.v1.ConfigMap', { metadata: { name: 'c' }, binaryData: { b: Buffer.from('hi') } }));
  assert.deepEqual(cm.binaryData, { b: 'aGk=' });
});

test('MicroTime has six fractional digits (events.k8s.io Event, Lease)', () => {
  const ev = decodeProtobuf(encodeBody('events.k8s.io/v1', 'Event', 'events.v1.Event', {
    metadata: { name: 'e' }, eventTime: { seconds: T2024, nanos: 123456789 }, reason: 'Started', action: 'Start',
    series: { count: 2, lastObservedTime: { seconds: T2024 + 1, nanos: 5000 } },
    deprecatedFirstTimestamp: { seconds: T2024 }, deprecatedCount: 0,
    regarding: { kind: 'Pod', name: 'p', namespace: 'd' },
  }));
  assert.equal(ev.eventTime, '2024-01-02T03:04:05.123456Z');
  assert.deepEqual(ev.series, { count: 2, lastObservedTime: '2024-01-02T03:04:06.000005Z' });
  assert.equal(ev.deprecatedFirstTimestamp, '2024-01-02T03:04:05Z');
  assert.ok(!Object.hasOwn(ev, 'deprecatedCount'));
  assert.deepEqual(ev.regarding, { kind: 'Pod', namespace: 'd', name: 'p' });

  const lease = decodeProtobuf(encodeBody('coordination.k8s.io/v1', 'Lease', 'coordination.v1.Lease', {
    metadata: { name: 'l', namespace: 'kube-node-lease' },
    spec: { holderIdentity: 'n1', leaseDurationSeconds: 0, renewTime: { seconds: 0, nanos: 0 }, acquireTime: {} },
  }));
  assert.deepEqual(lease.spec, { holderIdentity: 'n1', leaseDurationSeconds: 0, renewTime: '1970-01-01T00:00:00.000000Z' });
});

test('RawExtension: JSON bytes are parsed, a nested k8s protobuf object is decoded', () => {
  const json = decodeProtobuf(encodeBody('apps/v1', 'ControllerRevision', 'apps.v1.ControllerRevision', {
    metadata: { name: 'r' }, data: { raw: Buffer.from('{"spec":{"replicas":2}}') }, revision: 0,
  }));
  assert.deepEqual(json.data, { spec: { replicas: 2 } });
  assert.equal(json.revision, 0);
  const nested = envelope('v1', 'ConfigMap', encodeMessage('core.v1.ConfigMap', { metadata: { name: 'inner' }, data: { k: 'v' } }));
  const pb = decodeProtobuf(encodeBody('apps/v1', 'ControllerRevision', 'apps.v1.ControllerRevision', {
    metadata: { name: 'r' }, data: { raw: nested }, revision: 3,
  }));
  assert.deepEqual(pb.data, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inner' }, data: { k: 'v' } });
});

test('Deployment strategy IntOrString pointers and a zero replica count', () => {
  const d = decodeProtobuf(encodeBody('apps/v1', 'Deployment', 'apps.v1.Deployment', {
    metadata: { name: 'd' },
    spec: { replicas: 0, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: str('25%'), maxUnavailable: int(0) } }, revisionHistoryLimit: 0, paused: false },
  }));
  assert.deepEqual(d.spec, { replicas: 0, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } }, revisionHistoryLimit: 0 });
});
