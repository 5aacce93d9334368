import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../api/types.js';
import { disruptionTargetPatch, failureStatusPatch } from './condition.js';
import { makePod } from './testutil.js';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const T1 = Date.parse('2024-05-01T10:05:00Z');

function withCondition(status: string, reason: string, message: string): Pod {
  const p = makePod('p');
  p.status = { conditions: [{ type: 'PodScheduled', status, reason, message, lastTransitionTime: '2024-05-01T10:00:00Z' }] };
  return p;
}

test('a first failure adds PodScheduled=False with the time of the transition', () => {
  const patch = failureStatusPatch(makePod('p'), 'Unschedulable', 'msg', undefined, T0);
  assert.deepEqual(patch, {
    status: { conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:00Z', reason: 'Unschedulable', message: 'msg' }] },
  });
});

test('the same failure again writes nothing; a new message keeps the transition time', () => {
  assert.equal(failureStatusPatch(withCondition('False', 'Unschedulable', 'msg'), 'Unschedulable', 'msg', undefined, T1), undefined);
  const patch = failureStatusPatch(withCondition('False', 'Unschedulable', 'old'), 'Unschedulable', 'new', undefined, T1) as { status: { conditions: { lastTransitionTime: string; message: string }[] } };
  assert.equal(patch.status.conditions[0]!.lastTransitionTime, '2024-05-01T10:00:00Z');
  assert.equal(patch.status.conditions[0]!.message, 'new');
  const gated = failureStatusPatch(withCondition('False', 'SchedulingGated', 'gated'), 'Unschedulable', 'msg', undefined, T1) as { status: { conditions: { reason: string }[] } };
  assert.equal(gated.status.conditions[0]!.reason, 'Unschedulable');
});

test('a nominated node is written with the condition, and alone when only it changed', () => {
  const same = withCondition('False', 'Unschedulable', 'msg');
  assert.deepEqual(failureStatusPatch(same, 'Unschedulable', 'msg', 'node-1', T1), { status: { nominatedNodeName: 'node-1' } });
  same.status!.nominatedNodeName = 'node-1';
  assert.equal(failureStatusPatch(same, 'Unschedulable', 'msg', 'node-1', T1), undefined);
  assert.equal(failureStatusPatch(same, 'Unschedulable', 'msg', undefined, T1), undefined, 'undefined leaves the nomination alone');
  assert.deepEqual(failureStatusPatch(same, 'Unschedulable', 'msg', '', T1), { status: { nominatedNodeName: null } }, "'' clears it");
});

test('victims get DisruptionTarget=True by PreemptionByScheduler', () => {
  const patch = disruptionTargetPatch(makePod('v'), 'default-scheduler', T0) as { status: { conditions: Record<string, unknown>[] } };
  assert.deepEqual(patch.status.conditions[0], {
    type: 'DisruptionTarget',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: '2024-05-01T10:00:00Z',
    reason: 'PreemptionByScheduler',
    message: 'default-scheduler: preempting to accommodate a higher priority pod',
  });
});
