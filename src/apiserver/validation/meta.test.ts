import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Path, errorString } from '../../api/field.js';
import {
  goTimeString,
  validateAnnotations,
  validateImmutableField,
  validateLabelSelector,
  validateLabels,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateTemplateObjectMeta,
} from './meta.js';
import { nameIsDNSSubdomain } from './names.js';

const md = new Path('metadata');
const namespaced = { namespaced: true, nameFn: nameIsDNSSubdomain };
const msgs = (errs: { field: string; message: string }[]): string[] => errs.map((e) => errorString({ ...e, type: 'FieldValueInvalid' }));

test('name or generateName is required', () => {
  assert.deepEqual(msgs(validateObjectMeta({ namespace: 'default' }, namespaced, md)), [
    'metadata.name: Required value: name or generateName is required',
  ]);
  assert.deepEqual(validateObjectMeta({ name: 'web', namespace: 'default' }, namespaced, md), []);
});

test('name and generateName are checked by the resource name function', () => {
  const errs = validateObjectMeta({ name: 'Web', generateName: 'Web-', namespace: 'default' }, namespaced, md);
  assert.deepEqual(
    errs.map((e) => e.field),
    ['metadata.generateName', 'metadata.name'],
  );
  assert.match(errs[1]!.message, /^Invalid value: "Web": a lowercase RFC 1123 subdomain/);
});

test('namespace is required for namespaced kinds and forbidden otherwise', () => {
  assert.deepEqual(msgs(validateObjectMeta({ name: 'x' }, namespaced, md)), ['metadata.namespace: Required value']);
  assert.deepEqual(msgs(validateObjectMeta({ name: 'x', namespace: 'a' }, { namespaced: false, nameFn: nameIsDNSSubdomain }, md)), [
    'metadata.namespace: Forbidden: not allowed on this type',
  ]);
  assert.match(msgs(validateObjectMeta({ name: 'x', namespace: 'Bad' }, namespaced, md))[0]!, /^metadata\.namespace: Invalid value: "Bad": a lowercase RFC 1123 label/);
});

test('labels: keys and values, errors on the labels path', () => {
  const errs = validateLabels({ 'bad key': 'v', ok: '-bad' }, new Path('metadata.labels'));
  assert.equal(errs.length, 2);
  assert.ok(errs.every((e) => e.field === 'metadata.labels'));
  assert.match(errs[0]!.message, /^Invalid value: "bad key": name part must consist of/);
  assert.match(errs[1]!.message, /^Invalid value: "-bad": a valid label must be an empty string/);
});

test('annotations: case-insensitive keys and 256KiB total size', () => {
  assert.deepEqual(validateAnnotations({ 'Example.com/Key': 'v' }, new Path('a')), []);
  const big = validateAnnotations({ k: 'x'.repeat(256 * 1024) }, new Path('metadata.annotations'));
  assert.deepEqual(msgs(big), ['metadata.annotations: Too long: may not be more than 262144 bytes']);
});

test('ownerReferences: required parts, banned Event owner, single controller', () => {
  const ok = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true };
  assert.deepEqual(validateObjectMeta({ name: 'p', namespace: 'd', ownerReferences: [ok] }, namespaced, md), []);
  const missing = validateObjectMeta({ name: 'p', namespace: 'd', ownerReferences: [{ apiVersion: '', kind: '', name: '', uid: '' }] }, namespaced, md);
  assert.deepEqual(msgs(missing), [
    'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
    'metadata.ownerReferences.kind: Invalid value: "": kind must not be empty',
    'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
    'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
  ]);
  const event = validateObjectMeta(
    { name: 'p', namespace: 'd', ownerReferences: [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }] },
    namespaced,
    md,
  );
  assert.match(event[0]!.message, /: \/v1, Kind=Event is disallowed from being an owner$/);
  const two = validateObjectMeta({ name: 'p', namespace: 'd', ownerReferences: [ok, { ...ok, name: 'rs2', uid: 'u2' }] }, namespaced, md);
  assert.match(two[0]!.message, /Only one reference can have Controller set to true\. Found "true" in references for ReplicaSet\/rs and ReplicaSet\/rs2$/);
});

test('finalizers: qualified names, standard short names, orphan+foreground conflict', () => {
  assert.deepEqual(validateObjectMeta({ name: 'p', namespace: 'd', finalizers: ['example.com/x', 'orphan'] }, namespaced, md), []);
  assert.deepEqual(msgs(validateObjectMeta({ name: 'p', namespace: 'd', finalizers: ['custom'] }, namespaced, md)), [
    'metadata.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
  ]);
  assert.deepEqual(msgs(validateObjectMeta({ name: 'p', namespace: 'd', finalizers: ['orphan', 'foregroundDeletion'] }, namespaced, md)), [
    'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
  ]);
});

test('generation must not be negative', () => {
  assert.deepEqual(msgs(validateNonnegativeField(-1, new Path('metadata.generation'))), [
    'metadata.generation: Invalid value: -1: must be greater than or equal to 0',
  ]);
});

test('update: identity fields are immutable and resourceVersion is required', () => {
  const old = { name: 'a', namespace: 'd', uid: 'u1', resourceVersion: '5', creationTimestamp: '2024-01-02T03:04:05Z' };
  assert.deepEqual(validateObjectMetaUpdate({ ...old }, old, md), []);
  const errs = validateObjectMetaUpdate({ ...old, name: 'b', uid: 'u2', resourceVersion: '', creationTimestamp: '2024-01-02T03:04:06Z' }, old, md);
  assert.deepEqual(msgs(errs), [
    'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    'metadata.name: Invalid value: "b": field is immutable',
    'metadata.uid: Invalid value: "u2": field is immutable',
    'metadata.creationTimestamp: Invalid value: 2024-01-02 03:04:06 +0000 UTC: field is immutable',
  ]);
  assert.deepEqual(msgs(validateObjectMetaUpdate({ ...old, generation: 1 }, { ...old, generation: 2 }, md)), [
    'metadata.generation: Invalid value: 1: must not be decremented',
  ]);
});

test('update: no new finalizers on an object being deleted', () => {
  const old = { name: 'a', namespace: 'd', resourceVersion: '5', deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['a.io/x'] };
  const errs = validateObjectMetaUpdate({ ...old, finalizers: ['a.io/x', 'b.io/y'] }, old, md);
  assert.deepEqual(msgs(errs), [
    'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
  ]);
});

test('label selectors: operators, values and keys', () => {
  const p = new Path('spec.selector');
  assert.deepEqual(validateLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, p), []);
  assert.deepEqual(
    msgs(
      validateLabelSelector(
        {
          matchExpressions: [
            { key: 'a', operator: 'In', values: [] },
            { key: 'b', operator: 'Exists', values: ['x'] },
            { key: 'c', operator: 'Bogus' },
          ],
        },
        p,
      ),
    ),
    [
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Bogus": not a valid selector operator',
    ],
  );
  assert.equal(validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['-x'] }] }, p)[0]!.field, 'spec.selector.matchExpressions[0].values[0]');
  assert.deepEqual(validateLabelSelector(undefined, p), []);
});

test('immutable field helper and Go time rendering', () => {
  assert.deepEqual(validateImmutableField('a', 'a', new Path('x')), []);
  assert.deepEqual(msgs(validateImmutableField(3, 2, new Path('spec.x'))), ['spec.x: Invalid value: 3: field is immutable']);
  assert.equal(goTimeString('2022-05-06T07:48:34Z'), '2022-05-06 07:48:34 +0000 UTC');
});

test('template metadata: only labels and annotations', () => {
  assert.deepEqual(validateTemplateObjectMeta({ labels: { a: 'b' }, creationTimestamp: undefined }, new Path('spec.template.metadata')), []);
  assert.deepEqual(msgs(validateTemplateObjectMeta({ name: 'x' }, new Path('spec.template.metadata'))), [
    'spec.template.metadata.name: Forbidden: cannot be set',
  ]);
});
