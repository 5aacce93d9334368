/**
 * Taint-based eviction, as the notes describe: a second node whose heartbeat (its Lease) stops
 * becomes Ready=Unknown, gets the `node.kubernetes.io/unreachable` NoExecute taint, its pods are
 * marked not ready, and they are evicted when their tolerationSeconds run out — sooner for
 * shorter tolerations, later for longer ones.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiWatch, type PodLike } from '../helpers/apiwatch.js';
import { eventually, TestCluster } from '../helpers/cluster.js';

let c: TestCluster;
let renew: NodeJS.Timeout | undefined;

before(async () => {
  c = await new TestCluster({ args: ['--disable', 'proxy,dns,ingress', '--node-monitor-grace-period', '4'] }).start();
  await eventually(() => /\sReady\s/.test(c.kubectl(['get', 'nodes']).stdout), 20_000, 'a Ready node');
});
after(async () => {
  if (renew) clearInterval(renew);
  await c?.cleanup();
});

const micro = () => new Date().toISOString().replace(/Z$/, '000Z').replace(/\.(\d{3})000Z$/, '.$1000Z');

async function renewLease(): Promise<void> {
  const cur = await c.api('GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/ghost');
  const spec = { holderIdentity: 'ghost', leaseDurationSeconds: 40, renewTime: micro() };
  if (cur.status === 404) {
    await c.api('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', JSON.stringify({ metadata: { name: 'ghost' }, spec }));
  } else {
    const lease = JSON.parse(cur.body) as { spec: Record<string, unknown> };
    lease.spec = { ...lease.spec, ...spec };
    await c.api('PUT', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/ghost', JSON.stringify(lease));
  }
}

function pod(name: string, seconds?: number): string {
  const tol = seconds === undefined ? '' : `\n  tolerations:\n  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: ${seconds}}`;
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  nodeName: ghost${tol}\n  containers:\n  - {name: c, image: busybox, command: [sleep, "600"]}\n---\n`;
}

describe('node lifecycle', () => {
  it('taints a silent node, marks its pods not ready and evicts them after their tolerationSeconds', async () => {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const node = {
      metadata: { name: 'ghost', labels: { 'kubernetes.io/hostname': 'ghost' } },
      status: {
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }],
      },
    };
    assert.equal((await c.api('POST', '/api/v1/nodes', JSON.stringify(node))).status, 201);
    await renewLease();
    renew = setInterval(() => void renewLease(), 1000);
    const path = join(c.dir, 'ghost-pods.yaml');
    writeFileSync(path, pod('short', 2) + pod('long', 8) + pod('default'));
    c.k(['apply', '-f', path]);
    assert.match(c.k(['get', 'pod', 'default', '-o', 'jsonpath={.spec.tolerations}']), /"tolerationSeconds":300/);
    // Play the ghost node's agent: the pods run and are ready.
    for (const name of ['short', 'long', 'default']) {
      c.k(['patch', 'pod', name, '--subresource=status', '-p', JSON.stringify({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } })]);
    }
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(c.k(['get', 'node', 'ghost', '-o', 'jsonpath={.spec.taints}']), '', 'a healthy node has no taints');

    clearInterval(renew);
    renew = undefined;
    const tainted = await eventually(() => {
      const t = c.k(['get', 'node', 'ghost', '-o', 'jsonpath={.spec.taints[?(@.effect=="NoExecute")].key}']);
      return t.includes('node.kubernetes.io/unreachable') ? Date.now() : undefined;
    }, 20_000, 'the unreachable taint');
    assert.match(c.k(['get', 'nodes']), /ghost\s+NotReady/);
    assert.equal(c.k(['get', 'node', 'ghost', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']), 'Unknown');
    await eventually(() => c.k(['get', 'pod', 'long', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']) === 'False', 10_000, 'pods marked not ready');

    const evicted = async (name: string) =>
      eventually(() => (c.k(['get', 'pod', name, '--ignore-not-found', '-o', 'jsonpath={.metadata.deletionTimestamp}']) !== '' || c.kubectl(['get', 'pod', name]).code !== 0 ? Date.now() : undefined), 30_000, `${name} evicted`);
    const shortAt = await evicted('short');
    const longAt = await evicted('long');
    assert.ok(shortAt - tainted >= 1000 && shortAt - tainted < 6000, `short evicted ~2 s after the taint (${shortAt - tainted} ms)`);
    assert.ok(longAt - tainted >= 6500, `long evicted ~8 s after the taint (${longAt - tainted} ms)`);
    assert.ok(longAt > shortAt);
    assert.equal(c.k(['get', 'pod', 'default', '-o', 'jsonpath={.metadata.deletionTimestamp}']), '', 'the 300 s default toleration still holds');
    assert.match(c.k(['get', 'events', '--field-selector', 'involvedObject.name=short']), /TaintManagerEviction/);
  });

  it('a NoExecute taint evicts pods without a matching toleration at once, tolerating ones after their seconds, never the others', async () => {
    const node = c.k(['get', 'nodes', '-o', 'jsonpath={.items[?(@.metadata.name!="ghost")].metadata.name}']).trim();
    assert.ok(node && !node.includes(' '), `one real node (${node})`);
    const tol = (extra: string) => `\n  tolerations:\n  - {key: dedicated, operator: Equal, value: db, effect: NoExecute${extra}}`;
    const p = (name: string, tolerations = '') =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: {taint-test: "yes"}}\nspec:\n  nodeName: ${node}\n  terminationGracePeriodSeconds: 1${tolerations}\n  containers:\n  - {name: c, image: busybox, command: [sleep, "600"]}\n---\n`;
    const path = join(c.dir, 'taint-pods.yaml');
    writeFileSync(path, p('intolerant') + p('brief', tol(', tolerationSeconds: 3')) + p('tolerant', tol('')) + p('other-value', '\n  tolerations:\n  - {key: dedicated, operator: Equal, value: web, effect: NoExecute}'));
    c.k(['apply', '-f', path]);
    await eventually(() => c.k(['get', 'pods', '-l', 'taint-test=yes', '-o', 'jsonpath={.items[*].status.phase}']) === 'Running Running Running Running', 30_000, 'four running pods');
    const deleting = new Map<string, number>();
    const w = await new ApiWatch<PodLike>(c, '/api/v1/namespaces/default/pods?labelSelector=taint-test%3Dyes', (type, pod) => {
      if ((type === 'DELETED' || pod.metadata.deletionTimestamp) && !deleting.has(pod.metadata.name)) deleting.set(pod.metadata.name, Date.now());
    }).start();
    try {
      c.k(['taint', 'node', node, 'dedicated=db:NoExecute']);
      const tainted = Date.now();
      await eventually(() => deleting.get('intolerant'), 10_000, 'intolerant evicted');
      await eventually(() => deleting.get('other-value'), 10_000, 'other-value (a toleration for another value) evicted');
      const brief = await eventually(() => deleting.get('brief'), 20_000, 'brief evicted after its 3 s');
      assert.ok(deleting.get('intolerant')! < brief && deleting.get('other-value')! < brief, 'the intolerant pods go first');
      assert.ok(brief - tainted >= 2000, `brief stays for its tolerationSeconds (${brief - tainted} ms)`);
      assert.equal(deleting.has('tolerant'), false, 'a toleration without seconds holds for good');
      assert.equal(c.k(['get', 'pod', 'tolerant', '-o', 'jsonpath={.metadata.deletionTimestamp}']), '');
      assert.match(c.k(['get', 'events', '--field-selector', 'involvedObject.name=intolerant']), /TaintManagerEviction\s+pod\/intolerant\s+Marking for deletion Pod default\/intolerant/);
    } finally {
      await w.stop();
      c.k(['taint', 'node', node, 'dedicated-']);
    }
  });
});
