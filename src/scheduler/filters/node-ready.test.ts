import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeNode, makePod, nodeInfo, stateFor } from '../testutil.js';
import { conditionTaints, effectiveTaints, isNodeReady } from './node-ready.js';
import { ERR_REASON_UNSCHEDULABLE, nodeUnschedulableFilter } from './node-unschedulable.js';
import { taintTolerationFilter } from './taints.js';

const taintFilter = (pod = makePod('p'), node = makeNode('n')) => taintTolerationFilter.filter(stateFor(pod), nodeInfo(node))?.reasons;

test('conditions map to the node lifecycle taints', () => {
  assert.deepEqual(conditionTaints(makeNode('n')), []);
  assert.deepEqual(conditionTaints(makeNode('n', { ready: 'False' })), [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
  assert.deepEqual(conditionTaints(makeNode('n', { ready: 'Unknown' })), [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]);
  assert.deepEqual(conditionTaints(makeNode('n', { ready: 'missing' })), [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
  const pressured = makeNode('n');
  pressured.status!.conditions!.push({ type: 'MemoryPressure', status: 'True' }, { type: 'DiskPressure', status: 'False' });
  assert.deepEqual(conditionTaints(pressured), [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }]);
  assert.equal(isNodeReady(makeNode('n')), true);
  assert.equal(isNodeReady(makeNode('n', { ready: 'Unknown' })), false);
});

test('a taint the node already carries is not doubled', () => {
  const n = makeNode('n', { ready: 'False', taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] });
  assert.equal(effectiveTaints(n).length, 1);
});

test('NotReady and unreachable nodes reject pods with upstream taint messages', () => {
  assert.deepEqual(taintFilter(makePod('p'), makeNode('n', { ready: 'False' })), ['node(s) had untolerated taint {node.kubernetes.io/not-ready: }']);
  assert.deepEqual(taintFilter(makePod('p'), makeNode('n', { ready: 'Unknown' })), ['node(s) had untolerated taint {node.kubernetes.io/unreachable: }']);
  assert.equal(taintFilter(makePod('p'), makeNode('n')), undefined);
});

test('the default NoExecute tolerations do not cover NoSchedule; an explicit one does', () => {
  const defaults = makePod('p', { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] });
  assert.ok(taintFilter(defaults, makeNode('n', { ready: 'False' })));
  const daemon = makePod('d', { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }] });
  assert.equal(taintFilter(daemon, makeNode('n', { ready: 'False' })), undefined);
});

test('cordoned nodes are unschedulable unless the pod tolerates the unschedulable taint', () => {
  const cordoned = nodeInfo(makeNode('n', { unschedulable: true }));
  const st = nodeUnschedulableFilter.filter(stateFor(makePod('p')), cordoned);
  assert.deepEqual(st, { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_UNSCHEDULABLE], plugin: 'NodeUnschedulable' });
  assert.equal(ERR_REASON_UNSCHEDULABLE, 'node(s) were unschedulable');
  const tolerant = makePod('t', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
  assert.equal(nodeUnschedulableFilter.filter(stateFor(tolerant), cordoned), undefined);
  assert.equal(nodeUnschedulableFilter.filter(stateFor(makePod('p', { tolerations: [{ operator: 'Exists' }] })), cordoned), undefined);
  assert.equal(nodeUnschedulableFilter.filter(stateFor(makePod('p')), nodeInfo(makeNode('m'))), undefined);
});
