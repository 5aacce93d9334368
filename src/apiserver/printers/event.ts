/**
 * Event Tables (upstream printEvent). events.k8s.io/v1 events share storage with core/v1 events
 * upstream and are printed by the same function after conversion, so they are mapped onto the
 * core shape first.
 */
import type { Event, EventsV1Event } from '../../api/types.js';
import { timeSince } from '../../util/duration.js';
import { column, nameOf } from './common.js';
import type { Cell, TablePrinter } from './types.js';

/** The fields printEvent reads, named as on core/v1 events. */
interface EventView {
  name: string;
  type: string;
  reason: string;
  kind: string;
  objectName: string;
  fieldPath: string;
  component: string;
  host: string;
  reportingController: string;
  reportingInstance: string;
  message: string;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count: number;
  series?: { count?: number; lastObservedTime?: string };
}

function coreView(e: Event): EventView {
  return {
    name: nameOf(e.metadata),
    type: e.type ?? '',
    reason: e.reason ?? '',
    kind: e.involvedObject?.kind ?? '',
    objectName: e.involvedObject?.name ?? '',
    fieldPath: e.involvedObject?.fieldPath ?? '',
    component: e.source?.component ?? '',
    host: e.source?.host ?? '',
    reportingController: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
    message: e.message ?? '',
    firstTimestamp: e.firstTimestamp,
    lastTimestamp: e.lastTimestamp,
    eventTime: e.eventTime,
    count: e.count ?? 0,
    series: e.series,
  };
}

/** Convert_v1_Event_To_core_Event: regarding→involvedObject, note→message, deprecated* → source/timestamps/count. */
function eventsV1View(e: EventsV1Event): EventView {
  return {
    name: nameOf(e.metadata),
    type: e.type ?? '',
    reason: e.reason ?? '',
    kind: e.regarding?.kind ?? '',
    objectName: e.regarding?.name ?? '',
    fieldPath: e.regarding?.fieldPath ?? '',
    component: e.deprecatedSource?.component ?? '',
    host: e.deprecatedSource?.host ?? '',
    reportingController: e.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
    message: e.note ?? '',
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    eventTime: e.eventTime,
    count: e.deprecatedCount ?? 0,
    series: e.series,
  };
}

/** formatEventSource: component (or reporting controller), then `, host` (or reporting instance) when set. */
const eventSource = (v: EventView): string => {
  const component = v.component || v.reportingController;
  const instance = v.host || v.reportingInstance;
  return instance ? `${component}, ${instance}` : component;
};

function eventCells(v: EventView, now: number): Cell[] {
  const first = v.firstTimestamp ? timeSince(v.firstTimestamp, now) : timeSince(v.eventTime, now);
  let last = v.lastTimestamp ? timeSince(v.lastTimestamp, now) : first;
  let count = v.count;
  if (v.series) {
    last = timeSince(v.series.lastObservedTime, now);
    count = v.series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  const kind = v.kind.toLowerCase();
  const target = v.objectName ? `${kind}/${v.objectName}` : kind;
  return [last, v.type, v.reason, target, v.fieldPath, eventSource(v), v.message.trim(), first, count, v.name];
}

const eventColumns = [
  column('Last Seen', 'string', 'Time since the event was last observed.'),
  column('Type', 'string', 'Severity of the event (Normal or Warning).'),
  column('Reason', 'string', 'Short machine-readable cause of the event.'),
  column('Object', 'string', 'The object the event is about, as kind/name.'),
  column('Subobject', 'string', 'Part of the object the event concerns, such as a container.', 1),
  column('Source', 'string', 'Component (and host) that reported the event.', 1),
  column('Message', 'string', 'Human-readable description of the event.'),
  column('First Seen', 'string', 'Time since the event was first observed.', 1),
  column('Count', 'string', 'How many times the event has occurred.', 1),
  column('Name', 'string', 'Name of the event object.', 1, 'name'),
];

/** core/v1 events: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME. */
export const eventPrinter: TablePrinter<Event> = {
  columns: eventColumns,
  row: (e: Event, now: number): Cell[] => eventCells(coreView(e), now),
};

/** events.k8s.io/v1 events: the same Table, read through the v1→core field mapping. */
export const eventsV1Printer: TablePrinter<EventsV1Event> = {
  columns: eventColumns,
  row: (e: EventsV1Event, now: number): Cell[] => eventCells(eventsV1View(e), now),
};
