import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Event, EventsV1Event } from '../../api/types.js';
import { eventPrinter, eventsV1Printer } from './event.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (sec: number): string => new Date(NOW - sec * 1000).toISOString();

function ev(extra: Partial<Event>): Event {
  return {
    metadata: { name: 'web-1.17c1', namespace: 'default', creationTimestamp: ago(600) },
    involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{app}' },
    reason: 'Pulled',
    type: 'Normal',
    message: '  Successfully pulled image "nginx"\n',
    source: { component: 'kubelet', host: 'node-a' },
    ...extra,
  };
}

test('core/v1 event columns', () => {
  assert.deepEqual(
    eventPrinter.columns.map((c) => `${c.name}:${c.priority}${c.format ? `:${c.format}` : ''}`),
    ['Last Seen:0', 'Type:0', 'Reason:0', 'Object:0', 'Subobject:1', 'Source:1', 'Message:0', 'First Seen:1', 'Count:1', 'Name:1:name'],
  );
});

test('core/v1 event rows', () => {
  const cases: [string, Event, (string | number)[]][] = [
    [
      'classic event with first/last timestamps and count',
      ev({ firstTimestamp: ago(300), lastTimestamp: ago(20), count: 4 }),
      ['20s', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{app}', 'kubelet, node-a', 'Successfully pulled image "nginx"', '5m', 4, 'web-1.17c1'],
    ],
    [
      'no lastTimestamp: last = first; count defaults to 1',
      ev({ firstTimestamp: ago(30) }),
      ['30s', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{app}', 'kubelet, node-a', 'Successfully pulled image "nginx"', '30s', 1, 'web-1.17c1'],
    ],
    [
      'new-style event with eventTime and reporting controller',
      ev({ eventTime: ago(45), source: undefined, reportingComponent: 'default-scheduler', reportingInstance: 'sched-1', type: 'Warning', reason: 'FailedScheduling', message: '0/1 nodes are available' }),
      ['45s', 'Warning', 'FailedScheduling', 'pod/web-1', 'spec.containers{app}', 'default-scheduler, sched-1', '0/1 nodes are available', '45s', 1, 'web-1.17c1'],
    ],
    [
      'series overrides last seen and count',
      ev({ eventTime: ago(3600), series: { count: 7, lastObservedTime: ago(5) }, count: 2 }),
      ['5s', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{app}', 'kubelet, node-a', 'Successfully pulled image "nginx"', '60m', 7, 'web-1.17c1'],
    ],
    [
      'no timestamps at all, no involved name, source without host',
      ev({ involvedObject: { kind: 'Node' }, source: { component: 'kubelet' } }),
      ['<unknown>', 'Normal', 'Pulled', 'node', '', 'kubelet', 'Successfully pulled image "nginx"', '<unknown>', 1, 'web-1.17c1'],
    ],
    [
      'component falls back to reporting controller, host to reporting instance',
      ev({ lastTimestamp: ago(2), firstTimestamp: ago(2), source: { host: 'node-b' }, reportingComponent: 'ctrl', reportingInstance: 'ignored' }),
      ['2s', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{app}', 'ctrl, node-b', 'Successfully pulled image "nginx"', '2s', 1, 'web-1.17c1'],
    ],
  ];
  for (const [name, e, want] of cases) assert.deepEqual(eventPrinter.row(e, NOW), want, name);
});

test('events.k8s.io/v1 events print through the core mapping', () => {
  const e: EventsV1Event = {
    metadata: { name: 'web.1', namespace: 'default' },
    eventTime: ago(120),
    reportingController: 'skiff/deployment-controller',
    reportingInstance: 'skiff-0',
    action: 'Scale',
    reason: 'ScalingReplicaSet',
    regarding: { kind: 'Deployment', name: 'web' },
    note: 'Scaled up replica set web-abc to 3',
    type: 'Normal',
  };
  assert.deepEqual(eventsV1Printer.row(e, NOW), [
    '2m',
    'Normal',
    'ScalingReplicaSet',
    'deployment/web',
    '',
    'skiff/deployment-controller, skiff-0',
    'Scaled up replica set web-abc to 3',
    '2m',
    1,
    'web.1',
  ]);
  const legacy: EventsV1Event = {
    ...e,
    deprecatedSource: { component: 'kubelet', host: 'node-a' },
    deprecatedFirstTimestamp: ago(600),
    deprecatedLastTimestamp: ago(60),
    deprecatedCount: 3,
    series: { count: 9, lastObservedTime: ago(1) },
  };
  assert.deepEqual(eventsV1Printer.row(legacy, NOW), [
    '1s',
    'Normal',
    'ScalingReplicaSet',
    'deployment/web',
    '',
    'kubelet, node-a',
    'Scaled up replica set web-abc to 3',
    '10m',
    9,
    'web.1',
  ]);
  assert.deepEqual(eventsV1Printer.columns, eventPrinter.columns);
});
