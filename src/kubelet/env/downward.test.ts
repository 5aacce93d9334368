import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Container, Pod } from '../../api/types.js';
import { containerResourceValue, fieldRefValue, formatMap, resourceFieldRefValue, splitSubscriptedPath, withAllocatableLimits, type DownwardContext } from './downward.js';

const pod: Pod = {
  metadata: {
    name: 'dapi-test-pod',
    namespace: 'demo',
    uid: '6c3f2a4e-0000-4000-8000-000000000001',
    labels: { app: 'web', tier: 'front' },
    annotations: { 'example.com/build': '42', note: 'say "hi"\n' },
  },
  spec: { nodeName: 'node01', serviceAccountName: 'builder', containers: [{ name: 'web' }] },
};
const ctx: DownwardContext = {
  podIP: '10.244.1.11',
  podIPs: ['10.244.1.11', 'fd00::11'],
  hostIP: '10.0.12.8',
  hostIPs: ['10.0.12.8', 'fd00::8'],
  nodeName: 'node01',
  nodeAllocatable: { cpu: '4', memory: '8Gi', 'ephemeral-storage': '100Gi', pods: '110' },
};

describe('fieldRefValue', () => {
  const cases: [string, string][] = [
    ['metadata.name', 'dapi-test-pod'],
    ['metadata.namespace', 'demo'],
    ['metadata.uid', '6c3f2a4e-0000-4000-8000-000000000001'],
    ["metadata.labels['app']", 'web'],
    ["metadata.labels['missing']", ''],
    ["metadata.annotations['example.com/build']", '42'],
    ['metadata.labels', 'app="web"\ntier="front"'],
    ['metadata.annotations', 'example.com/build="42"\nnote="say \\"hi\\"\\n"'],
    ['spec.nodeName', 'node01'],
    ['spec.host', 'node01'],
    ['spec.serviceAccountName', 'builder'],
    ['status.hostIP', '10.0.12.8'],
    ['status.hostIPs', '10.0.12.8,fd00::8'],
    ['status.podIP', '10.244.1.11'],
    ['status.podIPs', '10.244.1.11,fd00::11'],
  ];
  for (const [path, want] of cases) it(path, () => assert.equal(fieldRefValue({ apiVersion: 'v1', fieldPath: path }, pod, ctx), want));

  it('apiVersion defaults to v1', () => assert.equal(fieldRefValue({ fieldPath: 'metadata.name' }, pod, ctx), 'dapi-test-pod'));

  it('hostIPs default to hostIP; podIP falls back when podIPs is empty', () => {
    const c = { ...ctx, hostIPs: undefined, podIPs: [] };
    assert.equal(fieldRefValue({ fieldPath: 'status.hostIPs' }, pod, c), '10.0.12.8');
    assert.equal(fieldRefValue({ fieldPath: 'status.podIPs' }, pod, c), '10.244.1.11');
  });

  const errors: [{ apiVersion?: string; fieldPath: string }, string][] = [
    [{ apiVersion: 'v2', fieldPath: 'metadata.name' }, 'unsupported pod version: v2'],
    [{ fieldPath: 'spec.containers' }, 'field label not supported: spec.containers'],
    [{ fieldPath: "metadata.name['x']" }, "field label does not support subscript: metadata.name['x']"],
    [{ fieldPath: 'status.phase' }, 'unsupported fieldPath: status.phase'],
  ];
  for (const [ref, msg] of errors) it(`rejects ${ref.fieldPath} (${msg})`, () => assert.throws(() => fieldRefValue(ref, pod, ctx), { message: msg }));
});

describe('splitSubscriptedPath / formatMap', () => {
  it('splits subscripts', () => {
    assert.deepEqual(splitSubscriptedPath("metadata.labels['a.b/c']"), ['metadata.labels', 'a.b/c']);
    assert.equal(splitSubscriptedPath('metadata.labels'), undefined);
    assert.equal(splitSubscriptedPath("['x']"), undefined);
  });
  it('formats maps in key order with Go quoting', () => {
    assert.equal(formatMap({ b: '2', a: 'tab\there' }), 'a="tab\\there"\nb="2"');
    assert.equal(formatMap(undefined), '');
  });
});

describe('resourceFieldRef', () => {
  const c: Container = {
    name: 'web',
    resources: {
      requests: { cpu: '250m', memory: '64Mi', 'ephemeral-storage': '1Gi', 'hugepages-2Mi': '4Mi' },
      limits: { cpu: '1500m', memory: '128Mi' },
    },
  };
  const cases: [string, string | undefined, string][] = [
    ['limits.cpu', undefined, '2'], // 1.5 cores rounded up
    ['limits.cpu', '1m', '1500'],
    ['limits.cpu', '1', '2'],
    ['requests.cpu', '1m', '250'],
    ['requests.cpu', undefined, '1'],
    ['limits.memory', undefined, '134217728'],
    ['limits.memory', '1Mi', '128'],
    ['requests.memory', '1M', '68'], // 67.1 MB rounded up
    ['requests.ephemeral-storage', '1Gi', '1'],
    ['requests.hugepages-2Mi', '1Mi', '4'],
    ['limits.hugepages-2Mi', undefined, '0'],
    ['limits.ephemeral-storage', '1Gi', '100'], // unset → node allocatable
    ['requests.cpu', '0', '1'], // a zero divisor means 1
  ];
  for (const [resource, divisor, want] of cases) {
    it(`${resource} / ${divisor ?? 'default'} = ${want}`, () => {
      assert.equal(resourceFieldRefValue({ resource, divisor }, pod, c, ctx.nodeAllocatable), want);
    });
  }

  it('unset limits default to node allocatable; requests do not', () => {
    const bare: Container = { name: 'bare' };
    assert.equal(resourceFieldRefValue({ resource: 'limits.cpu', divisor: '1m' }, pod, bare, ctx.nodeAllocatable), '4000');
    assert.equal(resourceFieldRefValue({ resource: 'limits.memory', divisor: '1Gi' }, pod, bare, ctx.nodeAllocatable), '8');
    assert.equal(resourceFieldRefValue({ resource: 'requests.memory' }, pod, bare, ctx.nodeAllocatable), '0');
  });

  it('a zero limit is also replaced', () => {
    const got = withAllocatableLimits({ name: 'z', resources: { limits: { cpu: '0', memory: '1Gi' } } }, ctx.nodeAllocatable);
    assert.deepEqual(got.resources?.limits, { cpu: '4', memory: '1Gi', 'ephemeral-storage': '100Gi' });
  });

  it('reads another container by containerName', () => {
    const p: Pod = { ...pod, spec: { containers: [{ name: 'web' }, c], initContainers: [{ name: 'init', resources: { limits: { cpu: '2' } } }] } };
    assert.equal(resourceFieldRefValue({ containerName: 'web', resource: 'requests.cpu', divisor: '1m' }, p, { name: 'side' }, ctx.nodeAllocatable), '0');
    assert.equal(resourceFieldRefValue({ containerName: 'init', resource: 'limits.cpu' }, p, { name: 'side' }, ctx.nodeAllocatable), '2');
    assert.throws(() => resourceFieldRefValue({ containerName: 'nope', resource: 'limits.cpu' }, p, c, {}), { message: 'container nope not found' });
  });

  it('rejects unsupported resources', () => {
    assert.throws(() => containerResourceValue({ resource: 'limits.nvidia.com/gpu' }, c), { message: 'Unsupported container resource : limits.nvidia.com/gpu' });
    assert.throws(() => containerResourceValue({ resource: 'cpu' }, c), { message: 'Unsupported container resource : cpu' });
  });
});
