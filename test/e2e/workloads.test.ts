/**
 * Deployments on real pods (scheduler, node agent, process runtime): rolling updates within the
 * maxSurge / maxUnavailable bounds on every watch event, a stalled rollout and `rollout undo`,
 * rollout history / restart / pause / resume, and namespace deletion with its contents.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type PodLike, ApiWatch, isReady } from '../helpers/apiwatch.js';
import { eventually, TestCluster } from '../helpers/cluster.js';

let c: TestCluster;

before(async () => {
  c = await new TestCluster({ args: ['--disable', 'proxy,dns,ingress', '--max-pods', '400'] }).start();
  await eventually(() => /\sReady\s/.test(c.kubectl(['get', 'nodes']).stdout), 20_000, 'a Ready node');
});
after(async () => {
  await c?.cleanup();
});

function apply(name: string, yaml: string): void {
  const path = join(c.dir, `${name}.yaml`);
  writeFileSync(path, yaml);
  c.k(['apply', '-f', path]);
}

function deployment(name: string, replicas: number, surge: string | number, unavailable: string | number, cmd = '["sleep", "600"]'): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: ${JSON.stringify(surge)}, maxUnavailable: ${JSON.stringify(unavailable)}}}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: app
        image: busybox:1.36
        command: ${cmd}
`;
}

/** Watches the deployment's pods and records the extremes of ready and existing (non-terminating) pods. */
async function boundsWatch(app: string) {
  const seen = { minReady: Infinity, maxPods: 0, events: 0 };
  const w = new ApiWatch<PodLike>(c, `/api/v1/namespaces/default/pods?labelSelector=app%3D${app}`, (_t, _o, all) => {
    const live = [...all.values()].filter((p) => !p.metadata.deletionTimestamp);
    seen.maxPods = Math.max(seen.maxPods, live.length);
    seen.minReady = Math.min(seen.minReady, live.filter(isReady).length);
    seen.events++;
  });
  await w.start();
  return { w, seen };
}

async function rolledOut(name: string, timeout = '120s'): Promise<string> {
  const r = await c.kubectlAsync(['rollout', 'status', `deploy/${name}`, `--timeout=${timeout}`]);
  if (r.code !== 0) throw new Error(`rollout status ${name} failed: ${r.stderr}`);
  return r.stdout;
}

describe('deployments on real pods', () => {
  it('a rolling update of 10 replicas with maxSurge 1 / maxUnavailable 0 keeps 10 ready and at most 11 pods', async () => {
    apply('surge', deployment('surge', 10, 1, 0));
    assert.match(await rolledOut('surge'), /deployment "surge" successfully rolled out/);
    const { w, seen } = await boundsWatch('surge');
    try {
      c.k(['set', 'image', 'deploy/surge', 'app=busybox:1.37']);
      assert.match(await rolledOut('surge'), /successfully rolled out/);
      assert.ok(seen.events > 20, `the rollout was watched (${seen.events} events)`);
      assert.equal(seen.minReady, 10, 'never fewer than 10 ready pods');
      assert.ok(seen.maxPods <= 11, `never more than 11 pods (saw ${seen.maxPods})`);
    } finally {
      await w.stop();
    }
    const rs = c.k(['get', 'rs', '-l', 'app=surge', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.replicas} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}{"\\n"}{end}']);
    assert.match(rs, /surge-[a-z0-9]+ 10 2/);
    assert.match(rs, /surge-[a-z0-9]+ 0 1/);
    assert.match(c.k(['get', 'pods', '-l', 'app=surge', '--show-labels']), /pod-template-hash=/);
  });

  it('with 25% / 25% stays within the bounds upstream computes (at most 13 pods, at least 8 ready)', async () => {
    apply('pct', deployment('pct', 10, '25%', '25%'));
    await rolledOut('pct');
    const { w, seen } = await boundsWatch('pct');
    try {
      c.k(['set', 'image', 'deploy/pct', 'app=busybox:1.37']);
      await rolledOut('pct');
      assert.ok(seen.minReady >= 8, `at least 8 ready (saw ${seen.minReady})`);
      assert.ok(seen.maxPods <= 13, `at most 13 pods (saw ${seen.maxPods})`);
    } finally {
      await w.stop();
    }
  });

  it('a failing new version stalls at maxUnavailable; rollout undo brings the old revision back', async () => {
    apply('stall', deployment('stall', 4, 1, 1));
    await rolledOut('stall');
    c.k(['patch', 'deploy/stall', '-p', '{"spec":{"progressDeadlineSeconds":8,"template":{"spec":{"containers":[{"name":"app","image":"busybox:broken","command":["sh","-c","exit 1"]}]}}}}']);
    const r = await c.kubectlAsync(['rollout', 'status', 'deploy/stall', '--timeout=60s']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /deployment "stall" exceeded its progress deadline/);
    const d = JSON.parse(c.k(['get', 'deploy', 'stall', '-o', 'json'])) as { status: { availableReplicas: number; conditions: { type: string; status: string; reason: string }[] } };
    assert.equal(d.status.availableReplicas, 3, 'stalled with maxUnavailable (1) pods down');
    assert.deepEqual(d.status.conditions.find((x) => x.type === 'Progressing')?.reason, 'ProgressDeadlineExceeded');
    assert.match(c.k(['rollout', 'history', 'deploy/stall']), /REVISION\s+CHANGE-CAUSE\s*\n1\s+<none>\s*\n2\s+<none>/);
    c.k(['rollout', 'undo', 'deploy/stall']);
    assert.match(await rolledOut('stall'), /successfully rolled out/);
    assert.equal(c.k(['get', 'deploy', 'stall', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']), 'busybox:1.36');
    assert.match(c.k(['rollout', 'history', 'deploy/stall']), /\n2\s+<none>\s*\n3\s+<none>/);
  });

  it('rollout undo --to-revision=N goes back to that revision; a missing one is an error, the current one a skip', async () => {
    apply('undo', deployment('undo', 2, 1, 0));
    await rolledOut('undo');
    c.k(['set', 'image', 'deploy/undo', 'app=busybox:1.37']);
    await rolledOut('undo');
    c.k(['set', 'image', 'deploy/undo', 'app=busybox:1.35']);
    await rolledOut('undo');
    assert.match(c.k(['rollout', 'history', 'deploy/undo']), /REVISION\s+CHANGE-CAUSE\s*\n1\s+<none>\s*\n2\s+<none>\s*\n3\s+<none>/);
    assert.match(c.k(['rollout', 'history', 'deploy/undo', '--revision=2']), /deployment\.apps\/undo with revision #2\nPod Template:[\s\S]*Image:\s+busybox:1\.37/);

    assert.equal(c.k(['rollout', 'undo', 'deploy/undo', '--to-revision=1']).trim(), 'deployment.apps/undo rolled back');
    assert.match(await rolledOut('undo'), /successfully rolled out/);
    assert.equal(c.k(['get', 'deploy', 'undo', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']), 'busybox:1.36');
    // Revision 1 became revision 4.
    assert.match(c.k(['rollout', 'history', 'deploy/undo']), /REVISION\s+CHANGE-CAUSE\s*\n2\s+<none>\s*\n3\s+<none>\s*\n4\s+<none>\s*$/);
    assert.equal(c.k(['get', 'deploy', 'undo', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), '4');
    const rs = c.k(['get', 'rs', '-l', 'app=undo', '-o', 'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image} {.spec.replicas} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}{"\\n"}{end}']);
    assert.match(rs, /^busybox:1\.36 2 4$/m, 'the first ReplicaSet is scaled back up under revision 4');

    const missing = c.kubectl(['rollout', 'undo', 'deploy/undo', '--to-revision=99']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.trim(), 'error: unable to find specified revision 99 in history');
    const noHistory = c.kubectl(['rollout', 'history', 'deploy/undo', '--revision=1']);
    assert.equal(noHistory.code, 1);
    assert.match(noHistory.stderr, /unable to find the specified revision/);
    assert.equal(c.k(['rollout', 'undo', 'deploy/undo', '--to-revision=4']).trim(), 'deployment.apps/undo skipped rollback (current template already matches revision 4)');
    assert.equal(c.k(['get', 'deploy', 'undo', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), '4');
  });

  it('minReadySeconds: AVAILABLE stays 0 until the pods have been ready that long', async () => {
    const seen: { at: number; ready: number; available: number; reason?: string }[] = [];
    const w = new ApiWatch<{ metadata: { name: string }; status?: { readyReplicas?: number; availableReplicas?: number; conditions?: { type: string; status: string; reason: string }[] } }>(
      c,
      '/apis/apps/v1/namespaces/default/deployments?fieldSelector=metadata.name%3Dslow',
      (_t, d) => seen.push({ at: Date.now(), ready: d.status?.readyReplicas ?? 0, available: d.status?.availableReplicas ?? 0, reason: d.status?.conditions?.find((x) => x.type === 'Available')?.reason }),
    );
    await w.start();
    try {
      apply('slow', deployment('slow', 2, 1, 0).replace('  replicas: 2', '  replicas: 2\n  minReadySeconds: 5'));
      const allReady = await eventually(() => seen.find((e) => e.ready === 2), 30_000, 'both pods ready');
      assert.equal(allReady.available, 0, 'ready is not yet available');
      assert.equal(allReady.reason, 'MinimumReplicasUnavailable');
      assert.match(c.k(['get', 'deploy', 'slow']), /slow\s+2\/2\s+2\s+0\s/);
      const available = await eventually(() => seen.find((e) => e.available === 2), 30_000, 'both available');
      assert.ok(available.at - allReady.at >= 3500, `available only after minReadySeconds (${available.at - allReady.at} ms after ready)`);
      assert.ok(seen.filter((e) => e.at <= allReady.at).every((e) => e.available === 0), 'nothing available while the pods are just ready');
      assert.equal(available.reason, 'MinimumReplicasAvailable');
      assert.match(c.k(['get', 'deploy', 'slow']), /slow\s+2\/2\s+2\s+2\s/);
    } finally {
      await w.stop();
    }
  });

  it('rollout restart, pause and resume', async () => {
    apply('ctl', deployment('ctl', 2, 1, 0));
    await rolledOut('ctl');
    const before = c.k(['get', 'rs', '-l', 'app=ctl', '-o', 'name']).trim().split('\n');
    c.k(['rollout', 'pause', 'deploy/ctl']);
    c.k(['set', 'image', 'deploy/ctl', 'app=busybox:1.37']);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(c.k(['get', 'rs', '-l', 'app=ctl', '-o', 'name']).trim().split('\n'), before, 'no new ReplicaSet while paused');
    c.k(['rollout', 'resume', 'deploy/ctl']);
    await rolledOut('ctl');
    c.k(['rollout', 'restart', 'deploy/ctl']);
    await rolledOut('ctl');
    assert.match(c.k(['get', 'deploy', 'ctl', '-o', 'jsonpath={.spec.template.metadata.annotations}']), /kubectl.kubernetes.io\/restartedAt/);
    assert.equal(c.k(['get', 'rs', '-l', 'app=ctl', '-o', 'name']).trim().split('\n').length, 3);
    assert.match(c.k(['describe', 'deploy', 'ctl']), /ScalingReplicaSet\s+.*Scaled (up|down) replica set ctl-/);
  });

  it('deleting a namespace with 50 objects removes them all and then the namespace', async () => {
    c.k(['create', 'namespace', 'doomed']);
    for (let i = 0; i < 20; i++) c.k(['-n', 'doomed', 'create', 'configmap', `cm-${i}`]);
    for (let i = 0; i < 15; i++) c.k(['-n', 'doomed', 'create', 'secret', 'generic', `s-${i}`]);
    for (let i = 0; i < 10; i++) c.k(['-n', 'doomed', 'create', 'service', 'clusterip', `svc-${i}`, '--tcp=80:80']);
    c.k(['-n', 'doomed', 'apply', '-f', join(c.dir, 'ctl.yaml')]);
    await eventually(() => (c.k(['-n', 'doomed', 'get', 'pods', '-o', 'name']).trim().split('\n').filter(Boolean).length === 2 ? true : undefined), 30_000, 'pods in doomed');
    c.k(['delete', 'namespace', 'doomed', '--wait=false']);
    assert.match(c.k(['get', 'ns', 'doomed']), /doomed\s+Terminating/);
    await eventually(() => c.kubectl(['get', 'ns', 'doomed']).code === 1, 60_000, 'the namespace gone');
    const left = c.kubectl(['-n', 'doomed', 'get', 'all,cm,secrets']);
    assert.match(left.stderr + left.stdout, /No resources found/);
  });

  it('a terminating namespace reports what holds it in its status conditions, as upstream', async () => {
    c.k(['create', 'namespace', 'held']);
    c.k(['-n', 'held', 'apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: keep, finalizers: [example.com/hold]}\n');
    c.k(['delete', 'namespace', 'held', '--wait=false']);
    const d = await eventually(() => {
      const out = c.k(['describe', 'namespace', 'held']);
      return /NamespaceFinalizersRemaining\s+True/.test(out) ? out : undefined;
    }, 20_000, 'the FinalizersRemaining condition');
    assert.match(d, /Status:\s+Terminating/);
    assert.match(d, /NamespaceContentRemaining\s+True\s+.+?\s+SomeResourcesRemain\s+Some resources are remaining: configmaps\. has 1 resource instances/);
    assert.match(d, /NamespaceFinalizersRemaining\s+True\s+.+?\s+SomeFinalizerRemain\s+Some finalizers are remaining: example\.com\/hold in 1 resource instances/);
    assert.match(d, /NamespaceDeletionDiscoveryFailure\s+False\s+.+?\s+ResourcesDiscovered\s+All resources successfully discovered/);
    assert.match(d, /NamespaceDeletionContentFailure\s+False\s+.+?\s+ContentDeleted\s+All content successfully deleted, may be waiting on finalization/);
    c.k(['-n', 'held', 'patch', 'configmap', 'keep', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    await eventually(() => c.kubectl(['get', 'ns', 'held']).code === 1, 30_000, 'the namespace gone');
  });
});
