import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredObject } from '../../api/types.js';
import { applyServerSide } from './apply.js';
import { appliedFieldSet } from './fieldsv1.js';
import { assertApiError, deepFreeze } from './testutil.js';

type J = Record<string, unknown>;

const applied = (): J => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }], args: ['--x'] }],
        tolerations: [{ key: 'k', operator: 'Exists' }],
      },
    },
  },
});

const expectedFields = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"web"}': {
            'f:args': {},
            'f:env': { 'k:{"name":"A"}': { 'f:name': {}, 'f:value': {}, '.': {} } },
            'f:image': {},
            'f:name': {},
            'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { 'f:containerPort': {}, '.': {} } },
            '.': {},
          },
        },
        'f:tolerations': {},
      },
    },
  },
};

const now = new Date('2025-03-04T05:06:07.890Z');

describe('managed fields set of an applied configuration', () => {
  it('uses f:/k: notation, atomic leaves, list-item members and upstream key order', () => {
    const set = appliedFieldSet(applied(), 'V1Deployment');
    assert.deepStrictEqual(set, expectedFields);
    assert.equal(JSON.stringify(set), JSON.stringify(expectedFields));
  });

  it('records set lists with v: and map entries with f:, and leaves out identity fields', () => {
    const set = appliedFieldSet({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'p', namespace: 'n', uid: 'u', resourceVersion: '1', finalizers: ['a/b'], annotations: { x: 'y' } },
      spec: { nodeSelector: { disk: 'ssd' }, securityContext: {} },
    }, 'V1Pod');
    assert.deepStrictEqual(set, {
      'f:metadata': { 'f:annotations': { 'f:x': {} }, 'f:finalizers': { 'v:"a/b"': {} } },
      'f:spec': { 'f:nodeSelector': { 'f:disk': {} }, 'f:securityContext': {} },
    });
  });
});

describe('server-side apply', () => {
  it('creates the object with an Apply managedFields entry', () => {
    const out = applyServerSide(undefined, deepFreeze(applied()), 'V1Deployment', 'kubectl', now);
    const { managedFields, ...meta } = out.metadata;
    assert.deepStrictEqual(meta, { name: 'web', namespace: 'default', labels: { app: 'web' } });
    assert.deepStrictEqual(managedFields, [{
      manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: '2025-03-04T05:06:07Z', fieldsType: 'FieldsV1', fieldsV1: expectedFields,
    }]);
    assert.deepStrictEqual(out.spec, applied().spec);
  });

  it('merges into the live object: applied fields win, others stay, other managers are kept and sorted', () => {
    const live = deepFreeze({
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: {
        name: 'web', namespace: 'default', uid: 'u-1', resourceVersion: '7', labels: { app: 'web', owner: 'ops' },
        managedFields: [
          { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'apps/v1', time: '2025-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': {} }, subresource: 'status' },
          { manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: '2025-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
        ],
      },
      spec: {
        replicas: 1, revisionHistoryLimit: 10, selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }, { name: 'side', image: 'envoy' }] } },
      },
      status: { replicas: 1 },
    }) as StoredObject;
    const out = applyServerSide(live, deepFreeze(applied()), 'V1Deployment', 'kubectl', now);
    const spec = out.spec as J & { template: { spec: { containers: J[] } } };
    assert.equal(spec.replicas, 2);
    assert.equal(spec.revisionHistoryLimit, 10);
    assert.deepStrictEqual(spec.template.spec.containers.map((c) => [c.name, c.image, c.imagePullPolicy]), [
      ['web', 'nginx:1.27', 'IfNotPresent'], ['side', 'envoy', undefined],
    ]);
    assert.deepStrictEqual(out.metadata.labels, { app: 'web', owner: 'ops' });
    assert.equal(out.metadata.uid, 'u-1');
    assert.deepStrictEqual(out.status, { replicas: 1 });
    assert.deepStrictEqual(out.metadata.managedFields!.map((e) => [e.manager, e.operation, e.time]), [
      ['kubectl', 'Apply', '2025-03-04T05:06:07Z'],
      ['kube-controller-manager', 'Update', '2025-01-01T00:00:00Z'],
    ]);
    assert.deepStrictEqual(out.metadata.managedFields![0]!.fieldsV1, expectedFields);
  });

  it('keeps the entry time when re-applying changes nothing', () => {
    const first = applyServerSide(undefined, applied(), 'V1Deployment', 'kubectl', now);
    const again = applyServerSide(deepFreeze(first), applied(), 'V1Deployment', 'kubectl', new Date('2026-01-01T00:00:00Z'));
    assert.equal(again.metadata.managedFields![0]!.time, '2025-03-04T05:06:07Z');
    const changed = applyServerSide(first, { ...applied(), spec: { replicas: 5 } }, 'V1Deployment', 'kubectl', new Date('2026-01-01T00:00:00Z'));
    assert.equal(changed.metadata.managedFields![0]!.time, '2026-01-01T00:00:00Z');
  });

  it('accepts the body as YAML or JSON text', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  k: v\n';
    const out = applyServerSide(undefined, yaml, 'V1ConfigMap', 'kubectl', now);
    assert.deepStrictEqual(out.data, { k: 'v' });
    assert.deepStrictEqual(out.metadata.managedFields![0]!.fieldsV1, { 'f:data': { 'f:k': {} } });
    const json = applyServerSide(undefined, Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } })), 'V1ConfigMap', 'm', now);
    assert.equal(json.metadata.name, 'cm');
  });

  it('rejects what upstream rejects', () => {
    assertApiError(() => applyServerSide(undefined, applied(), 'V1Deployment', ''), 422, 'Invalid',
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    assertApiError(() => applyServerSide(undefined, { ...applied(), metadata: { name: 'web', managedFields: [] } }, 'V1Deployment', 'kubectl'),
      400, 'BadRequest', 'metadata.managedFields must be nil');
    const live = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } } as StoredObject;
    assertApiError(() => applyServerSide(live, { ...applied(), apiVersion: 'apps/v1beta1' }, 'V1Deployment', 'kubectl'), 400, 'BadRequest',
      'Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1');
    assertApiError(() => applyServerSide(undefined, '- a\n- b\n', 'V1Deployment', 'kubectl'), 400, 'BadRequest',
      'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}');
    assertApiError(() => applyServerSide(undefined, 'a: [', 'V1Deployment', 'kubectl'), 400, 'BadRequest', /^error decoding patch: /);
  });
});
