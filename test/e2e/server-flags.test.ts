/**
 * `skiff server` flags and process behaviour: --service-cidr and --service-node-port-range
 * (allocation until the range is full, release on delete, kept across a restart; headless and
 * ExternalName Services get no IP), --store memory, `skiff kubeconfig --data-dir`, the PKI
 * (reused across restarts, SANs, client certificates of another CA refused), and a clean exit
 * on SIGTERM and SIGINT.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { ensurePki } from '../../src/apiserver/certs.js';
import { readKubeconfig } from '../../src/server/kubeconfig.js';
import { SKIFF_BIN, TestCluster } from '../helpers/cluster.js';

const QUIET = ['--disable', 'controllers,scheduler,kubelet,proxy,dns,ingress'];
const dirs: string[] = [];
const clusters: TestCluster[] = [];

after(async () => {
  for (const c of clusters) await c.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

async function start(opts: ConstructorParameters<typeof TestCluster>[0]): Promise<TestCluster> {
  const c = new TestCluster(opts);
  clusters.push(c);
  return c.start();
}

interface Svc {
  metadata: { name: string };
  spec: { clusterIP?: string; clusterIPs?: string[]; ports?: { nodePort?: number }[] };
}

const SVCS = '/api/v1/namespaces/default/services';

async function createService(c: TestCluster, name: string, spec: Record<string, unknown> = {}): Promise<{ status: number; svc: Svc; message: string }> {
  const r = await c.api('POST', SVCS, JSON.stringify({ metadata: { name }, spec: { ports: [{ port: 80 }], ...spec } }));
  const body = JSON.parse(r.body) as Svc & { message: string };
  return { status: r.status, svc: body, message: body.message };
}

async function getService(c: TestCluster, name: string): Promise<Svc> {
  return JSON.parse((await c.api('GET', `${SVCS}/${name}`)).body) as Svc;
}

describe('--service-cidr and --service-node-port-range', () => {
  const dataDir = tempDir('skiff-flags-');
  const args = [...QUIET, '--service-cidr', '10.99.0.0/29', '--service-node-port-range', '30100-30102'];

  it('hands out the CIDR until it is full (the kubernetes Service holds the first IP), then 500 as upstream', async () => {
    const c = await start({ dataDir, args });
    assert.equal((await getService(c, 'kubernetes')).spec.clusterIP, '10.99.0.1');
    // A /29 has six usable addresses: .1 is the kubernetes Service's, five are left.
    const ips: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await createService(c, `s${i}`);
      assert.equal(r.status, 201, r.message);
      ips.push(r.svc.spec.clusterIP!);
    }
    assert.deepEqual([...ips].sort(), ['10.99.0.2', '10.99.0.3', '10.99.0.4', '10.99.0.5', '10.99.0.6']);
    const full = await createService(c, 'one-too-many');
    assert.equal(full.status, 500);
    assert.equal(full.message, 'Internal error occurred: failed to allocate a serviceIP: range is full');
    // Headless and ExternalName Services need no IP, so a full range does not stop them.
    const headless = await createService(c, 'headless', { clusterIP: 'None' });
    assert.equal(headless.status, 201, headless.message);
    assert.deepEqual([headless.svc.spec.clusterIP, headless.svc.spec.clusterIPs], ['None', ['None']]);
    const external = await createService(c, 'external', { type: 'ExternalName', externalName: 'example.com' });
    assert.equal(external.status, 201, external.message);
    assert.equal(external.svc.spec.clusterIP, undefined);
    // A requested address outside the range names the field (422).
    const outside = await createService(c, 'outside', { clusterIP: '10.96.0.10' });
    assert.equal(outside.status, 422);
    assert.match(outside.message, /failed to allocate IP 10\.96\.0\.10: the provided IP \(10\.96\.0\.10\) is not in the valid range\. The range of valid IPs is 10\.99\.0\.0\/29/);
    // Delete releases the address.
    assert.equal((await c.api('DELETE', `${SVCS}/s0`)).status, 200);
    const reuse = await createService(c, 'reuse');
    assert.equal(reuse.status, 201, reuse.message);
    assert.equal(reuse.svc.spec.clusterIP, ips[0]);
  });

  it('hands out node ports from the range until it is full, and releases them on delete', async () => {
    const c = clusters[clusters.length - 1]!;
    // Free some cluster IPs first: NodePort Services need one too.
    for (const n of ['s1', 's2', 's3', 's4']) assert.equal((await c.api('DELETE', `${SVCS}/${n}`)).status, 200);
    const ports: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await createService(c, `np${i}`, { type: 'NodePort' });
      assert.equal(r.status, 201, r.message);
      ports.push(r.svc.spec.ports![0]!.nodePort!);
    }
    assert.deepEqual([...ports].sort(), [30100, 30101, 30102]);
    const full = await createService(c, 'np-full', { type: 'NodePort' });
    assert.equal(full.status, 500);
    assert.equal(full.message, 'Internal error occurred: failed to allocate a nodePort: range is full');
    const outside = await createService(c, 'np-outside', { type: 'NodePort', ports: [{ port: 80, nodePort: 30000 }] });
    assert.equal(outside.status, 422);
    assert.match(outside.message, /spec\.ports\[0\]\.nodePort: Invalid value: 30000: provided port is not in the valid range\. The range of valid ports is 30100-30102/);
    assert.equal((await c.api('DELETE', `${SVCS}/np1`)).status, 200);
    const again = await createService(c, 'np-again', { type: 'NodePort' });
    assert.equal(again.status, 201, again.message);
    assert.equal(again.svc.spec.ports![0]!.nodePort, ports[1]);
  });

  it('keeps every allocation across a restart', async () => {
    const first = clusters[clusters.length - 1]!;
    const before = JSON.parse((await first.api('GET', SVCS)).body) as { items: Svc[] };
    assert.equal(await first.stop(), 0);
    const c = await start({ dataDir, args });
    const after = JSON.parse((await c.api('GET', SVCS)).body) as { items: Svc[] };
    const shape = (l: { items: Svc[] }) => l.items.map((s) => [s.metadata.name, s.spec.clusterIP, s.spec.ports?.map((p) => p.nodePort)]);
    assert.deepEqual(shape(after), shape(before));
    // Still full: what the stored Services hold is not handed out again.
    assert.equal((await createService(c, 'np-late', { type: 'NodePort' })).status, 500);
    const ip = await createService(c, 'ip-late');
    assert.equal(ip.status, 201, ip.message);
    const held = new Set(before.items.map((s) => s.spec.clusterIP));
    assert.ok(!held.has(ip.svc.spec.clusterIP), `${ip.svc.spec.clusterIP} was free`);
    assert.equal((await createService(c, 'ip-full')).status, 500);
  });
});

describe('--store memory, the kubeconfig command, the PKI and signals', () => {
  const dataDir = tempDir('skiff-memory-');

  it('serves with the memory store, whose objects do not survive a restart; SIGTERM exits 0 after the ready line', async () => {
    const c = await start({ dataDir, args: [...QUIET, '--store', 'memory'] });
    assert.match(c.logs, /"store":"memory".*skiff is ready/);
    assert.equal((await c.api('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ metadata: { name: 'fleeting' } }))).status, 201);
    assert.equal(await c.stop(), 0);
    const again = await start({ dataDir, args: [...QUIET, '--store', 'memory'] });
    assert.equal((await again.api('GET', '/api/v1/namespaces/default/configmaps/fleeting')).status, 404);
    assert.equal((await again.api('GET', '/api/v1/namespaces/kube-system')).status, 200, 'bootstrap objects are made again');
  });

  it('prints the kubeconfig with `skiff kubeconfig --data-dir`', () => {
    const r = spawnSync(process.execPath, [SKIFF_BIN, 'kubeconfig', '--data-dir', dataDir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, readFileSync(join(dataDir, 'kubeconfig'), 'utf8'));
    const missing = spawnSync(process.execPath, [SKIFF_BIN, 'kubeconfig', '--data-dir', join(dataDir, 'nowhere')], { encoding: 'utf8' });
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /no kubeconfig at/);
  });

  it('reuses its certificates across restarts; the serving certificate names loopback, localhost and the kubernetes Service IP', async () => {
    const pki = join(dataDir, 'pki');
    const files = () => ['ca.crt', 'apiserver.crt', 'apiserver.key', 'admin.crt'].map((f) => readFileSync(join(pki, f), 'utf8'));
    const before = files();
    const san = new X509Certificate(before[1]!).subjectAltName ?? '';
    for (const name of ['IP Address:127.0.0.1', 'DNS:localhost', 'IP Address:10.96.0.1']) assert.ok(san.includes(name), `${name} in ${san}`);
    const c = clusters[clusters.length - 1]!;
    assert.equal(await c.stop(), 0);
    const again = await start({ dataDir, args: [...QUIET, '--store', 'memory'] });
    assert.deepEqual(files(), before, 'the same certificate bytes');
    assert.equal((await again.api('GET', '/api/v1/namespaces/default')).status, 200, 'the kept admin certificate still works');
  });

  it('answers 401 to a client certificate of another CA', async () => {
    const c = clusters[clusters.length - 1]!;
    const other = await ensurePki({ dir: join(tempDir('skiff-other-ca-'), 'pki') });
    const ca = readKubeconfig(c.kubeconfig).ca;
    const agent = new Agent({ connect: { ca, cert: other.admin.certPem, key: other.admin.keyPem } });
    try {
      const res = await request(`https://127.0.0.1:${c.port}/api/v1/namespaces`, { dispatcher: agent });
      assert.equal(res.statusCode, 401);
      const status = (await res.body.json()) as { reason: string; code: number };
      assert.deepEqual([status.code, status.reason], [401, 'Unauthorized']);
    } finally {
      await agent.close();
    }
  });

  it('SIGINT exits 0 too', async () => {
    const c = clusters[clusters.length - 1]!;
    assert.match(c.logs, /skiff is ready/);
    const p = c.proc!;
    const code = await new Promise<number | null>((resolve) => {
      p.once('exit', (exitCode) => resolve(exitCode));
      p.kill('SIGINT');
    });
    assert.equal(code, 0);
    assert.match(c.logs, /"signal":"SIGINT"/);
  });
});
