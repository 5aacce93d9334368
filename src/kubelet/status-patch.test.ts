import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodStatus } from '../api/types.js';
import { applyStrategicMergePatch } from '../apiserver/patch/strategic.js';
import { changesPhaseOrReady, podStatusPatch } from './status-patch.js';

const T0 = '2024-01-01T00:00:00Z';
const T1 = '2024-01-01T00:00:09Z';

/** The pod status after the API server applies the kubelet's patch to `server`. */
function applied(server: PodStatus, next: PodStatus): PodStatus {
  const patch = podStatusPatch(server, next);
  const pod = applyStrategicMergePatch({ metadata: { name: 'p' }, status: server }, patch ? { status: patch } : {}, 'V1Pod') as { status: PodStatus };
  return pod.status;
}

const gate = { type: 'www.example.com/feature-1', status: 'True', lastProbeTime: null, lastTransitionTime: T0 };

describe('podStatusPatch', () => {
  it('drops the stale reason and message of a condition that turned True', () => {
    const server: PodStatus = {
      phase: 'Running',
      conditions: [
        gate,
        { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: T0, reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "x" does not exist.' },
      ] as unknown as PodStatus["conditions"],
    };
    const next: PodStatus = { phase: 'Running', conditions: [gate, { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: T1 }] as unknown as PodStatus["conditions"] };
    const patch = podStatusPatch(server, next)!;
    assert.deepEqual(patch.conditions, [{ type: 'Ready', status: 'True', lastTransitionTime: T1, reason: null, message: null }]);
    assert.deepEqual(patch['$setElementOrder/conditions'], [{ type: 'www.example.com/feature-1' }, { type: 'Ready' }]);
    const ready = applied(server, next).conditions!.find((c) => c.type === 'Ready')!;
    assert.equal(ready.status, 'True');
    assert.equal(ready.reason, undefined);
    assert.equal(ready.message, undefined);
  });

  it('a plain strategic merge of the new status would have kept the stale reason (what the fix is about)', () => {
    const server = { conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'm' }] };
    const merged = applyStrategicMergePatch({ status: server }, { status: { conditions: [{ type: 'Ready', status: 'True' }] } }, 'V1Pod') as { status: PodStatus };
    assert.equal(merged.status.conditions![0]!.reason, 'ContainersNotReady');
  });

  it('keeps conditions written by other clients, even ones the kubelet has not seen yet', () => {
    const server: PodStatus = { conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }] };
    const next: PodStatus = { conditions: [{ type: 'Ready', status: 'True' }] };
    const patch = podStatusPatch(server, next)!;
    // Another client adds its gate condition after the kubelet computed its patch.
    const live = { status: { conditions: [...server.conditions!, gate] } };
    const out = (applyStrategicMergePatch(live, { status: patch }, 'V1Pod') as { status: PodStatus }).status;
    assert.deepEqual(out.conditions!.map((c) => [c.type, c.status, c.reason]), [['Ready', 'True', undefined], ['www.example.com/feature-1', 'True', undefined]]);
  });

  it('replaces a container state rather than merging waiting and running', () => {
    const server: PodStatus = { containerStatuses: [{ name: 'c', image: 'x', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] };
    const next: PodStatus = { containerStatuses: [{ name: 'c', image: 'x', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: T1 } } }] };
    assert.deepEqual(applied(server, next).containerStatuses, next.containerStatuses);
  });

  it('removes fields the kubelet no longer reports and deletes a condition that is gone', () => {
    const server: PodStatus = {
      phase: 'Failed',
      reason: 'Evicted',
      message: 'The node was low on resource: memory.',
      nominatedNodeName: 'other',
      conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'False' }],
    };
    const next: PodStatus = { phase: 'Failed', conditions: [{ type: 'Ready', status: 'False' }] };
    const out = applied(server, next);
    assert.equal(out.reason, undefined);
    assert.equal(out.message, undefined);
    assert.equal(out.nominatedNodeName, 'other', 'fields the kubelet does not own are left alone');
    assert.deepEqual(out.conditions, [{ type: 'Ready', status: 'False' }]);
  });

  it('is undefined when nothing changed, and treats null like an absent field', () => {
    const s: PodStatus = { phase: 'Running', podIP: '127.0.0.5', podIPs: [{ ip: '127.0.0.5' }], conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: T0 }] };
    assert.equal(podStatusPatch(s, structuredClone(s)), undefined);
    const withNull = { ...s, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: T0, lastProbeTime: null }] } as unknown as PodStatus;
    assert.equal(podStatusPatch(s, withNull), undefined);
  });

  it('writes everything for a pod that has no status yet', () => {
    const next: PodStatus = { phase: 'Pending', hostIP: '10.0.0.1', hostIPs: [{ ip: '10.0.0.1' }], qosClass: 'BestEffort' };
    assert.deepEqual(applied({}, next), next);
  });
});

describe('changesPhaseOrReady (which status writes go first)', () => {
  const ready = (status: string) => ({ type: 'Ready', status, lastTransitionTime: T0 });
  it('is true when the phase or the Ready condition differs from what the API server has', () => {
    assert.equal(changesPhaseOrReady(undefined, { phase: 'Pending', conditions: [ready('False')] }), false, 'a new pod still Pending');
    assert.equal(changesPhaseOrReady({ phase: 'Pending' }, { phase: 'Running', conditions: [ready('False')] }), true, 'Pending → Running');
    assert.equal(changesPhaseOrReady({ phase: 'Running', conditions: [ready('False')] }, { phase: 'Running', conditions: [ready('True')] }), true, 'became Ready');
    assert.equal(changesPhaseOrReady({ phase: 'Running', conditions: [ready('True')] }, { phase: 'Running', conditions: [ready('True')] }), false, 'only details changed');
    assert.equal(changesPhaseOrReady({ phase: 'Running', conditions: [ready('True')] }, { phase: 'Succeeded', conditions: [ready('False')] }), true, 'finished');
  });
});
