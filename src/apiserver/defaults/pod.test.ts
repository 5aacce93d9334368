import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, PodTemplateSpec } from '../../api/types.js';
import { defaultPod, defaultPodTemplateSpec, defaultPullPolicy, imageTag } from './pod.js';

test('the liveness1 pod from the notes gets exactly the v1 defaults', () => {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'liveness1' },
    spec: {
      containers: [
        {
          name: 'liveness',
          image: 'centos',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 10, periodSeconds: 5 },
        },
      ],
    },
  };
  defaultPod(pod);
  assert.deepEqual(pod, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'liveness1' },
    spec: {
      containers: [
        {
          name: 'liveness',
          image: 'centos',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600'],
          imagePullPolicy: 'Always',
          livenessProbe: {
            exec: { command: ['cat', '/tmp/healthy'] },
            failureThreshold: 3,
            initialDelaySeconds: 10,
            periodSeconds: 5,
            successThreshold: 1,
            timeoutSeconds: 1,
          },
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
    status: {},
  });
});

test('http-probe pod: httpGet probes get path and scheme, readiness keeps successThreshold 2', () => {
  const pod: Pod = {
    metadata: { name: 'http-probe' },
    spec: {
      containers: [
        {
          name: 'http-probe',
          image: 'nginx',
          readinessProbe: { httpGet: { path: '/healthz', port: 80 }, initialDelaySeconds: 30, periodSeconds: 5, successThreshold: 2 },
          lifecycle: { postStart: { httpGet: { port: 'http' } }, preStop: { exec: { command: ['x'] } } },
        },
      ],
    },
  };
  defaultPod(pod);
  const c = pod.spec!.containers[0]!;
  assert.deepEqual(c.readinessProbe, {
    httpGet: { path: '/healthz', port: 80, scheme: 'HTTP' },
    initialDelaySeconds: 30,
    periodSeconds: 5,
    successThreshold: 2,
    timeoutSeconds: 1,
    failureThreshold: 3,
  });
  assert.deepEqual(c.lifecycle!.postStart!.httpGet, { port: 'http', path: '/', scheme: 'HTTP' });
  assert.deepEqual(c.lifecycle!.preStop, { exec: { command: ['x'] } });
});

test('grpc probes get an empty service', () => {
  const pod: Pod = { spec: { containers: [{ name: 'a', image: 'x:1', startupProbe: { grpc: { port: 9000 } } }] } };
  defaultPod(pod);
  assert.deepEqual(pod.spec!.containers[0]!.startupProbe!.grpc, { port: 9000, service: '' });
});

test('image pull policy: Always for latest or untagged, IfNotPresent otherwise', () => {
  assert.equal(defaultPullPolicy('nginx'), 'Always');
  assert.equal(defaultPullPolicy('nginx:latest'), 'Always');
  assert.equal(defaultPullPolicy('docker.io/library/nginx:1.29'), 'IfNotPresent');
  assert.equal(defaultPullPolicy('localhost:5000/app'), 'Always');
  assert.equal(defaultPullPolicy('registry:5000/app:v2'), 'IfNotPresent');
  assert.equal(defaultPullPolicy(`nginx@sha256:${'a'.repeat(64)}`), 'IfNotPresent');
  assert.equal(defaultPullPolicy('Nginx'), 'IfNotPresent');
  assert.equal(imageTag('busybox:1.36'), '1.36');
  assert.equal(imageTag('bad image'), undefined);
});

test('requests default to limits for containers and init containers, quantities canonicalized and rounded to milli', () => {
  const pod: Pod = {
    spec: {
      containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '0.5', memory: '1024Mi' }, requests: { memory: '100Mi' } } }],
      initContainers: [{ name: 'i', image: 'x', resources: { limits: { cpu: '0.0001' } } }],
    },
  };
  defaultPod(pod);
  assert.deepEqual(pod.spec!.containers[0]!.resources, { limits: { cpu: '500m', memory: '1Gi' }, requests: { memory: '100Mi', cpu: '500m' } });
  assert.deepEqual(pod.spec!.initContainers![0]!.resources, { limits: { cpu: '1m' }, requests: { cpu: '1m' } });
});

test('numeric quantities become strings', () => {
  const pod = { spec: { containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: 1 } } }] } } as unknown as Pod;
  defaultPod(pod);
  assert.deepEqual(pod.spec!.containers[0]!.resources!.requests, { cpu: '1' });
});

test('ports default to TCP; hostNetwork pods copy containerPort to hostPort', () => {
  const pod: Pod = { spec: { hostNetwork: true, containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP', hostPort: 5353 }] }] } };
  defaultPod(pod);
  assert.deepEqual(pod.spec!.containers[0]!.ports, [
    { containerPort: 80, protocol: 'TCP', hostPort: 80 },
    { containerPort: 53, protocol: 'UDP', hostPort: 5353 },
  ]);
});

test('env fieldRef gets apiVersion v1 and resourceFieldRef gets divisor "0"', () => {
  const pod: Pod = {
    spec: {
      containers: [
        {
          name: 'a',
          image: 'x',
          env: [
            { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
            { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
            { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1024Ki' } } },
          ],
        },
      ],
    },
  };
  defaultPod(pod);
  const env = pod.spec!.containers[0]!.env!;
  assert.deepEqual(env[0]!.valueFrom!.fieldRef, { fieldPath: 'spec.nodeName', apiVersion: 'v1' });
  assert.deepEqual(env[1]!.valueFrom!.resourceFieldRef, { resource: 'limits.cpu', divisor: '0' });
  assert.equal(env[2]!.valueFrom!.resourceFieldRef!.divisor, '1Mi');
});

test('volumes: emptyDir when no source, modes 420, hostPath type, projected defaults', () => {
  const pod: Pod = {
    spec: {
      containers: [{ name: 'a', image: 'x' }],
      volumes: [
        { name: 'scratch' },
        { name: 'sized', emptyDir: { sizeLimit: '1024Mi' } },
        { name: 'cm', configMap: { name: 'c' } },
        { name: 'sec', secret: { secretName: 's', defaultMode: 256 } },
        { name: 'hp', hostPath: { path: '/data' } },
        { name: 'dapi', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        { name: 'proj', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      ],
    },
  };
  defaultPod(pod);
  const v = pod.spec!.volumes!;
  assert.deepEqual(v[0], { name: 'scratch', emptyDir: {} });
  assert.deepEqual(v[1], { name: 'sized', emptyDir: { sizeLimit: '1Gi' } });
  assert.deepEqual(v[2], { name: 'cm', configMap: { name: 'c', defaultMode: 420 } });
  assert.deepEqual(v[3], { name: 'sec', secret: { secretName: 's', defaultMode: 256 } });
  assert.deepEqual(v[4], { name: 'hp', hostPath: { path: '/data', type: '' } });
  assert.deepEqual(v[5], { name: 'dapi', downwardAPI: { defaultMode: 420, items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels', apiVersion: 'v1' } }] } });
  assert.deepEqual(v[6], { name: 'proj', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } });
});

test('serviceAccount and serviceAccountName mirror each other; the new field wins', () => {
  const a: Pod = { spec: { serviceAccount: 'old', containers: [] } };
  defaultPod(a);
  assert.equal(a.spec!.serviceAccountName, 'old');
  assert.equal(a.spec!.serviceAccount, 'old');
  const b: Pod = { spec: { serviceAccount: 'old', serviceAccountName: 'new', containers: [] } };
  defaultPod(b);
  assert.equal(b.spec!.serviceAccount, 'new');
});

test('explicit values are kept; a negative grace period on a Pod becomes 1', () => {
  const pod: Pod = {
    spec: {
      restartPolicy: 'Never',
      dnsPolicy: 'Default',
      terminationGracePeriodSeconds: -5,
      enableServiceLinks: false,
      schedulerName: 'mine',
      containers: [{ name: 'a', image: 'x', imagePullPolicy: 'Never', terminationMessagePolicy: 'FallbackToLogsOnError' }],
    },
  };
  defaultPod(pod);
  assert.equal(pod.spec!.restartPolicy, 'Never');
  assert.equal(pod.spec!.dnsPolicy, 'Default');
  assert.equal(pod.spec!.terminationGracePeriodSeconds, 1);
  assert.equal(pod.spec!.enableServiceLinks, false);
  assert.equal(pod.spec!.schedulerName, 'mine');
  assert.equal(pod.spec!.containers[0]!.imagePullPolicy, 'Never');
  assert.equal(pod.spec!.containers[0]!.terminationMessagePolicy, 'FallbackToLogsOnError');
});

test('templates get PodSpec defaults but not Pod-only ones', () => {
  const tmpl: PodTemplateSpec = {
    metadata: { labels: { app: 'web' } },
    spec: { terminationGracePeriodSeconds: -1, containers: [{ name: 'web', image: 'nginx:1.29', resources: { limits: { cpu: '1' } } }] },
  };
  defaultPodTemplateSpec(tmpl);
  assert.equal(tmpl.spec!.enableServiceLinks, undefined);
  assert.equal(tmpl.spec!.terminationGracePeriodSeconds, -1);
  assert.deepEqual(tmpl.spec!.containers[0]!.resources, { limits: { cpu: '1' } });
  assert.equal(tmpl.spec!.containers[0]!.imagePullPolicy, 'IfNotPresent');
  assert.equal(tmpl.spec!.restartPolicy, 'Always');
});

test('init container annotations are dropped', () => {
  const pod: Pod = { metadata: { annotations: { 'pod.beta.kubernetes.io/init-containers': '[]', keep: 'x' } }, spec: { containers: [] } };
  defaultPod(pod);
  assert.deepEqual(pod.metadata!.annotations, { keep: 'x' });
});
