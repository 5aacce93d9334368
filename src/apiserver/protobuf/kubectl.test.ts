import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { decodeProtobuf, isProtobufContentType } from './index.js';
import { KUBECTL_CAPTURES } from './fixtures/kubectl-captures.js';
import { CAPTURE_COMMANDS, captureKubectl } from './fixtures/capture.js';
import { encodeBody } from './fixtures/encode.js';

type Obj = Record<string, unknown>;

function capture(name: string): Obj {
  const c = KUBECTL_CAPTURES[name];
  assert.ok(c, `fixture ${name}`);
  assert.ok(isProtobufContentType(c.contentType), `${name} was sent as protobuf`);
  return decodeProtobuf(Buffer.from(c.hex, 'hex'));
}

const o = (v: unknown): Obj => v as Obj;
const a = (v: unknown): Obj[] => v as Obj[];

function keysDeep(v: unknown, acc = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysDeep(x, acc));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      acc.add(k);
      keysDeep(x, acc);
    }
  }
  return acc;
}

test('every protobuf capture decodes, with no zero Time and no null anywhere', () => {
  for (const [name, c] of Object.entries(KUBECTL_CAPTURES)) {
    if (!isProtobufContentType(c.contentType)) continue;
    const obj = capture(name);
    assert.ok(obj.apiVersion && obj.kind, name);
    assert.ok(!keysDeep(obj).has('creationTimestamp'), `${name}: zero creationTimestamp must be absent`);
    assert.ok(!JSON.stringify(obj).includes('null'), name);
  }
});

test('kubectl create namespace', () => {
  assert.deepEqual(capture('create-namespace'), {
    apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'foo' }, spec: {}, status: {},
  });
});

test('kubectl create configmap: namespace and data', () => {
  const cm = capture('create-configmap');
  assert.equal(cm.kind, 'ConfigMap');
  assert.deepEqual(cm.metadata, { name: 'cm', namespace: 'team' });
  assert.deepEqual(cm.data, { a: 'b', c: 'd' });
  assert.equal(cm.binaryData, undefined);
});

test('kubectl create secret generic: bytes values are base64, empty values survive', () => {
  const s = capture('create-secret-generic');
  assert.deepEqual(s.data, { k: 'dg==', empty: '' });
  assert.equal(Buffer.from(String(o(s.data).k), 'base64').toString(), 'v');
  assert.equal(s.type, undefined);
});

test('kubectl create secret docker-registry: type and docker config JSON', () => {
  const s = capture('create-secret-docker-registry');
  assert.equal(s.type, 'kubernetes.io/dockerconfigjson');
  const cfg = JSON.parse(Buffer.from(String(o(s.data)['.dockerconfigjson']), 'base64').toString()) as Obj;
  assert.deepEqual(o(o(cfg.auths)['r.io']), { username: 'u', password: 'p', auth: 'dTpw' });
});

test('kubectl create service clusterip: ports with integer targetPort', () => {
  const svc = capture('create-service-clusterip');
  assert.deepEqual(svc.metadata, { name: 'web', labels: { app: 'web' } });
  const spec = o(svc.spec);
  assert.deepEqual(spec.ports, [
    { name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 },
    { name: '443', protocol: 'TCP', port: 443, targetPort: 443 },
  ]);
  assert.deepEqual(spec.selector, { app: 'web' });
  assert.equal(spec.type, 'ClusterIP');
  assert.equal(spec.clusterIP, undefined);
  assert.deepEqual(svc.status, { loadBalancer: {} });
});

test('kubectl create service nodeport / loadbalancer / externalname', () => {
  const np = o(capture('create-service-nodeport').spec);
  assert.equal(np.type, 'NodePort');
  assert.deepEqual(np.ports, [{ name: '80-http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }]);
  const lb = o(capture('create-service-loadbalancer').spec);
  assert.equal(lb.type, 'LoadBalancer');
  assert.equal(a(lb.ports)[0]!.targetPort, 8080);
  const ext = o(capture('create-service-externalname').spec);
  assert.equal(ext.type, 'ExternalName');
  assert.equal(ext.externalName, 'example.com');
  assert.equal(ext.ports, undefined);
});

test('kubectl create deployment: replicas, selector, template', () => {
  const d = capture('create-deployment');
  assert.equal(d.apiVersion, 'apps/v1');
  assert.equal(d.kind, 'Deployment');
  const spec = o(d.spec);
  assert.equal(spec.replicas, 3);
  assert.deepEqual(spec.selector, { matchLabels: { app: 'web' } });
  assert.deepEqual(o(spec.template).metadata, { labels: { app: 'web' } });
  assert.deepEqual(o(o(spec.template).spec).containers, [
    { name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], resources: {} },
  ]);
  assert.deepEqual(spec.strategy, {});
});

test('kubectl create deployment --replicas=0 keeps the zero', () => {
  const spec = o(capture('create-deployment-zero').spec);
  assert.ok(Object.hasOwn(spec, 'replicas'));
  assert.equal(spec.replicas, 0);
  assert.deepEqual(a(o(o(spec.template).spec).containers).map((c) => c.image), ['nginx', 'busybox']);
});

test('kubectl create job and cronjob', () => {
  const job = capture('create-job');
  assert.equal(job.apiVersion, 'batch/v1');
  const podSpec = o(o(o(job.spec).template).spec);
  assert.equal(podSpec.restartPolicy, 'Never');
  assert.deepEqual(a(podSpec.containers)[0], { name: 'j', image: 'busybox', command: ['echo', 'hi'], resources: {} });
  assert.deepEqual(Object.keys(o(job.spec)), ['template']);

  const cj = capture('create-cronjob');
  assert.equal(o(cj.spec).schedule, '*/5 * * * *');
  const jt = o(o(cj.spec).jobTemplate);
  assert.deepEqual(jt.metadata, { name: 'cj' });
  const cjPod = o(o(o(jt.spec).template).spec);
  assert.equal(cjPod.restartPolicy, 'OnFailure');
  assert.deepEqual(a(cjPod.containers)[0]!.command, ['date']);
});

test('kubectl create ingress: rules, backends, tls, class', () => {
  const ing = capture('create-ingress');
  assert.equal(ing.apiVersion, 'networking.k8s.io/v1');
  assert.deepEqual(o(ing.metadata).annotations, { a: 'b' });
  const spec = o(ing.spec);
  assert.equal(spec.ingressClassName, 'nginx');
  assert.deepEqual(spec.tls, [{ hosts: ['tls.io'], secretName: 'cert' }]);
  const rules = a(spec.rules);
  assert.deepEqual(rules[0], {
    host: 'foo.com',
    http: { paths: [{ path: '/bar', pathType: 'Exact', backend: { service: { name: 'svc1', port: { number: 8080 } } } }] },
  });
  assert.deepEqual(o(a(o(rules[1]!.http).paths)[0]!.backend).service, { name: 'svc2', port: { name: 'http' } });
});

test('kubectl create serviceaccount', () => {
  assert.deepEqual(capture('create-serviceaccount'), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } });
});

test('kubectl create pdb: IntOrString min/max and non-omitempty zero status counters', () => {
  const pdb = capture('create-pdb');
  assert.equal(o(pdb.spec).minAvailable, '50%');
  assert.deepEqual(o(pdb.spec).selector, { matchLabels: { app: 'web' } });
  assert.deepEqual(pdb.status, { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
  const max = o(capture('create-pdb-max').spec);
  assert.equal(max.maxUnavailable, 1);
  assert.equal(max.minAvailable, undefined);
});

test('kubectl create quota: quantities as strings', () => {
  const q = capture('create-quota');
  assert.deepEqual(q.spec, { hard: { cpu: '1', memory: '1Gi', pods: '2' }, scopes: ['NotTerminating'] });
});

test('kubectl create priorityclass, role, rolebinding, clusterrole, clusterrolebinding', () => {
  const pc = capture('create-priorityclass');
  assert.equal(pc.value, 1000);
  assert.equal(pc.preemptionPolicy, 'Never');
  assert.equal(pc.globalDefault, undefined);
  assert.deepEqual(capture('create-role').rules, [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }]);
  const rb = capture('create-rolebinding');
  assert.deepEqual(rb.subjects, [
    { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
    { kind: 'ServiceAccount', name: 'sa', namespace: 'default' },
  ]);
  assert.deepEqual(rb.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' });
  assert.equal(capture('create-clusterrole').kind, 'ClusterRole');
  assert.deepEqual(o(capture('create-clusterrolebinding').roleRef).kind, 'ClusterRole');
});

test('kubectl create token and auth can-i', () => {
  const tr = capture('create-token');
  assert.equal(tr.apiVersion, 'authentication.k8s.io/v1');
  assert.deepEqual(tr.spec, { audiences: ['api'], expirationSeconds: 600 });
  const ssar = capture('auth-can-i');
  assert.deepEqual(o(ssar.spec).resourceAttributes, { namespace: 'team', verb: 'get', resource: 'pods' });
  assert.deepEqual(ssar.status, { allowed: false });
});

test('kubectl drain --disable-eviction: pod DELETE with protobuf DeleteOptions', () => {
  const c = KUBECTL_CAPTURES['drain-delete']!;
  assert.equal(c.method, 'DELETE');
  assert.equal(c.path, '/api/v1/namespaces/default/pods/p1');
  assert.deepEqual(capture('drain-delete'), { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 });
});

test('kubectl drain evicts with a JSON body; the same Eviction in protobuf decodes identically', () => {
  const c = KUBECTL_CAPTURES['drain-evict']!;
  assert.equal(c.contentType, 'application/json');
  const sent = JSON.parse(Buffer.from(c.hex, 'hex').toString()) as Obj;
  const body = encodeBody('policy/v1', 'Eviction', 'policy.v1.Eviction', {
    metadata: { name: 'p1', namespace: 'default' },
    deleteOptions: { gracePeriodSeconds: 0 },
  });
  const decoded = decodeProtobuf(body);
  delete o(sent.metadata).creationTimestamp;
  assert.deepEqual({ ...decoded }, { apiVersion: sent.apiVersion, kind: sent.kind, metadata: sent.metadata, deleteOptions: sent.deleteOptions });
});

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('live: kubectl still sends exactly the recorded bytes', { skip: !hasKubectl() && 'kubectl not on PATH' }, async () => {
  for (const name of ['create-namespace', 'create-configmap']) {
    const writes = await captureKubectl(CAPTURE_COMMANDS[name]!);
    assert.equal(writes.length, 1, name);
    assert.equal(writes[0]!.body.toString('hex'), KUBECTL_CAPTURES[name]!.hex, name);
  }
});
