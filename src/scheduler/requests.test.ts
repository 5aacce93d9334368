import assert from 'node:assert/strict';
import { test } from 'node:test';
import { podInfoOf } from './pod-info.js';
import { podRequests } from './requests.js';
import { isExtendedResourceName, isScalarResourceName, Resource } from './resources.js';
import { container, makePod } from './testutil.js';

const str = (m: Map<string, { toString(): string }>) => Object.fromEntries([...m].map(([k, v]) => [k, v.toString()]));

test('regular containers add up', () => {
  const pod = makePod('p', { containers: [container({ cpu: '100m', memory: '64Mi' }), container({ cpu: '250m' }, { name: 'b' })] });
  assert.deepEqual(str(podRequests(pod)), { cpu: '350m', memory: '64Mi' });
});

test('an init container larger than the sum wins per resource (max rule)', () => {
  const pod = makePod('p', {
    containers: [container({ cpu: '100m', memory: '1Gi' })],
    initContainers: [container({ cpu: '2', memory: '10Mi' }, { name: 'init' })],
  });
  const r = podRequests(pod);
  assert.equal(r.get('cpu')!.milliValue(), 2000);
  assert.equal(r.get('memory')!.value(), 1024 ** 3);
});

test('sidecars (restartPolicy Always) add to the containers and to later init containers', () => {
  const pod = makePod('p', {
    containers: [container({ cpu: '500m' })],
    initContainers: [
      container({ cpu: '300m' }, { name: 'init-1' }),
      container({ cpu: '200m' }, { name: 'sidecar', restartPolicy: 'Always' }),
      container({ cpu: '600m' }, { name: 'init-2' }),
    ],
  });
  // containers + sidecar = 700m; init-2 runs beside the sidecar = 800m; init-1 alone = 300m.
  assert.equal(podRequests(pod).get('cpu')!.milliValue(), 800);
  const small = makePod('q', {
    containers: [container({ cpu: '500m' })],
    initContainers: [container({ cpu: '200m' }, { name: 'sidecar', restartPolicy: 'Always' }), container({ cpu: '100m' }, { name: 'init' })],
  });
  assert.equal(podRequests(small).get('cpu')!.milliValue(), 700);
});

test('overhead is added on top', () => {
  const pod = makePod('p', { containers: [container({ cpu: '100m' })], overhead: { cpu: '250m', memory: '120Mi' } });
  assert.deepEqual(str(podRequests(pod)), { cpu: '350m', memory: '120Mi' });
});

test('zero and missing requests: the fit uses nothing, scoring uses 100m / 200Mi per container without a request', () => {
  const none = podInfoOf(makePod('p', { containers: [container(), container({}, { name: 'b' })] }));
  assert.ok(none.requests.isZero());
  assert.equal(none.nonZeroCPU, 200);
  assert.equal(none.nonZeroMemory, 2 * 200 * 1024 * 1024);
  const explicitZero = podInfoOf(makePod('z', { containers: [container({ cpu: '0', memory: '0' })] }));
  assert.equal(explicitZero.nonZeroCPU, 0, 'an explicit zero stays zero');
  assert.equal(explicitZero.nonZeroMemory, 0);
});

test('extended and other scalar resources are carried in whole units', () => {
  const info = podInfoOf(makePod('p', { containers: [container({ 'example.com/gpu': '2', 'hugepages-2Mi': '4Mi', cpu: '1' })] }));
  assert.equal(info.requests.scalars.get('example.com/gpu'), 2);
  assert.equal(info.requests.scalars.get('hugepages-2Mi'), 4 * 1024 * 1024);
  assert.equal(info.requests.milliCPU, 1000);
});

test('resource name classes follow v1helper', () => {
  assert.equal(isExtendedResourceName('example.com/gpu'), true);
  assert.equal(isExtendedResourceName('cpu'), false);
  assert.equal(isExtendedResourceName('kubernetes.io/foo'), false);
  assert.equal(isExtendedResourceName('requests.example.com/x'), false);
  assert.equal(isScalarResourceName('kubernetes.io/foo'), true);
  assert.equal(isScalarResourceName('attachable-volumes-aws-ebs'), true);
  assert.equal(isScalarResourceName('memory'), false);
});

test('node allocatable parses into a Resource; unknown unprefixed names are ignored', () => {
  const r = Resource.from({ cpu: '3500m', memory: '1Gi', pods: '110', 'ephemeral-storage': '10Gi', 'example.com/fpga': '1', bogus: '5' });
  assert.equal(r.milliCPU, 3500);
  assert.equal(r.memory, 1024 ** 3);
  assert.equal(r.allowedPodNumber, 110);
  assert.equal(r.ephemeralStorage, 10 * 1024 ** 3);
  assert.deepEqual([...r.scalars], [['example.com/fpga', 1]]);
});
