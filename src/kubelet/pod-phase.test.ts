import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerStatus, PodSpec } from '../api/types.js';
import { hasAnyRegularContainerStarted, podPhase, type PodPhaseOptions } from './pod-phase.js';

const T = '2024-01-01T00:00:00Z';
const base = (name: string): ContainerStatus => ({ name, image: 'x', imageID: '', ready: false, restartCount: 0 });
const running = (name: string, started = true): ContainerStatus => ({ ...base(name), started, state: { running: { startedAt: T } } });
const waiting = (name: string, reason = 'ContainerCreating'): ContainerStatus => ({ ...base(name), state: { waiting: { reason } } });
const exited = (name: string, exitCode: number): ContainerStatus => ({ ...base(name), state: { terminated: { exitCode, reason: exitCode ? 'Error' : 'Completed' } } });
/** Waiting in CrashLoopBackOff after an exit with `exitCode`. */
const backoff = (name: string, exitCode: number): ContainerStatus => ({
  ...base(name),
  state: { waiting: { reason: 'CrashLoopBackOff' } },
  lastState: { terminated: { exitCode } },
});
const noState = (name: string): ContainerStatus => ({ ...base(name), state: {} });

const spec = (restartPolicy: string, containers: string[], init: string[] = [], sidecars: string[] = []): PodSpec => ({
  restartPolicy,
  containers: containers.map((name) => ({ name, image: 'x' })),
  initContainers: [
    ...sidecars.map((name) => ({ name, image: 'x', restartPolicy: 'Always' })),
    ...init.map((name) => ({ name, image: 'x' })),
  ],
});

interface Row {
  name: string;
  /** The upstream rule (getPhase / generateAPIPodStatus branch) the row exercises. */
  rule: string;
  spec: PodSpec;
  init?: ContainerStatus[];
  statuses: ContainerStatus[];
  opts?: PodPhaseOptions;
  want: string;
}

const two = (p: string) => spec(p, ['a', 'b']);

const rows: Row[] = [
  // restartPolicy Always
  { name: 'Always: all running', rule: 'running > 0 && unknown == 0 → Running', spec: two('Always'), statuses: [running('a'), running('b')], want: 'Running' },
  { name: 'Always: all stopped', rule: 'all stopped, RestartPolicyAlways → Running (restarting)', spec: two('Always'), statuses: [exited('a', 0), exited('b', 1)], want: 'Running' },
  { name: 'Always: all stopped with success', rule: 'RestartPolicyAlways is checked before stopped == succeeded', spec: two('Always'), statuses: [exited('a', 0), exited('b', 0)], want: 'Running' },
  { name: 'Always: running and stopped', rule: 'running > 0 && unknown == 0 → Running', spec: two('Always'), statuses: [running('a'), exited('b', 1)], want: 'Running' },
  { name: 'Always: running and waiting', rule: 'waiting > 0 → Pending', spec: two('Always'), statuses: [running('a'), waiting('b')], want: 'Pending' },
  { name: 'Always: all waiting (ContainerCreating)', rule: 'waiting > 0 → Pending', spec: two('Always'), statuses: [waiting('a'), waiting('b')], want: 'Pending' },
  { name: 'Always: crash-looping container is stopped, not waiting', rule: 'Waiting with LastTerminationState counts as stopped', spec: two('Always'), statuses: [running('a'), backoff('b', 1)], want: 'Running' },
  { name: 'Always: every container crash-looping', rule: 'all stopped (via LastTerminationState), Always → Running', spec: two('Always'), statuses: [backoff('a', 1), backoff('b', 2)], want: 'Running' },
  { name: 'Always: a container without status', rule: 'missing status → unknown; running > 0 but unknown > 0 → default Pending', spec: two('Always'), statuses: [running('a')], want: 'Pending' },
  { name: 'Always: a status with no state', rule: 'empty State → unknown → default Pending', spec: two('Always'), statuses: [running('a'), noState('b')], want: 'Pending' },
  { name: 'Always: no statuses at all', rule: 'only unknown containers → default Pending', spec: two('Always'), statuses: [], want: 'Pending' },
  { name: 'Always: stopped and terminal pod with a failure', rule: 'podIsTerminal → stopped != succeeded → Failed', spec: two('Always'), statuses: [exited('a', 0), exited('b', 137)], opts: { podIsTerminal: true }, want: 'Failed' },
  { name: 'Always: stopped and terminal pod, all succeeded', rule: 'podIsTerminal → stopped == succeeded → Succeeded', spec: two('Always'), statuses: [exited('a', 0), exited('b', 0)], opts: { podIsTerminal: true }, want: 'Succeeded' },
  { name: 'Always: terminal static pod keeps Running', rule: 'podIsTerminal is ignored for static pods (TODO #116484)', spec: two('Always'), statuses: [exited('a', 0), exited('b', 0)], opts: { podIsTerminal: true, isStaticPod: true }, want: 'Running' },
  // restartPolicy Never
  { name: 'Never: all succeeded', rule: 'all stopped, stopped == succeeded → Succeeded', spec: two('Never'), statuses: [exited('a', 0), exited('b', 0)], want: 'Succeeded' },
  { name: 'Never: all stopped, one failed', rule: 'RestartPolicyNever with a failure → Failed', spec: two('Never'), statuses: [exited('a', 0), exited('b', 1)], want: 'Failed' },
  { name: 'Never: one running, one succeeded', rule: 'running > 0 → Running', spec: two('Never'), statuses: [running('a'), exited('b', 0)], want: 'Running' },
  { name: 'Never: one running, one failed', rule: 'running > 0 → Running (failure only counts once all stopped)', spec: two('Never'), statuses: [running('a'), exited('b', 1)], want: 'Running' },
  { name: 'Never: one waiting, one failed', rule: 'waiting > 0 → Pending', spec: two('Never'), statuses: [waiting('a'), exited('b', 1)], want: 'Pending' },
  { name: 'Never: init container failed', rule: 'failedInitialization > 0 && RestartPolicyNever → Failed', spec: spec('Never', ['a'], ['init']), init: [exited('init', 1)], statuses: [waiting('a', 'PodInitializing')], want: 'Failed' },
  { name: 'Never: init container succeeded, main running', rule: 'init completed, running > 0 → Running', spec: spec('Never', ['a'], ['init']), init: [exited('init', 0)], statuses: [running('a')], want: 'Running' },
  // restartPolicy OnFailure
  { name: 'OnFailure: all succeeded', rule: 'stopped == succeeded → Succeeded', spec: two('OnFailure'), statuses: [exited('a', 0), exited('b', 0)], want: 'Succeeded' },
  { name: 'OnFailure: all stopped, one failed', rule: 'OnFailure with a failure → Running (restarting)', spec: two('OnFailure'), statuses: [exited('a', 0), exited('b', 1)], want: 'Running' },
  { name: 'OnFailure: failed container in back-off', rule: 'Waiting + LastTerminationState → stopped, not succeeded → Running', spec: two('OnFailure'), statuses: [exited('a', 0), backoff('b', 1)], want: 'Running' },
  { name: 'OnFailure: running and waiting', rule: 'waiting > 0 → Pending', spec: two('OnFailure'), statuses: [running('a'), waiting('b')], want: 'Pending' },
  { name: 'OnFailure: terminal pod with a failure', rule: 'podIsTerminal overrides the restart policy → Failed', spec: two('OnFailure'), statuses: [exited('a', 0), exited('b', 1)], opts: { podIsTerminal: true }, want: 'Failed' },
  { name: 'OnFailure: init container failed, retried', rule: 'failedInitialization without Never does not fail; main waiting → Pending', spec: spec('OnFailure', ['a'], ['init']), init: [backoff('init', 1)], statuses: [waiting('a', 'PodInitializing')], want: 'Pending' },
  // init containers
  { name: 'init container waiting', rule: 'regular init Waiting without last state → pendingRegularInitContainers → Pending', spec: spec('Always', ['a'], ['init']), init: [waiting('init', 'PodInitializing')], statuses: [waiting('a', 'PodInitializing')], want: 'Pending' },
  { name: 'init container running', rule: 'regular init Running → pending → Pending', spec: spec('Always', ['a'], ['init']), init: [running('init')], statuses: [waiting('a', 'PodInitializing')], want: 'Pending' },
  { name: 'init container missing status', rule: 'regular init without status → pending → Pending', spec: spec('Always', ['a'], ['init']), init: [], statuses: [waiting('a', 'PodInitializing')], want: 'Pending' },
  { name: 'second init container pending while main is not started', rule: 'pendingRegularInitContainers > 0 → Pending', spec: spec('Always', ['a'], ['i1', 'i2']), init: [exited('i1', 0), running('i2')], statuses: [waiting('a', 'PodInitializing')], want: 'Pending' },
  { name: 'init running after a node reboot while main terminated', rule: 'pendingRegularInitContainers is not excused by podHasInitialized (#126653)', spec: spec('Always', ['a'], ['init']), init: [running('init')], statuses: [exited('a', 0)], want: 'Pending' },
  { name: 'Always: init failed then main running (restart)', rule: 'failed init with Always does not fail the pod', spec: spec('Always', ['a'], ['init']), init: [exited('init', 1)], statuses: [running('a')], want: 'Running' },
  // sidecars (restartable init containers)
  { name: 'sidecar running, not started yet', rule: 'restartable init Running && !Started → pendingRestartableInit → Pending', spec: spec('Always', ['a'], [], ['side']), init: [running('side', false)], statuses: [waiting('a', 'PodInitializing')], want: 'Pending' },
  { name: 'sidecar started, main running', rule: 'sidecar counts as running → Running', spec: spec('Always', ['a'], [], ['side']), init: [running('side')], statuses: [running('a')], want: 'Running' },
  { name: 'sidecar waiting for the first time', rule: 'restartable init Waiting without last state → waiting → Pending', spec: spec('Always', ['a'], [], ['side']), init: [waiting('side')], statuses: [waiting('a', 'PodInitializing')], want: 'Pending' },
  { name: 'sidecar restarting after init, main running', rule: 'pendingRestartableInit excused once a regular container started', spec: spec('Always', ['a'], [], ['side']), init: [running('side', false)], statuses: [running('a')], want: 'Running' },
  { name: 'sidecar crash-looping, main running', rule: 'restartable init Waiting with last state is ignored', spec: spec('Always', ['a'], [], ['side']), init: [backoff('side', 1)], statuses: [running('a')], want: 'Running' },
  { name: 'Never: job done, sidecar terminated', rule: 'terminated sidecars do not count; stopped == succeeded → Succeeded', spec: spec('Never', ['a'], [], ['side']), init: [exited('side', 137)], statuses: [exited('a', 0)], want: 'Succeeded' },
  { name: 'Never: job done, sidecar still running', rule: 'a running sidecar keeps running > 0 → Running', spec: spec('Never', ['a'], [], ['side']), init: [running('side')], statuses: [exited('a', 0)], want: 'Running' },
  { name: 'sidecar without status', rule: 'restartable init without status → unknown → default Pending', spec: spec('Always', ['a'], [], ['side']), init: [], statuses: [running('a')], want: 'Pending' },
  // the terminal-phase merge of generateAPIPodStatus
  { name: 'cached terminal phase is kept', rule: 'oldPodStatus.Phase terminal → s.Phase = oldPodStatus.Phase', spec: two('Always'), statuses: [running('a'), running('b')], opts: { previousPhase: 'Succeeded' }, want: 'Succeeded' },
  { name: 'API terminal phase is kept', rule: 'pod.Status.Phase terminal → s.Phase = pod.Status.Phase', spec: two('Always'), statuses: [waiting('a'), waiting('b')], opts: { apiPhase: 'Failed' }, want: 'Failed' },
  { name: 'API terminal phase wins over another terminal phase', rule: 'illegal phase transition forced back to the API phase', spec: two('Never'), statuses: [exited('a', 0), exited('b', 0)], opts: { apiPhase: 'Failed' }, want: 'Failed' },
  { name: 'non-terminal previous phase does not stick', rule: 'only terminal phases are preserved', spec: two('Always'), statuses: [running('a'), running('b')], opts: { previousPhase: 'Pending', apiPhase: 'Pending' }, want: 'Running' },
];

describe('podPhase', () => {
  it('has at least 30 table rows', () => assert.ok(rows.length >= 30));
  for (const r of rows) {
    it(`${r.name} [${r.rule}]`, () => {
      assert.equal(podPhase(r.spec, r.init ?? [], r.statuses, r.opts), r.want);
    });
  }

  it('defaults restartPolicy to Always', () => {
    assert.equal(podPhase({ containers: [{ name: 'a' }] }, [], [exited('a', 0)]), 'Running');
  });

  it('lets the caller say the pod was initialized (sandbox recreated)', () => {
    const s = spec('Always', ['a'], [], ['side']);
    // After a sandbox re-creation the old main container terminated; upstream 1.33 passes the
    // active-sandbox view. With podHasInitialized false the restarting sidecar makes it Pending.
    assert.equal(podPhase(s, [running('side', false)], [exited('a', 0)], { podHasInitialized: false }), 'Pending');
    assert.equal(podPhase(s, [running('side', false)], [exited('a', 0)]), 'Running');
  });
});

describe('hasAnyRegularContainerStarted', () => {
  const s = spec('Always', ['a'], ['init']);
  it('is false while only init containers ran', () => assert.equal(hasAnyRegularContainerStarted(s, [running('init'), waiting('a')]), false));
  it('is true once a regular container runs', () => assert.equal(hasAnyRegularContainerStarted(s, [exited('init', 0), running('a')]), true));
  it('is true for a terminated regular container', () => assert.equal(hasAnyRegularContainerStarted(s, [exited('a', 1)]), true));
});
