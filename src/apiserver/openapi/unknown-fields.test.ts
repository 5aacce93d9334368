import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  duplicateFieldError,
  findDuplicateFields,
  findUnknownFields,
  goQuote,
  strictDecodingError,
  strictDecodingErrors,
  strictDecodingMessage,
  unknownFieldError,
} from './unknown-fields.js';

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web' }): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec,
});

describe('findUnknownFields', () => {
  const cases: Array<[string, unknown, string, string[]]> = [
    ['a valid pod', pod({ containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80 }] }] }), 'V1Pod', []],
    ['an unknown spec field', pod({ containers: [], foo: 1 }), 'V1Pod', ['spec.foo']],
    ['a typo in a container', pod({ containers: [{ name: 'a' }, { name: 'b', imagePullPolicyy: 'Always' }] }), 'V1Pod', ['spec.containers[1].imagePullPolicyy']],
    ['an unknown metadata field', pod({ containers: [] }, { name: 'web', foo: 'x' }), 'V1Pod', ['metadata.foo']],
    ['free-form labels and annotations', pod({ containers: [] }, { name: 'web', labels: { anything: 'x' }, annotations: { 'a/b': 'c' } }), 'V1Pod', []],
    ['free-form ConfigMap data', { apiVersion: 'v1', kind: 'ConfigMap', data: { 'any.key': 'v' }, binaryData: { k: 'AA==' } }, 'V1ConfigMap', []],
    [
      'IntOrString and Quantity values',
      pod({ containers: [{ name: 'a', livenessProbe: { httpGet: { port: 'http' } }, resources: { limits: { cpu: '100m', memory: 1 } } }] }),
      'V1Pod',
      [],
    ],
    ['a RawExtension payload', { apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1, data: { whatever: { nested: true } } }, 'V1ControllerRevision', []],
    ['nothing below an unknown field', pod({ containers: [], foo: { bar: { baz: 1 } } }), 'V1Pod', ['spec.foo']],
    ['field names are case-sensitive', { apiVersion: 'v1', kind: 'Pod', Spec: {} }, 'V1Pod', ['Spec']],
    [
      'a deployment template',
      { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', envv: [] }] } }, replicaz: 3 } },
      'V1Deployment',
      ['spec.template.spec.containers[0].envv', 'spec.replicaz'],
    ],
    ['several unknowns, in document order', pod({ a: 1, containers: [], b: 2 }, { name: 'x', c: 3 }), 'V1Pod', ['metadata.c', 'spec.a', 'spec.b']],
    ['an unknown type checks nothing', { anything: 1 }, 'V1NoSuchThing', []],
    ['free-form managedFields.fieldsV1', pod({ containers: [] }, { name: 'w', managedFields: [{ manager: 'k', fieldsV1: { 'f:spec': {} } }] }), 'V1Pod', []],
    [
      'map values that are objects (CRD schema properties)',
      { spec: { group: 'g', versions: [{ name: 'v1', schema: { openAPIV3Schema: { properties: { a: { type: 'string', typo: 1 } } } } }] } },
      'V1CustomResourceDefinition',
      ['spec.versions[0].schema.openAPIV3Schema.properties.a.typo'],
    ],
    ['a service port typo next to an IntOrString', { spec: { ports: [{ port: 80, targetPort: 8080, nodeport: 1 }] } }, 'V1Service', ['spec.ports[0].nodeport']],
    ['status is a known field', pod({ containers: [] }, { name: 'w' }), 'V1Pod', []],
    ['a non-object body has no fields', 'just a string', 'V1Pod', []],
  ];
  for (const [name, obj, type, expected] of cases) {
    it(name, () => assert.deepEqual(findUnknownFields(obj, type), expected));
  }
});

describe('findDuplicateFields', () => {
  const cases: Array<[string, string, string[]]> = [
    ['no duplicates', '{"a":1,"b":{"a":2},"c":[{"a":1},{"a":1}]}', []],
    ['a top-level duplicate', '{"a":1,"a":2}', ['a']],
    ['a nested duplicate', '{"spec":{"replicas":1,"template":{},"replicas":2}}', ['spec.replicas']],
    ['inside an array element', '{"spec":{"containers":[{"name":"a"},{"name":"b","name":"c"}]}}', ['spec.containers[1].name']],
    ['the same duplicate reported once', '{"a":1,"a":2,"a":3}', ['a']],
    ['escaped keys compare decoded', '{"a\\u0062":1,"ab":2}', ['ab']],
    ['strings with braces and quotes', '{"a":"}{\\"[","b":["a","a"],"a":null}', ['a']],
    ['whitespace everywhere', ' {\n "a" : [ 1 , 2 ] ,\t"a":{ } } ', ['a']],
    ['map keys are checked too', '{"metadata":{"labels":{"app":"x","app":"y"}}}', ['metadata.labels.app']],
    ['what precedes a syntax error is kept', '{"a":1,"a":2,"b":', ['a']],
  ];
  for (const [name, json, expected] of cases) {
    it(name, () => assert.deepEqual(findDuplicateFields(json), expected));
  }
});

describe('strictDecodingErrors', () => {
  it('reports unknown and duplicate fields of a typed body in document order', () => {
    const body = '{"apiVersion":"apps/v1","kind":"Deployment","spec":{"replicas":1,"foo":true,"replicas":2,"selector":{}}}';
    assert.deepEqual(strictDecodingErrors(body, 'V1Deployment'), ['unknown field "spec.foo"', 'duplicate field "spec.replicas"']);
  });

  it('does not look inside unknown fields or RawExtension values, but does inside maps', () => {
    const body = JSON.stringify({ kind: 'ControllerRevision', data: { x: 1 } }).replace('{"x":1}', '{"x":1,"x":2}');
    assert.deepEqual(strictDecodingErrors(body, 'V1ControllerRevision'), []);
    assert.deepEqual(strictDecodingErrors('{"spec":{"bogus":{"a":1,"a":2}}}', 'V1Pod'), ['unknown field "spec.bogus"']);
    assert.deepEqual(strictDecodingErrors('{"metadata":{"labels":{"a":"1","a":"2"}}}', 'V1Pod'), ['duplicate field "metadata.labels.a"']);
  });

  it('reports a repeated unknown field once, as unknown', () => {
    assert.deepEqual(strictDecodingErrors('{"spec":{"foo":1,"foo":2,"containers":[{"name":"a","nmae":"b"}]}}', 'V1Pod'), [
      'unknown field "spec.foo"',
      'unknown field "spec.containers[0].nmae"',
    ]);
  });

  it('treats a body of unknown type as untyped', () => {
    assert.deepEqual(strictDecodingErrors('{"spec":{"x":1,"x":2}}', 'V1NoSuchThing'), ['duplicate field "spec.x"']);
  });

  it('caps the errors at 100', () => {
    const body = `{"spec":{${Array.from({ length: 150 }, (_, i) => `"f${i}":1`).join(',')}}}`;
    assert.equal(strictDecodingErrors(body, 'V1Pod').length, 100);
  });
});

describe('strict decoding messages', () => {
  it('words one error as upstream does', () => {
    assert.equal(
      strictDecodingMessage('Pod', 'v1', [unknownFieldError('spec.foo')]),
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"',
    );
  });

  it('joins several errors with ", "', () => {
    assert.equal(
      strictDecodingMessage('Deployment', 'v1', [unknownFieldError('spec.foo'), duplicateFieldError('spec.replicas')]),
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo", duplicate field "spec.replicas"',
    );
    assert.equal(strictDecodingError(['unknown field "a"', 'unknown field "b"']), 'strict decoding error: unknown field "a", unknown field "b"');
  });

  it('quotes paths as Go does', () => {
    assert.equal(goQuote('metadata.labels.a"b'), '"metadata.labels.a\\"b"');
    assert.equal(goQuote('x\ny\u0001é'), '"x\\ny\\x01é"');
  });
});
