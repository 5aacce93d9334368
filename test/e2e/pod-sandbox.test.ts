/**
 * A node whose pod IP range is nearly empty: the pod that gets no address stays
 * ContainerCreating with Warning FailedCreatePodSandBox events, and starts once an address is
 * free (the sandbox is retried). Also: a fresh node reports its ephemeral storage.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually, TestCluster } from '../helpers/cluster.js';
import { nodeSuite } from '../helpers/node-suite.js';

// The /24 TestCluster gives the next cluster, narrowed to a /30: two pod addresses.
const range = `127.${100 + (process.pid % 100)}.${TestCluster.count % 256}.0/30`;
let c: TestCluster;
const { apply } = nodeSuite((x) => (c = x), { args: ['--disable', 'proxy,dns,ingress', '--pod-ip-range', range] });

const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - {name: c, image: busybox, command: [sleep, "600"]}
`;

describe('pod sandbox', () => {
  it('a fresh node reports its ephemeral-storage capacity', () => {
    assert.equal(c.podRange.replace(/\/24$/, '/30'), range, 'the narrowed range is inside the one this cluster owns');
    const cap = c.k(['get', 'nodes', '-o', 'jsonpath={.items[0].status.capacity.ephemeral-storage}']);
    assert.ok(Number(/^(\d+)Ki$/.exec(cap)?.[1] ?? 0) > 0, `ephemeral-storage capacity ${cap}`);
  });

  it('no free pod IP: ContainerCreating with FailedCreatePodSandBox events, then Running once an IP is free', async () => {
    apply('a', pod('a'));
    apply('b', pod('b'));
    await eventually(() => /a\s+1\/1\s+Running[\s\S]*b\s+1\/1\s+Running/.test(c.k(['get', 'pods'])), 30_000, 'a and b running');
    apply('third', pod('third'));
    await eventually(() => /Failed to create pod sandbox/.test(c.k(['describe', 'pod', 'third'])), 20_000, 'the FailedCreatePodSandBox event');
    assert.match(c.k(['get', 'pod', 'third']), /third\s+0\/1\s+ContainerCreating\s+0/);
    const describe = c.k(['describe', 'pod', 'third']);
    assert.match(describe, new RegExp(`Warning\\s+FailedCreatePodSandBox\\s+.*kubelet\\s+Failed to create pod sandbox: no free IP address left in podIpRange ${range.replace(/\./g, '\\.')}`));
    assert.match(describe, /PodReadyToStartContainers\s+False/);
    c.k(['delete', 'pod', 'a']);
    await eventually(() => /third\s+1\/1\s+Running/.test(c.k(['get', 'pod', 'third'])), 40_000, 'third running after the retry');
    assert.match(c.k(['get', 'pod', 'third', '-o', 'jsonpath={.status.podIP}']), /^127\.\d+\.\d+\.\d+$/);
  });
});
