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
  // Quantities are parsed while the body is decoded, so a malformed one is a 400 (upstream's Quantity.UnmarshalJSON).
  { name: 'bad quantity', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c', image: 'x', resources: { limits: { memory: '12 apples' } } }] }), code: 400, reason: 'BadRequest', message: /^Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression/ },
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

/**
 * Bodies (and patch results) with a field of the wrong type, rejected as upstream's decoders word it.
 * `absent`: an object the request would have created, which must not exist afterwards.
 */
interface TypeCase {
  name: string;
  method: string;
  path: string;
  body: string;
  contentType?: string;
  code: number;
  /** Upstream's reason; '' for the plain-error 500 of server-side apply. */
  reason: string;
  message: string | RegExp;
  absent?: string;
}

const SMP = 'application/strategic-merge-patch+json';
const MERGE = 'application/merge-patch+json';
const cm = (name: string, extra: Record<string, unknown>, metadata: Record<string, unknown> = {}) => j({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...metadata }, ...extra });
const cannot = (kind: string, err: string) => `${kind} in version "v1" cannot be handled as a ${kind}: ${err}`;
const patchInvalid = (err: string) => new RegExp(`^ "" is invalid: patch: Invalid value: "\\{.*\\}": ${err.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const QUANTITY_ERR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const DEP = `${DEPLOYS}/typed`;

const typeCases: TypeCase[] = [
  // create: the JSON decoder's messages, with the innermost Go struct and the field path
  { name: 'number for a string', method: 'POST', path: CM, body: cm('t-num', { data: { a: 1 } }), code: 400, reason: 'BadRequest', message: cannot('ConfigMap', 'json: cannot unmarshal number into Go struct field ConfigMap.data of type string'), absent: `${CM}/t-num` },
  { name: 'string for an int32', method: 'POST', path: DEPLOYS, body: deploy({ replicas: '3', selector: { matchLabels: { app: 'a' } }, template: tmpl({ app: 'a' }) }), code: 400, reason: 'BadRequest', message: cannot('Deployment', 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'), absent: `${DEPLOYS}/d` },
  { name: 'string for a map', method: 'POST', path: CM, body: cm('t-labels', {}, { labels: 'x' }), code: 400, reason: 'BadRequest', message: cannot('ConfigMap', 'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.labels of type map[string]string'), absent: `${CM}/t-labels` },
  { name: 'string for a bool', method: 'POST', path: CM, body: cm('t-bool', { immutable: 'yes' }), code: 400, reason: 'BadRequest', message: cannot('ConfigMap', 'json: cannot unmarshal string into Go struct field ConfigMap.immutable of type bool'), absent: `${CM}/t-bool` },
  { name: 'bool for a string', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c', image: true }] }, 't-image'), code: 400, reason: 'BadRequest', message: cannot('Pod', 'json: cannot unmarshal bool into Go struct field Container.spec.containers.image of type string'), absent: `${PODS}/t-image` },
  { name: 'object for an array', method: 'POST', path: PODS, body: pod({ containers: { name: 'c' } }, 't-obj'), code: 400, reason: 'BadRequest', message: cannot('Pod', 'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container'), absent: `${PODS}/t-obj` },
  { name: 'array for an object', method: 'POST', path: PODS, body: pod([], 't-arr'), code: 400, reason: 'BadRequest', message: cannot('Pod', 'json: cannot unmarshal array into Go struct field Pod.spec of type v1.PodSpec'), absent: `${PODS}/t-arr` },
  { name: 'string for an array item', method: 'POST', path: PODS, body: pod({ containers: ['c'] }, 't-item'), code: 400, reason: 'BadRequest', message: cannot('Pod', 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container'), absent: `${PODS}/t-item` },
  { name: 'number for an enum', method: 'POST', path: PODS, body: pod({ restartPolicy: 1, containers: [{ name: 'c', image: 'x' }] }, 't-enum'), code: 400, reason: 'BadRequest', message: cannot('Pod', 'json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy'), absent: `${PODS}/t-enum` },
  { name: 'fraction for an int32', method: 'POST', path: SVCS, body: svc({ ports: [{ port: 80.5 }] }, 't-frac'), code: 400, reason: 'BadRequest', message: cannot('Service', 'json: cannot unmarshal number 80.5 into Go struct field ServicePort.spec.ports.port of type int32'), absent: `${SVCS}/t-frac` },
  { name: 'int32 overflow', method: 'POST', path: SVCS, body: svc({ ports: [{ port: 3000000000 }] }, 't-big'), code: 400, reason: 'BadRequest', message: cannot('Service', 'json: cannot unmarshal number 3000000000 into Go struct field ServicePort.spec.ports.port of type int32'), absent: `${SVCS}/t-big` },
  { name: 'bool for an int-or-string', method: 'POST', path: SVCS, body: svc({ ports: [{ port: 80, targetPort: true }] }, 't-ios'), code: 400, reason: 'BadRequest', message: cannot('Service', 'json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32'), absent: `${SVCS}/t-ios` },
  { name: 'object for maxSurge', method: 'POST', path: DEPLOYS, body: deploy({ selector: { matchLabels: { app: 'a' } }, template: tmpl({ app: 'a' }), strategy: { rollingUpdate: { maxSurge: {} } } }), code: 400, reason: 'BadRequest', message: cannot('Deployment', 'json: cannot unmarshal object into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32'), absent: `${DEPLOYS}/d` },
  { name: 'bool for a quantity', method: 'POST', path: PODS, body: pod({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: true } } }] }, 't-qty'), code: 400, reason: 'BadRequest', message: cannot('Pod', QUANTITY_ERR), absent: `${PODS}/t-qty` },
  { name: 'number for a timestamp', method: 'POST', path: CM, body: cm('t-time', {}, { creationTimestamp: 5 }), code: 400, reason: 'BadRequest', message: cannot('ConfigMap', 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string'), absent: `${CM}/t-time` },
  { name: 'malformed timestamp', method: 'POST', path: CM, body: cm('t-when', {}, { creationTimestamp: 'yesterday' }), code: 400, reason: 'BadRequest', message: cannot('ConfigMap', 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"'), absent: `${CM}/t-when` },
  { name: 'bad base64 in secret data', method: 'POST', path: '/api/v1/namespaces/bad/secrets', body: j({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 't-b64' }, data: { k: 'abc!' } }), code: 400, reason: 'BadRequest', message: cannot('Secret', 'illegal base64 data at input byte 3'), absent: '/api/v1/namespaces/bad/secrets/t-b64' },
  { name: 'number for the kind', method: 'POST', path: CM, body: '{"apiVersion":"v1","kind":5,"metadata":{"name":"t-kind"}}', code: 400, reason: 'BadRequest', message: 'the object provided is unrecognized (must be of type ConfigMap): couldn\'t get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string ({"apiVersion":"v1","kind":5,"m ...)', absent: `${CM}/t-kind` },
  { name: 'wrong type in a YAML body', method: 'POST', path: CM, body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t-yaml\ndata:\n  a: 1\n', contentType: 'application/yaml', code: 400, reason: 'BadRequest', message: cannot('ConfigMap', 'json: cannot unmarshal number into Go struct field ConfigMap.data of type string'), absent: `${CM}/t-yaml` },
  // update (PUT) and the scale subresource decode the same way
  { name: 'wrong type on update', method: 'PUT', path: `${CM}/exists`, body: cm('exists', { data: { a: ['1'] } }), code: 400, reason: 'BadRequest', message: cannot('ConfigMap', 'json: cannot unmarshal array into Go struct field ConfigMap.data of type string') },
  { name: 'wrong type in a Scale', method: 'PUT', path: `${DEP}/scale`, body: j({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'typed' }, spec: { replicas: '3' } }), code: 400, reason: 'BadRequest', message: cannot('Scale', 'json: cannot unmarshal string into Go struct field ScaleSpec.spec.replicas of type int32') },
  // patches: the patched object is decoded into the type (422 for JSON, merge and strategic merge patches)
  { name: 'merge patch setting a wrong type', method: 'PATCH', path: `${CM}/exists`, body: j({ data: { a: 1 } }), contentType: MERGE, code: 422, reason: 'Invalid', message: patchInvalid('json: cannot unmarshal number into Go struct field ConfigMap.data of type string') },
  { name: 'JSON patch setting a wrong type', method: 'PATCH', path: `${CM}/exists`, body: j([{ op: 'replace', path: '/data/a', value: true }]), contentType: 'application/json-patch+json', code: 422, reason: 'Invalid', message: patchInvalid('json: cannot unmarshal bool into Go struct field ConfigMap.data of type string') },
  { name: 'strategic merge patch setting a number for a string', method: 'PATCH', path: `${CM}/exists`, body: j({ data: { a: 1 } }), contentType: SMP, code: 422, reason: 'Invalid', message: ' "" is invalid: patch: Invalid value: "map[data:map[a:1]]": cannot convert int64 to string' },
  { name: 'strategic merge patch setting a string for an int32', method: 'PATCH', path: DEP, body: j({ spec: { replicas: '3' } }), contentType: SMP, code: 422, reason: 'Invalid', message: ' "" is invalid: patch: Invalid value: "map[spec:map[replicas:3]]": unrecognized type: int32' },
  { name: 'merge patch on the scale subresource', method: 'PATCH', path: `${DEP}/scale`, body: j({ spec: { replicas: 'x' } }), contentType: MERGE, code: 422, reason: 'Invalid', message: patchInvalid('json: cannot unmarshal string into Go struct field ScaleSpec.spec.replicas of type int32') },
  // server-side apply: structured-merge-diff rejects the applied configuration (a plain error upstream: 500)
  { name: 'apply with a wrong type', method: 'PATCH', path: `${CM}/exists?fieldManager=typed`, body: cm('exists', { data: { a: 1 } }), contentType: 'application/apply-patch+yaml', code: 500, reason: '', message: 'failed to create typed patch object (/exists; /v1, Kind=ConfigMap): .data.a: expected string, got &value.valueUnstructured{Value:1}' },
  { name: 'apply creating with a wrong type', method: 'PATCH', path: `${CM}/t-apply?fieldManager=typed`, body: cm('t-apply', { immutable: 'no' }, { namespace: 'bad' }), contentType: 'application/apply-patch+yaml', code: 500, reason: '', message: 'failed to create typed patch object (bad/t-apply; /v1, Kind=ConfigMap): .immutable: expected boolean, got &{no}', absent: `${CM}/t-apply` },
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

  it(`rejects fields of the wrong type as upstream's decoders do (${typeCases.length} cases), writing nothing`, async () => {
    // A deployment with no replicas, settled, for the patch and scale cases.
    const created = await c.api('POST', DEPLOYS, j({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'typed' }, spec: { replicas: 0, selector: { matchLabels: { app: 't' } }, template: tmpl({ app: 't' }) } }));
    assert.equal(created.status, 201, created.body);
    const rv = async (path: string) => (JSON.parse((await c.api('GET', path)).body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const cmBefore = await rv(`${CM}/exists`);
    const failures: string[] = [];
    for (const k of typeCases) {
      const depBefore = (JSON.parse((await c.api('GET', DEP)).body) as { metadata: { generation: number } }).metadata.generation;
      const r = await c.api(k.method, k.path, k.body, k.contentType ? { 'content-type': k.contentType } : {});
      const status = JSON.parse(r.body) as StatusBody;
      const message = status.message;
      if (r.status !== k.code) failures.push(`${k.name}: HTTP ${r.status}, want ${k.code}: ${message}`);
      else if (status.kind !== 'Status' || status.code !== k.code) failures.push(`${k.name}: not a Status: ${r.body.slice(0, 200)}`);
      else if ((status.reason ?? '') !== k.reason) failures.push(`${k.name}: reason ${status.reason}, want ${k.reason}`);
      else if (typeof k.message === 'string' ? message !== k.message : !k.message.test(message)) failures.push(`${k.name}: message ${JSON.stringify(message)}, want ${String(k.message)}`);
      if (k.absent && (await c.api('GET', k.absent)).status !== 404) failures.push(`${k.name}: ${k.absent} was created`);
      const depAfter = (JSON.parse((await c.api('GET', DEP)).body) as { metadata: { generation: number } }).metadata.generation;
      if (depAfter !== depBefore) failures.push(`${k.name}: the deployment's spec changed`);
    }
    assert.deepEqual(failures, []);
    assert.equal(await rv(`${CM}/exists`), cmBefore, 'the patched ConfigMap was not written');
  });

  it('accepts null, numbers for quantities and strings or numbers for int-or-string fields', async () => {
    const okCases: [string, string, string][] = [
      ['nulls', CM, cm('t-null', { data: null, binaryData: null, immutable: null }, { labels: null, annotations: { a: 'b' } })],
      ['quantities as numbers and strings', PODS, pod({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: 0.5, memory: '1024Mi' }, limits: { cpu: 1, memory: 2000000000 } } }] }, 't-qok')],
      ['int-or-string as number and string', SVCS, svc({ ports: [{ name: 'a', port: 80, targetPort: 8080 }, { name: 'b', port: 81, targetPort: 'http' }] }, 't-iosok')],
    ];
    for (const [name, path, body] of okCases) {
      const r = await c.api('POST', path, body);
      assert.equal(r.status, 201, `${name}: ${r.body}`);
    }
    const p = JSON.parse((await c.api('GET', `${PODS}/t-qok`)).body) as { spec: { containers: { resources: unknown }[] } };
    // Stored as upstream serialises quantities: canonical strings.
    assert.deepEqual(p.spec.containers[0]!.resources, { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2G' } });
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

describe('unknown fields', () => {
  const get = async (path: string) => JSON.parse((await c.api('GET', path)).body) as Record<string, unknown> & { metadata: Record<string, unknown>; data?: Record<string, string> };
  const warnings = (r: { headers: Record<string, string | string[] | undefined> }): string[] => {
    const w = r.headers['warning'];
    return w === undefined ? [] : Array.isArray(w) ? w : w.split(/,\s*(?=299 )/);
  };

  it('are dropped from a create with fieldValidation=Warn, which warns about them', async () => {
    const r = await c.api('POST', `${CM}?fieldValidation=Warn`, cm('u-warn', { data: { a: '1' }, bogus: { x: 1 } }, { foo: 'x', labels: { keep: 'me' } }));
    assert.equal(r.status, 201, r.body);
    assert.deepEqual(warnings(r), ['299 - "unknown field \\"metadata.foo\\""', '299 - "unknown field \\"bogus\\""']);
    for (const o of [JSON.parse(r.body) as Record<string, unknown> & { metadata: Record<string, unknown> }, await get(`${CM}/u-warn`)]) {
      assert.equal(o.bogus, undefined);
      assert.equal(o.metadata.foo, undefined);
      assert.deepEqual(o.metadata.labels, { keep: 'me' });
      assert.deepEqual(o.data, { a: '1' });
    }
  });

  it('are dropped silently from a create with fieldValidation=Ignore', async () => {
    const r = await c.api('POST', `${PODS}?fieldValidation=Ignore`, pod({ containers: [{ name: 'c', image: 'x', bogus: 1 }], bogus: 2 }, 'u-ignore'));
    assert.equal(r.status, 201, r.body);
    assert.deepEqual(warnings(r), []);
    const o = (await get(`${PODS}/u-ignore`)) as unknown as { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } };
    assert.equal(o.spec.bogus, undefined);
    assert.equal(o.spec.containers[0]!.bogus, undefined);
    assert.equal(o.spec.containers[0]!.image, 'x');
  });

  it('are dropped from merge and strategic merge patches, PUT and server-side apply', async () => {
    await c.api('POST', CM, cm('u-patch', { data: { a: '1' } }));
    const before = await get(`${CM}/u-patch`);
    // A merge patch that only adds an unknown field changes nothing.
    const merged = await c.api('PATCH', `${CM}/u-patch`, j({ bogus: 'x' }), { 'content-type': MERGE });
    assert.equal(merged.status, 200, merged.body);
    assert.deepEqual(warnings(merged), ['299 - "unknown field \\"bogus\\""']);
    let o = await get(`${CM}/u-patch`);
    assert.equal(o.bogus, undefined);
    assert.equal(o.metadata.resourceVersion, before.metadata.resourceVersion, 'nothing was written');
    const smp = await c.api('PATCH', `${CM}/u-patch?fieldValidation=Ignore`, j({ data: { b: '2' }, metadata: { bogus: 1 } }), { 'content-type': SMP });
    assert.equal(smp.status, 200, smp.body);
    o = await get(`${CM}/u-patch`);
    assert.deepEqual(o.data, { a: '1', b: '2' });
    assert.equal(o.metadata.bogus, undefined);
    const put = await c.api('PUT', `${CM}/u-patch?fieldValidation=Ignore`, cm('u-patch', { data: { c: '3' }, extra: [1] }));
    assert.equal(put.status, 200, put.body);
    o = await get(`${CM}/u-patch`);
    assert.deepEqual(o.data, { c: '3' });
    assert.equal(o.extra, undefined);
    const applied = await c.api('PATCH', `${CM}/u-patch?fieldManager=u&fieldValidation=Ignore`, cm('u-patch', { data: { d: '4' }, bogus: true }), { 'content-type': 'application/apply-patch+yaml' });
    assert.equal(applied.status, 200, applied.body);
    o = await get(`${CM}/u-patch`);
    assert.equal(o.data?.d, '4');
    assert.equal(o.bogus, undefined);
  });

  it('are dropped from status writes, which keep the status', async () => {
    const created = await c.api('POST', SVCS, svc({ ports: [{ port: 80 }] }, 'u-status'));
    assert.equal(created.status, 201, created.body);
    const r = await c.api('PATCH', `${SVCS}/u-status/status`, j({ status: { bogus: 1, loadBalancer: { ingress: [{ ip: '192.0.2.1', bogus: 2 }] } } }), { 'content-type': MERGE });
    assert.equal(r.status, 200, r.body);
    const o = (await get(`${SVCS}/u-status`)) as unknown as { status: Record<string, unknown> };
    assert.deepEqual(o.status, { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } });
  });

  it('are dropped by kubectl apply --validate=warn, on create and on patch', () => {
    const manifest = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: u-kubectl\n  namespace: bad\nbogus: true\ndata:\n  a: "${value}"\n`;
    const first = c.kubectl(['apply', '--validate=warn', '-f', '-'], manifest('1'));
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /Warning: unknown field "bogus"/);
    const second = c.kubectl(['apply', '--validate=warn', '-f', '-'], manifest('2'));
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /Warning: unknown field "bogus"/);
    const o = JSON.parse(c.k(['get', 'cm', 'u-kubectl', '-n', 'bad', '-o', 'json'])) as Record<string, unknown>;
    assert.equal(o.bogus, undefined);
    assert.deepEqual(o.data, { a: '2' });
  });
});
