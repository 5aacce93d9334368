import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json.js';
import { assertApiError, deepFreeze } from './testutil.js';

type J = Record<string, unknown>;

const live = (): J => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '2' } },
  spec: {
    replicas: 2,
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'log', image: 'fluentd' }] } },
  },
});

/** The expected document: a fresh copy of `live()` changed by `edit`. */
function expect(edit: (d: J & { spec: J & { template: J & { spec: { containers: J[] } } }; metadata: J & { labels: J; annotations: J } }) => void): J {
  const d = live() as Parameters<typeof edit>[0];
  edit(d);
  return d;
}

const undoTemplate = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } };

describe('JSON patch: operations', () => {
  const cases: [string, unknown[], J][] = [
    [
      'kubectl rollout undo (replace the template and the annotations)',
      [{ op: 'replace', path: '/spec/template', value: undoTemplate }, { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '1' } }],
      expect((d) => {
        d.spec.template = structuredClone(undoTemplate) as typeof d.spec.template;
        d.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
      }),
    ],
    ['add a label', [{ op: 'add', path: '/metadata/labels/tier', value: 'fe' }], expect((d) => { d.metadata.labels.tier = 'fe'; })],
    ['~1 in a path is a slash', [{ op: 'add', path: '/metadata/annotations/example.com~1owner', value: 'me' }], expect((d) => { d.metadata.annotations['example.com/owner'] = 'me'; })],
    ['replace of a missing object key adds it (evanphx v4)', [{ op: 'replace', path: '/metadata/labels/new', value: 'v' }], expect((d) => { d.metadata.labels.new = 'v'; })],
    ['add with - appends', [{ op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'x' } }], expect((d) => { d.spec.template.spec.containers.push({ name: 'x' }); })],
    ['add at an index inserts', [{ op: 'add', path: '/spec/template/spec/containers/0', value: { name: 'x' } }], expect((d) => { d.spec.template.spec.containers.unshift({ name: 'x' }); })],
    ['a negative index counts from the end', [{ op: 'replace', path: '/spec/template/spec/containers/-1/image', value: 'fluent-bit' }], expect((d) => { d.spec.template.spec.containers[1]!.image = 'fluent-bit'; })],
    ['remove an array item', [{ op: 'remove', path: '/spec/template/spec/containers/0' }], expect((d) => { d.spec.template.spec.containers.shift(); })],
    ['remove a key', [{ op: 'remove', path: '/metadata/labels/app' }], expect((d) => { delete d.metadata.labels.app; })],
    ['move', [{ op: 'move', from: '/metadata/labels/app', path: '/metadata/annotations/app' }], expect((d) => { delete d.metadata.labels.app; d.metadata.annotations.app = 'web'; })],
    ['copy', [{ op: 'copy', from: '/spec/template/spec/containers/0', path: '/spec/template/spec/containers/-' }], expect((d) => { d.spec.template.spec.containers.push({ name: 'web', image: 'nginx:1.27' }); })],
    ['copy of a missing object key copies null (evanphx v4)', [{ op: 'copy', from: '/metadata/labels/none', path: '/metadata/labels/x' }], expect((d) => { d.metadata.labels.x = null; })],
    ['a passing test lets the next op run', [{ op: 'test', path: '/spec/replicas', value: 2 }, { op: 'replace', path: '/spec/replicas', value: 5 }], expect((d) => { d.spec.replicas = 5; })],
    ['test of a missing key against null passes', [{ op: 'test', path: '/metadata/labels/none', value: null }], live()],
    ['replace of the whole document', [{ op: 'replace', path: '', value: { kind: 'Other' } }], { kind: 'Other' }],
    ['an empty list changes nothing', [], live()],
  ];
  for (const [name, ops, want] of cases) {
    it(name, () => assert.deepStrictEqual(applyJsonPatch(deepFreeze(live()), deepFreeze(ops)), want));
  }

  it('a null body changes nothing and still returns a copy', () => {
    const doc = deepFreeze(live());
    const out = applyJsonPatch(doc, null);
    assert.deepStrictEqual(out, doc);
    assert.notEqual(out, doc);
  });

  it('inserted values are copies of the operation values', () => {
    const value = { name: 'x', env: [{ name: 'A' }] };
    const out = applyJsonPatch(live(), [{ op: 'add', path: '/spec/template/spec/containers/-', value }]) as ReturnType<typeof expect>;
    const added = (out.spec as { template: { spec: { containers: J[] } } }).template.spec.containers[2]!;
    assert.deepStrictEqual(added, value);
    assert.notEqual(added, value);
  });

  it('cannot reach the object prototype', () => {
    assertApiError(() => applyJsonPatch(live(), [{ op: 'add', path: '/__proto__/polluted', value: 1 }]), 422, 'Invalid', /rejected/);
    assertApiError(() => applyJsonPatch(live(), [{ op: 'add', path: '/__proto__', value: { polluted: 1 } }]), 422, 'Invalid', /rejected/);
    assert.equal(({} as J).polluted, undefined);
  });
});

describe('JSON patch: failures as kube-apiserver reports them', () => {
  const generic = 'the server rejected our request due to an error in our request';
  const cases: [string, unknown[], string][] = [
    ['a failing test', [{ op: 'test', path: '/spec/replicas', value: 3 }], 'testing value /spec/replicas failed: test failed'],
    ['a test of a present key without a value', [{ op: 'test', path: '/spec/replicas' }], 'testing value /spec/replicas failed: test failed'],
    ['remove of a missing key', [{ op: 'remove', path: '/metadata/labels/nope' }], "error in remove for path: '/metadata/labels/nope': Unable to remove nonexistent key: nope: missing value"],
    ['replace at a missing array index', [{ op: 'replace', path: '/spec/template/spec/containers/5', value: {} }], 'replace operation does not apply: doc is missing key: /spec/template/spec/containers/5: missing value'],
    ['replace under a missing parent', [{ op: 'replace', path: '/spec/foo/bar', value: 1 }], 'replace operation does not apply: doc is missing path: /spec/foo/bar: missing value'],
    ['add under a missing parent', [{ op: 'add', path: '/spec/foo/bar', value: 1 }], 'add operation does not apply: doc is missing path: "/spec/foo/bar": missing value'],
    ['add past the end of a list', [{ op: 'add', path: '/spec/template/spec/containers/7', value: {} }], "error in add for path: '/spec/template/spec/containers/7': Unable to access invalid index: 7: invalid index referenced"],
    ['add at a non-numeric list index', [{ op: 'add', path: '/spec/template/spec/containers/x', value: {} }], `error in add for path: '/spec/template/spec/containers/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`],
    ['move from a missing key', [{ op: 'move', from: '/metadata/labels/none', path: '/metadata/labels/x' }], "error in move for path: 'none': Unable to remove nonexistent key: none: missing value"],
    ['test under a missing parent', [{ op: 'test', path: '/spec/x/y', value: 1 }], 'test operation does not apply: is missing path: /spec/x/y: missing value'],
    ['remove of the whole document', [{ op: 'remove', path: '' }], 'remove operation does not apply: doc is missing path: "": missing value'],
    ['an unknown op', [{ op: 'frob', path: '/spec' }], 'Unexpected kind: frob'],
    ['an op without op', [{ path: '/spec' }], 'Unexpected kind: unknown'],
    ['an op without path', [{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
    ['a failure after a good op', [{ op: 'replace', path: '/spec/replicas', value: 9 }, { op: 'test', path: '/spec/replicas', value: 2 }], 'testing value /spec/replicas failed: test failed'],
  ];
  for (const [name, ops, cause] of cases) {
    it(name, () => {
      const err = assertApiError(() => applyJsonPatch(deepFreeze(live()), deepFreeze(ops)), 422, 'Invalid', generic);
      assert.equal(err.cause, cause);
      assert.deepStrictEqual(err.toStatus(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: generic, reason: 'Invalid', details: {}, code: 422 });
    });
  }

  it('a body that is not a list is a 400', () => {
    assertApiError(() => applyJsonPatch(live(), { op: 'add' }), 400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  });
  it('an operation that is not an object is a 400', () => {
    assertApiError(() => applyJsonPatch(live(), ['add']), 400, 'BadRequest', 'json: cannot unmarshal string into Go value of type jsonpatch.Operation');
  });
  it('more than 10000 operations is a 413', () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '/kind', value: 'Deployment' }));
    assertApiError(() => applyJsonPatch(live(), ops), 413, 'RequestEntityTooLarge',
      'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
  });
});
