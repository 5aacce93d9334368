import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Taint, Toleration } from '../../api/types.js';
import { makeNode, makePod, nodeInfo, stateFor } from '../testutil.js';
import { findUntoleratedTaint, taintTolerationFilter, toleratesTaint } from './taints.js';

const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

test('Equal (and the empty operator) need key, value and effect to match', () => {
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, taint), true);
  assert.equal(toleratesTaint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, taint), true);
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }, taint), false);
  assert.equal(toleratesTaint({ key: 'other', operator: 'Equal', value: 'gpu' }, taint), false);
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoExecute' }, taint), false);
});

test('an empty effect tolerates every effect; Exists ignores the value', () => {
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'gpu' }, { ...taint, effect: 'NoExecute' }), true);
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Exists' }, taint), true);
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Exists', effect: 'PreferNoSchedule' }, taint), false);
});

test('an empty key with Exists tolerates everything (of the effect, if one is given)', () => {
  assert.equal(toleratesTaint({ operator: 'Exists' }, taint), true);
  assert.equal(toleratesTaint({ operator: 'Exists' }, { key: 'x', effect: 'NoExecute' }), true);
  assert.equal(toleratesTaint({ operator: 'Exists', effect: 'NoExecute' }, taint), false);
});

test('unknown operators tolerate nothing', () => {
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Gt', value: 'gpu' } as Toleration, taint), false);
});

test('only NoSchedule and NoExecute taints filter; the first untolerated one is reported', () => {
  const taints: Taint[] = [
    { key: 'soft', effect: 'PreferNoSchedule' },
    { key: 'a', value: '1', effect: 'NoSchedule' },
    { key: 'b', effect: 'NoExecute' },
  ];
  assert.deepEqual(findUntoleratedTaint(taints, []), taints[1]);
  assert.deepEqual(findUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }]), taints[2]);
  assert.equal(findUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }]), undefined);
  const ni = nodeInfo(makeNode('n', { taints }));
  const st = taintTolerationFilter.filter(stateFor(makePod('p')), ni);
  assert.equal(st?.code, 'UnschedulableAndUnresolvable');
  assert.deepEqual(st?.reasons, ['node(s) had untolerated taint {a: 1}']);
  const b = taintTolerationFilter.filter(stateFor(makePod('p', { tolerations: [{ key: 'a', operator: 'Equal', value: '1', effect: 'NoSchedule' }] })), ni);
  assert.deepEqual(b?.reasons, ['node(s) had untolerated taint {b: }']);
  assert.equal(taintTolerationFilter.filter(stateFor(makePod('p', { tolerations: [{ operator: 'Exists' }] })), ni), undefined);
});
