/**
 * Bad input gets a clear Kubernetes-style error: the right HTTP code, a metav1.Status naming the
 * problem, the server stays up, and the store holds no partial write.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestCluster } from '../helpers/cluster.js';

let c: TestCluster;

before(async () => {
  c = await new TestCluster({ args: ['--disable', 'scheduler,kubelet,proxy,dns,ingress'] }).start();
  await c.api('POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name: 'bad' } }));
  await c.api('POST', '/api/v1/namespaces/bad/configmaps', JSON.stringify({ metadata: { name: 'exists' }, data: { a: '1' } }));
  await c.api('POST', '/api/v1/namespaces/bad/services', JSON.stringify({ metadata: { name: 'taken' }, spec: { type: 'NodePort', clusterIP: '10.96.0.50', ports: [{ port: 80, nodePort: 30080 }] } }));
});
after(async () => {
  await c?.cleanup();
});

interface Case {
  name: string;
  method: string;
  path: string;
  body?: string | Buffer;
  contentType?: string;
  code: number;
  reason?: string;
  message: RegExp;
}

const CM = '/api/v1/namespaces/bad/configmaps';
const PODS = '/api/v1/namespaces/bad/pods';
const SVCS = '/api/v1/namespaces/bad/services';
const DEPLOYS = '/apis/apps/v1/namespaces/bad/deployments';
const j = (o: unknown) => JSON.stringify(o);
const pod = (spec: unknown, name = 'p') => j({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
const svc = (spec: unknown, name = 's') => j({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
const deploy = (spec: unknown) => j({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });
const tmpl = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image: 'x' }], ...extra },
});

const cases: Case[] = [
  // malformed bodies
  { name: 'malformed JSON', method: 'POST', path: CM, body: '{"metadata": {', code: 400, reason: 'BadRequest', message: /invalid JSON/ },
  { name: 'empty body', method: 'POST', path: CM, body: '', code: 400, reason: 'BadRequest', message: /empty/ },
  { name: 'JSON array body', method: 'POST', path: CM, body: '[1,2]', code: 400, message: /must be a JSON object/ },
  { name: 'malformed YAML', method: 'POST', path: CM, body: 'metadata: [unclosed', contentType: 'application/yaml', code: 400, message: /YAML/ },
  { name: 'unknown content type', method: 'POST', path: CM, body: 'x', contentType: 'text/csv', code: 415, reason: 'UnsupportedMediaType', message: /unknown format/ },
  { name: 'bad protobuf magic', method: 'POST', path: CM, body: Buffer.from('nope'), contentType: 'application/vnd.kubernetes.protobuf', code: 400, message: /protobuf/ },
  { name: 'oversized body', method: 'POST', path: CM, body: j({ metadata: { name: 'big' }, data: { a: 'x'.repeat(4 * 1024 * 1024) } }), code: 413, reason: 'RequestEntityTooLarge', message: /too large/ },
  // wrong apiVersion / kind
  { name: 'wrong kind', method: 'POST', path: CM, body: j({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k' } }), code: 400, message: /does not match the expected kind \(ConfigMap\)/ },
  { name: 'wrong apiVersion', method: 'POST', path: CM, body: j({ apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: { name: 'k' } }), code: 400, message: /expected API version \(v1\)/ },
  { name: 'namespace mismatch', method: 'POST', path: CM, body: j({ metadata: { name: 'k', namespace: 'other' } }), code: 400, message: /namespace of the provided object does not match/ },
  // names
  { name: 'missing name', method: 'POST', path: CM, body: j({ metadata: {} }), code: 422, reason: 'Invalid', message: /metadata.name: Required value: name or generateName is required/ },
  { name: 'uppercase name', method: 'POST', path: CM, body: j({ metadata: { name: 'Bad' } }), code: 422, message: /metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain/ },
  { name: 'name with underscore', method: 'POST', path: CM, body: j({ metadata: { name: 'a_b' } }), code: 422, message: /a lowercase RFC 1123 subdomain/ },
  { name: 'name too long', method: 'POST', path: CM, body: j({ metadata: { name: 'a'.repeat(254) } }), code: 422, message: /must be no more than 253 characters/ },
  { name: 'service name not DNS-1035', method: 'POST', path: SVCS, body: svc({ ports: [{ port: 80 }] }, '1svc'), code: 422, message: /a DNS-1035 label/ },
  { name: 'namespace name with dots', method: 'POST', path: '/api/v1/namespaces', body: j({ metadata: { name: 'a.b' } }), code: 422, message: /metadata.name: Invalid value: "a.b": must not contain dots/ },
  { name: 'bad label key', method: 'POST', path: CM, body: j({ metadata: { name: 'l', labels: { 'bad key': 'v' } } }), code: 422, message: /metadata.labels: Invalid value: "bad key"/ },
  { name: 'bad label value', method: 'POST', path: CM, body: j({ metadata: { name: 'l', labels: { k: 'bad value' } } }), code: 422, message: /metadata.labels: Invalid value: "bad value"/ },
  // invalid fields
  { name: 'pod without containers', method: 'POST', path: PODS, body: pod({}), code: 422, message: /spec.containers: Required value/ },
  { name: 'container without image', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c' }] }), code: 422, message: /spec.containers\[0\].image: Required value/ },
  { name: 'duplicate container names', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c', image: 'x' }, { name: 'c', image: 'y' }] }), code: 422, message: /spec.containers\[1\].name: Duplicate value: "c"/ },
  { name: 'container port out of range', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 70000 }] }] }), code: 422, message: /spec.containers\[0\].ports\[0\].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive/ },
  { name: 'bad restart policy', method: 'POST', path: PODS, body: pod({ restartPolicy: 'Sometimes', containers: [{ name: 'c', image: 'x' }] }), code: 422, message: /spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"/ },
  { name: 'probe without handler', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c', image: 'x', livenessProbe: { periodSeconds: 5 } }] }), code: 422, message: /spec.containers\[0\].livenessProbe: Required value: must specify a handler type/ },
  { name: 'liveness successThreshold not 1', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c', image: 'x', livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } }] }), code: 422, message: /livenessProbe.successThreshold: Invalid value: 2: must be 1/ },
  { name: 'requests above limits', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] }), code: 422, message: /must be less than or equal to cpu limit/ },
  { name: 'bad quantity', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c', image: 'x', resources: { limits: { memory: '12 apples' } } }] }), code: 422, message: /quantities must match the regular expression/ },
  { name: 'toleration Exists with value', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c', image: 'x' }], tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }), code: 422, message: /value must be empty when `operator` is 'Exists'/ },
  { name: 'volume mount of a missing volume', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 'nope', mountPath: '/d' }] }] }), code: 422, message: /volumeMounts\[0\].name: Not found: "nope"/ },
  { name: 'duplicate service ports', method: 'POST', path: SVCS, body: svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }), code: 422, message: /spec.ports\[1\]: Duplicate value/ },
  { name: 'service port out of range', method: 'POST', path: SVCS, body: svc({ ports: [{ port: 0 }] }), code: 422, message: /spec.ports\[0\].port: Invalid value: 0: must be between 1 and 65535, inclusive/ },
  { name: 'unsupported service type', method: 'POST', path: SVCS, body: svc({ type: 'Magic', ports: [{ port: 80 }] }), code: 422, message: /spec.type: Unsupported value: "Magic"/ },
  { name: 'taken cluster IP', method: 'POST', path: SVCS, body: svc({ clusterIP: '10.96.0.50', ports: [{ port: 80 }] }), code: 422, message: /spec.clusterIPs\[0\]: Invalid value: "10.96.0.50": failed to allocate IP 10.96.0.50: provided IP is already allocated/ },
  { name: 'cluster IP out of range', method: 'POST', path: SVCS, body: svc({ clusterIP: '192.168.1.1', ports: [{ port: 80 }] }), code: 422, message: /is not in the valid range/ },
  { name: 'taken node port', method: 'POST', path: SVCS, body: svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), code: 422, message: /spec.ports\[0\].nodePort: Invalid value: 30080: provided port is already allocated/ },
  { name: 'node port out of range', method: 'POST', path: SVCS, body: svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }), code: 422, message: /provided port is not in the valid range. The range of valid ports is 30000-32767/ },
  { name: 'ExternalName without a name', method: 'POST', path: SVCS, body: svc({ type: 'ExternalName' }), code: 422, message: /spec.externalName: Required value/ },
  { name: 'deployment selector not matching template', method: 'POST', path: DEPLOYS, body: deploy({ selector: { matchLabels: { app: 'a' } }, template: tmpl({ app: 'b' }) }), code: 422, message: /spec.template.metadata.labels: Invalid value: .*`selector` does not match template `labels`/ },
  { name: 'deployment negative replicas', method: 'POST', path: DEPLOYS, body: deploy({ replicas: -1, selector: { matchLabels: { app: 'a' } }, template: tmpl({ app: 'a' }) }), code: 422, message: /spec.replicas: Invalid value: -1: must be greater than or equal to 0/ },
  { name: 'deployment restartPolicy Never', method: 'POST', path: DEPLOYS, body: deploy({ selector: { matchLabels: { app: 'a' } }, template: tmpl({ app: 'a' }, { restartPolicy: 'Never' }) }), code: 422, message: /spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"/ },
  { name: 'rolling update both zero', method: 'POST', path: DEPLOYS, body: deploy({ selector: { matchLabels: { app: 'a' } }, template: tmpl({ app: 'a' }), strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }), code: 422, message: /may not be 0 when `maxSurge` is 0/ },
  // conflicts and missing objects
  { name: 'create of an existing name', method: 'POST', path: CM, body: j({ metadata: { name: 'exists' } }), code: 409, reason: 'AlreadyExists', message: /configmaps "exists" already exists/ },
  { name: 'stale resourceVersion on update', method: 'PUT', path: `${CM}/exists`, body: j({ metadata: { name: 'exists', resourceVersion: '1' }, data: { a: '2' } }), code: 409, reason: 'Conflict', message: /the object has been modified; please apply your changes to the latest version and try again/ },
  { name: 'stale resourceVersion in a merge patch', method: 'PATCH', path: `${CM}/exists`, body: j({ metadata: { resourceVersion: '1' }, data: { a: '3' } }), contentType: 'application/merge-patch+json', code: 409, reason: 'Conflict', message: /the object has been modified/ },
  { name: 'update of a missing object', method: 'PUT', path: `${CM}/missing`, body: j({ metadata: { name: 'missing' } }), code: 404, reason: 'NotFound', message: /configmaps "missing" not found/ },
  { name: 'name mismatch on update', method: 'PUT', path: `${CM}/exists`, body: j({ metadata: { name: 'other' } }), code: 400, message: /does not match the name on the URL/ },
  { name: 'get of a missing object', method: 'GET', path: `${CM}/missing`, code: 404, reason: 'NotFound', message: /configmaps "missing" not found/ },
  { name: 'create in a missing namespace', method: 'POST', path: '/api/v1/namespaces/nowhere/configmaps', body: j({ metadata: { name: 'x' } }), code: 404, message: /namespaces "nowhere" not found/ },
  { name: 'unknown resource', method: 'GET', path: '/api/v1/namespaces/bad/widgets', code: 404, reason: 'NotFound', message: /the server could not find the requested resource/ },
  { name: 'unknown group', method: 'GET', path: '/apis/example.com/v1/things', code: 404, message: /could not find the requested resource/ },
  // bad query parameters and patches
  { name: 'malformed label selector', method: 'GET', path: `${CM}?labelSelector=a%20in%20(`, code: 400, message: /unable to parse requirement|found ''/ },
  { name: 'unsupported field selector', method: 'GET', path: `${CM}?fieldSelector=spec.foo%3Dbar`, code: 400, message: /field label not supported: spec.foo/ },
  { name: 'bad fieldValidation value', method: 'POST', path: `${CM}?fieldValidation=Sometimes`, body: j({ metadata: { name: 'fv' } }), code: 400, message: /fieldValidation parameter unsupported/ },
  { name: 'strict unknown field', method: 'POST', path: `${CM}?fieldValidation=Strict`, body: j({ metadata: { name: 'st' }, datta: {} }), code: 400, message: /ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "datta"/ },
  { name: 'strict duplicate field', method: 'POST', path: `${CM}?fieldValidation=Strict`, body: '{"metadata":{"name":"dup"},"data":{},"data":{}}', code: 400, message: /duplicate field "data"/ },
  { name: 'unsupported patch type', method: 'PATCH', path: `${CM}/exists`, body: '{}', contentType: 'application/json', code: 415, message: /accepted media types include/ },
  { name: 'failing JSON patch test', method: 'PATCH', path: `${CM}/exists`, body: j([{ op: 'test', path: '/data/a', value: 'nope' }]), contentType: 'application/json-patch+json', code: 422, message: /the server rejected our request due to an error in our request/ },
  { name: 'bad dryRun value', method: 'POST', path: `${CM}?dryRun=Some`, body: j({ metadata: { name: 'dr' } }), code: 400, message: /Invalid dry run value/ },
  { name: 'invalid watch resourceVersion', method: 'GET', path: `${CM}?watch=true&resourceVersion=abc`, code: 400, message: /invalid resource version/ },
];

interface StatusBody {
  kind: string;
  status: string;
  code: number;
  reason?: string;
  message: string;
}

describe('bad input', () => {
  it(`has at least 40 cases (${cases.length})`, () => assert.ok(cases.length >= 40));

  it('answers each with the right code and a Status naming the problem, and writes nothing', async () => {
    const revisionBefore = JSON.parse((await c.api('GET', '/api/v1/namespaces/bad/configmaps?limit=1')).body).metadata.resourceVersion as string;
    const failures: string[] = [];
    for (const k of cases) {
      const r = await c.api(k.method, k.path, k.body, k.contentType ? { 'content-type': k.contentType } : {});
      let status: StatusBody | undefined;
      try {
        status = JSON.parse(r.body) as StatusBody;
      } catch {
        failures.push(`${k.name}: body is not JSON: ${r.body.slice(0, 200)}`);
        continue;
      }
      if (r.status !== k.code) failures.push(`${k.name}: HTTP ${r.status}, want ${k.code}: ${status.message}`);
      else if (status.kind !== 'Status' || status.status !== 'Failure' || status.code !== k.code) failures.push(`${k.name}: not a failure Status: ${r.body.slice(0, 200)}`);
      else if (k.reason && status.reason !== k.reason) failures.push(`${k.name}: reason ${status.reason}, want ${k.reason}`);
      else if (!k.message.test(status.message)) failures.push(`${k.name}: message ${JSON.stringify(status.message)} does not match ${k.message}`);
    }
    assert.deepEqual(failures, []);
    const after = await c.api('GET', '/api/v1/namespaces/bad/configmaps');
    assert.equal(JSON.parse(after.body).metadata.resourceVersion, revisionBefore, 'no failed request wrote anything');
    const cm = JSON.parse((await c.api('GET', `${CM}/exists`)).body) as { data: Record<string, string> };
    assert.deepEqual(cm.data, { a: '1' });
    assert.equal((await c.api('GET', '/readyz')).status, 200, 'the server is still up');
  });

  it('rejects anonymous requests with 401', async () => {
    const { request } = await import('undici');
    const { Agent } = await import('undici');
    const agent = new Agent({ connect: { rejectUnauthorized: false } });
    try {
      const r = await request(`https://127.0.0.1:${c.port}/api/v1/namespaces`, { dispatcher: agent });
      assert.equal(r.statusCode, 401);
      const body = JSON.parse(await r.body.text()) as StatusBody;
      assert.equal(body.reason, 'Unauthorized');
    } finally {
      await agent.close();
    }
  });
});
