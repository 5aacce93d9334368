import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerStatus, Pod } from '../../api/types.js';
import { podPrinter } from './pod.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (sec: number): string => new Date(NOW - sec * 1000).toISOString();

type Partial2<T> = { [K in keyof T]?: T[K] };
const running = (name: string, ready = true, extra: Partial2<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: 'img',
  imageID: '',
  ready,
  restartCount: 0,
  started: true,
  state: { running: { startedAt: ago(100) } },
  ...extra,
});
const waiting = (name: string, reason: string, extra: Partial2<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: 'img',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { waiting: { reason } },
  ...extra,
});
const terminated = (name: string, t: { exitCode: number; reason?: string; signal?: number }, extra: Partial2<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: 'img',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { terminated: { ...t, finishedAt: ago(50) } },
  ...extra,
});
const lastTerminated = (sec: number) => ({ terminated: { exitCode: 1, finishedAt: ago(sec) } });

interface PodOpts {
  containers?: string[];
  init?: { name: string; sidecar?: boolean }[];
  phase?: string;
  reason?: string;
  statuses?: ContainerStatus[];
  initStatuses?: ContainerStatus[];
  conditions?: { type: string; status: string; reason?: string }[];
  deleting?: boolean;
}

function pod(o: PodOpts): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(3600), ...(o.deleting ? { deletionTimestamp: ago(5) } : {}) },
    spec: {
      containers: (o.containers ?? ['app']).map((name) => ({ name, image: 'img' })),
      initContainers: o.init?.map((c) => ({ name: c.name, image: 'img', ...(c.sidecar ? { restartPolicy: 'Always' } : {}) })),
    },
    status: {
      phase: o.phase ?? 'Running',
      reason: o.reason,
      containerStatuses: o.statuses,
      initContainerStatuses: o.initStatuses,
      conditions: o.conditions?.map((c) => ({ ...c })),
    },
  };
}

const READY_TRUE = { type: 'Ready', status: 'True' };

test('pod STATUS / READY / RESTARTS follow printPod', () => {
  const cases: [string, PodOpts, string, string, string][] = [
    ['pending without statuses', { phase: 'Pending' }, '0/1', 'Pending', '0'],
    ['running and ready', { statuses: [running('app')] }, '1/1', 'Running', '0'],
    ['running but not ready', { statuses: [running('app', false)] }, '0/1', 'Running', '0'],
    ['container creating', { phase: 'Pending', statuses: [waiting('app', 'ContainerCreating')] }, '0/1', 'ContainerCreating', '0'],
    [
      'crash loop with last restart time',
      { statuses: [waiting('app', 'CrashLoopBackOff', { restartCount: 3, lastState: lastTerminated(10) })] },
      '0/1',
      'CrashLoopBackOff',
      '3 (10s ago)',
    ],
    ['restarts without a last termination', { statuses: [running('app', true, { restartCount: 2 })] }, '1/1', 'Running', '2'],
    ['completed', { phase: 'Succeeded', statuses: [terminated('app', { exitCode: 0, reason: 'Completed' })] }, '0/1', 'Completed', '0'],
    ['error', { phase: 'Failed', statuses: [terminated('app', { exitCode: 1, reason: 'Error' })] }, '0/1', 'Error', '0'],
    ['OOMKilled', { statuses: [terminated('app', { exitCode: 137, reason: 'OOMKilled' })] }, '0/1', 'OOMKilled', '0'],
    ['terminated by signal without reason', { statuses: [terminated('app', { exitCode: 137, signal: 9 })] }, '0/1', 'Signal:9', '0'],
    ['terminated by exit code without reason', { statuses: [terminated('app', { exitCode: 1 })] }, '0/1', 'ExitCode:1', '0'],
    [
      'first container state wins',
      { containers: ['a', 'b'], statuses: [waiting('a', 'ImagePullBackOff'), running('b')] },
      '1/2',
      'ImagePullBackOff',
      '0',
    ],
    [
      'completed with a running container and Ready=True',
      { containers: ['a', 'b'], statuses: [terminated('a', { exitCode: 0, reason: 'Completed' }), running('b')], conditions: [READY_TRUE] },
      '1/2',
      'Running',
      '0',
    ],
    [
      'completed with a running container, not Ready',
      { containers: ['a', 'b'], statuses: [terminated('a', { exitCode: 0, reason: 'Completed' }), running('b')] },
      '1/2',
      'NotReady',
      '0',
    ],
    [
      'init container running',
      { phase: 'Pending', init: [{ name: 'i1' }, { name: 'i2' }], initStatuses: [terminated('i1', { exitCode: 0, reason: 'Completed' }), running('i2', false)] },
      '0/1',
      'Init:1/2',
      '0',
    ],
    [
      'init container PodInitializing is ignored',
      { phase: 'Pending', init: [{ name: 'i1' }, { name: 'i2' }], initStatuses: [waiting('i1', 'PodInitializing'), waiting('i2', 'PodInitializing')] },
      '0/1',
      'Init:0/2',
      '0',
    ],
    [
      'init crash loop counts init restarts',
      {
        phase: 'Pending',
        init: [{ name: 'i1' }],
        initStatuses: [waiting('i1', 'CrashLoopBackOff', { restartCount: 4, lastState: lastTerminated(20) })],
        statuses: [waiting('app', 'PodInitializing', { restartCount: 9 })],
      },
      '0/1',
      'Init:CrashLoopBackOff',
      '4 (20s ago)',
    ],
    ['init error with reason', { phase: 'Pending', init: [{ name: 'i1' }], initStatuses: [terminated('i1', { exitCode: 1, reason: 'Error' })] }, '0/1', 'Init:Error', '0'],
    ['init killed by signal', { phase: 'Pending', init: [{ name: 'i1' }], initStatuses: [terminated('i1', { exitCode: 137, signal: 9 })] }, '0/1', 'Init:Signal:9', '0'],
    ['init exit code', { phase: 'Pending', init: [{ name: 'i1' }], initStatuses: [terminated('i1', { exitCode: 2 })] }, '0/1', 'Init:ExitCode:2', '0'],
    [
      'started sidecar counts as ready and its restarts stay',
      {
        init: [{ name: 'side', sidecar: true }],
        initStatuses: [running('side', true, { restartCount: 1, lastState: lastTerminated(30) })],
        statuses: [running('app')],
        conditions: [{ type: 'Initialized', status: 'True' }, READY_TRUE],
      },
      '2/2',
      'Running',
      '1 (30s ago)',
    ],
    [
      'sidecar not started yet blocks init',
      { phase: 'Pending', init: [{ name: 'side', sidecar: true }], initStatuses: [running('side', false, { started: false })] },
      '0/2',
      'Init:0/1',
      '0',
    ],
    [
      // A running container leaves the reason alone, so the init failure still shows.
      'Initialized=True walks regular containers and drops init restarts',
      {
        init: [{ name: 'i1' }],
        initStatuses: [terminated('i1', { exitCode: 1, reason: 'Error' }, { restartCount: 5, lastState: lastTerminated(400) })],
        statuses: [running('app', true, { restartCount: 1, lastState: lastTerminated(90) })],
        conditions: [{ type: 'Initialized', status: 'True' }],
      },
      '1/1',
      'Init:Error',
      '1 (90s ago)',
    ],
    [
      'Initialized=True lets a waiting container reason replace the init reason',
      {
        init: [{ name: 'i1' }],
        initStatuses: [terminated('i1', { exitCode: 1, reason: 'Error' })],
        statuses: [waiting('app', 'CrashLoopBackOff')],
        conditions: [{ type: 'Initialized', status: 'True' }],
      },
      '0/1',
      'CrashLoopBackOff',
      '0',
    ],
    [
      'latest restart among containers',
      {
        containers: ['a', 'b'],
        statuses: [running('a', true, { restartCount: 2, lastState: lastTerminated(300) }), running('b', true, { restartCount: 3, lastState: lastTerminated(20) })],
      },
      '2/2',
      'Running',
      '5 (20s ago)',
    ],
    ['terminating', { deleting: true, statuses: [running('app')] }, '1/1', 'Terminating', '0'],
    [
      'deleted terminal pod keeps its reason',
      { deleting: true, phase: 'Succeeded', statuses: [terminated('app', { exitCode: 0, reason: 'Completed' })] },
      '0/1',
      'Completed',
      '0',
    ],
    ['node lost', { deleting: true, reason: 'NodeLost', statuses: [running('app')] }, '1/1', 'Unknown', '0'],
    ['status.reason wins over phase', { phase: 'Failed', reason: 'Evicted' }, '0/1', 'Evicted', '0'],
    [
      'scheduling gated',
      { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
      '0/1',
      'SchedulingGated',
      '0',
    ],
    ['unschedulable stays Pending', { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] }, '0/1', 'Pending', '0'],
  ];
  for (const [name, opts, ready, status, restarts] of cases) {
    const cells = podPrinter.row(pod(opts), NOW);
    assert.deepEqual(cells.slice(0, 5), ['p', ready, status, restarts, '60m'], name);
  }
});

test('pod wide columns', () => {
  const p = pod({ statuses: [running('app')] });
  assert.deepEqual(podPrinter.row(p, NOW).slice(5), ['<none>', '<none>', '<none>', '<none>']);
  p.spec!.nodeName = 'node-a';
  p.spec!.readinessGates = [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }];
  p.status!.podIPs = [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }];
  p.status!.nominatedNodeName = 'node-b';
  p.status!.conditions = [
    { type: 'example.com/lb', status: 'True' },
    { type: 'example.com/dns', status: 'False' },
  ];
  assert.deepEqual(podPrinter.row(p, NOW).slice(5), ['10.0.0.5', 'node-a', 'node-b', '1/2']);
  p.status!.podIP = '10.0.0.9';
  assert.equal(podPrinter.row(p, NOW)[5], '10.0.0.9');
});

test('pod columns and row conditions', () => {
  assert.deepEqual(
    podPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority]),
    [
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ],
  );
  assert.deepEqual(podPrinter.conditions!(pod({ phase: 'Succeeded' })), [
    { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
  ]);
  assert.deepEqual(podPrinter.conditions!(pod({ phase: 'Failed' })), [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
  assert.equal(podPrinter.conditions!(pod({ phase: 'Running' })), undefined);
  const bare: Pod = { metadata: { name: 'x' } };
  assert.deepEqual(podPrinter.row(bare, NOW), ['x', '0/0', '', '0', '<unknown>', '<none>', '<none>', '<none>', '<none>']);
});
