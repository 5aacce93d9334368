/**
 * Pod behaviour a kubectl user relies on, beyond the notes' examples: the phase and STATUS for
 * every restartPolicy and exit code, sidecars that stop with the pod, tcpSocket and startup
 * probes, probe-level and `kubectl delete --grace-period` grace periods, force deletion, httpGet
 * and sleep hooks, and every kind of environment variable source.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { eventually, type TestCluster } from '../helpers/cluster.js';
import { nodeSuite } from '../helpers/node-suite.js';

let c: TestCluster;
const { watch, dir, apply, jsonpath } = nodeSuite((x) => (c = x));

const running = (pod: string, ready: string) => eventually(() => new RegExp(`${pod}\\s+${ready}\\s+Running`).test(c.k(['get', 'pod', pod])), 30_000, `${pod} ${ready} Running`);
/** Deletes without waiting (the cluster's cleanup stops whatever still runs). */
const dispose = (...pods: string[]) => c.k(['delete', 'pod', ...pods, '--wait=false']);

describe('pod behaviour', () => {
  it('phase and STATUS for each restartPolicy and exit code', async () => {
    const w = watch('pods', '-l', 'test=phases');
    const cases = [
      { policy: 'Always', code: 0, seen: 'Completed', then: 'CrashLoopBackOff', phase: 'Running', restarts: true },
      { policy: 'Always', code: 1, seen: 'Error', then: 'CrashLoopBackOff', phase: 'Running', restarts: true },
      { policy: 'OnFailure', code: 0, seen: 'Completed', then: 'Completed', phase: 'Succeeded', restarts: false },
      { policy: 'OnFailure', code: 1, seen: 'Error', then: 'CrashLoopBackOff', phase: 'Running', restarts: true },
      { policy: 'Never', code: 0, seen: 'Completed', then: 'Completed', phase: 'Succeeded', restarts: false },
      { policy: 'Never', code: 1, seen: 'Error', then: 'Error', phase: 'Failed', restarts: false },
    ].map((x) => ({ ...x, name: `phase-${x.policy.toLowerCase()}-${x.code}` }));
    apply(
      'phases',
      cases
        .map(
          (x) => `apiVersion: v1
kind: Pod
metadata: {name: ${x.name}, labels: {test: phases}}
spec:
  restartPolicy: ${x.policy}
  containers:
  - {name: c, image: busybox, command: [sh, -c, "sleep 1; exit ${x.code}"]}
`,
        )
        .join('---\n'),
    );
    for (const x of cases) {
      await w.waitFor(new RegExp(`${x.name}\\s+0/1\\s+${x.seen}\\s+0\\s`), 30_000);
      await w.waitFor(new RegExp(`${x.name}\\s+0/1\\s+${x.then}\\s+${x.restarts ? '[1-9]' : '0\\s'}`), 30_000);
    }
    for (const x of cases) {
      assert.equal(jsonpath(x.name, '.status.phase'), x.phase, x.name);
      const cs = JSON.parse(jsonpath(x.name, '.status.containerStatuses[0]')) as { restartCount: number; state: { terminated?: { exitCode: number } }; lastState: { terminated?: { exitCode: number } } };
      assert.equal((cs.state.terminated ?? cs.lastState.terminated)?.exitCode, x.code, x.name);
      assert.equal(cs.restartCount > 0, x.restarts, `${x.name} restarts`);
    }
    dispose(...cases.map((x) => x.name));
  });

  it('a sidecar stops once the main container is done (restartPolicy Never): the pod Succeeds', async () => {
    const w = watch('pods', '--field-selector=metadata.name=sidecar');
    apply('sidecar', `
apiVersion: v1
kind: Pod
metadata: {name: sidecar}
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 5
  initContainers:
  - {name: side, image: busybox, restartPolicy: Always, command: [sh, -c, "trap 'exit 0' TERM; while true; do sleep 0.2; done"]}
  containers:
  - {name: main, image: busybox, command: [sh, -c, "sleep 2; echo done"]}
`);
    await w.waitFor(/sidecar\s+2\/2\s+Running/);
    await w.waitFor(/sidecar\s+0\/2\s+Completed\s+0/, 20_000);
    assert.equal(jsonpath('sidecar', '.status.phase'), 'Succeeded');
    assert.equal(jsonpath('sidecar', '.status.initContainerStatuses[0].state.terminated.reason'), 'Completed');
    assert.equal(jsonpath('sidecar', '.status.initContainerStatuses[0].restartCount'), '0', 'not restarted after it was stopped');
    assert.match(c.k(['describe', 'pod', 'sidecar']), /Normal\s+Killing\s+.*kubelet\s+Stopping container side/);
  });

  it('probes: tcpSocket readiness; a startup probe holds back liveness and readiness until it succeeds', async () => {
    const d = dir('probes');
    const w = watch('pods', '--field-selector=metadata.name=probes');
    apply('probes', `
apiVersion: v1
kind: Pod
metadata: {name: probes}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: app
    image: python
    command: [sh, -c, "python3 -m http.server --bind $POD_IP 8080 --directory ${d} & sleep 3; touch ${d}/started; wait"]
    startupProbe: {exec: {command: [cat, ${d}/started]}, periodSeconds: 1, failureThreshold: 30}
    livenessProbe: {exec: {command: [cat, ${d}/started]}, periodSeconds: 1, failureThreshold: 1}
    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
  - name: closed
    image: busybox
    command: [sleep, "600"]
    readinessProbe: {tcpSocket: {port: 9}, periodSeconds: 1}
`);
    const started = await w.waitFor(/probes\s+0\/2\s+Running\s+0/);
    const ready = await w.waitFor(/probes\s+1\/2\s+Running\s+0/, 20_000);
    assert.ok(ready.at - started.at >= 2000, `ready only after the startup probe passed (${ready.at - started.at} ms), though the port was open at once`);
    const describe = c.k(['describe', 'pod', 'probes']);
    assert.match(describe, /Warning\s+Unhealthy\s+.*kubelet\s+Startup probe failed: cat: .*started: No such file or directory/);
    assert.match(describe, /Warning\s+Unhealthy\s+.*kubelet\s+Readiness probe failed: dial tcp 127\.\d+\.\d+\.\d+:9: connect: connection refused/);
    assert.doesNotMatch(describe, /Liveness probe failed/, 'no liveness probe ran before startup succeeded');
    assert.match(describe, /Startup:\s+exec \[cat .*started\] delay=0s timeout=1s period=1s #success=1 #failure=30/);
    assert.match(describe, /Readiness:\s+tcp-socket :8080 delay=0s timeout=1s period=1s #success=1 #failure=3/);
    assert.equal(jsonpath('probes', '.status.containerStatuses[?(@.name=="app")].restartCount'), '0');
    assert.equal(jsonpath('probes', '.status.containerStatuses[?(@.name=="closed")].ready'), 'false');
    dispose('probes');
  });

  it('a liveness kill uses the probe terminationGracePeriodSeconds; kubectl delete --grace-period=N is honoured', async () => {
    const d = dir('probe-grace');
    apply('probe-grace', `
apiVersion: v1
kind: Pod
metadata: {name: probe-grace}
spec:
  terminationGracePeriodSeconds: 60
  containers:
  - name: c
    image: busybox
    command: [sh, -c, "rm -f ${d}/die; trap '' TERM; while true; do sleep 0.5; done"]
    livenessProbe:
      exec: {command: [sh, -c, "! test -e ${d}/die"]}
      periodSeconds: 1
      failureThreshold: 1
      terminationGracePeriodSeconds: 2
`);
    await running('probe-grace', '1/1');
    const t0 = Date.now();
    writeFileSync(join(d, 'die'), '');
    await eventually(() => jsonpath('probe-grace', '.status.containerStatuses[0].restartCount') === '1', 20_000, 'the restart');
    const took = Date.now() - t0;
    assert.ok(took < 15_000, `the kill waited the probe's 2 s, not the pod's 60 s (${took} ms)`);
    assert.equal(jsonpath('probe-grace', '.status.containerStatuses[0].lastState.terminated.exitCode'), '137', 'SIGTERM ignored: SIGKILLed');
    assert.match(c.k(['describe', 'pod', 'probe-grace']), /Normal\s+Killing\s+.*Container c failed liveness probe, will be restarted/);
    await running('probe-grace', '1/1');
    const t1 = Date.now();
    const r = await c.kubectlAsync(['delete', 'pod', 'probe-grace', '--grace-period=3']);
    assert.equal(r.code, 0, r.stderr);
    const gone = Date.now() - t1;
    assert.ok(gone >= 2500 && gone < 20_000, `deletion took the 3 s asked for, not the pod's 60 s (${gone} ms)`);
  });

  it('--grace-period=0 --force removes the pod at once; the agent still kills its process', async () => {
    const d = dir('forced');
    const marker = join(d, 'marker');
    apply('forced', `
apiVersion: v1
kind: Pod
metadata: {name: forced}
spec:
  terminationGracePeriodSeconds: 3
  containers:
  - {name: c, image: busybox, command: [sh, -c, "trap '' TERM; while true; do touch ${marker}; sleep 0.2; done"]}
`);
    await running('forced', '1/1');
    const r = c.kubectl(['delete', 'pod', 'forced', '--grace-period=0', '--force']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Immediate deletion does not wait for confirmation/);
    assert.match(c.kubectl(['get', 'pod', 'forced']).stderr, /NotFound/, 'gone from the API at once');
    await eventually(() => Date.now() - statSync(marker).mtimeMs > 2000, 20_000, 'the process to stop touching its marker');
  });

  it('hooks: postStart httpGet (any response is fine), preStop httpGet and sleep before SIGTERM; the sidecar goes last', async () => {
    const d = dir('hooks');
    writeFileSync(
      join(d, 'server.py'),
      `import http.server, signal, sys, time
# As PID 1 of its namespace, the server must handle SIGTERM itself.
def term(*_):
    with open(sys.argv[3], 'a') as f:
        f.write('%.3f TERM\\n' % time.time())
    sys.exit(0)
signal.signal(signal.SIGTERM, term)
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(sys.argv[3], 'a') as f:
            f.write('%.3f %s %s\\n' % (time.time(), self.path, self.headers.get('User-Agent')))
        self.send_response(404)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer((sys.argv[1], int(sys.argv[2])), H).serve_forever()
`,
    );
    const requests = join(d, 'requests');
    apply('hooks', `
apiVersion: v1
kind: Pod
metadata: {name: hooks}
spec:
  terminationGracePeriodSeconds: 10
  initContainers:
  - name: web
    image: python
    restartPolicy: Always
    command: [python3, ${d}/server.py, $(POD_IP), "8080", ${requests}]
    startupProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
  containers:
  - name: app
    image: busybox
    command: [sh, -c, "trap 'exit 0' TERM; while true; do sleep 0.2; done"]
    lifecycle:
      postStart: {httpGet: {path: /poststart, port: 8080}}
      preStop: {httpGet: {path: /prestop, port: 8080}}
  - name: sleeper
    image: busybox
    command: [sh, -c, "trap 'touch ${d}/sleeper-term; exit 0' TERM; while true; do sleep 0.2; done"]
    lifecycle:
      preStop: {sleep: {seconds: 2}}
`);
    await running('hooks', '3/3');
    assert.match(readFileSync(requests, 'utf8'), /\/poststart kube-lifecycle\/1\.32\n/);
    assert.doesNotMatch(c.k(['describe', 'pod', 'hooks']), /FailedPostStartHook/, 'a 404 does not fail the hook');
    const t0 = Date.now();
    const r = await c.kubectlAsync(['delete', 'pod', 'hooks']);
    assert.equal(r.code, 0, r.stderr);
    const took = Date.now() - t0;
    assert.match(readFileSync(requests, 'utf8'), /\/prestop kube-lifecycle\/1\.32\n/, 'the sidecar still served the preStop request');
    const sleeperTerm = statSync(join(d, 'sleeper-term')).mtimeMs;
    assert.ok(sleeperTerm - t0 >= 1500, `SIGTERM came after the 2 s sleep hook (${sleeperTerm - t0} ms)`);
    const webTerm = Number(/([\d.]+) TERM/.exec(readFileSync(requests, 'utf8'))?.[1]) * 1000;
    assert.ok(webTerm >= sleeperTerm - 50, `the sidecar got SIGTERM after the main containers ended (${webTerm - sleeperTerm} ms later)`);
    assert.ok(took < 9000, `no SIGKILL wait (${took} ms)`);
  });

  it('environment: fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef, optional refs, envFrom, $(VAR)', async () => {
    apply('env', `
apiVersion: v1
kind: ConfigMap
metadata: {name: env-cm}
data: {color: blue, size: large}
---
apiVersion: v1
kind: Secret
metadata: {name: env-secret}
stringData: {password: s3cret, token: abc}
---
apiVersion: v1
kind: Pod
metadata: {name: env, labels: {app: envtest}, annotations: {note: hello}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: c
    image: busybox
    command: [sh, -c, "echo START $(GREETING); sleep 600"]
    resources: {requests: {cpu: 250m, memory: 64Mi}, limits: {memory: 128Mi}}
    env:
    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: POD_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
    - {name: POD_UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}
    - {name: APP_LABEL, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
    - {name: NOTE, valueFrom: {fieldRef: {fieldPath: "metadata.annotations['note']"}}}
    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    - {name: MY_POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
    - {name: HOST_IP, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}
    - {name: MEM_LIMIT_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
    - {name: CPU_REQUEST_M, valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}}
    - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
    - {name: COLOR, valueFrom: {configMapKeyRef: {name: env-cm, key: color}}}
    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: env-secret, key: password}}}
    - {name: OPTIONAL_KEY, valueFrom: {configMapKeyRef: {name: env-cm, key: nope, optional: true}}}
    - {name: OPTIONAL_CM, valueFrom: {secretKeyRef: {name: no-such-secret, key: x, optional: true}}}
    - {name: GREETING, value: "hi-$(POD_NAME)"}
    envFrom:
    - {configMapRef: {name: env-cm}, prefix: CM_}
    - {secretRef: {name: env-secret}}
    - {configMapRef: {name: absent-cm, optional: true}}
`);
    await running('env', '1/1');
    const env = new Map(
      c
        .k(['exec', 'env', '--', 'env'])
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
    );
    const p = JSON.parse(c.k(['get', 'pod', 'env', '-o', 'json'])) as { metadata: { uid: string }; spec: { nodeName: string }; status: { podIP: string; hostIP: string } };
    const want: Record<string, string> = {
      POD_NAME: 'env',
      POD_NAMESPACE: 'default',
      POD_UID: p.metadata.uid,
      APP_LABEL: 'envtest',
      NOTE: 'hello',
      NODE: p.spec.nodeName,
      MY_POD_IP: p.status.podIP,
      HOST_IP: p.status.hostIP,
      MEM_LIMIT_MI: '128',
      CPU_REQUEST_M: '250',
      CPU_LIMIT: c.k(['get', 'node', p.spec.nodeName, '-o', 'jsonpath={.status.allocatable.cpu}']),
      COLOR: 'blue',
      PASSWORD: 's3cret',
      GREETING: 'hi-env',
      CM_color: 'blue',
      CM_size: 'large',
      password: 's3cret',
      token: 'abc',
    };
    for (const [k, v] of Object.entries(want)) assert.equal(env.get(k), v, k);
    assert.equal(env.has('OPTIONAL_KEY'), false, 'an optional missing key sets nothing');
    assert.equal(env.has('OPTIONAL_CM'), false, 'an optional missing secret sets nothing');
    await eventually(() => c.k(['logs', 'env']).includes('START hi-env'), 10_000, '$(VAR) in the command');
    dispose('env');
  });

  it('a missing ConfigMap: Pulled, then CreateContainerConfigError, until the ConfigMap exists', async () => {
    apply('env-missing', `
apiVersion: v1
kind: Pod
metadata: {name: env-missing}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: c
    image: busybox
    command: [sleep, "600"]
    env:
    - {name: LATER, valueFrom: {configMapKeyRef: {name: later-cm, key: k}}}
`);
    await eventually(() => /env-missing\s+0\/1\s+CreateContainerConfigError/.test(c.k(['get', 'pod', 'env-missing'])), 20_000, 'CreateContainerConfigError');
    const events = (JSON.parse(c.k(['get', 'events', '--field-selector', 'involvedObject.name=env-missing', '-o', 'json'])) as { items: { metadata: { name: string }; type: string; reason: string; message: string }[] }).items;
    // Event names end in their creation time (hex nanoseconds, as upstream names them).
    const order = events
      .filter((e) => e.reason !== 'Scheduled')
      .sort((a, b) => (BigInt(`0x${a.metadata.name.split('.').at(-1)}`) < BigInt(`0x${b.metadata.name.split('.').at(-1)}`) ? -1 : 1))
      .map((e) => `${e.type} ${e.reason}: ${e.message}`);
    assert.deepEqual(order.slice(0, 2), ['Normal Pulled: Container image "busybox" already present on machine', 'Warning Failed: Error: configmap "later-cm" not found']);
    c.k(['create', 'configmap', 'later-cm', '--from-literal=k=now']);
    await running('env-missing', '1/1');
    assert.equal(c.k(['exec', 'env-missing', '--', 'sh', '-c', 'echo $LATER']), 'now\n');
    dispose('env-missing');
  });
});
