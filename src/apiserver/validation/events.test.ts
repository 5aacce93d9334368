import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Event, EventsV1Event } from '../../api/types.js';
import { validateEvent, validateEventUpdate, validateEventsV1Event, validateEventsV1EventUpdate } from './events.js';
import { isDNS1123Subdomain } from './names.js';
import { lines, runCases } from './testutil.js';

const coreEvent = (): Event => ({
  metadata: { name: 'web-1.17a', namespace: 'default', resourceVersion: '1' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', apiVersion: 'v1' },
  reason: 'Scheduled',
  message: 'Successfully assigned default/web-1 to node01',
  source: { component: 'default-scheduler' },
  type: 'Normal',
  count: 1,
  firstTimestamp: '2024-01-01T00:00:00Z',
  lastTimestamp: '2024-01-01T00:00:00Z',
});

const v1Event = (): EventsV1Event => ({
  metadata: { name: 'web-1.17a', namespace: 'default', resourceVersion: '1' },
  eventTime: '2024-01-01T00:00:00.000000Z',
  regarding: { kind: 'Pod', namespace: 'default', name: 'web-1', apiVersion: 'v1' },
  reason: 'Scheduled',
  note: 'assigned',
  type: 'Normal',
  action: 'Binding',
  reportingController: 'default-scheduler',
  reportingInstance: 'default-scheduler-node01',
});

runCases('validateEvent (core/v1)', coreEvent, validateEvent, [
  { name: 'valid legacy event', mutate: () => {}, want: [] },
  { name: 'namespace must match the involved object', mutate: (e) => { e.involvedObject.namespace = 'other'; }, want: ['involvedObject.namespace: Invalid value: "other": does not match event.namespace'] },
  { name: 'cluster-scoped object events may live in default', mutate: (e) => { e.involvedObject = { kind: 'Node', name: 'node01' }; }, want: [] },
  { name: 'cluster-scoped object events elsewhere are rejected', mutate: (e) => { e.involvedObject = { kind: 'Node', name: 'node01' }; e.metadata!.namespace = 'kube-public'; }, want: ['involvedObject.namespace: Invalid value: "": does not match event.namespace'] },
  { name: 'names are only path segments', mutate: (e) => { e.metadata!.name = 'a/b'; }, want: ["metadata.name: Invalid value: \"a/b\": may not contain '/'"] },
  { name: 'upper-case names are allowed for core events', mutate: (e) => { e.metadata!.name = 'Web.1'; }, want: [] },
  {
    name: 'events with eventTime need reporting fields',
    mutate: (e) => { e.eventTime = '2024-01-01T00:00:00.000000Z'; },
    want: ['reportingController: Required value', 'reportingController: Invalid value: "": name part must be non-empty', `reportingController: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`, 'reportingInstance: Required value', 'action: Required value'],
  },
  { name: 'message limit with eventTime', mutate: (e) => { Object.assign(e, { eventTime: '2024-01-01T00:00:00Z', reportingComponent: 'c', reportingInstance: 'i', action: 'a', message: 'x'.repeat(1025) }); }, want: ['message: Invalid value: "": can have at most 1024 characters'] },
  { name: 'reason limit with eventTime', mutate: (e) => { Object.assign(e, { eventTime: '2024-01-01T00:00:00Z', reportingComponent: 'c', reportingInstance: 'i', action: 'a', reason: 'r'.repeat(129) }); }, want: ['reason: Invalid value: "": can have at most 128 characters'] },
]);

test('validateEventUpdate (core/v1): only the legacy rules', () => {
  const e = coreEvent();
  e.count = 2;
  e.message = 'changed';
  assert.deepEqual(lines(validateEventUpdate(e, coreEvent())), []);
});

runCases('validateEventsV1Event', v1Event, validateEventsV1Event, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'eventTime required', mutate: (e) => { delete (e as Partial<EventsV1Event>).eventTime; }, want: ['eventTime: Required value'] },
  { name: 'type must be Normal or Warning', mutate: (e) => { e.type = 'Info'; }, want: ['type: Invalid value: "": has invalid value: Info'] },
  { name: 'reportingController required', mutate: (e) => { e.reportingController = ''; }, want: ['reportingController: Required value', 'reportingController: Invalid value: "": name part must be non-empty', `reportingController: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`] },
  { name: 'reportingController is a qualified name', mutate: (e) => { e.reportingController = 'a b'; }, want: [`reportingController: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`] },
  { name: 'reportingInstance limit', mutate: (e) => { e.reportingInstance = 'i'.repeat(129); }, want: ['reportingInstance: Invalid value: "": can have at most 128 characters'] },
  { name: 'action required', mutate: (e) => { e.action = ''; }, want: ['action: Required value'] },
  { name: 'action limit', mutate: (e) => { e.action = 'a'.repeat(129); }, want: ['action: Invalid value: "": can have at most 128 characters'] },
  { name: 'reason required', mutate: (e) => { e.reason = ''; }, want: ['reason: Required value'] },
  { name: 'note limit (reported as message)', mutate: (e) => { e.note = 'n'.repeat(1025); }, want: ['message: Invalid value: "": can have at most 1024 characters'] },
  { name: 'name must be a DNS subdomain', mutate: (e) => { e.metadata!.name = 'Web'; }, want: [`metadata.name: Invalid value: "Web": ${isDNS1123Subdomain('Web')[0]}`] },
  { name: 'deprecated fields must be unset', mutate: (e) => { e.deprecatedCount = 3; e.deprecatedSource = { component: 'x' }; e.deprecatedFirstTimestamp = '2024-01-01T00:00:00Z'; }, want: ['count: Invalid value: "": needs to be unset', 'source: Invalid value: "": needs to be unset', 'firstTimestamp: Invalid value: "": needs to be unset'] },
  { name: 'series needs count >= 2 and lastObservedTime', mutate: (e) => { e.series = { count: 1 } as EventsV1Event['series']; }, want: ['series.count: Invalid value: "": should be at least 2', 'series.lastObservedTime: Required value'] },
  { name: 'regarding without namespace only in default or kube-system', mutate: (e) => { e.regarding!.namespace = ''; e.metadata!.namespace = 'team'; }, want: ['involvedObject.namespace: Invalid value: "": does not match event.namespace'] },
  { name: 'regarding namespace is not compared once eventTime is set', mutate: (e) => { e.regarding!.namespace = 'other'; }, want: [] },
]);

runCases('validateEventsV1EventUpdate', v1Event, (e) => validateEventsV1EventUpdate(e, v1Event()), [
  { name: 'series may be added', mutate: (e) => { e.series = { count: 2, lastObservedTime: '2024-01-01T00:01:00.000000Z' }; }, want: [] },
  { name: 'note is immutable', mutate: (e) => { e.note = 'other'; }, want: ['message: Invalid value: "other": field is immutable'] },
  { name: 'action is immutable', mutate: (e) => { e.action = 'Other'; }, want: ['action: Invalid value: "Other": field is immutable'] },
  {
    name: 'regarding is immutable',
    mutate: (e) => { e.regarding!.name = 'web-2'; },
    want: ['involvedObject: Invalid value: core.ObjectReference{Kind:"Pod", Namespace:"default", Name:"web-2", UID:"", APIVersion:"v1", ResourceVersion:"", FieldPath:""}: field is immutable'],
  },
  { name: 'eventTime is immutable', mutate: (e) => { e.eventTime = '2024-01-02T03:04:05.5Z'; }, want: ['eventTime: Invalid value: 2024-01-02 03:04:05.5 +0000 UTC: field is immutable'] },
]);
