/**
 * Endpoints and EndpointSlices on a real server with real pods (scheduler, node agent, process
 * runtime), as the notes describe them: they follow readiness flips, pod deletion (a terminating
 * pod leaves Endpoints at once; its slice entry turns terminating), label changes and named
 * targetPorts; `publishNotReadyAddresses`; a selector-less Service with hand-made Endpoints
 * mirrored into a slice; the `kubernetes` Service; 100 endpoints a slice (the
 * `--max-endpoints-per-slice` flag). Every change is awaited on a watch opened before the
 * triggering write — no timing assertions.
 *
 * Pods share the host filesystem, so each pod's readiness is its own file:
 * `<dir>/$POD_NAME`, POD_NAME coming from the downward API.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiWatch, type WatchedObject } from '../helpers/apiwatch.js';
import { eventually, SKIFF_BIN, TestCluster } from '../helpers/cluster.js';

interface Ref {
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
}
interface Address {
  ip: string;
  nodeName?: string;
  targetRef?: Ref;
}
interface EndpointsObj extends WatchedObject {
  subsets?: { addresses?: Address[]; notReadyAddresses?: Address[]; ports?: { name?: string; port: number; protocol?: string }[] }[];
}
interface SliceEndpoint {
  addresses: string[];
  conditions: { ready?: boolean; serving?: boolean; terminating?: boolean };
  nodeName?: string;
  targetRef?: Ref;
}
interface SliceObj extends WatchedObject {
  addressType: string;
  endpoints?: SliceEndpoint[] | null;
  ports?: { name?: string; port?: number; protocol?: string }[] | null;
  metadata: WatchedObject['metadata'] & { ownerReferences?: { kind: string; name: string; controller?: boolean; blockOwnerDeletion?: boolean }[]; generateName?: string };
}

const SVC_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';

let c: TestCluster;
let readyDir: string;
let endpoints: ApiWatch<EndpointsObj>;
let slices: ApiWatch<SliceObj>;

before(async () => {
  // 250 pods and more: a pod IP range bigger than the default /24.
  c = await new TestCluster({ args: ['--disable', 'proxy,dns,ingress', '--max-pods', '400'], podRange: `127.${200 + (process.pid % 50)}.0.0/22` }).start();
  readyDir = mkdtempSync('/tmp/skiff-ready-');
  await eventually(() => /\sReady\s/.test(c.kubectl(['get', 'nodes']).stdout), 20_000, 'a Ready node');
  endpoints = await new ApiWatch<EndpointsObj>(c, '/api/v1/namespaces/default/endpoints').start();
  slices = await new ApiWatch<SliceObj>(c, '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices').start();
});
after(async () => {
  await endpoints?.stop();
  await slices?.stop();
  await c?.cleanup();
  if (readyDir) rmSync(readyDir, { recursive: true, force: true });
});

function apply(name: string, yaml: string, cluster = c): void {
  const path = join(cluster.dir, `${name}.yaml`);
  writeFileSync(path, yaml);
  cluster.k(['apply', '-f', path]);
}

const markReady = (pod: string) => writeFileSync(join(readyDir, pod), '');
const markNotReady = (pod: string) => unlinkSync(join(readyDir, pod));

/** A pod that ignores SIGTERM (so it stays terminating for its grace period), ready while its file exists. */
function pod(name: string, labels: Record<string, string>, port: { name: string; containerPort: number } = { name: 'http', containerPort: 8080 }): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: ${JSON.stringify(labels)}
spec:
  terminationGracePeriodSeconds: 60
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'trap "" TERM; sleep 600']
    ports: [${JSON.stringify(port)}]
    env:
    - name: POD_NAME
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    readinessProbe:
      exec: {command: [sh, -c, 'test -f ${readyDir}/$POD_NAME']}
      periodSeconds: 1
      failureThreshold: 1
---
`;
}

/** Pod names in an Endpoints object's addresses / notReadyAddresses, sorted. */
function names(ep: EndpointsObj | undefined, field: 'addresses' | 'notReadyAddresses'): string[] {
  return (ep?.subsets ?? []).flatMap((s) => (s[field] ?? []).map((a) => a.targetRef?.name ?? a.ip)).sort();
}

/** The slices of a Service, as the slice watch sees them. */
function slicesOf(svc: string, all = slices.objects): SliceObj[] {
  return [...all.values()].filter((s) => s.metadata.labels?.[SVC_LABEL] === svc);
}

/** Every endpoint of a Service's slices, by pod name. */
function sliceEndpoints(svc: string): Map<string, SliceEndpoint> {
  return new Map(slicesOf(svc).flatMap((s) => (s.endpoints ?? []).map((e) => [e.targetRef?.name ?? e.addresses[0]!, e] as const)));
}

const conds = (e: SliceEndpoint | undefined) => (e ? [e.conditions.ready, e.conditions.serving, e.conditions.terminating] : undefined);

/** Waits until the watched Endpoints of `svc` satisfy `ok`. */
function endpointsUntil(svc: string, ok: (ep: EndpointsObj | undefined) => boolean, what: string): Promise<EndpointsObj | true> {
  return eventually(() => (ok(endpoints.objects.get(svc)) ? (endpoints.objects.get(svc) ?? true) : undefined), 30_000, `Endpoints ${svc}: ${what} (have ${JSON.stringify(endpoints.objects.get(svc)?.subsets)})`);
}

/** Waits until the watched slices of `svc` satisfy `ok`. */
function slicesUntil(svc: string, ok: (eps: Map<string, SliceEndpoint>, s: SliceObj[]) => boolean, what: string): Promise<true> {
  return eventually(() => ok(sliceEndpoints(svc), slicesOf(svc)) || undefined, 30_000, `slices of ${svc}: ${what} (have ${JSON.stringify(slicesOf(svc).map((s) => s.endpoints))})`);
}

/** Waits for a Deployment's readyReplicas. */
function readyReplicas(cluster: TestCluster, name: string, n: number, ms = 90_000): Promise<true> {
  return eventually(() => cluster.k(['get', 'deploy', name, '-o', 'jsonpath={.status.readyReplicas}']) === String(n) || undefined, ms, `${n} ready replicas of ${name}`);
}

const podIP = (name: string) => c.k(['get', 'pod', name, '-o', 'jsonpath={.status.podIP}']);

describe('Endpoints and EndpointSlices on real pods', () => {
  it('the `kubernetes` Service has the API server as its Endpoints and EndpointSlice, labelled as upstream', async () => {
    const ep = JSON.parse(c.k(['get', 'endpoints', 'kubernetes', '-o', 'json'])) as EndpointsObj;
    assert.deepEqual(ep.metadata.labels, { 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    assert.deepEqual(ep.subsets, [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port: c.port, protocol: 'TCP' }] }]);
    const s = JSON.parse(c.k(['get', 'endpointslice', 'kubernetes', '-o', 'json'])) as SliceObj;
    assert.deepEqual(s.metadata.labels, { [SVC_LABEL]: 'kubernetes' });
    assert.equal(s.addressType, 'IPv4');
    assert.deepEqual(s.endpoints?.map((e) => [e.addresses, e.conditions.ready]), [[['127.0.0.1'], true]]);
    assert.deepEqual(s.ports, [{ name: 'https', port: c.port, protocol: 'TCP' }]);
    // Not mirrored: the API server keeps its slice itself.
    assert.equal(c.k(['get', 'endpointslices', '-l', `${SVC_LABEL}=kubernetes`, '-o', 'name']).trim(), 'endpointslice.discovery.k8s.io/kubernetes');
    assert.match(c.k(['get', 'endpoints', 'kubernetes']), new RegExp(`kubernetes\\s+127\\.0\\.0\\.1:${c.port}\\s`));
  });

  it('follow readiness flips, label changes and deletion', async () => {
    markReady('web-a');
    markReady('web-b');
    apply('web', `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
${pod('web-a', { app: 'web' })}${pod('web-b', { app: 'web' })}`);
    await endpointsUntil('web', (ep) => names(ep, 'addresses').join() === 'web-a,web-b', 'both ready');
    const ep = endpoints.objects.get('web')!;
    assert.deepEqual(ep.subsets?.map((s) => s.ports), [[{ name: 'http', port: 8080, protocol: 'TCP' }]]);
    const ips = { 'web-a': podIP('web-a'), 'web-b': podIP('web-b') };
    const addr = ep.subsets![0]!.addresses!.find((a) => a.targetRef?.name === 'web-a')!;
    assert.equal(addr.ip, ips['web-a']);
    assert.equal(addr.targetRef?.kind, 'Pod');
    assert.ok(addr.nodeName, 'nodeName filled');
    await slicesUntil('web', (eps) => eps.size === 2 && [...eps.values()].every((e) => e.conditions.ready), 'both ready');
    const [slice] = slicesOf('web');
    assert.equal(slicesOf('web').length, 1);
    assert.equal(slice!.metadata.labels?.[MANAGED_BY], 'endpointslice-controller.k8s.io');
    assert.match(slice!.metadata.name, /^web-[a-z0-9]{5}$/);
    assert.deepEqual(slice!.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.controller, o.blockOwnerDeletion]), [['Service', 'web', true, true]]);
    assert.equal(slice!.addressType, 'IPv4');
    assert.deepEqual(slice!.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const a = sliceEndpoints('web').get('web-a')!;
    assert.deepEqual(a.addresses, [ips['web-a']]);
    assert.deepEqual(conds(a), [true, true, false]);
    assert.ok(a.nodeName);
    assert.equal(a.targetRef?.kind, 'Pod');

    // Not ready: addresses -> notReadyAddresses; ready and serving false in the slice.
    markNotReady('web-a');
    await endpointsUntil('web', (e) => names(e, 'addresses').join() === 'web-b' && names(e, 'notReadyAddresses').join() === 'web-a', 'web-a not ready');
    await slicesUntil('web', (eps) => conds(eps.get('web-a'))?.join() === 'false,false,false', 'web-a not ready');
    assert.match(c.k(['describe', 'endpoints', 'web']), /NotReadyAddresses:\s+\S*\d/);
    // Ready again.
    markReady('web-a');
    await endpointsUntil('web', (e) => names(e, 'addresses').join() === 'web-a,web-b' && !names(e, 'notReadyAddresses').length, 'web-a ready again');
    await slicesUntil('web', (eps) => conds(eps.get('web-a'))?.join() === 'true,true,false', 'web-a ready again');

    // A label change takes the pod out, and back in.
    c.k(['label', 'pod', 'web-b', 'app=elsewhere', '--overwrite']);
    await endpointsUntil('web', (e) => names(e, 'addresses').join() === 'web-a' && !names(e, 'notReadyAddresses').length, 'web-b left');
    await slicesUntil('web', (eps) => eps.size === 1 && eps.has('web-a'), 'web-b left');
    c.k(['label', 'pod', 'web-b', 'app=web', '--overwrite']);
    await endpointsUntil('web', (e) => names(e, 'addresses').join() === 'web-a,web-b', 'web-b back');
    await slicesUntil('web', (eps) => eps.size === 2 && eps.get('web-b')?.conditions.ready === true, 'web-b back');

    // Deletion with a grace period: gone from Endpoints at once; terminating in the slice.
    c.k(['delete', 'pod', 'web-a', '--wait=false']);
    await endpointsUntil('web', (e) => names(e, 'addresses').join() === 'web-b' && !names(e, 'notReadyAddresses').length, 'terminating web-a left out');
    await slicesUntil('web', (eps) => eps.get('web-a')?.conditions.terminating === true && eps.get('web-a')?.conditions.ready === false, 'web-a terminating');
    assert.ok(c.k(['get', 'pod', 'web-a', '-o', 'jsonpath={.metadata.deletionTimestamp}']), 'web-a is still terminating');
    c.k(['delete', 'pod', 'web-a', '--grace-period=0', '--force']);
    await slicesUntil('web', (eps) => eps.size === 1 && eps.has('web-b'), 'web-a gone');
  });

  it('resolves a named targetPort per pod: different containerPorts make separate subsets and slices', async () => {
    for (const n of ['np-1', 'np-2', 'np-3']) markReady(n);
    apply('named', `apiVersion: v1
kind: Service
metadata: {name: named}
spec:
  selector: {app: named}
  ports: [{name: http, port: 80, targetPort: web}]
---
${pod('np-1', { app: 'named' }, { name: 'web', containerPort: 8080 })}${pod('np-2', { app: 'named' }, { name: 'web', containerPort: 8080 })}${pod('np-3', { app: 'named' }, { name: 'web', containerPort: 9090 })}`);
    const ep = (await endpointsUntil('named', (e) => names(e, 'addresses').length === 3, 'three ready')) as EndpointsObj;
    const subsets = (ep.subsets ?? []).map((s) => [s.ports?.map((p) => `${p.name}:${p.port}`).join(), (s.addresses ?? []).map((a) => a.targetRef?.name).sort().join()]).sort();
    assert.deepEqual(subsets, [['http:8080', 'np-1,np-2'], ['http:9090', 'np-3']]);
    await slicesUntil('named', (eps) => eps.size === 3 && [...eps.values()].every((e) => e.conditions.ready), 'three ready');
    const bySlice = slicesOf('named').map((s) => [s.ports?.map((p) => `${p.name}:${p.port}`).join(), (s.endpoints ?? []).map((e) => e.targetRef?.name).sort().join()]).sort();
    assert.deepEqual(bySlice, [['http:8080', 'np-1,np-2'], ['http:9090', 'np-3']]);
  });

  it("publishNotReadyAddresses: the notes' nginx-publish-notready lists not-ready pods as addresses", async () => {
    apply('publish', `apiVersion: v1
kind: Service
metadata:
  name: nginx-publish-notready
spec:
  publishNotReadyAddresses: true
  type: ClusterIP
  ports:
    - port: 80
      protocol: TCP
      name: http
  selector:
    app: nginx
---
${pod('nginx-1', { app: 'nginx' }, { name: 'http', containerPort: 80 })}`);
    // Never ready (no readiness file), yet an address.
    await eventually(() => c.k(['get', 'pod', 'nginx-1', '-o', 'jsonpath={.status.phase}']) === 'Running', 30_000, 'nginx-1 running');
    const ep = (await endpointsUntil('nginx-publish-notready', (e) => names(e, 'addresses').join() === 'nginx-1', 'the not-ready pod as an address')) as EndpointsObj;
    assert.equal(names(ep, 'notReadyAddresses').length, 0);
    assert.deepEqual(ep.subsets?.[0]?.ports, [{ name: 'http', port: 80, protocol: 'TCP' }]);
    assert.equal(c.k(['get', 'pod', 'nginx-1', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']), 'False');
    // The slice calls it ready (traffic may go there) but not serving (the pod is not Ready).
    await slicesUntil('nginx-publish-notready', (eps) => conds(eps.get('nginx-1'))?.join() === 'true,false,false', 'ready but not serving');
    // Readiness changes nothing in Endpoints.
    markReady('nginx-1');
    await slicesUntil('nginx-publish-notready', (eps) => conds(eps.get('nginx-1'))?.join() === 'true,true,false', 'serving once Ready');
    assert.deepEqual(names(endpoints.objects.get('nginx-publish-notready'), 'addresses'), ['nginx-1']);
  });

  it("a Service without a selector: the notes' hand-made Endpoints are kept as they are and mirrored into an EndpointSlice", async () => {
    apply('no-selector', `apiVersion: v1
kind: Service
metadata:
  name: service-without-selector
spec:
  ports:
    - port: 80
      protocol: TCP
      name: http
---
apiVersion: v1
kind: Endpoints
metadata:
  name: service-without-selector
subsets:
  - addresses:
      - ip: 220.181.38.148
    ports:
      - name: http
        port: 80
        protocol: TCP
`);
    await slicesUntil('service-without-selector', (eps) => eps.has('220.181.38.148'), 'the mirrored address');
    const [s, ...more] = slicesOf('service-without-selector');
    assert.equal(more.length, 0);
    assert.equal(s!.metadata.labels?.[MANAGED_BY], 'endpointslicemirroring-controller.k8s.io');
    assert.equal(s!.metadata.labels?.[SVC_LABEL], 'service-without-selector');
    assert.match(s!.metadata.name, /^service-without-selector-[a-z0-9]{5}$/);
    assert.deepEqual(s!.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.controller, o.blockOwnerDeletion]), [['Endpoints', 'service-without-selector', true, true]]);
    assert.equal(s!.addressType, 'IPv4');
    assert.deepEqual(s!.ports, [{ name: 'http', port: 80, protocol: 'TCP' }]);
    assert.deepEqual(s!.endpoints?.map((e) => [e.addresses, e.conditions.ready]), [[['220.181.38.148'], true]]);
    // The Endpoints controller leaves the hand-made object alone.
    const ep = JSON.parse(c.k(['get', 'endpoints', 'service-without-selector', '-o', 'json'])) as EndpointsObj;
    assert.deepEqual(ep.subsets, [{ addresses: [{ ip: '220.181.38.148' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }]);
    assert.match(c.k(['get', 'endpoints', 'service-without-selector']), /220\.181\.38\.148:80/);
    // An edit of the Endpoints reaches the mirror.
    c.k(['patch', 'endpoints', 'service-without-selector', '--type=json', '-p', '[{"op":"replace","path":"/subsets/0/ports/0/port","value":8080}]']);
    await slicesUntil('service-without-selector', (_e, ss) => ss.length === 1 && ss[0]!.ports?.[0]?.port === 8080, 'the new port mirrored');
  });

  it('rejects a --max-endpoints-per-slice outside 1..1000 with upstream\'s message', () => {
    for (const [v, msg] of [
      ['0', 'max-endpoints-per-slice must not be less than 1, but got 0'],
      ['1001', 'max-endpoints-per-slice must not be more than 1000, but got 1001'],
    ] as const) {
      const r = spawnSync(process.execPath, [SKIFF_BIN, 'server', '--data-dir', join(c.dir, `bad-${v}`), '--api-port', '0', '--max-endpoints-per-slice', v], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr.trim(), `skiff: ${msg}`);
    }
  });

  it('--max-endpoints-per-slice 10: 25 pods make 3 slices', async () => {
    const small = await new TestCluster({ args: ['--disable', 'proxy,dns,ingress', '--max-endpoints-per-slice', '10'] }).start();
    try {
      await eventually(() => /\sReady\s/.test(small.kubectl(['get', 'nodes']).stdout), 20_000, 'a Ready node');
      const w = await new ApiWatch<SliceObj>(small, `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=${encodeURIComponent(`${SVC_LABEL}=small`)}`).start();
      try {
        small.k(['create', 'deployment', 'small', '--image=busybox', '--replicas=25', '--', 'sleep', '600']);
        await readyReplicas(small, 'small', 25);
        small.k(['expose', 'deployment', 'small', '--port=80']);
        await eventually(() => {
          const ss = [...w.objects.values()];
          const ready = ss.flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions.ready).length;
          return ready === 25 && ss.length === 3 ? true : undefined;
        }, 60_000, `25 ready endpoints in 3 slices (have ${JSON.stringify([...w.objects.values()].map((s) => s.endpoints?.length ?? 0))})`);
        assert.deepEqual([...w.objects.values()].map((s) => s.endpoints?.length ?? 0).sort((x, y) => x - y), [5, 10, 10]);
      } finally {
        await w.stop();
      }
    } finally {
      await small.cleanup();
    }
  });

  it('250 pods behind one Service make 3 slices of at most 100', async () => {
    // The Service comes once the pods are Ready, so one sync places all 250: how slices fill up
    // while pods trickle in depends on the order of events, upstream as here.
    c.k(['create', 'deployment', 'big', '--image=busybox', '--replicas=250', '--', 'sleep', '600']);
    await readyReplicas(c, 'big', 250);
    c.k(['expose', 'deployment', 'big', '--port=80']);
    await slicesUntil('big', (eps) => eps.size === 250 && [...eps.values()].every((e) => e.conditions.ready), '250 ready endpoints');
    const sizes = slicesOf('big').map((s) => s.endpoints?.length ?? 0).sort((x, y) => x - y);
    assert.deepEqual(sizes, [50, 100, 100]);
    const ep = await endpointsUntil('big', (e) => names(e, 'addresses').length === 250, '250 addresses');
    assert.ok(ep);
  });
});
