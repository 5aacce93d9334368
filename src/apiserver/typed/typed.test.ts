import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base64DecodeError, durationParseError, RFC3339, RFC3339_MICRO, timeParseError } from './gostd.js';
import {
  applyValidationErrors,
  bodyTypeError,
  formatValidationErrors,
  fromUnstructuredError,
  goDecodeError,
  goPackage,
  goStructName,
  normalizeObject,
  patchTypeError,
  structNode,
} from './index.js';
import type { MapNode, SliceNode, StructNode } from './plan.js';

type Obj = Record<string, unknown>;
const cm = (extra: Obj, metadata: Obj = { name: 'x' }): Obj => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata, ...extra });
const pod = (spec: unknown, metadata: Obj = { name: 'p' }): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
const container = (extra: Obj): Obj => ({ name: 'c', image: 'x', ...extra });
const svc = (ports: unknown[]): Obj => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports } });
const deploy = (spec: Obj): Obj => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });
const QUANTITY_ERR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const field = (struct: string, path: string, what: string, type: string) => `json: cannot unmarshal ${what} into Go struct field ${struct}.${path} of type ${type}`;

describe('the type plan', () => {
  it('names Go structs and packages as reflect prints them', () => {
    assert.equal(goStructName('V1Pod'), 'Pod');
    assert.equal(goStructName('CoreV1Event'), 'Event');
    assert.equal(goStructName('EventsV1Event'), 'Event');
    assert.equal(goStructName('V1beta1ClusterTrustBundle'), 'ClusterTrustBundle');
    assert.equal(goStructName('V2HPAScalingPolicy'), 'HPAScalingPolicy');
    assert.equal(goPackage('V1Deployment'), 'v1');
    assert.equal(goPackage('V1beta1ClusterTrustBundle'), 'v1beta1');
    assert.equal(goPackage('V2HorizontalPodAutoscaler'), 'v2');
  });

  it('knows the Go type of every field, named types included', () => {
    const spec = structNode('V1Pod')!.fields.get('spec')!.node as StructNode;
    const containers = spec.fields.get('containers')!.node as SliceNode;
    assert.equal(containers.goType, '[]v1.Container');
    assert.deepEqual([containers.list, containers.keys], ['map', ['name']]);
    assert.equal(spec.fields.get('restartPolicy')!.node.goType, 'v1.RestartPolicy');
    const resources = (containers.elem as StructNode).fields.get('resources')!.node as StructNode;
    const limits = resources.fields.get('limits')!.node as MapNode;
    assert.deepEqual([limits.goType, limits.elem.k, limits.elem.goType], ['v1.ResourceList', 'quantity', 'resource.Quantity']);
    const meta = structNode('V1ObjectMeta')!;
    assert.equal(meta.fields.get('uid')!.node.goType, 'types.UID');
    assert.equal(meta.fields.get('creationTimestamp')!.node.k, 'time');
    assert.deepEqual([meta.fields.get('finalizers')!.node.k, (meta.fields.get('finalizers')!.node as SliceNode).list], ['slice', 'set']);
    const binary = structNode('V1ConfigMap')!.fields.get('binaryData')!.node as MapNode;
    assert.deepEqual([binary.goType, binary.elem.k], ['map[string][]uint8', 'bytes']);
    const port = structNode('V1ContainerPort')!.fields.get('protocol')!;
    assert.deepEqual([port.node.goType, port.default], ['v1.Protocol', 'TCP']);
    assert.equal(structNode('V1ServicePort')!.fields.get('targetPort')!.node.k, 'intstr');
    assert.equal(structNode('CoreV1Event')!.fields.get('eventTime')!.node.k, 'microtime');
    assert.equal(structNode('V1ControllerRevision')!.fields.get('data')!.node.k, 'raw');
    assert.equal(structNode('NoSuchModel'), undefined);
  });
});

describe('goDecodeError (create, update, JSON and merge patches)', () => {
  const cases: [string, Obj, string, string | undefined][] = [
    ['a valid ConfigMap', cm({ data: { a: '1' }, binaryData: { b: 'AAE=' }, immutable: true }), 'V1ConfigMap', undefined],
    ['a number for a string', cm({ data: { a: 1 } }), 'V1ConfigMap', field('ConfigMap', 'data', 'number', 'string')],
    ['a string for an int32', deploy({ replicas: '3' }), 'V1Deployment', field('DeploymentSpec', 'spec.replicas', 'string', 'int32')],
    ['a string for a map', cm({}, { name: 'x', labels: 'x' }), 'V1ConfigMap', field('ObjectMeta', 'metadata.labels', 'string', 'map[string]string')],
    ['a number for a label value', cm({}, { name: 'x', labels: { a: 2 } }), 'V1ConfigMap', field('ObjectMeta', 'metadata.labels', 'number', 'string')],
    ['a string for a bool', cm({ immutable: 'true' }), 'V1ConfigMap', field('ConfigMap', 'immutable', 'string', 'bool')],
    ['a bool for a string in a list item', pod({ containers: [container({ image: false })] }), 'V1Pod', field('Container', 'spec.containers.image', 'bool', 'string')],
    ['an object for a list', pod({ containers: {} }), 'V1Pod', field('PodSpec', 'spec.containers', 'object', '[]v1.Container')],
    ['a string for a list item', pod({ containers: ['c'] }), 'V1Pod', field('PodSpec', 'spec.containers', 'string', 'v1.Container')],
    ['an array for a struct', pod([]), 'V1Pod', field('Pod', 'spec', 'array', 'v1.PodSpec')],
    ['a number for a named string type', pod({ restartPolicy: 1 }), 'V1Pod', field('PodSpec', 'spec.restartPolicy', 'number', 'v1.RestartPolicy')],
    ['a number for a UID', cm({}, { name: 'x', uid: 7 }), 'V1ConfigMap', field('ObjectMeta', 'metadata.uid', 'number', 'types.UID')],
    ['a fraction for an int32', svc([{ port: 1.5 }]), 'V1Service', field('ServicePort', 'spec.ports.port', 'number 1.5', 'int32')],
    ['an int32 overflow', svc([{ port: 2 ** 31 }]), 'V1Service', field('ServicePort', 'spec.ports.port', 'number 2147483648', 'int32')],
    ['an int64 field takes big numbers', pod({ activeDeadlineSeconds: 2 ** 40 }), 'V1Pod', undefined],
    ['a number for a string list item', pod({ containers: [container({ args: ['a', 2] })] }), 'V1Pod', field('Container', 'spec.containers.args', 'number', 'string')],
    // int-or-string: a string, or a number that fits an int32 (errors of json.Unmarshal into the int32)
    ['int-or-string as number and string', svc([{ port: 80, targetPort: 8080 }, { port: 81, targetPort: 'http' }]), 'V1Service', undefined],
    ['a bool for an int-or-string', svc([{ port: 80, targetPort: true }]), 'V1Service', field('ServicePort', 'spec.ports.targetPort', 'bool', 'int32')],
    ['a fraction for an int-or-string', deploy({ strategy: { rollingUpdate: { maxSurge: 0.5 } } }), 'V1Deployment', field('RollingUpdateDeployment', 'spec.strategy.rollingUpdate.maxSurge', 'number 0.5', 'int32')],
    ['an object for an int-or-string', deploy({ strategy: { rollingUpdate: { maxUnavailable: {} } } }), 'V1Deployment', field('RollingUpdateDeployment', 'spec.strategy.rollingUpdate.maxUnavailable', 'object', 'int32')],
    // quantities: strings and numbers parse; anything else, or a malformed string, fails bare
    ['quantities as strings and numbers', pod({ containers: [container({ resources: { requests: { cpu: 0.5, memory: ' 1Gi ' }, limits: { cpu: 2 } } })] }), 'V1Pod', undefined],
    ['a bool for a quantity', pod({ containers: [container({ resources: { requests: { cpu: true } } })] }), 'V1Pod', QUANTITY_ERR],
    ['an object for a quantity', pod({ containers: [container({ resources: { limits: { cpu: { m: 1 } } } })] }), 'V1Pod', QUANTITY_ERR],
    ['a malformed quantity', pod({ containers: [container({ resources: { limits: { memory: '12 apples' } } })] }), 'V1Pod', QUANTITY_ERR],
    ['a string for a ResourceList', pod({ containers: [container({ resources: { limits: 'lots' } })] }), 'V1Pod', field('ResourceRequirements', 'spec.containers.resources.limits', 'string', 'v1.ResourceList')],
    // null decodes into anything
    ['nulls everywhere', pod({ containers: [container({ args: null, resources: { limits: { cpu: null } }, ports: [null] })], restartPolicy: null }, { name: 'p', labels: null, creationTimestamp: null }), 'V1Pod', undefined],
    // times, bytes, raw values
    ['a number for a time', cm({}, { name: 'x', creationTimestamp: 1 }), 'V1ConfigMap', field('ObjectMeta', 'metadata.creationTimestamp', 'number', 'string')],
    ['a malformed time', cm({}, { name: 'x', creationTimestamp: '2021-13-01T00:00:00Z' }), 'V1ConfigMap', 'parsing time "2021-13-01T00:00:00Z": month out of range'],
    ['a MicroTime needs six fraction digits', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, eventTime: '2021-01-01T00:00:00Z' }, 'CoreV1Event', 'parsing time "2021-01-01T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"'],
    ['bad base64', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'a$' } }, 'V1Secret', 'illegal base64 data at input byte 1'],
    ['bytes as an array of numbers', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: [1, 256] } }, 'V1Secret', field('Secret', 'data', 'number 256', 'uint8')],
    ['anything in a RawExtension', { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: [1, { a: true }] }, 'V1ControllerRevision', undefined],
    ['unknown fields are skipped', cm({ bogus: { nested: 1 }, data: { a: '1' } }), 'V1ConfigMap', undefined],
    // the first plain mismatch is kept; an UnmarshalJSON error ends decoding and wins
    ['the first mismatch wins', cm({ data: { a: 1 }, immutable: 'x' }), 'V1ConfigMap', field('ConfigMap', 'data', 'number', 'string')],
    ['an UnmarshalJSON error beats an earlier mismatch', pod({ restartPolicy: 1, containers: [container({ resources: { limits: { cpu: 'x' } } })] }), 'V1Pod', QUANTITY_ERR],
    ['unknown models decode', { spec: 1 }, 'NoSuchModel', undefined],
  ];
  for (const [name, obj, model, want] of cases) {
    it(name, () => assert.equal(goDecodeError(obj, model)?.message, want));
  }

  it('reads apiVersion and kind first, case-insensitively, as meta.Interpret does', () => {
    assert.deepEqual(goDecodeError({ apiVersion: 'v1', kind: 5, data: { a: 1 } }, 'V1ConfigMap'), {
      message: "couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string",
      typeMeta: true,
    });
    assert.equal(goDecodeError({ APIVERSION: [] }, 'V1ConfigMap')?.message, "couldn't get version/kind; json parse error: json: cannot unmarshal array into Go struct field .apiVersion of type string");
  });
});

describe('bodyTypeError', () => {
  const target = { kind: 'ConfigMap', version: 'v1', apiVersion: 'v1', model: 'V1ConfigMap' };
  const check = (obj: Obj, text = JSON.stringify(obj)) => bodyTypeError(Buffer.from(text), obj, target);

  it('answers 400 in upstream words', () => {
    const err = check(cm({ data: { a: 1 } }))!;
    assert.equal(err.code, 400);
    assert.equal(err.reason, 'BadRequest');
    assert.equal(err.message, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string');
  });

  it('summarises the body when apiVersion or kind are not strings', () => {
    assert.equal(check({ kind: true }, '{"kind":true}')!.message, "the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: json: cannot unmarshal bool into Go struct field .kind of type string ({\"kind\":true})");
    const yaml = 'kind: [1]\nmetadata:\n  name: a-long-enough-name\n';
    assert.match(check({ kind: [1] }, yaml)!.message, /\(6b696e643a205b315d0a6d657461646174613a0a20206e616d653a20612d \.\.\.\)$/);
  });

  it('leaves bodies of another kind or version to the registry', () => {
    assert.equal(check({ apiVersion: 'v1', kind: 'Secret', data: { a: 1 } }), undefined);
    assert.equal(check({ apiVersion: 'apps/v1', kind: 'ConfigMap', data: { a: 1 } }), undefined);
    assert.equal(check({ data: { a: '1' } }), undefined);
  });
});

describe('fromUnstructuredError (strategic merge patches)', () => {
  const cases: [string, Obj, string, string | undefined][] = [
    ['a valid object', cm({ data: { a: '1' } }), 'V1ConfigMap', undefined],
    ['an integer for a string', cm({ data: { a: 1 } }), 'V1ConfigMap', 'cannot convert int64 to string'],
    ['an integer for a named string', pod({ restartPolicy: 1 }), 'V1Pod', 'cannot convert int64 to v1.RestartPolicy'],
    ['a string for an int32', deploy({ replicas: '3' }), 'V1Deployment', 'unrecognized type: int32'],
    ['a bool for a string', cm({ data: { a: true } }), 'V1ConfigMap', 'unrecognized type: string'],
    ['a fraction for an int32', svc([{ port: 1.5 }]), 'V1Service', 'cannot convert float64 to int32'],
    ['an integer for an int32', deploy({ replicas: 2 }), 'V1Deployment', undefined],
    ['a string for a map', cm({}, { labels: 'x' }), 'V1ConfigMap', 'cannot restore map from string'],
    ['a map for a list', pod({ containers: { a: 1 } }), 'V1Pod', 'cannot restore slice from map'],
    ['a list for a struct', pod([1]), 'V1Pod', 'cannot restore struct from: slice'],
    ['a map for a string', cm({ data: { a: { b: 1 } } }), 'V1ConfigMap', 'unrecognized type: string'],
    ['a bool for an int-or-string', svc([{ port: 80, targetPort: false }]), 'V1Service', 'json: cannot unmarshal bool into Go value of type int32'],
    ['a bool for a quantity', pod({ containers: [container({ resources: { requests: { cpu: true } } })] }), 'V1Pod', QUANTITY_ERR],
    ['a number for a time', cm({}, { creationTimestamp: 3 }), 'V1ConfigMap', 'json: cannot unmarshal number into Go value of type string'],
    ['bad base64', { apiVersion: 'v1', kind: 'Secret', data: { k: '!' } }, 'V1Secret', 'error decoding from json: illegal base64 data at input byte 0'],
    ['nulls', pod({ containers: null, restartPolicy: null }), 'V1Pod', undefined],
  ];
  for (const [name, obj, model, want] of cases) {
    it(name, () => assert.equal(fromUnstructuredError(obj, model), want));
  }
});

describe('applyValidationErrors (server-side apply)', () => {
  const errs = (obj: Obj, model: string) => formatValidationErrors(applyValidationErrors(obj, model));
  const cases: [string, Obj, string, string][] = [
    ['a number for a string', cm({ data: { a: 1 } }), 'V1ConfigMap', '.data.a: expected string, got &value.valueUnstructured{Value:1}'],
    ['a string for a number', deploy({ replicas: '3' }), 'V1Deployment', '.spec.replicas: expected numeric (int or float), got string'],
    ['a string for a bool', cm({ immutable: 'no' }), 'V1ConfigMap', '.immutable: expected boolean, got &{no}'],
    ['a string for a map', cm({}, { labels: 'x' }), 'V1ConfigMap', '.metadata.labels: expected map, got &{x}'],
    ['a map for a list', pod({ containers: { a: 1 } }), 'V1Pod', '.spec.containers: expected list, got &{map[a:1]}'],
    ['a map for a string', cm({ data: { a: { b: [1, 'x'] } } }), 'V1ConfigMap', '.data.a: expected string, got &value.valueUnstructured{Value:map[string]interface {}{"b":[]interface {}{1, "x"}}}'],
    ['a map for an int-or-string', svc([{ port: 80, targetPort: {} }]), 'V1Service', '.spec.ports[port=80,protocol="TCP"].targetPort: expected any scalar, got &{map[]}'],
    ['keys of associative lists name the item', pod({ containers: [container({ image: 1e6 })] }), 'V1Pod', '.spec.containers[name="c"].image: expected string, got &value.valueUnstructured{Value:1e+06}'],
    ['set items are named by value', cm({}, { finalizers: ['a', { b: 1 }] }), 'V1ConfigMap', ".metadata.finalizers: element 1: associative list without keys has an element that's a map type"],
    ['atomic lists by index', pod({ containers: [container({ args: ['a', 2] })] }), 'V1Pod', '.spec.containers[name="c"].args[1]: expected string, got &value.valueUnstructured{Value:2}'],
    ['duplicate keys', pod({ containers: [container({}), container({})] }), 'V1Pod', '.spec.containers: duplicate entries for key [name="c"]'],
    ['an item without its key', pod({ containers: [{ image: 'x' }] }), 'V1Pod', '.spec.containers: element 0: associative list with keys has an element that omits all key fields ["name"] (and doesn\'t have default values for any key fields)'],
    ['several errors', cm({ data: { a: 1 }, immutable: 'x' }), 'V1ConfigMap', 'errors:\n  .data.a: expected string, got &value.valueUnstructured{Value:1}\n  .immutable: expected boolean, got &{x}'],
  ];
  for (const [name, obj, model, want] of cases) {
    it(name, () => assert.equal(errs(obj, model), want));
  }

  it('accepts what fits, nulls and anything in free-form values', () => {
    assert.deepEqual(applyValidationErrors(pod({ containers: [container({ resources: { limits: { cpu: 1, memory: '1Gi' } } })], restartPolicy: null }), 'V1Pod'), []);
    assert.deepEqual(applyValidationErrors({ apiVersion: 'apps/v1', kind: 'ControllerRevision', data: { any: [1] }, revision: 2 }, 'V1ControllerRevision'), []);
  });
});

describe('patchTypeError', () => {
  it('answers JSON and merge patches with 422 on the patched object', () => {
    const patched = cm({ data: { a: 1 } });
    const err = patchTypeError('merge', patched, { data: { a: 1 } }, 'V1ConfigMap')!;
    assert.equal(err.code, 422);
    assert.equal(err.message, ` "" is invalid: patch: Invalid value: ${JSON.stringify(JSON.stringify(patched))}: json: cannot unmarshal number into Go struct field ConfigMap.data of type string`);
    assert.equal(patchTypeError('json', cm({ data: { a: '1' } }), [], 'V1ConfigMap'), undefined);
  });

  it('answers strategic merge patches with 422 on the patch as Go prints it', () => {
    const err = patchTypeError('strategic', deploy({ replicas: '3' }), { spec: { replicas: '3' } }, 'V1Deployment')!;
    assert.equal(err.code, 422);
    assert.equal(err.message, ' "" is invalid: patch: Invalid value: "map[spec:map[replicas:3]]": unrecognized type: int32');
  });

  it('answers apply with upstream plain-error 500', () => {
    const body = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'ns' }, spec: { replicas: 'x' } };
    const err = patchTypeError('apply', body, body, 'V1Deployment')!;
    assert.equal(err.code, 500);
    assert.equal(err.message, 'failed to create typed patch object (ns/d; apps/v1, Kind=Deployment): .spec.replicas: expected numeric (int or float), got string');
  });
});

describe('normalizeObject', () => {
  it('drops unknown fields at any depth and keeps free-form values', () => {
    const o = pod({ bogus: 1, containers: [container({ imagePullPolicyy: 'Always', env: [{ name: 'A', value: 'b', x: 1 }] })] }, {
      name: 'p',
      foo: 1,
      labels: { anything: 'x' },
      annotations: { 'a/b': 'c' },
      managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': { 'f:x': {} } }, extra: 1 }],
    });
    o.status = { phase: 'Running', nope: true };
    o.bogus = { deep: { er: 1 } };
    normalizeObject(o, 'V1Pod');
    const want = pod({ containers: [container({ env: [{ name: 'A', value: 'b' }] })] }, {
      name: 'p',
      labels: { anything: 'x' },
      annotations: { 'a/b': 'c' },
      managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': { 'f:x': {} } } }],
    });
    want.status = { phase: 'Running' };
    assert.deepEqual(o, want);
  });

  it('keeps ConfigMap data and RawExtension payloads whole', () => {
    const c = cm({ data: { 'any.key': 'v' }, binaryData: { k: 'AA==' } });
    normalizeObject(c, 'V1ConfigMap');
    assert.deepEqual(c, cm({ data: { 'any.key': 'v' }, binaryData: { k: 'AA==' } }));
    const rev = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, data: { spec: { template: { whatever: 1 } } }, revision: 1 };
    normalizeObject(rev, 'V1ControllerRevision');
    assert.deepEqual(rev.data, { spec: { template: { whatever: 1 } } });
  });

  it('writes quantities canonically, numbers as strings', () => {
    const o = pod({ containers: [container({ resources: { requests: { cpu: 0.5, memory: '1024Mi' }, limits: { cpu: '2', memory: 1e9, bad: 'x y' } } })] });
    normalizeObject(o, 'V1Pod');
    const res = ((o.spec as Obj).containers as Obj[])[0]!.resources;
    assert.deepEqual(res, { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '1G', bad: 'x y' } });
  });

  it('leaves unknown models and non-objects alone', () => {
    const o = { a: 1 };
    normalizeObject(o, 'NoSuchModel');
    assert.deepEqual(o, { a: 1 });
    const weird = pod('not an object');
    normalizeObject(weird, 'V1Pod');
    assert.equal(weird.spec, 'not an object');
  });
});

describe('Go standard-library parse errors', () => {
  it('time.Parse with RFC 3339', () => {
    const cases: [string, string, string | undefined][] = [
      [RFC3339, '2021-01-02T03:04:05Z', undefined],
      [RFC3339, '2021-01-02T03:04:05.123+01:00', undefined],
      [RFC3339, '2024-02-29T00:00:00Z', undefined],
      [RFC3339, 'yesterday', 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"'],
      [RFC3339, '2021/01/02', 'parsing time "2021/01/02" as "2006-01-02T15:04:05Z07:00": cannot parse "/01/02" as "-"'],
      [RFC3339, '2021-01-02', 'parsing time "2021-01-02" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"'],
      [RFC3339, '2021-01-02T03:04:05', 'parsing time "2021-01-02T03:04:05" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
      [RFC3339, '2021-13-02T03:04:05Z', 'parsing time "2021-13-02T03:04:05Z": month out of range'],
      [RFC3339, '2023-02-29T00:00:00Z', 'parsing time "2023-02-29T00:00:00Z": day out of range'],
      [RFC3339, '2021-01-02T25:04:05Z', 'parsing time "2021-01-02T25:04:05Z": hour out of range'],
      [RFC3339, '2021-01-02T03:04:05Zjunk', 'parsing time "2021-01-02T03:04:05Zjunk": extra text: "junk"'],
      [RFC3339, 'é', 'parsing time "\\xc3\\xa9" as "2006-01-02T15:04:05Z07:00": cannot parse "\\xc3\\xa9" as "2006"'],
      [RFC3339_MICRO, '2021-01-02T03:04:05.123456Z', undefined],
      [RFC3339_MICRO, '2021-01-02T03:04:05.1Z', 'parsing time "2021-01-02T03:04:05.1Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".1Z" as ".000000"'],
    ];
    for (const [layout, value, want] of cases) assert.equal(timeParseError(layout, value), want, value);
  });

  it('time.ParseDuration', () => {
    assert.equal(durationParseError('1h30m'), undefined);
    assert.equal(durationParseError('-1.5s'), undefined);
    assert.equal(durationParseError('0'), undefined);
    assert.equal(durationParseError(''), 'time: invalid duration ""');
    assert.equal(durationParseError('x'), 'time: invalid duration "x"');
    assert.equal(durationParseError('10'), 'time: missing unit in duration "10"');
    assert.equal(durationParseError('1q'), 'time: unknown unit "q" in duration "1q"');
  });

  it('base64.StdEncoding', () => {
    const cases: [string, string | undefined][] = [
      ['', undefined],
      ['YWJj', undefined],
      ['YQ==', undefined],
      ['YWI=', undefined],
      ['YWJj\nZGVm', undefined],
      ['abc!', 'illegal base64 data at input byte 3'],
      ['abc', 'illegal base64 data at input byte 0'],
      ['YQ=', 'illegal base64 data at input byte 3'],
      ['Y===', 'illegal base64 data at input byte 1'],
      ['YQ==YQ==', 'illegal base64 data at input byte 4'],
    ];
    for (const [s, want] of cases) assert.equal(base64DecodeError(s), want, s);
  });
});
