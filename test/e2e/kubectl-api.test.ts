/**
 * The control plane driven by the real kubectl: generators (protobuf bodies), apply, get in
 * every output, watch, describe, label/annotate/patch/scale, deletion with propagation, explain.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readKubeconfig } from '../../src/server/kubeconfig.js';
import { eventually, TestCluster } from '../helpers/cluster.js';

let c: TestCluster;

before(async () => {
  c = await new TestCluster({ args: ['--disable', 'scheduler,kubelet,proxy,dns,ingress'] }).start();
});
after(async () => {
  await c?.cleanup();
});

function manifest(name: string, text: string): string {
  const path = join(c.dir, name);
  writeFileSync(path, text);
  return path;
}

describe('kubectl against skiff', () => {
  it('reports version minor 32 and serves discovery with short names', () => {
    assert.match(c.k(['version']), /Server Version: v1\.32/);
    const res = c.k(['api-resources']);
    for (const short of ['po', 'svc', 'ep', 'deploy', 'rs', 'ing', 'cm', 'ns', 'no', 'ev', 'sa']) {
      assert.match(res, new RegExp(`\\s${short}(,\\w+)?\\s`), `short name ${short}`);
    }
    assert.match(c.k(['get', 'ns']), /default\s+Active[\s\S]*kube-node-lease\s+Active[\s\S]*kube-public[\s\S]*kube-system/);
  });

  it('creates with the generators kubectl sends as protobuf', () => {
    assert.match(c.k(['create', 'namespace', 'team-a']), /namespace\/team-a created/);
    assert.match(c.k(['create', 'configmap', 'app-config', '--from-literal=mode=fast', '--from-literal=level=3']), /configmap\/app-config created/);
    assert.match(c.k(['create', 'secret', 'generic', 'db', '--from-literal=password=s3cret']), /secret\/db created/);
    assert.match(c.k(['create', 'service', 'clusterip', 'web', '--tcp=80:8080']), /service\/web created/);
    assert.match(c.k(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80']), /deployment.apps\/web created/);
    const cm = JSON.parse(c.k(['get', 'cm', 'app-config', '-o', 'json'])) as { data: Record<string, string> };
    assert.deepEqual(cm.data, { level: '3', mode: 'fast' });
    const secret = JSON.parse(c.k(['get', 'secret', 'db', '-o', 'json'])) as { data: Record<string, string>; type: string };
    assert.equal(Buffer.from(secret.data.password!, 'base64').toString(), 's3cret');
    assert.equal(secret.type, 'Opaque');
    assert.match(c.k(['get', 'svc', 'web']), /web\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP/);
    assert.equal(c.k(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.strategy.rollingUpdate.maxSurge}']), '2 nginx:1.27 25%');
  });

  it('gets in every output format', () => {
    assert.match(c.k(['get', 'deploy', 'web', '-o', 'yaml']), /^apiVersion: apps\/v1\nkind: Deployment\n/);
    assert.equal(c.k(['get', 'cm', 'app-config', '-o', 'name']).trim(), 'configmap/app-config');
    assert.match(c.k(['get', 'deploy', '-o', 'wide']), /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\nweb\s+\d\/2\s+\d\s+\d\s+\S+\s+nginx\s+nginx:1.27\s+app=web/);
    assert.match(c.k(['get', 'svc', 'web', '-o', 'wide']), /SELECTOR\n.*app=web/);
    assert.match(c.k(['get', 'ns', 'team-a', '-o', 'jsonpath={.status.phase}']), /^Active$/);
    assert.match(c.k(['get', 'cm', '-A']), /NAMESPACE\s+NAME\s+DATA\s+AGE[\s\S]*default\s+app-config\s+2/);
  });

  it('applies a file, changes nothing the second time, and patches only what changed', () => {
    const v1 = `apiVersion: v1
kind: Pod
metadata:
  name: applied
  labels: {app: demo, tier: fe}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports: [{containerPort: 80}]
  - name: side
    image: busybox
    command: [sleep, "3600"]
`;
    const path = manifest('pod.yaml', v1);
    assert.match(c.k(['apply', '-f', path]), /pod\/applied created/);
    const rv1 = c.k(['get', 'pod', 'applied', '-o', 'jsonpath={.metadata.resourceVersion}']);
    assert.match(c.k(['apply', '-f', path]), /pod\/applied unchanged/);
    assert.equal(c.k(['get', 'pod', 'applied', '-o', 'jsonpath={.metadata.resourceVersion}']), rv1);
    manifest('pod.yaml', v1.replace('nginx:1.27', 'nginx:1.28').replace('tier: fe', 'tier: be'));
    assert.match(c.k(['apply', '-f', path]), /pod\/applied configured/);
    const pod = JSON.parse(c.k(['get', 'pod', 'applied', '-o', 'json'])) as {
      metadata: { labels: Record<string, string> };
      spec: { containers: { name: string; image: string; command?: string[] }[] };
    };
    assert.deepEqual(pod.metadata.labels, { app: 'demo', tier: 'be' });
    assert.deepEqual(
      pod.spec.containers.map((x) => [x.name, x.image]),
      [
        ['app', 'nginx:1.28'],
        ['side', 'busybox'],
      ],
    );
    assert.deepEqual(pod.spec.containers[1]!.command, ['sleep', '3600']);
  });

  it('labels, annotates and patches with all three patch types', () => {
    assert.match(c.k(['label', 'pod', 'applied', 'env=prod']), /pod\/applied labeled/);
    assert.match(c.k(['annotate', 'pod', 'applied', 'owner=team-a']), /pod\/applied annotated/);
    assert.match(c.k(['patch', 'svc', 'web', '-p', '{"spec":{"ports":[{"port":80,"targetPort":9090}]}}']), /service\/web patched/);
    assert.match(c.k(['patch', 'svc', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"merged":"yes"}}}']), /patched/);
    assert.match(c.k(['patch', 'svc', 'web', '--type=json', '-p', '[{"op":"add","path":"/metadata/annotations","value":{"j":"1"}}]']), /patched/);
    const svc = JSON.parse(c.k(['get', 'svc', 'web', '-o', 'json'])) as {
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
      spec: { ports: { port: number; targetPort: number }[] };
    };
    assert.equal(svc.spec.ports.length, 1, 'strategic merge by port keeps one entry');
    assert.equal(svc.spec.ports[0]!.targetPort, 9090);
    assert.equal(svc.metadata.labels.merged, 'yes');
    assert.equal(svc.metadata.annotations.j, '1');
    const pod = c.k(['get', 'pod', 'applied', '--show-labels']);
    assert.match(pod, /env=prod/);
    assert.match(c.k(['get', 'pod', 'applied', '-o', 'jsonpath={.metadata.annotations.owner}']), /^team-a$/);
  });

  it('scales through the scale subresource and bumps generation on spec changes', () => {
    const gen1 = Number(c.k(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.generation}']));
    assert.match(c.k(['scale', 'deploy', 'web', '--replicas=5']), /deployment.apps\/web scaled/);
    assert.equal(c.k(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}']), '5');
    assert.equal(Number(c.k(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.generation}'])), gen1 + 1);
    c.k(['label', 'deploy', 'web', 'x=y']);
    assert.equal(Number(c.k(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.generation}'])), gen1 + 1, 'metadata changes do not bump generation');
  });

  it('describes objects with their defaults', () => {
    const d = c.k(['describe', 'pod', 'applied']);
    assert.match(d, /Name:\s+applied/);
    assert.match(d, /QoS Class:\s+BestEffort/);
    assert.match(d, /Tolerations:\s+node.kubernetes.io\/not-ready:NoExecute op=Exists for 300s/);
    assert.match(c.k(['describe', 'svc', 'web']), /Type:\s+ClusterIP[\s\S]*TargetPort:\s+9090\/TCP/);
    assert.match(c.k(['describe', 'deploy', 'web']), /StrategyType:\s+RollingUpdate[\s\S]*RollingUpdateStrategy:\s+25% max unavailable, 25% max surge/);
  });

  it('explains fields from the served OpenAPI', () => {
    const e = c.k(['explain', 'pod.spec.containers.livenessProbe']);
    assert.match(e, /FIELD: livenessProbe <Probe>/);
    assert.match(e, /initialDelaySeconds\s+<integer>/);
    assert.match(e, /periodSeconds\s+<integer>/);
    // A field that refers to another type has its own text, then the type's, as upstream.
    assert.match(e, /DESCRIPTION:\n\s+Periodic probe of container liveness\.[\s\S]*Probe describes a health check/);
    assert.match(e, /exec\s+<ExecAction>\n\s+Exec specifies the action to take\./);
    assert.match(e, /httpGet\s+<HTTPGetAction>\n\s+HTTPGet specifies the http request to perform\./);
    assert.doesNotMatch(e, /<no description>/);
    assert.match(c.k(['explain', 'pod.spec']), /DESCRIPTION:\n\s+Specification of the desired behavior of the pod\.[\s\S]*PodSpec is a description of a pod\./);
    const strategy = c.k(['explain', 'deployment.spec.strategy']);
    assert.match(strategy, /rollingUpdate\s+<RollingUpdateDeployment>\n\s+Rolling update config params\./);
  });

  it('watches with get -w and prints ADDED and MODIFIED lines', async () => {
    const w = c.kubectlBackground(['get', 'configmaps', '-w', '--output-watch-events']);
    let out = '';
    w.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await eventually(() => out.includes('app-config'), 10_000, 'the initial list');
      c.k(['create', 'configmap', 'watched', '--from-literal=a=1']);
      await eventually(() => /ADDED\s+watched\s+1/.test(out), 10_000, 'ADDED line');
      c.k(['patch', 'cm', 'watched', '--type=merge', '-p', '{"data":{"b":"2"}}']);
      await eventually(() => /MODIFIED\s+watched\s+2/.test(out), 10_000, 'MODIFIED line');
      c.k(['delete', 'cm', 'watched']);
      await eventually(() => /DELETED\s+watched/.test(out), 10_000, 'DELETED line');
    } finally {
      w.kill('SIGTERM');
    }
  });

  it('deletes with foreground and orphan propagation', async () => {
    const owner = JSON.parse(c.k(['create', 'configmap', 'owner', '-o', 'json'])) as { metadata: { uid: string } };
    const dep = (name: string, block: boolean) =>
      manifest(`${name}.json`, JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid, blockOwnerDeletion: block }] },
      }));
    c.k(['create', '-f', dep('child-a', true)]);
    c.k(['create', '-f', dep('child-b', false)]);
    assert.match(c.k(['delete', 'cm', 'owner', '--cascade=foreground']), /configmap "owner" deleted/);
    assert.equal(c.kubectl(['get', 'cm', 'owner']).code, 1, 'owner gone after its dependents');
    await eventually(() => c.kubectl(['get', 'cm', 'child-a']).code === 1 && c.kubectl(['get', 'cm', 'child-b']).code === 1, 10_000, 'dependents deleted');

    const owner2 = JSON.parse(c.k(['create', 'configmap', 'owner2', '-o', 'json'])) as { metadata: { uid: string } };
    c.k(['create', '-f', manifest('orphan.json', JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'orphaned', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner2', uid: owner2.metadata.uid }] },
    }))]);
    assert.match(c.k(['delete', 'cm', 'owner2', '--cascade=orphan']), /deleted/);
    await eventually(() => c.kubectl(['get', 'cm', 'owner2']).code === 1, 10_000, 'owner2 gone');
    assert.equal(c.k(['get', 'cm', 'orphaned', '-o', 'jsonpath={.metadata.ownerReferences}']), '', 'the dependent was orphaned');

    const owner3 = JSON.parse(c.k(['create', 'configmap', 'owner3', '-o', 'json'])) as { metadata: { uid: string } };
    c.k(['create', '-f', manifest('bg.json', JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'bg-child', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner3', uid: owner3.metadata.uid }] },
    }))]);
    c.k(['delete', 'cm', 'owner3']);
    await eventually(() => c.kubectl(['get', 'cm', 'bg-child']).code === 1, 10_000, 'background deletion of the dependent');
  });

  it('deletes a namespace with everything in it', async () => {
    for (let i = 0; i < 5; i++) c.k(['-n', 'team-a', 'create', 'configmap', `cm-${i}`]);
    assert.match(c.k(['delete', 'namespace', 'team-a']), /namespace "team-a" deleted/);
    assert.equal(c.kubectl(['get', 'ns', 'team-a']).code, 1);
    const r = c.kubectl(['-n', 'team-a', 'get', 'cm']);
    assert.match(r.stderr + r.stdout, /No resources found/);
  });

  it('answers auth can-i and auth whoami (protobuf reviews) for the certificate user', () => {
    assert.equal(c.k(['auth', 'can-i', 'create', 'pods']).trim(), 'yes');
    assert.equal(c.k(['auth', 'can-i', 'delete', 'deployments.apps', '-n', 'kube-system']).trim(), 'yes');
    assert.equal(c.k(['auth', 'can-i', 'get', '/healthz']).trim(), 'yes');
    assert.match(c.k(['auth', 'can-i', '--list']), /\*\.\*\s+\[\]\s+\[\]\s+\[\*\]/);
    const who = c.k(['auth', 'whoami']);
    assert.match(who, /Username\s+kubernetes-admin/);
    assert.match(who, /Groups\s+\[system:masters system:authenticated\]/);
    assert.match(who, /Extra: authentication\.kubernetes\.io\/credential-id\s+\[X509SHA256=[0-9a-f]{64}\]/);
    const json = JSON.parse(c.k(['auth', 'whoami', '-o', 'json'])) as { kind: string; status: { userInfo: { username: string } } };
    assert.equal(json.kind, 'SelfSubjectReview');
    assert.equal(json.status.userInfo.username, 'kubernetes-admin');
    assert.match(c.k(['api-resources', '--api-group', 'authorization.k8s.io']), /selfsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+false\s+SelfSubjectAccessReview/);
  });

  it('drains a node: cordon (strategic patch), then evictions (protobuf) of its pods', () => {
    c.k(['apply', '-f', '-'], `
apiVersion: v1
kind: Node
metadata: {name: drain-me}
---
apiVersion: v1
kind: Pod
metadata: {name: on-drained-1, namespace: default}
spec: {nodeName: drain-me, containers: [{name: c, image: busybox, command: [sleep, "60"]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: on-drained-2, namespace: default}
spec: {nodeName: drain-me, containers: [{name: c, image: busybox, command: [sleep, "60"]}]}
`);
    const r = c.kubectl(['drain', 'drain-me', '--force', '--grace-period=0', '--timeout=30s']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /node\/drain-me cordoned/);
    assert.match(r.stdout, /evicting pod default\/on-drained-1/);
    assert.match(r.stdout, /pod\/on-drained-2 evicted/);
    assert.match(r.stdout, /node\/drain-me drained/);
    assert.equal(JSON.parse(c.k(['get', 'node', 'drain-me', '-o', 'json'])).spec.unschedulable, true);
    assert.match(c.k(['get', 'node', 'drain-me']), /Ready.*SchedulingDisabled|SchedulingDisabled/);
    assert.equal(c.kubectl(['get', 'pod', 'on-drained-1']).code, 1, 'evicted');
    c.k(['delete', 'node', 'drain-me']);
  });

  it('publishes the cluster CA in every namespace as kube-root-ca.crt', async () => {
    const ca = readKubeconfig(c.kubeconfig).ca;
    c.k(['create', 'namespace', 'fresh-ns']);
    const cm = await eventually(() => {
      const r = c.kubectl(['-n', 'fresh-ns', 'get', 'cm', 'kube-root-ca.crt', '-o', 'json']);
      return r.code === 0 ? (JSON.parse(r.stdout) as { data: Record<string, string>; metadata: { annotations: Record<string, string> } }) : undefined;
    }, 10_000, 'kube-root-ca.crt in fresh-ns');
    assert.equal(cm.data['ca.crt'], ca);
    assert.match(cm.metadata.annotations['kubernetes.io/description']!, /^Contains a CA bundle that can be used to verify the kube-apiserver/);
    c.k(['-n', 'fresh-ns', 'delete', 'cm', 'kube-root-ca.crt']);
    await eventually(() => c.kubectl(['-n', 'fresh-ns', 'get', 'cm', 'kube-root-ca.crt']).code === 0, 10_000, 'kube-root-ca.crt recreated');
  });

  it('prints errors as kubectl does', () => {
    const nf = c.kubectl(['get', 'pod', 'nope']);
    assert.equal(nf.code, 1);
    assert.match(nf.stderr, /Error from server \(NotFound\): pods "nope" not found/);
    const dup = c.kubectl(['create', 'configmap', 'app-config']);
    assert.match(dup.stderr, /error: failed to create configmap: configmaps "app-config" already exists/);
    const dupFile = c.kubectl(['create', '-f', manifest('dup.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config}\n')]);
    assert.match(dupFile.stderr, /Error from server \(AlreadyExists\): error when creating ".*dup.yaml": configmaps "app-config" already exists/);
    const bad = c.kubectl(['create', '-f', manifest('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: Bad_Name}\nspec: {containers: [{name: c, image: x}]}\n')]);
    assert.match(bad.stderr, /The Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    const strict = c.kubectl(['create', '-f', manifest('strict.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndatta: {a: b}\n')]);
    assert.match(strict.stderr, /strict decoding error: unknown field "datta"/);
  });
});
