import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeNode, makePod, nodeInfo, podRequesting, stateFor } from '../testutil.js';
import { fitsRequest, resourcesFitFilter } from './resources.js';

const reasons = (pod = podRequesting('p', {}), ni = nodeInfo(makeNode('n'))) => resourcesFitFilter.filter(stateFor(pod), ni)?.reasons;

test('fits when requests are within allocatable minus what is placed', () => {
  const ni = nodeInfo(makeNode('n', { cpu: '2', memory: '4Gi' }), podRequesting('a', { cpu: '1', memory: '2Gi' }));
  assert.equal(reasons(podRequesting('p', { cpu: '1', memory: '2Gi' }), ni), undefined);
});

test('reports each short resource with upstream reasons', () => {
  const ni = nodeInfo(makeNode('n', { cpu: '2', memory: '4Gi' }), podRequesting('a', { cpu: '1500m', memory: '3Gi' }));
  const st = resourcesFitFilter.filter(stateFor(podRequesting('p', { cpu: '600m', memory: '2Gi', 'ephemeral-storage': '1Gi' })), ni);
  assert.equal(st?.code, 'Unschedulable');
  assert.deepEqual(st?.reasons, ['Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage']);
});

test('the pods count applies even to pods that request nothing', () => {
  const ni = nodeInfo(makeNode('n', { pods: '2' }), makePod('a'), makePod('b'));
  assert.deepEqual(reasons(makePod('p'), ni), ['Too many pods']);
  assert.equal(reasons(makePod('p'), nodeInfo(makeNode('n', { pods: '3' }), makePod('a'), makePod('b'))), undefined);
});

test('a node without allocatable pods admits nothing', () => {
  const node = makeNode('n');
  node.status!.allocatable = { cpu: '4' };
  assert.deepEqual(reasons(makePod('p'), nodeInfo(node)), ['Too many pods']);
});

test('zero requests fit a fully requested node; init container max rule applies to the fit', () => {
  const full = nodeInfo(makeNode('n', { cpu: '1' }), podRequesting('a', { cpu: '1' }));
  assert.equal(reasons(podRequesting('p', { cpu: '0' }), full), undefined);
  const initHeavy = makePod('p', {
    containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '100m' } } }],
    initContainers: [{ name: 'i', image: 'x', resources: { requests: { cpu: '3' } } }],
  });
  assert.deepEqual(reasons(initHeavy, nodeInfo(makeNode('n', { cpu: '2' }))), ['Insufficient cpu']);
});

test('extended resources must be advertised and free', () => {
  const gpuPod = podRequesting('p', { 'example.com/gpu': '1' });
  assert.deepEqual(reasons(gpuPod, nodeInfo(makeNode('n'))), ['Insufficient example.com/gpu']);
  const gpuNode = makeNode('g', { extra: { 'example.com/gpu': '1' } });
  assert.equal(reasons(gpuPod, nodeInfo(gpuNode)), undefined);
  assert.deepEqual(reasons(gpuPod, nodeInfo(gpuNode, podRequesting('a', { 'example.com/gpu': '1' }))), ['Insufficient example.com/gpu']);
});

test('fitsRequest reports the amounts involved', () => {
  const ni = nodeInfo(makeNode('n', { memory: '1Gi' }), podRequesting('a', { memory: '512Mi' }));
  const [short] = fitsRequest(stateFor(podRequesting('p', { memory: '768Mi' })).info.requests, ni);
  assert.deepEqual(short, { resourceName: 'memory', reason: 'Insufficient memory', requested: 768 * 2 ** 20, used: 512 * 2 ** 20, capacity: 2 ** 30 });
});
