/**
 * The real kubectl (v1.32, from PATH) against a small fake API server that serves legacy discovery
 * and this module's OpenAPI endpoints (openapiHttpResponse): explain, and create/apply with
 * --validate=strict. Skipped when no kubectl is installed.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { modelName } from '../../api/schema.js';
import { APPS_V1, CORE_V1, DISCOVERY_V1, NETWORKING_V1 } from './testing.js';
import { gvPath, type GroupVersionInfo } from './types.js';
import { openapiHttpResponse } from './http.js';
import { strictDecodingErrors, strictDecodingMessage } from './unknown-fields.js';

const GVS: GroupVersionInfo[] = [CORE_V1, APPS_V1, DISCOVERY_V1, NETWORKING_V1];
const SHORT_NAMES: Record<string, string[]> = { pods: ['po'], services: ['svc'], deployments: ['deploy'], namespaces: ['ns'], ingresses: ['ing'] };

interface Recorded {
  method: string;
  url: string;
  contentType: string;
  body: string;
}

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { timeout: 30_000 }).status === 0;

function discoveryList(gv: GroupVersionInfo): object {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv.group ? `${gv.group}/${gv.version}` : gv.version,
    resources: gv.resources.flatMap((r) => [
      { name: r.plural, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: r.verbs, shortNames: SHORT_NAMES[r.plural] },
      ...r.subresources.map((s) => ({ name: `${r.plural}/${s}`, singularName: '', namespaced: r.namespaced, kind: s === 'scale' ? 'Scale' : r.kind, verbs: ['get'] })),
    ]),
  };
}

/** A fake API server: discovery, OpenAPI, and an in-memory store for POST/GET/PATCH of objects. */
function fakeApiServer(requests: Recorded[]): Server {
  const objects = new Map<string, Record<string, unknown>>();
  const send = (res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const status = (code: number, reason: string, message: string): object => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    requests.push({ method: req.method ?? '', url: req.url ?? '', contentType: String(req.headers['content-type'] ?? ''), body });
    if (path === '/version') return send(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' });
    if (path === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
    if (path === '/apis') {
      const groups = GVS.filter((g) => g.group).map((g) => {
        const v = { groupVersion: `${g.group}/${g.version}`, version: g.version };
        return { name: g.group, versions: [v], preferredVersion: v };
      });
      return send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
    }
    const gv = GVS.find((g) => path === `/${gvPath(g)}`);
    if (gv) return send(res, 200, discoveryList(gv));
    const openapi = openapiHttpResponse(GVS, req.url ?? '/', { accept: req.headers.accept, ifNoneMatch: req.headers['if-none-match'] });
    if (openapi) {
      res.writeHead(openapi.status, openapi.headers);
      res.end(openapi.body);
      return;
    }
    const m = /^\/(?:api|apis\/[^/]+)\/v1\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (!m) return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const [, , plural, name] = m;
    const served = GVS.find((g) => path.startsWith(`/${gvPath(g)}/`))!;
    const kind = served.resources.find((r) => r.plural === plural)?.kind ?? '';
    if (req.method === 'POST') {
      const errors = url.searchParams.get('fieldValidation') === 'Strict' ? strictDecodingErrors(body, modelName(served.group, served.version, kind)) : [];
      if (errors.length) return send(res, 400, status(400, 'BadRequest', strictDecodingMessage(kind, served.version, errors)));
      const obj = JSON.parse(body) as { metadata: { name: string } };
      objects.set(`${path}/${obj.metadata.name}`, obj);
      return send(res, 201, obj);
    }
    const stored = objects.get(path);
    if (!name || !stored) return send(res, 404, status(404, 'NotFound', `${plural} "${name}" not found`));
    return send(res, 200, stored);
  };
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
}

describe('kubectl against the OpenAPI documents', { skip: hasKubectl ? false : 'kubectl is not installed' }, () => {
  const requests: Recorded[] = [];
  let server: Server | undefined;
  let dir = '';
  let kubeconfig = '';

  const kubectl = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const env = { ...process.env, HOME: dir, KUBECONFIG: kubeconfig };
      execFile('kubectl', [...args, '--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache')], { env, timeout: 60_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'skiff-openapi-'));
    server = fakeApiServer(requests);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    kubeconfig = file('kubeconfig', [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: fake, cluster: {server: "http://127.0.0.1:${port}"}}]`,
      'users: [{name: fake, user: {}}]',
      'contexts: [{name: fake, context: {cluster: fake, user: fake, namespace: default}}]',
      'current-context: fake',
      '',
    ].join('\n'));
  });

  after(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('explains pod.spec.containers.livenessProbe with its type, description and fields', async () => {
    const r = await kubectl('explain', 'pod.spec.containers.livenessProbe');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^KIND:\s+Pod\nVERSION:\s+v1\n/);
    assert.match(r.stdout, /FIELD: livenessProbe <Probe>/);
    assert.match(r.stdout, /Probe describes a health check to be performed against a container/);
    assert.match(r.stdout, /\n {2}exec\t<ExecAction>\n/);
    assert.match(r.stdout, /\n {2}httpGet\t<HTTPGetAction>\n/);
    assert.match(r.stdout, /\n {2}initialDelaySeconds\t<integer>\n/);
    assert.match(r.stdout, /\n {2}failureThreshold\t<integer>\n/);
  });

  it('explains deployment.spec.strategy, with its enum', async () => {
    const r = await kubectl('explain', 'deployment.spec.strategy');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1/);
    assert.match(r.stdout, /FIELD: strategy <DeploymentStrategy>/);
    assert.match(r.stdout, /rollingUpdate\t<RollingUpdateDeployment>/);
    assert.match(r.stdout, /type\t<string>\n {2}enum: Recreate, RollingUpdate/);
  });

  it('explains svc --recursive', async () => {
    const r = await kubectl('explain', 'svc', '--recursive');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /KIND:\s+Service/);
    assert.match(r.stdout, /\n {2}spec\t<ServiceSpec>\n/);
    assert.match(r.stdout, /\n {4}ports\t<\[\]ServicePort>\n/);
    assert.match(r.stdout, /\n {6}targetPort\t<IntOrString>\n/);
    assert.match(r.stdout, /\n {4}labels\t<map\[string\]string>\n/);
  });

  it('explains kinds of discovery.k8s.io and networking.k8s.io', async () => {
    const slices = await kubectl('explain', 'endpointslices.endpoints.conditions');
    assert.equal(slices.code, 0, slices.stderr);
    assert.match(slices.stdout, /GROUP:\s+discovery\.k8s\.io\nKIND:\s+EndpointSlice/);
    assert.match(slices.stdout, /ready\t<boolean>/);
    const ing = await kubectl('explain', 'ingress.spec.rules.http.paths.pathType');
    assert.equal(ing.code, 0, ing.stderr);
    assert.match(ing.stdout, /FIELD: pathType <string>\nENUM:\n {4}Exact\n {4}ImplementationSpecific\n {4}Prefix/);
  });

  it('create -f --validate=strict reaches the server with fieldValidation=Strict', async () => {
    const pod = file('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx\n');
    const r = await kubectl('create', '-f', pod, '--validate=strict');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /pod\/web created/);
    assert.doesNotMatch(r.stderr, /failed to download openapi/);
    const post = requests.find((q) => q.method === 'POST' && q.url.startsWith('/api/v1/namespaces/default/pods'));
    assert.ok(post, 'the POST reached the server');
    const query = new URL(post.url, 'http://x').searchParams;
    assert.equal(query.get('fieldValidation'), 'Strict');
    assert.equal(query.get('fieldManager'), 'kubectl-create');
    assert.ok(requests.some((q) => q.url.startsWith('/openapi/v3/api/v1?hash=')));
  });

  it('shows the server strict decoding error for an unknown field', async () => {
    const bad = file('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: app\n    image: nginx\n    imagePullPolicyy: Always\n');
    const r = await kubectl('create', '-f', bad);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Error from server \(BadRequest\): error when creating ".*bad\.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec\.containers\[0\]\.imagePullPolicyy"/);
  });

  it('apply computes a strategic merge patch from the OpenAPI v3 schemas', async () => {
    const manifest = (image: string, extra: string): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: app, image: ${image}}\n${extra}`;
    const created = await kubectl('apply', '-f', file('d1.yaml', manifest('nginx:1.27', '')));
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /deployment\.apps\/web created/);
    const updated = await kubectl('apply', '-f', file('d2.yaml', manifest('nginx:1.29', '      - {name: side, image: busybox}\n')));
    assert.equal(updated.code, 0, updated.stderr);
    assert.doesNotMatch(updated.stderr, /error calculating patch/);
    const patch = requests.find((q) => q.method === 'PATCH' && q.url.includes('/deployments/web'));
    assert.ok(patch, 'a PATCH was sent');
    assert.equal(patch.contentType, 'application/strategic-merge-patch+json');
    assert.equal(new URL(patch.url, 'http://x').searchParams.get('fieldValidation'), 'Strict');
    const body = JSON.parse(patch.body) as { spec: { template: { spec: Record<string, unknown> } } };
    assert.deepEqual(body.spec.template.spec['$setElementOrder/containers'], [{ name: 'app' }, { name: 'side' }]);
    assert.deepEqual(body.spec.template.spec.containers, [{ image: 'nginx:1.29', name: 'app' }, { image: 'busybox', name: 'side' }]);
  });

  it('caches hashed documents: each is downloaded once across all the commands', () => {
    const downloads = requests.filter((q) => q.method === 'GET' && q.url.startsWith('/openapi/v3/api/v1?'));
    assert.equal(downloads.length, 1, downloads.map((q) => q.url).join('\n'));
  });
});
