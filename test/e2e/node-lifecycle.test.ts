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
});
