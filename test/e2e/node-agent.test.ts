/**
 * The node agent as a kubectl user meets it: init containers in order, QoS classes, restart
 * back-off (CrashLoopBackOff), unschedulable pods, logs, exec, port-forward, and workloads that
 * survive a kill -9 of the server.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { eventually, type TestCluster } from '../helpers/cluster.js';
import { nodeSuite } from '../helpers/node-suite.js';

let c: TestCluster;
const { watch, apply, jsonpath } = nodeSuite((x) => (c = x));

const watchPod = (name: string) => watch('pods', `--field-selector=metadata.name=${name}`);

describe('node agent', () => {
  it('runs init containers in order before the app container (Init:0/2 → Init:1/2 → Running)', async () => {
    const w = watchPod('init-demo');
    apply('init-demo', `
apiVersion: v1
kind: Pod
metadata: {name: init-demo}
spec:
  initContainers:
  - {name: first, image: busybox, command: [sh, -c, "sleep 1; echo first"]}
  - {name: second, image: busybox, command: [sh, -c, "sleep 1; echo second"]}
  containers:
  - {name: app, image: busybox, command: [sleep, "600"]}
`);
    const i0 = await w.waitFor(/init-demo\s+0\/1\s+Init:0\/2/);
    const i1 = await w.waitFor(/init-demo\s+0\/1\s+Init:1\/2/);
    const running = await w.waitFor(/init-demo\s+1\/1\s+Running/);
    assert.ok(i0.at <= i1.at && i1.at <= running.at);
    assert.equal(jsonpath('init-demo', '.status.initContainerStatuses[*].state.terminated.reason'), 'Completed Completed');
    assert.equal(c.k(['logs', 'init-demo', '-c', 'second']), 'second\n');
    const yaml = c.k(['get', 'pod', 'init-demo', '-o', 'yaml']);
    assert.match(yaml, /type: Initialized/);
  });

  it('computes the QoS class of the notes\' three examples', async () => {
    const pod = (name: string, resources: string) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
  - name: c
    image: busybox
    command: [sleep, "600"]
    resources: ${resources}
`;
    apply('qos-g', pod('qos-g', '{limits: {cpu: 700m, memory: 200Mi}, requests: {cpu: 700m, memory: 200Mi}}'));
    apply('qos-b', pod('qos-b', '{limits: {memory: 200Mi}, requests: {memory: 100Mi}}'));
    apply('qos-be', pod('qos-be', '{}'));
    assert.equal(jsonpath('qos-g', '.status.qosClass'), 'Guaranteed');
    assert.equal(jsonpath('qos-b', '.status.qosClass'), 'Burstable');
    assert.equal(jsonpath('qos-be', '.status.qosClass'), 'BestEffort');
    assert.match(c.k(['describe', 'pod', 'qos-g']), /QoS Class:\s+Guaranteed/);
  });

  it('backs off restarting a crashing container: CrashLoopBackOff, BackOff events, growing delays', async () => {
    const w = watchPod('crasher');
    apply('crasher', `
apiVersion: v1
kind: Pod
metadata: {name: crasher}
spec:
  containers:
  - {name: c, image: busybox, command: [sh, -c, "echo crashing; exit 3"]}
`);
    await w.waitFor(/crasher\s+0\/1\s+CrashLoopBackOff\s+1 \(\d+s ago\)/, 30_000);
    const second = await w.waitFor(/crasher\s+0\/1\s+(Error|CrashLoopBackOff)\s+2 \(\d+s ago\)/, 30_000);
    const first = w.rows(/crasher\s+0\/1\s+(Error|CrashLoopBackOff)\s+1 /)[0]!;
    assert.ok(second.at - first.at >= 8000, `the second restart waited for the 10 s back-off (${second.at - first.at} ms)`);
    const status = JSON.parse(c.k(['get', 'pod', 'crasher', '-o', 'json'])) as {
      status: { containerStatuses: { state: { waiting?: { reason: string; message: string } }; lastState: { terminated: { exitCode: number; reason: string } } }[] };
    };
    const cs = status.status.containerStatuses[0]!;
    assert.equal(cs.lastState.terminated.exitCode, 3);
    assert.equal(cs.lastState.terminated.reason, 'Error');
    const d = c.k(['describe', 'pod', 'crasher']);
    assert.match(d, /Warning\s+BackOff\s+.*Back-off restarting failed container c in pod crasher_default\(/);
    assert.match(c.k(['logs', 'crasher', '--previous']), /crashing/);
    c.k(['delete', 'pod', 'crasher', '--grace-period=0', '--force']);
  });

  it('reports a container without a command as CreateContainerError', async () => {
    apply('nocmd', 'apiVersion: v1\nkind: Pod\nmetadata: {name: nocmd}\nspec:\n  containers:\n  - {name: c, image: nginx}\n');
    await eventually(() => /nocmd\s+0\/1\s+CreateContainerError/.test(c.k(['get', 'pod', 'nocmd'])), 20_000, 'CreateContainerError');
    assert.match(c.k(['describe', 'pod', 'nocmd']), /Warning\s+Failed\s+.*the process runtime needs a command/);
    c.k(['delete', 'pod', 'nocmd']);
  });

  it('leaves a pod that fits nowhere Pending with PodScheduled=False and a FailedScheduling event', async () => {
    apply('huge', 'apiVersion: v1\nkind: Pod\nmetadata: {name: huge}\nspec:\n  containers:\n  - {name: c, image: busybox, command: [sleep, "1"], resources: {requests: {cpu: "1000"}}}\n');
    await eventually(() => jsonpath('huge', '.status.conditions[?(@.type=="PodScheduled")].reason') === 'Unschedulable', 20_000, 'Unschedulable');
    assert.match(c.k(['get', 'pod', 'huge']), /huge\s+0\/1\s+Pending/);
    assert.match(c.k(['describe', 'pod', 'huge']), /Warning\s+FailedScheduling\s+.*default-scheduler\s+0\/1 nodes are available: 1 Insufficient cpu/);
    c.k(['delete', 'pod', 'huge']);
  });

  it('serves logs (tail, timestamps, follow, all containers) and exec (exit codes, stdin)', async () => {
    apply('talker', `
apiVersion: v1
kind: Pod
metadata: {name: talker}
spec:
  containers:
  - {name: a, image: busybox, command: [sh, -c, "for i in 1 2 3 4 5; do echo line-$i; done; sleep 600"]}
  - {name: b, image: busybox, command: [sh, -c, "echo from-b >&2; sleep 600"]}
`);
    await eventually(() => /talker\s+2\/2\s+Running/.test(c.k(['get', 'pod', 'talker'])), 20_000, 'running');
    await eventually(() => c.k(['logs', 'talker', '-c', 'a']).includes('line-5'), 10_000, 'logs');
    assert.equal(c.k(['logs', 'talker', '-c', 'a', '--tail=2']), 'line-4\nline-5\n');
    assert.match(c.k(['logs', 'talker', '-c', 'a', '--timestamps', '--tail=1']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z line-5\n$/);
    const all = c.k(['logs', 'talker', '--all-containers']);
    // kubectl 1.32 keeps the per-container requests in a Go map: the containers come in any order.
    assert.match(all, /line-1\nline-2\nline-3\nline-4\nline-5\n/);
    assert.match(all, /(^|\n)from-b\n/);
    assert.match(c.kubectl(['logs', 'talker']).stderr, /Defaulted container "a" out of: a, b/);
    const r = c.kubectl(['exec', 'talker', '-c', 'a', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    assert.equal(r.code, 3);
    assert.equal(r.stdout, 'out\n');
    assert.match(r.stderr, /err\ncommand terminated with exit code 3/);
    assert.equal(c.k(['exec', '-i', 'talker', '-c', 'b', '--', 'cat'], 'hello\nworld\n'), 'hello\nworld\n');
    assert.match(c.k(['exec', 'talker', '-c', 'a', '--', 'sh', '-c', 'echo $POD_IP']), /^127\.\d+\.\d+\.\d+\n$/);
    const f = c.kubectlBackground(['logs', '-f', 'talker', '-c', 'a']);
    let out = '';
    f.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await eventually(() => out.includes('line-5'), 10_000, 'follow output');
    f.kill('SIGTERM');
  });

  it('forwards a local port to a pod port', async () => {
    apply('web', `
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - {name: web, image: nginx, command: [python3, -m, http.server, --bind, $(POD_IP), --directory, /etc, "8080"], ports: [{containerPort: 8080}]}
`);
    await eventually(() => /web\s+1\/1\s+Running/.test(c.k(['get', 'pod', 'web'])), 20_000, 'running');
    const pf = c.kubectlBackground(['port-forward', 'pod/web', ':8080']);
    let out = '';
    pf.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const port = Number(await eventually(() => /Forwarding from 127\.0\.0\.1:(\d+) -> 8080/.exec(out)?.[1], 15_000, 'port-forward ready'));
      const status = await eventually(
        () =>
          new Promise<number>((resolve) => {
            const req = request({ host: '127.0.0.1', port, path: '/hostname' }, (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            });
            req.on('error', () => resolve(0));
            req.end();
          }),
        15_000,
        'an HTTP answer through the forward',
      );
      assert.equal(status, 200);
    } finally {
      pf.kill('SIGTERM');
    }
  });

  it('keeps workloads running across a kill -9 of the server and re-adopts them', async () => {
    apply('survivor', 'apiVersion: v1\nkind: Pod\nmetadata: {name: survivor}\nspec:\n  containers:\n  - {name: c, image: busybox, command: [sleep, "600"]}\n');
    apply('short', 'apiVersion: v1\nkind: Pod\nmetadata: {name: short}\nspec:\n  restartPolicy: Never\n  containers:\n  - {name: c, image: busybox, command: [sh, -c, "sleep 4; exit 5"]}\n');
    await eventually(() => /survivor\s+1\/1\s+Running/.test(c.k(['get', 'pod', 'survivor'])) && /short\s+1\/1\s+Running/.test(c.k(['get', 'pod', 'short'])), 20_000, 'both running');
    const id = jsonpath('survivor', '.status.containerStatuses[0].containerID');
    const ip = jsonpath('survivor', '.status.podIP');
    await c.kill();
    await new Promise((r) => setTimeout(r, 5000)); // `short` exits while the server is down
    await c.start();
    await eventually(() => jsonpath('short', '.status.phase') === 'Failed', 20_000, 'the exit recorded after the restart');
    assert.equal(jsonpath('short', '.status.containerStatuses[0].state.terminated.exitCode'), '5');
    assert.equal(jsonpath('survivor', '.status.containerStatuses[0].containerID'), id, 'same container');
    assert.equal(jsonpath('survivor', '.status.containerStatuses[0].restartCount'), '0');
    assert.equal(jsonpath('survivor', '.status.podIP'), ip);
    assert.match(c.k(['get', 'pod', 'survivor']), /survivor\s+1\/1\s+Running\s+0/);
    assert.equal(c.k(['exec', 'survivor', '--', 'echo', 'still here']), 'still here\n');
  });
});
