/**
 * The notes' pod lifecycle examples — initial-delay, liveness, http-probe (readiness),
 * readiness-gate, post-start, no-sigterm, prestop — run on skiff with shortened timings, checked
 * as a `kubectl get pods -w` user sees them, in `-o yaml` and in `kubectl describe`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { eventually, type TestCluster } from '../helpers/cluster.js';
import { nodeSuite } from '../helpers/node-suite.js';

let c: TestCluster;
const { watch, dir, apply } = nodeSuite((x) => (c = x));

interface PodJson {
  status: {
    phase: string;
    podIP?: string;
    qosClass?: string;
    conditions: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[];
    containerStatuses?: { name: string; ready: boolean; restartCount: number; started?: boolean; containerID?: string; state: Record<string, Record<string, unknown>>; lastState: Record<string, Record<string, unknown>> }[];
    initContainerStatuses?: { name: string; state: Record<string, Record<string, unknown>> }[];
  };
}

function pod(name: string): PodJson {
  return JSON.parse(c.k(['get', 'pod', name, '-o', 'json'])) as PodJson;
}

const cond = (p: PodJson, type: string) => p.status.conditions.find((x) => x.type === type)?.status;

describe('the notes\' pod lifecycle examples', () => {
  it('initial-delay: readiness probing starts only after initialDelaySeconds', async () => {
    const d = dir('initial-delay');
    const w = watch('pods', '--field-selector=metadata.name=initial-delay', '-o', 'wide');
    apply('initial-delay', `
apiVersion: v1
kind: Pod
metadata: {name: initial-delay}
spec:
  containers:
  - name: initial-delay
    image: centos
    args: [/bin/sh, -c, "touch ${d}/healthy; sleep 600"]
    readinessProbe:
      exec: {command: [cat, ${d}/healthy]}
      initialDelaySeconds: 3
      periodSeconds: 1
`);
    const creating = await w.waitFor(/initial-delay\s+0\/1\s+ContainerCreating\s+0\s+\S+\s+<none>/);
    const running = await w.waitFor(/initial-delay\s+0\/1\s+Running\s+0/);
    assert.ok(creating.at <= running.at);
    assert.match(running.text, /127\.\d+\.\d+\.\d+/, 'the pod IP shows once it runs');
    const ready = await w.waitFor(/initial-delay\s+1\/1\s+Running\s+0/);
    assert.ok(ready.at - running.at >= 2000, `ready ${ready.at - running.at} ms after Running, not before the 3 s initial delay`);
    const p = pod('initial-delay');
    assert.equal(p.status.phase, 'Running');
    assert.equal(cond(p, 'Ready'), 'True');
    assert.deepEqual(p.status.conditions.map((x) => x.type).sort(), ['ContainersReady', 'Initialized', 'PodReadyToStartContainers', 'PodScheduled', 'Ready']);
    assert.match(c.k(['describe', 'pod', 'initial-delay']), /Readiness:\s+exec \[cat .*healthy\] delay=3s timeout=1s period=1s #success=1 #failure=3/);
  });

  it('liveness: ready at once, then killed and restarted when the probe fails', async () => {
    const d = dir('liveness');
    const w = watch('pods', '--field-selector=metadata.name=liveness1', '-o', 'wide');
    apply('liveness', `
apiVersion: v1
kind: Pod
metadata: {name: liveness1}
spec:
  # sh as PID 1 ignores the SIGTERM of a liveness kill: the container dies by SIGKILL when the
  # grace period is over (the notes' 30 s, shortened here).
  terminationGracePeriodSeconds: 2
  containers:
  - name: liveness
    image: centos
    args: [/bin/sh, -c, "touch ${d}/healthy; sleep 4; rm -f ${d}/healthy; sleep 600"]
    livenessProbe:
      exec: {command: [cat, ${d}/healthy]}
      initialDelaySeconds: 10
      periodSeconds: 1
`);
    // No readiness probe: ready as soon as it runs, without waiting for initialDelaySeconds.
    await w.waitFor(/liveness1\s+1\/1\s+Running\s+0\s/, 15_000);
    const restarted = await w.waitFor(/liveness1\s+1\/1\s+Running\s+1 \(\d+s ago\)/, 40_000);
    assert.ok(restarted);
    const p = pod('liveness1');
    const cs = p.status.containerStatuses![0]!;
    assert.equal(cs.restartCount, 1);
    assert.equal((cs.lastState.terminated as { reason: string }).reason, 'Error');
    assert.equal((cs.lastState.terminated as { exitCode: number }).exitCode, 137, 'SIGKILLed after the grace period');
    const events = c.k(['describe', 'pod', 'liveness1']);
    assert.match(events, /Warning\s+Unhealthy\s+.*kubelet\s+Liveness probe failed: cat: .*healthy: No such file or directory/);
    assert.match(events, /Unhealthy\s+\S+ \(x3 over \S+\)/, 'three failures, aggregated as upstream does');
    assert.match(events, /Normal\s+Killing\s+.*Container liveness failed liveness probe, will be restarted/);
    assert.match(events, /Normal\s+Started\s+\S+ \(x2 over \S+\)\s+kubelet\s+Started container liveness/);
    assert.match(events, /Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned default\/liveness1 to /);
  });

  it('http-probe: readiness fails with 404 until the path exists, needing successThreshold successes', async () => {
    const d = dir('http');
    apply('http-probe', `
apiVersion: v1
kind: Pod
metadata: {name: http-probe}
spec:
  containers:
  - name: http-probe
    image: nginx
    command: [python3, -m, http.server, --bind, $(POD_IP), --directory, ${d}, "8080"]
    ports: [{containerPort: 8080, name: web}]
    readinessProbe:
      httpGet: {path: /healthz, port: web}
      initialDelaySeconds: 1
      periodSeconds: 1
      successThreshold: 2
`);
    await eventually(() => /Readiness probe failed: HTTP probe failed with statuscode: 404/.test(c.k(['describe', 'pod', 'http-probe'])), 20_000, 'the 404 event');
    assert.equal(pod('http-probe').status.containerStatuses![0]!.ready, false);
    const w = watch('pods', 'http-probe');
    c.k(['exec', 'http-probe', '--', 'touch', `${d}/healthz`]);
    const ready = await w.waitFor(/http-probe\s+1\/1\s+Running/, 15_000);
    assert.ok(ready);
    assert.equal(cond(pod('http-probe'), 'Ready'), 'True');
  });

  it('readiness-gate: Ready waits for the gate condition another client sets', async () => {
    const w = watch('pods', '--field-selector=metadata.name=readiness-gate', '-o', 'wide');
    apply('readiness-gate', `
apiVersion: v1
kind: Pod
metadata:
  labels: {app: readiness-gate}
  name: readiness-gate
spec:
  readinessGates:
  - conditionType: "www.example.com/feature-1"
  containers:
  - name: readiness-gate
    image: nginx
    command: [sleep, "600"]
`);
    await w.waitFor(/readiness-gate\s+1\/1\s+Running\s+0\s+\S+\s+\S+\s+\S+\s+<none>\s+0\/1/);
    let p = pod('readiness-gate');
    assert.equal(cond(p, 'ContainersReady'), 'True');
    assert.equal(cond(p, 'Ready'), 'False');
    assert.equal(p.status.conditions.find((x) => x.type === 'Ready')?.reason, 'ReadinessGatesNotReady');
    c.k(['patch', 'pod', 'readiness-gate', '--subresource=status', '-p', '{"status":{"conditions":[{"type":"www.example.com/feature-1","status":"True"}]}}']);
    await w.waitFor(/readiness-gate\s+1\/1\s+Running\s+0\s+\S+\s+\S+\s+\S+\s+<none>\s+1\/1/);
    p = await eventually(() => {
      const x = pod('readiness-gate');
      return cond(x, 'Ready') === 'True' ? x : undefined;
    }, 10_000, 'Ready=True');
    assert.equal(cond(p, 'www.example.com/feature-1'), 'True', 'the gate condition written by another client is kept');
    const readyCond = p.status.conditions.find((x) => x.type === 'Ready')!;
    assert.equal(readyCond.reason, undefined, 'Ready=True carries no stale reason');
    assert.equal(readyCond.message, undefined, 'Ready=True carries no stale message');
  });

  it('post-start: the hook runs beside the entrypoint and its work is visible in the container', async () => {
    const d = dir('poststart');
    apply('poststart', `
apiVersion: v1
kind: Pod
metadata: {name: poststart}
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    command: [sleep, "600"]
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "sleep 1; echo Hello from the postStart handler > ${d}/message"]
`);
    await eventually(() => /poststart\s+1\/1\s+Running/.test(c.k(['get', 'pod', 'poststart'])), 20_000, 'poststart running');
    assert.equal(c.k(['exec', 'poststart', '--', 'cat', `${d}/message`]), 'Hello from the postStart handler\n');
  });

  it('a failing postStart hook kills the container with a FailedPostStartHook event', async () => {
    apply('poststart-fail', `
apiVersion: v1
kind: Pod
metadata: {name: poststart-fail}
spec:
  containers:
  - name: c
    image: busybox
    command: [sleep, "600"]
    lifecycle:
      postStart:
        exec: {command: [sh, -c, "exit 7"]}
`);
    await eventually(() => /Warning\s+FailedPostStartHook\s+.*PostStartHook failed/.test(c.k(['describe', 'pod', 'poststart-fail'])), 20_000, 'FailedPostStartHook');
    assert.match(c.k(['describe', 'pod', 'poststart-fail']), /Normal\s+Killing\s+.*FailedPostStartHook/);
    c.k(['delete', 'pod', 'poststart-fail', '--grace-period=0', '--force']);
  });

  it('no-sigterm: a shell as PID 1 ignores SIGTERM; the pod is Terminating until SIGKILL after the grace period', async () => {
    apply('no-sigterm', `
apiVersion: v1
kind: Pod
metadata: {name: no-sigterm}
spec:
  terminationGracePeriodSeconds: 6
  containers:
  - name: no-sigterm
    image: centos
    command: ["/bin/sh"]
    args: ["-c", "while true; do echo hello; sleep 1;done"]
`);
    await eventually(() => /no-sigterm\s+1\/1\s+Running/.test(c.k(['get', 'pod', 'no-sigterm'])), 20_000, 'running');
    const rows = watch('pods', '--field-selector=metadata.name=no-sigterm');
    const states = watch('pod', 'no-sigterm', '-o', 'jsonpath={.metadata.name} exit={.status.containerStatuses[0].state.terminated.exitCode} signal={.status.containerStatuses[0].state.terminated.signal}{"\\n"}');
    // Both watches are open (their first line is in) before the deletion starts.
    await rows.waitFor(/no-sigterm\s+1\/1\s+Running/);
    await states.waitFor(/no-sigterm exit=/);
    const hellos = () => (c.kubectl(['logs', 'no-sigterm']).stdout.match(/hello/g) ?? []).length;
    const t0 = Date.now();
    const deletion = c.kubectlAsync(['delete', 'pod', 'no-sigterm']);
    await rows.waitFor(/no-sigterm\s+\S+\s+Terminating/);
    const before = hellos();
    await new Promise((r) => setTimeout(r, 3000 - (Date.now() - t0)));
    // Halfway through the grace period: still there, and the shell still runs after its SIGTERM.
    assert.match(c.k(['get', 'pod', 'no-sigterm']), /no-sigterm\s+\S+\s+Terminating/);
    await eventually(() => hellos() > before, 5000, 'the shell to keep printing after SIGTERM');
    const r = await deletion;
    assert.equal(r.code, 0, r.stderr);
    const took = Date.now() - t0;
    assert.ok(took >= 5000, `the pod stayed until the 6 s grace period ran out (${took} ms)`);
    assert.match(c.kubectl(['get', 'pod', 'no-sigterm']).stderr, /NotFound/);
    // The last status the agent wrote: the container ended by SIGKILL.
    await states.waitFor(/no-sigterm exit=137 signal=9/, 5000);
  });

  it('prestop: the hook runs before SIGTERM, within the grace period', async () => {
    const d = dir('prestop');
    apply('prestop', `
apiVersion: v1
kind: Pod
metadata: {name: prestop}
spec:
  terminationGracePeriodSeconds: 10
  containers:
  - name: lifecycle-demo-container
    image: nginx
    command: [/bin/sh, -c, "trap 'echo got TERM >> ${d}/order; exit 0' TERM; while true; do sleep 0.2; done"]
    lifecycle:
      preStop:
        exec:
          command: ["/bin/sh", "-c", "echo preStop >> ${d}/order; sleep 1"]
`);
    await eventually(() => /prestop\s+1\/1\s+Running/.test(c.k(['get', 'pod', 'prestop'])), 20_000, 'running');
    const t0 = Date.now();
    c.k(['delete', 'pod', 'prestop']);
    const took = Date.now() - t0;
    assert.ok(took >= 900 && took < 9000, `the hook's second, then a prompt exit on SIGTERM (took ${took} ms)`);
    assert.ok(existsSync(join(d, 'order')));
    assert.deepEqual(readFileSync(join(d, 'order'), 'utf8').trim().split('\n'), ['preStop', 'got TERM']);
  });
});
