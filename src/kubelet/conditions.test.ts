import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerStatus, PodCondition, PodSpec } from '../api/types.js';
import { containersReadyCondition, podConditions, podInitializedCondition, podReadyCondition, type KubeletPodCondition, type PodConditionsInput } from './conditions.js';

const T0 = '2022-05-06T07:48:34Z';
const NOW = '2022-05-06T07:49:01Z';
const st = (name: string, ready: boolean, state: 'running' | 'waiting' | 'done' | 'failed', started?: boolean): ContainerStatus => ({
  name,
  image: 'x',
  imageID: '',
  restartCount: 0,
  ready,
  ...(started === undefined ? {} : { started }),
  state:
    state === 'running'
      ? { running: { startedAt: T0 } }
      : state === 'waiting'
        ? { waiting: { reason: 'PodInitializing' } }
        : { terminated: { exitCode: state === 'done' ? 0 : 1 } },
});
const scheduled: PodCondition = { type: 'PodScheduled', status: 'True', lastTransitionTime: T0 };
const web: PodSpec = { containers: [{ name: 'web', image: 'nginx' }] };

function run(over: Partial<PodConditionsInput>): KubeletPodCondition[] {
  return podConditions({ spec: web, initStatuses: [], statuses: [], phase: 'Running', sandboxReady: true, existing: [scheduled], now: NOW, ...over });
}
const byType = (cs: KubeletPodCondition[], t: string) => cs.find((c) => c.type === t)!;
const brief = (c: KubeletPodCondition) => [c.status, c.reason, c.message];

describe('podConditions: readiness', () => {
  const cases: { name: string; input: Partial<PodConditionsInput>; want: Record<string, (string | undefined)[]> }[] = [
    {
      name: 'all containers ready',
      input: { statuses: [st('web', true, 'running')] },
      want: { PodReadyToStartContainers: ['True', undefined, undefined], Initialized: ['True', undefined, undefined], Ready: ['True', undefined, undefined], ContainersReady: ['True', undefined, undefined] },
    },
    {
      name: 'one container unready',
      input: { statuses: [st('web', false, 'running')] },
      want: {
        Ready: ['False', 'ContainersNotReady', 'containers with unready status: [web]'],
        ContainersReady: ['False', 'ContainersNotReady', 'containers with unready status: [web]'],
      },
    },
    {
      name: 'unknown and unready containers are both listed, in spec order',
      input: {
        spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
        statuses: [st('a', false, 'running'), st('b', false, 'waiting')],
      },
      want: { ContainersReady: ['False', 'ContainersNotReady', 'containers with unknown status: [c], containers with unready status: [a b]'] },
    },
    {
      name: 'a sidecar counts for ContainersReady, a regular init container does not',
      input: {
        spec: { initContainers: [{ name: 'init' }, { name: 'side', restartPolicy: 'Always' }], containers: [{ name: 'web' }] },
        initStatuses: [st('init', true, 'done'), st('side', false, 'running', true)],
        statuses: [st('web', true, 'running')],
      },
      want: { Initialized: ['True', undefined, undefined], ContainersReady: ['False', 'ContainersNotReady', 'containers with unready status: [side]'] },
    },
    {
      name: 'sandbox not ready yet',
      input: { sandboxReady: false, phase: 'Pending', statuses: [st('web', false, 'waiting')] },
      want: { PodReadyToStartContainers: ['False', undefined, undefined] },
    },
    {
      name: 'containers without a status are reported as unknown',
      input: { spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'web' }] }, phase: 'Pending' },
      want: {
        Initialized: ['False', 'ContainersNotInitialized', 'containers with unknown status: [init]'],
        Ready: ['False', 'ContainersNotReady', 'containers with unknown status: [web]'],
        ContainersReady: ['False', 'ContainersNotReady', 'containers with unknown status: [web]'],
      },
    },
    {
      name: 'the ContainerCreating stage: waiting statuses are unready',
      input: { phase: 'Pending', statuses: [st('web', false, 'waiting')] },
      want: { Ready: ['False', 'ContainersNotReady', 'containers with unready status: [web]'], Initialized: ['True', undefined, undefined] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = run(c.input);
      for (const [type, want] of Object.entries(c.want)) assert.deepEqual(brief(byType(got, type)), want, type);
    });
  }
});

describe('generators with upstream nil statuses', () => {
  const spec: PodSpec = { initContainers: [{ name: 'init' }], containers: [{ name: 'web' }] };
  it('report UnknownContainerStatuses', () => {
    assert.deepEqual(containersReadyCondition(spec, null, 'Pending'), { type: 'ContainersReady', status: 'False', reason: 'UnknownContainerStatuses' });
    assert.deepEqual(podReadyCondition(spec, [], null, 'Pending'), { type: 'Ready', status: 'False', reason: 'UnknownContainerStatuses' });
    assert.deepEqual(podInitializedCondition(spec, null, 'Pending'), { type: 'Initialized', status: 'False', reason: 'UnknownContainerStatuses' });
  });
  it('Initialized is True for nil statuses without init containers', () => {
    assert.equal(podInitializedCondition(web, null, 'Pending').status, 'True');
  });
});

describe('podConditions: readiness gates', () => {
  const gated: PodSpec = { ...web, readinessGates: [{ conditionType: 'www.example.com/feature-1' }] };
  const ready = [st('web', true, 'running')];

  it('a missing gate condition keeps Ready False (the notes readiness-gate example)', () => {
    const got = run({ spec: gated, statuses: ready });
    assert.deepEqual(brief(byType(got, 'Ready')), [
      'False',
      'ReadinessGatesNotReady',
      'corresponding condition of pod readiness gate "www.example.com/feature-1" does not exist.',
    ]);
    assert.equal(byType(got, 'ContainersReady').status, 'True');
  });

  it('a False gate condition names its status', () => {
    const gate: PodCondition = { type: 'www.example.com/feature-1', status: 'False', lastTransitionTime: T0 };
    const got = run({ spec: gated, statuses: ready, existing: [scheduled, gate] });
    assert.equal(byType(got, 'Ready').message, 'the status of pod readiness gate "www.example.com/feature-1" is not "True", but False');
  });

  it('several unready gates are joined with ", "', () => {
    const spec: PodSpec = { ...web, readinessGates: [{ conditionType: 'g1' }, { conditionType: 'g2' }] };
    const got = run({ spec, statuses: ready, existing: [{ type: 'g2', status: 'Unknown' }] });
    assert.equal(
      byType(got, 'Ready').message,
      'corresponding condition of pod readiness gate "g1" does not exist., the status of pod readiness gate "g2" is not "True", but Unknown',
    );
  });

  it('Ready is True once every gate is True; the gate condition is kept untouched', () => {
    const gate: PodCondition = { type: 'www.example.com/feature-1', status: 'True', lastProbeTime: T0, lastTransitionTime: T0, reason: 'Set' };
    const got = run({ spec: gated, statuses: ready, existing: [scheduled, gate] });
    assert.equal(byType(got, 'Ready').status, 'True');
    assert.deepEqual(got[0], gate);
  });

  it('gates are not consulted while containers are unready', () => {
    const got = run({ spec: gated, statuses: [st('web', false, 'running')] });
    assert.equal(byType(got, 'Ready').reason, 'ContainersNotReady');
  });
});

describe('podConditions: init containers and terminal phases', () => {
  const initSpec: PodSpec = { initContainers: [{ name: 'init' }], containers: [{ name: 'web' }] };

  it('a running init container leaves the pod uninitialized', () => {
    const got = run({ spec: initSpec, phase: 'Pending', initStatuses: [st('init', false, 'running')], statuses: [st('web', false, 'waiting')] });
    assert.deepEqual(brief(byType(got, 'Initialized')), ['False', 'ContainersNotInitialized', 'containers with incomplete status: [init]']);
    assert.deepEqual(brief(byType(got, 'Ready')), ['False', 'ContainersNotReady', 'containers with unready status: [web]']);
  });

  it('an init container without status is unknown', () => {
    const got = run({ spec: initSpec, phase: 'Pending', statuses: [st('web', false, 'waiting')] });
    assert.deepEqual(brief(byType(got, 'Initialized')), ['False', 'ContainersNotInitialized', 'containers with unknown status: [init]']);
  });

  it('a sidecar is initialized once started, even if not ready', () => {
    const spec: PodSpec = { initContainers: [{ name: 'side', restartPolicy: 'Always' }], containers: [{ name: 'web' }] };
    const notStarted = run({ spec, phase: 'Pending', initStatuses: [st('side', false, 'running', false)], statuses: [st('web', false, 'waiting')] });
    assert.equal(byType(notStarted, 'Initialized').message, 'containers with incomplete status: [side]');
    const started = run({ spec, phase: 'Pending', initStatuses: [st('side', false, 'running', true)], statuses: [st('web', false, 'waiting')] });
    assert.equal(byType(started, 'Initialized').status, 'True');
  });

  it('stays Initialized while a sidecar restarts after the main container started', () => {
    const spec: PodSpec = { initContainers: [{ name: 'side', restartPolicy: 'Always' }], containers: [{ name: 'web' }] };
    const got = run({ spec, initStatuses: [st('side', false, 'waiting')], statuses: [st('web', true, 'running')] });
    assert.deepEqual(brief(byType(got, 'Initialized')), ['True', undefined, undefined]);
  });

  it('a Succeeded pod reports PodCompleted', () => {
    const got = run({ spec: initSpec, phase: 'Succeeded', initStatuses: [st('init', true, 'done')], statuses: [st('web', false, 'done')] });
    assert.deepEqual(brief(byType(got, 'Initialized')), ['True', 'PodCompleted', undefined]);
    assert.deepEqual(brief(byType(got, 'Ready')), ['False', 'PodCompleted', undefined]);
    assert.deepEqual(brief(byType(got, 'ContainersReady')), ['False', 'PodCompleted', undefined]);
  });

  it('a Failed pod reports PodFailed even if a container still says ready', () => {
    const got = run({ phase: 'Failed', statuses: [st('web', true, 'running')] });
    assert.deepEqual(brief(byType(got, 'Ready')), ['False', 'PodFailed', undefined]);
    assert.deepEqual(brief(byType(got, 'ContainersReady')), ['False', 'PodFailed', undefined]);
  });
});

describe('podConditions: timestamps, serialization and order', () => {
  it('keeps lastTransitionTime when the status is unchanged and sets now when it changed', () => {
    const existing: PodCondition[] = [
      { type: 'Initialized', status: 'True', lastTransitionTime: T0 },
      { type: 'Ready', status: 'False', lastTransitionTime: T0, reason: 'ContainersNotReady' },
      { type: 'ContainersReady', status: 'False', lastTransitionTime: T0 },
      scheduled,
    ];
    const got = run({ statuses: [st('web', true, 'running')], existing });
    assert.equal(byType(got, 'Initialized').lastTransitionTime, T0);
    assert.equal(byType(got, 'PodScheduled').lastTransitionTime, T0);
    assert.equal(byType(got, 'Ready').lastTransitionTime, NOW);
    assert.equal(byType(got, 'ContainersReady').lastTransitionTime, NOW);
    assert.equal(byType(got, 'PodReadyToStartContainers').lastTransitionTime, NOW);
  });

  it('only the status decides a transition, not reason or message', () => {
    const existing: PodCondition[] = [{ type: 'Ready', status: 'False', lastTransitionTime: T0, reason: 'ContainersNotReady', message: 'old' }];
    const got = run({ statuses: [st('web', false, 'running')], existing });
    assert.equal(byType(got, 'Ready').lastTransitionTime, T0);
  });

  it('serializes like the API: lastProbeTime null, fields in struct order', () => {
    const got = run({ statuses: [st('web', false, 'running')] });
    assert.equal(
      JSON.stringify(byType(got, 'Ready')),
      `{"type":"Ready","status":"False","lastProbeTime":null,"lastTransitionTime":"${NOW}","reason":"ContainersNotReady","message":"containers with unready status: [web]"}`,
    );
    assert.equal(JSON.stringify(byType(got, 'PodScheduled')), `{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"${T0}"}`);
  });

  it('orders kubelet conditions as kubectl get -o yaml shows them (notes example plus PodReadyToStartContainers)', () => {
    const got = run({ statuses: [st('web', true, 'running')] });
    assert.deepEqual(
      got.map((c) => c.type),
      ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'],
    );
  });

  it('puts conditions it does not own first, in their existing order, and replaces its own', () => {
    const existing: PodCondition[] = [
      scheduled,
      { type: 'www.example.com/feature-1', status: 'True' },
      { type: 'Ready', status: 'False', lastTransitionTime: T0 },
      { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' },
      { type: 'Ready', status: 'False' },
    ];
    const got = run({ statuses: [st('web', true, 'running')], existing });
    assert.deepEqual(
      got.map((c) => c.type),
      ['www.example.com/feature-1', 'DisruptionTarget', 'PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'],
    );
    assert.deepEqual(got[1], existing[3]);
  });

  it('generates PodScheduled True when the pod was bound without a scheduler', () => {
    const got = run({ statuses: [st('web', true, 'running')], existing: [] });
    assert.deepEqual(byType(got, 'PodScheduled'), { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: NOW });
  });

  it('does not mutate its input', () => {
    const existing: PodCondition[] = [{ type: 'g', status: 'True' }, scheduled];
    const copy = structuredClone(existing);
    const got = run({ existing });
    got[0]!.status = 'False';
    assert.deepEqual(existing, copy);
  });
});
